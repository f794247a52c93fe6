package io.hilbench.cli;

import io.hilbench.report.RunData;
import io.hilbench.scenario.RunUnits;
import io.hilbench.scenario.ScenarioRunner;
import io.hilbench.scenario.VerdictLedger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the units of a parallel or sharded {@code bench run} (issue #17 items 1–2), each in its own child process —
 * {@code bench run --unit FILE:LINE} with its own plant, its own servers on free ports and its own reference-controller
 * process — at most N at a time, longest budget first, and joins their folders into the run's report folder.
 *
 * <p><b>Why child processes, not threads.</b> The scenario layer keeps one bench per JVM: the running
 * {@code BenchSession}, the {@code VerdictLedger}, the {@code BenchOptions} the Cucumber glue reads and the run board
 * are static (Cucumber instantiates the glue itself and can only reach the bench through them), and Cucumber's
 * plugins write one file set per launcher request. Running scenarios on threads in one JVM would mean making all of
 * that per-thread, and every verdict would then depend on that being complete. A child {@code bench run} of one
 * scenario is exactly the code a sequential run executes for that scenario (a fresh plant run, the controller reset to
 * initial), so its trace and verdicts are the sequential run's, byte for byte (BENCHMARKS.md, "Parallel and sharded
 * runs"). The price is a JVM and a controller start per scenario (a few seconds each).
 *
 * <p><b>Layout</b> of the joined folder, the same for a parallel run, a shard and a merge of shards: {@code verdicts.json}
 * (every unit's records in the features' order, totals counted again by the ledger's writer), {@code traces/} and
 * {@code judged/} (the units' files, none may come twice), and one folder per unit, {@code NN-REQ/} numbered in the
 * features' order of the whole run (so a shard's folders keep their numbers in a merge), with the unit's Cucumber
 * files, its controller log and its console output ({@value #LOG}).
 */
final class UnitRuns {
    /** The console output of a unit's child run, in its folder. */
    static final String LOG = "unit.log";

    private UnitRuns() {}

    /** How the run ended: the joined records (features' order) and the child exit codes by unit folder. */
    record Outcome(List<VerdictLedger.ScenarioRecord> records, Map<String, Integer> exitCodes) {
        ScenarioRunner.Result result(Path reportDir) {
            VerdictLedger.Totals t = VerdictLedger.Totals.of(records.stream().map(VerdictLedger.ScenarioRecord::outcome).toList());
            List<ScenarioRunner.ScenarioResult> rs = records.stream()
                    .map(r -> new ScenarioRunner.ScenarioResult(r.name(), r.outcome(), r.error() == null ? "" : r.error())).toList();
            return new ScenarioRunner.Result(t.scenarios(), t.passed(), t.failed(), t.inconclusive(), t.errors(), reportDir, rs);
        }
    }

    /**
     * The default N of {@code --parallel}: what this machine holds. A unit is two JVMs (the bench and the reference
     * controller) that take turns in lockstep, so about one core; resident about {@value #UNIT_MEMORY_MB} MB together
     * (an estimate from the JVMs' heap settings, not yet measured). N = min(cores, (physical memory − 1 GiB for the system) / {@value #UNIT_MEMORY_MB} MB), at
     * least 1. Java sees a container's CPU and memory limits, so in a pod this is the pod's share.
     */
    static int machineDefault() {
        int cores = Runtime.getRuntime().availableProcessors();
        long memMb = -1;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memMb = os.getTotalMemorySize() / (1024 * 1024);
        }
        long byMemory = memMb <= 0 ? cores : Math.max(1, (memMb - 1024) / UNIT_MEMORY_MB);
        return (int) Math.max(1, Math.min(cores, byMemory));
    }

    /** Resident memory of one unit (bench JVM + reference controller JVM), MB, rounded up from BENCHMARKS.md's measurement. */
    static final long UNIT_MEMORY_MB = 1024;

    /**
     * A unit child JVM's own options (issue #17 item 1, branch perf): {@link #DEFAULT_UNIT_JVM_OPTIONS}, or the
     * environment variable {@value #UNIT_JVM_OPTIONS_ENV} when set (blank: none), for measuring alternatives.
     */
    static final String UNIT_JVM_OPTIONS_ENV = "BENCH_UNIT_JVM_OPTIONS";
    /** See BENCHMARKS.md, "Parallel runs: the lockstep poll and the JVMs (perf)". */
    static final String DEFAULT_UNIT_JVM_OPTIONS = "";

    static List<String> unitJvmOptions(Map<String, String> env) {
        return io.hilbench.scenario.ControllerProcess.splitJvmOptions(env.getOrDefault(UNIT_JVM_OPTIONS_ENV, DEFAULT_UNIT_JVM_OPTIONS));
    }

    /**
     * Runs {@code units} (each a child {@code bench run --unit}) at most {@code parallel} at a time, longest first, into
     * {@code reportDir}, and joins them (class comment).
     *
     * @param commonArgs the child's arguments after {@code run} other than --unit and --report (rig, features, controller …)
     * @param out        one line per finished unit
     */
    static Outcome run(List<RunUnits.Unit> units, double resetAllowanceMin, int parallel, List<String> commonArgs, Path reportDir,
                       PrintStream out) throws IOException, InterruptedException {
        return run(units, resetAllowanceMin, parallel, commonArgs, reportDir, out, new Live(), () -> true);
    }

    /**
     * The units' child processes while a run goes on, for the run's signal hook (issue #17: SIGINT/SIGTERM during a
     * parallel run): which units started, which finished, and the live processes. Once {@link #stop()} is called no
     * unit starts, and a unit whose child ends afterwards counts as cut off (its child was stopped, or ended with the
     * signal), never as finished.
     */
    static final class Live {
        private final List<Process> processes = new ArrayList<>();
        private final java.util.Set<String> started = new java.util.HashSet<>();
        private final java.util.Set<String> finished = new java.util.HashSet<>();
        private final Map<String, Integer> codes = new java.util.HashMap<>();
        private boolean stopping;

        /** A unit's child is about to start; false when the run is stopping (it never starts). */
        synchronized boolean begin(String folder) {
            if (stopping) return false;
            started.add(folder);
            return true;
        }

        synchronized void add(Process p) {
            if (stopping) p.destroy();   // started while the hook took the list: stopped with the others
            processes.add(p);
        }

        /** The unit's child ended with {@code code}: finished unless the run is stopping. */
        synchronized void ended(String folder, Process p, int code) {
            processes.remove(p);
            if (!stopping) {
                finished.add(folder);
                codes.put(folder, code);
            }
        }

        synchronized boolean stopping() { return stopping; }

        /** No unit starts from now; returns the children still running (the caller stops them). */
        synchronized List<Process> stop() {
            stopping = true;
            return List.copyOf(processes);
        }

        synchronized boolean started(String folder) { return started.contains(folder); }

        synchronized boolean finished(String folder) { return finished.contains(folder); }

        synchronized Map<String, Integer> codes() { return Map.copyOf(codes); }
    }

    /**
     * Stops a parallel run's children (the run was signalled): no unit starts any more, every running child gets
     * SIGTERM (its own bench marks its unit folder interrupted and stops its controller, as a sequential run does) and
     * is waited for, at most {@code waitS} seconds, then killed with its descendants. The finished units are joined
     * into {@code reportDir} (their records returned in the features' order); {@code cutOff} and {@code neverRan} get
     * the names of the units that were running and of those that never started.
     */
    static List<VerdictLedger.ScenarioRecord> stop(Live live, List<RunUnits.Unit> units, Path reportDir, long waitS,
                                                   List<String> cutOff, List<String> neverRan) throws IOException {
        List<Process> running = live.stop();
        running.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitS);
        for (Process p : running) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        List<RunUnits.Unit> done = new ArrayList<>();
        for (RunUnits.Unit u : units) {
            String name = u.scenario().name() + (RunUnits.NOMINAL.equals(u.corner()) ? "" : " @" + u.corner());
            if (live.finished(u.folder())) done.add(u);
            else if (live.started(u.folder())) cutOff.add(name);
            else neverRan.add(name);
        }
        return join(done, reportDir, live.codes());
    }

    /**
     * As {@link #run(List, double, int, List, Path, PrintStream)}, the children tracked in {@code live} for the run's
     * signal hook. {@code mayJoin} is asked once every unit ended, before the folders are joined: false (the hook owns
     * the report folder: the run was signalled) returns null and joins nothing.
     */
    static Outcome run(List<RunUnits.Unit> units, double resetAllowanceMin, int parallel, List<String> commonArgs, Path reportDir,
                       PrintStream out, Live tracked, java.util.function.BooleanSupplier mayJoin) throws IOException, InterruptedException {
        String javaBin = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        List<Process> live = java.util.Collections.synchronizedList(new ArrayList<>());
        // the children end with the parent (a signal, an exception): never a controller or bench left running
        Thread reaper = new Thread(() -> {
            synchronized (live) {
                live.forEach(Process::destroy);
            }
        }, "bench-unit-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "bench-unit");
            t.setDaemon(true);
            return t;
        });
        int[] done = {0};
        // class data archives (SharedClassArchive): the first unit's bench JVM and the first controller write them, the
        // later units and their controllers map them; one folder for the run, handed to the units, deleted at the end
        Path cdsFolder = io.hilbench.scenario.SharedClassArchive.enabledBy(System.getenv()) ? io.hilbench.scenario.SharedClassArchive.newFolder() : null;
        io.hilbench.scenario.SharedClassArchive unitArchive = new io.hilbench.scenario.SharedClassArchive(cdsFolder, "unit", true);
        // the archives are made by the last unit of the first wave (longest first: the shortest of them, so the later
        // units find them ready soonest); the earlier ones neither make nor, the archives not being ready, use them
        int dumper = Math.min(Math.max(1, parallel), units.size()) - 1;
        int[] submitted = {0};
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RunUnits.Unit u : RunUnits.longestFirst(units, resetAllowanceMin)) {
                int index = submitted[0]++;   // the pool starts them in this order
                futures.add(pool.submit(() -> {
                    Path dir = reportDir.resolve(u.folder());
                    Path log = reportDir.resolve(u.folder() + ".log");
                    List<String> cmd = new ArrayList<>(List.of(javaBin));
                    cmd.addAll(unitJvmOptions(System.getenv()));
                    io.hilbench.scenario.SharedClassArchive.Lease lease = unitArchive.lease(index >= dumper);
                    cmd.addAll(lease.options());
                    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.hilbench.cli.BenchCommand", "run",
                            "--unit", u.selector(), "--report", dir.toString()));
                    cmd.addAll(commonArgs);
                    // a unit at a parameter corner (issue #17 item 3) runs its child at that corner; nominal adds nothing
                    if (!RunUnits.NOMINAL.equals(u.corner())) cmd.addAll(List.of("--corner", u.corner()));
                    long t0 = System.nanoTime();
                    if (!tracked.begin(u.folder())) {   // the run is stopping: this unit never runs
                        unitArchive.ended(lease, false, null);
                        return null;
                    }
                    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
                    if (cdsFolder != null) {
                        pb.environment().put(io.hilbench.scenario.SharedClassArchive.DIR_ENV, cdsFolder.toString());
                        if (index < dumper) pb.environment().put(io.hilbench.scenario.SharedClassArchive.DUMP_ENV, "no");
                    }
                    Process p = unitArchive.start(pb, lease);
                    live.add(p);
                    tracked.add(p);
                    int code = p.waitFor();
                    // exit codes below 128 are the bench's own (passed, failed, inconclusive, usage); above, a signal
                    unitArchive.ended(lease, code < 128 && !tracked.stopping(), System.getProperty("java.class.path"));
                    live.remove(p);
                    tracked.ended(u.folder(), p, code);
                    if (tracked.stopping()) return null;   // stopped by the run's signal hook, which joins what finished
                    codes.put(u.folder(), code);
                    if (Files.isDirectory(dir)) Files.move(log, dir.resolve(LOG), StandardCopyOption.REPLACE_EXISTING);
                    String outcome = describe(dir, code);
                    synchronized (done) {
                        done[0]++;
                        out.printf(Locale.ROOT, "[%d/%d] %s %s … %s (%.1f s wall, exit %d)%n", done[0], units.size(), u.scenario().requirement(),
                                u.scenario().name() + (RunUnits.NOMINAL.equals(u.corner()) ? "" : " @" + u.corner()), outcome,
                                (System.nanoTime() - t0) / 1e9, code);
                        out.flush();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("a unit could not be started: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            io.hilbench.scenario.SharedClassArchive.deleteFolder(cdsFolder);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is ending: the hook runs
            }
        }
        if (tracked.stopping() || !mayJoin.getAsBoolean()) return null;
        return new Outcome(join(units, reportDir, codes), Map.copyOf(codes));
    }

    private static String describe(Path dir, int code) {
        try {
            List<VerdictLedger.ScenarioRecord> rs = VerdictLedger.readRecords(dir.resolve(VerdictLedger.FILE));
            return rs.isEmpty() ? "no verdict" : String.join(", ", rs.stream().map(r -> r.outcome().label()).toList());
        } catch (IOException e) {
            return "no verdicts (" + (code == BenchCommand.USAGE ? "the bench could not start; " : "") + "see " + dir.getFileName() + "/" + LOG + ")";
        }
    }

    /**
     * Joins the units' folders in {@code reportDir} (class comment): their traces and judged traces moved up, their
     * records returned in the units' order. A unit that left no verdicts (its child could not start, or died) is an
     * error record naming its log: never green, never silently missing.
     */
    static List<VerdictLedger.ScenarioRecord> join(List<RunUnits.Unit> units, Path reportDir, Map<String, Integer> codes) throws IOException {
        List<VerdictLedger.ScenarioRecord> records = new ArrayList<>();
        for (RunUnits.Unit u : units) {
            Path dir = reportDir.resolve(u.folder());
            Path file = dir.resolve(VerdictLedger.FILE);
            List<VerdictLedger.ScenarioRecord> own = Files.isRegularFile(file) ? VerdictLedger.readRecords(file) : List.of();
            if (own.size() != 1) {
                int code = codes.getOrDefault(u.folder(), -1);
                String why = lastBenchLine(dir.resolve(LOG));
                // exit 3 before any scenario: the child's bench could not reach its controller (inconclusive, as a sequential
                // run whose session cannot start); anything else is the bench's own error
                VerdictLedger.ScenarioOutcome o = own.isEmpty() && code == BenchCommand.INCONCLUSIVE
                        ? VerdictLedger.ScenarioOutcome.INCONCLUSIVE : VerdictLedger.ScenarioOutcome.ERROR;
                records.add(new VerdictLedger.ScenarioRecord(u.scenario().name(), u.scenario().requirement(), "", o, 0, 0,
                        List.of(), (o == VerdictLedger.ScenarioOutcome.ERROR ? "ERROR (the bench): " : "") + "the unit's run (" + u.folder() + ", exit " + code + ") left "
                        + own.size() + " scenario record(s) for one scenario" + (why.isEmpty() ? "" : ": " + why) + "; see " + u.folder() + "/" + LOG, Map.of()));
                continue;
            }
            records.addAll(own);
            Files.delete(file);   // the joined ledger is the run's one verdicts.json (the unit's own is not a second truth)
            moveUp(dir.resolve(RunData.TRACES), reportDir.resolve(RunData.TRACES));
            moveUp(dir.resolve(io.hilbench.scenario.Replay.FOLDER), reportDir.resolve(io.hilbench.scenario.Replay.FOLDER));
        }
        return records;
    }

    /** The last line a child's {@code bench run} said about itself ("bench run: …"), or "". */
    private static String lastBenchLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) if (lines.get(i).startsWith("bench run: ") && !lines.get(i).startsWith("bench run: rig ")) return lines.get(i).substring(11);
        } catch (IOException | java.io.UncheckedIOException e) {
            // no log: nothing to add
        }
        return "";
    }

    /** Moves every file of {@code from} into {@code to}; a name already there is refused (one scenario's files never overwrite another's). */
    static void moveUp(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) return;
        Files.createDirectories(to);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
            for (Path f : files) {
                try {
                    Files.move(f, to.resolve(f.getFileName().toString()));
                } catch (FileAlreadyExistsException twice) {
                    throw new IOException(to.getFileName() + "/" + f.getFileName() + " comes from two units (" + from.getParent().getFileName() + " and an earlier one)");
                }
            }
        }
        Files.delete(from);
    }
}
