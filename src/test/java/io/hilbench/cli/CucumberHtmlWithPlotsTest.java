package io.hilbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hilbench.report.RunReport;
import io.hilbench.scenario.BenchOptions;
import io.hilbench.scenario.ScenarioRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #9 item 1: Cucumber's HTML report holds, per scenario, the plot of the signals it judged (SVG drawn by
 * JFreeChart in report.plot), with the limits and the verdict instant. From a real short run (SU-04, the reference
 * controller, lockstep): the run writes Cucumber's message stream, the report draws the plots, and
 * {@link CucumberHtmlWithPlots} renders cucumber.html again from the stream with one image/svg+xml attachment per
 * test case. The page is read back the way Cucumber's report reads it: the message envelopes embedded in it.
 */
class CucumberHtmlWithPlotsTest {
    static final Path RIG = Path.of("rigs/solrod");
    static final Path FEATURES = Path.of("features");

    @TempDir
    static Path dir;
    static ScenarioRunner.Result result;
    static CucumberHtmlWithPlots.Embedded embedded;

    @BeforeAll
    static void runAndRender() throws Exception {
        BenchOptions o = BenchOptions.fromSystemProperties().withReportDir(dir);
        result = ScenarioRunner.run(o, "@SU-04", null);
        RunReport.write(dir, o.rigDir(), o.featuresDir());
        embedded = CucumberHtmlWithPlots.write(dir);
    }

    @Test
    void everyTestCaseInCucumberHtmlCarriesItsPlotAsAnSvgAttachmentOnOneOfItsSteps() throws Exception {
        assertThat(result.total()).as("the run must have run SU-04").isEqualTo(1);
        assertThat(embedded.problems()).isEmpty();
        assertThat(embedded.attached()).isEqualTo(1);
        List<JsonNode> messages = messagesIn(dir.resolve("cucumber.html"));
        List<JsonNode> started = messages.stream().filter(m -> m.has("testCaseStarted")).map(m -> m.get("testCaseStarted")).toList();
        assertThat(started).hasSize(1);
        for (JsonNode tcs : started) {
            JsonNode testCase = messages.stream().filter(m -> m.has("testCase") && m.get("testCase").get("id").asText().equals(tcs.get("testCaseId").asText()))
                    .findFirst().orElseThrow().get("testCase");
            Set<String> stepIds = new HashSet<>();
            testCase.get("testSteps").forEach(s -> stepIds.add(s.get("id").asText()));
            List<JsonNode> svgs = messages.stream().filter(m -> m.has("attachment")).map(m -> m.get("attachment"))
                    .filter(a -> a.path("testCaseStartedId").asText().equals(tcs.get("id").asText()))
                    .filter(a -> a.get("mediaType").asText().equals("image/svg+xml")).toList();
            assertThat(svgs).as("one plot per test case").hasSize(1);
            JsonNode a = svgs.get(0);
            // Cucumber messages: a step attachment names the test case started and one of that test case's steps;
            // Cucumber's report shows an image only when it is base64-encoded
            assertThat(stepIds).contains(a.get("testStepId").asText());
            assertThat(a.get("contentEncoding").asText()).isEqualTo("BASE64");
            byte[] body = Base64.getDecoder().decode(a.get("body").asText());
            Document svg = parseXml(body);
            assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
            // the limit line and the verdict instant of SU-04, as ScenarioPlot labels them
            assertThat(texts(svg)).contains("min_speed_hz = 25 Hz").anyMatch(t -> t.startsWith("SU-04.off "));
            // the attachment is the plot the report drew, not another drawing
            assertThat(body).isEqualTo(Files.readAllBytes(dir.resolve(RunReport.PLOTS).resolve(a.get("fileName").asText())));
        }
    }

    @Test
    void theAttachmentSitsInsideItsStepAndTheRestOfCucumbersStreamIsKept() throws Exception {
        List<JsonNode> messages = messagesIn(dir.resolve("cucumber.html"));
        List<String> ndjson = Files.readAllLines(dir.resolve(ScenarioRunner.MESSAGES));
        // everything Cucumber wrote is still there, plus the one attachment
        assertThat(messages).hasSize(ndjson.size() + 1);
        int at = -1;
        for (int i = 0; i < messages.size(); i++) if (messages.get(i).has("attachment")
                && messages.get(i).get("attachment").get("mediaType").asText().equals("image/svg+xml")) at = i;
        JsonNode a = messages.get(at).get("attachment");
        int stepStarted = -1, stepFinished = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (m.has("testStepStarted") && m.get("testStepStarted").get("testStepId").asText().equals(a.get("testStepId").asText())) stepStarted = i;
            if (m.has("testStepFinished") && m.get("testStepFinished").get("testStepId").asText().equals(a.get("testStepId").asText())) stepFinished = i;
        }
        assertThat(at).isBetween(stepStarted + 1, stepFinished - 1);
    }

    @Test
    void renderingAgainAsBenchReportDoesGivesEachPlotOnceAndLeavesTheStreamAlone() throws Exception {
        CucumberHtmlWithPlots.Embedded again = CucumberHtmlWithPlots.write(dir);
        assertThat(again.attached()).isEqualTo(1);
        long svgs = messagesIn(dir.resolve("cucumber.html")).stream()
                .filter(m -> m.has("attachment") && m.get("attachment").get("mediaType").asText().equals("image/svg+xml")).count();
        assertThat(svgs).isEqualTo(1);
        assertThat(Files.readString(dir.resolve(ScenarioRunner.MESSAGES))).doesNotContain("image/svg+xml");
    }

    @Test
    void aReportFolderWithoutAMessageStreamKeepsItsPageAndSaysWhy(@TempDir Path old) throws Exception {
        // a run from before the stream was written: nothing to render from, so the page Cucumber wrote stays as it is
        Files.copy(dir.resolve("verdicts.json"), old.resolve("verdicts.json"));
        Files.writeString(old.resolve("cucumber.html"), "<html>as Cucumber wrote it</html>");
        CucumberHtmlWithPlots.Embedded e = CucumberHtmlWithPlots.write(old);
        assertThat(e.attached()).isZero();
        assertThat(e.problems()).singleElement().asString().contains("no cucumber.ndjson");
        assertThat(old.resolve("cucumber.html")).hasContent("<html>as Cucumber wrote it</html>");
    }

    @Test
    void anUnreadableMessageStreamIsNamedAndItsPageLeftAsItWas(@TempDir Path broken) throws Exception {
        Files.copy(dir.resolve("verdicts.json"), broken.resolve("verdicts.json"));
        Files.writeString(broken.resolve(ScenarioRunner.MESSAGES), "{\"meta\": not json\n");
        Files.writeString(broken.resolve("cucumber.html"), "<html>as Cucumber wrote it</html>");
        CucumberHtmlWithPlots.Embedded e = CucumberHtmlWithPlots.write(broken);
        assertThat(e.pages()).isEmpty();
        assertThat(e.problems()).singleElement().asString().contains("cucumber.ndjson not readable");
        assertThat(broken.resolve("cucumber.html")).hasContent("<html>as Cucumber wrote it</html>");
    }

    /** The envelopes Cucumber's html-formatter embeds in the page (a JSON array assigned to window.CUCUMBER_MESSAGES). */
    static List<JsonNode> messagesIn(Path html) throws Exception {
        String page = Files.readString(html, StandardCharsets.UTF_8);
        String marker = "window.CUCUMBER_MESSAGES = ";
        int start = page.indexOf(marker);
        assertThat(start).as("cucumber.html embeds the messages").isPositive();
        int end = page.indexOf("</script>", start);
        String json = page.substring(start + marker.length(), end).trim();
        if (json.endsWith(";")) json = json.substring(0, json.length() - 1);
        // the formatter writes '<' as the JavaScript escape \x3C (so no "</script>" closes the array early); JSON spells it \u003C
        json = json.replaceAll("(?<!\\\\)((?:\\\\\\\\)*)\\\\x([0-9A-Fa-f]{2})", "$1\\\\u00$2");
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(json).forEach(out::add);
        return out;
    }

    private static Document parseXml(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<String> texts(Document d) {
        NodeList n = d.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) out.add(n.item(i).getTextContent());
        return out;
    }
}
