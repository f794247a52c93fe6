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
    private Long stimulusMs;
    private Quantity supplySetpoint;
    private long wallStartNs;
    private boolean finished;

    public void begin(Scenario scenario) throws Exception {
        wallStartNs = System.nanoTime();
        session = BenchSession.obtain(BenchOptions.current());
        plant = session.beginScenario();
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
    }

    /** Start command; its plant time is the stimulus the requirement windows count from. */
    public void startHeatPump() throws Exception {
        controller().start();
        stimulusMs = plant().plantTimeMs();
    }

    /** Requires the controller state (read through the rig's state table); anything else: inconclusive. */
    public void requireControllerState(ControllerState expected) throws Exception {
        ControllerState[] s = new ControllerState[1];
        plant().between(() -> s[0] = controller().state().orElse(null));
        if (s[0] != expected) {
            throw new Inconclusive("precondition: the controller should read " + expected.label() + ", reads " + (s[0] == null ? "a value not in the rig's state table" : s[0].label()));
        }
    }

    /** SU-01's assertions, relative to this scenario's start command and set-point. */
    public StartupRequirement startup() {
        if (stimulusMs == null) throw new IllegalStateException("SU-01 assertions need a start command in the scenario ('the operator starts the heat pump')");
        if (supplySetpoint == null) throw new IllegalStateException("SU-01 assertions need a supply set-point in the scenario");
        return new StartupRequirement(requirements(), book, session.signals(), stimulusMs, supplySetpoint.toSi());
    }

    // ------------------------------------------------------------------ judging

    public void finish(Scenario scenario) throws Exception {
        if (finished) return;
        finished = true;
        String requirement = scenario.getSourceTagNames().stream().map(REQUIREMENT_TAG::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> m.group(1)).findFirst().orElse("");
        Map<String, Object> run = new LinkedHashMap<>();
        if (session != null) {
            run.put("controller", session.options().controller().label() + (session.options().variant() == null ? "" : " variant " + session.options().variant()));
            run.put("identitySelfDeclared", session.identity());
            run.put("pacing", session.options().pacing().toString());
            run.put("seed", session.options().seed() != null ? session.options().seed() : session.rig().seed());
            run.put("rig", session.rig().name());
        }
        List<Verdict> verdicts = List.of();
        String error = null;
        VerdictLedger.ScenarioOutcome outcome;
        try {
            if (plant == null || scenario.isFailed()) {
                error = "a step failed before the assertions were judged (" + scenario.getStatus() + "); see the Cucumber report";
                outcome = VerdictLedger.ScenarioOutcome.FAILED;
                if (plant != null && plant.status().inconclusive()) {
                    error = Inconclusive.PREFIX + " " + plant.status().reason();
                    outcome = VerdictLedger.ScenarioOutcome.INCONCLUSIVE;
                }
            } else {
                verdicts = judge();
                outcome = verdicts.stream().anyMatch(v -> v.outcome() == Verdict.Outcome.FAILED) ? VerdictLedger.ScenarioOutcome.FAILED
                        : verdicts.stream().anyMatch(v -> v.outcome() == Verdict.Outcome.INCONCLUSIVE) ? VerdictLedger.ScenarioOutcome.INCONCLUSIVE
                        : VerdictLedger.ScenarioOutcome.PASSED;
                for (Verdict v : verdicts) scenario.log(v.id() + " " + v.outcome().label() + " " + new java.util.TreeMap<>(v.limits()) + ": " + v.message());
            }
            if (plant != null) {
                writeTrace(scenario, requirement);
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
    }

    private List<Verdict> judge() {
        if (book.isEmpty()) return List.of();
        // the row at a window's end is in the trace once the plant has stepped past it
        long end = Math.max(book.windowEndMs(), plant.plantTimeMs()) + plant.emulator().config().stepMs();
        try {
            plant.runUntil(end, "the windows of " + book.assertions().stream().map(a -> a.id()).collect(Collectors.joining(", ")));
        } catch (Inconclusive e) {
            return book.inconclusive(e.getMessage().substring(Inconclusive.PREFIX.length()).trim());
        }
        RunStatus s = plant.status();
        if (s.inconclusive()) return book.inconclusive(s.reason());
        return book.evaluate(plant.trace());
    }

    /** Wall-time figures of the run (timing log, never the trace): the lockstep round trip per step. */
    private Map<String, Object> timing() {
        var t = plant.emulator().timingLog();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", t.size());
        m.put("ackRoundTrip", t.ackRoundTrip().toString());
        m.put("plantCompute", t.compute().toString());
        if (t.size() > 1) {
            double wallPerStepMs = (t.wallNs(t.size() - 1) - t.wallNs(0)) / 1e6 / (t.size() - 1);
            m.put("wallPerStepMs", Math.round(wallPerStepMs * 1000) / 1000.0);
        }
        return m;
    }

    private void writeTrace(Scenario scenario, String requirement) {
        try {
            Path dir = session.options().reportDir().resolve("traces");
            Files.createDirectories(dir);
            String slug = (requirement.isEmpty() ? "" : requirement + "-") + scenario.getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
            if (slug.length() > 80) slug = slug.substring(0, 80);
            plant.emulator().recorder().writeCsv(dir.resolve(slug + ".csv"), 1000);
        } catch (IOException e) {
            log.warn("trace not written: {}", e.toString());
        }
    }

    @Override
    public void dispose() {
        if (session != null && plant != null && !finished) session.endScenario(plant);
    }
}
