package io.hilbench.controller;

/**
 * The supervisory commands taken in one cycle (DESIGN §7). A pulse command is true in exactly one cycle: the cycle
 * that took it (the supervisory interface then clears its point).
 *
 * @param start                    start the heat pump (from Off)
 * @param stop                     stop it (compressors to minimum, then off, then the DH pump overrun)
 * @param reset                    reset latched alarms and trips whose cause has cleared
 * @param resetToInitial           back to the initial state: Off, alarms cleared, timers reset (between scenarios)
 * @param supplyTemperatureSetDegC the DH supply temperature set-point, °C
 */
public record Commands(boolean start, boolean stop, boolean reset, boolean resetToInitial, double supplyTemperatureSetDegC) {

    /** No command, the given set-point. */
    public static Commands none(double supplyTemperatureSetDegC) {
        return new Commands(false, false, false, false, supplyTemperatureSetDegC);
    }

    public Commands withStart() { return new Commands(true, stop, reset, resetToInitial, supplyTemperatureSetDegC); }

    public Commands withStop() { return new Commands(start, true, reset, resetToInitial, supplyTemperatureSetDegC); }

    public Commands withReset() { return new Commands(start, stop, true, resetToInitial, supplyTemperatureSetDegC); }

    public Commands withResetToInitial() { return new Commands(start, stop, reset, true, supplyTemperatureSetDegC); }

    public boolean any() { return start || stop || reset || resetToInitial; }
}
