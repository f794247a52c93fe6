package io.hilbench.cli;

import io.hilbench.report.CucumberJson;
import io.hilbench.report.JunitSummary;
import io.hilbench.report.evidence.EvidenceBundle;
import io.hilbench.scenario.VerdictLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code bench run --tags @SU-04} whose report folder stops being writable mid-run (issue #18 item 3, "the
 * disk full or the report folder unwritable"). The folder is moved away once the preflight passed and a regular file
 * put in its place, so every later write into it fails, as on a full disk or a folder removed under the run; this
 * works for any user (the tests run as root here, and root writes into read-only folders). The run must end with
 * exit 2 and the reason on stderr, leave no controller process, make no evidence bundle, and leave nothing that reads
 * as a complete run (no verdicts.json, JUnit XML or Cucumber JSON where the report was).
 *
 * <p>Removed once (555f8be) because in CI under load it exited 2 without the {@code REPORT FOLDER UNWRITABLE} line.
 * The cause: where the swap landed in the bench's run depended on the load. Landing before the scenario runner made
 * the report folder, the run ended with the bare I/O message (exit 2 by the usage path); landing before Cucumber
 * opened its report files, the engine's failure was counted as a failed scenario. Both now end as a write failing later
 * does (ReportFolderLostTest holds each path). The swap itself is done with the bench and its controller frozen
 * ({@code kill -STOP}), so the bench never sees the half-way state (folder gone, no file yet: it would make a new
 * folder and the test's file write would fail); wherever in the run the swap then lands, the outcome asserted here is
 * the same, so the test does not depend on timing. (Cucumber's own files are opened when its run starts: a swap landing
 * after that leaves them in the moved-away folder, which the bench cannot know; so they are checked only where the
 * report was.)
 */
@org.junit.jupiter.api.condition.DisabledOnOs(value = org.junit.jupiter.api.condition.OS.WINDOWS, disabledReason = "freezes with kill -STOP / -CONT")
class UnwritableReportFolderTest {
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (ProcessHandle h : started) h.destroyForcibly();
    }

    @Test
    void aReportFolderThatStopsBeingWritableEndsTheRunWithExit2AndNoEvidence(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report");
        Path moved = tmp.resolve("report-moved");
        Process bench = BenchRunProcess.start(tmp, "@SU-04", report, started);
        BufferedReader out = new BufferedReader(new InputStreamReader(bench.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String preflight = null;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("preflight:")) {
                preflight = line;
                break;
            }
        }
        assertThat(preflight).as("the preflight line (bench stderr: %s)", tmp.resolve("bench.err")).isNotNull();
        List<ProcessHandle> children = bench.toHandle().children().toList();
        assertThat(children).as("the bench's controller child").isNotEmpty();
        started.addAll(children);

        // the folder becomes unwritable while SU-04 starts: gone, and a file where it was, swapped while the bench and
        // its controller are frozen (the bench never sees the folder missing without the file)
        signal("STOP", bench.toHandle(), children);
        try {
            Files.move(report, moved);
            Files.writeString(report, "not a folder");
        } finally {
            signal("CONT", bench.toHandle(), children);
        }

        StringBuilder stdout = new StringBuilder();
        Thread drain = new Thread(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) stdout.append(l).append('\n');
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        drain.start();
        assertThat(bench.waitFor(600, TimeUnit.SECONDS)).as("bench run ends").isTrue();
        drain.join(10_000);
        String err = Files.readString(tmp.resolve("bench.err"));
        assertThat(bench.exitValue()).as(err).isEqualTo(VerdictLedger.INTERRUPTED_EXIT);
        assertThat(err).contains("REPORT FOLDER UNWRITABLE").contains("the report folder could not be written during the run")
                .contains("no evidence bundle").contains("exit 2");
        for (ProcessHandle child : children) {
            assertThat(child.onExit().get(120, TimeUnit.SECONDS).isAlive()).as("child " + child.pid() + " left running").isFalse();
        }

        assertThat(report).isRegularFile().hasContent("not a folder");
        assertThat(moved.resolve(EvidenceBundle.FILE)).doesNotExist();
        assertThat(moved.resolve(EvidenceBundle.FILE + ".tmp")).doesNotExist();
        assertThat(moved.resolve(VerdictLedger.FILE)).as("nothing reads as the run's verdicts").doesNotExist();
        assertThat(moved.resolve("report.html")).as("no report page of a complete run").doesNotExist();
        assertThat(moved.resolve(JunitSummary.FILE + ".tmp")).doesNotExist();
        assertThat(moved.resolve(CucumberJson.FILE + ".tmp")).doesNotExist();
        // the terminal says what the exit code says: no pass/fail summary of a run that claims nothing (issue #18 item 3)
        assertThat(stdout.toString()).doesNotContain("evidence:").doesNotContain(" passed, ").contains("REPORT FOLDER UNWRITABLE");
    }

    private static void signal(String sig, ProcessHandle bench, List<ProcessHandle> children) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + sig, Long.toString(bench.pid())));
        for (ProcessHandle p : children) cmd.add(Long.toString(p.pid()));
        assertThat(new ProcessBuilder(cmd).inheritIO().start().waitFor()).as(String.join(" ", cmd)).isZero();
    }
}
