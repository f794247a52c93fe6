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
import java.util.stream.Stream;

/**
 * Runs the units of a parallel or sharded {@code bench run} (issue #17 items 1–2) in at most N worker child processes
 * ({@code bench run --worker}, {@link UnitWorker}), each with its own plant, its own servers on free ports and its own
 * reference-controller process, kept from one unit to the next; the units are handed out longest budget first, the
 * next one to whichever worker is free; then their folders are joined into the run's report folder.
 *
 * <p><b>Why child processes, not threads.</b> The scenario layer keeps one bench per JVM: the running
 * {@code BenchSession}, the {@code VerdictLedger}, the {@code BenchOptions} the Cucumber glue reads and the run board
 * are static (Cucumber instantiates the glue itself and can only reach the bench through them), and Cucumber's
 * plugins write one file set per launcher request. Running scenarios on threads in one JVM would mean making all of
 * that per-thread, and every verdict would then depend on that being complete. A worker runs its units exactly as a
 * sequential run runs its scenarios (one session; per scenario a fresh plant run, the controller reset to initial),
 * so every trace and verdict is the sequential run's, byte for byte (BENCHMARKS.md, "Parallel and sharded runs" and
 * "Lanes"). The price is a JVM and a controller start per worker, not per unit (until session 12 every unit had its own
 * child JVM and controller: 1.5x the sequential run's CPU for the whole suite).
 *
 * <p><b>Layout</b> of the joined folder, the same for a parallel run, a shard and a merge of shards: {@code verdicts.json}
 * (every unit's records in the features' order, totals counted again by the ledger's writer), {@code traces/} and
 * {@code judged/} (the units' files, none may come twice), and one folder per unit, {@code NN-REQ/} numbered in the
 * features' order of the whole run (so a shard's folders keep their numbers in a merge), with the unit's Cucumber
 * files, its {@code run.log}, its slice of the reference controller's log (the lines written while the unit ran; the
 * unit that started the worker's session also has the controller's start) and its console output ({@value #LOG}).
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
    /** See BENCHMARKS.md, "Parallel runs: the lockstep poll and the JVMs (perf)", and "A CPU per lane" (huge pages: not shown). */
    static final String DEFAULT_UNIT_JVM_OPTIONS = "";

    static List<String> unitJvmOptions(Map<String, String> env) {
        return io.hilbench.scenario.ControllerProcess.splitJvmOptions(env.getOrDefault(UNIT_JVM_OPTIONS_ENV, DEFAULT_UNIT_JVM_OPTIONS));
    }

    /**
     * Runs {@code units} in at most {@code parallel} workers, longest first, the next to whichever worker is free, into
     * {@code reportDir}, and joins them (class comment).
     *
     * @param commonArgs the worker's arguments after {@code run} other than --worker and --report (rig, features, controller …)
     * @param out        one line per finished unit
     */
    static Outcome run(List<RunUnits.Unit> units, double resetAllowanceMin, double realtimeMinPerS, int parallel, List<String> commonArgs, Path reportDir,
                       PrintStream out) throws IOException, InterruptedException {
        return run(units, resetAllowanceMin, realtimeMinPerS, parallel, commonArgs, reportDir, out, new Live(), () -> true);
    }

    /**
     * The units and their workers while a run goes on, for the run's signal hook (issue #17: SIGINT/SIGTERM during a
     * parallel run): which units started, which finished, and the live worker processes. Once {@link #stop()} is called
     * no unit starts, and a unit that ends afterwards counts as cut off (its worker was stopped, or ended with the
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

        /** A worker's process ended (or was closed). */
        synchronized void remove(Process p) {
            processes.remove(p);
        }

        /** The unit ended with {@code code}: finished unless the run is stopping. */
        synchronized void unitEnded(String folder, int code) {
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
     * Stops a parallel run's workers (the run was signalled): no unit starts any more, every running worker gets
     * SIGTERM (its shutdown hooks close its bench session and stop its controller) and is waited for, at most
     * {@code waitS} seconds, then killed with its descendants. The finished units are joined
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
    static Outcome run(List<RunUnits.Unit> units, double resetAllowanceMin, double realtimeMinPerS, int parallel, List<String> commonArgs, Path reportDir,
                       PrintStream out, Live tracked, java.util.function.BooleanSupplier mayJoin) throws IOException, InterruptedException {
        String javaBin = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> worker = new ArrayList<>(List.of(javaBin));
        worker.addAll(unitJvmOptions(System.getenv()));
        worker.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.hilbench.cli.BenchCommand", "run", "--worker", "--report", reportDir.toString()));
        worker.addAll(commonArgs);
        return runWorkers(units, resetAllowanceMin, realtimeMinPerS, parallel, worker, reportDir, out, tracked, mayJoin);
    }

    /**
     * The scheduling behind {@link #run}: at most {@code parallel} workers, each started with {@code workerCommand}
     * (a {@code bench run --worker}, or a test's stand-in speaking {@link UnitWorker}'s protocol), the units handed out
     * longest budget first, the next one to whichever worker is free (list scheduling in LPT order, Graham 1969). A
     * worker whose JVM ends inside a unit leaves that unit to be recorded from its folder (an error when it holds no
     * verdict, {@link #join}) and the next unit of its lane gets a new worker.
     */
    static Outcome runWorkers(List<RunUnits.Unit> units, double resetAllowanceMin, double realtimeMinPerS, int parallel, List<String> workerCommand, Path reportDir,
                              PrintStream out, Live tracked, java.util.function.BooleanSupplier mayJoin) throws IOException, InterruptedException {
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        List<Process> live = java.util.Collections.synchronizedList(new ArrayList<>());
        // the workers end with the parent (a signal, an exception): never a controller or bench left running
        Thread reaper = new Thread(() -> {
            synchronized (live) {
                live.forEach(Process::destroy);
            }
        }, "bench-unit-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        int lanes = Math.max(1, Math.min(parallel, units.size()));
        ExecutorService pool = Executors.newFixedThreadPool(lanes, r -> {
            Thread t = new Thread(r, "bench-unit-lane");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.ConcurrentLinkedQueue<RunUnits.Unit> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(RunUnits.longestFirst(units, resetAllowanceMin, realtimeMinPerS));
        int[] done = {0};
        java.util.concurrent.atomic.AtomicInteger workersStarted = new java.util.concurrent.atomic.AtomicInteger();
        // each lane's worker (and its controller) on a CPU of its own where the machine allows it (LaneAffinity)
        List<String> laneCpus = LaneAffinity.plan(lanes, System.getenv());
        // the reference controllers' class data archive (SharedClassArchive): one folder for the run, handed to the
        // workers; the first worker's first controller writes it when it exits (a corner's new session, a worker's end),
        // later controllers map it. The workers' own JVMs start once per lane: an archive of them, written only when one
        // exits, would serve no later worker of the run, so none is made.
        Path cdsFolder = io.hilbench.scenario.SharedClassArchive.enabledBy(System.getenv()) ? io.hilbench.scenario.SharedClassArchive.newFolder() : null;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                List<String> command = LaneAffinity.command(laneCpus, lane, workerCommand, System.getenv());
                futures.add(pool.submit(() -> {
                    Worker w = null;
                    try {
                        RunUnits.Unit u;
                        while ((u = queue.poll()) != null) {
                            if (!tracked.begin(u.folder())) return null;   // the run is stopping: this unit never runs
                            if (w == null) {
                                int k = workersStarted.incrementAndGet();
                                w = Worker.start(command, k, cdsFolder, reportDir);
                                live.add(w.process);
                                tracked.add(w.process);
                            }
                            Path dir = reportDir.resolve(u.folder());
                            long t0 = System.nanoTime();
                            int code = w.run(u, dir);
                            String died = "";
                            if (code == Worker.DIED) {
                                // its JVM ended inside this unit: the unit is recorded from what it left, the lane's next unit gets a new worker
                                code = w.ended(dir);
                                live.remove(w.process);
                                tracked.remove(w.process);
                                died = "; its worker " + w.number + " ended (exit " + w.process.exitValue() + "), the next unit gets a new one";
                                w = null;
                            }
                            if (tracked.stopping()) return null;   // stopped by the run's signal hook, which joins what finished
                            tracked.unitEnded(u.folder(), code);
                            codes.put(u.folder(), code);
                            String outcome = describe(dir, code);
                            // a unit the run could not judge (inconclusive, a bench error, no verdicts): why, on the run's
                            // own output, so that a CI log names the cause even when the unit's folder is gone by then
                            String diagnosis = judged(dir, code) ? "" : diagnosis(dir, w != null ? w.err : null);
                            synchronized (done) {
                                done[0]++;
                                out.printf(Locale.ROOT, "[%d/%d] %s %s … %s (%.1f s wall, exit %d%s)%n", done[0], units.size(), u.scenario().requirement(),
                                        u.scenario().name() + (RunUnits.NOMINAL.equals(u.corner()) ? "" : " @" + u.corner()), outcome,
                                        (System.nanoTime() - t0) / 1e9, code, died);
                                out.print(diagnosis);
                                out.flush();
                            }
                        }
                    } finally {
                        if (w != null) {
                            w.close();
                            live.remove(w.process);
                            tracked.remove(w.process);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("a worker could not be started or served: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            synchronized (live) {
                live.forEach(Process::destroy);
            }
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

    /**
     * One worker ({@link UnitWorker}): started once, handed one unit at a time on its stdin, answering on its stdout when
     * the unit is done. Its stderr (what its JVM prints outside a unit: nothing, normally) waits in the report folder as
     * {@code .worker-K.err} and goes into the folder of its last unit when it ends (the unit it died in, if it died),
     * or is deleted when empty.
     */
    private static final class Worker {
        /** {@link #run}'s answer when the worker's JVM ended before it said the unit was done. */
        static final int DIED = Integer.MIN_VALUE;
        final Process process;
        final int number;
        private final java.io.BufferedWriter requests;
        private final java.io.BufferedReader answers;
        final Path err;
        private Path lastUnit;

        private Worker(Process process, int number, Path err) {
            this.process = process;
            this.number = number;
            this.err = err;
            this.requests = new java.io.BufferedWriter(new java.io.OutputStreamWriter(process.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8));
            this.answers = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        }

        static Worker start(List<String> command, int number, Path cdsFolder, Path reportDir) throws IOException {
            Path err = reportDir.resolve(".worker-" + number + ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(err.toFile()));
            if (cdsFolder != null) {
                pb.environment().put(io.hilbench.scenario.SharedClassArchive.DIR_ENV, cdsFolder.toString());
                // one controller of the run writes the archive (the first worker's first); the others map it once it is ready
                if (number > 1) pb.environment().put(io.hilbench.scenario.SharedClassArchive.DUMP_ENV, "no");
            }
            return new Worker(pb.start(), number, err);
        }

        /** Runs {@code u} into {@code dir}: its exit code, or {@link #DIED}. */
        int run(RunUnits.Unit u, Path dir) throws IOException {
            lastUnit = dir;
            try {
                requests.write(UnitWorker.request(u.corner(), u.selector(), dir));
                requests.newLine();
                requests.flush();
            } catch (IOException gone) {
                return DIED;
            }
            String line;
            while ((line = answers.readLine()) != null) {
                if (line.startsWith(UnitWorker.DONE + " ")) {
                    try {
                        return Integer.parseInt(line.substring(UnitWorker.DONE.length() + 1).trim());
                    } catch (NumberFormatException e) {
                        throw new IOException("worker " + number + " answered '" + line + "'");
                    }
                }
                // anything else its JVM printed on stdout (a VM warning): kept in the unit's console output
                try {
                    Files.writeString(dir.resolve(LOG), "worker stdout: " + line + System.lineSeparator(), java.nio.charset.StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException ignored) {
                    // the unit's folder is gone: the line is lost, the unit's record says why
                }
            }
            return DIED;
        }

        /** The unit's exit code when the worker ended inside it (waits for its JVM): never a pass, never inconclusive. */
        int ended(Path dir) {
            int c;
            try {
                c = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                c = -1;
            }
            keepErr();
            // above 128: the signal that ended it (137 SIGKILL, 134 SIGABRT of a JVM crash); anything else is the bench's error
            return c > 128 ? c : BenchCommand.USAGE;
        }

        /** Closes its stdin (the worker closes its session and exits) and waits for it. */
        void close() {
            try {
                requests.close();
            } catch (IOException ignored) {
                // already gone
            }
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
            }
            keepErr();
        }

        private void keepErr() {
            try {
                if (!Files.isRegularFile(err)) return;
                if (Files.size(err) == 0 || lastUnit == null || !Files.isDirectory(lastUnit)) {
                    if (Files.size(err) == 0) Files.delete(err);
                    return;
                }
                Files.move(err, lastUnit.resolve(WORKER_ERR), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // it stays in the report folder
            }
        }
    }

    /** A worker's stderr when it printed any, in the folder of the last unit it ran (the one it died in, if it died). */
    static final String WORKER_ERR = "worker.err";

    /** True when the unit left exactly one record, passed or failed, and an exit code that says so (0 or 1). */
    static boolean judged(Path dir, int code) {
        if (code != BenchCommand.OK && code != BenchCommand.FAILED) return false;
        try {
            List<VerdictLedger.ScenarioRecord> rs = VerdictLedger.readRecords(dir.resolve(VerdictLedger.FILE));
            return rs.size() == 1 && (rs.get(0).outcome() == VerdictLedger.ScenarioOutcome.PASSED || rs.get(0).outcome() == VerdictLedger.ScenarioOutcome.FAILED);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Lines of each file a diagnosis shows at most. */
    static final int DIAGNOSIS_LINES = 30;

    /**
     * What a unit that was not judged left behind, indented, for the run's output: the end of its console output
     * ({@value #LOG}: the worker's "bench run: …" lines name a session that could not start), the warnings and errors of
     * its {@code run.log}, the end of its worker's stderr ({@code workerErr} while the worker lives, else
     * {@value #WORKER_ERR} in the folder) and of the controller's log slice. Empty when there is nothing.
     */
    static String diagnosis(Path dir, Path workerErr) {
        StringBuilder b = new StringBuilder();
        section(b, dir.getFileName() + "/" + LOG, tail(dir.resolve(LOG), l -> true));
        section(b, dir.getFileName() + "/" + RunLog.FILE + " (warnings and errors)", tail(dir.resolve(RunLog.FILE), l -> l.contains(" WARN ") || l.contains(" ERROR ")
                || l.startsWith("\t") || l.startsWith("Caused by")));
        Path err = workerErr != null && Files.isRegularFile(workerErr) ? workerErr : dir.resolve(WORKER_ERR);
        section(b, "the worker's stderr", tail(err, l -> true));
        try (Stream<Path> s = Files.list(dir)) {
            for (Path c : s.filter(f -> f.getFileName().toString().startsWith("controller") && f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                section(b, dir.getFileName() + "/" + c.getFileName(), tail(c, l -> true));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // no folder: the lines above say so
        }
        if (b.length() == 0) b.append("    (the unit left no log: ").append(dir).append(" has none)").append(System.lineSeparator());
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<String> lines) {
        if (lines.isEmpty()) return;
        b.append("    ").append(title).append(lines.size() == DIAGNOSIS_LINES ? ", its last " + DIAGNOSIS_LINES + " lines" : "").append(':').append(System.lineSeparator());
        for (String l : lines) b.append("      | ").append(l).append(System.lineSeparator());
    }

    /** The last {@value #DIAGNOSIS_LINES} lines of {@code f} that {@code keep} accepts; none when it cannot be read. */
    private static List<String> tail(Path f, java.util.function.Predicate<String> keep) {
        if (!Files.isRegularFile(f)) return List.of();
        try {
            List<String> all = Files.readAllLines(f, java.nio.charset.StandardCharsets.UTF_8).stream().filter(keep).toList();
            return all.subList(Math.max(0, all.size() - DIAGNOSIS_LINES), all.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            try {   // not UTF-8 throughout (a JVM crash's output): as Latin-1, which reads any byte
                List<String> all = Files.readAllLines(f, java.nio.charset.StandardCharsets.ISO_8859_1).stream().filter(keep).toList();
                return all.subList(Math.max(0, all.size() - DIAGNOSIS_LINES), all.size());
            } catch (IOException again) {
                return List.of("(" + f.getFileName() + " unreadable: " + again + ")");
            }
        }
    }

    private static String describe(Path dir, int code) {
        try {
            List<VerdictLedger.ScenarioRecord> rs = VerdictLedger.readRecords(dir.resolve(VerdictLedger.FILE));
            return rs.isEmpty() ? "no verdict" : String.join(", ", rs.stream().map(r -> r.outcome().label()).toList());
        } catch (IOException e) {
            // the worker's own last word on the unit (a start that threw, a controller unreachable, a folder unwritable):
            // every exit 2 used to read "the bench could not start", whatever had happened
            String why = lastBenchLine(dir.resolve(LOG));
            return "no verdicts (" + (why.isEmpty() ? "" : why + "; ") + "see " + dir.getFileName() + "/" + LOG + ")";
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
