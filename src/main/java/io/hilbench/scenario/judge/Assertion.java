package io.hilbench.scenario.judge;

import java.util.Map;
import java.util.function.Function;

/**
 * One requirement assertion registered by a {@code Then} step, judged on the whole trace at the end of the scenario.
 *
 * @param id          {@code SU-01.flow-proof}
 * @param limits      the limits it uses, by their requirements.yaml key
 * @param windowEndMs plant time (from the start of the run) the trace must reach for the check to decide
 * @param check       the check itself
 */
public record Assertion(String id, Map<String, Double> limits, long windowEndMs, Function<TraceView, Judgement> check) {
    public Assertion {
        limits = Map.copyOf(limits);
    }

    public Verdict judge(TraceView trace) {
        Judgement j;
        try {
            j = check.apply(trace);
        } catch (RuntimeException e) {
            // a check that throws is a bug of the bench, not a verdict on the controller: ERROR, never FAILED (a FAILED
            // here would count as a self-test catch and as a deviation in the handover)
            j = Judgement.error(e);
        }
        if (j == null) j = Judgement.error(new IllegalStateException("the check of " + id + " returned no judgement"));
        return new Verdict(id, limits, j);
    }
}
