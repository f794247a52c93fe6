package io.hilbench.controller;

import io.hilbench.runtime.Quality;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

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
    /** A standing transmitter offset per section, added to what the sequencer reads (rig corners sensors-high/low). */
    private final double[] dpOffsetPa = {0, 0, 0, 0};
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
            b.set(PlantTags.coilPressureDrop(s), dpPa[s - 1] + dpOffsetPa[s - 1], dpQuality[s - 1]).set(PlantTags.coilTemperature(s), coilDegC[s - 1]);
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
        dpPa[1] = CLEAN_PA + 6; // ice left on the coil: this reading must not be learned as the clean one
        run(seq, cfg.dripS() + cfg.fanDelayS() + 1);
        assertThat(seq.step(2)).isEqualTo(DefrostSequencer.Step.IN_SERVICE);
        run(seq, 2 * cfg.cleanLearnAfterS());
        assertThat(seq.learnedOffsetPa(2)).as("no clean reading learned after a defrost that ended on its maximum time").isCloseTo(0, offset(1e-9));
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

    // ---- the clean reading learned per section: transmitter offsets within the class cancel ---------------------

    /**
     * Section 1's coil frosts along a ramp (+0.01 % of the clean drop per second from the start, 1.12 × clean at 1200 s),
     * melts in each hot-gas step and frosts again from the end of its defrost; the other sections stay clean. Returns
     * the plant times (s) at which section 1's first {@code defrosts} defrosts started.
     */
    private List<Double> frostRampStarts(DefrostSequencer seq, double offsetPa, int defrosts) {
        Arrays.fill(dpOffsetPa, offsetPa);
        List<Double> starts = new ArrayList<>();
        double frostSinceS = 0;
        DefrostSequencer.Step last = DefrostSequencer.Step.IN_SERVICE;
        for (int i = 0; i < 6 * 3600 && starts.size() < defrosts; i++) {
            DefrostSequencer.Step st = seq.step(1);
            if (st == DefrostSequencer.Step.IN_SERVICE || st == DefrostSequencer.Step.FAN_DELAY) frostSinceS += 1;
            else frostSinceS = 0; // the hot gas clears the coil
            dpPa[0] = CLEAN_PA * (1 + 1e-4 * frostSinceS);
            run(seq, 1);
            if (last == DefrostSequencer.Step.IN_SERVICE && seq.step(1) == DefrostSequencer.Step.PUMP_OUT) starts.add(timeS);
            last = seq.step(1);
        }
        return starts;
    }

    @Test
    void aTransmitterOffsetWithinItsClassDoesNotMoveWhenASectionDefrosts() {
        // rig corner sensors-high / sensors-low: PDT-23x read ±5 Pa (1 % of 0–500 Pa). The clean reading learned at the
        // first start and after each defrost takes the offset out: the same frost ramp starts the same defrosts
        List<Double> truth = frostRampStarts(sequencer(Optional.empty()), 0, 2);
        timeS = 0;
        List<Double> high = frostRampStarts(sequencer(Optional.empty()), +5, 2);
        timeS = 0;
        DefrostSequencer lowSeq = sequencer(Optional.empty());
        List<Double> low = frostRampStarts(lowSeq, -5, 2);
        assertThat(truth).hasSize(2);
        // the first at 1.12 × clean (1200 s of ramp) plus what the clean reading learned at 90 s already held (under
        // 0.9 % more, 90 s) plus the 30 s filter's lag
        assertThat(truth.get(0)).isBetween(1200.0, 1330.0);
        assertThat(high).as("+5 Pa").hasSize(2);
        assertThat(low).as("-5 Pa").hasSize(2);
        for (int k = 0; k < 2; k++) {
            assertThat(high.get(k)).as("+5 Pa, defrost %d", k + 1).isCloseTo(truth.get(k), offset(1.0));
            assertThat(low.get(k)).as("-5 Pa, defrost %d", k + 1).isCloseTo(truth.get(k), offset(1.0));
        }
        // the offset learned last (after the first defrost) is the transmitter's, plus part of the frost grown since
        // the section's drip ended (the 60 s fan delay and the 90 s: 150 s of ramp, 1.5 % of 51.2 Pa = 0.77 Pa, less
        // the filter's lag)
        assertThat(lowSeq.learnedOffsetPa(1)).isBetween(-5.0, -5.0 + 0.77);

        // and the same ramp read against the data sheet alone (nothing learned: a limit no offset passes) starts the
        // +5 Pa section's defrost at the minimum evaporating time, 600 s, on a coil 6 % over clean: the test sees it
        timeS = 0;
        DefrostSequencer fixed = new DefrostSequencer(DefrostConfig.defaults().withCleanReadingMaxDeviationPa(1e-6), Optional.empty(), 4);
        List<Double> fixedHigh = frostRampStarts(fixed, +5, 1);
        assertThat(fixedHigh.get(0)).isLessThan(truth.get(0) - 500);
    }

    @Test
    void aLearnedOffsetHoldsWhenTheFanSlowsDown() {
        // learned at 80 % fan, the +5 Pa offset is a fifth of a clean coil's 20 Pa at 50 %: kept as Pa (not as a
        // ratio of the 80 % reading) it still cancels, and the clean coil reads clean
        DefrostSequencer seq = sequencer(Optional.empty());
        Arrays.fill(dpOffsetPa, 5.0);
        double fan = 0.8;
        for (int i = 0; i < 3600; i++) {
            fan = i < 600 ? 0.8 : Math.max(0.5, fan - 0.0025);
            for (int s = 0; s < 4; s++) dpPa[s] = 80 * fan * fan;
            seq.update(inputs(), 1.0, hotGas, true, fan);
            timeS += 1;
            assertThat(seq.active()).as("no defrost at %.0f s, fan %.2f", timeS, fan).isFalse();
        }
        assertThat(seq.learnedOffsetPa(1)).isCloseTo(5.0, offset(1e-9));
        assertThat(seq.pressureDropRatio(1)).isCloseTo(1.0, offset(1e-6));
    }

    @Test
    void theMostFrostedSectionGoesFirstWhateverItsTransmittersOffset() {
        // section 2 reads +5 Pa and is frosted to 1.13 × clean, section 4 reads −5 Pa and is frosted to 1.20 × clean:
        // read against the data sheet section 2 would look the worse (1.23 against 1.10); the learned offsets put
        // section 4 first
        DefrostSequencer seq = sequencer(Optional.empty());
        dpOffsetPa[1] = 5;
        dpOffsetPa[3] = -5;
        run(seq, 300); // the clean readings learned at 90 s
        assertThat(seq.learnedOffsetPa(2)).isCloseTo(5.0, offset(1e-9));
        assertThat(seq.learnedOffsetPa(4)).isCloseTo(-5.0, offset(1e-9));
        // frosted before the minimum evaporating time, so both ask for a defrost in the same cycle (at 600 s) and the
        // ranking decides
        dpPa[1] = CLEAN_PA * 1.13;
        dpPa[3] = CLEAN_PA * 1.20;
        runUntilActive(seq, 400);
        assertThat(timeS).isEqualTo(cfg.minEvaporatingS());
        assertThat(seq.activeSection()).isEqualTo(4);
    }

    @Test
    void aCoilFrostedBeyondTheLimitAtFirstStartIsNotTakenForClean() {
        // a coil already 20 % over its clean drop at the first start (10.2 Pa at 80 % fan, over the 8 Pa limit): its
        // reading is not learned, the data sheet's clean drop stays the reference and the coil is defrosted
        DefrostSequencer seq = sequencer(Optional.empty());
        dpPa[0] = CLEAN_PA * 1.2;
        runUntilActive(seq, 700);
        assertThat(seq.learnedOffsetPa(1)).isZero();
        assertThat(seq.activeSection()).isEqualTo(1);
        assertThat(timeS).as("at the minimum evaporating time").isBetween(cfg.minEvaporatingS(), cfg.minEvaporatingS() + 2);
        assertThat(seq.lastEvent()).contains("defrost of section 1 started");
    }
}
