package io.hilbench.scenario;

import io.hilbench.rig.Corner;
import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.TraceNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The options are built with the seven-argument constructor and the {@code with…} methods, equal to the canonical form. */
class BenchOptionsTest {
    final BenchOptions base = new BenchOptions(Path.of("rigs/solrod"), Path.of("features"), BenchOptions.ControllerKind.REFERENCE,
            null, Pacing.lockstep(), 7L, Path.of("target/opts"));

    @Test
    void theBuildersEqualTheCanonicalConstructor() {
        assertThat(base.plantParams()).isEmpty();
        assertThat(base.portOffset()).isZero();
        assertThat(base.corner()).isEqualTo(Corner.NOMINAL).isEqualTo(TraceNames.NOMINAL).isEqualTo(RunUnits.NOMINAL);
        BenchOptions built = base.withPlantParams(List.of("gasCooler.co2SideUaNominalWPerK=300000")).withPortOffset(100).withCorner(" fouled ");
        BenchOptions canonical = new BenchOptions(base.rigDir(), base.featuresDir(), base.controller(), null, base.pacing(), 7L, base.reportDir(),
                List.of("gasCooler.co2SideUaNominalWPerK=300000"), 100, "fouled");
        assertThat(built).isEqualTo(canonical);
        assertThat(built.sameBench(canonical)).isTrue();
        assertThat(base.withPortOffset(100).sameBench(base)).as("another port offset is another bench").isFalse();
        assertThat(base.withCorner(null).corner()).isEqualTo(Corner.NOMINAL);
        assertThatThrownBy(() -> base.withPortOffset(-1)).hasMessage("--port-offset must be 0 or more, was -1");
    }
}
