package io.hilbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Rewrites Cucumber's JSON report ({@value #FILE}, and each certification-plan sub-folder's) so that it says what
 * verdicts.json says (issue #14 item 7), as {@link JunitXml} does for the JUnit XML. Cucumber's json plugin knows
 * passed and failed only: a scenario that ended INCONCLUSIVE or with an ERROR of the bench threw, so its step or hook
 * is {@code "failed"}. Each such result becomes {@code "skipped"}, its {@code error_message} led by the outcome and its
 * reason; a FAILED or PASSED scenario is left as Cucumber wrote it. Scenario elements are matched to the scenarios of
 * verdicts.json by name and line, in run order; one that matches none is named, never guessed. Idempotent.
 */
public final class CucumberJson {
    public static final String FILE = "cucumber.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CucumberJson() {}

    /** The name of the scenario element that marks an interrupted run (not a scenario of verdicts.json). */
    public static final String INTERRUPTED_ELEMENT = "RUN INTERRUPTED – not a complete run";

    /**
     * An interrupted run (issue #18 item 3): Cucumber's json plugin writes its file only when the run ends, so the run
     * left it empty (0 bytes) or cut short. It is written anew from verdicts.json: one feature, "INTERRUPTED bench run",
     * with per judged scenario one step carrying its outcome (inconclusive and error as skipped, with the reason), and
     * one failed element {@value #INTERRUPTED_ELEMENT} naming the reason, the scenario cut off and those that never
     * ran. Cucumber's own file, when there is one, is not kept: it may hold scenarios that ran on after the signal
     * against a bench shutting down. Idempotent.
     */
    public static void writeInterrupted(Path reportDir, RunData run) throws IOException {
        RunData.Interruption why = run.interruption().orElseThrow(() -> new IllegalArgumentException("the run was not interrupted"));
        Path f = reportDir.resolve(FILE);
        com.fasterxml.jackson.databind.node.ArrayNode root;
        {
            root = JSON.createArrayNode();
            ObjectNode feature = root.addObject();
            feature.put("uri", "verdicts.json");
            feature.put("keyword", "Feature");
            feature.put("name", "INTERRUPTED bench run (written from verdicts.json: Cucumber's report was never completed)");
            feature.put("line", 1);
            com.fasterxml.jackson.databind.node.ArrayNode elements = feature.putArray("elements");
            for (RunData.ScenarioData s : run.scenarios()) {
                ObjectNode e = elements.addObject();
                e.put("type", "scenario");
                e.put("keyword", "Scenario");
                e.put("name", s.name());
                int colon = s.uri().lastIndexOf(':');
                e.put("line", colon < 0 ? 0 : parseOr(s.uri().substring(colon + 1)));
                ObjectNode step = e.putArray("steps").addObject();
                step.put("keyword", "Then ");
                step.put("name", "its verdicts (verdicts.json): " + s.outcome());
                ObjectNode result = step.putObject("result");
                switch (s.outcome()) {
                    case RunTotals.PASSED -> result.put("status", "passed");
                    case RunTotals.FAILED -> result.put("status", "failed").put("error_message", "failed: " + JunitXml.reason(s, RunTotals.FAILED));
                    default -> result.put("status", "skipped").put("error_message", s.outcome().toUpperCase(Locale.ROOT) + ": " + JunitXml.reason(s, s.outcome()));
                }
            }
        }
        com.fasterxml.jackson.databind.node.ArrayNode elements = (com.fasterxml.jackson.databind.node.ArrayNode) root.get(0).withArray("elements");
        ObjectNode marker = elements.addObject();
        marker.put("type", "scenario");
        marker.put("keyword", "Run");
        marker.put("name", INTERRUPTED_ELEMENT);
        marker.put("line", 0);
        ObjectNode step = marker.putArray("steps").addObject();
        step.put("keyword", "Then ");
        step.put("name", "the run ended");
        step.putObject("result").put("status", "failed").put("error_message", why.describe());
        Path tmp = f.resolveSibling(FILE + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
    }

    private static int parseOr(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Rewrites the run's files; returns what could not be done (empty when every file now agrees with the verdicts). */
    public static List<String> rewrite(Path reportDir, List<RunData.ScenarioData> scenarios) throws IOException {
        List<String> problems = new ArrayList<>();
        boolean[] taken = new boolean[scenarios.size()];
        for (Path f : files(reportDir)) {
            JsonNode root;
            try {
                root = JSON.readTree(f.toFile());
            } catch (IOException e) {
                problems.add(reportDir.relativize(f) + " not readable (" + e.getMessage() + "): not rewritten");
                continue;
            }
            if (root == null || !root.isArray()) {
                problems.add(reportDir.relativize(f) + " is not Cucumber's JSON report (no array of features): not rewritten");
                continue;
            }
            boolean changed = false;
            for (JsonNode feature : root) {
                for (JsonNode element : feature.path("elements")) {
                    if (!"scenario".equals(element.path("type").asText()) || INTERRUPTED_ELEMENT.equals(element.path("name").asText())) continue;
                    int k = match(scenarios, taken, element.path("name").asText(), element.path("line").asInt(-1));
                    if (k < 0) {
                        problems.add(reportDir.relativize(f) + ": scenario '" + element.path("name").asText() + "' (line " + element.path("line").asInt()
                                + ") is not in verdicts.json: left as Cucumber wrote it");
                        continue;
                    }
                    taken[k] = true;
                    RunData.ScenarioData s = scenarios.get(k);
                    if (!s.outcome().equals(RunTotals.INCONCLUSIVE) && !s.outcome().equals(RunTotals.ERROR)) continue;
                    String lead = s.outcome().toUpperCase(Locale.ROOT) + ": " + JunitXml.reason(s, s.outcome())
                            + " (verdicts.json outcome '" + s.outcome() + "': exit 3, not a failure of the controller; Cucumber reported this as failed)";
                    for (String part : new String[] {"before", "steps", "after"}) {
                        for (JsonNode step : element.path(part)) {
                            JsonNode result = step.path("result");
                            if (!(result instanceof ObjectNode r) || !"failed".equals(r.path("status").asText())) continue;
                            r.put("status", "skipped");
                            String original = r.path("error_message").asText("");
                            r.put("error_message", original.isEmpty() ? lead : lead + "\n\n" + original);
                            changed = true;
                        }
                    }
                }
            }
            if (changed) {
                Path tmp = f.resolveSibling(FILE + ".tmp");
                JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return problems;
    }

    /** The first scenario not yet taken with this name, at this line of its feature file when the line is known. */
    private static int match(List<RunData.ScenarioData> scenarios, boolean[] taken, String name, int line) {
        for (int i = 0; i < scenarios.size(); i++) {
            RunData.ScenarioData s = scenarios.get(i);
            if (taken[i] || !s.name().equals(name)) continue;
            if (line < 0 || s.uri().endsWith(":" + line)) return i;
        }
        return -1;
    }

    /** {@value #FILE} of the folder, then those of its sub-folders in name order (a certification plan's). */
    private static List<Path> files(Path reportDir) throws IOException {
        List<Path> out = new ArrayList<>();
        Path top = reportDir.resolve(FILE);
        if (Files.isRegularFile(top)) out.add(top);
        try (Stream<Path> sub = Files.list(reportDir)) {
            sub.filter(Files::isDirectory).sorted().map(d -> d.resolve(FILE)).filter(Files::isRegularFile).forEach(out::add);
        }
        return out;
    }
}
