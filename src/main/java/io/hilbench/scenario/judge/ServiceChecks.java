package io.hilbench.scenario.judge;

import io.hilbench.Units;
import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.hilbench.scenario.Quantities.plantTime;
import static io.hilbench.scenario.judge.TraceAssertions.Condition;
import static io.hilbench.scenario.judge.TraceAssertions.END;

/**
 * Checks every requirement shares (DESIGN §8 "what a verdict must mean"): that the heat pump stayed in service through a
 * steady window, that the controller's reported state matches plant truth after a trip or an ordered stop, that the
 * stimulus a verdict depends on took effect (the preconditions, judged as named assertions), and that the supply
 * settled in the sense of "entered its band and stayed there". Pure functions of a {@link TraceView}.
 *
 * <p>A window with nothing to judge is never PASSED: where the controller under test is why nothing happened (it never
 * started, never stopped and restarted, never reached full load), the check FAILS and says so.
 */
public final class ServiceChecks {
    private ServiceChecks() {}

    // ------------------------------------------------------------------ service continuity

    /**
     * "Stays in service": the heat pump comes into service ({@link HeatPumpSignals#inService}: a compressor turning, the
     * controller reporting Running or Defrosting) within {@code withinMs} of {@code fromMs}, and from then on up to
     * {@code untilMs} ({@link TraceAssertions#END}: the end of the run) the controller keeps reporting Running or
     * Defrosting (where read) and no compressor-less pause lasts longer than {@code pauseMaxMs}: a low-load pause of the
     * controller's own (every compressor off at a light load, the state still Running, restarting on demand) is service;
     * a stop, a trip or a fault the scenario did not ask for, or a "Running" with nothing turning for longer, is not.
     */
    public static Judgement inService(TraceView t, HeatPumpSignals s, long fromMs, long withinMs, long untilMs, long pauseMaxMs) {
        Condition in = running(t, s); // into service: Running read with a compressor turning (not a row whose state was not read)
        int first = TraceAssertions.firstRow(t, in.holds(), fromMs, fromMs + withinMs);
        if (first < 0) {
            if (t.endMs() < fromMs + withinMs) {
                return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the heat pump had " + TraceAssertions.seconds(withinMs)
                        + " from " + plantTime(fromMs) + " to come into service");
            }
            int last = Math.min(t.size() - 1, t.rowAtOrAfter(fromMs + withinMs));
            return Judgement.fail(String.format(Locale.ROOT, "expected the heat pump %s within %s of %s; actual: never in service by %s (%s, %s, %s)",
                    in.description(), TraceAssertions.seconds(withinMs), plantTime(fromMs), plantTime(fromMs + withinMs),
                    in.actual().apply(last), s.alarmsText(t, last), s.chainText(t, last)));
        }
        long[] time = t.plantTimesMs();
        long from = time[first];
        String expected = "in service " + TraceAssertions.window(from, untilMs) + " (the controller Running or Defrosting, no pause without a compressor longer than "
                + TraceAssertions.seconds(pauseMaxMs) + ")";
        int pauseStart = -1;
        long longestPause = 0;
        int pauses = 0;
        for (int r = first; r < t.size() && time[r] <= untilMs; r++) {
            if (s.stateRead(t, r) && !s.stateIn(t, r, ControllerState.RUNNING, ControllerState.DEFROSTING)) {
                return Judgement.fail("expected " + expected + "; actual: out of service, " + s.stateText(t, r) + " with " + s.alarmsText(t, r) + " ("
                        + s.speedsText(t, r) + ", " + s.chainText(t, r) + ") " + TraceAssertions.at(t, r));
            }
            if (s.anyRunning(t, r)) {
                pauseStart = -1;
                continue;
            }
            if (pauseStart < 0) {
                pauseStart = r;
                pauses++;
            }
            long pause = time[r] - time[pauseStart];
            longestPause = Math.max(longestPause, pause);
            if (pause > pauseMaxMs) {
                return Judgement.fail("expected " + expected + "; actual: no compressor turning from " + TraceAssertions.at(t, pauseStart) + " for more than "
                        + TraceAssertions.seconds(pauseMaxMs) + " (" + s.stateText(t, r) + ", " + s.alarmsText(t, r) + ", " + s.chainText(t, r) + " " + TraceAssertions.at(t, r) + ")");
            }
        }
        if (untilMs != END && t.endMs() < untilMs) {
            return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the service window " + TraceAssertions.window(from, untilMs) + " ends");
        }
        return Judgement.pass("in service " + TraceAssertions.at(t, first) + " and stayed so " + TraceAssertions.window(from, Math.min(untilMs, t.endMs()))
                + (pauses == 0 ? ", a compressor turning throughout" : String.format(Locale.ROOT, ", %d low-load pause(s), the longest %s", pauses, TraceAssertions.seconds(longestPause))));
    }

    // ------------------------------------------------------------------ reported state against plant truth

    /**
     * After a trip: once the compressors have stopped (the first row at or after {@code stimulusMs} with every compressor
     * stopped), the controller reports Tripped (or Fault) with one of {@code alarms} within {@code withinS}, and keeps
     * reporting Tripped or Fault — never Off, Starting, Running, Defrosting or Stopping — until the operator's reset at
     * {@code resetMs} ({@link TraceAssertions#END}: none).
     */
    public static Judgement trippedUntilReset(TraceView t, HeatPumpSignals s, long stimulusMs, double withinS, long resetMs, AlarmMeaning... alarms) {
        int stop = ProtectionChecks.stopRow(t, s, stimulusMs);
        if (stop < 0) {
            return Judgement.fail("expected the controller to report Tripped after the compressors stopped; actual: the compressors never stopped after plant time "
                    + plantTime(stimulusMs));
        }
        long stopMs = t.plantTimesMs()[stop];
        Condition tripped = new Condition("the controller reporting Tripped or Fault", r -> s.stateIn(t, r, ControllerState.TRIPPED, ControllerState.FAULT),
                r -> s.stateText(t, r) + ", " + s.alarmsText(t, r));
        Judgement reach = TraceAssertions.within(t, tripped, stopMs, Math.round(withinS * 1000));
        if (reach.outcome() != Verdict.Outcome.PASSED) return reach;
        int first = TraceAssertions.firstRow(t, tripped.holds(), stopMs, END);
        boolean alarmed = false;
        for (AlarmMeaning a : alarms) alarmed |= s.alarm(t, a, first);
        if (!alarmed) {
            return Judgement.fail("expected the controller Tripped with " + names(alarms) + "; actual: " + s.stateText(t, first) + " with " + s.alarmsText(t, first) + " "
                    + TraceAssertions.at(t, first));
        }
        Condition lies = new Condition("the controller reporting another state than Tripped or Fault before the reset"
                + (resetMs == END ? " (none given)" : " at " + plantTime(resetMs)),
                r -> s.stateRead(t, r) && !s.stateIn(t, r, ControllerState.TRIPPED, ControllerState.FAULT), r -> s.stateText(t, r) + ", " + s.speedsText(t, r));
        Judgement held = TraceAssertions.never(t, lies, t.plantTimesMs()[first], resetMs == END ? END : resetMs - 1);
        if (held.outcome() != Verdict.Outcome.PASSED) return held;
        return Judgement.pass("compressors stopped " + TraceAssertions.at(t, stop) + "; " + s.stateText(t, first) + " with " + s.alarmsText(t, first) + " "
                + TraceAssertions.at(t, first) + ", held until " + (resetMs == END ? "the end of the run" : "the reset at " + plantTime(resetMs)));
    }

    /**
     * After an ordered stop: from {@code withinS} after the stop command the controller reports Stopping or Off (never
     * Running, Starting or Defrosting), it reports Off by {@code offWithinS} after the command, and never Off while a
     * compressor still turns.
     */
    public static Judgement offAfterStop(TraceView t, HeatPumpSignals s, long stopMs, double withinS, double offWithinS) {
        long from = stopMs + Math.round(withinS * 1000);
        Condition running = new Condition("the controller reporting Running, Starting or Defrosting after the stop command",
                r -> s.stateIn(t, r, ControllerState.RUNNING, ControllerState.STARTING, ControllerState.DEFROSTING), r -> s.stateText(t, r) + ", " + s.speedsText(t, r));
        Judgement j = TraceAssertions.never(t, running, from, END);
        if (j.outcome() != Verdict.Outcome.PASSED) return j;
        Condition off = new Condition("the controller reporting Off", r -> s.stateIn(t, r, ControllerState.OFF), r -> s.stateText(t, r) + ", " + s.speedsText(t, r));
        Judgement o = TraceAssertions.within(t, off, stopMs, Math.round(offWithinS * 1000));
        if (o.outcome() != Verdict.Outcome.PASSED) return o;
        Condition offTurning = new Condition("the controller reporting Off while a compressor turns", r -> s.stateIn(t, r, ControllerState.OFF) && s.anyRunning(t, r),
                r -> s.stateText(t, r) + ", " + s.speedsText(t, r));
        Judgement lie = TraceAssertions.never(t, offTurning, stopMs, END);
        if (lie.outcome() != Verdict.Outcome.PASSED) return lie;
        return Judgement.pass("Stopping or Off from " + plantTime(from) + "; " + o.message());
    }

    // ------------------------------------------------------------------ preconditions as named assertions

    /** "Full load": every compressor at or above {@code minHz}, or every one turning with the heat (JT-271) at or above {@code ratedHeatW}. */
    public static Condition fullLoad(TraceView t, HeatPumpSignals s, double minHz, double ratedHeatW) {
        double[] heat = t.output(s.heatOutput());
        return new Condition(String.format(Locale.ROOT, "full load (every compressor >= %.0f Hz, or all turning with JT-271 >= %.0f kW)", minHz, ratedHeatW / 1e3), r -> {
            boolean allFast = true, allTurning = true;
            for (StartupChecks.Compressor c : s.compressors()) {
                double hz = t.output(c.speedOutput())[r];
                allFast &= hz >= minHz;
                allTurning &= hz > 0;
            }
            return allFast || (allTurning && heat[r] >= ratedHeatW);
        }, r -> s.speedsText(t, r) + String.format(Locale.ROOT, ", JT-271 %.0f kW", heat[r] / 1e3));
    }

    /** "Settled": TT-272 within ±{@code bandK} of {@code setK}. */
    public static Condition supplyWithin(TraceView t, HeatPumpSignals s, double setK, double bandK) {
        double[] supply = t.output(s.supplyOutput());
        return new Condition(String.format(Locale.ROOT, "%s within ±%.1f K of %.1f °C", HeatPumpSignals.TT_272, bandK, Units.kToDegC(setK)),
                r -> Math.abs(supply[r] - setK) <= bandK, r -> HeatPumpSignals.TT_272 + " " + TraceAssertions.DEG_C.apply(supply[r]) + ", " + s.speedsText(t, r));
    }

    /** "Running": the controller reports Running (or Defrosting) with a compressor turning. */
    public static Condition running(TraceView t, HeatPumpSignals s) {
        return new Condition("the controller Running with a compressor turning", r -> s.anyRunning(t, r) && s.stateIn(t, r, ControllerState.RUNNING, ControllerState.DEFROSTING),
                r -> s.stateText(t, r) + ", " + s.speedsText(t, r) + ", " + s.alarmsText(t, r));
    }

    // ------------------------------------------------------------------ settle = enter the band and stay

    /**
     * The first row in {@code [fromMs, fromMs + withinMs]} from which TT-272 stays within ±{@code bandK} of {@code setK}
     * for {@code dwellMs} (every row of the dwell), or -1; {@code supply} is TT-272's column, K. A supply that only crosses the band on its way elsewhere has
     * not settled.
     */
    public static int settledRow(TraceView t, double[] supply, double setK, double bandK, long fromMs, long withinMs, long dwellMs) {
        long[] time = t.plantTimesMs();
        long deadline = fromMs + withinMs;
        int entered = -1;
        for (int r = t.rowAtOrAfter(fromMs); r < t.size(); r++) {
            boolean in = Math.abs(supply[r] - setK) <= bandK;
            if (!in) {
                entered = -1;
                if (time[r] > deadline) return -1;
                continue;
            }
            if (entered < 0) {
                if (time[r] > deadline) return -1;
                entered = r;
            }
            if (time[r] - time[entered] >= dwellMs) return entered;
        }
        return -1;
    }

    /**
     * "Settles": TT-272 enters ±{@code bandK} of {@code setK} within {@code withinMs} of {@code fromMs} and stays inside for
     * {@code dwellMs}. Inconclusive only while the trace is too short to decide.
     */
    public static Judgement settles(TraceView t, double[] supply, double setK, double bandK, long fromMs, long withinMs, long dwellMs) {
        int r = settledRow(t, supply, setK, bandK, fromMs, withinMs, dwellMs);
        String band = String.format(Locale.ROOT, "%s within ±%.1f K of %.1f °C", HeatPumpSignals.TT_272, bandK, Units.kToDegC(setK));
        if (r >= 0) {
            return Judgement.pass(String.format(Locale.ROOT, "%s, entered %s (%.2f °C), %.1f min after %s, and stayed there for %s", band, TraceAssertions.at(t, r),
                    Units.kToDegC(supply[r]), (t.plantTimesMs()[r] - fromMs) / 60_000.0, plantTime(fromMs), TraceAssertions.seconds(dwellMs)));
        }
        long deadline = fromMs + withinMs;
        if (t.endMs() < deadline + dwellMs) {
            return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the settle window (" + plantTime(deadline) + " plus a dwell of "
                    + TraceAssertions.seconds(dwellMs) + ") ends");
        }
        // where it was in the band last and why it left (or that it never entered)
        long[] time = t.plantTimesMs();
        int firstIn = TraceAssertions.firstRow(t, x -> Math.abs(supply[x] - setK) <= bandK, fromMs, deadline);
        int end = Math.min(t.rowAtOrAfter(deadline), t.size() - 1);
        if (firstIn < 0) {
            return Judgement.fail(String.format(Locale.ROOT, "expected %s within %s of %s and to stay there for %s; actual: never in the band by %s, %.2f °C at the deadline",
                    band, TraceAssertions.seconds(withinMs), plantTime(fromMs), TraceAssertions.seconds(dwellMs), plantTime(deadline), Units.kToDegC(supply[end])));
        }
        int left = -1;
        for (int x = firstIn; x < t.size() && time[x] <= deadline + dwellMs; x++) {
            if (Math.abs(supply[x] - setK) > bandK) {
                left = x;
                break;
            }
        }
        return Judgement.fail(String.format(Locale.ROOT, "expected %s within %s of %s and to stay there for %s; actual: entered %s (%.2f °C) but left it %s (%.2f °C), and never stayed %s by %s",
                band, TraceAssertions.seconds(withinMs), plantTime(fromMs), TraceAssertions.seconds(dwellMs), TraceAssertions.at(t, firstIn), Units.kToDegC(supply[firstIn]),
                left < 0 ? "later" : TraceAssertions.at(t, left), left < 0 ? Units.kToDegC(supply[end]) : Units.kToDegC(supply[left]),
                TraceAssertions.seconds(dwellMs), plantTime(deadline)));
    }

    // ------------------------------------------------------------------ staging and an ordered unload

    /**
     * SU-01.staging: after the start command the compressors are commanded on one at a time, each start at least
     * {@code minIntervalS} after the previous one, and at least two of them start (a cold start at the design point
     * needs more than one: fewer leaves the staging unjudged, which is the controller's doing).
     */
    public static Judgement staging(TraceView t, HeatPumpSignals s, long startMs, long untilMs, double minIntervalS) {
        List<long[]> starts = new ArrayList<>(); // startMs, row, compressor index
        for (int i = 0; i < s.compressors().size(); i++) {
            for (CompressorCycles.Start st : CompressorCycles.of(t, s.compressors().get(i), startMs)) {
                if (st.startMs() <= untilMs) starts.add(new long[] {st.startMs(), st.startRow(), i});
            }
        }
        starts.sort(java.util.Comparator.comparingLong(a -> a[0]));
        if (starts.size() < 2) {
            if (t.endMs() < untilMs) return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the staging window ends at " + plantTime(untilMs));
            return Judgement.fail("expected the compressors staged in one at a time, >= " + String.format(Locale.ROOT, "%.0f s", minIntervalS) + " apart "
                    + TraceAssertions.window(startMs, untilMs) + "; actual: " + (starts.isEmpty() ? "no compressor was started"
                    : "only " + s.compressors().get((int) starts.get(0)[2]).tag() + " was started " + TraceAssertions.at(t, (int) starts.get(0)[1])) + " (nothing to stage)");
        }
        long minMs = Math.round(minIntervalS * 1000);
        long closest = Long.MAX_VALUE;
        for (int k = 1; k < starts.size(); k++) {
            long gap = starts.get(k)[0] - starts.get(k - 1)[0];
            if (gap < minMs) {
                return Judgement.fail(String.format(Locale.ROOT, "expected the compressors started one at a time, >= %.0f s apart; actual: %s started %s, %.1f s after %s %s",
                        minIntervalS, s.compressors().get((int) starts.get(k)[2]).tag(), TraceAssertions.at(t, (int) starts.get(k)[1]), gap / 1000.0,
                        s.compressors().get((int) starts.get(k - 1)[2]).tag(), TraceAssertions.at(t, (int) starts.get(k - 1)[1])));
            }
            closest = Math.min(closest, gap);
        }
        return Judgement.pass(String.format(Locale.ROOT, "%d compressor start(s) one at a time, the closest %.1f s apart (>= %.0f s)", starts.size(), closest / 1000.0, minIntervalS));
    }

    /**
     * SU-04.unload, an ordered unload: every compressor commanded to run at the stop command is, within {@code withinS},
     * commanded at or below {@code minHz} while still enabled (it passes through the minimum before it goes off: a hard
     * stop does not count), and its speed feedback follows to at or below {@code minHz} before it stops.
     */
    public static Judgement orderedUnload(TraceView t, HeatPumpSignals s, long stopMs, double minHz, double withinS) {
        int r0 = t.rowAtOrAfter(stopMs);
        if (r0 >= t.size()) return Judgement.inconclusive("the trace has no row at the stop command at plant time " + plantTime(stopMs));
        long deadline = stopMs + Math.round(withinS * 1000);
        if (t.endMs() < deadline) return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the unload deadline " + plantTime(deadline));
        long[] time = t.plantTimesMs();
        List<String> done = new ArrayList<>();
        for (StartupChecks.Compressor c : s.compressors()) {
            if (!HeatPumpSignals.commanded(t, c, r0)) continue;
            double[] en = t.input(c.enableInput());
            double[] set = t.input(c.speedSetInput());
            double[] hz = t.output(c.speedOutput());
            int atMin = -1;
            for (int r = r0; r < t.size() && time[r] <= deadline; r++) {
                if (Double.isNaN(en[r]) || en[r] < 0.5) break; // commanded off: from here it can no longer unload
                if (set[r] <= minHz + 1e-9 && hz[r] > 0 && hz[r] <= minHz + 0.5) {
                    atMin = r;
                    break;
                }
            }
            if (atMin < 0) {
                int off = TraceAssertions.firstRow(t, x -> !HeatPumpSignals.commanded(t, c, x), stopMs, deadline);
                return Judgement.fail(String.format(Locale.ROOT, "expected %s unloaded to <= %.1f Hz (commanded and turning) within %.0f s of the stop command at %s before it goes off; actual: %s",
                        c.tag(), minHz, withinS, plantTime(stopMs), off >= 0 ? "commanded off " + TraceAssertions.at(t, off) + " at " + String.format(Locale.ROOT, "%.1f Hz", hz[Math.max(r0, off - 1)])
                                + " without passing through the minimum (a hard stop)" : String.format(Locale.ROOT, "still at %.1f Hz by the deadline", hz[Math.min(t.size() - 1, t.rowAtOrAfter(deadline))])));
            }
            done.add(String.format(Locale.ROOT, "%s at %.1f Hz %s", c.tag(), hz[atMin], TraceAssertions.at(t, atMin)));
        }
        if (done.isEmpty()) {
            return Judgement.fail("expected the running compressors unloaded after the stop command at plant time " + plantTime(stopMs)
                    + "; actual: no compressor was commanded to run at the stop command (nothing to unload)");
        }
        return Judgement.pass("unloaded to the minimum before stopping: " + String.join("; ", done));
    }

    /**
     * SU-03.modulation: at part load the capacity is modulated, not only switched: some compressor turns above 0 and at or
     * below {@code belowHz} (under its maximum) continuously for at least {@code forS} from {@code fromMs}. A controller
     * that runs its compressors only at full speed or off never does.
     */
    public static Judgement modulated(TraceView t, HeatPumpSignals s, long fromMs, double belowHz, double forS) {
        long forMs = Math.round(forS * 1000);
        long[] time = t.plantTimesMs();
        long best = 0;
        String bestTag = null;
        int bestRow = -1;
        for (StartupChecks.Compressor c : s.compressors()) {
            double[] hz = t.output(c.speedOutput());
            int since = -1;
            for (int r = t.rowAtOrAfter(fromMs); r < t.size(); r++) {
                boolean mod = hz[r] > 0 && hz[r] <= belowHz;
                if (!mod) {
                    since = -1;
                    continue;
                }
                if (since < 0) since = r;
                long d = time[r] - time[since];
                if (d > best) {
                    best = d;
                    bestTag = c.tag();
                    bestRow = since;
                }
                if (d >= forMs) {
                    return Judgement.pass(String.format(Locale.ROOT, "%s modulated at %.1f Hz (<= %.0f Hz) from %s for %s", c.tag(), hz[since], belowHz,
                            TraceAssertions.at(t, since), TraceAssertions.seconds(forMs)));
                }
            }
        }
        return Judgement.fail(String.format(Locale.ROOT, "expected a compressor modulated between 0 and %.0f Hz for >= %.0f s at part load from plant time %s; actual: %s",
                belowHz, forS, plantTime(fromMs), bestTag == null ? "no compressor ever turned at or below " + String.format(Locale.ROOT, "%.0f Hz", belowHz)
                        : "at most " + TraceAssertions.seconds(best) + " (" + bestTag + " from " + TraceAssertions.at(t, bestRow) + ")"));
    }

    // ------------------------------------------------------------------ stimuli that must have taken effect

    /**
     * SU-03.cycles: the demand cycling produced at least one stop and a later restart of a compressor (a start command
     * after that compressor's stop) from {@code fromMs}: without it the anti-short-cycle rules had nothing to judge.
     */
    public static Judgement stopsAndRestarts(TraceView t, HeatPumpSignals s, long fromMs) {
        int starts = 0;
        for (StartupChecks.Compressor c : s.compressors()) {
            for (CompressorCycles.Start st : CompressorCycles.of(t, c, fromMs)) {
                starts++;
                if (st.offBeforeMs() >= 0) {
                    return Judgement.pass(String.format(Locale.ROOT, "%s stopped at plant time %s and was commanded to start again %s", c.tag(),
                            plantTime(st.previousStopMs()), TraceAssertions.at(t, st.startRow())));
                }
            }
        }
        return Judgement.fail("expected the demand cycling to stop a compressor and start it again from plant time " + plantTime(fromMs) + "; actual: "
                + (starts == 0 ? "no compressor was ever commanded to run" : starts + " start(s), no stop followed by a restart") + " to the end of the run at " + plantTime(t.endMs()));
    }

    private static String names(AlarmMeaning... a) {
        return String.join(" or ", java.util.Arrays.stream(a).map(Enum::name).toList());
    }
}
