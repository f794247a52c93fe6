package io.hilbench.runtime;

import java.util.Locale;

/**
 * Plant time as the bench prints it ({@code 0:03:34.6}: hours, minutes, seconds to the tenth). Written by the scenario
 * glue into verdict messages and parsed back by the report (report.PlantTimes), so the one format lives here, below
 * both (DESIGN §2).
 */
public final class PlantTimeFormat {
    private PlantTimeFormat() {}

    /** {@code h:mm:ss.s}; rounded to the tenth shown before it is split, so 6:59.96 is 0:07:00.0, never 0:06:60.0. */
    public static String format(long rawMs) {
        long ms = Math.round(rawMs / 100.0) * 100;
        return String.format(Locale.ROOT, "%d:%02d:%04.1f", ms / 3_600_000, ms / 60_000 % 60, (ms % 60_000) / 1000.0);
    }
}
