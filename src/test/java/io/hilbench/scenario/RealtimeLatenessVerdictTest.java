package io.hilbench.scenario;

import io.hilbench.rig.BenchAssembly;
import io.hilbench.rig.PlantModels;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Pacing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN §4/§8: a real-time run whose p99 step lateness exceeds the rig's {@code realtime.lateness_p99_limit_ms} is
 * inconclusive, not passed. The scenario's judge asks {@link World#latenessOverLimit} before it evaluates any
 * assertion; here on a real-time plant run (no controller needed in real time) with a limit no loop can meet and with
 * one every loop meets.
 */
class RealtimeLatenessVerdictTest {
    @TempDir
    Path tmp;

    private BenchAssembly bench(String limitMs) throws Exception {
        Path dir = tmp.resolve("rig-" + limitMs);
        Files.createDirectories(dir);
        for (String f : List.of("points.csv", "controller.csv")) Files.copy(Path.of("rigs/vendor-example", f), dir.resolve(f));
        Files.writeString(dir.resolve("rig.yaml"), Files.readString(Path.of("rigs/vendor-example/rig.yaml"))
                .replace("lateness_p99_limit_ms: 2.0", "lateness_p99_limit_ms: " + limitMs)
                .replace("  anonymous: true", "  anonymous: true\n  pki_dir: " + tmp.resolve("pki").toString().replace('\\', '/')));
        Rig rig = RigLoader.loadDefault(dir);
        BenchAssembly b = new BenchAssembly(rig, PlantModels.create(rig), BenchAssembly.Options.defaults().withPacing(Pacing.realtime()).withPorts(0, 0));
        b.start();
        return b;
    }

    @Test
    void lateStepsOverTheRigsLimitMakeTheVerdictInconclusiveAndStepsWithinItDoNot() throws Exception {
        BenchAssembly strict = bench("0.000001");   // 1 ns: every published step is later than its deadline by more
        try {
            await("ten real-time steps").atMost(Duration.ofSeconds(20)).until(() -> strict.emulator().timingLog().size() >= 10);
            assertThat(World.latenessOverLimit(strict.emulator())).isNotNull()
                    .contains("p99 step lateness").contains("over the rig's limit 0.000 ms").contains("realtime.lateness_p99_limit_ms");
        } finally {
            strict.stop();
        }
        BenchAssembly loose = bench("10000");      // 10 s: no step is that late
        try {
            await("ten real-time steps").atMost(Duration.ofSeconds(20)).until(() -> loose.emulator().timingLog().size() >= 10);
            assertThat(World.latenessOverLimit(loose.emulator())).isNull();
        } finally {
            loose.stop();
        }
    }
}
