package io.hilbench.report;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Rewrites the JUnit XML of a run ({@value JunitSummary#FILE}) so that it says what verdicts.json says (issue #14
 * item 7). Cucumber's junit plugin knows only passed and failed: an inconclusive scenario (it threw
 * {@code INCONCLUSIVE: ...}) and one whose check threw were {@code <failure>}s, so CI counted a timeout as a controller
 * fault. After the run each test case gets the result of its scenario's outcome:
 * <ul>
 *   <li>passed: no result element;</li>
 *   <li>failed: {@code <failure>} (Cucumber's own, with its stack trace, when it wrote one);</li>
 *   <li>inconclusive: {@code <skipped message="INCONCLUSIVE: reason"/>} — not passed, not failed: repeat it;</li>
 *   <li>error: {@code <error message="ERROR: ...">} — a bug of the bench, not a verdict on the controller;</li>
 * </ul>
 * and the suite's {@code tests}, {@code failures}, {@code errors} and {@code skipped} are counted again. Test cases are
 * matched to the scenarios in order and by name; when they do not match (a file from another run) the file is left as
 * it is and {@link JunitSummary} says in the report that it disagrees. A run that left no file (a certification plan
 * writes Cucumber's files per scenario, in sub-folders) gets one written from verdicts.json, and each sub-folder's file
 * is rewritten to its own scenario ({@link #rewritePlanFolders}). Idempotent.
 */
public final class JunitXml {
    private JunitXml() {}

    /**
     * The classname of the test case that marks an interrupted run (issue #18 item 3): an {@code <error>} CI cannot miss,
     * naming the reason, the scenario cut off and those that never ran. It is not a scenario: the cross-checks skip it.
     */
    public static final String INTERRUPTED_CLASS = "bench.interrupted";

    /** What the rewrite did: "" when the file now matches the verdicts, else why it was left as it was. */
    public static String rewrite(Path reportDir, List<RunData.ScenarioData> scenarios) throws IOException {
        return rewrite(reportDir, scenarios, java.util.Optional.empty());
    }

    /**
     * As {@link #rewrite(Path, List)}, and for an interrupted run one more test case, {@value #INTERRUPTED_CLASS}, with
     * an {@code <error>} saying so. Cucumber's plugin writes its file only when the run ends: an interrupted run left
     * it empty (0 bytes), or it holds scenarios that ran on after the signal against a bench shutting down; so an
     * interrupted run's file is always written anew from the verdicts.
     */
    public static String rewrite(Path reportDir, List<RunData.ScenarioData> scenarios, java.util.Optional<RunData.Interruption> interruption) throws IOException {
        Path f = reportDir.resolve(JunitSummary.FILE);
        try {
            Document d;
            if (Files.isRegularFile(f) && Files.size(f) > 0 && interruption.isEmpty()) {
                d = builder().parse(f.toFile());
            } else {
                d = fresh(scenarios);
            }
            Element suite = d.getDocumentElement();
            for (Element marker : markers(d)) marker.getParentNode().removeChild(marker);
            List<Element> cases = cases(d);
            if (cases.size() != scenarios.size()) return JunitSummary.FILE + " has " + cases.size() + " test cases for " + scenarios.size() + " scenarios: not rewritten";
            for (int i = 0; i < cases.size(); i++) {
                if (!sameScenario(cases.get(i).getAttribute("name"), scenarios.get(i).name())) {
                    return JunitSummary.FILE + " test case " + (i + 1) + " is '" + cases.get(i).getAttribute("name") + "', the scenario '" + scenarios.get(i).name()
                            + "': not rewritten";
                }
            }
            int failures = 0, errors = 0, skipped = 0;
            for (int i = 0; i < cases.size(); i++) {
                RunData.ScenarioData s = scenarios.get(i);
                Element c = cases.get(i);
                Element cucumbersFailure = child(c, "failure");
                for (String tag : new String[]{"failure", "error", "skipped"}) {
                    for (Element e = child(c, tag); e != null; e = child(c, tag)) c.removeChild(e);
                }
                Element result = switch (s.outcome()) {
                    case RunTotals.PASSED -> null;
                    case RunTotals.FAILED -> cucumbersFailure != null ? cucumbersFailure : element(d, "failure", "failed: " + reason(s, RunTotals.FAILED), "AssertionError");
                    case RunTotals.ERROR -> element(d, "error", "ERROR: " + reason(s, RunTotals.ERROR), "BenchError");
                    default -> element(d, "skipped", "INCONCLUSIVE: " + reason(s, RunTotals.INCONCLUSIVE), null);
                };
                if (result == null) continue;
                switch (result.getTagName()) {
                    case "failure" -> failures++;
                    case "error" -> errors++;
                    default -> skipped++;
                }
                c.insertBefore(result, c.getFirstChild());
            }
            if (interruption.isPresent()) {
                Element marker = d.createElement("testcase");
                marker.setAttribute("classname", INTERRUPTED_CLASS);
                marker.setAttribute("name", "RUN INTERRUPTED – not a complete run");
                marker.setAttribute("time", "0.000");
                marker.appendChild(element(d, "error", interruption.get().describe(), "Interrupted"));
                suite.appendChild(marker);
                errors++;
            }
            suite.setAttribute("tests", Integer.toString(cases.size() + (interruption.isPresent() ? 1 : 0)));
            suite.setAttribute("failures", Integer.toString(failures));
            suite.setAttribute("errors", Integer.toString(errors));
            suite.setAttribute("skipped", Integer.toString(skipped));
            write(d, f);
            return "";
        } catch (org.xml.sax.SAXException | ParserConfigurationException | TransformerException e) {
            return JunitSummary.FILE + " does not parse: " + e.getMessage() + ": not rewritten";
        }
    }

    /**
     * A certification plan run (ScenarioRunner.runPlan) leaves Cucumber's files of the k-th scenario of the plan in the
     * sub-folder {@code NN-<requirement>}: each one's JUnit XML is rewritten to the k-th scenario of verdicts.json (the
     * test case's name is checked, as above). Returns what could not be rewritten (empty: all were, or there were none).
     */
    public static List<String> rewritePlanFolders(Path reportDir, List<RunData.ScenarioData> scenarios) throws IOException {
        List<Path> folders;
        try (var list = Files.list(reportDir)) {
            folders = list.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d{2,}-.*")
                    && Files.isRegularFile(p.resolve(JunitSummary.FILE))).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        if (folders.isEmpty()) return problems;
        if (folders.size() != scenarios.size()) {
            problems.add(folders.size() + " per-scenario folders with a " + JunitSummary.FILE + " for " + scenarios.size() + " scenarios: not rewritten");
            return problems;
        }
        for (int i = 0; i < folders.size(); i++) {
            String p = rewrite(folders.get(i), List.of(scenarios.get(i)));
            if (!p.isEmpty()) problems.add(reportDir.relativize(folders.get(i)) + "/" + p);
        }
        return problems;
    }

    /**
     * Why a scenario is not passed, in one line: the error that ended it, else its assertions with this verdict (id:
     * message), else its other non-passed assertions. The {@code INCONCLUSIVE:} / {@code ERROR ...:} prefix the
     * scenario layer puts on an error is not repeated.
     */
    public static String reason(RunData.ScenarioData s, String outcome) {
        if (s.error() != null && !s.error().isBlank()) return s.error().replaceFirst("^(INCONCLUSIVE:|ERROR[^:]*:)\\s*", "").strip();
        List<RunData.AssertionData> named = s.verdicts().stream().filter(a -> a.verdict().equals(outcome)).toList();
        if (named.isEmpty()) named = s.verdicts().stream().filter(a -> !a.verdict().equals(RunTotals.PASSED)).toList();
        if (named.isEmpty()) return "no assertion was judged";
        return named.stream().map(a -> a.id() + ": " + a.message()).collect(Collectors.joining("; "));
    }

    private static Element element(Document d, String tag, String message, String type) {
        Element e = d.createElement(tag);
        e.setAttribute("message", message);
        if (type != null) {
            e.setAttribute("type", type);
            e.setTextContent(message);
        }
        return e;
    }

    private static Document fresh(List<RunData.ScenarioData> scenarios) throws ParserConfigurationException {
        Document d = builder().newDocument();
        Element suite = d.createElement("testsuite");
        suite.setAttribute("name", "Cucumber");
        suite.setAttribute("time", String.format(Locale.ROOT, "%.3f", scenarios.stream().mapToDouble(RunData.ScenarioData::wallTimeS).sum()));
        d.appendChild(suite);
        for (RunData.ScenarioData s : scenarios) {
            Element c = d.createElement("testcase");
            String classname = s.requirement().isEmpty() ? s.uri() : s.requirement();
            // a unit at a parameter corner (issue #17 item 3): the same scenario at two corners is two test cases
            if (!io.hilbench.runtime.TraceNames.NOMINAL.equals(s.corner())) classname += " @ " + s.corner();
            c.setAttribute("classname", classname);
            c.setAttribute("name", s.name());
            c.setAttribute("time", String.format(Locale.ROOT, "%.3f", s.wallTimeS()));
            suite.appendChild(c);
        }
        return d;
    }

    /** The test cases of the scenarios (the interruption marker is not one). */
    static List<Element> cases(Document d) {
        NodeList nl = d.getElementsByTagName("testcase");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if (!INTERRUPTED_CLASS.equals(e.getAttribute("classname"))) out.add(e);
        }
        return out;
    }

    /** The interruption marker test cases (none, or one). */
    static List<Element> markers(Document d) {
        NodeList nl = d.getElementsByTagName("testcase");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if (INTERRUPTED_CLASS.equals(e.getAttribute("classname"))) out.add(e);
        }
        return out;
    }

    /** The first child element of {@code e} named {@code tag}, or null. */
    static Element child(Element e, String tag) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(tag)) return c;
        }
        return null;
    }

    static javax.xml.parsers.DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return dbf.newDocumentBuilder();
    }

    private static void write(Document d, Path f) throws TransformerException, IOException {
        Transformer t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        t.setOutputProperty(OutputKeys.STANDALONE, "yes");
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        t.transform(new DOMSource(d), new StreamResult(tmp.toFile()));
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Cucumber's JUnit plugin names a test case by the scenario's name, or, for an example of a Scenario Outline, by the
     * outline's name, the example's number and its own name ({@code "PT-202 <fault> at full load - #1.1: PT-202 goes bad
     * at full load"}) where the ledger has the example's name: both are the same scenario.
     */
    static boolean sameScenario(String testCaseName, String scenarioName) {
        return testCaseName.equals(scenarioName) || testCaseName.endsWith(": " + scenarioName);
    }
}
