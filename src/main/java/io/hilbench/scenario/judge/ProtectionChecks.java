package io.hilbench.scenario.judge;

import io.hilbench.Units;
import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;

import java.util.Locale;

import static io.hilbench.scenario.Quantities.plantTime;
import static io.hilbench.scenario.judge.TraceAssertions.Condition;
import static io.hilbench.scenario.judge.TraceAssertions.END;

/**
 * The trace checks of the protection requirements (DESIGN §8): HP-01..HP-04 high pressure, SF-01 sensor fault,
 * CL-01 I/O link loss. Pure functions of a {@link TraceView}, the limits (requirements.yaml) and the plant times of
 * the scenario's stimuli. Where the plant's safety chain would mask a controller fault, what the controller
 * commanded (committed inputs) is judged: "no restart commanded", "commanded off".
 */
public final class ProtectionChecks {
    private ProtectionChecks() {}

    private static double[] pressure(TraceView t, HeatPumpSignals s) { return t.output(s.pressureOutput()); }

    /** HP-01.below-switch: PT-202 never at or above {@code switchBar} from {@code fromMs} on. */
    public static Judgement belowSwitch(TraceView t, HeatPumpSignals s, long fromMs, double switchBar) {
        return TraceAssertions.neverReaches(t, HeatPumpSignals.PT_202, pressure(t, s), Units.barToPa(switchBar), TraceAssertions.BAR, fromMs, END);
    }

    /** HP-01.unload, HP-04.pressure: PT-202 at or below {@code maxBar} in {@code [fromMs, untilMs]}. */
    public static Judgement pressureAtMost(TraceView t, HeatPumpSignals s, long fromMs, long untilMs, double maxBar) {
        return TraceAssertions.neverExceeds(t, HeatPumpSignals.PT_202, pressure(t, s), Units.barToPa(maxBar), TraceAssertions.BAR, fromMs, untilMs);
    }

    /** First row at or after {@code fromMs} with every compressor stopped, or -1. */
    static int stopRow(TraceView t, HeatPumpSignals s, long fromMs) {
        return TraceAssertions.firstRow(t, s.allCompressorsStopped(t).holds(), fromMs, END);
    }

    /** HP-02.stop: every compressor stopped (by the controller or the chain) within {@code withinS} of the stimulus. */
    public static Judgement flowLossStop(TraceView t, HeatPumpSignals s, long stimulusMs, double withinS) {
        return TraceAssertions.within(t, s.allCompressorsStopped(t), stimulusMs, Math.round(withinS * 1000));
    }

    /** HP-02.alarm: FLOW_TRIP or HP_TRIP within {@code withinS} of the compressors' stop. */
    public static Judgement flowLossAlarm(TraceView t, HeatPumpSignals s, long stimulusMs, double withinS) {
        int stop = stopRow(t, s, stimulusMs);
        if (stop < 0) return Judgement.fail("expected FLOW_TRIP or HP_TRIP within " + withinS + " s of the compressors' stop; actual: the compressors never stopped after the flow loss at plant time " + plantTime(stimulusMs));
        return TraceAssertions.within(t, s.alarmRaised(t, AlarmMeaning.FLOW_TRIP, AlarmMeaning.HP_TRIP), t.plantTimesMs()[stop], Math.round(withinS * 1000));
    }

    /**
     * HP-02.no-restart, SF-01.no-restart: no compressor commanded from the first row where every one is commanded off
     * (at or after {@code stimulusMs}) until {@code resetMs} (the operator's reset once the cause was gone; {@link
     * TraceAssertions#END} when there was none).
     */
    public static Judgement noRestartBeforeReset(TraceView t, HeatPumpSignals s, long stimulusMs, long resetMs, String cause) {
        int off = TraceAssertions.firstRow(t, s.allCompressorsCommandedOff(t).holds(), stimulusMs, END);
        if (off < 0) return Judgement.fail("expected every compressor commanded off after " + cause + " at plant time " + plantTime(stimulusMs) + "; actual: never");
        Condition restart = new Condition("a compressor commanded to run (" + cause + ", before the reset"
                + (resetMs == END ? ", none given" : " at " + plantTime(resetMs)) + ")", r -> s.anyCommanded(t, r), r -> s.commandedText(t, r));
        return TraceAssertions.never(t, restart, t.plantTimesMs()[off], resetMs == END ? END : resetMs - 1);
    }

    /** HP-03.no-relief, never PSV-202 open. */
    public static Judgement noRelief(TraceView t, HeatPumpSignals s, long fromMs) {
        double[] v = t.output(s.reliefOutput());
        return TraceAssertions.never(t, new Condition(HeatPumpSignals.PSV_202 + " open", r -> v[r] >= 0.5, r -> HeatPumpSignals.PSV_202 + " open, "
                + HeatPumpSignals.PT_202 + " " + TraceAssertions.BAR.apply(pressure(t, s)[r])), fromMs, END);
    }

    /**
     * HP-03.held-or-tripped: PT-202 held at or below {@code softBar} from the stimulus, or else a trip (PSHH-202 or the
     * controller in Tripped) with its alarm (HP_TRIP) and no compressor commanded after it before the reset.
     */
    public static Judgement heldOrTripped(TraceView t, HeatPumpSignals s, long stimulusMs, long resetMs, double softBar) {
        double[] p = pressure(t, s);
        double soft = Units.barToPa(softBar);
        int over = TraceAssertions.firstRow(t, r -> p[r] > soft, stimulusMs, END);
        if (over < 0) {
            Judgement j = pressureAtMost(t, s, stimulusMs, END, softBar);
            return j.outcome() == Verdict.Outcome.PASSED ? Judgement.pass("held: " + j.message()) : j;
        }
        double[] hp = t.output(s.hpSwitchOutput());
        int trip = TraceAssertions.firstRow(t, r -> hp[r] >= 0.5 || s.state(t, ControllerState.TRIPPED, r), stimulusMs, END);
        String overText = String.format(Locale.ROOT, "%s %s %s (above %.1f bar)", HeatPumpSignals.PT_202, TraceAssertions.BAR.apply(p[over]), TraceAssertions.at(t, over), softBar);
        if (trip < 0) {
            return Judgement.fail("expected " + HeatPumpSignals.PT_202 + " held <= " + softBar + " bar or a trip; actual: " + overText + " and no trip to the end at plant time " + plantTime(t.endMs()));
        }
        int alarm = TraceAssertions.firstRow(t, r -> s.alarm(t, AlarmMeaning.HP_TRIP, r), stimulusMs, END);
        if (alarm < 0) {
            return Judgement.fail("expected the trip's alarm HP_TRIP after " + overText + "; actual: tripped " + TraceAssertions.at(t, trip) + " ("
                    + s.chainText(t, trip) + ", " + s.stateText(t, trip) + ") but HP_TRIP was never raised");
        }
        Judgement noRestart = noRestartBeforeReset(t, s, t.plantTimesMs()[trip], resetMs, "after the trip");
        if (noRestart.outcome() != Verdict.Outcome.PASSED) return noRestart;
        return Judgement.pass("tripped: " + overText + "; trip " + TraceAssertions.at(t, trip) + ", HP_TRIP " + TraceAssertions.at(t, alarm) + "; " + noRestart.message());
    }

    // ------------------------------------------------------------------ SF-01

    /** SF-01.stop: every compressor commanded off within {@code withinS} of the sensor fault. */
    public static Judgement commandedOff(TraceView t, HeatPumpSignals s, long faultMs, double withinS) {
        return TraceAssertions.within(t, s.allCompressorsCommandedOff(t), faultMs, Math.round(withinS * 1000));
    }

    /** SF-01.alarm / CL-01.alarm: the alarm within {@code withinMs} of {@code fromMs}. */
    public static Judgement alarmWithin(TraceView t, HeatPumpSignals s, AlarmMeaning a, long fromMs, long withinMs) {
        return TraceAssertions.within(t, s.alarmRaised(t, a), fromMs, withinMs);
    }

    // ------------------------------------------------------------------ CL-01

    /**
     * CL-01.failsafe, judged on what the controller does (the I/O watchdog is the bench's, no controller can affect it):
     * when the link returns, the controller's first commands — the first committed row at or after {@code restoredMs}
     * with the watchdog no longer holding the fail-safe values — keep every compressor off: it takes the watchdog's
     * fail-safe stop as a stop and restarts through its start sequence, instead of resuming as if nothing happened.
     * The watchdog must have tripped during the loss (else the stimulus did not take effect: inconclusive, the bench's).
     */
    public static Judgement resumesFromFailsafe(TraceView t, HeatPumpSignals s, long lostMs, long restoredMs) {
        double[] wd = t.extension(s.watchdogColumn());
        int tripped = TraceAssertions.firstRow(t, r -> wd[r] >= 0.5, lostMs, restoredMs);
        if (tripped < 0) {
            return Judgement.inconclusive("the I/O watchdog never dropped the actuators to fail-safe during the link loss " + TraceAssertions.window(lostMs, restoredMs)
                    + ": the stimulus did not take effect (the bench's watchdog, not the controller)");
        }
        double[] en = t.input(s.compressors().get(0).enableInput());
        int first = TraceAssertions.firstRow(t, r -> wd[r] < 0.5 && !Double.isNaN(en[r]), restoredMs, END);
        if (first < 0) {
            return Judgement.fail("expected the controller to answer again after the link returned at plant time " + plantTime(restoredMs)
                    + "; actual: the watchdog held the fail-safe values to the end of the run at " + plantTime(t.endMs()));
        }
        if (s.anyCommanded(t, first)) {
            return Judgement.fail("expected every compressor commanded off in the controller's first commands after the link returned at plant time "
                    + plantTime(restoredMs) + " (the watchdog had stopped them " + TraceAssertions.at(t, tripped) + "); actual: " + s.commandedText(t, first) + " "
                    + TraceAssertions.at(t, first) + ": it resumed as if nothing had happened");
        }
        return Judgement.pass("watchdog fail-safe " + TraceAssertions.at(t, tripped) + "; the controller's first commands after the link returned "
                + TraceAssertions.at(t, first) + ": " + s.commandedText(t, first) + " (" + s.stateText(t, first) + ")");
    }
}
