package io.hilbench.scenario.judge;

import java.util.Map;

/**
 * The verdict on one assertion (DESIGN §8): its id ({@code SU-01.flow-proof}), the outcome, the limits it was
 * judged with (from requirements.yaml), a message naming what was expected, what was found and when (plant time), and
 * those three as fields ({@code expected}, {@code actual}, {@code plantTimeMs}, each null where unknown) for
 * verdicts.json.
 */
public record Verdict(String id, Outcome outcome, Map<String, Double> limits, String message, String expected, String actual, Long plantTimeMs) {
    /**
     * PASSED, FAILED (the controller did not meet the requirement), INCONCLUSIVE (the trace cannot decide) and ERROR
     * (the bench's own check threw: a bug of the bench, never a verdict on the controller). Neither of the last two is
     * ever green, nor counted as failed.
     */
    public enum Outcome {
        PASSED, FAILED, INCONCLUSIVE, ERROR;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public Verdict {
        limits = Map.copyOf(limits);
    }

    /** A verdict from a message alone: expected, actual and plant time parsed from it (as {@link Judgement} does). */
    public Verdict(String id, Outcome outcome, Map<String, Double> limits, String message) {
        this(id, limits, new Judgement(outcome, message));
    }

    /** The verdict on {@code id} that a judgement reached, with its fields. */
    public Verdict(String id, Map<String, Double> limits, Judgement j) {
        this(id, j.outcome(), limits, j.message(), j.expected(), j.actual(), j.plantTimeMs());
    }

    public boolean passed() { return outcome == Outcome.PASSED; }
}
