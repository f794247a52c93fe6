package io.hilbench.scenario;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller child's start-up wait (issue #14 item 11): it waits while the child makes progress, however slow, and
 * gives up on a child that exited or shows no progress at all. On main a fixed 90 s ran out at load ~35 for a child
 * that was only starved of CPU.
 */
class ControllerProcessReadyTest {
    private static final Duration LONG = Duration.ofMinutes(10);

    @Test
    void theControllerJvmTakesItsOptionsFromTheEnvironmentWhenSetAndTheDefaultOtherwise() {
        assertThat(ControllerProcess.jvmOptions(java.util.Map.of(ControllerProcess.JVM_OPTIONS_ENV, " -XX:TieredStopAtLevel=1   -Xmx64m ")))
                .containsExactly("-XX:TieredStopAtLevel=1", "-Xmx64m");
        assertThat(ControllerProcess.jvmOptions(java.util.Map.of(ControllerProcess.JVM_OPTIONS_ENV, " "))).as("blank: none").isEmpty();
        String d = ControllerProcess.DEFAULT_JVM_OPTIONS.trim();
        assertThat(ControllerProcess.jvmOptions(java.util.Map.of())).isEqualTo(d.isEmpty() ? java.util.List.of() : java.util.List.of(d.split("\\s+")));
        java.util.List<String> cmd = ControllerProcess.command(java.nio.file.Path.of("rigs/solrod"), "127.0.0.1:1502", null);
        assertThat(cmd.indexOf("-cp")).as("JVM options before the class path").isEqualTo(1 + ControllerProcess.jvmOptions(System.getenv()).size());
    }

    @Test
    void aChildThatKeepsProgressingIsWaitedForHoweverLongItTakes() {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        AtomicInteger looks = new AtomicInteger();
        // a progress mark that grows on every look and says ready at the 8th: more looks (250 ms each) than the
        // no-progress limit of 1 ms would allow if progress were not counted
        ControllerProcess.ProgressSource progress = () -> {
            int n = looks.incrementAndGet();
            if (n == 8) ready.complete(true);
            return n * ControllerProcess.CPU_PROGRESS.toNanos();
        };
        assertThat(ControllerProcess.awaitReady(ready, progress, Duration.ofMillis(1), LONG)).isNull();
        assertThat(looks.get()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void aChildWithoutProgressIsGivenUpAfterTheLimit() {
        String why = ControllerProcess.awaitReady(new CompletableFuture<>(), () -> 42, Duration.ofMillis(100), LONG);
        assertThat(why).startsWith("no progress (no output, no CPU time) for");
    }

    @Test
    void aChildThatExitedIsGivenUpAtOnce() {
        assertThat(ControllerProcess.awaitReady(new CompletableFuture<>(), () -> -1, LONG, LONG)).isEqualTo("it exited");
        CompletableFuture<Boolean> ended = CompletableFuture.completedFuture(false);
        assertThat(ControllerProcess.awaitReady(ended, () -> 0, LONG, LONG)).contains("it exited");
    }

    @Test
    void aChildThatWorksForeverWithoutGettingReadyMeetsTheCeiling() {
        AtomicInteger looks = new AtomicInteger();
        String why = ControllerProcess.awaitReady(new CompletableFuture<>(),
                () -> looks.incrementAndGet() * ControllerProcess.CPU_PROGRESS.toNanos(), LONG, Duration.ofMillis(1));
        assertThat(why).startsWith("still not ready after");
    }
}
