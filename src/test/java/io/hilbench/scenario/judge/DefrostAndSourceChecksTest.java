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
 * The checks of DF-01..DF-03, SO-01 and SO-02 (DESIGN §8) on hand-made traces, one row per 10 s of plant time: each
 * passes on the behaviour the requirement asks for and fails on the controller fault it is there to catch (no defrost
 * termination, defrosting without frost, no source switch, two sections defrosting at once), with a message naming
 * expected, actual and plant time.
 */
class DefrostAndSourceChecksTest {
    static final HeatPumpSignals HP = ProtectionAndSequenceChecksTest.S;
    static final int ROWS = 3 * 360 + 1; // 3 h at 10 s
    static final long STEP_MS = 10_000;

    static DefrostSignals.Section sec(int k) {
        return new DefrostSignals.Section("section " + k, "s" + k + ".frost", "s" + k + ".cap", "s" + k + ".defrosting", "s" + k + ".q", "s" + k + ".dv");
    }

    static final DefrostSignals DS = new DefrostSignals(List.of(sec(1), sec(2)), HP);

    /** Minutes to rows. */
    static int row(double min) { return (int) Math.round(min * 6); }

    /**
     * Two sections at full load; section k defrosts while {@code dk} holds; frost grows 0.1 kg per row while evaporating
     * and falls to {@code leftShare} of its start over a defrost; capacity 1 − frost/100.
     */
    static ColumnTrace.Builder trace(IntPredicate d1, IntPredicate d2, double leftShare) {
        ColumnTrace.Builder b = base();
        addSection(b, 1, d1, leftShare);
        addSection(b, 2, d2, leftShare);
        return b;
    }

    static ColumnTrace.Builder base() {
        return ColumnTrace.every(STEP_MS, ROWS)
                .input("c1.en", i -> 1).input("c1.set", i -> 70).output("c1.hz", i -> 70)
                .input("c2.en", i -> 1).input("c2.set", i -> 70).output("c2.hz", i -> 70)
                .output("flowLow", i -> 0).output("supplyK", i -> Units.degCToK(75)).output("pressurePa", i -> Units.barToPa(110))
                .output("relief", i -> 0).output("hpSwitch", i -> 0).output("pumpRun", i -> 1)
                .extension("state", i -> ControllerState.RUNNING.ordinal()).extension("alarms", i -> 0).extension("wd", i -> 0);
    }

    static void addSection(ColumnTrace.Builder b, int k, IntPredicate d, double leftShare) {
        double[] frost = new double[ROWS];
        double f = 0;
        double atStart = 0;
        for (int i = 0; i < ROWS; i++) {
            boolean on = d.test(i);
            boolean began = on && (i == 0 || !d.test(i - 1));
            if (began) atStart = f;
            if (on) f = Math.max(atStart * leftShare, f - atStart / 6.0); // melts in one minute down to leftShare
            else f += 0.1;
            frost[i] = f;
        }
        b.output("s" + k + ".frost", i -> frost[i]).output("s" + k + ".cap", i -> Math.max(0, 1 - frost[i] / 100))
                .output("s" + k + ".defrosting", i -> d.test(i) ? 1 : 0).input("s" + k + ".dv", i -> d.test(i) ? 1 : 0)
                .output("s" + k + ".q", i -> d.test(i) ? 0 : 150_000);
    }

    /** Section 1 defrosts for 8 min from each 50 min mark, section 2 from each 50 min + 25 min mark: never together. */
    static final IntPredicate D1 = i -> i % row(50) >= row(40) && i % row(50) < row(48);
    static final IntPredicate D2 = i -> (i + row(25)) % row(50) >= row(40) && (i + row(25)) % row(50) < row(48);
    static final long H3 = 3 * 3_600_000L;

    @Test
    void df01PassesOnDemandDefrostsOneAtATimeThatClearTheCoilInTime() {
        // frost grows 0.1 kg / 10 s: 24 kg (capacity 76 %) by the first defrost at 40 min, well before the 70 % floor
        ColumnTrace t = trace(D1, D2, 0.02).build();
        assertThat(DefrostChecks.beforeCapacityLoss(t, DS, 0, H3, 30).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(DefrostChecks.oneAtATime(t, DS, 0, H3, 1).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(DefrostChecks.othersEvaporate(t, DS, 0, H3).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        Judgement d = DefrostChecks.defrostDuration(t, DS, 0, H3, 20);
        assertThat(d.outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(d.message()).contains("the longest 8.0 min");
        Judgement f = DefrostChecks.frostRemoved(t, DS, 0, H3, 5);
        assertThat(f.outcome()).as(f.message()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(DefrostChecks.supplyAtLeast(t, HP, 0, H3, Units.degCToK(75), 5).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(DefrostChecks.noTrip(t, HP, 0, H3).outcome()).isEqualTo(Verdict.Outcome.PASSED);
    }

    @Test
    void df01FailsWhenASectionIsNeverDefrostedAndItsCapacityFallsPastTheLimit() {
        // section 2 never defrosts: 0.1 kg per 10 s reaches 30 kg (capacity 70 %, the floor) just before 50 min
        ColumnTrace t = trace(D1, i -> false, 0.02).build();
        Judgement j = DefrostChecks.beforeCapacityLoss(t, DS, 0, H3, 30);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("section 2 capacity below 70 %").contains("frost 30.0 kg").contains("at plant time 0:49:50.0");
    }

    @Test
    void df01FailsOnTwoSectionsDefrostingAtOnceAndOnIdleSections() {
        ColumnTrace t = trace(D1, D1, 0.02).build();
        Judgement j = DefrostChecks.oneAtATime(t, DS, 0, H3, 1);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("section 1, section 2 defrosting").contains("at plant time 0:40:00.0");
        Judgement o = DefrostChecks.othersEvaporate(t, DS, 0, H3);
        assertThat(o.outcome()).isEqualTo(Verdict.Outcome.PASSED); // both defrost: no other section to evaporate
        ColumnTrace idle = trace(D1, D2, 0.02).output("s2.q", i -> 0).build();
        Judgement k = DefrostChecks.othersEvaporate(idle, DS, 0, H3);
        assertThat(k.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(k.message()).contains("section 1 defrosting").contains("section 2: frost").contains("duty 0.0 kW");
    }

    @Test
    void df01FailsOnADefrostThatOverrunsItsMaximumOrLeavesFrost() {
        IntPredicate longOne = i -> i >= row(40) && i < row(65);
        Judgement d = DefrostChecks.defrostDuration(trace(longOne, i -> false, 0.02).build(), DS, 0, H3, 20);
        assertThat(d.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(d.message()).contains("section 1 defrosted from at plant time 0:40:00.0").contains("25.0 min");
        Judgement f = DefrostChecks.frostRemoved(trace(D1, D2, 0.10).build(), DS, 0, H3, 5);
        assertThat(f.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        // section 2's first defrost (from 15 min) is the first to end, with more than 5 % of its frost left
        assertThat(f.message()).contains("section 2 had 7.50 kg at the start at plant time 0:15:00.0").contains("0.90 kg (12.0 %)");
        // a defrost still running at the end of the trace beyond its maximum also fails
        Judgement open = DefrostChecks.defrostDuration(trace(i -> i >= row(150), i -> false, 0.02).build(), DS, 0, H3, 20);
        assertThat(open.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(open.message()).contains("still going at the end of the run");
    }

    @Test
    void df01FailsWhenTheSupplySagsMoreThanAllowed() {
        ColumnTrace t = trace(D1, D2, 0.02).output("supplyK", i -> Units.degCToK(i >= row(45) && i < row(47) ? 69.5 : 75)).build();
        Judgement j = DefrostChecks.supplyAtLeast(t, HP, 0, H3, Units.degCToK(75), 5);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("TT-272 69.50 °C").contains("0:45:00.0");
    }

    @Test
    void df02PassesWithoutDefrostAndFailsOnADefrostWithoutFrost() {
        ColumnTrace none = trace(i -> false, i -> false, 0).build();
        assertThat(DefrostChecks.noDefrost(none, DS, 0, H3, List.of()).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        IntPredicate timed = i -> i % row(60) >= row(50) && i % row(60) < row(55);
        ColumnTrace t = trace(timed, i -> false, 0).build();
        Judgement j = DefrostChecks.noDefrost(t, DS, 0, H3, List.of());
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("section 1 defrosting").contains("at plant time 0:50:00.0");
        // a time fallback while frost sensing is invalid (a faulted coil sensor) is allowed
        assertThat(DefrostChecks.noDefrost(t, DS, 0, H3, List.of(new long[] {0, H3})).outcome()).isEqualTo(Verdict.Outcome.PASSED);
    }

    @Test
    void df03PassesWhenTheStuckSensorDefrostEndsOnMaximumTimeWithTheAlarmAndTheSectionReturns() {
        // section 2 defrosts from 10 min; its coil sensor sticks at 12 min; the maximum (20 min) ends it at 30 min
        IntPredicate d2 = i -> i >= row(10) && i < row(30);
        ColumnTrace t = trace(i -> false, d2, 0.02).extension("alarms", i -> i >= row(30.2) ? ProtectionAndSequenceChecksTest.mask(AlarmMeaning.DEFROST_MAX_TIME) : 0).build();
        long fault = 12 * 60_000;
        Judgement ends = DefrostChecks.endsInTime(t, DS, sec(2), fault, 20, 1);
        assertThat(ends.outcome()).isEqualTo(Verdict.Outcome.PASSED);
        Judgement alarm = DefrostChecks.maxTimeAlarm(t, DS, sec(2), fault, 20, 1);
        assertThat(alarm.outcome()).isEqualTo(Verdict.Outcome.PASSED);
        // the verdict's plant time is when it was met (the defrost's end, the alarm), not the defrost start the message names first
        assertThat(ends.plantTimeMs()).isBetween(30 * 60_000L - 1000, 30 * 60_000L + 1000);
        assertThat(alarm.plantTimeMs()).as("the first row with the alarm, ~30.2 min").isBetween(30 * 60_000L + 1, (long) (30.2 * 60_000) + 1000);
        assertThat(DefrostChecks.returnsToService(t, DS, sec(2), fault, 5).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(DefrostChecks.noStop(t, HP, fault, END).outcome()).isEqualTo(Verdict.Outcome.PASSED);
    }

    @Test
    void df03FailsWhenTheDefrostRunsOnWithoutTheAlarmOrTheHeatPumpStops() {
        IntPredicate d2 = i -> i >= row(10) && i < row(40);
        ColumnTrace t = trace(i -> false, d2, 0.02).input("c1.en", i -> i >= row(35) ? 0 : 1).input("c1.set", i -> i >= row(35) ? 0 : 70)
                .input("c2.en", i -> i >= row(35) ? 0 : 1).input("c2.set", i -> i >= row(35) ? 0 : 70).build();
        long fault = 12 * 60_000;
        Judgement e = DefrostChecks.endsInTime(t, DS, sec(2), fault, 20, 1);
        assertThat(e.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(e.message()).contains("defrost began at plant time 0:10:00.0").contains("section 2 defrost ended within 1260.0 s").contains("not by the deadline");
        Judgement a = DefrostChecks.maxTimeAlarm(t, DS, sec(2), fault, 20, 1);
        assertThat(a.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(a.message()).contains("DEFROST_MAX_TIME raised within 1260.0 s of 0:10:00.0").contains("no alarm");
        Judgement s = DefrostChecks.noStop(t, HP, fault, END);
        assertThat(s.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(s.message()).contains("at plant time 0:35:00.0");
        // a defrost that never ends never returns the section
        Judgement r = DefrostChecks.returnsToService(trace(i -> false, i -> i >= row(10), 0.02).build(), DS, sec(2), fault, 5);
        assertThat(r.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(r.message()).contains("still going at the end of the run");
    }

    @Test
    void df03FailsWhenTheSectionIsNotDefrostingAtAll() {
        Judgement j = DefrostChecks.endsInTime(trace(i -> false, i -> false, 0.02).build(), DS, sec(2), 60_000, 20, 1);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("section 2 did not defrost");
    }

    // ---------------------------------------------------------------- SO-01, SO-02

    static final SourceSignals SS = new SourceSignals("we.flow", "air.q", "tt401", "cop", "rating.airCop", "tankBottom", HP);

    /** Tank source from {@code tankFrom} rows on; collector inlet falls 1 K per 5 min from 40 °C once it runs. */
    static ColumnTrace.Builder source(int tankFrom, int tankUntil, double copTank) {
        IntPredicate tank = i -> i >= tankFrom && i < tankUntil;
        return base().output("we.flow", i -> tank.test(i) ? 30 / 3600.0 : 0).output("air.q", i -> tank.test(i) ? 0 : 600_000)
                .output("tt401", i -> Units.degCToK(40 - (tank.test(i) ? (i - tankFrom) / 30.0 : 0)))
                .output("cop", i -> tank.test(i) ? copTank : 2.6).output("tankBottom", i -> Units.degCToK(35))
                .extension("rating.airCop", i -> i % 6 == 0 ? 2.6 : Double.NaN);
    }

    @Test
    void so01PassesWhenTheTankSourceIsSelectedCoolsTheCollectorInletAndBeatsTheAirCop() {
        ColumnTrace t = source(row(4), ROWS, 3.2).build();
        assertThat(SourceChecks.tankSelected(t, SS, 0, 10).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        Judgement c = SourceChecks.inletColder(t, SS, 0, 0, 5, 60);
        assertThat(c.outcome()).as(c.message()).isEqualTo(Verdict.Outcome.PASSED);
        Judgement cop = SourceChecks.copGain(t, SS, 0, 3_600_000, 1.15);
        assertThat(cop.outcome()).as(cop.message()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(cop.message()).contains("mean COP 3.20").contains("air-source COP 2.60");
    }

    @Test
    void so01FailsWithoutTheTankSourceAndOnTooSmallACopGain() {
        ColumnTrace air = source(ROWS, ROWS, 3.2).build();
        Judgement s = SourceChecks.tankSelected(air, SS, 0, 10);
        assertThat(s.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(s.message()).contains("tank source in use").contains("water evaporator 0.0 m³/h, air sections 600.0 kW").contains("0:10:00.0");
        assertThat(SourceChecks.inletColder(air, SS, 0, 0, 5, 60).outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(SourceChecks.copGain(air, SS, 0, 3_600_000, 1.15).outcome()).isEqualTo(Verdict.Outcome.FAILED);
        Judgement small = SourceChecks.copGain(source(row(4), ROWS, 2.9).build(), SS, 0, 3_600_000, 1.15);
        assertThat(small.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(small.message()).contains("mean COP 2.90").contains("ratio 1.115");
    }

    @Test
    void so02PassesWhenItSwitchesBackToAirInTimeKeepingTheSupplyAndFailsWhenItStaysOnTheTank() {
        // the tank is spent at 30 min; back to air at 34 min
        ColumnTrace t = source(0, row(34), 3.2).build();
        long spent = 30 * 60_000;
        assertThat(SourceChecks.backToAir(t, SS, spent, 10).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(SourceChecks.supplyBand(t, HP, spent, spent + 600_000, Units.degCToK(75), 3).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        ColumnTrace stays = source(0, ROWS, 3.2).output("supplyK", i -> Units.degCToK(i > row(35) ? 71 : 75)).build();
        Judgement j = SourceChecks.backToAir(stays, SS, spent, 10);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("air source in use").contains("water evaporator 30.0 m³/h").contains("0:40:00.0");
        Judgement band = SourceChecks.supplyBand(stays, HP, spent, spent + 600_000, Units.degCToK(75), 3);
        assertThat(band.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(band.message()).contains("TT-272 71.00 °C");
    }

    /** A controller that never defrosts: DF-01.defrosts fails, and the defrost assertions fail on nothing to judge instead of passing. */
    @Test
    void df01WithoutAnyDefrostFailsItsDefrostAssertionsNeverPasses() {
        ColumnTrace none = trace(i -> false, i -> false, 0.02).build();
        Judgement d = DefrostChecks.everySectionDefrosts(none, DS, 0, H3);
        assertThat(d.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(d.message()).contains("expected every section defrosted at least once").contains("section 1 never defrosted");
        for (Judgement j : List.of(DefrostChecks.defrostDuration(none, DS, 0, H3, 20), DefrostChecks.frostRemoved(none, DS, 0, H3, 5),
                DefrostChecks.oneAtATime(none, DS, 0, H3, 1), DefrostChecks.othersEvaporate(none, DS, 0, H3))) {
            assertThat(j.outcome()).as(j.message()).isEqualTo(Verdict.Outcome.FAILED);
            assertThat(j.message()).contains("no defrost in the window (nothing to judge)");
        }
        // only section 1 defrosts: DF-01.defrosts names section 2
        Judgement one = DefrostChecks.everySectionDefrosts(trace(D1, i -> false, 0.02).build(), DS, 0, H3);
        assertThat(one.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(one.message()).contains("section 2 never defrosted");
        assertThat(DefrostChecks.everySectionDefrosts(trace(D1, D2, 0.02).build(), DS, 0, H3).outcome()).isEqualTo(Verdict.Outcome.PASSED);
    }

    /** SO-02.on-tank: "back to air" means something only when the tank was the source when its bottom fell. */
    @Test
    void so02OnTankFailsForAControllerThatNeverUsedTheTank() {
        long spent = 30 * 60_000;
        assertThat(SourceChecks.onTankAt(source(0, row(34), 3.2).build(), SS, spent).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        ColumnTrace air = source(ROWS, ROWS, 3.2).build();
        Judgement j = SourceChecks.onTankAt(air, SS, spent);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("expected the tank source in use when the tank bottom fell at plant time 0:30:00.0")
                .contains("water evaporator 0.0 m³/h").contains("the tank was never the source before it");
        // and back-to-air alone would have passed on it: the reason on-tank exists
        assertThat(SourceChecks.backToAir(air, SS, spent, 10).outcome()).isEqualTo(Verdict.Outcome.PASSED);
    }

    /** SO-01.colder-inlet reads its reference once the initial conditions took effect, not at the run's first row. */
    @Test
    void so01ColderInletTakesItsReferenceAfterTheInitialConditions() {
        // the tank charge at 0 s drops TT-401 from 45 °C to 40 °C in the first row after it; the heat pump then cools it 0.2 K per min
        ColumnTrace t = source(ROWS, ROWS, 3.2).output("tt401", i -> Units.degCToK(i == 0 ? 45 : 40 - 0.2 * (i - 1) / 6.0)).build();
        Judgement fromStep0 = SourceChecks.inletColder(t, SS, 0, 0, 5, 10);
        assertThat(fromStep0.outcome()).as("a reference before the charge took effect counts the charge as the heat pump's").isEqualTo(Verdict.Outcome.PASSED);
        Judgement after = SourceChecks.inletColder(t, SS, 1, 0, 5, 10);
        assertThat(after.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(after.message()).contains("5.0 K colder than 40.00 °C at plant time 0:00:10.0");
    }
}
