package io.hilbench.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The browsers' CPU in ConsoleLatencyCost: processes coming and going never make a phase's CPU negative. */
class ProcessTreeCpuTest {
    private static ProcessTreeCpu.Key k(long pid, long start) { return new ProcessTreeCpu.Key(pid, start); }

    @Test
    void aProcessThatExitsSubtractsNothingAndANewOneCountsWhatItUsed() {
        ProcessTreeCpu cpu = new ProcessTreeCpu();
        // phase start: the browser (5 s of CPU so far) and an old renderer (3 s): the baseline, counted as 0
        long t0 = cpu.observe(Map.of(k(10, 1), 5_000L, k(11, 1), 3_000L));
        assertThat(t0).isZero();
        // mid-phase: the old renderer has exited, a new one (pid 12) has used 400 ns, the browser 200 more
        long t1 = cpu.observe(Map.of(k(10, 1), 5_200L, k(12, 7), 400L));
        // phase end: the new renderer 100 more
        long t2 = cpu.observe(Map.of(k(10, 1), 5_300L, k(12, 7), 500L));
        assertThat(t1).isEqualTo(600);
        assertThat(t2 - t0).as("the phase's CPU: 300 of the browser, 500 of the new renderer; the exited one subtracts nothing")
                .isEqualTo(800);
        // the naive difference of live sums, the harness's old figure, was negative here: 5,800 - 8,000
        assertThat((5_300L + 500L) - (5_000L + 3_000L)).isNegative();
    }

    @Test
    void aReusedPidIsANewProcess() {
        ProcessTreeCpu cpu = new ProcessTreeCpu();
        cpu.observe(Map.of(k(20, 1), 9_000L));
        // pid 20 exited and was reused by a process started later: its 50 ns are new CPU, not 50 - 9,000
        assertThat(cpu.observe(Map.of(k(20, 2), 50L))).isEqualTo(50);
    }
}
