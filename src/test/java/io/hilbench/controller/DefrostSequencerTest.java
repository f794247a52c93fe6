package io.hilbench.controller;

import io.hilbench.runtime.Quality;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defrost sequencer's logic without plant (DESIGN §8 DF-01..03; domain notes §4.2–4.3): demand initiation from the
 * coil ΔP (PDT-23s) and the air-to-coil ΔT, the time fallback only while frost sensing is invalid, one section at a time,
 * the valve/fan sequence, termination on coil temperature or maximum time, drip and fan delay. Signals are set by the
 * test; time is the plant time passed in 1 s cycles.
 */
class DefrostSequencerTest {
    private static final double FAN = 0.8;
    private static final double CLEAN_PA = 80 * FAN * FAN; // the clean coil at 80 % fan: 51.2 Pa
    private final DefrostConfig cfg = DefrostConfig.defaults();

    /** The test's sensors: per section ΔP and coil temperature, and the air. */
    private final double[] dpPa = {CLEAN_PA, CLEAN_PA, CLEAN_PA, CLEAN_PA};
    private final double[] coilDegC = {-8, -8, -8, -8};
    private final Quality[] dpQuality = {Quality.GOOD, Quality.GOOD, Quality.GOOD, Quality.GOOD};
    private double airDegC = 0;
    private double timeS;
    private boolean hotGas = true;
    /** While true, the coil of a section in its hot-gas step warms 0.1 K/s up to 20 °C (a coil that clears). */
    private boolean coilsWarmInDefrost = true;
    private final List<Integer> activeTrace = new ArrayList<>();

    private Inputs inputs() {
        Inputs.Builder b = Inputs.builder(Math.round(timeS), Math.round(timeS * 1000)).set(PlantTags.TT101, airDegC);
        for (int s = 1; s <= 4; s++) {
            b.set(PlantTags.coilPressureDrop(s), dpPa[s - 1], dpQuality[s - 1]).set(PlantTags.coilTemperature(s), coilDegC[s - 1]);
        }
        return b.build();
    }

    private void run(DefrostSequencer seq, double seconds) {
        for (int i = 0; i < seconds; i++) {
            seq.update(inputs(), 1.0, hotGas, true, FAN);
            timeS += 1;
            for (int s = 1; s <= 4; s++) {
                if (coilsWarmInDefrost && seq.step(s) == DefrostSequencer.Step.HOT_GAS) coilDegC[s - 1] = Math.min(20, coilDegC[s - 1] + 0.1);
                else if (seq.step(s) == DefrostSequencer.Step.IN_SERVICE) coilDegC[s - 1] = -8;
            }
            activeTrace.add(seq.activeSection());
        }
    }

    /** Runs until a defrost starts (at most maxS); the sequencer is then in its first step. */
    private void runUntilActive(DefrostSequencer seq, double maxS) {
        for (int i = 0; i < maxS && !seq.active(); i++) run(seq, 1);
    }

    private static DefrostSequencer sequencer(Optional<Variant> v) {
        return new DefrostSequencer(DefrostConfig.defaults(), v, 4);
    }

    @Test
    void aCleanCoilIsNeverDefrosted() {
        // DF-02: no frost, no defrost (valid sensing: the time fallback must not run)
        DefrostSequencer seq = sequencer(Optional.empty());
        run(seq, 3 * 3600);
        assertThat(activeTrace).containsOnly(0);
        assertThat(seq.sensingValid(1)).isTrue();
    }

    @Test
    void aCleanCoilWhoseFanSlowsDownIsNotMistakenForFrost() {
        // The fans now follow the capacity (FanSpeedControl): a clean coil's ΔP falls with n² as the fan slows, and the
        // 30 s filter lags it. Filtering the raw Pa and scaling by the present n² afterwards would read the lag as a
        // blocked coil (at 0.25 %/s the lag reaches ~1.3 × clean near 40 %, above the 1.12 start); each sample is scaled by its own n².
        DefrostSequencer seq = sequencer(Optional.empty());
        double fan = 0.8;
        for (int i = 0; i < 3600; i++) {
            fan = i < 600 ? 0.8 : Math.max(0.4, fan - 0.0025); // 0.25 %/s, the default slew
            for (int s = 0; s < 4; s++) dpPa[s] = 80 * fan * fan;
            seq.update(inputs(), 1.0, hotGas, true, fan);
            timeS += 1;
            assertThat(seq.active()).as("no defrost at %.0f s, fan %.2f", timeS, fan).isFalse();
            if (i > 600 && i < 760) {
                assertThat(seq.pressureDropRatio(1)).as("clean coil reads clean while the fan slows").isBetween(0.95, 1.05);
            }
        }
    }

    @Test
    void aCoilWhosePressureDropRoseIsDefrostedThroughTheWholeSequence() {
        // DF-01 demand initiation on the coil ΔP, then the valve/fan sequence of domain notes §4.3
        DefrostSequencer seq = sequencer(Optional.empty());
        run(seq, 700); // past the minimum evaporating time
        assertThat(seq.active()).isFalse();
        dpPa[2] = CLEAN_PA * 1.2;
        runUntilActive(seq, 200); // the 30 s filter needs a while to pass the threshold
        assertThat(seq.activeSection()).isEqualTo(3);
        assertThat(seq.step(3)).isEqualTo(DefrostSequencer.Step.PUMP_OUT);
        // walk through the steps and check the outputs each one commands
        List<DefrostSequencer.Step> seen = new ArrayList<>();
        for (int i = 0; i < 1500 && seq.active(); i++) {
            DefrostSequencer.Step st = seq.step(3);
            if (seen.isEmpty() || seen.get(seen.size() - 1) != st) seen.add(st);
            switch (st) {
                case PUMP_OUT, DRIP -> {
                    assertThat(seq.sectionValveOpen(3, true)).isFalse();
                    assertThat(seq.hotGasValveOpen(3)).isFalse();
                    assertThat(seq.fanSpeedPct(3, true, 80)).isZero();
                }
                case HOT_GAS -> {
                    assertThat(seq.sectionValveOpen(3, true)).as("section valve closed under hot gas").isFalse();
                    assertThat(seq.hotGasValveOpen(3)).isTrue();
                    assertThat(seq.fanSpeedPct(3, true, 80)).isZero();
                }
                case FAN_DELAY -> {
                    assertThat(seq.sectionValveOpen(3, true)).as("evaporating again").isTrue();
                    assertThat(seq.fanSpeedPct(3, true, 80)).as("fan delay: fan still off").isZero();
                }
                default -> { }
            }
            // the other sections keep evaporating
            assertThat(seq.sectionValveOpen(1, true)).isTrue();
            assertThat(seq.fanSpeedPct(1, true, 80)).isEqualTo(80);
            if (st == DefrostSequencer.Step.HOT_GAS && coilDegC[2] > 5) dpPa[2] = CLEAN_PA; // the frost has melted
            run(seq, 1);
        }
        assertThat(seen).containsExactly(DefrostSequencer.Step.PUMP_OUT, DefrostSequencer.Step.HOT_GAS, DefrostSequencer.Step.DRIP,
                DefrostSequencer.Step.FAN_DELAY);
        assertThat(seq.step(3)).isEqualTo(DefrostSequencer.Step.IN_SERVICE);
        DefrostSequencer.Defrost d = seq.lastDefrost();
        assertThat(d.section()).isEqualTo(3);
        assertThat(d.endedOnMaxTime()).isFalse();
        // −8 °C → 8 °C at 0.1 K/s: 160 s of hot gas
        assertThat(d.hotGasS()).isBetween(150.0, 170.0);
        assertThat(seq.takeMaxTimeEvents()).isZero();
    }

    @Test
    void everySectionFrostedAtOnceIsDefrostedOneAtATimeWithTheStaggerBetween() {
        // DF-01: ≤ 1 section defrosting at a time, the others evaporating
        DefrostSequencer seq = sequencer(Optional.empty());
        run(seq, 700);
        Arrays.fill(dpPa, CLEAN_PA * 1.3);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 4 * 1200; i++) {
            run(seq, 1);
            int a = seq.activeSection();
            if (a != 0 && (order.isEmpty() || order.get(order.size() - 1) != a)) order.add(a);
            for (int s = 1; s <= 4; s++) if (seq.step(s) == DefrostSequencer.Step.HOT_GAS && coilDegC[s - 1] > 5) dpPa[s - 1] = CLEAN_PA;
        }
        assertThat(order).as("each section once, one after the other").containsExactlyInAnyOrder(1, 2, 3, 4);
        // never two out of service at once (activeSection reports the first; count them directly)
        DefrostSequencer seq2 = sequencer(Optional.empty());
        Arrays.fill(dpPa, CLEAN_PA * 1.3);
        for (int i = 0; i < 700 + 4 * 1200; i++) {
            seq2.update(inputs(), 1.0, true, true, FAN);
            int out = 0;
            for (int s = 1; s <= 4; s++) if (seq2.step(s) != DefrostSequencer.Step.IN_SERVICE) out++;
            assertThat(out).as("sections out of service at %d s", i).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aStuckCoilSensorEndsTheDefrostOnTheMaximumTimeAndReturnsTheSectionToService() {
        // DF-03: the coil sensor never reaches the termination temperature; the maximum time ends the hot gas,
        // DEFROST_MAX_TIME is signalled once, and the section goes back in service (no stop)
        DefrostSequencer seq = sequencer(Optional.empty());
        coilsWarmInDefrost = false;
        run(seq, 700);
        dpPa[1] = CLEAN_PA * 1.3;
        runUntilActive(seq, 200);
        assertThat(seq.activeSection()).isEqualTo(2);
        double hotGasStart = Double.NaN;
        for (int i = 0; i < 1200 && seq.active(); i++) {
            if (Double.isNaN(hotGasStart) && seq.step(2) == DefrostSequencer.Step.HOT_GAS) hotGasStart = timeS;
            if (seq.step(2) == DefrostSequencer.Step.DRIP) break;
            run(seq, 1);
        }
        assertThat(seq.step(2)).isEqualTo(DefrostSequencer.Step.DRIP);
        assertThat(timeS - hotGasStart).as("hot gas time").isEqualTo(cfg.defrostMaxS());
        assertThat(seq.lastDefrost().endedOnMaxTime()).isTrue();
        assertThat(seq.takeMaxTimeEvents()).isEqualTo(1);
        assertThat(seq.takeMaxTimeEvents()).as("taken once").isZero();
        dpPa[1] = CLEAN_PA;
        run(seq, cfg.dripS() + cfg.fanDelayS() + 1);
        assertThat(seq.step(2)).isEqualTo(DefrostSequencer.Step.IN_SERVICE);
    }

    @Test
    void variantNoDefrostTerminationKeepsTheHotGasOnPastTheMaximumTime() {
        // no-defrost-termination removes exactly the maximum-time end: with a stuck sensor the hot gas never stops
        DefrostSequencer seq = sequencer(Optional.of(Variant.NO_DEFROST_TERMINATION));
        coilsWarmInDefrost = false;
        run(seq, 700);
        dpPa[1] = CLEAN_PA * 1.3;
        run(seq, 200 + 2 * cfg.defrostMaxS());
        assertThat(seq.step(2)).isEqualTo(DefrostSequencer.Step.HOT_GAS);
        assertThat(seq.takeMaxTimeEvents()).isZero();
        // its termination on temperature is still there
        coilDegC[1] = 10;
        run(seq, 2);
        assertThat(seq.step(2)).isEqualTo(DefrostSequencer.Step.DRIP);
    }

    @Test
    void theTimeFallbackRunsOnlyWhileFrostSensingIsInvalidAndTheAirCanFrost() {
        // DF-02's exception: "a time fallback may run only while frost sensing is invalid"
        DefrostSequencer seq = sequencer(Optional.empty());
        dpQuality[0] = Quality.BAD; // PDT-231 failed
        run(seq, cfg.fallbackIntervalS() - 10);
        assertThat(seq.active()).isFalse();
        assertThat(seq.sensingValid(1)).isFalse();
        run(seq, 20);
        assertThat(seq.activeSection()).as("section 1 on the fallback timer").isEqualTo(1);

        // the same failed transmitter at +8 °C: the air cannot frost (Zhu: none at ≥ 6 °C), no fallback defrost
        DefrostSequencer warm = sequencer(Optional.empty());
        airDegC = 8;
        activeTrace.clear();
        run(warm, 3 * cfg.fallbackIntervalS());
        assertThat(activeTrace).containsOnly(0);
    }

    @Test
    void variantDefrostsWithoutFrostDefrostsACleanCoilOnItsTimer() {
        // defrosts-without-frost removes the demand initiation: clean coils at +8 °C are defrosted anyway
        DefrostSequencer seq = sequencer(Optional.of(Variant.DEFROSTS_WITHOUT_FROST));
        airDegC = 8;
        run(seq, cfg.fallbackIntervalS() + 10);
        assertThat(seq.active()).isTrue();
    }

    @Test
    void aDefrostWithoutHotGasIsAbandonedToTheDrip() {
        // every compressor stopped (stop command, trip): no hot gas; the hot-gas valve must not stay open
        DefrostSequencer seq = sequencer(Optional.empty());
        coilsWarmInDefrost = false;
        run(seq, 700);
        dpPa[0] = CLEAN_PA * 1.3;
        run(seq, 200);
        assertThat(seq.step(1)).isEqualTo(DefrostSequencer.Step.HOT_GAS);
        hotGas = false;
        run(seq, 1);
        assertThat(seq.step(1)).isEqualTo(DefrostSequencer.Step.DRIP);
        assertThat(seq.hotGasValveOpen(1)).isFalse();
        assertThat(seq.takeMaxTimeEvents()).as("no DEFROST_MAX_TIME for an abandoned defrost").isZero();
    }

    @Test
    void theAirToCoilTemperatureDifferenceAlsoInitiatesADefrost() {
        // second demand signal (Danfoss 'ddt', Lennox): ΔT air-to-coil 4 K above its baseline, ΔP still clean
        DefrostSequencer seq = sequencer(Optional.empty());
        run(seq, 700); // baseline ΔT 8 K taken at 300 s
        coilsWarmInDefrost = true;
        for (int i = 0; i < 20 && !seq.active(); i++) {
            coilDegC[3] = -12.5; // ΔT 12.5 K
            seq.update(inputs(), 1.0, true, true, FAN);
            timeS += 1;
        }
        assertThat(seq.activeSection()).isEqualTo(4);
    }
}
