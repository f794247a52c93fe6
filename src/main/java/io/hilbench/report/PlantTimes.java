package io.hilbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plant times as the verdict messages print them ({@code 0:03:34.6}: hours, minutes, seconds). */
public final class PlantTimes {
    private static final Pattern TIME = Pattern.compile("(?<![\\d:])(\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)(?![\\d:])");
    private static final Pattern AT = Pattern.compile("at plant time (\\d+:\\d{2}:\\d{2}(?:\\.\\d+)?)");
    private static final Pattern FROM_TO = Pattern.compile("from (\\d+:\\d{2}:\\d{2}(?:\\.\\d+)?) to (the end of the run|\\d+:\\d{2}:\\d{2}(?:\\.\\d+)?)");

    private PlantTimes() {}

    /** Every plant time in the text, in ms, in order. */
    public static List<Long> all(String text) {
        List<Long> out = new ArrayList<>();
        if (text == null) return out;
        Matcher m = TIME.matcher(text);
        while (m.find()) out.add(toMs(m.group(1), m.group(2), m.group(3)));
        return out;
    }

    /**
     * The instant a verdict was reached, from its message: the first "at plant time T" (where the condition was met
     * or broken), else the last plant time the message names (the end of the window judged); -1 when none.
     */
    public static long verdictInstantMs(String message) {
        if (message == null) return -1;
        Matcher at = AT.matcher(message);
        if (at.find()) return all(at.group(1)).get(0);
        List<Long> times = all(message);
        return times.isEmpty() ? -1 : times.get(times.size() - 1);
    }

    /** The stimulus a "within" limit counts from: the plant time after the word "after" in the message, or -1. */
    public static long stimulusMs(String message) {
        if (message == null) return -1;
        int i = message.indexOf(" after ");
        while (i >= 0) {
            Matcher m = TIME.matcher(message);
            if (m.find(i) && m.start() <= i + 8) return toMs(m.group(1), m.group(2), m.group(3));
            i = message.indexOf(" after ", i + 1);
        }
        return -1;
    }

    private static final Pattern AFTER_WITHIN = Pattern.compile(
            "(\\d+(?:\\.\\d+)?) s after (\\d+:\\d{2}:\\d{2}(?:\\.\\d+)?), within (\\d+(?:\\.\\d+)?) s");
    private static final Pattern WITHIN_OF_BY = Pattern.compile(
            "within (\\d+(?:\\.\\d+)?) s of (\\d+:\\d{2}:\\d{2}(?:\\.\\d+)?) \\(by (\\d+:\\d{2}:\\d{2}(?:\\.\\d+)?)\\)");

    /**
     * The deadline a "within" check judged against, as the judge wrote it (TraceAssertions.within): "N s after T,
     * within W s" (passed) → T + W; "within W s of T (by D)" (failed or inconclusive) → D; -1 when the message states
     * neither. This is where the judge put the deadline, whatever limits it added up (DF-03.alarm counts
     * defrost_max_min + alarm_within_min from the defrost's start: a plot that added only the {@code _within_min} key
     * to the stimulus drew it 20 min early, issue #16 item 10).
     */
    public static long judgedDeadlineMs(String message) {
        if (message == null) return -1;
        Matcher m = AFTER_WITHIN.matcher(message);
        if (m.find()) return all(m.group(2)).get(0) + Math.round(Double.parseDouble(m.group(3)) * 1000);
        Matcher b = WITHIN_OF_BY.matcher(message);
        if (b.find()) return all(b.group(3)).get(0);
        return -1;
    }

    /**
     * The instant a passed "within" check was met, as the judge wrote it: "N s after T, within …" → T + N; -1 when the
     * message does not say it that way.
     */
    public static long judgedWithinInstantMs(String message) {
        if (message == null) return -1;
        Matcher m = AFTER_WITHIN.matcher(message);
        if (!m.find()) return -1;
        return all(m.group(2)).get(0) + Math.round(Double.parseDouble(m.group(1)) * 1000);
    }

    /**
     * The window of plant time an assertion judged, from its message, as {from, to} in ms ({@code to} = Long.MAX_VALUE
     * for "to the end of the run"): "from T1 to T2", else from the stimulus ("… after T") to the verdict instant;
     * empty when the message names neither (then the whole scenario is the window).
     */
    public static java.util.Optional<long[]> judgedWindowMs(String message) {
        if (message == null) return java.util.Optional.empty();
        Matcher m = FROM_TO.matcher(message);
        if (m.find()) {
            long to = m.group(2).startsWith("the end") ? Long.MAX_VALUE : all(m.group(2)).get(0);
            return java.util.Optional.of(new long[]{all(m.group(1)).get(0), to});
        }
        long stimulus = stimulusMs(message), instant = verdictInstantMs(message);
        return stimulus >= 0 && instant >= stimulus ? java.util.Optional.of(new long[]{stimulus, instant}) : java.util.Optional.empty();
    }

    public static String format(long ms) {
        return io.hilbench.runtime.PlantTimeFormat.format(ms);
    }

    private static long toMs(String h, String m, String s) {
        return Long.parseLong(h) * 3_600_000 + Long.parseLong(m) * 60_000 + Math.round(Double.parseDouble(s) * 1000);
    }
}
