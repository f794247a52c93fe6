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
     * Runs {@code units} (each a child {@code bench run --unit}) at most {@code parallel} at a time, longest first, into
     * {@code reportDir}, and joins them (class comment).
     *
     * @param commonArgs the child's arguments after {@code run} other than --unit and --report (rig, features, controller …)
     * @param out        one line per finished unit
     */
    static Outcome run(List<RunUnits.Unit> units, double resetAllowanceMin, int parallel, List<String> commonArgs, Path reportDir,
                       PrintStream out) throws IOException, InterruptedException {
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
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RunUnits.Unit u : RunUnits.longestFirst(units, resetAllowanceMin)) {
                futures.add(pool.submit(() -> {
                    Path dir = reportDir.resolve(u.folder());
                    Path log = reportDir.resolve(u.folder() + ".log");
                    List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"), "io.hilbench.cli.BenchCommand", "run",
                            "--unit", u.selector(), "--report", dir.toString()));
                    cmd.addAll(commonArgs);
                    // a unit at a parameter corner (issue #17 item 3) runs its child at that corner; nominal adds nothing
                    if (!RunUnits.NOMINAL.equals(u.corner())) cmd.addAll(List.of("--corner", u.corner()));
                    long t0 = System.nanoTime();
                    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                    live.add(p);
                    int code = p.waitFor();
                    live.remove(p);
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
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is ending: the hook runs
            }
        }
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
