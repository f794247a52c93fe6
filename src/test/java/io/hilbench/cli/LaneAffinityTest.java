package io.hilbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A CPU per lane of a parallel run (issue #17): which CPUs, when, and the worker's command line. */
class LaneAffinityTest {
    @Test
    void theKernelsCpuListsAreRead() {
        assertThat(LaneAffinity.parseCpuList("0-1\n")).containsExactly(0, 1);
        assertThat(LaneAffinity.parseCpuList(" 0,2-4,7")).containsExactly(0, 2, 3, 4, 7);
        assertThat(LaneAffinity.parseCpuList("3")).containsExactly(3);
        assertThatThrownBy(() -> LaneAffinity.parseCpuList("0-x")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void lanesTakeTheHighestCpusAndAreNeverSharedOrPinnedAlone() {
        assertThat(LaneAffinity.plan(2, List.of(0, 1))).containsExactly("1", "0");
        assertThat(LaneAffinity.plan(2, List.of(0, 2, 3, 4, 7))).containsExactly("7", "4");
        assertThat(LaneAffinity.plan(3, List.of(0, 1))).as("more lanes than CPUs: two lanes would share one").isEmpty();
        assertThat(LaneAffinity.plan(1, List.of(0, 1))).as("one lane: nothing to keep apart").isEmpty();
        assertThat(LaneAffinity.plan(2, List.of())).as("no CPU list (not Linux)").isEmpty();
    }

    @Test
    void thePinnedWorkerRunsUnderTasksetAndTheSwitchTurnsItOff() {
        List<String> worker = List.of("java", "-cp", "bench.jar", "io.hilbench.cli.BenchCommand", "run", "--worker");
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");
        String taskset = LaneAffinity.taskset(env);
        if (taskset != null) {
            assertThat(LaneAffinity.command(List.of("1", "0"), 1, worker, env)).startsWith(taskset, "-c", "0").endsWith(worker.toArray(String[]::new));
        }
        assertThat(LaneAffinity.command(List.of(), 0, worker, env)).isEqualTo(worker);
        assertThat(LaneAffinity.plan(2, Map.of("PATH", "/usr/bin:/bin", LaneAffinity.ENV, "off"))).isEmpty();
        assertThat(LaneAffinity.plan(2, Map.of("PATH", "/nonexistent"))).as("no taskset on the PATH").isEmpty();
    }
}
