package io.hilbench.scenario.judge;

import io.hilbench.Units;
import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntPredicate;

import static io.hilbench.scenario.judge.TraceAssertions.END;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of SU-02, SU-03, SU-04, HP-01..HP-04, SF-01, CL-01 and LD-01 (DESIGN §8) on hand-made traces, one row per
 * second: each passes on the behaviour the requirement asks for and fails on the controller fault it is there to catch
 * (the known-bad variants: restart after a trip, short cycling, no sensor-fault stop, no comm-loss handling), with a
 * message naming expected, actual and plant time. Where the safety chain would mask a fault, the committed inputs
 * (what the controller commanded) are judged.
 */
class ProtectionAndSequenceChecksTest {
    static final HeatPumpSignals S = new HeatPumpSignals(
            List.of(new StartupChecks.Compressor("C-211", "c1.en", "c1.set", "c1.hz"), new StartupChecks.Compressor("C-212", "c2.en", "c2.set", "c2.hz")),
            "flowLow", "supplyK", "pressurePa", "relief", "hpSwitch", "pumpRun", List.of("hpSwitch", "relief"), "state", "alarms", "wd", "heatW");
    static final int ROWS = 20 * 60 + 1;

    static double mask(AlarmMeaning... a) {
        long m = 0;
        for (AlarmMeaning x : a) m |= 1L << x.ordinal();
        return m;
    }

    /** Both compressors commanded and turning while {@code on} holds, at 70 Hz; everything else quiet. */
    static ColumnTrace.Builder trace(IntPredicate c1, IntPredicate c2) {
        return ColumnTrace.every(1000, ROWS)
                .input("c1.en", i -> c1.test(i) ? 1 : 0).input("c1.set", i -> c1.test(i) ? 70 : 0).output("c1.hz", i -> c1.test(i) ? 70 : 0)
                .input("c2.en", i -> c2.test(i) ? 1 : 0).input("c2.set", i -> c2.test(i) ? 70 : 0).output("c2.hz", i -> c2.test(i) ? 70 : 0)
                .output("flowLow", i -> 0).output("supplyK", i -> Units.degCToK(75)).output("pressurePa", i -> Units.barToPa(110))
                .output("relief", i -> 0).output("hpSwitch", i -> 0).output("pumpRun", i -> 1)
                .extension("state", i -> ControllerState.RUNNING.ordinal()).extension("alarms", i -> 0).extension("wd", i -> 0);
    }

    static final IntPredicate NEVER = i -> false;

    // ---------------------------------------------------------------- SU-02

    @Test
    void su02PassesWhenTheStartIsRefusedWithAnAlarmAndSucceedsAfterTheFix() {
        // refused start at 10 s, START_REFUSED from 40 s; second start at 400 s, Running with C-211 turning from 430 s
        ColumnTrace t = trace(i -> i >= 420, NEVER).extension("alarms", i -> i >= 40 && i < 400 ? mask(AlarmMeaning.START_REFUSED) : 0)
                .extension("state", i -> i >= 430 ? ControllerState.RUNNING.ordinal() : ControllerState.OFF.ordinal()).build();
        assertThat(SequenceChecks.noCompressor(t, S, 10_000, 5).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(SequenceChecks.startRefused(t, S, 10_000, 60).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(SequenceChecks.restart(t, S, 400_000, 3).outcome()).isEqualTo(Verdict.Outcome.PASSED);
    }

    @Test
    void su02FailsOnACompressorCommandedDuringTheRefusalAndOnAMissingAlarm() {
        ColumnTrace t = trace(i -> i >= 100, NEVER).build();
        Judgement j = SequenceChecks.noCompressor(t, S, 10_000, 5);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("expected never a compressor commanded to run from 0:00:10.0 to 0:05:10.0")
                .contains("C-211 (enable on, set 70.0 Hz) commanded at plant time 0:01:40.0");
        Judgement a = SequenceChecks.startRefused(t, S, 10_000, 60);
        assertThat(a.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(a.message()).contains("expected START_REFUSED raised within 60.0 s of 0:00:10.0").contains("no alarm");
    }

    // ---------------------------------------------------------------- SU-03

    @Test
    void su03PassesOnRunsAndPausesLongEnough() {
        // C-211 runs 0-300 s, off 300-500 s (200 s), runs 500-700 s
        ColumnTrace t = trace(i -> i < 300 || (i >= 500 && i < 700), NEVER).build();
        assertThat(SequenceChecks.minOff(t, S, 0, 180).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(SequenceChecks.minRun(t, S, 0, 120).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(SequenceChecks.startsPerHour(t, S, 0, 6).outcome()).isEqualTo(Verdict.Outcome.PASSED);
    }

    @Test
    void su03CatchesAShortCyclingCompressor() {
        // C-212 runs 100-160 s (60 s), off 160-260 s (100 s), runs again: both timers broken
        ColumnTrace t = trace(i -> i < 300, i -> (i >= 100 && i < 160) || i >= 260).build();
        Judgement off = SequenceChecks.minOff(t, S, 0, 180);
        assertThat(off.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(off.message()).contains("expected C-212 off for >= 180 s").contains("stopped at plant time 0:02:40.0")
                .contains("plant time 0:04:20.0").contains("after 100.0 s off");
        Judgement run = SequenceChecks.minRun(t, S, 0, 120);
        assertThat(run.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(run.message()).contains("expected C-212 to run >= 120 s").contains("after 60.0 s");
    }

    @Test
    void su03CountsStartsPerCompressorInAnyHour() {
        // C-211 starts every 2 min (1 min on, 1 min off) for 20 min: 10 starts within the hour
        ColumnTrace t = trace(i -> (i / 60) % 2 == 0, NEVER).build();
        Judgement j = SequenceChecks.startsPerHour(t, S, 0, 6);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("expected at most 6 C-211 starts in any hour; actual: 11");
    }

    @Test
    void minOffCountsFromTheActualStopWhenTheWatchdogStoppedTheCompressor() {
        // CL-01: the watchdog's failsafe stops C-211 at 105 s (commanded input to 0 as committed); the link returns at
        // 135 s and the controller, unaware, commands it again at once: 30 s off
        ColumnTrace t = trace(i -> i < 105 || i >= 135, NEVER).extension("wd", i -> i >= 105 && i < 135 ? 1 : 0).build();
        Judgement j = SequenceChecks.minOff(t, S, 100_000, 180);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("stopped at plant time 0:01:45.0").contains("after 30.0 s off");
        // and CL-01.failsafe: its first commands after the link returned resumed C-211 as if nothing had happened
        Judgement f = ProtectionChecks.resumesFromFailsafe(t, S, 100_000, 135_000);
        assertThat(f.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(f.message()).contains("expected every compressor commanded off in the controller's first commands after the link returned")
                .contains("C-211 (enable on, set 70.0 Hz) commanded at plant time 0:02:15.0").contains("resumed as if nothing had happened");
        // the reference: takes the watchdog's stop as a stop and restarts later through its start sequence
        ColumnTrace ref = trace(i -> i < 105 || i >= 400, NEVER).extension("wd", i -> i >= 105 && i < 135 ? 1 : 0).build();
        assertThat(ProtectionChecks.resumesFromFailsafe(ref, S, 100_000, 135_000).outcome()).isEqualTo(Verdict.Outcome.PASSED);
    }

    // ---------------------------------------------------------------- SU-04

    @Test
    void su04JudgesUnloadOffAndPumpOverrunFromTheStopCommand() {
        // stop at 100 s: 70 Hz until 120 s, 25 Hz until 150 s, off; P-271 runs until 240 s (90 s after the stop)
        ColumnTrace.Builder b = trace(i -> i < 150, NEVER).output("c1.hz", i -> i < 120 ? 70 : i < 150 ? 25 : 0);
        ColumnTrace good = b.output("pumpRun", i -> i < 240 ? 1 : 0).build();
        assertThat(SequenceChecks.off(good, S, 100_000, 120).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(SequenceChecks.pumpOverrun(good, S, 100_000, 60).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        ColumnTrace shortOverrun = b.output("pumpRun", i -> i < 180 ? 1 : 0).build();
        Judgement j = SequenceChecks.pumpOverrun(shortOverrun, S, 100_000, 60);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("P-271 stopped at plant time 0:03:00.0").contains("30.0 s after it began");
    }

    // ---------------------------------------------------------------- HP-01 .. HP-04

    @Test
    void hp01PassesWhenThePressureComesBackUnderTheSoftLimitAndFailsWhenItStaysAbove() {
        // stimulus at 100 s: pressure peaks at 128 bar at 150 s, back to 118 bar from 200 s
        ColumnTrace good = trace(i -> true, NEVER).output("pressurePa", i -> Units.barToPa(i < 100 ? 110 : i < 150 ? 110 + (i - 100) * 0.36 : i < 200 ? 128 : 118)).build();
        assertThat(ProtectionChecks.belowSwitch(good, S, 0, 130).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(ProtectionChecks.pressureAtMost(good, S, 220_000, END, 125).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        ColumnTrace bad = trace(i -> true, NEVER).output("pressurePa", i -> Units.barToPa(i < 100 ? 110 : 127)).build();
        Judgement j = ProtectionChecks.pressureAtMost(bad, S, 220_000, END, 125);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("PT-202 > 125.00 bar").contains("PT-202 127.00 bar at plant time 0:03:40.0");
    }

    @Test
    void hp02JudgesTheStopTheAlarmAndNoRestartBeforeTheResetOnCommands() {
        // flow lost at 100 s; compressors off at 106 s, FLOW_TRIP from 106 s; reset at 600 s, restart commanded at 700 s
        ColumnTrace good = trace(i -> i < 106 || i >= 700, i -> i < 106).extension("alarms", i -> i >= 106 && i < 600 ? mask(AlarmMeaning.FLOW_TRIP) : 0).build();
        assertThat(ProtectionChecks.flowLossStop(good, S, 100_000, 10).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(ProtectionChecks.flowLossAlarm(good, S, 100_000, 5).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(ProtectionChecks.noRestartBeforeReset(good, S, 100_000, 600_000, "DH flow lost").outcome()).isEqualTo(Verdict.Outcome.PASSED);
        // restarts-after-trip: the controller commands C-211 again at 400 s, before the reset; the plant's latched
        // flow switch would keep it still, so only the command shows it
        ColumnTrace bad = trace(i -> i < 106 || i >= 400, i -> i < 106).output("c1.hz", i -> i < 106 ? 70 : 0).build();
        Judgement j = ProtectionChecks.noRestartBeforeReset(bad, S, 100_000, 600_000, "DH flow lost");
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("before the reset at 0:10:00.0").contains("C-211 (enable on, set 70.0 Hz) commanded at plant time 0:06:40.0");
        Judgement noAlarm = ProtectionChecks.flowLossAlarm(trace(i -> i < 106, i -> i < 106).build(), S, 100_000, 5);
        assertThat(noAlarm.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(noAlarm.message()).contains("FLOW_TRIP or HP_TRIP raised within 5.0 s of 0:01:46.0");
    }

    @Test
    void hp03AcceptsAHeldPressureOrATripWithItsAlarmAndNoRestart() {
        ColumnTrace held = trace(i -> true, NEVER).output("pressurePa", i -> Units.barToPa(i < 100 ? 110 : 122)).build();
        assertThat(ProtectionChecks.heldOrTripped(held, S, 100_000, END, 125).message()).startsWith("held:");
        // over 125 bar at 105 s, PSHH-202 at 108 s, HP_TRIP from 108 s, compressors off, no reset
        java.util.function.Supplier<ColumnTrace.Builder> trip = () -> trace(i -> i < 108, i -> i < 108)
                .output("pressurePa", i -> Units.barToPa(i < 100 ? 110 : i < 108 ? 120 + (i - 100) : 100)).output("hpSwitch", i -> i >= 108 ? 1 : 0);
        ColumnTrace tripped = trip.get().extension("alarms", i -> i >= 108 ? mask(AlarmMeaning.HP_TRIP) : 0).build();
        Judgement ok = ProtectionChecks.heldOrTripped(tripped, S, 100_000, END, 125);
        assertThat(ok.outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(ok.message()).startsWith("tripped:");
        Judgement silent = ProtectionChecks.heldOrTripped(trip.get().build(), S, 100_000, END, 125);
        assertThat(silent.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(silent.message()).contains("HP_TRIP was never raised");
        assertThat(ProtectionChecks.noRelief(tripped, S, 0).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        Judgement relief = ProtectionChecks.noRelief(trace(i -> true, NEVER).output("relief", i -> i >= 300 ? 1 : 0).build(), S, 0);
        assertThat(relief.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(relief.message()).contains("PSV-202 open").contains("0:05:00.0");
        // tripped and alarmed, but commanded again before any reset (restarts-after-trip)
        ColumnTrace restarted = trip.get().input("c1.en", i -> i < 108 || i >= 300 ? 1 : 0)
                .extension("alarms", i -> i >= 108 ? mask(AlarmMeaning.HP_TRIP) : 0).build();
        Judgement again = ProtectionChecks.heldOrTripped(restarted, S, 100_000, END, 125);
        assertThat(again.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(again.message()).contains("C-211 (enable on").contains("plant time 0:05:00.0");
    }

    // ---------------------------------------------------------------- SF-01, CL-01

    @Test
    void sf01JudgesWhatTheControllerCommandedAfterTheSensorFault() {
        // PT-202 bad at 100 s: compressors commanded off at 103 s, SENSOR_FAULT from 102 s
        ColumnTrace good = trace(i -> i < 103, i -> i < 103).extension("alarms", i -> i >= 102 ? mask(AlarmMeaning.SENSOR_FAULT) : 0).build();
        assertThat(ProtectionChecks.commandedOff(good, S, 100_000, 10).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(ProtectionChecks.alarmWithin(good, S, AlarmMeaning.SENSOR_FAULT, 100_000, 10_000).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        // ignores-sensor-fault: keeps running on a bad sensor
        Judgement j = ProtectionChecks.commandedOff(trace(i -> true, i -> true).build(), S, 100_000, 10);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("expected every compressor commanded off within 10.0 s of 0:01:40.0").contains("C-211 (enable on, set 70.0 Hz)");
    }

    /** The watchdog is the bench's: a loss it never noticed is no stimulus, so CL-01.failsafe cannot be judged (inconclusive, not passed). */
    @Test
    void cl01FailsafeIsInconclusiveWhenTheWatchdogNeverTrips() {
        Judgement j = ProtectionChecks.resumesFromFailsafe(trace(i -> true, NEVER).build(), S, 100_000, 130_000);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.INCONCLUSIVE);
        assertThat(j.message()).contains("never dropped the actuators to fail-safe");
    }

    // ---------------------------------------------------------------- LD-01

    @Test
    void ld01SettleAndLoadStepBands() {
        // set-point step 70 -> 75 °C at 60 s: supply ramps 0.01 K/s from 70 °C (75 at 560 s); air step at 600 s dips it to 73.5 °C
        ColumnTrace t = trace(i -> true, NEVER).output("supplyK", i -> Units.degCToK(i < 60 ? 70 : i < 560 ? 70 + (i - 60) * 0.01 : i < 600 || i > 700 ? 75 : 73.5)).build();
        double set = Units.degCToK(75);
        assertThat(SequenceChecks.settle(t, S, 60_000, set, 10, 1, 30).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        Judgement late = SequenceChecks.settle(t, S, 60_000, set, 5, 1, 30);
        assertThat(late.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(late.message()).contains("TT-272 within ±1.0 K of 75.0 °C within 300.0 s");
        // entered at 460 s (74.0 °C) but the air step dips it out at 600 s: not settled when the dwell is 180 s
        Judgement brief = SequenceChecks.settle(t, S, 60_000, set, 10, 0.4, 180);
        assertThat(brief.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(brief.message()).contains("but left it");
        assertThat(SequenceChecks.loadStep(t, S, 600_000, set, 10, 2).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        Judgement dip = SequenceChecks.loadStep(t, S, 600_000, set, 10, 1);
        assertThat(dip.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(dip.message()).contains("TT-272 73.50 °C at plant time 0:10:00.0");
    }
}
