package io.hilbench.scenario.judge;

/** What one check found on a trace: the outcome and a message with expected, actual and plant time. */
public record Judgement(Verdict.Outcome outcome, String message) {
    public static Judgement pass(String message) { return new Judgement(Verdict.Outcome.PASSED, message); }

    public static Judgement fail(String message) { return new Judgement(Verdict.Outcome.FAILED, message); }

    /** The trace cannot decide (it ends before the assertion's window does). */
    public static Judgement inconclusive(String message) { return new Judgement(Verdict.Outcome.INCONCLUSIVE, message); }
}
