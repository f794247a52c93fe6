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
 * the limits used, the message and its expected, actual and plant time as fields; at the top the run's totals and the
 * exit code they give. It is the one truth of a run (issue #14 item 7): {@code bench run} derives its exit code from
 * it, the report pages, the JUnit XML and the evidence manifest are written from it, and the expected-failure matrix
 * reads it.
 */
public final class VerdictLedger {
    public static final String FILE = "verdicts.json";

    /**
     * A scenario's outcome: passed, failed (an assertion or a step), inconclusive (the run could not decide) or error (a
     * check of the bench threw). Inconclusive and error are never green and never counted as failed.
     */
    public enum ScenarioOutcome {
        PASSED, FAILED, INCONCLUSIVE, ERROR;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /**
     * The outcome of a scenario from its verdicts: FAILED if any failed (the controller missed a requirement, whatever
     * else happened), else ERROR if any check threw, else INCONCLUSIVE if any could not decide, else PASSED. An empty
     * list is never PASSED (a scenario that judged nothing proves nothing): INCONCLUSIVE.
     */
    public static ScenarioOutcome fromVerdicts(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) return ScenarioOutcome.INCONCLUSIVE;
        if (verdicts.stream().anyMatch(v -> v.outcome() == Verdict.Outcome.FAILED)) return ScenarioOutcome.FAILED;
        if (verdicts.stream().anyMatch(v -> v.outcome() == Verdict.Outcome.ERROR)) return ScenarioOutcome.ERROR;
        if (verdicts.stream().anyMatch(v -> v.outcome() == Verdict.Outcome.INCONCLUSIVE)) return ScenarioOutcome.INCONCLUSIVE;
        return ScenarioOutcome.PASSED;
    }

    /**
     * The run's totals and its exit code (DESIGN §8): 1 when any scenario failed, else 3 when any was inconclusive or
     * ended in a bench error, else 0. {@code bench run} exits with it (2, usage and configuration, is decided before any
     * scenario runs).
     */
    public record Totals(int scenarios, int passed, int failed, int inconclusive, int errors) {
        public int exitCode() { return exitCode(failed, inconclusive, errors); }

        public static int exitCode(int failed, int inconclusive, int errors) {
            if (failed > 0) return 1;
            if (inconclusive + errors > 0) return 3;
            return 0;
        }

        public static Totals of(List<ScenarioOutcome> outcomes) {
            int p = 0, f = 0, i = 0, e = 0;
            for (ScenarioOutcome o : outcomes) {
                switch (o) {
                    case PASSED -> p++;
                    case FAILED -> f++;
                    case INCONCLUSIVE -> i++;
                    case ERROR -> e++;
                }
            }
            return new Totals(outcomes.size(), p, f, i, e);
        }
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
            // insertion order kept (Map.copyOf's order changes from JVM to JVM): verdicts.json of two equal runs differs only in timing values
            run = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(run));
        }
    }

    /** The exit code of a run stopped before it ended (SIGINT, SIGTERM): the run proves nothing as a whole (issue #18 item 3). */
    public static final int INTERRUPTED_EXIT = 2;

    /**
     * Why and where a run was stopped before it ended: the reason, the scenario that was running (cut off, never
     * judged; "" when none was), and the selected scenarios that never ran.
     */
    public record Interruption(String reason, String cutOff, List<String> neverRan) {
        public Interruption {
            neverRan = List.copyOf(neverRan);
        }
    }

    private static final List<ScenarioRecord> RECORDS = new ArrayList<>();
    /** Set once the run is interrupted: the ledger is then frozen (what is judged after the signal is not the run's). */
    private static Interruption interruption;

    private VerdictLedger() {}

    public static synchronized void clear() {
        RECORDS.clear();
        interruption = null;
        writeFailure = null;
    }

    /**
     * Marks the run interrupted and rewrites the file: {@code "interrupted": true}, the interruption, the verdicts
     * judged so far, totals with exit code {@value #INTERRUPTED_EXIT}. The ledger is frozen from here: a scenario that
     * ends after the signal adds nothing (it was cut off). Idempotent: the first interruption is kept.
     */
    public static synchronized void interrupt(Interruption why, Path reportDir) throws IOException {
        if (interruption == null) interruption = why;
        write(reportDir);
    }

    /**
     * A scenario that ends after the interruption stops here, its thread held until the JVM ends (the interruption's
     * hook ends it): otherwise the run went on against a bench being shut down, and Cucumber's plugins wrote their
     * files of it over the partial report. The monitor is released while waiting.
     */
    private static void holdForShutdown() {
        while (true) {
            try {
                VerdictLedger.class.wait();
            } catch (InterruptedException e) {
                // held until the JVM ends
            }
        }
    }

    /** The interruption, when the run was interrupted. */
    public static synchronized java.util.Optional<Interruption> interruption() { return java.util.Optional.ofNullable(interruption); }

    public static synchronized List<ScenarioRecord> records() { return List.copyOf(RECORDS); }

    public static synchronized Totals totals() { return Totals.of(RECORDS.stream().map(ScenarioRecord::outcome).toList()); }

    /**
     * Replaces the record at {@code index} (the launcher knows what the glue could not see: the exception a step ended
     * with) and rewrites the file.
     */
    public static synchronized void replace(int index, ScenarioRecord r, Path reportDir) throws IOException {
        if (interruption != null) holdForShutdown();
        RECORDS.set(index, r);
        write(reportDir);
    }

    /** Adds a scenario's record and rewrites the file in {@code reportDir}. */
    public static synchronized void add(ScenarioRecord r, Path reportDir) throws IOException {
        if (interruption != null) holdForShutdown();
        RECORDS.add(r);
        write(reportDir);
    }

    /** The first failure to write the file (disk full, folder unwritable), or null: the file is then not the run's truth. */
    private static String writeFailure;

    /**
     * Why {@value #FILE} could not be written during this run (disk full, the folder unwritable or gone), when it could
     * not: the run's documents would then disagree with its verdicts, so {@code bench run} claims nothing (exit 2, no
     * report pages, no evidence bundle).
     */
    public static synchronized java.util.Optional<String> writeFailure() { return java.util.Optional.ofNullable(writeFailure); }

    /**
     * Records that another file of the run could not be written into the report folder (a scenario's trace, its judged
     * trace or replay recipe): the run's evidence is then incomplete, and {@code bench run} ends as for a failed write
     * of {@value #FILE} (issue #18 item 3: disk full or the folder unwritable). The first failure is kept.
     */
    public static synchronized void reportWriteFailed(Path file, Exception e) {
        if (writeFailure == null) writeFailure = file + ": " + e;
    }

    static synchronized void write(Path reportDir) throws IOException {
        try {
            writeFile(reportDir);
        } catch (IOException | RuntimeException e) {
            if (writeFailure == null) writeFailure = reportDir.resolve(FILE) + ": " + e;
            throw e;
        }
    }

    private static void writeFile(Path reportDir) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode scenarios = m.createArrayNode();
        for (ScenarioRecord r : RECORDS) {
            ObjectNode s = scenarios.addObject();
            s.put("scenario", r.name());
            s.put("requirement", r.requirement());
            s.put("uri", r.uri());
            // the parameter corner of the unit (scenario × corner, issue #17 item 3)
            String corner = cornerOf(r);
            s.put("corner", corner);
            s.put("outcome", r.outcome().label());
            s.put("plantTimeS", r.plantMs() / 1000.0);
            s.put("wallTimeS", r.wallMs() / 1000.0);
            if (r.error() != null) s.put("error", r.error());
            s.set("run", m.valueToTree(r.run()));
            ArrayNode vs = s.putArray("verdicts");
            for (Verdict v : r.verdicts()) {
                ObjectNode o = vs.addObject();
                o.put("id", v.id());
                o.put("corner", corner);
                o.put("verdict", v.outcome().label());
                o.set("limits", m.valueToTree(new java.util.TreeMap<>(v.limits())));
                o.put("message", v.message());
                o.put("expected", v.expected());
                o.put("actual", v.actual());
                if (v.plantTimeMs() == null) o.putNull("plantTimeS");
                else o.put("plantTimeS", v.plantTimeMs() / 1000.0);
            }
        }
        ObjectNode root = m.createObjectNode();
        Totals t = totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("scenarios", t.scenarios());
        totals.put("passed", t.passed());
        totals.put("failed", t.failed());
        totals.put("inconclusive", t.inconclusive());
        totals.put("errors", t.errors());
        totals.put("exitCode", interruption != null ? INTERRUPTED_EXIT : t.exitCode());
        if (interruption != null) {
            root.put("interrupted", true);
            ObjectNode i = root.putObject("interruption");
            i.put("reason", interruption.reason());
            i.put("cutOff", interruption.cutOff());
            ArrayNode never = i.putArray("neverRan");
            interruption.neverRan().forEach(never::add);
        }
        root.set("scenarios", scenarios);
        Files.createDirectories(reportDir);
        Path tmp = reportDir.resolve(FILE + ".tmp");
        m.writeValue(tmp.toFile(), root);
        Files.move(tmp, reportDir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Sets the ledger to {@code records} and writes the file: the verdicts of several units of one run (a parallel run's
     * children, the shards {@code bench merge} joins; issue #17) as one ledger, with the same writer and totals rule as
     * a sequential run, so the merged file differs from a sequential run's only in the timing fields.
     */
    public static synchronized void replaceAll(List<ScenarioRecord> records, Path reportDir) throws IOException {
        RECORDS.clear();
        RECORDS.addAll(records);
        interruption = null;
        writeFailure = null;
        write(reportDir);
    }

    /**
     * Reads a verdicts file back as records (the inverse of the writer: plant and wall time to the millisecond, the
     * run facts as JSON gives them). @throws IOException an unreadable file, an interrupted run's file (a partial record
     * is never merged), an unknown outcome or verdict label
     */
    public static List<ScenarioRecord> readRecords(Path file) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isObject()) throw new IOException(file + ": not a verdicts file");
        if (root.path("interrupted").asBoolean(false)) throw new IOException(file + ": the run was interrupted (a partial record)");
        List<ScenarioRecord> out = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (com.fasterxml.jackson.databind.JsonNode s : root.path("scenarios")) {
            List<Verdict> vs = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode v : s.path("verdicts")) {
                Map<String, Double> limits = new java.util.TreeMap<>();
                v.path("limits").fields().forEachRemaining(e -> limits.put(e.getKey(), e.getValue().asDouble()));
                com.fasterxml.jackson.databind.JsonNode t = v.path("plantTimeS");
                vs.add(new Verdict(v.path("id").asText(), outcome(v.path("verdict").asText(), file), limits, v.path("message").asText(),
                        v.hasNonNull("expected") ? v.get("expected").asText() : null, v.hasNonNull("actual") ? v.get("actual").asText() : null,
                        t.isNumber() ? Math.round(t.asDouble() * 1000) : null));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> run = s.has("run") ? m.convertValue(s.get("run"), java.util.LinkedHashMap.class) : Map.of();
            ScenarioOutcome o;
            try {
                o = ScenarioOutcome.valueOf(s.path("outcome").asText().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": unknown outcome '" + s.path("outcome").asText() + "'");
            }
            out.add(new ScenarioRecord(s.path("scenario").asText(), s.path("requirement").asText(""), s.path("uri").asText(""), o,
                    Math.round(s.path("plantTimeS").asDouble() * 1000), Math.round(s.path("wallTimeS").asDouble() * 1000), vs,
                    s.hasNonNull("error") ? s.get("error").asText() : null, run));
        }
        return out;
    }

    private static Verdict.Outcome outcome(String label, Path file) throws IOException {
        for (Verdict.Outcome o : Verdict.Outcome.values()) if (o.label().equals(label)) return o;
        throw new IOException(file + ": unknown verdict '" + label + "'");
    }

    /** The parameter corner a record ran at (its run facts' {@code corner}); nominal when it names none. */
    public static String cornerOf(ScenarioRecord r) {
        Object c = r.run().get("corner");
        return c == null || c.toString().isEmpty() ? io.hilbench.runtime.TraceNames.NOMINAL : c.toString();
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
