package io.hilbench.cli;

import io.hilbench.report.RunData;
import io.hilbench.report.RunReport;
import io.hilbench.report.evidence.EvidenceBundle;
import io.hilbench.scenario.ScenarioRunner;
import io.hilbench.scenario.VerdictLedger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code bench run} does when it is stopped mid-run by SIGINT (Ctrl-C) or SIGTERM (a CI timeout, {@code kill})
 * (issue #18 item 3). On main the folder then held 0-byte JUnit XML and Cucumber JSON with no word of what was kept,
 * and {@code bench report --from} rendered it as "1 passed, 0 failed". Now a shutdown hook, while scenarios run:
 * <ol>
 *   <li>freezes the verdict ledger and marks verdicts.json {@code "interrupted": true} with the verdicts judged so far,
 *       the scenario cut off and those that never ran, exit code {@value VerdictLedger#INTERRUPTED_EXIT};</li>
 *   <li>renders the partial report from it (report.html and the handover say INTERRUPTED and list what never ran,
 *       the JUnit XML and Cucumber JSON are well-formed with an interruption marker, cucumber.html says so);</li>
 *   <li>writes no evidence bundle (a signed partial bundle is never made) and removes a half-written one;</li>
 *   <li>says on stderr what was kept, and ends the JVM with exit code {@value VerdictLedger#INTERRUPTED_EXIT}.</li>
 * </ol>
 * The controller child is stopped by its own hook (ControllerProcess). Once all scenarios ran, the main thread owns
 * the report and the evidence: a signal then waits for it to finish (bounded) and the run exits with its own code.
 */
final class RunInterruption {
    enum State { RUNNING, FINISHING, INTERRUPTED, DONE }

    /** How long a signal waits for a run that is already writing its report and evidence. */
    static final long FINISH_WAIT_S = 120;

    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Path reportDir;
    private final Path rigDir;
    private final Path featuresDir;
    private final PrintStream err;
    private final Thread hook;
    private volatile int exitCode = VerdictLedger.INTERRUPTED_EXIT;
    /** A parallel or sharded run's children (null: the scenarios run in this JVM). */
    private volatile UnitsStopper units;

    /**
     * How a parallel or sharded run stops its children on a signal: each unit's child is stopped (its own hook marks
     * its unit folder and stops its controller), the finished units are joined, and the ledger holds their records;
     * returns the units cut off (running) and never run, by name.
     */
    interface UnitsStopper {
        void stop(List<String> cutOff, List<String> neverRan) throws IOException;
    }

    private RunInterruption(Path reportDir, Path rigDir, Path featuresDir, PrintStream err) {
        this.reportDir = reportDir;
        this.rigDir = rigDir;
        this.featuresDir = featuresDir;
        this.err = err;
        this.hook = new Thread(this::onShutdown, "bench-run-interrupted");
    }

    /** Installs the hook for a run writing into {@code reportDir}. */
    static RunInterruption install(Path reportDir, Path rigDir, Path featuresDir, PrintStream err) {
        RunInterruption r = new RunInterruption(reportDir, rigDir, featuresDir, err);
        Runtime.getRuntime().addShutdownHook(r.hook);
        return r;
    }

    /**
     * The same hook for a parallel or sharded run (issue #17): on a signal, {@code units} stops the children first and
     * joins the units that finished; then the partial report as for a run in this JVM.
     */
    static RunInterruption installForUnits(Path reportDir, Path rigDir, Path featuresDir, PrintStream err, UnitsStopper units) {
        RunInterruption r = new RunInterruption(reportDir, rigDir, featuresDir, err);
        r.units = units;
        Runtime.getRuntime().addShutdownHook(r.hook);
        return r;
    }

    /**
     * The scenarios are over: the main thread writes the report and the evidence now. False when a signal came first
     * (the hook owns the folder): the caller then writes nothing more and waits for the JVM to end.
     */
    boolean finishing() {
        return state.compareAndSet(State.RUNNING, State.FINISHING);
    }

    /** The run ended normally with this exit code: the hook is no longer needed. */
    void done(int code) {
        exitCode = code;
        state.set(State.DONE);
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal came while finishing: the hook waits on 'finished' and exits with this code
        }
    }

    /** Blocks the calling (main) thread for good: the hook is writing the partial report and will end the JVM. */
    static void awaitHalt() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
                // only the JVM's end stops this thread
            }
        }
    }

    private void onShutdown() {
        if (state.compareAndSet(State.RUNNING, State.INTERRUPTED)) {
            writePartial("the bench was stopped by a signal (SIGINT or SIGTERM) before the run ended");
            err.flush();
            Runtime.getRuntime().halt(VerdictLedger.INTERRUPTED_EXIT);
        } else if (state.get() == State.FINISHING) {
            try {
                if (finished.await(FINISH_WAIT_S, TimeUnit.SECONDS)) {
                    err.println("bench run: stopped by a signal after all scenarios ran; the report and evidence were completed first");
                    err.flush();
                    Runtime.getRuntime().halt(exitCode);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writePartial("the bench was stopped by a signal while it wrote the report and evidence of a finished run");
            err.flush();
            Runtime.getRuntime().halt(VerdictLedger.INTERRUPTED_EXIT);
        }
        // DONE: the run ended normally; nothing to do
    }

    /** The partial report: verdicts.json marked interrupted, the pages from it, no evidence bundle; never throws. */
    void writePartial(String reason) {
        ScenarioRunner.Unfinished u = ScenarioRunner.unfinished();
        List<String> neverRan = new ArrayList<>(u.notStarted());
        if (units != null) {
            // a parallel or sharded run: the children are stopped and the finished units joined first
            List<String> cutOff = new ArrayList<>();
            neverRan.clear();
            try {
                units.stop(cutOff, neverRan);
            } catch (IOException | RuntimeException e) {
                err.println("bench run: INTERRUPTED, and the finished units could not all be joined: " + e.getMessage());
            }
            u = new ScenarioRunner.Unfinished(String.join(", ", cutOff), List.of());
        }
        if (u.running().isEmpty() && neverRan.isEmpty() && VerdictLedger.records().isEmpty()) {
            reason += ", before any scenario started (while the bench, the controller or the preflight started): no scenario ran";
        }
        try {
            VerdictLedger.interrupt(new VerdictLedger.Interruption(reason, u.running(), neverRan), reportDir);
        } catch (IOException | RuntimeException e) {
            err.println("bench run: INTERRUPTED, and " + VerdictLedger.FILE + " could not be marked so: " + e.getMessage());
        }
        removeEvidence();
        // ImageIO's disk cache registers a delete-on-exit file, refused once the JVM shuts down: the plots are drawn in memory
        javax.imageio.ImageIO.setUseCache(false);
        int judged = VerdictLedger.records().size();
        try {
            RunReport.write(reportDir, rigDir, featuresDir);
        } catch (IOException | RuntimeException e) {
            err.println("bench run: INTERRUPTED: the partial report pages were not written: " + e.getMessage());
        }
        noteCucumberHtml();
        err.println("bench run: INTERRUPTED: " + reason + ".");
        err.println("bench run: kept in " + reportDir + ": " + judged + " scenario(s) judged before the stop (" + VerdictLedger.FILE + ", marked \"interrupted\")"
                + (u.running().isEmpty() ? "" : "; cut off, not judged: " + u.running())
                + "; never ran (" + neverRan.size() + ")" + (neverRan.isEmpty() ? "" : ": " + String.join(", ", neverRan)));
        err.println("bench run: no evidence bundle for an interrupted run; exit " + VerdictLedger.INTERRUPTED_EXIT);
    }

    /**
     * The report folder could not be written during the run (disk full, the folder unwritable or gone; issue #18 item
     * 3): the run's evidence is incomplete, so it ends as an interrupted run does, with this as the reason. First
     * Cucumber's own files go (its JUnit XML, JSON, HTML and message stream describe the run as it saw it, not as
     * interrupted; an interrupted run's are written from the verdicts) with a half-written verdicts.json and evidence
     * bundle: on a full disk that frees the room the rest needs. Then verdicts.json is marked interrupted and the
     * partial report drawn from it, if the folder takes them; if it does not, verdicts.json is removed too (a stale one
     * reads as a complete run of fewer scenarios). Never an evidence bundle. Never throws; says on stderr what was
     * kept. The caller exits {@value VerdictLedger#INTERRUPTED_EXIT}.
     */
    static void reportFolderUnwritable(Path reportDir, Path rigDir, Path featuresDir, String failure, PrintStream err) {
        String reason = "the report folder could not be written during the run (" + failure + ")";
        List<String> removed = new ArrayList<>();
        for (String name : List.of(EvidenceBundle.FILE + ".tmp", EvidenceBundle.FILE, VerdictLedger.FILE + ".tmp",
                io.hilbench.report.JunitSummary.FILE, io.hilbench.report.CucumberJson.FILE, CucumberHtmlWithPlots.HTML, io.hilbench.scenario.ScenarioRunner.MESSAGES)) {
            if (deleteQuietly(reportDir.resolve(name))) removed.add(name);
        }
        boolean marked;
        try {
            VerdictLedger.interrupt(new VerdictLedger.Interruption(reason, "", List.of()), reportDir);
            marked = true;
        } catch (IOException | RuntimeException e) {
            marked = false;
        }
        if (marked) {
            javax.imageio.ImageIO.setUseCache(false);
            try {
                RunReport.write(reportDir, rigDir, featuresDir);
                Files.writeString(reportDir.resolve(CucumberHtmlWithPlots.HTML), interruptedCucumberPage(), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                err.println("bench run: the partial report pages were not all written: " + e.getMessage());
            }
        } else {
            if (deleteQuietly(reportDir.resolve(VerdictLedger.FILE))) removed.add(VerdictLedger.FILE);
            deleteQuietly(reportDir.resolve(VerdictLedger.FILE + ".tmp")); // the failed mark's own half-written file
        }
        int judged = VerdictLedger.records().size();
        err.println("bench run: REPORT FOLDER UNWRITABLE: " + reason + ".");
        err.println(marked
                ? "bench run: kept in " + reportDir + ": " + VerdictLedger.FILE + " marked \"interrupted\" with the " + judged
                        + " scenario record(s) of the run; the partial report pages from it"
                : "bench run: " + VerdictLedger.FILE + " could not be marked \"interrupted\" in " + reportDir + ": no verdicts kept");
        if (!removed.isEmpty()) {
            err.println("bench run: removed, so that nothing there reads as a complete run: " + String.join(", ", removed)
                    + "; traces/ may hold a truncated trace");
        }
        err.println("bench run: no evidence bundle for a run whose report folder could not be written; exit " + VerdictLedger.INTERRUPTED_EXIT);
        err.flush();
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            return false; // gone with its folder, or a path under a file: nothing there to mislead
        }
    }

    /** A half-written bundle (its temporary file) is removed; a complete one cannot exist before the run finished. */
    private void removeEvidence() {
        try {
            Files.deleteIfExists(reportDir.resolve(EvidenceBundle.FILE + ".tmp"));
            if (state.get() == State.INTERRUPTED) Files.deleteIfExists(reportDir.resolve(EvidenceBundle.FILE));
        } catch (IOException e) {
            err.println("bench run: could not remove a partial evidence bundle: " + e.getMessage());
        }
    }

    /** Cucumber writes cucumber.html when its run ends: an interrupted run left it empty; it now says why. */
    private void noteCucumberHtml() {
        Path html = reportDir.resolve(CucumberHtmlWithPlots.HTML);
        try {
            // Cucumber's page is empty (written when its run ends) or shows scenarios run on after the signal: replaced
            Files.writeString(html, interruptedCucumberPage(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("bench run: " + html + " not written: " + e.getMessage());
        }
    }

    static String interruptedCucumberPage() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>INTERRUPTED run</title></head><body>\n"
                + "<h1>INTERRUPTED run</h1>\n<p>The run was stopped before Cucumber wrote its report. What was judged before the stop is in "
                + "<a href=\"report.html\">report.html</a> and <a href=\"verdicts.json\">verdicts.json</a> (marked \"interrupted\").</p>\n</body></html>\n";
    }

    /** Whether a report folder holds an interrupted run (for bench report --from). */
    static boolean interrupted(Path dir) {
        try {
            return RunData.read(dir).interrupted();
        } catch (IOException e) {
            return false;
        }
    }
}
