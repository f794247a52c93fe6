package io.hilbench.scenario;

import io.hilbench.runtime.Pacing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A bench session that cannot start fails the scenario that asked for it, and the next scenario tries again (issue #14
 * item 11). On main the first failure was kept and rethrown: one controller slow to start on a loaded machine failed
 * all 18 scenarios of RunFeaturesTest.
 */
class BenchSessionRetryTest {
    @TempDir
    Path dir;

    @AfterEach
    void close() { BenchSession.closeCurrent(); }

    @Test
    void aSessionThatFailedToStartIsTriedAgainForTheNextScenario() {
        BenchOptions o = new BenchOptions(dir.resolve("no-such-rig"), Path.of("features"), BenchOptions.ControllerKind.REFERENCE,
                null, Pacing.lockstep(), null, dir.resolve("report"));
        Throwable first = catchThrowable(() -> BenchSession.obtain(o));
        Throwable second = catchThrowable(() -> BenchSession.obtain(o));
        assertThat(first).isNotNull();
        assertThat(second).as("a new attempt, not the first failure rethrown").isNotNull().isNotSameAs(first);
        assertThat(BenchSession.running()).isEmpty();
    }

    /**
     * A second run on the same bench with another report folder keeps the session (the same controller process) but
     * writes to its own folder. On main it kept the first run's folder: in CI, EvidenceBundleTest's bench run came after
     * a Cucumber run in the same test JVM, its verdicts.json went to that run's folder and it wrote no evidence (exit 2).
     */
    @Test
    void theSameBenchForAnotherRunWritesToThatRunsFolder() throws Exception {
        BenchOptions first = new BenchOptions(Path.of("rigs/solrod"), Path.of("features"), BenchOptions.ControllerKind.REFERENCE,
                null, Pacing.lockstep(), null, dir.resolve("first"));
        BenchSession s1 = BenchSession.obtain(first);
        BenchSession s2 = BenchSession.obtain(first.withReportDir(dir.resolve("second")));
        assertThat(s2).as("the same bench: the session (and its controller) is kept").isSameAs(s1);
        assertThat(s2.options().reportDir()).isEqualTo(dir.resolve("second"));
    }
}
