package io.hilbench.report;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JUnit XML of the run ({@value #FILE}, Cucumber's, rewritten by {@link JunitXml}), cross-checked against the
 * verdicts: one test case per judged scenario, and the mapping of issue #14 item 7 — a failed scenario is a
 * {@code <failure>}, an inconclusive one {@code <skipped>} (never green, never a failure), one whose check threw an
 * {@code <error>} — both in the suite's counts and per test case. A mismatch is shown in the report rather than hidden.
 */
public record JunitSummary(int tests, int failures, int errors, int skipped, String problem) {
    public static final String FILE = "cucumber-junit.xml";

    public boolean consistent() { return problem.isEmpty(); }

    public static Optional<JunitSummary> read(Path reportDir, List<RunData.ScenarioData> scenarios) {
        Path f = reportDir.resolve(FILE);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            Document d = JunitXml.builder().parse(f.toFile());
            Element suite = d.getDocumentElement();
            int tests = integer(suite, "tests"), failures = integer(suite, "failures"), errors = integer(suite, "errors"), skipped = integer(suite, "skipped");
            // an interrupted run's marker test case (an error) is not a scenario
            int markers = JunitXml.markers(d).size();
            tests -= markers;
            errors -= markers;
            List<Element> cases = JunitXml.cases(d);
            RunTotals t = RunTotals.of(scenarios.stream().map(RunData.ScenarioData::outcome).toList());
            List<String> problem = new ArrayList<>();
            if (cases.size() != tests) problem.add("tests=" + tests + " but " + cases.size() + " testcase elements");
            if (tests != scenarios.size()) problem.add("tests=" + tests + " but " + scenarios.size() + " scenarios judged");
            if (failures != t.failed()) problem.add("failures=" + failures + " but " + t.failed() + " scenarios failed");
            if (errors != t.errors()) problem.add("errors=" + errors + " but " + t.errors() + " scenarios ended in a bench error");
            if (skipped != t.inconclusive()) problem.add("skipped=" + skipped + " but " + t.inconclusive() + " scenarios inconclusive");
            if (cases.size() == scenarios.size()) {
                for (int i = 0; i < cases.size(); i++) {
                    String got = status(cases.get(i)), want = status(scenarios.get(i).outcome());
                    if (!got.equals(want)) problem.add("'" + scenarios.get(i).name() + "' is " + got + " in the XML but " + scenarios.get(i).outcome() + " in the verdicts");
                }
            }
            return Optional.of(new JunitSummary(tests, failures, errors, skipped, String.join("; ", problem)));
        } catch (Exception e) {
            return Optional.of(new JunitSummary(0, 0, 0, 0, FILE + " does not parse: " + e.getMessage()));
        }
    }

    /** A test case's result: failure, error, skipped or passed. */
    private static String status(Element testcase) {
        for (String tag : new String[]{"failure", "error", "skipped"}) if (JunitXml.child(testcase, tag) != null) return tag;
        return "passed";
    }

    /** The result a scenario outcome must have in the XML. */
    private static String status(String outcome) {
        return switch (outcome) {
            case RunTotals.PASSED -> "passed";
            case RunTotals.FAILED -> "failure";
            case RunTotals.ERROR -> "error";
            default -> "skipped";
        };
    }

    private static int integer(Element e, String attr) {
        String v = e.getAttribute(attr);
        return v.isEmpty() ? 0 : Integer.parseInt(v.trim());
    }
}
