package io.hilbench.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code bench run} has planned, is running and has judged, for the live console's run view (issue #16 item
 * 6): the selected scenarios in order, the one running with its wall start, and each finished one with its outcome
 * and verdicts (from {@link VerdictLedger}). Fed by the scenario runner's launcher listener; read by the console.
 * One run per JVM at a time, as the ledger.
 */
public final class RunBoard {
    /** A finished scenario. */
    public record Finished(String name, String requirement, String outcome, long plantMs, long wallMs, List<String> verdicts) {
        public Finished {
            verdicts = List.copyOf(verdicts);
        }
    }

    /** A Gherkin step of the running scenario: its line in the feature file, keyword, text and Cucumber status so far. */
    public record StepLine(int line, String keyword, String text, String status) {}

    /** An assertion the running scenario registered: its id, its limits (requirements.yaml) and the end of its window. */
    public record Registered(String id, java.util.Map<String, Double> limits, long windowEndMs) {
        public Registered {
            limits = java.util.Map.copyOf(limits);
        }
    }

    /** A supply set-point the running scenario gave the controller, from its plant time on (K). */
    public record Setpoint(long plantTimeMs, double kelvin) {}

    /** One consistent view. */
    public record View(List<String> planned, String current, long currentWallStartMs, List<Finished> finished,
                       String feature, List<StepLine> steps, int currentStep, List<Registered> assertions,
                       List<Setpoint> setpoints) {
        public View {
            planned = List.copyOf(planned);
            finished = List.copyOf(finished);
            steps = List.copyOf(steps);
            assertions = List.copyOf(assertions);
            setpoints = List.copyOf(setpoints);
        }
    }

    private static final List<Setpoint> SETPOINTS = new ArrayList<>();

    /**
     * The running scenario gave the controller a supply set-point: the console draws the requirement's supply bands
     * around it (as the report's plots do around the set-point the verdict names).
     */
    static synchronized void setpoint(long plantTimeMs, double kelvin) {
        SETPOINTS.add(new Setpoint(plantTimeMs, kelvin));
    }

    private static final List<StepLine> STEPS = new ArrayList<>();
    private static final List<Registered> ASSERTIONS = new ArrayList<>();
    private static String feature = "";
    private static int currentStep = -1;

    /** The scenario Cucumber starts: its feature file and steps (the plugin {@link RunBoardPlugin}). */
    static synchronized void scenarioSteps(String featureUri, List<StepLine> steps) {
        feature = featureUri;
        STEPS.clear();
        STEPS.addAll(steps);
        ASSERTIONS.clear();
        SETPOINTS.clear();
        currentStep = -1;
    }

    /** Step {@code index} of the running scenario starts. */
    static synchronized void stepStarted(int index) {
        currentStep = index;
        if (index >= 0 && index < STEPS.size()) {
            StepLine s = STEPS.get(index);
            STEPS.set(index, new StepLine(s.line(), s.keyword(), s.text(), "running"));
        }
    }

    /** Step {@code index} finished with Cucumber's status (passed, failed, skipped, …). */
    static synchronized void stepFinished(int index, String status) {
        if (index >= 0 && index < STEPS.size()) {
            StepLine s = STEPS.get(index);
            STEPS.set(index, new StepLine(s.line(), s.keyword(), s.text(), status));
        }
    }

    /** The running scenario registered an assertion (judged when the scenario ends; its verdict is in {@link Finished}). */
    static synchronized void registered(String id, java.util.Map<String, Double> limits, long windowEndMs) {
        ASSERTIONS.add(new Registered(id, limits, windowEndMs));
    }

    private static final List<String> PLANNED = new ArrayList<>();
    private static final List<Finished> FINISHED = new ArrayList<>();
    private static String current;
    private static long currentWallStartMs;

    private RunBoard() {}

    static synchronized void clear() {
        PLANNED.clear();
        FINISHED.clear();
        STEPS.clear();
        ASSERTIONS.clear();
        SETPOINTS.clear();
        feature = "";
        currentStep = -1;
        current = null;
    }

    static synchronized void plan(List<String> names) {
        PLANNED.clear();
        PLANNED.addAll(names);
    }

    static synchronized void started(String name) {
        current = name;
        currentWallStartMs = System.currentTimeMillis();
        if (!PLANNED.contains(name)) PLANNED.add(name);
    }

    static synchronized void finished(String name, VerdictLedger.ScenarioRecord rec, String outcome) {
        List<String> verdicts = new ArrayList<>();
        if (rec != null) {
            for (var v : rec.verdicts()) {
                verdicts.add(v.id() + ": " + v.outcome().name().toLowerCase(java.util.Locale.ROOT)
                        + (v.message() == null || v.message().isEmpty() ? "" : " (" + v.message() + ")"));
            }
        }
        FINISHED.add(new Finished(name, rec == null ? "" : rec.requirement(), outcome, rec == null ? 0 : rec.plantMs(),
                rec == null ? 0 : rec.wallMs(), verdicts));
        if (name.equals(current)) current = null;
    }

    public static synchronized View view() {
        return new View(PLANNED, current, currentWallStartMs, FINISHED, feature, STEPS, currentStep, ASSERTIONS, SETPOINTS);
    }
}
