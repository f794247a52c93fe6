package io.hilbench.scenario.judge;

import io.hilbench.Units;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SU-01's trace checks (DESIGN §8) on hand-made traces: each passes on a good start and fails on the fault it is
 * there for, with a message naming what was expected, what was found and the plant time. One row per second of plant
 * time; the start command at t = 0.
 */
class StartupChecksTest {
    static final StartupChecks.Signals S = new StartupChecks.Signals(
            List.of(new StartupChecks.Compressor("C-211", "c1.enable", "c1.speedSetHz", "c1.speedHz"),
                    new StartupChecks.Compressor("C-212", "c2.enable", "c2.speedSetHz", "c2.speedHz")),
            "FSL-271", "flowLow", "TT-272", "supplyK", "PT-202", "pressurePa", List.of("hp.safety.hpSwitchTripped"));
    static final double SET_K = Units.degCToK(75);
    static final int ROWS = 30 * 60 + 1;   // 30 min at 1 s

    /** A good start: flow at 5 s, C-211 commanded at 10 s, 45 Hz from 15 s, supply ramps from 40 to 75 °C by 10 min. */
    static ColumnTrace.Builder goodStart() {
        return ColumnTrace.every(1000, ROWS)
                .output("flowLow", i -> i < 5 ? 1 : 0)
                .input("c1.enable", i -> i >= 10 ? 1 : 0)
                .input("c1.speedSetHz", i -> i >= 10 ? 45 : 0)
                .output("c1.speedHz", i -> i < 11 ? 0 : Math.min(45, (i - 10) * 10))
                .input("c2.enable", i -> 0).input("c2.speedSetHz", i -> 0).output("c2.speedHz", i -> 0)
                .output("supplyK", i -> Units.degCToK(Math.min(75, 40 + 35 * i / 600.0)))
                .output("pressurePa", i -> Units.barToPa(Math.min(110, 57 + i)))
                .output("hp.safety.hpSwitchTripped", i -> 0);
    }

    @Test
    void flowProofPassesWhenTheFlowSwitchReadsClearBeforeTheFirstCompressorCommand() {
        Judgement j = StartupChecks.flowProof(goodStart().build(), S);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.PASSED);
    }

    @Test
    void flowProofFailsOnACompressorCommandedWhileFlowIsLowEvenIfTheChainWouldStopIt() {
        // judged on what the controller commanded (enable), not on what ran: the plant's flow switch would mask it
        ColumnTrace t = goodStart().output("flowLow", i -> i < 5 ? 1 : 0).input("c2.enable", i -> i >= 2 ? 1 : 0).build();
        Judgement j = StartupChecks.flowProof(t, S);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("expected no compressor commanded before FSL-271 reads clear")
                .contains("C-212 commanded").contains("plant time 0:00:02.0 (step 2)").contains("flow low");
    }

    @Test
    void leadMinSpeedPassesWhenTheLeadHoldsFortyHertzForTenSeconds() {
        Judgement j = StartupChecks.leadMinSpeed(goodStart().build(), S, 40, 10);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(j.message()).contains("C-211");
    }

    @Test
    void leadMinSpeedFailsWhenTheLeadDropsBelowFortyHertzTooSoon() {
        // reaches 40 Hz at 15 s, the supply loop takes it to 30 Hz at 20 s: 5 s at speed instead of 10
        IntToDoubleFunction speed = i -> i < 11 ? 0 : i < 20 ? Math.min(45, (i - 10) * 10) : 30;
        Judgement j = StartupChecks.leadMinSpeed(goodStart().output("c1.speedHz", speed).build(), S, 40, 10);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("expected lead compressor C-211 at >= 40 Hz for >= 10 s").contains("actual: 30.0 Hz")
                .contains("plant time 0:00:20.0").contains("only 6.0 s");
    }

    @Test
    void leadMinSpeedFailsWhenNoCompressorRuns() {
        Judgement j = StartupChecks.leadMinSpeed(goodStart().output("c1.speedHz", i -> 0).build(), S, 40, 10);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("no compressor ran");
    }

    @Test
    void settlePassesWithinTheBandBeforeTheDeadlineAndFailsWithTheClosestValue() {
        Judgement ok = StartupChecks.settle(goodStart().build(), S, SET_K, 0, 15, 1.0, 180);
        assertThat(ok.outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(ok.message()).contains("within ±1.0 K of 75.0 °C").contains("stayed there for 180.0 s");

        ColumnTrace slow = goodStart().output("supplyK", i -> Units.degCToK(Math.min(70, 40 + 35 * i / 600.0))).build();
        Judgement late = StartupChecks.settle(slow, S, SET_K, 0, 15, 1.0, 180);
        assertThat(late.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(late.message()).contains("expected TT-272 within ±1.0 K of 75.0 °C within 900.0 s of 0:00:00.0 and to stay there for 180.0 s")
                .contains("never in the band by 0:15:00.0, 70.00 °C at the deadline");
    }

    /** A set-point applied 4 K too high: the supply crosses the ±1 K band on its way to 79 °C — that is no settling. */
    @Test
    void settleFailsOnASupplyThatOnlyCrossesTheBand() {
        ColumnTrace crossing = goodStart().output("supplyK", i -> Units.degCToK(Math.min(79, 40 + 39 * i / 600.0))).build();
        Judgement j = StartupChecks.settle(crossing, S, SET_K, 0, 15, 1.0, 180);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("entered at plant time").contains("but left it").contains("and never stayed 180.0 s");
    }

    @Test
    void holdFailsOnAnExcursionAfterSettlingAndNamesItsPlantTime() {
        ColumnTrace good = goodStart().build();
        assertThat(StartupChecks.hold(good, S, SET_K, 0, 15, 1.0, 180, 10, 1.5).outcome()).isEqualTo(Verdict.Outcome.PASSED);

        // settles at 9:09 (74.0 °C, and stays for the 180 s dwell), then overshoots to 77 °C at 13 min
        ColumnTrace overshoot = goodStart().output("supplyK", i -> Units.degCToK(i == 780 ? 77 : Math.min(75, 40 + 35 * i / 600.0))).build();
        Judgement j = StartupChecks.hold(overshoot, S, SET_K, 0, 15, 1.0, 180, 10, 1.5);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("within ±1.5 K of 75.0 °C from settling at").contains("actual: 77.00 °C at plant time 0:13:00.0");
    }

    @Test
    void holdIsInconclusiveWhenTheTraceEndsBeforeItsWindow() {
        ColumnTrace shortRun = ColumnTrace.every(1000, 600).output("supplyK", i -> SET_K).build();
        assertThat(StartupChecks.hold(shortRun, S, SET_K, 0, 15, 1.0, 180, 10, 1.5).outcome()).isEqualTo(Verdict.Outcome.INCONCLUSIVE);
    }

    @Test
    void pressureFailsAtTheSoftLimitNotJustAboveIt() {
        assertThat(StartupChecks.pressure(goodStart().build(), S, 125).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        // "never >= 125 bar": exactly 125 bar fails
        Judgement j = StartupChecks.pressure(goodStart().output("pressurePa", i -> Units.barToPa(i == 300 ? 125 : 100)).build(), S, 125);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("expected PT-202 never >= 125.0 bar").contains("actual: 125.00 bar at plant time 0:05:00.0");
    }

    @Test
    void noTripFailsOnAnySafetyChainOutput() {
        assertThat(StartupChecks.noTrip(goodStart().build(), S).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        Judgement j = StartupChecks.noTrip(goodStart().output("hp.safety.hpSwitchTripped", i -> i >= 400 ? 1 : 0).build(), S);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("hp.safety.hpSwitchTripped set at plant time 0:06:40.0");
    }

    @Test
    void theBookJudgesEveryAssertionAndNamesEveryFailedId() {
        // soft assertions: a variant is caught on its own id even when another one fails too (DESIGN §8)
        AssertionBook book = new AssertionBook();
        book.register(new Assertion("SU-01.flow-proof", java.util.Map.of(), 0, t -> StartupChecks.flowProof(t, S)));
        book.register(new Assertion("SU-01.pressure", java.util.Map.of("gas_cooler_pressure_max_bar", 100.0), 0, t -> StartupChecks.pressure(t, S, 100)));
        book.register(new Assertion("SU-01.no-trip", java.util.Map.of(), 0, t -> StartupChecks.noTrip(t, S)));
        ColumnTrace t = goodStart().input("c1.enable", i -> i >= 1 ? 1 : 0).build();
        List<Verdict> v = book.evaluate(t);
        assertThat(v).extracting(Verdict::outcome).containsExactly(Verdict.Outcome.FAILED, Verdict.Outcome.FAILED, Verdict.Outcome.PASSED);
        AssertionError e = AssertionBook.failure(v);
        assertThat(e.getMessage()).startsWith("failed: SU-01.flow-proof, SU-01.pressure").contains("gas_cooler_pressure_max_bar=100.0");
        assertThat(Inconclusive.is(e)).isFalse();
    }

    @Test
    void anInconclusiveRunIsNeverGreenButToldApartFromAFailure() {
        AssertionBook book = new AssertionBook();
        book.register(new Assertion("SU-01.settle", java.util.Map.of(), 0, t -> Judgement.pass("")));
        AssertionError e = AssertionBook.failure(book.inconclusive("controller not responding at step 42"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("INCONCLUSIVE:").contains("controller not responding at step 42");
        assertThat(Inconclusive.is(e)).isTrue();
        assertThat(AssertionBook.failure(book.evaluate(goodStart().build()))).isNull();
    }
}
