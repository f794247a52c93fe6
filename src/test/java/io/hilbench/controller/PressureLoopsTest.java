package io.hilbench.controller;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The optimal high pressure (Liao, Zhao &amp; Jakobsen 2000) and the receiver set-point, against the numbers of the
 * domain notes (§2.1 table, §8 saturation table; DESIGN §5 receiver rule), and the direction of both PIs.
 */
class PressureLoopsTest {
    @Test
    void liaoGivesTheDomainNotesTableValues() {
        // domain notes §2.1: the Liao column of the brute-force check table (t_e, t_gc → bar, printed to 0.1 bar)
        double[][] rows = {{-10, 35, 89.6}, {-10, 40, 104.2}, {-10, 45, 118.9}, {-5, 40, 103.0}, {0, 35, 87.9}, {0, 40, 101.8}, {0, 45, 115.7},
                {5, 40, 100.5}};
        for (double[] r : rows) {
            assertThat(HighPressureLoop.liaoOptimalBar(r[1], r[0])).as("t_e %.0f, t_gc %.0f", r[0], r[1]).isCloseTo(r[2], within(0.06));
        }
    }

    @Test
    void theSaturationTemperatureMatchesTheSpanWagnerTable() {
        // domain notes §8 saturation table (and the −8 °C point the operating example uses)
        assertThat(HighPressureLoop.saturationTemperatureDegC(28.0269)).isCloseTo(-8.0, within(0.01));
        assertThat(HighPressureLoop.saturationTemperatureDegC(34.8514)).isCloseTo(0.0, within(0.01));
        assertThat(HighPressureLoop.saturationTemperatureDegC(45.0218)).isCloseTo(10.0, within(0.01));
        // between table points (p_sat(−10..−8) interpolated in ln p): within 0.1 K of the −9 °C value 27.25 bar [C]
        assertThat(HighPressureLoop.saturationTemperatureDegC(27.25)).isCloseTo(-9.0, within(0.1));
    }

    @Test
    void theSetPointIsCappedAtTheAimBelowTheSoftLimitAndFlooredAboveTheCriticalPressure() {
        HighPressureLoop loop = new HighPressureLoop(PressureConfig.defaults());
        // t_gc 50 °C, suction 34.85 bar (t_e 0 °C): Liao 129.6 bar, above the 120 bar aim (DESIGN §5)
        assertThat(HighPressureLoop.liaoOptimalBar(50, 0)).isCloseTo(129.56, within(0.01));
        assertThat(loop.setPointBar(50, 34.8514)).isEqualTo(120.0);
        // t_gc 20 °C: Liao 46 bar, subcritical: floored
        assertThat(loop.setPointBar(20, 34.8514)).isEqualTo(80.0);
        // at the Solrød design point (t_e −8 °C, t_gc 43 °C) the set-point is Liao's own
        assertThat(loop.setPointBar(43, 28.0269)).isCloseTo(HighPressureLoop.liaoOptimalBar(43, -8), within(0.02));
    }

    @Test
    void hv221OpensWhenThePressureIsAboveTheOptimumAndClosesWhenBelow() {
        HighPressureLoop loop = new HighPressureLoop(PressureConfig.defaults());
        loop.reset(50);
        // set-point settles on Liao(43, −8) ≈ 114 bar; a pressure 10 bar above it must open the valve
        double opening = 50;
        for (int i = 0; i < 600; i++) {
            Inputs in = Inputs.builder(i, i * 1000L).set(PlantTags.PT202, 124).set(PlantTags.PT201, 28.0269).set(PlantTags.TT203, 43).build();
            opening = loop.update(in, 1.0);
        }
        assertThat(opening).isGreaterThan(55);
        HighPressureLoop low = new HighPressureLoop(PressureConfig.defaults());
        low.reset(50);
        for (int i = 0; i < 600; i++) {
            Inputs in = Inputs.builder(i, i * 1000L).set(PlantTags.PT202, 95).set(PlantTags.PT201, 28.0269).set(PlantTags.TT203, 43).build();
            opening = low.update(in, 1.0);
        }
        assertThat(opening).isLessThan(45).isGreaterThanOrEqualTo(PressureConfig.defaults().hpValveMinPct());
        assertThat(low.setBar()).isCloseTo(HighPressureLoop.liaoOptimalBar(43, -8), within(0.5));
    }

    @Test
    void onTheWaterEvaporatorAloneTheSetPointIsTheAimNotLiao() {
        // SO-01 on the 2.3 K gas cooler: t_gc 47.4 °C, suction 44.6 bar (t_e 10 °C): Liao 118.8 bar, while the cycle's
        // optimum with the 75 °C supply imposed is >= 136 bar; on the tank source alone the loop holds the 120 bar aim
        double liao = HighPressureLoop.liaoOptimalBar(47.4, HighPressureLoop.saturationTemperatureDegC(44.6));
        assertThat(liao).isCloseTo(118.8, within(0.2));
        HighPressureLoop loop = new HighPressureLoop(PressureConfig.defaults());
        HighPressureLoop liaoLoop = new HighPressureLoop(PressureConfig.defaults());
        loop.reset(50);
        liaoLoop.reset(50);
        double atAim = 50, onLiao = 50;
        for (int i = 0; i < 600; i++) {
            // PT-202 at 119.5 bar: above Liao (open), below the aim (close)
            Inputs in = Inputs.builder(i, i * 1000L).set(PlantTags.PT202, 119.5).set(PlantTags.PT201, 44.6).set(PlantTags.TT203, 47.4).build();
            atAim = loop.update(in, 1.0, true);
            onLiao = liaoLoop.update(in, 1.0, false);
        }
        assertThat(loop.setBar()).isCloseTo(PressureConfig.defaults().hpAimBar(), within(0.01));
        assertThat(liaoLoop.setBar()).isCloseTo(liao, within(0.2));
        assertThat(atAim).as("below the aim: HV-221 closes").isLessThan(50);
        assertThat(onLiao).as("above Liao: HV-221 opens").isGreaterThan(50);
    }

    @Test
    void theHighPressureLimitsAreOrderedAimLimiterUnloadingSoftLimitCutOut() {
        // control below protection (issue #15 item 1): the aim 120 < the HV-221 limiter < the unloading < the 125 bar
        // soft limit (DESIGN §5) < the Pc max cut-out < the 130 bar HP switch (Solrød rig)
        ControllerConfig c = ControllerConfig.defaults();
        double aim = PressureConfig.defaults().hpAimBar();
        assertThat(aim).isEqualTo(120.0);
        assertThat(c.hpLimitSetBar()).isGreaterThan(aim);
        assertThat(c.hpUnloadSetBar()).isGreaterThan(c.hpLimitSetBar());
        assertThat(c.hpUnloadSetBar()).isLessThan(125.0);
        assertThat(c.hpCutOutBar()).isGreaterThan(125.0).isLessThan(130.0);
    }

    @Test
    void theReceiverSetPointIsMax35BarOrSuctionPlus5CappedAt65() {
        // DESIGN §5: receiver set-point floating above suction: max(35 bar, suction + 5 bar) ≤ 65 bar
        ReceiverPressureLoop loop = new ReceiverPressureLoop(PressureConfig.defaults());
        assertThat(loop.setPointBar(25)).isEqualTo(35.0);
        assertThat(loop.setPointBar(40)).isEqualTo(45.0);
        assertThat(loop.setPointBar(62)).isEqualTo(65.0);
        loop.reset(30);
        double opening = 30;
        for (int i = 0; i < 120; i++) {
            opening = loop.update(Inputs.builder(i, i * 1000L).set(PlantTags.PT204, 45).set(PlantTags.PT201, 28).build(), 1.0);
        }
        assertThat(opening).as("receiver 10 bar above its set-point: HV-222 opens").isGreaterThan(40);
    }
}
