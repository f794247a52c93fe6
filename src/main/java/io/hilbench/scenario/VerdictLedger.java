package io.hilbench.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hilbench.scenario.judge.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every scenario's verdicts of a run, kept in memory and rewritten to {@value #FILE} in the report folder after each
 * scenario: per scenario its name, requirement id, outcome, plant and wall time, and per assertion the id, outcome,
 * the limits used and the message (expected, actual, plant time). {@code bench run} derives its exit code from it and
 * the expected-failure matrix reads it.
 */
public final class VerdictLedger {
    public static final String FILE = "verdicts.json";

    /** A scenario's outcome: passed, failed (an assertion or a step), or inconclusive (never green). */
    public enum ScenarioOutcome {
        PASSED, FAILED, INCONCLUSIVE;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /**
     * @param name        scenario name
     * @param requirement the requirement tag ({@code SU-01}), or "" when it has none
     * @param uri         feature file and line
     * @param plantMs     plant time the scenario ran
     * @param wallMs      wall time it took
     * @param error       the step error when one ended the scenario before judging, else null
     */
    public record ScenarioRecord(String name, String requirement, String uri, ScenarioOutcome outcome, long plantMs, long wallMs,
                                 List<Verdict> verdicts, String error, Map<String, Object> run) {
        public ScenarioRecord {
            verdicts = List.copyOf(verdicts);
            run = Map.copyOf(run);
        }
    }

    private static final List<ScenarioRecord> RECORDS = new ArrayList<>();

    private VerdictLedger() {}

    public static synchronized void clear() { RECORDS.clear(); }

    public static synchronized List<ScenarioRecord> records() { return List.copyOf(RECORDS); }

    /** Adds a scenario's record and rewrites the file in {@code reportDir}. */
    public static synchronized void add(ScenarioRecord r, Path reportDir) throws IOException {
        RECORDS.add(r);
        write(reportDir);
    }

    static synchronized void write(Path reportDir) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode scenarios = m.createArrayNode();
        for (ScenarioRecord r : RECORDS) {
            ObjectNode s = scenarios.addObject();
            s.put("scenario", r.name());
            s.put("requirement", r.requirement());
            s.put("uri", r.uri());
            s.put("outcome", r.outcome().label());
            s.put("plantTimeS", r.plantMs() / 1000.0);
            s.put("wallTimeS", r.wallMs() / 1000.0);
            if (r.error() != null) s.put("error", r.error());
            s.set("run", m.valueToTree(r.run()));
            ArrayNode vs = s.putArray("verdicts");
            for (Verdict v : r.verdicts()) {
                ObjectNode o = vs.addObject();
                o.put("id", v.id());
                o.put("verdict", v.outcome().label());
                o.set("limits", m.valueToTree(new java.util.TreeMap<>(v.limits())));
                o.put("message", v.message());
            }
        }
        ObjectNode root = m.createObjectNode();
        root.set("scenarios", scenarios);
        Files.createDirectories(reportDir);
        Path tmp = reportDir.resolve(FILE + ".tmp");
        m.writeValue(tmp.toFile(), root);
        Files.move(tmp, reportDir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a verdicts file back: scenario → assertion id → verdict label (for the expected-failure matrix and tests). */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        ObjectMapper m = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> root = m.readValue(file.toFile(), Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> scenarios = (List<Map<String, Object>>) root.get("scenarios");
        return scenarios;
    }
}
