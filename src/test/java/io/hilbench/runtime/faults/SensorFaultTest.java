package io.hilbench.runtime.faults;

import io.hilbench.plant.SignalCatalogue;
import io.hilbench.runtime.Quality;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each sensor-fault kind of DESIGN §3 step 3, applied on the way out; start and end in plant time. */
class SensorFaultTest {
    static final SignalCatalogue CATALOGUE = new SignalCatalogue(List.of("hp.gasCoolerPressurePa", "hp.dhWater.outletTemperatureK"), List.of("x"));
    static final int PRESSURE = 0;
    static final int SUPPLY = 1;

    /** Runs 100 ms steps from 0 to {@code endMs} with a true pressure ramp of 1 bar/s; returns published pressure and quality per step. */
    record Run(double[] truth, double[] published, Quality[] quality, List<String> events) {}

    static Run run(FaultSchedule schedule, long endMs) {
        int steps = (int) (endMs / 100) + 1;
        double[] truth = new double[steps];
        double[] pub = new double[steps];
        Quality[] q = new Quality[steps];
        List<String> events = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            long t = k * 100L;
            double[] y = {100e5 + t * 100.0, 348.15};
            double[] p = y.clone();
            Quality[] qs = {Quality.GOOD, Quality.GOOD};
            schedule.apply(t, y, p, qs, events);
            truth[k] = y[PRESSURE];
            pub[k] = p[PRESSURE];
            q[k] = qs[PRESSURE];
            assertThat(p[SUPPLY]).as("other outputs untouched").isEqualTo(348.15);
        }
        return new Run(truth, pub, q, events);
    }

    static FaultSchedule schedule(SensorFaultKind kind, long startMs, long durationMs) {
        FaultSchedule s = new FaultSchedule(CATALOGUE, 7);
        s.add(new SensorFault("hp.gasCoolerPressurePa", kind, startMs, durationMs));
        return s;
    }

    @Test
    void stuckHoldsTheTrueValueAtItsStartOrAGivenValueAndLooksHealthy() {
        Run r = run(schedule(SensorFaultKind.Stuck.atStartValue(), 1_000, 2_000), 4_000);
        for (int k = 0; k <= 40; k++) {
            double expected = k >= 10 && k < 30 ? r.truth[10] : r.truth[k];
            assertThat(r.published[k]).as("step %d", k).isEqualTo(expected);
            assertThat(r.quality[k]).isEqualTo(Quality.GOOD); // a stuck sensor does not announce itself (DF-03)
        }
        assertThat(r.events).containsExactly("sensor fault start: hp.gasCoolerPressurePa " + SensorFaultKind.Stuck.atStartValue(),
                "sensor fault end: hp.gasCoolerPressurePa " + SensorFaultKind.Stuck.atStartValue());
        Run given = run(schedule(new SensorFaultKind.Stuck(-5e5), 1_000, SensorFault.UNTIL_CLEARED), 2_000);
        assertThat(given.published[15]).isEqualTo(-5e5);
    }

    @Test
    void offsetAddsAConstant() {
        Run r = run(schedule(new SensorFaultKind.Offset(3e5), 500, 1_000), 2_000);
        for (int k = 0; k <= 20; k++) {
            assertThat(r.published[k] - r.truth[k]).as("step %d", k).isCloseTo(k >= 5 && k < 15 ? 3e5 : 0, within(1e-6));
        }
    }

    @Test
    void driftGrowsWithPlantTimeSinceTheStart() {
        Run r = run(schedule(new SensorFaultKind.Drift(0.5e5), 1_000, 10_000), 5_000);
        for (int k = 10; k <= 50; k++) {
            assertThat(r.published[k] - r.truth[k]).as("step %d", k).isCloseTo(0.5e5 * (k - 10) / 10.0, within(1e-6));
        }
        assertThat(r.published[9]).isEqualTo(r.truth[9]);
    }

    @Test
    void noiseIsGaussianWithTheGivenSigmaAndRepeatsForTheSameSeed() {
        Run r = run(schedule(new SensorFaultKind.Noise(1e5), 0, SensorFault.UNTIL_CLEARED), 400_000);
        double[] e = new double[r.published.length];
        for (int k = 0; k < e.length; k++) e[k] = r.published[k] - r.truth[k];
        double mean = Arrays.stream(e).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(e).map(x -> (x - mean) * (x - mean)).sum() / (e.length - 1));
        // 4001 samples: the sample mean is within 4 standard errors (4 · 1e5/√4001 ≈ 6.3e3 Pa), the sd within 10 %
        assertThat(mean).isCloseTo(0, within(6.5e3));
        assertThat(sd).isCloseTo(1e5, within(1e4));
        assertThat(r.quality[100]).isEqualTo(Quality.GOOD);
        Run again = run(schedule(new SensorFaultKind.Noise(1e5), 0, SensorFault.UNTIL_CLEARED), 400_000);
        assertThat(again.published).containsExactly(r.published);
        FaultSchedule otherSeed = new FaultSchedule(CATALOGUE, 8);
        otherSeed.add(new SensorFault("hp.gasCoolerPressurePa", new SensorFaultKind.Noise(1e5), 0, SensorFault.UNTIL_CLEARED));
        assertThat(run(otherSeed, 400_000).published).isNotEqualTo(r.published);
    }

    @Test
    void outOfRangeTransmitsAFixedValueBeyondTheSpanAsUncertain() {
        Run r = run(schedule(new SensorFaultKind.OutOfRange(170e5), 1_000, 1_000), 3_000);
        assertThat(r.published[10]).isEqualTo(170e5);
        assertThat(r.quality[10]).isEqualTo(Quality.UNCERTAIN);
        assertThat(r.published[20]).isEqualTo(r.truth[20]);
        assertThat(r.quality[20]).isEqualTo(Quality.GOOD);
    }

    @Test
    void badQualityKeepsTheValueAndMarksItBad() {
        Run r = run(schedule(new SensorFaultKind.BadQuality(), 1_000, SensorFault.UNTIL_CLEARED), 3_000);
        assertThat(r.quality[9]).isEqualTo(Quality.GOOD);
        assertThat(r.quality[10]).isEqualTo(Quality.BAD);
        assertThat(r.quality[30]).isEqualTo(Quality.BAD);
        assertThat(r.published[30]).isEqualTo(r.truth[30]);
    }

    @Test
    void aFaultDueBetweenStepsAppliesAtTheFirstStepAfterAndAClearedFaultEndsAtTheNext() {
        FaultSchedule s = schedule(new SensorFaultKind.Offset(1), 1_050, SensorFault.UNTIL_CLEARED);
        double[] y = {0, 0};
        List<String> events = new ArrayList<>();
        for (long t : new long[] {1_000, 1_100}) {
            double[] p = y.clone();
            s.apply(t, y, p, new Quality[] {Quality.GOOD, Quality.GOOD}, events);
            assertThat(p[PRESSURE]).as("t = %d ms", t).isEqualTo(t >= 1_100 ? 1.0 : 0.0);
        }
        s.clearAll();
        double[] p = y.clone();
        s.apply(1_200, y, p, new Quality[] {Quality.GOOD, Quality.GOOD}, events);
        assertThat(p[PRESSURE]).isZero();
        assertThat(events).hasSize(2);
        assertThat(s.faults()).isEmpty();
    }

    @Test
    void faultsOnUnknownOutputsAndNonsenseParametersAreRefused() {
        FaultSchedule s = new FaultSchedule(CATALOGUE, 1);
        assertThatThrownBy(() -> s.add(SensorFault.from("hp.nothing", new SensorFaultKind.BadQuality(), 0)))
                .hasMessageContaining("unknown plant output 'hp.nothing'");
        assertThatThrownBy(() -> new SensorFaultKind.Noise(-1)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new SensorFault("hp.gasCoolerPressurePa", new SensorFaultKind.BadQuality(), 0, 0)).hasMessageContaining("durationMs");
    }
}
