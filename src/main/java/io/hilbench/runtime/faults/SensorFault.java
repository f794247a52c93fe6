package io.hilbench.runtime.faults;

import java.util.Objects;

/**
 * A sensor fault on one plant output, active over {@code [startMs, startMs + durationMs)} of plant time: it
 * applies from the first step at or after {@code startMs} (DESIGN §4 item 5).
 *
 * @param output     the plant output's catalogue name (the scenario layer translates a tag to its bound output)
 * @param kind       what the sensor does
 * @param startMs    plant time the fault starts
 * @param durationMs how long it lasts; {@link #UNTIL_CLEARED} for a fault that lasts until cleared
 */
public record SensorFault(String output, SensorFaultKind kind, long startMs, long durationMs) {
    public static final long UNTIL_CLEARED = Long.MAX_VALUE;

    public SensorFault {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(kind, "kind");
        if (startMs < 0) throw new IllegalArgumentException("startMs must be >= 0, was " + startMs);
        if (durationMs <= 0) throw new IllegalArgumentException("durationMs must be > 0, was " + durationMs);
    }

    /** A fault from {@code startMs} until cleared. */
    public static SensorFault from(String output, SensorFaultKind kind, long startMs) {
        return new SensorFault(output, kind, startMs, UNTIL_CLEARED);
    }

    /** True when the fault is active at {@code plantTimeMs}. */
    public boolean activeAt(long plantTimeMs) {
        return plantTimeMs >= startMs && (durationMs == UNTIL_CLEARED || plantTimeMs - startMs < durationMs);
    }
}
