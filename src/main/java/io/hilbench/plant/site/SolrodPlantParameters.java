package io.hilbench.plant.site;

import io.hilbench.Units;
import io.hilbench.plant.Require;
import io.hilbench.plant.chp.BiogasChpParameters;
import io.hilbench.plant.network.DistrictHeatingNetworkParameters;
import io.hilbench.plant.solar.CollectorPlane;
import io.hilbench.plant.solar.SolarLoopParameters;
import io.hilbench.plant.tank.StratifiedTankParameters;
import io.hilbench.plant.weather.BuiltInWeather;
import io.hilbench.plant.weather.SunPosition;

/**
 * Design data of the rest of the Solrød plant around the heat pump ({@link SolrodPlant}). Tags: [U] unknown, a guess.
 *
 * @param tank                       the accumulation tank
 * @param solarLoop                  collectors, glycol loop, heat exchanger
 * @param network                    the DH network
 * @param chp                        the biogas CHP
 * @param dispatcher                 the rest-of-plant dispatcher
 * @param plane                      the collector plane (tilt, azimuth)
 * @param sun                        the site for the sun position
 * @param headerVolumeM3             water in each of the supply and return headers, a mixing volume (5 m³ [U])
 * @param waterDensityKgPerM3        water density (985 kg/m³)
 * @param waterSpecificHeatJPerKgK   water cp (4180 J/kg·K)
 * @param tankInitialTopK            tank top at reset (70 °C [U], as the first plant held it)
 * @param tankInitialBottomK         tank bottom at reset (40 °C [U]); linear in between
 * @param weatherSeriesIndex         series at reset: 0 winter design day ({@link BuiltInWeather})
 * @param airTemperatureOffsetK      added to the outdoor air the plant lives in, whether it comes from the weather series
 *                                   or a scenario's imposed air: T_air = T_series|imposed + ΔT_offset, relative humidity
 *                                   kept (0 K nominal; ±2 K is the air-temperature corner of issue #17: a site a little
 *                                   warmer or colder than its weather file, or the coil's own micro-climate), within ±10 K
 */
public record SolrodPlantParameters(
        StratifiedTankParameters tank,
        SolarLoopParameters solarLoop,
        DistrictHeatingNetworkParameters network,
        BiogasChpParameters chp,
        RestOfPlantDispatcherParameters dispatcher,
        CollectorPlane plane,
        SunPosition sun,
        double headerVolumeM3,
        double waterDensityKgPerM3,
        double waterSpecificHeatJPerKgK,
        double tankInitialTopK,
        double tankInitialBottomK,
        int weatherSeriesIndex,
        double airTemperatureOffsetK) {

    public SolrodPlantParameters {
        if (tank == null || solarLoop == null || network == null || chp == null || dispatcher == null || plane == null || sun == null) {
            throw new IllegalArgumentException("every component's parameters must be given");
        }
        Require.positive("headerVolumeM3", headerVolumeM3);
        Require.positive("waterDensityKgPerM3", waterDensityKgPerM3);
        Require.positive("waterSpecificHeatJPerKgK", waterSpecificHeatJPerKgK);
        Require.within("tankInitialTopK", tankInitialTopK, 273.15, 373.15);
        Require.within("tankInitialBottomK", tankInitialBottomK, 273.15, 373.15);
        Require.within("weatherSeriesIndex", weatherSeriesIndex, 0, BuiltInWeather.count() - 1);
        Require.within("airTemperatureOffsetK", airTemperatureOffsetK, -10.0, 10.0);
    }

    public static SolrodPlantParameters solrodDefaults() {
        return new SolrodPlantParameters(StratifiedTankParameters.solrodDefaults(), SolarLoopParameters.solrodDefaults(),
                DistrictHeatingNetworkParameters.solrodDefaults(), BiogasChpParameters.solrodDefaults(),
                RestOfPlantDispatcherParameters.solrodDefaults(), CollectorPlane.solrodDefaults(), SunPosition.havdrup(),
                5.0, 985.0, 4180.0, Units.degCToK(70), Units.degCToK(40), BuiltInWeather.WINTER_DESIGN, 0.0);
    }
}
