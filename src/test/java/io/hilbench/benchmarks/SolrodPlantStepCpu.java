package io.hilbench.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * One 100 ms step of the full served plant ({@link SolrodPlantBenchmark}'s set-up: SolrodPlant around the CO2 heat pump
 * at full load) timed in thread CPU time, which the other engineers' processes on the shared 2-core machine inflate
 * far less than JMH's wall-clock score (BENCHMARKS.md, "Full served plant step"). A main, run by hand:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.hilbench.benchmarks.SolrodPlantStepCpu [co2|first]}.
 */
public final class SolrodPlantStepCpu {
    private SolrodPlantStepCpu() {}

    public static void main(String[] args) {
        SolrodPlantBenchmark b = new SolrodPlantBenchmark();
        b.heatPump = args.length > 0 ? args[0] : "co2";
        b.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) b.step();
        int steps = 50_000;
        for (int repeat = 1; repeat <= 3; repeat++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < steps; i++) b.step();
            double cpuUs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / steps;
            double wallUs = (System.nanoTime() - wall0) / 1e3 / steps;
            System.out.printf(Locale.ROOT, "%s repeat %d: %.1f us CPU per step (%.0f x real time at 100 ms), %.1f us wall%n",
                    b.heatPump, repeat, cpuUs, 1e5 / cpuUs, wallUs);
        }
    }
}
