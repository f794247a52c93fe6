package io.hilbench.scenario.judge;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one check found on a trace: the outcome, a message with expected, actual and plant time, and the same three as
 * fields ({@code expected}, {@code actual}, {@code plantTimeMs}; null where the check names none), so verdicts.json
 * and the reports carry them as data rather than prose a reader has to parse (issue #14 item 7).
 *
 * <p>The reusable helpers of {@link TraceAssertions} fill the fields explicitly. A Judgement built from a message alone
 * (the factories below, and the requirement checks that wrap a helper's message) gets them parsed here, in one place,
 * from the form every failure message has: {@code "expected X; actual: Y ... at plant time H:MM:SS.s (step N) ..."}.
 */
public record Judgement(Verdict.Outcome outcome, String message, String expected, String actual, Long plantTimeMs) {
    private static final Pattern EXPECTED = Pattern.compile("expected (.*?); actual: (.*)", Pattern.DOTALL);
    private static final Pattern AT = Pattern.compile("at plant time (\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");

    /** A message alone: expected, actual and plant time parsed from it ({@link #parse}). */
    public Judgement(Verdict.Outcome outcome, String message) {
        this(outcome, message, Parsed.of(message));
    }

    private Judgement(Verdict.Outcome outcome, String message, Parsed p) {
        this(outcome, message, p.expected(), p.actual(), p.plantTimeMs());
    }

    public static Judgement pass(String message) { return new Judgement(Verdict.Outcome.PASSED, message); }

    public static Judgement fail(String message) { return new Judgement(Verdict.Outcome.FAILED, message); }

    /** The trace cannot decide (it ends before the assertion's window does). */
    public static Judgement inconclusive(String message) { return new Judgement(Verdict.Outcome.INCONCLUSIVE, message); }

    /**
     * The check itself threw: an error of the bench, never a verdict on the controller (not a failure, so never a
     * self-test catch). The message names the exception.
     */
    public static Judgement error(Throwable t) {
        return new Judgement(Verdict.Outcome.ERROR, "the check threw " + t, null, null, null);
    }

    /** The same judgement with the fields given explicitly (the helpers of {@link TraceAssertions} know them). */
    public Judgement with(String expected, String actual, Long plantTimeMs) {
        return new Judgement(outcome, message, expected, actual, plantTimeMs);
    }

    /** The same judgement with another message (a check adding context) and the fields kept. */
    public Judgement withMessage(String newMessage) {
        return new Judgement(outcome, newMessage, expected, actual, plantTimeMs);
    }

    /** Expected, actual and plant time as parsed from a message; fields the message does not have are null. */
    record Parsed(String expected, String actual, Long plantTimeMs) {
        static Parsed of(String message) {
            if (message == null) return new Parsed(null, null, null);
            Matcher m = EXPECTED.matcher(message);
            String expected = null, actual = null;
            if (m.find()) {
                expected = m.group(1).strip();
                actual = m.group(2).strip();
            }
            // the instant of the verdict: the first "at plant time" of what was found (the whole message when it does not
            // say what was expected, as a passed "within" does)
            return new Parsed(expected, actual, parsePlantTimeMs(actual != null ? actual : message));
        }
    }

    /** The first "at plant time H:MM:SS.s" of the text, in ms, or null. */
    static Long parsePlantTimeMs(String text) {
        Matcher at = AT.matcher(text);
        if (!at.find()) return null;
        return Long.parseLong(at.group(1)) * 3_600_000 + Long.parseLong(at.group(2)) * 60_000 + Math.round(Double.parseDouble(at.group(3)) * 1000);
    }
}
