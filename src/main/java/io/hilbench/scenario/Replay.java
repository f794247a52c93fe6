package io.hilbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hilbench.rig.PlantModels;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import io.hilbench.scenario.judge.Assertion;
import io.hilbench.scenario.judge.AssertionBook;
import io.hilbench.scenario.judge.JudgedTrace;
import io.hilbench.scenario.judge.TraceView;
import io.hilbench.scenario.judge.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a re-judge needs to evaluate a scenario's assertions again without Cucumber, the plant or the controller
 * (DESIGN §10 {@code bench verify-evidence --rejudge}): the scenario's {@link Timeline}, and for each assertion the
 * point at which its {@code Then} step registered it (how many timeline entries existed then, the start command and
 * set-point SU-01 counts from). {@link #rejudge} rebuilds every assertion through the same requirement classes the
 * steps use ({@link StartupRequirement}, {@link ProtectionRequirements}, {@link DefrostAndSourceRequirements}) with the limits of the requirements.yaml it is
 * given, and judges it on the scenario's judged trace ({@link JudgedTrace}).
 *
 * <p>Written in the report folder as {@code judged/<slug>.replay.json} and {@code judged/<slug>.judged.csv}.
 */
public final class Replay {
    /** The report sub-folder of the recipes and judged traces. */
    public static final String FOLDER = "judged";
    public static final String SUFFIX = ".replay.json";
    public static final String TRACE_SUFFIX = ".judged.csv";

    /** One {@code Then} step's registration: the assertion id and the scenario's state when it was registered. */
    public record Registration(String id, int timelineEntries, Long stimulusMs, Double setpointK) {}

    /** A scenario's recipe. {@code judged} is false when no verdict came from the trace (a step error, an inconclusive run). */
    public record Recipe(String scenario, String uri, String requirement, boolean judged, String judgedTrace,
                         List<Timeline.Entry> timeline, List<Registration> registrations, String corner, List<String> cornerOverrides) {
        public Recipe {
            corner = corner == null || corner.isEmpty() ? io.hilbench.runtime.TraceNames.NOMINAL : corner;
            cornerOverrides = cornerOverrides == null ? List.of() : List.copyOf(cornerOverrides);
        }

        public Recipe(String scenario, String uri, String requirement, boolean judged, String judgedTrace,
                      List<Timeline.Entry> timeline, List<Registration> registrations) {
            this(scenario, uri, requirement, judged, judgedTrace, timeline, registrations, null, null);
        }

        /** The run unit's key (scenario × corner, issue #17 item 3): {@link io.hilbench.runtime.TraceNames#unit}. */
        public String unit() { return io.hilbench.runtime.TraceNames.unit(uri, corner); }
    }

    /** The re-judged verdicts of one scenario by assertion id, or the reason it could not be re-judged. */
    public record Rejudged(String scenario, String uri, Map<String, Verdict> verdicts, String notRejudged) {}

    private Replay() {}

    public static void write(Path file, Recipe r) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("scenario", r.scenario());
        root.put("uri", r.uri());
        root.put("requirement", r.requirement());
        root.put("judged", r.judged());
        root.put("judgedTrace", r.judgedTrace());
        if (!io.hilbench.runtime.TraceNames.NOMINAL.equals(r.corner())) {
            // the parameter corner the unit ran at and its overrides as rig.yaml gave them (issue #17 item 3)
            root.put("corner", r.corner());
            ArrayNode co = root.putArray("cornerOverrides");
            r.cornerOverrides().forEach(co::add);
        }
        ArrayNode tl = root.putArray("timeline");
        for (Timeline.Entry e : r.timeline()) {
            ObjectNode o = tl.addObject();
            o.put("kind", e.kind().name());
            o.put("plantTimeMs", e.plantTimeMs());
            o.put("what", e.what());
            if (Double.isNaN(e.valueSi())) o.putNull("valueSi");
            else o.put("valueSi", e.valueSi());
        }
        ArrayNode regs = root.putArray("registrations");
        for (Registration g : r.registrations()) {
            ObjectNode o = regs.addObject();
            o.put("id", g.id());
            o.put("timelineEntries", g.timelineEntries());
            if (g.stimulusMs() == null) o.putNull("stimulusMs");
            else o.put("stimulusMs", g.stimulusMs());
            if (g.setpointK() == null) o.putNull("setpointK");
            else o.put("setpointK", g.setpointK());
        }
        m.writeValue(file.toFile(), root);
    }

    public static Recipe read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isObject()) throw new IOException(file + ": not a replay recipe");
        List<Timeline.Entry> tl = new ArrayList<>();
        for (JsonNode o : root.path("timeline")) {
            Timeline.Kind kind;
            try {
                kind = Timeline.Kind.valueOf(o.path("kind").asText());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": unknown timeline kind '" + o.path("kind").asText() + "'");
            }
            JsonNode v = o.path("valueSi");
            tl.add(new Timeline.Entry(kind, o.path("plantTimeMs").asLong(), o.path("what").asText(), v.isNumber() ? v.asDouble() : Double.NaN));
        }
        List<Registration> regs = new ArrayList<>();
        for (JsonNode o : root.path("registrations")) {
            JsonNode s = o.path("stimulusMs");
            JsonNode k = o.path("setpointK");
            regs.add(new Registration(o.path("id").asText(), o.path("timelineEntries").asInt(), s.isNumber() ? s.asLong() : null, k.isNumber() ? k.asDouble() : null));
        }
        return new Recipe(root.path("scenario").asText(), root.path("uri").asText(), root.path("requirement").asText(), root.path("judged").asBoolean(),
                root.path("judgedTrace").asText(), tl, regs, root.path("corner").asText(null), cornerOverrides(root));
    }

    private static List<String> cornerOverrides(JsonNode root) {
        List<String> out = new ArrayList<>();
        root.path("cornerOverrides").forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * Re-judges every recipe in {@code traceDir} with the limits of {@code featuresDir}/requirements.yaml and the
     * signals of the rig in {@code rigDir}.
     *
     * @throws IOException when the requirements, the rig or a recipe cannot be read
     */
    public static List<Rejudged> rejudge(Path featuresDir, Path rigDir, Path traceDir) throws IOException {
        Requirements requirements = Requirements.load(featuresDir);
        Rig rig;
        try {
            rig = RigLoader.loadDefault(rigDir);
        } catch (RigException e) {
            throw new IOException("the rig in " + rigDir + " does not load: " + e.errors(), e);
        }
        List<Path> recipes;
        try (Stream<Path> s = Files.list(traceDir)) {
            recipes = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        List<Rejudged> out = new ArrayList<>();
        for (Path p : recipes) {
            Recipe r = read(p);
            String cornerProblem = cornerProblem(rig, r);
            if (cornerProblem != null) {
                out.add(new Rejudged(r.scenario(), r.unit(), Map.of(), cornerProblem));
                continue;
            }
            Rejudged j = rejudge(r, traceDir, requirements, new PlantSignals(rig.atCorner(r.corner()), PlantModels.catalogue(rig.plant().model())));
            out.add(new Rejudged(j.scenario(), r.unit(), j.verdicts(), j.notRejudged()));
        }
        return out;
    }

    /**
     * Why a recipe's corner cannot be re-judged with the bundle's rig, or null: the unit is re-judged with its corner's
     * parameters, so the corner must be one the bundle's rig.yaml defines, with the overrides the run recorded and
     * values the parameter records accept (issue #17 item 3).
     */
    static String cornerProblem(Rig rig, Recipe r) {
        if (io.hilbench.runtime.TraceNames.NOMINAL.equals(r.corner())) return null;
        java.util.Optional<io.hilbench.rig.Corner> c = rig.corner(r.corner());
        if (c.isEmpty()) return "corner '" + r.corner() + "' is not defined in the bundle's rig.yaml";
        List<String> defined = c.get().recorded();
        if (!defined.equals(r.cornerOverrides())) {
            return "corner '" + r.corner() + "' ran with " + r.cornerOverrides() + " but the bundle's rig.yaml defines " + defined;
        }
        if (rig.plant().parameters() != null && Files.isRegularFile(rig.plant().parameters())) {
            try {
                PlantModels.parameters(rig.atCorner(r.corner()));
            } catch (RigException e) {
                return "corner '" + r.corner() + "': its parameters do not load: " + e.errors();
            }
        }
        return null;
    }

    static Rejudged rejudge(Recipe r, Path traceDir, Requirements requirements, PlantSignals signals) throws IOException {
        if (!r.judged()) return new Rejudged(r.scenario(), r.uri(), Map.of(), "no verdict of this scenario was judged on its trace (a step error or an inconclusive run)");
        Path traceFile = traceDir.resolve(r.judgedTrace()).normalize();
        if (!traceFile.startsWith(traceDir.normalize()) || !Files.isRegularFile(traceFile)) {
            return new Rejudged(r.scenario(), r.uri(), Map.of(), "judged trace '" + r.judgedTrace() + "' is missing");
        }
        TraceView trace = JudgedTrace.read(traceFile);
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (Registration g : r.registrations()) {
            Verdict v;
            try {
                List<Timeline.Entry> upTo = r.timeline().subList(0, Math.min(g.timelineEntries(), r.timeline().size()));
                v = rebuild(g, Timeline.of(upTo), requirements, signals).judge(trace);
            } catch (RuntimeException e) {
                // a recipe the requirement classes refuse (edited, or from another version): a failed re-judge, named
                v = new Verdict(g.id(), Verdict.Outcome.FAILED, Map.of(), "could not be rebuilt for a re-judge: " + e.getMessage());
            }
            verdicts.put(g.id(), v);
        }
        return new Rejudged(r.scenario(), r.uri(), verdicts, null);
    }

    /** The assertion as its {@code Then} step registered it, rebuilt through the same requirement class and method. */
    static Assertion rebuild(Registration g, Timeline tl, Requirements requirements, PlantSignals signals) {
        AssertionBook book = new AssertionBook();
        String id = g.id();
        int dot = id.indexOf('.');
        if (dot < 0) throw new IllegalArgumentException("assertion id '" + id + "' has no requirement prefix");
        String req = id.substring(0, dot);
        String a = id.substring(dot + 1);
        if (PRECONDITIONS.contains(a)) {
            var p = new Preconditions(new ProtectionRequirements.Context(requirements, book, signals.heatPump(), tl, line -> {}), req);
            switch (a) {
                case "reaches-full-load" -> p.fullLoad();
                case "runs" -> p.running();
                case "settles" -> p.settled();
                default -> {
                    String wait = tl.require(tl.last(Timeline.Kind.WAIT), "wait for a defrost").what();
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("section (\\d+)").matcher(wait);
                    if (!m.find()) throw new IllegalArgumentException(id + ": the recipe's wait '" + wait + "' names no section");
                    p.defrostStarts(signals.defrost(), Integer.parseInt(m.group(1)));
                }
            }
        } else if (req.equals(StartupRequirement.ID)) {
            if (g.stimulusMs() == null || g.setpointK() == null) throw new IllegalArgumentException(id + ": the recipe lacks the start command or the set-point");
            StartupRequirement s = new StartupRequirement(requirements, book, signals, g.stimulusMs(), g.setpointK());
            switch (a) {
                case "flow-proof" -> s.flowProof();
                case "lead-min-speed" -> s.leadMinSpeed();
                case "settle", "hold" -> s.settleAndHold();
                case "pressure" -> s.pressure();
                case "no-trip" -> s.noTrip();
                case "staging" -> s.staging();
                case "in-service" -> s.inService();
                default -> throw unknown(id);
            }
        } else {
            var ctx = new ProtectionRequirements.Context(requirements, book, signals.heatPump(), tl, line -> {});
            switch (req) {
                case "SU-02" -> {
                    var s = new ProtectionRequirements.StartRefusal(ctx);
                    switch (a) {
                        case "no-compressor" -> s.noCompressor();
                        case "start-refused" -> s.startRefused();
                        case "restart" -> s.restart();
                        default -> throw unknown(id);
                    }
                }
                case "SU-03" -> {
                    var s = new ProtectionRequirements.ShortCycle(ctx);
                    switch (a) {
                        case "min-off" -> s.minOff();
                        case "min-run" -> s.minRun();
                        case "starts-per-hour" -> s.startsPerHour();
                        case "cycles" -> s.cycles();
                        case "modulation" -> s.modulation();
                        default -> throw unknown(id);
                    }
                }
                case "SU-04" -> {
                    var s = new ProtectionRequirements.OrderedStop(ctx);
                    switch (a) {
                        case "unload" -> s.unload();
                        case "off" -> s.off();
                        case "pump-overrun" -> s.pumpOverrun();
                        case "no-trip" -> s.noTrip();
                        case "state" -> s.state();
                        default -> throw unknown(id);
                    }
                }
                case "HP-01" -> {
                    var s = new ProtectionRequirements.ReducedFlow(ctx);
                    switch (a) {
                        case "below-switch" -> s.belowSwitch();
                        case "unload" -> s.unload();
                        case "no-trip" -> s.noTrip();
                        case "in-service" -> s.inService();
                        default -> throw unknown(id);
                    }
                }
                case "HP-02" -> {
                    var s = new ProtectionRequirements.FlowLoss(ctx);
                    switch (a) {
                        case "stop" -> s.stop();
                        case "alarm" -> s.alarm();
                        case "no-restart" -> s.noRestart();
                        case "restart" -> s.restart();
                        case "state" -> s.state();
                        default -> throw unknown(id);
                    }
                }
                case "HP-03" -> {
                    var s = new ProtectionRequirements.StuckValve(ctx);
                    switch (a) {
                        case "no-relief" -> s.noRelief();
                        case "held-or-tripped" -> s.heldOrTripped();
                        default -> throw unknown(id);
                    }
                }
                case "HP-04" -> {
                    var s = new ProtectionRequirements.HighReturn(ctx);
                    switch (a) {
                        case "pressure" -> s.pressure();
                        case "no-trip" -> s.noTrip();
                        case "in-service" -> s.inService();
                        default -> throw unknown(id);
                    }
                }
                case "SF-01" -> {
                    var s = new ProtectionRequirements.SensorFault(ctx);
                    switch (a) {
                        case "stop" -> s.stop();
                        case "alarm" -> s.alarm();
                        case "no-restart" -> s.noRestart();
                        case "state" -> s.state();
                        default -> throw unknown(id);
                    }
                }
                case "CL-01" -> {
                    var s = new ProtectionRequirements.CommLoss(ctx);
                    switch (a) {
                        case "failsafe" -> s.failsafe();
                        case "alarm" -> s.alarm();
                        case "restart" -> s.restart();
                        case "min-off" -> s.minOff();
                        default -> throw unknown(id);
                    }
                }
                case "DF-01" -> {
                    var s = new DefrostAndSourceRequirements.DemandDefrost(ctx, signals.defrost());
                    switch (a) {
                        case "before-capacity-loss" -> s.beforeCapacityLoss();
                        case "one-at-a-time" -> s.oneAtATime();
                        case "others-evaporate" -> s.othersEvaporate();
                        case "defrost-duration" -> s.defrostDuration();
                        case "frost-removed" -> s.frostRemoved();
                        case "supply" -> s.supply();
                        case "no-trip" -> s.noTrip();
                        case "defrosts" -> s.defrosts();
                        case "in-service" -> s.inService();
                        default -> throw unknown(id);
                    }
                }
                case "DF-02" -> {
                    var s = new DefrostAndSourceRequirements.NoFrostNoDefrost(ctx, signals.defrost());
                    switch (a) {
                        case "no-defrost" -> s.noDefrost();
                        case "in-service" -> s.inService();
                        default -> throw unknown(id);
                    }
                }
                case "DF-03" -> {
                    var s = new DefrostAndSourceRequirements.StuckCoilSensor(ctx, signals.defrost());
                    switch (a) {
                        case "ends" -> s.ends();
                        case "alarm" -> s.alarm();
                        case "returns" -> s.returns();
                        case "no-stop" -> s.noStop();
                        default -> throw unknown(id);
                    }
                }
                case "SO-01" -> {
                    var s = new DefrostAndSourceRequirements.TankSource(ctx, signals.source());
                    switch (a) {
                        case "select" -> s.select();
                        case "colder-inlet" -> s.colderInlet();
                        case "cop" -> s.cop();
                        case "in-service" -> s.inService();
                        default -> throw unknown(id);
                    }
                }
                case "SO-02" -> {
                    var s = new DefrostAndSourceRequirements.SpentTank(ctx, signals.source());
                    switch (a) {
                        case "switch" -> s.backToAir();
                        case "supply" -> s.supply();
                        case "no-trip" -> s.noTrip();
                        case "on-tank" -> s.onTank();
                        case "in-service" -> s.inService();
                        default -> throw unknown(id);
                    }
                }
                case "LD-01" -> {
                    var s = new ProtectionRequirements.LoadStep(ctx);
                    switch (a) {
                        case "settle" -> s.settle();
                        case "load-step" -> s.loadStep();
                        default -> throw unknown(id);
                    }
                }
                default -> throw unknown(id);
            }
        }
        return book.assertions().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException(id + " was not registered by its requirement class"));
    }

    /** The precondition assertions every requirement may have (their suffixes), rebuilt through {@link Preconditions}. */
    private static final java.util.Set<String> PRECONDITIONS = java.util.Set.of("reaches-full-load", "runs", "settles", "defrost-starts");

    private static IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("no re-judge for assertion '" + id + "' (Replay.rebuild knows the ids of requirements.yaml that the step library registers)");
    }
}
