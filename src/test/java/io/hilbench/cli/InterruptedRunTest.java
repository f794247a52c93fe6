package io.hilbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hilbench.report.JunitSummary;
import io.hilbench.report.evidence.EvidenceBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code bench run} of two features (SU-04, then SU-02's two scenarios) stopped by SIGTERM (Process.destroy)
 * once the first scenario is judged (issue #18 item 3). On main the folder then held 0-byte JUnit XML and Cucumber
 * JSON and {@code bench report --from} rendered "1 passed, 0 failed". Now: exit 2, verdicts.json marked interrupted
 * with the one verdict judged and the scenarios cut off and never run, the JUnit XML and Cucumber JSON well-formed and
 * marked, report.html and the handover INTERRUPTED, no evidence bundle, no controller process left, and
 * {@code bench report --from} renders the folder as interrupted again.
 */
class InterruptedRunTest {
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (ProcessHandle h : started) h.destroyForcibly();
    }

    @Test
    void aRunStoppedBySigtermLeavesAPartialReportMarkedInterruptedAndNoEvidence(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report");
        Process bench = BenchRunProcess.start(tmp, "@SU-04 or @SU-02", report, started);
        BufferedReader out = new BufferedReader(new InputStreamReader(bench.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String first = null;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("[1/")) {
                first = line;
                break;
            }
        }
        assertThat(first).as("the first scenario's result line (bench stderr: %s)", tmp.resolve("bench.err")).isNotNull().contains("SU-04");
        // the bench's child processes: the reference controller (its own JVM, "bench controller"); the command line
        // is not always readable from /proc (its class path is long), so every child is watched
        List<ProcessHandle> children = bench.toHandle().children().toList();
        assertThat(children).as("the bench's controller child").isNotEmpty();
        started.addAll(children);

        // SIGTERM mid-run: SU-02's first scenario is running
        BenchRunProcess.awaitInterrupted(bench, out, tmp, children);

        ObjectMapper json = new ObjectMapper();
        JsonNode verdicts = json.readTree(report.resolve("verdicts.json").toFile());
        assertThat(verdicts.path("interrupted").asBoolean()).isTrue();
        assertThat(verdicts.path("totals").path("exitCode").asInt()).isEqualTo(2);
        assertThat(verdicts.path("scenarios")).hasSize(1);
        assertThat(verdicts.path("scenarios").get(0).path("requirement").asText()).isEqualTo("SU-04");
        JsonNode interruption = verdicts.path("interruption");
        List<String> unfinished = new ArrayList<>();
        if (!interruption.path("cutOff").asText().isEmpty()) unfinished.add(interruption.path("cutOff").asText());
        interruption.path("neverRan").forEach(n -> unfinished.add(n.asText()));
        assertThat(unfinished).as("SU-02's two scenarios: cut off or never run").hasSize(2);

        assertThat(report.resolve(JunitSummary.FILE)).isNotEmptyFile();
        var junit = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.resolve(JunitSummary.FILE).toFile());
        var suite = junit.getDocumentElement();
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(Files.readString(report.resolve(JunitSummary.FILE))).contains("bench.interrupted").contains("never ran");
        JsonNode cucumber = json.readTree(report.resolve("cucumber.json").toFile());
        assertThat(cucumber.isArray()).isTrue();
        assertThat(cucumber.toString()).contains("RUN INTERRUPTED").contains("Operator stops the heat pump at full load");
        assertThat(Files.readString(report.resolve("cucumber.html"))).contains("INTERRUPTED");
        assertThat(Files.readString(report.resolve("report.html"))).contains("INTERRUPTED").contains("Never ran");
        String handover = Files.readString(report.resolve("handover.html"));
        assertThat(handover).contains("NOT an acceptance test report").doesNotContain("7. Sign-off");
        assertThat(report.resolve(EvidenceBundle.FILE)).doesNotExist();
        assertThat(report.resolve(EvidenceBundle.FILE + ".tmp")).doesNotExist();

        // bench report --from renders the folder as interrupted, never as a complete acceptance document
        StringWriter reportOut = new StringWriter();
        var cl = BenchCommand.commandLine();
        cl.setOut(new PrintWriter(reportOut, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("report", "--from", report.toString())).isEqualTo(BenchCommand.OK);
        assertThat(reportOut.toString()).contains("INTERRUPTED").contains("exit code 2");
        assertThat(Files.readString(report.resolve("handover.html"))).contains("NOT an acceptance test report").doesNotContain("7. Sign-off");
        assertThat(JunitSummary.read(report, io.hilbench.report.RunData.read(report).scenarios()).orElseThrow().consistent()).isTrue();
        assertThat(report.resolve(EvidenceBundle.FILE)).doesNotExist();
    }
}
