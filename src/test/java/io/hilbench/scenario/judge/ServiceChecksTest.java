package io.hilbench.scenario.judge;

import io.hilbench.Units;
import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;
import org.junit.jupiter.api.Test;

import java.util.function.IntPredicate;

import static io.hilbench.scenario.judge.ProtectionAndSequenceChecksTest.NEVER;
import static io.hilbench.scenario.judge.ProtectionAndSequenceChecksTest.S;
import static io.hilbench.scenario.judge.ProtectionAndSequenceChecksTest.mask;
import static io.hilbench.scenario.judge.ProtectionAndSequenceChecksTest.trace;
import static io.hilbench.scenario.judge.TraceAssertions.END;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks every requirement shares (DESIGN §8 "what a verdict must mean") on hand-made traces, one row per second:
 * each passes on the good behaviour and fails — never passes on nothing — on the faults outside testers found passing:
 * a controller that trips itself mid-window, one that never starts, a state word stuck at Running, a hard stop, all
 * compressors started at once, no stop and restart to judge the short-cycle rules on.
 */
class ServiceChecksTest {
    static int ordinal(ControllerState s) { return s.ordinal(); }

    // ---------------------------------------------------------------- in service

    @Test
    void inServicePassesOnAHeatPumpThatRunsThroughTheWindow() {
        ColumnTrace t = trace(i -> i >= 60, NEVER).extension("state", i -> ordinal(i >= 60 ? ControllerState.RUNNING : ControllerState.STARTING)).build();
        Judgement j = ServiceChecks.inService(t, S, 0, 300_000, END, 300_000);
        assertThat(j.outcome()).as(j.message()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(j.message()).contains("in service at plant time 0:01:00.0");
    }

    /** The self-trip outside testers found passing HP-04: its own DH pump drops out, FLOW_TRIP, off for the rest of the window. */
    @Test
    void inServiceFailsOnAControllerThatTripsItselfMidWindow() {
        ColumnTrace t = trace(i -> i >= 60 && i < 600, NEVER)
                .extension("state", i -> ordinal(i < 60 ? ControllerState.STARTING : i < 600 ? ControllerState.RUNNING : ControllerState.TRIPPED))
                .extension("alarms", i -> i >= 600 ? mask(AlarmMeaning.FLOW_TRIP) : 0).build();
        Judgement j = ServiceChecks.inService(t, S, 0, 300_000, END, 300_000);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("actual: out of service, state Tripped").contains("FLOW_TRIP").contains("0:10:00.0");
    }

    /** A state word that says Running while nothing turns is out of service too: judged on the compressors, not the word alone. */
    @Test
    void inServiceFailsWhenNoCompressorTurnsWhateverTheStateSays() {
        ColumnTrace t = trace(i -> i >= 60 && i < 800, NEVER).extension("state", i -> ordinal(ControllerState.RUNNING)).build();
        Judgement j = ServiceChecks.inService(t, S, 0, 300_000, END, 300_000);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("no compressor turning from at plant time 0:13:20.0").contains("for more than 300.0 s");
    }

    /** A low-load pause of the controller's own (all compressors off for the minimum off time, state Running) is service. */
    @Test
    void inServiceAcceptsALowLoadPauseShorterThanTheLimit() {
        ColumnTrace t = trace(i -> i >= 60 && (i < 600 || i >= 790), NEVER).extension("state", i -> ordinal(i < 60 ? ControllerState.STARTING : ControllerState.RUNNING)).build();
        Judgement j = ServiceChecks.inService(t, S, 0, 300_000, END, 300_000);
        assertThat(j.outcome()).as(j.message()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(j.message()).contains("1 low-load pause(s), the longest 189.0 s");
    }

    @Test
    void inServiceFailsOnAControllerThatNeverStarts() {
        ColumnTrace t = trace(NEVER, NEVER).extension("state", i -> ordinal(ControllerState.OFF)).build();
        Judgement j = ServiceChecks.inService(t, S, 0, 300_000, END, 300_000);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("never in service by 0:05:00.0").contains("state Off");
    }

    // ---------------------------------------------------------------- reported state

    @Test
    void trippedUntilResetPassesOnTheReferenceAndFailsOnAStateStuckAtRunning() {
        // flow lost at 100 s, compressors stop at 103 s; reset at 500 s
        IntPredicate on = i -> i < 103 || i >= 600;
        ColumnTrace good = trace(on, NEVER).extension("state", i -> ordinal(i < 103 ? ControllerState.RUNNING : i < 500 ? ControllerState.TRIPPED
                        : i < 600 ? ControllerState.OFF : ControllerState.RUNNING))
                .extension("alarms", i -> i >= 103 && i < 500 ? mask(AlarmMeaning.FLOW_TRIP) : 0).build();
        Judgement ok = ServiceChecks.trippedUntilReset(good, S, 100_000, 10, 500_000, AlarmMeaning.FLOW_TRIP, AlarmMeaning.HP_TRIP);
        assertThat(ok.outcome()).as(ok.message()).isEqualTo(Verdict.Outcome.PASSED);

        ColumnTrace stuck = trace(on, NEVER).extension("state", i -> ordinal(ControllerState.RUNNING))
                .extension("alarms", i -> i >= 103 && i < 500 ? mask(AlarmMeaning.FLOW_TRIP) : 0).build();
        Judgement j = ServiceChecks.trippedUntilReset(stuck, S, 100_000, 10, 500_000, AlarmMeaning.FLOW_TRIP, AlarmMeaning.HP_TRIP);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("the controller reporting Tripped or Fault within 10.0 s").contains("state Running");

        // Tripped, but back to Off by itself before the reset: a latched trip that is not latched
        ColumnTrace unlatched = trace(on, NEVER).extension("state", i -> ordinal(i < 103 ? ControllerState.RUNNING : i < 200 ? ControllerState.TRIPPED
                        : ControllerState.OFF))
                .extension("alarms", i -> i >= 103 ? mask(AlarmMeaning.FLOW_TRIP) : 0).build();
        Judgement u = ServiceChecks.trippedUntilReset(unlatched, S, 100_000, 10, 500_000, AlarmMeaning.FLOW_TRIP, AlarmMeaning.HP_TRIP);
        assertThat(u.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(u.message()).contains("another state than Tripped or Fault before the reset").contains("state Off").contains("at plant time 0:03:20.0");
    }

    @Test
    void offAfterStopFailsOnAStateStuckAtRunningAndPassesOnStoppingThenOff() {
        // stop at 100 s; compressors off at 200 s; Off at 290 s
        ColumnTrace good = trace(i -> i < 200, NEVER).extension("state", i -> ordinal(i < 101 ? ControllerState.RUNNING : i < 290 ? ControllerState.STOPPING
                : ControllerState.OFF)).build();
        Judgement ok = ServiceChecks.offAfterStop(good, S, 100_000, 10, 240);
        assertThat(ok.outcome()).as(ok.message()).isEqualTo(Verdict.Outcome.PASSED);
        ColumnTrace stuck = trace(i -> i < 200, NEVER).extension("state", i -> ordinal(ControllerState.RUNNING)).build();
        Judgement j = ServiceChecks.offAfterStop(stuck, S, 100_000, 10, 240);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("Running, Starting or Defrosting after the stop command").contains("0:01:50.0");
        ColumnTrace early = trace(i -> i < 200, NEVER).extension("state", i -> ordinal(i < 101 ? ControllerState.RUNNING : ControllerState.OFF)).build();
        Judgement e = ServiceChecks.offAfterStop(early, S, 100_000, 10, 240);
        assertThat(e.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(e.message()).contains("reporting Off while a compressor turns");
    }

    // ---------------------------------------------------------------- ordered unload, staging, cycles

    @Test
    void orderedUnloadPassesThroughTheMinimumAndFailsOnAHardStop() {
        // stop at 100 s: commanded 25 Hz from 101 s (feedback there from 110 s), off at 130 s
        ColumnTrace good = trace(i -> i < 130, NEVER).input("c1.set", i -> i < 130 ? (i < 101 ? 70 : 25) : 0)
                .output("c1.hz", i -> i < 110 ? (i < 101 ? 70 : 50) : i < 130 ? 25 : 0).build();
        Judgement ok = ServiceChecks.orderedUnload(good, S, 100_000, 25, 60);
        assertThat(ok.outcome()).as(ok.message()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(ok.message()).contains("C-211 at 25.0 Hz at plant time 0:01:50.0");
        // hard stop: enable off at 101 s from 70 Hz (the old "every compressor <= 25 Hz" took 0 Hz for an unload)
        ColumnTrace hard = trace(i -> i < 101, NEVER).build();
        Judgement j = ServiceChecks.orderedUnload(hard, S, 100_000, 25, 60);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("without passing through the minimum (a hard stop)");
    }

    @Test
    void stagingFailsWhenTheCompressorsStartTogether() {
        ColumnTrace staged = trace(i -> i >= 60, i -> i >= 120).build();
        Judgement ok = ServiceChecks.staging(staged, S, 0, 900_000, 30);
        assertThat(ok.outcome()).as(ok.message()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(ok.message()).contains("2 compressor start(s) one at a time, the closest 60.0 s apart");
        Judgement together = ServiceChecks.staging(trace(i -> i >= 60, i -> i >= 61).build(), S, 0, 900_000, 30);
        assertThat(together.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(together.message()).contains("C-212 started at plant time 0:01:01.0 (step 61), 1.0 s after C-211");
        Judgement none = ServiceChecks.staging(trace(NEVER, NEVER).build(), S, 0, 900_000, 30);
        assertThat(none.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(none.message()).contains("no compressor was started (nothing to stage)");
    }

    @Test
    void stopsAndRestartsFailsWhenNothingCycledOrNothingRan() {
        assertThat(ServiceChecks.stopsAndRestarts(trace(i -> i < 300 || i >= 500, NEVER).build(), S, 0).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        Judgement never = ServiceChecks.stopsAndRestarts(trace(NEVER, NEVER).build(), S, 0);
        assertThat(never.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(never.message()).contains("no compressor was ever commanded to run");
        Judgement continuous = ServiceChecks.stopsAndRestarts(trace(i -> true, NEVER).build(), S, 0);
        assertThat(continuous.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(continuous.message()).contains("1 start(s), no stop followed by a restart");
    }

    // ---------------------------------------------------------------- preconditions

    @Test
    void fullLoadAndSettledAreConditionsOnTheTrace() {
        ColumnTrace t = trace(i -> i >= 30, i -> i >= 90).output("heatW", i -> i >= 90 ? 1.25e6 : 0.3e6)
                .output("c1.hz", i -> i >= 30 ? 55 : 0).output("c2.hz", i -> i >= 90 ? 55 : 0)
                .output("supplyK", i -> Units.degCToK(Math.min(75, 40 + i / 10.0))).build();
        Judgement full = TraceAssertions.within(t, ServiceChecks.fullLoad(t, S, 63, 1.2e6), 0, 600_000);
        assertThat(full.outcome()).as(full.message()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(full.message()).contains("at plant time 0:01:30.0");
        Judgement never = TraceAssertions.within(t, ServiceChecks.fullLoad(t, S, 63, 1.3e6), 0, 600_000);
        assertThat(never.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        Judgement settled = TraceAssertions.within(t, ServiceChecks.supplyWithin(t, S, Units.degCToK(75), 0.5), 0, 600_000);
        assertThat(settled.outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(settled.message()).contains("0:05:45.0");
    }
}
