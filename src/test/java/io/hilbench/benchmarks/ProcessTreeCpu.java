package io.hilbench.benchmarks;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of a changing set of processes (this JVM's descendants: chromedriver and the Chromium processes it starts),
 * accumulated over repeated observations so that it never goes down.
 *
 * <p>Summing the live processes' CPU at a phase's start and again at its end, as ConsoleLatencyCost first did, goes
 * negative whenever a process alive at the start has exited by the end: its whole lifetime's CPU is in the first sum
 * and not in the second (Chromium's renderer processes come and go as pages are navigated). Here each process
 * (pid and start instant, so a reused pid is a new process) adds what its CPU grew since it was last seen; a process
 * first seen after the first observation adds all its CPU (it was born since). What is missed is the CPU a process
 * used between its last observation and its exit, so observe often (ConsoleLatencyCost: every 0.5 s in a phase).
 */
final class ProcessTreeCpu {
    /** A process: pid and start instant (epoch ms; -1 when the OS does not say). */
    record Key(long pid, long startMs) {}

    private Map<Key, Long> last = null;
    private long totalNs;

    /** Takes an observation of {@code cpuNsNow} (every live process's CPU so far); returns the accumulated total, ns. */
    synchronized long observe(Map<Key, Long> cpuNsNow) {
        if (last != null) {
            for (Map.Entry<Key, Long> e : cpuNsNow.entrySet()) {
                Long before = last.get(e.getKey());
                totalNs += before == null ? e.getValue() : Math.max(0, e.getValue() - before);
            }
        }
        last = new HashMap<>(cpuNsNow);
        return totalNs;
    }

    /** Observes the live descendants of this JVM; returns the accumulated total, ns. */
    long observeDescendants() {
        Map<Key, Long> now = new HashMap<>();
        ProcessHandle.current().descendants().forEach(p -> {
            ProcessHandle.Info info = p.info();
            info.totalCpuDuration().ifPresent(cpu -> now.put(
                    new Key(p.pid(), info.startInstant().map(Instant::toEpochMilli).orElse(-1L)), cpu.toNanos()));
        });
        return observe(now);
    }

}
