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

    public static String format(long ms) {
        return io.hilbench.runtime.PlantTimeFormat.format(ms);
    }

    private static long toMs(String h, String m, String s) {
        return Long.parseLong(h) * 3_600_000 + Long.parseLong(m) * 60_000 + Math.round(Double.parseDouble(s) * 1000);
    }
}
