package io.hilbench.scenario.judge;

import java.util.Map;

/**
 * The verdict on one assertion (DESIGN §8): its id ({@code SU-01.flow-proof}), the outcome, the limits it was
 * judged with (from requirements.yaml) and a message naming what was expected, what was found and when (plant time).
 */
public record Verdict(String id, Outcome outcome, Map<String, Double> limits, String message) {
    public enum Outcome {
        PASSED, FAILED, INCONCLUSIVE;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public Verdict {
        limits = Map.copyOf(limits);
    }

    public boolean passed() { return outcome == Outcome.PASSED; }
}
