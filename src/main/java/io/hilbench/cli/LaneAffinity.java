package io.hilbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each lane of a parallel run on a CPU of its own (issue #17): the worker is started under {@code taskset -c K}, and
 * its reference controller, a child process, inherits the mask. A lockstep unit is a ping-pong of two JVMs (the
 * bench's step, then the controller's cycle over Modbus through the link proxy, then the Ack), about one core's work
 * that is never two cores' at once. Unpinned, the scheduler spread both lanes' threads over both cores, so each hop of
 * the ping-pong woke a thread on the other core, behind the other lane's work: on the 2-core reference machine the
 * whole suite with {@code --parallel 2} took 88.6 % of the sequential run's wall time (each unit ~1.5× slower beside
 * the other lane); pinned, 65.3 % in the same measurement (BENCHMARKS.md, "Parallel runs: a CPU per lane"). Traces
 * and verdicts are unchanged: Java arithmetic does not depend on where it runs (54 of 54 files byte-identical).
 *
 * <p>Pinned only when it can be done right: at least two lanes, {@code taskset} (util-linux) on the PATH, and at least
 * as many CPUs in this process's own affinity mask ({@code Cpus_allowed_list} of /proc/self/status, so a container's
 * or an outer {@code taskset}'s set) as lanes; the lanes take the highest CPUs of that set (CPU 0 takes most device
 * interrupts on a virtual machine). {@value #ENV}{@code =off} turns it off (a machine shared with other pinned work).
 */
final class LaneAffinity {
    /** {@code off}: start the workers unpinned. */
    static final String ENV = "BENCH_LANE_AFFINITY";

    private LaneAffinity() {
    }

    /** The CPU of each lane (as taskset's argument), or an empty list: the workers start unpinned (class comment). */
    static List<String> plan(int lanes, Map<String, String> env) {
        if (lanes < 2 || "off".equalsIgnoreCase(env.getOrDefault(ENV, "").trim())) return List.of();
        if (taskset(env) == null) return List.of();
        return plan(lanes, allowedCpus());
    }

    /** The lanes on the highest {@code lanes} CPUs of {@code allowed}; empty when there are fewer CPUs than lanes. */
    static List<String> plan(int lanes, List<Integer> allowed) {
        if (lanes < 2 || allowed.size() < lanes) return List.of();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lanes; i++) out.add(String.valueOf(allowed.get(allowed.size() - 1 - i)));
        return List.copyOf(out);
    }

    /** {@code command} for lane {@code lane}: under {@code taskset -c CPU} when the plan pins it, else as it is. */
    static List<String> command(List<String> plan, int lane, List<String> command, Map<String, String> env) {
        if (plan.isEmpty()) return command;
        List<String> c = new ArrayList<>(List.of(taskset(env), "-c", plan.get(lane)));
        c.addAll(command);
        return List.copyOf(c);
    }

    /** The taskset executable on the environment's PATH, or null. */
    static String taskset(Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path p = Path.of(dir, "taskset");
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    /** This process's CPUs ({@code Cpus_allowed_list} of /proc/self/status); empty where there is none (not Linux). */
    static List<Integer> allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) return parseCpuList(line.substring(line.indexOf(':') + 1));
            }
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
        return List.of();
    }

    /** A kernel CPU list ("0-3,6,8-9") as the CPUs it names, ascending. @throws NumberFormatException on anything else */
    static List<Integer> parseCpuList(String list) {
        java.util.TreeSet<Integer> cpus = new java.util.TreeSet<>();
        for (String part : list.trim().split(",")) {
            if (part.isBlank()) continue;
            String[] r = part.trim().split("-");
            int a = Integer.parseInt(r[0].trim()), b = r.length > 1 ? Integer.parseInt(r[1].trim()) : a;
            for (int c = a; c <= b; c++) cpus.add(c);
        }
        return List.copyOf(cpus);
    }
}
