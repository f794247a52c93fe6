package io.hilbench.cli;

import io.hilbench.scenario.BenchOptions;
import io.hilbench.scenario.BenchSession;
import io.hilbench.scenario.ScenarioRunner;
import io.hilbench.scenario.VerdictLedger;
import io.hilbench.scenario.judge.Inconclusive;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A worker of a parallel or sharded run ({@code bench run --worker}, hidden; issue #17 item 1): one JVM that runs unit
 * after unit, each into its own unit folder, on one bench session (plant servers and reference controller started once
 * and kept, as a sequential run keeps its one session from scenario to scenario), while the parent ({@link UnitRuns})
 * hands it the next unit.
 *
 * <p><b>Why.</b> A child JVM per unit paid, for every unit, a JVM start with its JIT warm-up, the OPC UA server's
 * start (Milo builds the standard namespace), a reference-controller JVM start, the held placeholder run and the
 * preflight: the whole suite's {@code --parallel 2} burnt 886 CPU s against the sequential run's 590 and took 78 % of its
 * wall time (BENCHMARKS.md, session 11). A worker pays that once per lane. Its units run exactly as the scenarios of a
 * sequential run: one session, each scenario on a fresh plant run with the controller reset to initial
 * ({@link BenchSession#beginScenario}), so their traces are the sequential run's, byte for byte.
 *
 * <p><b>Protocol</b> (text lines, UTF-8). The parent writes one line per unit on the worker's stdin,
 * {@code unit<TAB>CORNER<TAB>FILE:LINE<TAB>DIR}; the worker runs that scenario at that corner into DIR (created; the
 * layout of a child run per unit: Cucumber's files, verdicts.json, traces, judged traces, {@code run.log}, the
 * reference controller's log of this unit and the unit's console output {@value UnitRuns#LOG}) and then answers
 * {@value #DONE}, a space and the unit's exit code on its stdout, the only thing it writes there (whatever else the
 * JVM prints goes to the unit's console output or to stderr). A unit at another corner than the running session's
 * gets a new session (the corner's plant, a new controller). stdin closed: the worker closes its session and exits 0;
 * its parent gone: it exits at once (its shutdown hooks stop the controller).
 */
final class UnitWorker {
    /** The worker's answer after a unit, followed by a space and the unit's exit code. */
    static final String DONE = "@@bench-unit-done";
    /** The parent's request prefix. */
    static final String UNIT = "unit";

    private UnitWorker() {}

    /** The request line for a unit (no tab or newline may be inside a field: the rig's corner names are words). */
    static String request(String corner, String selector, Path dir) {
        for (String s : new String[] {corner, selector, dir.toString()}) {
            if (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a tab or a newline in a unit's request: '" + s + "'");
            }
        }
        return UNIT + "\t" + corner + "\t" + selector + "\t" + dir;
    }

    /**
     * Serves units from stdin until it closes (class comment). {@code base} holds the run's settings (its report folder
     * is the parent's and is not written).
     *
     * @return the worker's exit code: 0 when stdin closed, 2 on a request it cannot read
     */
    static int serve(BenchOptions base, String tags) {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream stderr = System.err;
        // nothing but the protocol on stdout: a stray print goes to stderr (and during a unit, to its console output)
        System.setOut(stderr);
        RunLog.terminalWarnOnlyForGood();
        exitWithParent();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                String[] p = line.split("\t", -1);
                if (p.length != 4 || !p[0].equals(UNIT)) {
                    stderr.println("bench run --worker: not a unit request: " + line);
                    return BenchCommand.USAGE;
                }
                int code = runUnit(base, p[1], p[2], Path.of(p[3]), tags, stderr);
                protocol.println(DONE + " " + code);
            }
            return BenchCommand.OK;
        } catch (IOException e) {
            stderr.println("bench run --worker: stdin: " + e);
            return BenchCommand.USAGE;
        } finally {
            System.setOut(stderr);
            System.setErr(stderr);
            BenchSession.closeCurrent();
        }
    }

    /**
     * A worker whose parent is gone (killed outright: no hook of the parent's could stop it) ends at once, also in the
     * middle of a unit: its shutdown hooks stop the session and its controller.
     */
    private static void exitWithParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) return;
        Thread t = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(BenchCommand.USAGE);
        }, "bench-worker-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    /** One unit into {@code dir}; its exit code as a child run of that one unit ({@code bench run --unit}) returned it. */
    private static int runUnit(BenchOptions base, String corner, String selector, Path dir, String tags, PrintStream stderr) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            stderr.println("bench run --worker: " + dir + " cannot be created: " + e);
            return BenchCommand.USAGE;
        }
        RunLog runLog = RunLog.start(dir);
        // appended: the parent may add the worker's stray stdout lines to the same file
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(UnitRuns.LOG), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            System.setErr(out);
            try {
                return runUnit(base.withCorner(corner).withReportDir(dir), selector, tags, out);
            } finally {
                System.setOut(stderr);
                System.setErr(stderr);
            }
        } catch (IOException e) {
            stderr.println("bench run --worker: " + dir.resolve(UnitRuns.LOG) + ": " + e);
            return BenchCommand.USAGE;
        } finally {
            if (runLog != null) runLog.close();
        }
    }

    private static int runUnit(BenchOptions unit, String selector, String tags, PrintStream out) {
        int colon = selector.lastIndexOf(':');
        if (colon <= 0) {
            out.println("bench run: a unit wants FILE:LINE, was '" + selector + "'");
            return BenchCommand.USAGE;
        }
        Path feature = Path.of(selector.substring(0, colon));
        int featureLine;
        try {
            featureLine = Integer.parseInt(selector.substring(colon + 1));
        } catch (NumberFormatException e) {
            out.println("bench run: a unit wants FILE:LINE, was '" + selector + "'");
            return BenchCommand.USAGE;
        }
        out.println("bench run: unit " + selector + (io.hilbench.rig.Corner.NOMINAL.equals(unit.corner()) ? "" : " @" + unit.corner())
                + " in worker pid " + ProcessHandle.current().pid());
        // the worker's session when it serves this bench (same corner: its controller log moves on to this unit's folder),
        // else a new one started now (its preflight in this unit's output, as a sequential run prints it once)
        try {
            BenchSession running = BenchSession.running().filter(s -> s.options().sameBench(unit)).orElse(null);
            if (running != null) {
                running.continueControllerLogIn(unit);
                out.println("bench run: on the worker's running bench session (started for an earlier unit; its preflight there)");
            }
            BenchSession s = BenchSession.obtain(unit);
            if (running == null) out.print(s.preflight().format());
            BenchSession.liveProgress(out);
        } catch (BenchSession.PreflightFailed e) {
            out.print(e.report().format());
            out.println(RunCommand.preflightFailed(e.report()));
            BenchSession.closeCurrent();
            return e.report().exitCode();
        } catch (Inconclusive e) {
            out.println("bench run: " + e.getMessage());
            BenchSession.closeCurrent();
            return BenchCommand.INCONCLUSIVE;
        } catch (Exception e) {
            out.println("bench run: the bench could not start: " + e);
            e.printStackTrace(out);   // which part of the start threw: the unit's console output is what a CI failure shows
            BenchSession.closeCurrent();
            return BenchCommand.USAGE;
        }
        try {
            ScenarioRunner.Result result = ScenarioRunner.runOne(unit, feature, featureLine, tags, out);
            if (VerdictLedger.writeFailure().isPresent()) {
                out.println("bench run: the unit's folder could not be written during the run (" + VerdictLedger.writeFailure().get() + ")");
                return BenchCommand.USAGE;
            }
            out.printf("%d scenario(s): %d passed, %d failed, %d inconclusive, %d error(s)%n", result.total(), result.passed(), result.failed(),
                    result.inconclusive(), result.errors());
            return result.total() == 0 ? BenchCommand.USAGE : result.exitCode();
        } catch (IOException e) {
            out.println("bench run: " + e.getMessage());
            return BenchCommand.USAGE;
        } catch (RuntimeException | Error e) {
            out.println("bench run: the unit ended in " + e);
            e.printStackTrace(out);
            // a session in an unknown state serves no further unit
            BenchSession.closeCurrent();
            return BenchCommand.USAGE;
        } finally {
            BenchSession.liveProgress(null);
            // a dead controller: the next unit starts a new session (a sequential run would find it dead and be
            // inconclusive for the rest of its scenarios; a worker's next unit is another lane's scenario, not this one's)
            if (BenchSession.running().map(s -> s.controllerProcess().map(c -> !c.isAlive()).orElse(false)).orElse(false)) {
                BenchSession.closeCurrent();
            }
        }
    }
}
