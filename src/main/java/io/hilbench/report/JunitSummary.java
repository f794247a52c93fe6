package io.hilbench.report;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The JUnit XML the Cucumber plugin wrote ({@value #FILE}), cross-checked against the verdicts: one test case per
 * judged scenario, and every scenario that is not passed (failed or inconclusive: inconclusive is never green) counted
 * as a failure or error. A mismatch is shown in the report rather than hidden.
 */
public record JunitSummary(int tests, int failures, int errors, int skipped, String problem) {
    public static final String FILE = "cucumber-junit.xml";

    public boolean consistent() { return problem.isEmpty(); }

    public static Optional<JunitSummary> read(Path reportDir, List<RunData.ScenarioData> scenarios) {
        Path f = reportDir.resolve(FILE);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = dbf.newDocumentBuilder().parse(f.toFile());
            Element suite = d.getDocumentElement();
            int tests = integer(suite, "tests"), failures = integer(suite, "failures"), errors = integer(suite, "errors"), skipped = integer(suite, "skipped");
            int cases = d.getElementsByTagName("testcase").getLength();
            long notPassed = scenarios.stream().filter(s -> !s.outcome().equals("passed")).count();
            StringBuilder problem = new StringBuilder();
            if (cases != tests) problem.append("tests=").append(tests).append(" but ").append(cases).append(" testcase elements; ");
            if (tests != scenarios.size()) problem.append("tests=").append(tests).append(" but ").append(scenarios.size()).append(" scenarios judged; ");
            if (failures + errors != notPassed) {
                problem.append("failures+errors=").append(failures + errors).append(" but ").append(notPassed).append(" scenarios not passed; ");
            }
            return Optional.of(new JunitSummary(tests, failures, errors, skipped, problem.toString().replaceAll("; $", "")));
        } catch (Exception e) {
            return Optional.of(new JunitSummary(0, 0, 0, 0, FILE + " does not parse: " + e.getMessage()));
        }
    }

    private static int integer(Element e, String attr) {
        String v = e.getAttribute(attr);
        return v.isEmpty() ? 0 : Integer.parseInt(v.trim());
    }
}
