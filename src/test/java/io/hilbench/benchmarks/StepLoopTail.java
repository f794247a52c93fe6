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
 *
 * <p>With a second argument, a list of wake-up guards in µs ({@code -Dexec.args="120 0,200,500"}), the loop's guard
 * ({@link io.hilbench.runtime.DeadlineWait}) is switched every 5 s in rotating order for the measured seconds, and each
 * guard's steps are pooled: lateness p50/p99/p99.9, the wake-up part's p50/p99, and the CPU the spin cost, all from one
 * run, so the machine's drift falls on every guard alike.
 *
 * <p>A third argument, a list of the loop's schedulings ({@code off}: the kernel's default slice, {@code N}: an EEVDF
 * slice of N µs, {@code fifo:P}: SCHED_FIFO priority P; {@link io.hilbench.runtime.LoopScheduling}), rotates every
 * guard with every scheduling the same way ({@code -Dexec.args="120 200 off,100"}).
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
        if (args.length > 1) {
            long[] guards = Arrays.stream(args[1].split(",")).mapToLong(g -> Long.parseLong(g.trim())).toArray();
            List<String> schedules = args.length > 2 ? Arrays.stream(args[2].split(",")).map(String::trim).toList() : List.of("default");
            compareGuards(bench, seconds, guards, schedules);
            bench.stop();
            System.exit(0);
        }
        long loop = ConsoleLatencyCost.stepLoopThreadId();
        TimingLog log = bench.emulator().timingLog();
        long gc0 = ConsoleLatencyCost.gcCount(), gcMs0 = ConsoleLatencyCost.gcMs();
        long a0 = ConsoleLatencyCost.threadAllocatedBytes(loop);
        long cpu0 = ManagementFactory.getThreadMXBean().getThreadCpuTime(loop);
        long spun0 = bench.emulator().wakeSpunNs();
        int from = log.size();
        Thread.sleep(seconds * 1000L);
        int to = log.size();
        long alloc = ConsoleLatencyCost.threadAllocatedBytes(loop) - a0;
        long cpu = ManagementFactory.getThreadMXBean().getThreadCpuTime(loop) - cpu0;
        long spun = bench.emulator().wakeSpunNs() - spun0;
        long gc = ConsoleLatencyCost.gcCount() - gc0, gcMs = ConsoleLatencyCost.gcMs() - gcMs0;
        int n = to - from;
        long[] late = new long[n], comp = new long[n], wake = new long[n], up = new long[n];
        for (int i = 0; i < n; i++) {
            late[i] = log.latenessNs(from + i);
            comp[i] = log.computeNs(from + i);
            wake[i] = late[i] - comp[i];
            up[i] = log.wakeNs(from + i);
        }
        long[] ls = late.clone(), cs = comp.clone(), ws = wake.clone(), us = up.clone();
        Arrays.sort(ls);
        Arrays.sort(cs);
        Arrays.sort(ws);
        Arrays.sort(us);
        System.out.printf(Locale.ROOT, "wake-up guard %d us; load %s%n", bench.emulator().wakeGuardNs() / 1000, ConsoleLatencyCost.loadavg());
        System.out.printf(Locale.ROOT, "wake-up (resumed after the deadline wait minus the deadline) p50 %.3f p99 %.3f p99.9 %.3f max %.3f ms; "
                        + "spun %.3f ms per step (%.2f %% of a core)%n",
                ConsoleLatencyCost.q(us, .5) / 1e6, ConsoleLatencyCost.q(us, .99) / 1e6, ConsoleLatencyCost.q(us, .999) / 1e6, us[n - 1] / 1e6,
                spun / 1e6 / n, 100.0 * spun / (seconds * 1e9));
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

    /**
     * Rotates the loop's wake-up guard through {@code guardsUs} (and, when more than one is given, its scheduling
     * through {@code schedules}: every guard with every scheduling) in 5 s phases for {@code seconds}; pooled per pair.
     */
    static void compareGuards(io.hilbench.rig.BenchAssembly bench, int seconds, long[] guardList, List<String> schedules) throws Exception {
        TimingLog log = bench.emulator().timingLog();
        int g = guardList.length * schedules.size();
        long[] guardsUs = new long[g];
        String[] scheduleOf = new String[g];
        for (int i = 0; i < g; i++) {
            guardsUs[i] = guardList[i % guardList.length];
            scheduleOf[i] = schedules.get(i / guardList.length);
        }
        List<List<Long>> late = new ArrayList<>(), wake = new ArrayList<>();
        long[] spun = new long[g], wallNs = new long[g];
        for (int i = 0; i < g; i++) {
            late.add(new ArrayList<>());
            wake.add(new ArrayList<>());
        }
        int phases = Math.max(g, seconds / 5);
        for (int p = 0; p < phases; p++) {
            int k = (p + p / g) % g;   // rotated every round, so no guard always follows the same one
            bench.emulator().wakeGuardNs(guardsUs[k] * 1000);
            if (schedules.size() > 1) bench.emulator().loopScheduling(ConsoleLatencyCost.scheduleRequest(scheduleOf[k]));
            Thread.sleep(200);   // the step in flight waits with the previous guard
            int from = log.size();
            long s0 = bench.emulator().wakeSpunNs(), w0 = System.nanoTime();
            Thread.sleep(5_000);
            int to = log.size();
            spun[k] += bench.emulator().wakeSpunNs() - s0;
            wallNs[k] += System.nanoTime() - w0;
            for (int i = from; i < to; i++) {
                late.get(k).add(log.latenessNs(i));
                wake.get(k).add(log.wakeNs(i));
            }
        }
        System.out.printf(Locale.ROOT, "%d phases of 5 s, guards rotated; load %s%n", phases, ConsoleLatencyCost.loadavg());
        for (int k = 0; k < g; k++) {
            long[] l = late.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
            long[] w = wake.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "guard %4d us%s: %s  wake-up p50 %.3f p99 %.3f ms  spin %.2f %% of a core%n", guardsUs[k],
                    schedules.size() > 1 ? String.format(Locale.ROOT, ", %-7s", scheduleOf[k]) : "",
                    ConsoleLatencyCost.stats(l), ConsoleLatencyCost.q(w, .5) / 1e6, ConsoleLatencyCost.q(w, .99) / 1e6,
                    100.0 * spun[k] / Math.max(1, wallNs[k]));
        }
    }
}
