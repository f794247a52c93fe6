package io.hilbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hilbench.runtime.TraceNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run left in its report folder, read back from the files (never from the scenario package's memory, so
 * {@code bench report --from DIR} renders a finished run the same way the run itself did): {@value #VERDICTS}
 * written by the scenario glue's verdict ledger, and the per-scenario trace CSVs under {@value #TRACES}.
 */
public record RunData(Path dir, List<ScenarioData> scenarios, java.util.Optional<RunTotals> writtenTotals, java.util.Optional<Interruption> interruption) {
    public static final String VERDICTS = "verdicts.json";
    public static final String TRACES = TraceNames.FOLDER;
    /** The exit code of an interrupted run (the scenario layer's VerdictLedger.INTERRUPTED_EXIT). */
    public static final int INTERRUPTED_EXIT = 2;

    public RunData {
        scenarios = List.copyOf(scenarios);
    }

    public RunData(Path dir, List<ScenarioData> scenarios, java.util.Optional<RunTotals> writtenTotals) {
        this(dir, scenarios, writtenTotals, java.util.Optional.empty());
    }

    public RunData(Path dir, List<ScenarioData> scenarios) {
        this(dir, scenarios, java.util.Optional.empty());
    }

    /**
     * A run stopped before it ended (issue #18 item 3), as verdicts.json states it: why, the scenario cut off ("" when
     * none was running) and the selected scenarios that never ran. Such a run is a partial record, never an acceptance
     * document: every page and file says INTERRUPTED and lists what never ran.
     */
    public record Interruption(String reason, String cutOff, List<String> neverRan) {
        public Interruption {
            neverRan = List.copyOf(neverRan);
        }

        /** "INTERRUPTED: reason; cut off: X; never ran (2): A, B" */
        public String describe() {
            return "INTERRUPTED: " + reason + (cutOff.isEmpty() ? "" : "; cut off (not judged): " + cutOff)
                    + "; never ran (" + neverRan.size() + ")" + (neverRan.isEmpty() ? "" : ": " + String.join(", ", neverRan));
        }
    }

    public boolean interrupted() { return interruption.isPresent(); }

    /** The totals counted from the scenarios' outcomes: what every page prints (exit code 2 for an interrupted run). */
    public RunTotals totals() {
        RunTotals t = RunTotals.of(scenarios.stream().map(ScenarioData::outcome).toList());
        return interrupted() ? new RunTotals(t.scenarios(), t.passed(), t.failed(), t.inconclusive(), t.errors(), INTERRUPTED_EXIT) : t;
    }

    /**
     * Where the totals verdicts.json states disagree with its scenarios' outcomes, what differs; "" when they agree or
     * the file states none (written before totals were).
     */
    public String totalsProblem() {
        if (writtenTotals.isEmpty()) return "";
        RunTotals w = writtenTotals.get(), c = totals();
        return w.equals(c) ? "" : VERDICTS + " states totals " + w.describe() + " but its scenarios give " + c.describe();
    }

    /**
     * One assertion's verdict as the ledger wrote it: id, passed/failed/inconclusive/error, the limits used, the message,
     * and what was expected, what was found and the plant time (s) of the verdict (each null where unknown).
     */
    public record AssertionData(String id, String verdict, Map<String, Double> limits, String message, String expected, String actual, Double plantTimeS) {
        public AssertionData {
            limits = Map.copyOf(limits);
        }

        public AssertionData(String id, String verdict, Map<String, Double> limits, String message) {
            this(id, verdict, limits, message, null, null, null);
        }

        /** The requirement id of the assertion ({@code SU-04} of {@code SU-04.off}). */
        public String requirement() {
            int dot = id.indexOf('.');
            return dot < 0 ? id : id.substring(0, dot);
        }

        /** Plant time (ms) the verdict was reached: its plantTimeS field, else read from its message; -1 when neither names one. */
        public long instantMs() { return plantTimeS != null ? Math.round(plantTimeS * 1000) : PlantTimes.verdictInstantMs(message); }

        /** What was found: the actual field, else the whole message. */
        public String actualOrMessage() { return actual != null ? actual : message; }
    }

    /**
     * One scenario: its name, requirement tag, feature file and line, outcome, plant and wall time, the error that
     * ended it before judging (or null), the run facts (controller, identity, pacing, seed, rig, timing) and the
     * verdict per assertion.
     */
    public record ScenarioData(String name, String requirement, String uri, String outcome, double plantTimeS, double wallTimeS,
                               String error, Map<String, Object> run, List<AssertionData> verdicts) {
        public ScenarioData {
            verdicts = List.copyOf(verdicts);
            run = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(run));
        }

        /** A run fact as text ("" when absent). */
        public String runFact(String key) {
            Object v = run.get(key);
            return v == null ? "" : v.toString();
        }

        /** A timing figure of the run as it was written (a Map for structured figures), or null. */
        public Object timingValue(String key) {
            Object t = run.get("timing");
            return t instanceof Map<?, ?> m ? m.get(key) : null;
        }

        /** A timing figure of the run (ackRoundTrip, plantCompute, lateness …) as the timing log summarised it, or "". */
        public String timing(String key) {
            Object t = run.get("timing");
            if (t instanceof Map<?, ?> m && m.get(key) != null) return m.get(key).toString();
            return "";
        }

        /** The file name stem of its trace in {@value #TRACES} ({@link TraceNames#stem}, as the scenario glue writes it). */
        public String traceStem() { return TraceNames.stem(requirement, name, corner()); }

        /** The parameter corner the unit ran at (run fact {@code corner}; issue #17 item 3), nominal when none is recorded. */
        public String corner() {
            String c = runFact("corner");
            return c.isEmpty() ? TraceNames.NOMINAL : c;
        }

        /** A stem unique within the run (the same scenario may run twice, e.g. in an outline). */
        public String id(int index) { return String.format(Locale.ROOT, "%02d-%s", index + 1, traceStem()); }
    }

    /** Reads {@value #VERDICTS} of a report folder. */
    public static RunData read(Path dir) throws IOException {
        Path file = dir.resolve(VERDICTS);
        if (!Files.isRegularFile(file)) throw new IOException(dir + " holds no " + VERDICTS + " (not a bench run's report folder, or the run judged no scenario)");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not readable as JSON: " + e.getMessage(), e);
        }
        List<ScenarioData> out = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (JsonNode s : root.path("scenarios")) {
            List<AssertionData> vs = new ArrayList<>();
            for (JsonNode v : s.path("verdicts")) {
                Map<String, Double> limits = new TreeMap<>();
                v.path("limits").fields().forEachRemaining(e -> limits.put(e.getKey(), e.getValue().asDouble()));
                vs.add(new AssertionData(v.path("id").asText(), v.path("verdict").asText(), limits, v.path("message").asText(""),
                        text(v, "expected"), text(v, "actual"), v.path("plantTimeS").isNumber() ? v.path("plantTimeS").asDouble() : null));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> run = s.has("run") ? m.convertValue(s.get("run"), LinkedHashMap.class) : Map.of();
            out.add(new ScenarioData(s.path("scenario").asText(), s.path("requirement").asText(""), s.path("uri").asText(""),
                    s.path("outcome").asText(""), s.path("plantTimeS").asDouble(), s.path("wallTimeS").asDouble(),
                    s.hasNonNull("error") ? s.get("error").asText() : null, run, vs));
        }
        JsonNode t = root.path("totals");
        java.util.Optional<RunTotals> written = t.isObject()
                ? java.util.Optional.of(new RunTotals(t.path("scenarios").asInt(), t.path("passed").asInt(), t.path("failed").asInt(),
                t.path("inconclusive").asInt(), t.path("errors").asInt(), t.path("exitCode").asInt()))
                : java.util.Optional.empty();
        java.util.Optional<Interruption> interruption = java.util.Optional.empty();
        if (root.path("interrupted").asBoolean(false)) {
            JsonNode i = root.path("interruption");
            List<String> never = new ArrayList<>();
            i.path("neverRan").forEach(n -> never.add(n.asText()));
            interruption = java.util.Optional.of(new Interruption(i.path("reason").asText("the run was stopped before it ended"), i.path("cutOff").asText(""), never));
        }
        return new RunData(dir, out, written, interruption);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    /** The trace CSV of a scenario, when the run wrote one. */
    public java.util.Optional<Path> trace(ScenarioData s) {
        Path p = dir.resolve(TRACES).resolve(s.traceStem() + ".csv");
        return Files.isRegularFile(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
    }
}
