package io.hilbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hilbench.scenario.VerdictLedger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14 item 7, "one truth in every document": for a run with one scenario of each outcome, verdicts.json, the
 * JUnit XML, report.html, the handover (HTML and PDF) and the totals agree — inconclusive is skipped with its reason,
 * an error is an error, neither is ever green nor counted as failed or passed — and the exit code is the one the
 * totals give.
 */
class OneTruthReportTest {
    static final Path RIG = Path.of("rigs/solrod");
    static final Path FEATURES = Path.of("features");

    static Document xml(Path f) throws Exception {
        return JunitXml.builder().parse(f.toFile());
    }

    static Element testcase(Document d, String name) {
        return JunitXml.cases(d).stream().filter(c -> c.getAttribute("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theJunitXmlSaysWhatTheVerdictsSay(@TempDir Path dir) throws Exception {
        OneTruthFixture.write(dir);
        RunData run = RunData.read(dir);
        assertThat(JunitSummary.read(dir, run.scenarios()).orElseThrow().problem())
                .as("Cucumber's file, before the rewrite").contains("skipped=0 but 1 scenarios inconclusive").contains("is failure in the XML but error");

        assertThat(JunitXml.rewrite(dir, run.scenarios())).isEmpty();
        Document d = xml(dir.resolve(JunitSummary.FILE));
        Element suite = d.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(JunitXml.child(testcase(d, OneTruthFixture.PASSED), "failure")).isNull();
        Element failure = JunitXml.child(testcase(d, OneTruthFixture.FAILED), "failure");
        assertThat(failure.getTextContent()).as("Cucumber's own failure, with its stack trace").contains("AssertionBook.failure");
        Element skipped = JunitXml.child(testcase(d, OneTruthFixture.INCONCLUSIVE), "skipped");
        assertThat(skipped.getAttribute("message")).isEqualTo("INCONCLUSIVE: precondition: the supply did not settle within 0.5 K of 75 °C in 30 min of plant time");
        assertThat(JunitXml.child(testcase(d, OneTruthFixture.INCONCLUSIVE), "failure")).isNull();
        Element error = JunitXml.child(testcase(d, OneTruthFixture.ERROR), "error");
        assertThat(error.getAttribute("message")).startsWith("ERROR: DF-01.terminates: the check threw java.lang.ArrayIndexOutOfBoundsException");
        assertThat(JunitXml.child(testcase(d, OneTruthFixture.ERROR), "failure")).isNull();
        assertThat(JunitXml.child(testcase(d, OneTruthFixture.FAILED), "system-out")).as("Cucumber's step log kept").isNotNull();

        JunitSummary s = JunitSummary.read(dir, run.scenarios()).orElseThrow();
        assertThat(s.problem()).isEmpty();
        String once = Files.readString(dir.resolve(JunitSummary.FILE));
        assertThat(JunitXml.rewrite(dir, run.scenarios())).isEmpty();
        assertThat(Files.readString(dir.resolve(JunitSummary.FILE))).as("idempotent").isEqualTo(once);
    }

    @Test
    void cucumbersJsonReportSaysWhatTheVerdictsSay(@TempDir Path dir) throws Exception {
        OneTruthFixture.write(dir);
        // as Cucumber's json plugin writes it: every scenario that threw has a failed step or hook
        String element = "{\"type\":\"scenario\",\"name\":\"%s\",\"line\":%d,\"steps\":[{\"name\":\"s\",\"result\":{\"status\":\"%s\"%s}}],"
                + "\"after\":[{\"result\":{\"status\":\"%s\"}}]}";
        String json = "[{\"uri\":\"features/x.feature\",\"elements\":["
                + element.formatted(OneTruthFixture.PASSED, 5, "passed", "", "passed") + ","
                + element.formatted(OneTruthFixture.FAILED, 7, "passed", "", "failed") + ","
                + element.formatted(OneTruthFixture.INCONCLUSIVE, 4, "failed", ",\"error_message\":\"io.hilbench.scenario.judge.Inconclusive: INCONCLUSIVE: precondition\"", "skipped") + ","
                + element.formatted(OneTruthFixture.ERROR, 6, "passed", "", "failed") + ","
                + element.formatted("a scenario of another run", 9, "failed", "", "failed") + "]}]";
        Files.writeString(dir.resolve(CucumberJson.FILE), json);
        RunData run = RunData.read(dir);
        assertThat(CucumberJson.rewrite(dir, run.scenarios())).singleElement().satisfies(p -> assertThat(p).contains("'a scenario of another run'").contains("left as Cucumber wrote it"));
        var elements = new ObjectMapper().readTree(dir.resolve(CucumberJson.FILE).toFile()).get(0).path("elements");
        assertThat(elements.get(0).toString()).doesNotContain("skipped").doesNotContain("failed");
        assertThat(elements.get(1).path("after").get(0).path("result").path("status").asText()).as("a controller failure stays failed").isEqualTo("failed");
        var inconclusive = elements.get(2).path("steps").get(0).path("result");
        assertThat(inconclusive.path("status").asText()).isEqualTo("skipped");
        assertThat(inconclusive.path("error_message").asText()).startsWith("INCONCLUSIVE: precondition: the supply did not settle within 0.5 K")
                .contains("exit 3").endsWith("io.hilbench.scenario.judge.Inconclusive: INCONCLUSIVE: precondition");
        var error = elements.get(3).path("after").get(0).path("result");
        assertThat(error.path("status").asText()).isEqualTo("skipped");
        assertThat(error.path("error_message").asText()).startsWith("ERROR: DF-01.terminates: the check threw java.lang.ArrayIndexOutOfBoundsException");
        assertThat(elements.get(4).path("steps").get(0).path("result").path("status").asText()).as("not in verdicts.json: not guessed").isEqualTo("failed");
        String once = Files.readString(dir.resolve(CucumberJson.FILE));
        CucumberJson.rewrite(dir, run.scenarios());
        assertThat(Files.readString(dir.resolve(CucumberJson.FILE))).as("idempotent").isEqualTo(once);
    }

    @Test
    void aJunitFileOfAnotherRunIsLeftAsItIsAndTheReportSaysItDisagrees(@TempDir Path dir) throws Exception {
        OneTruthFixture.write(dir);
        Path f = dir.resolve(JunitSummary.FILE);
        Files.writeString(f, Files.readString(f).replace("name=\"" + OneTruthFixture.INCONCLUSIVE + "\"", "name=\"another scenario\""));
        RunReport.Written w = RunReport.write(dir, RIG, FEATURES);
        assertThat(w.problems()).anySatisfy(p -> assertThat(p).contains("not rewritten"))
                .anySatisfy(p -> assertThat(p).contains("JUnit XML disagrees").contains("skipped=0 but 1 scenarios inconclusive"));
        assertThat(Files.readString(w.index())).contains("DISAGREES with the verdicts");
    }

    @Test
    void aRunWithoutAJunitFileGetsOneFromTheVerdicts(@TempDir Path dir) throws Exception {
        OneTruthFixture.write(dir);
        Files.delete(dir.resolve(JunitSummary.FILE));
        RunData run = RunData.read(dir);
        assertThat(JunitXml.rewrite(dir, run.scenarios())).isEmpty();
        Document d = xml(dir.resolve(JunitSummary.FILE));
        assertThat(JunitXml.cases(d)).hasSize(4);
        assertThat(JunitSummary.read(dir, run.scenarios()).orElseThrow().consistent()).isTrue();
    }

    @Test
    void aPlanRunsPerScenarioJunitFilesAreEachRewrittenToTheirScenario(@TempDir Path dir) throws Exception {
        // bench run --profile certification: Cucumber's files per scenario in NN-<requirement>/, none at the top
        OneTruthFixture.write(dir);
        Files.delete(dir.resolve(JunitSummary.FILE));
        String[] names = {OneTruthFixture.PASSED, OneTruthFixture.FAILED, OneTruthFixture.INCONCLUSIVE, OneTruthFixture.ERROR};
        String[] reqs = {"SU-04", "HP-01", "SU-01", "DF-01"};
        for (int i = 0; i < 4; i++) {
            Path sub = Files.createDirectories(dir.resolve(String.format("%02d-%s", i + 1, reqs[i])));
            Files.writeString(sub.resolve(JunitSummary.FILE), "<testsuite name=\"Cucumber\" tests=\"1\" failures=\"" + (i == 0 ? 0 : 1) + "\" errors=\"0\" skipped=\"0\">"
                    + "<testcase classname=\"f\" name=\"" + names[i] + "\" time=\"1.0\">" + (i == 0 ? "" : "<failure message=\"x\">x</failure>") + "</testcase></testsuite>");
        }
        RunReport.Written w = RunReport.write(dir, RIG, FEATURES);
        assertThat(w.problems()).noneSatisfy(p -> assertThat(p).containsIgnoringCase("junit"));
        assertThat(JunitXml.child(testcase(xml(dir.resolve("03-SU-01").resolve(JunitSummary.FILE)), OneTruthFixture.INCONCLUSIVE), "skipped")).isNotNull();
        assertThat(JunitXml.child(testcase(xml(dir.resolve("04-DF-01").resolve(JunitSummary.FILE)), OneTruthFixture.ERROR), "error")).isNotNull();
        assertThat(JunitXml.child(testcase(xml(dir.resolve("02-HP-01").resolve(JunitSummary.FILE)), OneTruthFixture.FAILED), "failure")).isNotNull();
        assertThat(xml(dir.resolve("04-DF-01").resolve(JunitSummary.FILE)).getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(JunitXml.cases(xml(dir.resolve(JunitSummary.FILE)))).as("the run's own file, from the verdicts").hasSize(4);
    }

    @Test
    void theReportPagesCountAndColourEveryOutcomeAsTheVerdictsDo(@TempDir Path dir) throws Exception {
        OneTruthFixture.write(dir);
        RunReport.Written w = RunReport.write(dir, RIG, FEATURES);
        assertThat(w.problems()).noneSatisfy(p -> assertThat(p).contains("JUnit"));
        String totals = "4 scenario(s): 1 passed, 1 failed, 1 inconclusive, 1 error(s); exit code 1";
        assertThat(new ObjectMapper().readTree(dir.resolve("verdicts.json").toFile()).path("totals").path("exitCode").asInt()).isEqualTo(1);

        String index = Files.readString(w.index());
        assertThat(index).contains(totals).contains("agrees with the verdicts").contains("4 tests, 1 failures, 1 errors, 1 skipped");
        assertThat(index).contains("<tr class=\"error\" id=\"04-").contains("<h3 class=\"error\">DF-01 – " + OneTruthFixture.ERROR + " – error</h3>");
        assertThat(index).contains("<h3 class=\"inconclusive\">SU-01 – " + OneTruthFixture.INCONCLUSIVE + " – inconclusive</h3>");
        assertThat(index).doesNotContain("<h3 class=\"pass\">DF-01").doesNotContain("<h3 class=\"fail\">DF-01").doesNotContain("<h3 class=\"fail\">SU-01");

        String handover = Files.readString(w.handoverHtml());
        assertThat(handover).contains(totals);
        int deviations = handover.indexOf("4. Deviations"), open = handover.indexOf("5. Inconclusive items and bench errors"), plots = handover.indexOf("6. Plots");
        assertThat(handover.substring(deviations, open)).contains("HP-01.below-switch").doesNotContain("DF-01").doesNotContain("SU-01");
        assertThat(handover.substring(open, plots)).contains("DF-01.terminates (bench error)").contains("the check threw")
                .contains("precondition: the supply did not settle");
        try (PDDocument pdf = Loader.loadPDF(w.handoverPdf().toFile())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains("1 passed, 1 failed, 1 inconclusive, 1 error(s); exit code 1");
        }
    }

    @Test
    void totalsInVerdictsJsonThatDisagreeWithItsScenariosAreShown(@TempDir Path dir) throws Exception {
        OneTruthFixture.write(dir);
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = (ObjectNode) om.readTree(dir.resolve("verdicts.json").toFile());
        ((ObjectNode) root.path("totals")).put("failed", 0).put("exitCode", 3);
        om.writeValue(dir.resolve("verdicts.json").toFile(), root);
        RunReport.Written w = RunReport.write(dir, RIG, FEATURES);
        assertThat(w.problems()).anySatisfy(p -> assertThat(p).contains("verdicts.json states totals").contains("0 failed"));
        assertThat(Files.readString(w.index())).contains("DISAGREES: verdicts.json states totals");
    }

    @Test
    void theReportLayersRulesAreTheLedgers() {
        // the report layer restates VerdictLedger's rules (it may not import the scenario layer): the same answers
        List<String> labels = List.of("passed", "failed", "inconclusive", "error");
        List<List<String>> cases = new ArrayList<>();
        cases.add(List.of());
        for (String a : labels) {
            cases.add(List.of(a));
            for (String b : labels) {
                cases.add(List.of(a, b));
                for (String c : labels) cases.add(List.of(a, b, c));
            }
        }
        for (List<String> c : cases) {
            List<io.hilbench.scenario.judge.Verdict> vs = c.stream().map(l -> new io.hilbench.scenario.judge.Verdict("X.y",
                    io.hilbench.scenario.judge.Verdict.Outcome.valueOf(l.toUpperCase(java.util.Locale.ROOT)), java.util.Map.of(), "m")).toList();
            assertThat(RunTotals.outcomeOf(c)).as("%s", c).isEqualTo(VerdictLedger.fromVerdicts(vs).label());
            List<VerdictLedger.ScenarioOutcome> outcomes = c.stream().map(l -> VerdictLedger.ScenarioOutcome.valueOf(l.toUpperCase(java.util.Locale.ROOT))).toList();
            VerdictLedger.Totals t = VerdictLedger.Totals.of(outcomes);
            RunTotals r = RunTotals.of(c);
            assertThat(r).as("%s", c).isEqualTo(new RunTotals(t.scenarios(), t.passed(), t.failed(), t.inconclusive(), t.errors(), t.exitCode()));
        }
    }
}
