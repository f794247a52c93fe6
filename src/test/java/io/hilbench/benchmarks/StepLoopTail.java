package io.hilbench.benchmarks;

import io.hilbench.rig.BenchAssembly;
import io.hilbench.rig.PlantModels;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.TimingLog;

import javax.management.NotificationEmitter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where the real-time loop's lateness tail comes from with no client: the Solrød rig served in real time at 10 ms
 * steps (no console), and for the steps in the worst 1 % of lateness, how much of it was the plant step's own compute
 * (TimingLog's compute column), and the GC pauses (GC notifications with their duration).
 * Also bytes the step-loop thread allocated per step and GC counts: figures that do not depend on the machine's load.
 *
 * <p>Run (after {@code mvn -o -q test-compile}): {@code mvn -o -q -B -ntp exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hilbench.benchmarks.StepLoopTail -Dexec.args="30"} (seconds measured after 10 s of warm-up).
 */
public final class StepLoopTail {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<long[]> gcs = new ArrayList<>();   // {start ns since JVM start (ms*1e6), duration ns}
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
                var info = com.sun.management.GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData) n.getUserData());
                synchronized (gcs) {
                    gcs.add(new long[] {info.getGcInfo().getStartTime(), info.getGcInfo().getDuration(), 0});
                }
            }, null, null);
        }
        Rig r = RigLoader.loadDefault(Path.of("rigs/solrod"));
        BenchAssembly bench = new BenchAssembly(r, PlantModels.create(r),
                BenchAssembly.Options.defaults().withPacing(Pacing.realtime()).withPorts(0, 0).withStepMs(10L));
        bench.start();
        Thread.sleep(10_000);
        long loop = ConsoleLatencyCost.stepLoopThreadId();
        TimingLog log = bench.emulator().timingLog();
        long gc0 = ConsoleLatencyCost.gcCount(), gcMs0 = ConsoleLatencyCost.gcMs();
        long a0 = ConsoleLatencyCost.threadAllocatedBytes(loop);
        long cpu0 = ManagementFactory.getThreadMXBean().getThreadCpuTime(loop);
        int from = log.size();
        Thread.sleep(seconds * 1000L);
        int to = log.size();
        long alloc = ConsoleLatencyCost.threadAllocatedBytes(loop) - a0;
        long cpu = ManagementFactory.getThreadMXBean().getThreadCpuTime(loop) - cpu0;
        long gc = ConsoleLatencyCost.gcCount() - gc0, gcMs = ConsoleLatencyCost.gcMs() - gcMs0;
        int n = to - from;
        long[] late = new long[n], comp = new long[n], wake = new long[n];
        for (int i = 0; i < n; i++) {
            late[i] = log.latenessNs(from + i);
            comp[i] = log.computeNs(from + i);
            wake[i] = late[i] - comp[i];
        }
        long[] ls = late.clone(), cs = comp.clone(), ws = wake.clone();
        Arrays.sort(ls);
        Arrays.sort(cs);
        Arrays.sort(ws);
        long p99 = ConsoleLatencyCost.q(ls, 0.99);
        System.out.printf(Locale.ROOT, "steps %d: lateness %s%n", n, ConsoleLatencyCost.stats(ls));
        System.out.printf(Locale.ROOT, "compute p50 %.3f p99 %.3f max %.3f ms; lateness minus compute p50 %.3f p99 %.3f max %.3f ms%n",
                ConsoleLatencyCost.q(cs, .5) / 1e6, ConsoleLatencyCost.q(cs, .99) / 1e6, cs[n - 1] / 1e6,
                ConsoleLatencyCost.q(ws, .5) / 1e6, ConsoleLatencyCost.q(ws, .99) / 1e6, ws[n - 1] / 1e6);
        System.out.printf(Locale.ROOT, "step-loop thread: %.0f B allocated per step, %.3f ms CPU per step; GC %d collections, %d ms in %d s%n",
                (double) alloc / n, cpu / 1e6 / n, gc, gcMs, seconds);
        // the worst 1 %: how much of their lateness the plant step's own compute was
        int tail = 0, computeDominated = 0;
        double computeShare = 0;
        for (int i = 0; i < n; i++) {
            if (late[i] < p99) continue;
            tail++;
            computeShare += (double) comp[i] / late[i];
            if (comp[i] > late[i] / 2) computeDominated++;
        }
        List<long[]> gcCopy;
        synchronized (gcs) { gcCopy = new ArrayList<>(gcs); }
        System.out.printf(Locale.ROOT, "worst 1 %% (%d steps, lateness >= %.3f ms): compute is %.0f %% of their lateness on average, "
                        + "more than half of it in %d; GC pauses since start (incl. warm-up): %s%n",
                tail, p99 / 1e6, 100 * computeShare / Math.max(1, tail), computeDominated,
                gcCopy.stream().map(g -> g[1] + " ms").toList());
        bench.stop();
        System.exit(0);
    }
}
