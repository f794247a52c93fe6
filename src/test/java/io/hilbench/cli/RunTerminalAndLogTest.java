package io.hilbench.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code bench run} of one short scenario (SU-04) in its own JVM (issue #16 item 10: ~840 stderr lines a run,
 * INFO chatter around the results, and silence while the report rendered): the terminal shows the scenario's line and
 * its verdict lines, progress and the report's rendering step by step; the bench's INFO log is in the report folder's
 * run.log, which report.html links with the controller's log and the evidence bundle.
 */
class RunTerminalAndLogTest {
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (ProcessHandle h : started) {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        }
    }

    @Test
    void resultsAndProgressOnTheTerminalTheInfoLogInTheReportFolder(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report");
        // the child logs as the released bench does (logback.xml, INFO), so the split is tested, not the tests' quiet config
        Process bench = BenchRunProcess.startToFiles(tmp, "@SU-04", report, started);
        // no wall-clock bound on the run itself: waitFor only guards against a hung JVM
        assertThat(bench.waitFor(30, TimeUnit.MINUTES)).as("bench run ended").isTrue();
        String out = Files.readString(tmp.resolve("bench.out"));
        String err = Files.readString(tmp.resolve("bench.err"));
        assertThat(bench.exitValue()).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();

        // the terminal: the scenario's line, then each assertion's verdict line, the log's place, the report and the bundle
        assertThat(out).contains("log: " + report.toAbsolutePath().normalize().resolve("run.log"));
        assertThat(out).containsPattern("\\[1/1\\] SU-04 .* … passed");
        assertThat(out.lines().filter(l -> l.matches(" {6}SU-04\\.\\S+ +passed.*")).count()).as("SU-04's verdict lines").isGreaterThanOrEqualTo(3);
        assertThat(out).contains("report: ").contains("evidence: ");
        // stderr: progress and the report's rendering, no INFO line
        assertThat(err).contains("rendering report…").contains("rendering report: plot 1/1 SU-04").contains("rendering report: handover PDF");
        assertThat(err.lines().filter(l -> l.contains(" INFO ")).toList()).as("INFO lines on the terminal").isEmpty();

        // the report folder: the bench's log, linked from report.html with the controller's log, judged/ and the bundle
        String log = Files.readString(report.resolve(RunLog.FILE));
        assertThat(log).contains(" INFO ").contains("emulator started").contains("preflight");
        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).contains("href=\"run.log\"").contains("href=\"controller.log\"").contains("href=\"judged/\"").contains("href=\"evidence.zip\"");
        assertThat(report.resolve("evidence.zip")).isRegularFile();
    }
}
