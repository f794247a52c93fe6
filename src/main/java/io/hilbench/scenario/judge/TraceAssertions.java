package io.hilbench.scenario.judge;

import io.hilbench.Units;

import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import static io.hilbench.scenario.Quantities.plantTime;

/**
 * The reusable trace assertions of the step library, in plant time (DESIGN §4, §8): "within", "for at least",
 * "never exceeds" / "never reaches", "stays between", "at most N times per hour", "before", "after". Pure functions of
 * a {@link TraceView}; every requirement's checks are built from them. A failure names what was expected, what the
 * trace shows and when (plant time and step); a window the trace does not cover is inconclusive, never passed.
 *
 * <p>Windows are closed: {@code [fromMs, untilMs]}; {@link #END} as {@code untilMs} means "to the end of the trace".
 */
public final class TraceAssertions {
    /** "Until the end of the trace". */
    public static final long END = Long.MAX_VALUE;

    private TraceAssertions() {}

    /**
     * A condition on a trace row, described in plant language ("PT-202 <= 125.0 bar"), with the actual values of a
     * row for the failure message ("PT-202 127.31 bar").
     */
    public record Condition(String description, IntPredicate holds, IntFunction<String> actual) {
        public boolean test(int row) { return holds.test(row); }

        public Condition negate(String negatedDescription) {
            return new Condition(negatedDescription, holds.negate(), actual);
        }

        public Condition and(Condition o) {
            return new Condition(description + " and " + o.description, r -> holds.test(r) && o.holds.test(r),
                    r -> actual.apply(r) + ", " + o.actual.apply(r));
        }
    }

    // ------------------------------------------------------------------ formatting

    public static final DoubleFunction<String> BAR = pa -> String.format(Locale.ROOT, "%.2f bar", Units.paToBar(pa));
    public static final DoubleFunction<String> DEG_C = k -> String.format(Locale.ROOT, "%.2f °C", Units.kToDegC(k));
    public static final DoubleFunction<String> HZ = hz -> String.format(Locale.ROOT, "%.1f Hz", hz);

    /** "at plant time 0:12:30.0 (step 7500)". */
    public static String at(TraceView t, int row) {
        return "at plant time " + plantTime(t.plantTimesMs()[row]) + " (step " + row + ")";
    }

    static String window(long fromMs, long untilMs) {
        return "from " + plantTime(fromMs) + (untilMs == END ? " to the end of the run" : " to " + plantTime(untilMs));
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** Index of the first row in {@code [fromMs, untilMs]} where {@code p} holds, or -1. */
    public static int firstRow(TraceView t, IntPredicate p, long fromMs, long untilMs) {
        long[] time = t.plantTimesMs();
        for (int r = t.rowAtOrAfter(fromMs); r < t.size() && time[r] <= untilMs; r++) {
            if (p.test(r)) return r;
        }
        return -1;
    }

    // ------------------------------------------------------------------ the assertions

    /** "within": {@code c} holds at some row within {@code withinMs} of {@code fromMs}. */
    public static Judgement within(TraceView t, Condition c, long fromMs, long withinMs) {
        long deadline = fromMs + withinMs;
        String expected = String.format(Locale.ROOT, "%s within %s of %s (by %s)", c.description(), seconds(withinMs), plantTime(fromMs), plantTime(deadline));
        int r = firstRow(t, c.holds(), fromMs, deadline);
        if (r >= 0) {
            return Judgement.pass(String.format(Locale.ROOT, "%s %s (%s), %s after %s, within %s",
                    c.description(), at(t, r), c.actual().apply(r), seconds(t.plantTimesMs()[r] - fromMs), plantTime(fromMs), seconds(withinMs)))
                    .with(expected, c.actual().apply(r) + " " + at(t, r) + ", " + seconds(t.plantTimesMs()[r] - fromMs) + " after " + plantTime(fromMs), t.plantTimesMs()[r]);
        }
        if (t.endMs() < deadline) {
            return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the deadline " + plantTime(deadline) + " for " + c.description())
                    .with(expected, "the trace ends at " + plantTime(t.endMs()) + ", before the deadline", t.endMs());
        }
        int last = Math.min(t.size() - 1, t.rowAtOrAfter(deadline));
        return Judgement.fail(String.format(Locale.ROOT, "expected %s; actual: not by the deadline, %s %s", expected, c.actual().apply(last), at(t, last)))
                .with(expected, "not by the deadline, " + c.actual().apply(last) + " " + at(t, last), t.plantTimesMs()[last]);
    }

    /** "for at least": {@code c} holds at every row from {@code fromMs} for {@code durationMs}. */
    public static Judgement forAtLeast(TraceView t, Condition c, long fromMs, long durationMs) {
        long until = fromMs + durationMs;
        String expected = c.description() + " for at least " + seconds(durationMs) + " from " + plantTime(fromMs);
        int bad = firstRow(t, c.holds().negate(), fromMs, until);
        if (bad >= 0) {
            String actual = String.format(Locale.ROOT, "%s %s, %s after it began", c.actual().apply(bad), at(t, bad), seconds(t.plantTimesMs()[bad] - fromMs));
            return Judgement.fail("expected " + expected + "; actual: " + actual).with(expected, actual, t.plantTimesMs()[bad]);
        }
        if (t.endMs() < until) {
            return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before " + c.description() + " could be seen for " + seconds(durationMs)
                    + " from " + plantTime(fromMs)).with(expected, "the trace ends at " + plantTime(t.endMs()), t.endMs());
        }
        return Judgement.pass(c.description() + " for at least " + seconds(durationMs) + " " + window(fromMs, until))
                .with(expected, c.description() + " " + window(fromMs, until), until);
    }

    /** "never": {@code bad} holds at no row of {@code [fromMs, untilMs]}. */
    public static Judgement never(TraceView t, Condition bad, long fromMs, long untilMs) {
        String expected = "never " + bad.description() + " " + window(fromMs, untilMs);
        int r = firstRow(t, bad.holds(), fromMs, untilMs);
        if (r >= 0) {
            String actual = bad.actual().apply(r) + " " + at(t, r);
            return Judgement.fail("expected " + expected + "; actual: " + actual).with(expected, actual, t.plantTimesMs()[r]);
        }
        if (untilMs != END && t.endMs() < untilMs) {
            return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the window " + window(fromMs, untilMs) + " ends")
                    .with(expected, "the trace ends at " + plantTime(t.endMs()), t.endMs());
        }
        if (t.size() == 0 || t.rowAtOrAfter(fromMs) >= t.size()) {
            return Judgement.inconclusive("the trace has no row " + window(fromMs, untilMs)).with(expected, "no row in the window", null);
        }
        long end = Math.min(untilMs, t.endMs());
        return Judgement.pass("never " + bad.description() + " " + window(fromMs, end)).with(expected, "not once " + window(fromMs, end), end);
    }

    /** "never reaches": {@code v < limit} at every row of the window (a value at the limit fails). */
    public static Judgement neverReaches(TraceView t, String tag, double[] v, double limit, DoubleFunction<String> fmt, long fromMs, long untilMs) {
        return peak(t, tag, v, fmt, fromMs, untilMs,
                never(t, new Condition(tag + " >= " + fmt.apply(limit), r -> v[r] >= limit, r -> tag + " " + fmt.apply(v[r])), fromMs, untilMs));
    }

    /** "never exceeds": {@code v <= limit} at every row of the window. */
    public static Judgement neverExceeds(TraceView t, String tag, double[] v, double limit, DoubleFunction<String> fmt, long fromMs, long untilMs) {
        return peak(t, tag, v, fmt, fromMs, untilMs,
                never(t, new Condition(tag + " > " + fmt.apply(limit), r -> v[r] > limit, r -> tag + " " + fmt.apply(v[r])), fromMs, untilMs));
    }

    /** "stays between": {@code lo <= v <= hi} at every row of the window. */
    public static Judgement staysBetween(TraceView t, String tag, double[] v, double lo, double hi, DoubleFunction<String> fmt, long fromMs, long untilMs) {
        Condition outside = new Condition(tag + " outside [" + fmt.apply(lo) + ", " + fmt.apply(hi) + "]", r -> v[r] < lo || v[r] > hi,
                r -> tag + " " + fmt.apply(v[r]));
        return never(t, outside, fromMs, untilMs);
    }

    /** A passing "never" gets the peak and its time added (the report shows the margin). */
    private static Judgement peak(TraceView t, String tag, double[] v, DoubleFunction<String> fmt, long fromMs, long untilMs, Judgement j) {
        if (j.outcome() != Verdict.Outcome.PASSED) return j;
        long[] time = t.plantTimesMs();
        int peak = -1;
        for (int r = t.rowAtOrAfter(fromMs); r < t.size() && time[r] <= untilMs; r++) if (peak < 0 || v[r] > v[peak]) peak = r;
        if (peak < 0) return j;
        String p = "peak " + tag + " " + fmt.apply(v[peak]) + " " + at(t, peak);
        return j.withMessage(j.message() + "; " + p).with(j.expected(), j.actual() + "; " + p, j.plantTimeMs());
    }

    /**
     * "at most N times per hour": in every hour of plant time (a sliding window starting at each event), at most
     * {@code max} of the events.
     */
    public static Judgement atMostPerHour(TraceView t, String what, long[] eventsMs, int max) {
        long hour = 3_600_000L;
        int worst = 0;
        int worstFrom = 0;
        for (int i = 0; i < eventsMs.length; i++) {
            int k = i;
            while (k < eventsMs.length && eventsMs[k] < eventsMs[i] + hour) k++;
            if (k - i > worst) {
                worst = k - i;
                worstFrom = i;
            }
        }
        String expected = String.format(Locale.ROOT, "at most %d %s in any hour", max, what);
        if (worst > max) {
            String actual = String.format(Locale.ROOT, "%d from plant time %s to %s", worst, plantTime(eventsMs[worstFrom]), plantTime(eventsMs[worstFrom + worst - 1]));
            return Judgement.fail("expected " + expected + "; actual: " + actual).with(expected, actual, eventsMs[worstFrom + worst - 1]);
        }
        long end = Math.max(0, t.endMs());
        return Judgement.pass(String.format(Locale.ROOT, "at most %d %s in any hour (max %d in an hour, %d in all, over %s of plant time)",
                max, what, worst, eventsMs.length, plantTime(end)))
                .with(expected, String.format(Locale.ROOT, "max %d in an hour, %d in all", worst, eventsMs.length), end);
    }

    /**
     * "before": from {@code fromMs}, {@code first} holds at or before the first row where {@code then} holds (or
     * {@code then} never holds).
     */
    public static Judgement before(TraceView t, Condition first, Condition then, long fromMs) {
        String expected = first.description() + " before " + then.description();
        int a = firstRow(t, first.holds(), fromMs, END);
        int b = firstRow(t, then.holds(), fromMs, END);
        if (b < 0) {
            String actual = "never " + then.description() + " from " + plantTime(fromMs);
            return Judgement.pass(actual + " (nothing to order)").with(expected, actual, t.size() == 0 ? null : t.endMs());
        }
        if (a >= 0 && a <= b) {
            String actual = first.description() + " " + at(t, a) + ", before " + then.description() + " " + at(t, b);
            return Judgement.pass(actual).with(expected, actual, t.plantTimesMs()[b]);
        }
        String actual = String.format(Locale.ROOT, "%s %s (%s) while %s %s", then.description(), at(t, b), then.actual().apply(b),
                a < 0 ? "never " + first.description() : first.description() + " only " + at(t, a), first.actual().apply(b));
        return Judgement.fail("expected " + expected + "; actual: " + actual).with(expected, actual, t.plantTimesMs()[b]);
    }

    /**
     * "after": {@code c} holds at no row from {@code fromMs} until {@code minDelayMs} after {@code referenceMs}
     * (it may hold only after that).
     */
    public static Judgement after(TraceView t, Condition c, long fromMs, long referenceMs, long minDelayMs) {
        long earliest = referenceMs + minDelayMs;
        String expected = String.format(Locale.ROOT, "%s only %s or more after %s (not before %s)", c.description(), seconds(minDelayMs), plantTime(referenceMs),
                plantTime(earliest));
        int r = firstRow(t, c.holds(), fromMs, earliest - 1);
        if (r >= 0) {
            String actual = String.format(Locale.ROOT, "%s %s, %s after it", c.actual().apply(r), at(t, r), seconds(t.plantTimesMs()[r] - referenceMs));
            return Judgement.fail("expected " + expected + "; actual: " + actual).with(expected, actual, t.plantTimesMs()[r]);
        }
        return Judgement.pass("no " + c.description() + " before " + plantTime(earliest) + " (" + seconds(minDelayMs) + " after " + plantTime(referenceMs) + ")")
                .with(expected, "no " + c.description() + " before " + plantTime(earliest), t.size() == 0 ? null : Math.min(earliest, t.endMs()));
    }
}
