package io.hilbench.scenario;

import io.cucumber.java.Scenario;
import io.hilbench.rig.ControllerState;
import io.hilbench.runtime.RunStatus;
import io.hilbench.scenario.Quantities.Quantity;
import io.hilbench.scenario.judge.AssertionBook;
import io.hilbench.scenario.judge.Inconclusive;
import io.hilbench.scenario.judge.Verdict;
import org.picocontainer.Disposable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One scenario's world (PicoContainer creates it per scenario and shares it with every step class): the session's
 * drivers, this scenario's fresh plant run, the requirement limits and the assertion book. {@link #begin} runs in
 * the {@code @Before} hook, {@link #finish} in the {@code @After} hook: it advances plant time over every registered
 * window, judges every assertion on the trace (soft: all of them), writes the verdicts and fails the scenario naming
 * every failed assertion id — or {@code INCONCLUSIVE: …} when the run could not be judged.
 */
public final class World implements Disposable {
    private static final Logger log = LoggerFactory.getLogger(World.class);
    private static final Pattern REQUIREMENT_TAG = Pattern.compile("@([A-Z]{2}-\\d{2})");

    private BenchSession session;
    private PlantDriver plant;
    private final AssertionBook book = new AssertionBook();
    private final Timeline timeline = new Timeline();
    private Scenario scenario;
    private Long stimulusMs;
    private Quantity supplySetpoint;
    private long wallStartNs;
    private boolean finished;
    /** What a re-judge needs (DESIGN §10): each assertion's registration point, and the columns the judge read. */
    private final List<Replay.Registration> registrations = new java.util.ArrayList<>();
    private io.hilbench.scenario.judge.JudgedTrace.Recording judgedTrace;
    private Inconclusive beginFailure;
    /** The bench itself could not set the scenario up (a rig or plant file broken since the run began, a bug): ERROR. */
    private RuntimeException beginError;
    /** The requirement the scenario is tagged with ({@code HP-03}), or "" (its preconditions then stay inconclusive when not reached). */
    private String requirementId = "";
    /** A precondition the controller did not reach (the scenario ended there, FAILED on that assertion), or null. */
    private String preconditionFailed;

    public void begin(Scenario scenario) throws Exception {
        wallStartNs = System.nanoTime();
        this.scenario = scenario;
        this.requirementId = requirementOf(scenario);
        book.onRegister(a -> {
            registrations.add(new Replay.Registration(a.id(), timeline.entries().size(), stimulusMs,
                    supplySetpoint == null ? null : supplySetpoint.toSi()));
            RunBoard.registered(a.id(), a.limits(), a.windowEndMs());   // the console's run view
        });
        try {
            // the report folder could not be written earlier in this run (disk full, folder unwritable or gone): the
            // evidence of this scenario could not be kept either, so it is not run (issue #18 item 3)
            java.util.Optional<String> unwritable = VerdictLedger.writeFailure();
            if (unwritable.isPresent()) {
                throw new Inconclusive("not run: the report folder could not be written earlier in this run (" + unwritable.get() + ")");
            }
            session = BenchSession.obtain(BenchOptions.current());
            plant = session.beginScenario();
        } catch (Inconclusive e) {
            // controller unreachable, interlock, reset between scenarios failed: the ledger keeps the reason
            beginFailure = e;
            throw e;
        } catch (RuntimeException e) {
            // not the controller's doing: never a FAILED verdict on it
            beginError = e;
            throw e;
        }
        log.info("scenario '{}' begins ({}, {})", scenario.getName(), session.options().pacing(), session.identity());
    }

    public PlantDriver plant() { return require(plant); }

    public ControllerDriver controller() { return require(session).controller(); }

    public Requirements requirements() { return require(session).requirements(); }

    private static <T> T require(T x) {
        if (x == null) throw new IllegalStateException("the scenario's bench is not set up (the @Before hook did not run or failed)");
        return x;
    }

    // ------------------------------------------------------------------ actions that the judge remembers

    /** The supply set-point given to the controller (the value SU-01 judges the supply against). */
    public void setSupplySetpoint(Quantity temperature) throws Exception {
        controller().setSupplySetpoint(temperature);
        supplySetpoint = temperature;
        timeline.add(Timeline.Kind.SETPOINT, plant().plantTimeMs(), "supply set-point " + temperature, temperature.toSi());
        RunBoard.setpoint(plant().plantTimeMs(), temperature.toSi());   // the console's supply band
    }

    /** Start command; its plant time is the stimulus the requirement windows count from. */
    public void startHeatPump() throws Exception {
        controller().start();
        stimulusMs = plant().plantTimeMs();
        timeline.add(Timeline.Kind.START, stimulusMs, "start", Double.NaN);
    }

    public void stopHeatPump() throws Exception {
        controller().stop();
        timeline.add(Timeline.Kind.STOP, plant().plantTimeMs(), "stop", Double.NaN);
    }

    public void resetController() throws Exception {
        controller().reset();
        timeline.add(Timeline.Kind.RESET, plant().plantTimeMs(), "reset", Double.NaN);
    }

    public void siteReset() throws Exception {
        plant().resetLatchedTrips();
        timeline.add(Timeline.Kind.SITE_RESET, plant().plantTimeMs(), "site reset of latched trips", Double.NaN);
    }

    public void setWeather(Quantity air, Quantity humidity) throws Exception {
        plant().setWeather(air, humidity);
        timeline.add(Timeline.Kind.WEATHER, plant().plantTimeMs(), "air " + air + ", " + humidity + " RH", air.toSi());
        initialCondition("weather " + air + ", " + humidity + " RH");
    }

    /** The DH return imposed over the network model (an initial condition of the scenario). */
    public void setDhReturn(Quantity temperature) throws Exception {
        plant().setDhReturn(temperature);
        initialCondition("DH return " + temperature);
    }

    /** The irradiance imposed over the weather series (an initial condition of the scenario). */
    public void setIrradiance(int wattPerM2) throws Exception {
        plant().setIrradiance(wattPerM2);
        initialCondition("irradiance " + wattPerM2 + " W/m²");
    }

    /** An initial condition applied now: baselines are read after the last one took effect (DESIGN §8). */
    private void initialCondition(String what) {
        timeline.add(Timeline.Kind.INITIAL, plant().plantTimeMs(), what, Double.NaN);
    }

    /** Air temperature changed by {@code deltaK} (a load step), humidity kept. */
    public void changeAirBy(double deltaK) throws Exception {
        // from the air the plant applies now: the imposed one, or the weather series' when none is imposed
        double air = plant().airTemperatureK() + deltaK;
        plant().setExternalInput("weather.airTemperatureK", air);
        if (plant().emulator().catalogue().inputIndex("weather.overridesReleased") >= 0) plant().setExternalInput("weather.overridesReleased", 0);
        timeline.add(Timeline.Kind.WEATHER, plant().plantTimeMs(), String.format(java.util.Locale.ROOT, "air %+.1f K", deltaK), air);
    }

    /** A fault put on the plant now (physical, sensor): the stimulus the protection requirements count from. */
    public void faultApplied(String what) { timeline.add(Timeline.Kind.FAULT, plant().plantTimeMs(), what, Double.NaN); note("fault: " + what); }

    public void faultCleared(String what) { timeline.add(Timeline.Kind.FAULT_CLEARED, plant().plantTimeMs(), what, Double.NaN); note("fault cleared: " + what); }

    private final Map<String, List<Long>> sensorFaultIds = new java.util.HashMap<>();

    /** A sensor fault on an instrument by tag, now, until {@link #sensorHealthy}. */
    public void sensorFault(String tag, io.hilbench.runtime.faults.SensorFaultKind kind, String what) throws Exception {
        long id = plant().sensorFault(tag, kind);
        sensorFaultIds.computeIfAbsent(tag, k -> new java.util.ArrayList<>()).add(id);
        faultApplied(tag + " " + what);
    }

    /** A sensor fault due {@code delay} from now (plant time): the stimulus is recorded at its start. */
    public void sensorFaultAfter(String tag, io.hilbench.runtime.faults.SensorFaultKind kind, java.time.Duration delay, String what) throws Exception {
        long id = plant().sensorFaultAfter(tag, kind, delay);
        sensorFaultIds.computeIfAbsent(tag, k -> new java.util.ArrayList<>()).add(id);
        timeline.add(Timeline.Kind.FAULT, plant().plantTimeMs() + delay.toMillis(), tag + " " + what, Double.NaN);
        note("fault scheduled at plant time " + Quantities.plantTime(plant().plantTimeMs() + delay.toMillis()) + ": " + tag + " " + what);
    }

    /** Every sensor fault this scenario put on the tag ends. */
    public void sensorHealthy(String tag) throws Exception {
        List<Long> ids = sensorFaultIds.remove(tag);
        if (ids == null) throw new IllegalStateException("the scenario put no sensor fault on " + tag);
        for (long id : ids) plant().clearSensorFault(id);
        faultCleared(tag + " healthy again");
    }

    /** The I/O link to the plant blackholed (or dropped) for a plant-time duration, then restored. */
    public void linkFault(io.hilbench.runtime.link.LinkFault kind, java.time.Duration d) throws Exception {
        linkLost(kind.name().toLowerCase(java.util.Locale.ROOT) + " for " + d.toSeconds() + " s");
        plant().linkFaultFor(kind, d);
        linkRestored("link restored");
    }

    public void linkLost(String what) { timeline.add(Timeline.Kind.LINK_LOST, plant().plantTimeMs(), what, Double.NaN); }

    public void linkRestored(String what) { timeline.add(Timeline.Kind.LINK_RESTORED, plant().plantTimeMs(), what, Double.NaN); }

    public Timeline timeline() { return timeline; }

    /** A line in the scenario's step output (Cucumber report): resolved limits, preconditions reached. */
    public void note(String text) {
        if (scenario != null) scenario.log(text);
        log.info(text);
    }

    private ProtectionRequirements.Context context() {
        return new ProtectionRequirements.Context(requirements(), book, require(session).signals().heatPump(), timeline, this::note);
    }

    public ProtectionRequirements.StartRefusal startRefusal() { return new ProtectionRequirements.StartRefusal(context()); }

    public ProtectionRequirements.ShortCycle shortCycle() { return new ProtectionRequirements.ShortCycle(context()); }

    public ProtectionRequirements.OrderedStop orderedStop() { return new ProtectionRequirements.OrderedStop(context()); }

    public ProtectionRequirements.ReducedFlow reducedFlow() { return new ProtectionRequirements.ReducedFlow(context()); }

    public ProtectionRequirements.FlowLoss flowLoss() { return new ProtectionRequirements.FlowLoss(context()); }

    public ProtectionRequirements.StuckValve stuckValve() { return new ProtectionRequirements.StuckValve(context()); }

    public ProtectionRequirements.HighReturn highReturn() { return new ProtectionRequirements.HighReturn(context()); }

    public ProtectionRequirements.SensorFault sensorFault() { return new ProtectionRequirements.SensorFault(context()); }

    public ProtectionRequirements.CommLoss commLoss() { return new ProtectionRequirements.CommLoss(context()); }

    public ProtectionRequirements.LoadStep loadStep() { return new ProtectionRequirements.LoadStep(context()); }

    public DefrostAndSourceRequirements.DemandDefrost demandDefrost() { return new DefrostAndSourceRequirements.DemandDefrost(context(), session.signals().defrost()); }

    public DefrostAndSourceRequirements.NoFrostNoDefrost noFrostNoDefrost() { return new DefrostAndSourceRequirements.NoFrostNoDefrost(context(), session.signals().defrost()); }

    public DefrostAndSourceRequirements.StuckCoilSensor stuckCoilSensor() { return new DefrostAndSourceRequirements.StuckCoilSensor(context(), session.signals().defrost()); }

    public DefrostAndSourceRequirements.TankSource tankSource() { return new DefrostAndSourceRequirements.TankSource(context(), session.signals().source()); }

    public DefrostAndSourceRequirements.SpentTank spentTank() { return new DefrostAndSourceRequirements.SpentTank(context(), session.signals().source()); }

    /** A precondition reached: steady-run windows (DF-01, DF-02) begin here. */
    private void conditionReached(String what) {
        timeline.add(Timeline.Kind.CONDITION, plant().plantTimeMs(), what, Double.NaN);
        note(what + " at plant time " + Quantities.plantTime(plant().plantTimeMs()));
    }

    // ------------------------------------------------------------------ state initialisers (no long warm-up)

    /** The tank re-initialised to a linear profile between the two temperatures (plant input tank.initial*TemperatureK). */
    public void chargeTank(Quantity top, Quantity bottom) throws Exception {
        if (top.toSi() < bottom.toSi()) throw new IllegalArgumentException("a stratified tank is warmer at the top: top " + top + " < bottom " + bottom);
        plant().setExternalInput("tank.initialTopTemperatureK", top.toSi());
        plant().setExternalInput("tank.initialBottomTemperatureK", bottom.toSi());
        initialCondition("tank charged to " + top + " at the top and " + bottom + " at the bottom");
        note("tank charged to " + top + " at the top and " + bottom + " at the bottom at plant time " + Quantities.plantTime(plant().plantTimeMs()));
    }

    /** The tank bottom falls to a temperature (the top kept): a stimulus (SO-02). */
    public void tankBottomFallsTo(Quantity bottom) throws Exception {
        double topK = plant().latest(session.signals().output("TT-301"));
        plant().setExternalInput("tank.initialTopTemperatureK", Math.max(topK, bottom.toSi()));
        plant().setExternalInput("tank.initialBottomTemperatureK", bottom.toSi());
        faultApplied("tank bottom falls to " + bottom);
    }

    /** An air section's frost set to a share of its maximum (plant input hp.airSectionN.initialFrostRatio). */
    public void frostSection(int section, Quantity share) throws Exception {
        String input = "hp.airSection" + section + ".initialFrostRatio";
        if (plant().emulator().catalogue().inputIndex(input) < 0) {
            throw new IllegalArgumentException("the plant of this rig has no frost initialiser for air section " + section + " (input " + input + ")");
        }
        plant().setExternalInput(input, share.toSi());
        initialCondition("air section " + section + " " + share + " frosted");
        note("air section " + section + " " + share + " frosted at plant time " + Quantities.plantTime(plant().plantTimeMs()));
    }

    /** Runs until an air section is defrosting (hot gas in its coil): the precondition {@code <id>.defrost-starts}. */
    public void runUntilDefrosting(int section) throws Exception {
        timeline.add(Timeline.Kind.WAIT, plant().plantTimeMs(), "waiting for section " + section + " to defrost", Double.NaN);
        reach(preconditions().defrostStarts(session.signals().defrost(), section), "section " + section + " defrosting");
    }

    // ------------------------------------------------------------------ initial conditions (short, no long warm-up)

    private Preconditions preconditions() {
        if (requirementId.isEmpty()) throw new IllegalStateException("a precondition step needs the scenario tagged with its requirement (@HP-03)");
        return new Preconditions(context(), requirementId);
    }

    /**
     * Runs the plant until the precondition's check passes on the trace (polled every few seconds of plant time, then
     * judged on every row), or its budget runs out: then, with the bench and the link healthy, the scenario ends FAILED
     * on the precondition's assertion (the controller did not get there); a bench or link fault is INCONCLUSIVE.
     */
    private void reach(Preconditions.Registered p, String what) throws Exception {
        long deadline = p.fromMs() + p.budgetMs();
        java.util.function.BooleanSupplier reached = () -> p.check().apply(plant().trace()).outcome() == Verdict.Outcome.PASSED;
        Duration poll = Duration.ofSeconds(2);
        while (!reached.getAsBoolean() && plant().plantTimeMs() < deadline) {
            plant().runUntil(Math.min(deadline, plant().plantTimeMs() + poll.toMillis()), what + " (" + p.id() + ")");
        }
        if (reached.getAsBoolean()) {
            conditionReached(what);
            return;
        }
        io.hilbench.runtime.RunStatus st = plant().status();
        if (st.inconclusive()) throw new Inconclusive(explain(st.reason()));
        preconditionFailed = p.id();
        note(p.id() + " not reached: " + p.check().apply(plant().trace()).message());
        throw new AssertionError(p.id() + " FAILED: " + what + " not reached within " + p.budgetMs() / 60_000.0 + " min of plant time (the controller did not get there;"
                + " the scenario ends here)");
    }

    /** Starts the heat pump and runs until it is at full load ({@link Preconditions#fullLoad}). */
    public void runAtFullLoad() throws Exception {
        startHeatPump();
        reach(preconditions().fullLoad(), "full load");
    }

    /** Starts the heat pump and runs until the controller reads Running with a compressor turning ({@link Preconditions#running}). */
    public void runUntilRunning() throws Exception {
        startHeatPump();
        reach(preconditions().running(), "running");
    }

    /** Starts the heat pump and runs until the supply is within the settled band of the set-point ({@link Preconditions#settled}). */
    public void runUntilSettled() throws Exception {
        if (supplySetpoint == null) throw new IllegalStateException("'settled at its supply setpoint' needs a supply set-point first");
        startHeatPump();
        reach(preconditions().settled(), "settled at the supply set-point");
    }

    /** Runs until a plant output (a status tag, e.g. PSHH-202) is set; inconclusive when it is not within {@code max}. */
    public void runUntilSet(String tag, java.time.Duration max) {
        String out = require(session).signals().output(tag);
        if (!plant().runUntil(() -> plant().latest(out) >= 0.5, max, java.time.Duration.ofSeconds(1), tag + " set")) {
            throw new Inconclusive("precondition: " + tag + " was not set within " + max.toSeconds() + " s of plant time");
        }
        note(tag + " set at plant time " + Quantities.plantTime(plant().plantTimeMs()));
    }

    /** The controller state read now (between steps), or null when the value is not in the rig's table. */
    public ControllerState controllerState() throws Exception {
        ControllerState[] s = new ControllerState[1];
        plant().between(() -> s[0] = controller().state().orElse(null));
        return s[0];
    }

    /** Requires the controller state (read through the rig's state table); anything else: inconclusive. */
    public void requireControllerState(ControllerState expected) throws Exception {
        ControllerState[] s = new ControllerState[1];
        plant().between(() -> s[0] = controller().state().orElse(null));
        if (s[0] != expected) {
            throw new Inconclusive("precondition: the controller should read " + expected.label() + ", reads " + (s[0] == null ? "a value not in the rig's state table" : s[0].label()));
        }
    }

    /** {@code <id>.in-service} of the scenario's requirement: the heat pump stays in service through the requirement's window. */
    public void inService() {
        switch (requirementId) {
            case "SU-01" -> startup().inService();
            case "HP-01" -> reducedFlow().inService();
            case "HP-04" -> highReturn().inService();
            case "DF-01" -> demandDefrost().inService();
            case "DF-02" -> noFrostNoDefrost().inService();
            case "SO-01" -> tankSource().inService();
            case "SO-02" -> spentTank().inService();
            default -> throw new IllegalStateException("requirement '" + requirementId + "' has no in-service assertion (requirements.yaml)");
        }
    }

    /** {@code <id>.state} of the scenario's requirement: the reported state against plant truth after its trip or stop. */
    public void reportedState() {
        switch (requirementId) {
            case "SU-04" -> orderedStop().state();
            case "HP-02" -> flowLoss().state();
            case "SF-01" -> sensorFault().state();
            default -> throw new IllegalStateException("requirement '" + requirementId + "' has no state assertion (requirements.yaml)");
        }
    }

    /** SU-01's assertions, relative to this scenario's start command and set-point. */
    public StartupRequirement startup() {
        if (stimulusMs == null) throw new IllegalStateException("SU-01 assertions need a start command in the scenario ('the operator starts the heat pump')");
        if (supplySetpoint == null) throw new IllegalStateException("SU-01 assertions need a supply set-point in the scenario");
        return new StartupRequirement(requirements(), book, session.signals(), stimulusMs, supplySetpoint.toSi());
    }

    // ------------------------------------------------------------------ judging

    private static String requirementOf(Scenario scenario) {
        return scenario.getSourceTagNames().stream().map(REQUIREMENT_TAG::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> m.group(1)).findFirst().orElse("");
    }

    public void finish(Scenario scenario) throws Exception {
        if (finished) return;
        finished = true;
        String requirement = requirementOf(scenario);
        Map<String, Object> run = new LinkedHashMap<>();
        if (session != null) {
            run.put("controller", session.options().controller().label() + (session.options().variant() == null ? "" : " variant " + session.options().variant()));
            run.put("identitySelfDeclared", session.identity());
            run.put("pacing", session.options().pacing().toString());
            run.put("seed", session.options().seed() != null ? session.options().seed() : session.rig().seed());
            run.put("rig", session.rig().name());
            // the parameter corner the plant ran at (issue #17 item 3): every verdict records it
            run.put("corner", session.options().corner());
            // plant parameters set over the files (rig plant.overrides, --plant-param; issue #15 item 7): only when there are any
            if (!session.rig().plant().overrides().isEmpty()) {
                try {
                    run.put("plantOverrides", io.hilbench.rig.PlantModels.describe(
                            io.hilbench.rig.PlantModels.resolve(session.rig().plant().model(), session.rig().plant().overrides())));
                } catch (io.hilbench.rig.RigException e) {
                    throw new IllegalStateException("plant overrides were checked when the plant was built: " + e.getMessage(), e);
                }
            }
        }
        List<Verdict> verdicts = List.of();
        String error = null;
        VerdictLedger.ScenarioOutcome outcome;
        try {
            boolean stepFailed = plant == null || scenario.isFailed() || scenario.getStatus() != io.cucumber.java.Status.PASSED;
            // a precondition the controller did not reach ended the steps, but its assertion (and those registered before
            // it) are judged: the scenario is FAILED on that named assertion, not a step error
            boolean judgeable = plant != null && !book.isEmpty() && (preconditionFailed != null ? !plant.status().inconclusive() : !stepFailed);
            if (judgeable) {
                verdicts = judge();
                outcome = VerdictLedger.fromVerdicts(verdicts);
                for (Verdict v : verdicts) scenario.log(v.id() + " " + v.outcome().label() + " " + new java.util.TreeMap<>(v.limits()) + ": " + v.message());
            } else if (stepFailed) {
                error = "a step failed before the assertions were judged (" + scenario.getStatus() + "); see the Cucumber report";
                outcome = VerdictLedger.ScenarioOutcome.FAILED;
                if (plant == null && beginFailure != null) {
                    error = beginFailure.getMessage();
                    outcome = VerdictLedger.ScenarioOutcome.INCONCLUSIVE;
                } else if (plant == null && beginError != null) {
                    error = "ERROR (the bench could not set the scenario up): " + beginError.getMessage();
                    outcome = VerdictLedger.ScenarioOutcome.ERROR;
                } else if (plant != null && plant.status().inconclusive()) {
                    error = Inconclusive.PREFIX + " " + explain(plant.status().reason());
                    outcome = VerdictLedger.ScenarioOutcome.INCONCLUSIVE;
                }
            } else {
                // a scenario that asserts nothing proves nothing: never green
                error = "the scenario registered no requirement assertion (no Then step of the step library)";
                outcome = VerdictLedger.ScenarioOutcome.FAILED;
            }
            if (plant != null) {
                writeTrace(scenario, requirement, judgedTrace != null && error == null && !verdicts.isEmpty());
                run.put("timing", timing());
            }
            Path report = session != null ? session.options().reportDir() : BenchOptions.current().reportDir();
            long plantMs = plant == null ? 0 : plant.plantTimeMs();
            VerdictLedger.add(new VerdictLedger.ScenarioRecord(scenario.getName(), requirement, scenario.getUri() + ":" + scenario.getLine(),
                    outcome, plantMs, (System.nanoTime() - wallStartNs) / 1_000_000, verdicts, error, run), report);
        } finally {
            if (session != null) session.endScenario(plant);
        }
        AssertionError failure = AssertionBook.failure(verdicts);
        if (failure != null) throw failure;
        if (error != null && plant != null && !scenario.isFailed() && scenario.getStatus() == io.cucumber.java.Status.PASSED) throw new AssertionError(error);
    }

    private List<Verdict> judge() {
        if (book.isEmpty()) return List.of();
        // the row at a window's end is in the trace once the plant has stepped past it
        long end = Math.max(book.windowEndMs(), plant.plantTimeMs()) + plant.emulator().config().stepMs();
        try {
            plant.runUntil(end, "the windows of " + book.assertions().stream().map(a -> a.id()).collect(Collectors.joining(", ")));
        } catch (Inconclusive e) {
            return book.inconclusive(explain(e.getMessage().substring(Inconclusive.PREFIX.length()).trim()));
        }
        RunStatus s = plant.status();
        if (s.inconclusive()) return book.inconclusive(explain(s.reason()));
        String late = latenessOverLimit(plant.emulator());
        if (late != null) return book.inconclusive(late);
        judgedTrace = io.hilbench.scenario.judge.JudgedTrace.recording(plant.trace());
        return book.evaluate(judgedTrace);
    }

    /**
     * Real time (DESIGN §4, §8): a run whose p99 step lateness exceeds the rig's limit is inconclusive, not passed —
     * the controller saw a plant slower than the real one. Judged on the timing log of this scenario's run up to now
     * (the emulator makes the same judgement when the run stops, which is after the verdicts). Null when within it.
     */
    static String latenessOverLimit(io.hilbench.runtime.Emulator emulator) {
        if (emulator.config().pacing().kind() != io.hilbench.runtime.Pacing.Kind.REALTIME) return null;
        var late = emulator.timingLog().lateness();
        long limit = emulator.config().latenessP99LimitNs();
        if (late.count() == 0 || late.p99Ns() <= limit) return null;
        return String.format(Locale.ROOT, "p99 step lateness %.3f ms over the rig's limit %.3f ms (realtime.lateness_p99_limit_ms; %s)",
                late.p99Ns() / 1e6, limit / 1e6, late);
    }

    /** Wall-time figures of the run (timing log, never the trace): the lockstep round trip per step. */
    private Map<String, Object> timing() {
        var t = plant.emulator().timingLog();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", t.size());
        m.put("ackRoundTrip", t.ackRoundTrip().toString());
        m.put("plantCompute", t.compute().toString());
        var late = t.lateness();
        Map<String, Object> lateness = new LinkedHashMap<>();
        lateness.put("count", late.count());
        lateness.put("p50Ms", late.p50Ns() / 1e6);
        lateness.put("p99Ms", late.p99Ns() / 1e6);
        lateness.put("maxMs", late.maxNs() / 1e6);
        m.put("lateness", lateness);
        if (t.size() > 1) {
            double wallPerStepMs = (t.wallNs(t.size() - 1) - t.wallNs(0)) / 1e6 / (t.size() - 1);
            m.put("wallPerStepMs", Math.round(wallPerStepMs * 1000) / 1000.0);
        }
        return m;
    }

    private void writeTrace(Scenario scenario, String requirement, boolean judgedOnTrace) {
        try {
            Path dir = session.options().reportDir().resolve(io.hilbench.runtime.TraceNames.FOLDER);
            Files.createDirectories(dir);
            String corner = session.options().corner();
            String slug = io.hilbench.runtime.TraceNames.stem(requirement, scenario.getName(), corner); // the report finds it by the same rule
            plant.emulator().recorder().writeCsv(dir.resolve(slug + ".csv"), 1000);
            // the columns the judge read, at every step, and the recipe to rebuild its assertions (bench verify-evidence
            // --rejudge), in their own folder so that traces/*.csv stays the recorder's format
            Path judged = session.options().reportDir().resolve(Replay.FOLDER);
            Files.createDirectories(judged);
            if (judgedOnTrace) judgedTrace.write(judged.resolve(slug + Replay.TRACE_SUFFIX));
            Replay.write(judged.resolve(slug + Replay.SUFFIX), new Replay.Recipe(scenario.getName(), scenario.getUri() + ":" + scenario.getLine(), requirement,
                    judgedOnTrace, slug + Replay.TRACE_SUFFIX, timeline.entries(), registrations, corner, cornerOverrides(corner)));
        } catch (IOException e) {
            // disk full or the folder unwritable: the run's evidence is incomplete, so the run claims nothing (exit 2)
            log.warn("trace not written: {}", e.toString());
            VerdictLedger.reportWriteFailed(session.options().reportDir(), e);
        }
    }

    /** The corner's overrides as KEY=VALUE, as rig.yaml defines them (the replay recipe records them; the re-judge compares). */
    private java.util.List<String> cornerOverrides(String corner) {
        return session.rig().corner(corner).map(io.hilbench.rig.Corner::recorded).orElse(java.util.List.of());
    }

    @Override
    public void dispose() {
        if (session != null && plant != null && !finished) session.endScenario(plant);
    }

    /** The reason with the controller child's death added when it died (BenchSession#explain). */
    private String explain(String reason) {
        return session == null ? reason : session.explain(reason);
    }
}
