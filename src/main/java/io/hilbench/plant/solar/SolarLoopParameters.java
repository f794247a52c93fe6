package io.hilbench.plant.solar;

import io.hilbench.Units;
import io.hilbench.fluid.GlycolWaterParameters;
import io.hilbench.plant.Require;

/**
 * Design data of {@link SolarLoop}: the glycol loop with pump P-401, the counterflow heat exchanger to the tank and
 * the loop's control and stagnation protection. Tags: [S] named source, [C] computed, [L] common practice, not
 * verified, [U] unknown, a guess made a parameter. Sources: {@code plant-models/solar-field/README.md}.
 *
 * @param collector                    the collector field
 * @param glycol                       the heat-transfer fluid (propylene glycol 40 % representative [L], fluid package)
 * @param waterSpecificHeatJPerKgK     tank-side water cp (4180 J/kg·K)
 * @param waterDensityKgPerM3          tank-side water density for volume flows (985 kg/m³)
 * @param glycolFlowMaxKgPerS          P-401 at full speed (20 kg/s [C]: 1.9 MW [S] at a 25 K glycol rise, cp 3700)
 * @param glycolFlowMinRatio           P-401 minimum speed while running (0.2 [L])
 * @param pumpTimeConstantS            flow response of P-401 (10 s [L])
 * @param heatExchangerUaWPerK         UA of the plate heat exchanger (400 kW/K [U]: 1.9 MW at ~5 K mean difference)
 * @param cutInIrradianceWPerM2        the loop may start at or above this plane irradiance (150 W/m² [S domain notes §7: ~150 in examples])
 * @param cutOutIrradianceWPerM2       ... and stops after {@code stopDelayS} below this (100 W/m² [L])
 * @param startMarginK                 collector mean must exceed the tank bottom by this to start (5 K [L])
 * @param stopMarginK                  collector outlet less than this above the tank bottom counts as no yield (2 K [L])
 * @param stopDelayS                   a stop condition must persist this long (300 s [L])
 * @param outletTemperatureMinRiseK    the flow control aims at least this far above the tank bottom (10 K [L])
 * @param tankFullBottomTemperatureK   stagnation protection: the loop stops (tank full) when the tank bottom reaches this (90 °C [U])
 * @param tankFullTopTemperatureK    stagnation protection: the loop also stops when the tank top reaches this (95 °C [U]: an open tank must not boil)
 * @param restartLockoutTemperatureK   stagnation protection: no start while the collector mean is above this (100 °C [L]: steam in the field)
 */
public record SolarLoopParameters(
        SolarCollectorParameters collector,
        GlycolWaterParameters glycol,
        double waterSpecificHeatJPerKgK,
        double waterDensityKgPerM3,
        double glycolFlowMaxKgPerS,
        double glycolFlowMinRatio,
        double pumpTimeConstantS,
        double heatExchangerUaWPerK,
        double cutInIrradianceWPerM2,
        double cutOutIrradianceWPerM2,
        double startMarginK,
        double stopMarginK,
        double stopDelayS,
        double outletTemperatureMinRiseK,
        double tankFullBottomTemperatureK,
        double tankFullTopTemperatureK,
        double restartLockoutTemperatureK) {

    public SolarLoopParameters {
        if (collector == null) throw new IllegalArgumentException("collector must not be null");
        if (glycol == null) throw new IllegalArgumentException("glycol must not be null");
        Require.positive("waterSpecificHeatJPerKgK", waterSpecificHeatJPerKgK);
        Require.positive("waterDensityKgPerM3", waterDensityKgPerM3);
        Require.positive("glycolFlowMaxKgPerS", glycolFlowMaxKgPerS);
        Require.within("glycolFlowMinRatio", glycolFlowMinRatio, 0.01, 1.0);
        Require.positive("pumpTimeConstantS", pumpTimeConstantS);
        Require.positive("heatExchangerUaWPerK", heatExchangerUaWPerK);
        Require.nonNegative("cutInIrradianceWPerM2", cutInIrradianceWPerM2);
        Require.nonNegative("cutOutIrradianceWPerM2", cutOutIrradianceWPerM2);
        if (cutOutIrradianceWPerM2 > cutInIrradianceWPerM2) {
            throw new IllegalArgumentException("cutOutIrradianceWPerM2 (" + cutOutIrradianceWPerM2 + ") must be <= cutInIrradianceWPerM2 (" + cutInIrradianceWPerM2 + ")");
        }
        Require.nonNegative("startMarginK", startMarginK);
        Require.nonNegative("stopMarginK", stopMarginK);
        Require.nonNegative("stopDelayS", stopDelayS);
        Require.positive("outletTemperatureMinRiseK", outletTemperatureMinRiseK);
        Require.positive("tankFullBottomTemperatureK", tankFullBottomTemperatureK);
        Require.positive("tankFullTopTemperatureK", tankFullTopTemperatureK);
        Require.positive("restartLockoutTemperatureK", restartLockoutTemperatureK);
    }

    /** The Solrød loop. */
    public static SolarLoopParameters solrodDefaults() {
        return new SolarLoopParameters(SolarCollectorParameters.solrodDefaults(),
                GlycolWaterParameters.propyleneGlycol40PercentRepresentative(), 4180.0, 985.0,
                20.0, 0.2, 10.0, 400e3, 150.0, 100.0, 5.0, 2.0, 300.0, 10.0,
                Units.degCToK(90), Units.degCToK(95), Units.degCToK(100));
    }
}
