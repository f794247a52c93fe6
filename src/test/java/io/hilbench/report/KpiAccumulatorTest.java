package io.hilbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * KPI arithmetic on synthetic traces whose integrals are known in closed form (CONVENTIONS: analytical tests). The
 * accumulator counts a sample's flows over the interval that ends at it (a plant snapshot is the state after its step).
 */
class KpiAccumulatorTest {
    private static final List<String> NAMES = List.of("hp.heatFlowW", "hp.compressorPowerW", "hp.fanPowerW", "hp.cop",
            "hp.defrostHeatFlowW", "solar.heatFlowW", "hp.waterEvaporator.heatFlowW", "hp.evaporatorHeatFlowW", "tank.storedEnergyJ",
            "hp.tankSourcePump.running", "hp.dhWater.outletTemperatureK", "network.supplyTemperatureSetK",
            "hp.compressor1.running", "hp.compressor2.running");
    private static final int HEAT = 0, COMP = 1, FAN = 2, COP = 3, DEFROST = 4, SOLAR = 5, WATER_EVAP = 6, EVAP = 7, TANK = 8,
            TANK_PUMP = 9, SUPPLY = 10, SET = 11, C1 = 12, C2 = 13;

    /** A steady hour at 1 MW heat, 300 kW compressors + 20 kW fans, sampled every 10 s. */
    @Test
    void steadyHourIntegratesToPowerTimesTime() {
        KpiAccumulator k = new KpiAccumulator(NAMES);
        for (long t = 0; t <= 3_600_000; t += 10_000) {
            double[] v = new double[NAMES.size()];
            v[HEAT] = 1.0e6;
            v[COMP] = 300e3;
            v[FAN] = 20e3;
            v[COP] = 1.0e6 / 320e3;
            v[DEFROST] = 50e3;
            v[SOLAR] = 400e3;
            v[WATER_EVAP] = 200e3;
            v[EVAP] = 800e3;
            v[TANK] = 3.6e9 * 10 + t * 1e3;   // 10 MWh rising by 1 MW (1 kJ per ms) → 11 MWh after the hour
            v[TANK_PUMP] = 1;
            v[SUPPLY] = 348.15 + 0.5;        // 0.5 K above the set-point throughout
            v[SET] = 348.15;
            v[C1] = 1;
            k.accept(t, i -> v[i]);
        }
        Kpis r = k.kpis(2.0);
        assertThat(r.plantHours()).isCloseTo(1.0, within(1e-12));
        assertThat(r.heatDeliveredMWh()).isCloseTo(1.0, within(1e-9));
        assertThat(r.electricityMWh()).isCloseTo(0.32, within(1e-9));
        assertThat(r.seasonalCop()).isCloseTo(1.0 / 0.32, within(1e-9));
        assertThat(r.meanCopWhileRunning()).isCloseTo(1.0 / 0.32, within(1e-9));
        assertThat(r.defrostEnergyShare()).isCloseTo(0.05, within(1e-9));
        assertThat(r.solarYieldMWh()).isCloseTo(0.4, within(1e-9));
        assertThat(r.tankSourceHeatMWh()).isCloseTo(0.2, within(1e-9));
        assertThat(r.tankSourceShare()).isCloseTo(0.25, within(1e-9));
        assertThat(r.tankSourceToSolarRatio()).isCloseTo(0.5, within(1e-9));
        assertThat(r.tankStartMWh()).isCloseTo(10.0, within(1e-9));
        assertThat(r.tankEndMWh()).isCloseTo(11.0, within(1e-9));
        assertThat(r.tankMinMWh()).isCloseTo(10.0, within(1e-9));
        assertThat(r.tankMaxMWh()).isCloseTo(11.0, within(1e-9));
        assertThat(r.tankSourceHours()).isCloseTo(1.0, within(1e-9));
        assertThat(r.heatPumpRunHours()).isCloseTo(1.0, within(1e-9));
        assertThat(r.supplyDeviationKh()).isCloseTo(0.5, within(1e-9));
        assertThat(r.compressorStarts()).as("running from the first sample is no start").isZero();
        assertThat(r.realTimeFactor()).isCloseTo(1800.0, within(1e-9));
    }

    /**
     * A ramp of heat from 0 to 2 MW over an hour at 1 s samples: the right-rectangle rule gives
     * Σ_{k=1..N} P(k·dt)·dt = 2 MW·h·(N+1)/(2N) with N = 3600, i.e. 1 MWh plus half a sample's worth. Negative solar
     * (the loop cooling the tank at night) does not count as yield.
     */
    @Test
    void rampIntegratesWithTheRightRectangleRule() {
        KpiAccumulator k = new KpiAccumulator(NAMES);
        int n = 3600;
        for (int s = 0; s <= n; s++) {
            double[] v = new double[NAMES.size()];
            v[HEAT] = 2.0e6 * s / n;
            v[SOLAR] = s < n / 2 ? -100e3 : 100e3;
            k.accept(s * 1000L, i -> v[i]);
        }
        Kpis r = k.kpis(Double.NaN);
        assertThat(r.heatDeliveredMWh()).isCloseTo(1.0 * (n + 1) / n, within(1e-12));
        assertThat(r.solarYieldMWh()).isCloseTo(0.05 + 0.1 / 3600, within(1e-12));
        assertThat(r.seasonalCop()).as("no electricity: no ratio, not infinity").isNaN();
        assertThat(r.heatPumpRunHours()).isZero();
        assertThat(r.meanCopWhileRunning()).isNaN();
        assertThat(r.realTimeFactor()).isNaN();
    }

    /**
     * Starts are rising edges of each compressor's running flag, summed over compressors; the supply deviation counts
     * only while a compressor runs (a stopped heat pump's outlet is not a control error).
     */
    @Test
    void startsAreRisingEdgesAndDeviationCountsOnlyWhileRunning() {
        KpiAccumulator k = new KpiAccumulator(NAMES);
        // 1-minute samples: C1 on, off, on; C2 on once; 2 K error in every sample
        int[][] running = {{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}, {1, 0}, {0, 0}};
        for (int m = 0; m < running.length; m++) {
            double[] v = new double[NAMES.size()];
            v[C1] = running[m][0];
            v[C2] = running[m][1];
            v[SUPPLY] = 350.15;
            v[SET] = 348.15;
            k.accept(m * 60_000L, i -> v[i]);
        }
        Kpis r = k.kpis(Double.NaN);
        assertThat(r.compressorStarts()).isEqualTo(3);
        // the heat pump stopped at samples 4 and 6 (C2 going off with C1 already off counts; C1 going off at 3 does not)
        assertThat(r.heatPumpStops()).isEqualTo(2);
        // samples 1, 2, 3 and 5 have a compressor running: 4 minutes at 2 K
        assertThat(r.heatPumpRunHours()).isCloseTo(4.0 / 60, within(1e-12));
        assertThat(r.supplyDeviationKh()).isCloseTo(2.0 * 4 / 60, within(1e-12));
    }

    /** A plant without a signal gives n/a (NaN, JSON null), never a made-up 0. */
    @Test
    void missingSignalsAreNotANumberAndJsonNull() {
        KpiAccumulator k = new KpiAccumulator(List.of("hp.heatFlowW", "hp.compressorPowerW"));
        k.accept(0, i -> 1e6);
        k.accept(3_600_000, i -> 1e6);
        Kpis r = k.kpis(1.0);
        assertThat(r.heatDeliveredMWh()).isCloseTo(1.0, within(1e-12));
        assertThat(r.electricityMWh()).as("fans count 0 on a plant without fans").isCloseTo(1.0, within(1e-12));
        assertThat(r.solarYieldMWh()).isNaN();
        assertThat(r.tankStartMWh()).isNaN();
        assertThat(r.table()).contains("solar yield").contains("n/a");
        assertThat(r.json()).contains("\"solarYieldMWh\" : null").contains("\"heatDeliveredMWh\" : 1.0");
    }

    @Test
    void samplesGoingBackInTimeAreRefused() {
        KpiAccumulator k = new KpiAccumulator(NAMES);
        k.accept(1000, i -> 0);
        assertThatThrownBy(() -> k.accept(1000, i -> 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("advance");
    }
}
