package io.hilbench.plant.network;

import io.hilbench.Units;
import io.hilbench.plant.Require;

/**
 * Design data of {@link DistrictHeatingNetwork}. Tags: [S] named source, [C] computed, [L] literature or common
 * practice, not verified, [U] unknown, a guess made a parameter. Sources: {@code plant-models/dh-network/README.md}.
 *
 * @param consumerCount                   connected consumers (350 [S State of Green]; 700 when doubled)
 * @param annualHeatPerConsumerJ          heat sold per consumer and year (10.0 MWh [C]: the site's implied demand, 1,226 MWh
 *                                        solar / 0.28 solar fraction = 4.4 GWh/yr [S domain notes §1], less ~20 % pipe loss,
 *                                        over 350 consumers; the Danish standard house's 18.1 MWh [S domain notes §7] gave
 *                                        7.9 GWh/yr, 1.8 times the site)
 * @param hotWaterShareRatio              share of it that is the constant hot-water base (0.15 [L]: 10–20 %)
 * @param heatingLimitTemperatureK        no space heating above this outdoor temperature (17 °C [S domain notes §7: 10–17 °C])
 * @param degreeHoursPerYearKh            Σ max(0, T_lim − T_out) over the design year, K·h (74,690 K·h [C] from the synthetic year, {@code SyntheticWeatherYear})
 * @param designOutdoorTemperatureK       DS 418 design outdoor temperature (−12 °C [L])
 * @param supplyTemperatureAtDesignK      weather curve at the design outdoor temperature (80 °C [S domain notes §7])
 * @param supplyTemperatureMinK           weather curve floor, set by hot water (65 °C [S domain notes §7, Viborg])
 * @param supplyCurveKneeOutdoorK         outdoor temperature from which the floor applies (0 °C [S domain notes §7: "from ~0 °C upward"])
 * @param returnTemperatureAtDesignK      consumers' return at the design outdoor temperature (38 °C [L])
 * @param returnTemperatureSummerK        consumers' return at and above the heating limit (45 °C [L]: summer bypass flows)
 * @param returnTemperatureFloorK         no consumer cools the water below this (25 °C [L])
 * @param heatLossPerConsumerWPerK        network pipe loss conductance per consumer to the ground (6.2 W/K [C]: 20 % of the heat delivered
 *                                        in the synthetic year, 875 MWh of 4.37 GWh [L: 15–25 % in small Danish networks])
 * @param groundTemperatureK              undisturbed ground temperature at pipe depth (8 °C [L])
 * @param pipeWaterVolumePerConsumerM3    water in the supply pipes per consumer, and as much again in the return pipes
 *                                        (0.04 m³ [U]: ~15 m of trench per consumer at a ~60 mm mean bore; 14 m³ one way for
 *                                        350 consumers, a transport delay of ~30 min at the winter flow and ~2 h in summer).
 *                                        0: a quasi-static network (no delay, no pipe heat capacity)
 * @param waterSpecificHeatJPerKgK        water cp (4180 J/kg·K)
 * @param waterDensityKgPerM3             water density for volume flows (985 kg/m³)
 */
public record DistrictHeatingNetworkParameters(
        int consumerCount,
        double annualHeatPerConsumerJ,
        double hotWaterShareRatio,
        double heatingLimitTemperatureK,
        double degreeHoursPerYearKh,
        double designOutdoorTemperatureK,
        double supplyTemperatureAtDesignK,
        double supplyTemperatureMinK,
        double supplyCurveKneeOutdoorK,
        double returnTemperatureAtDesignK,
        double returnTemperatureSummerK,
        double returnTemperatureFloorK,
        double heatLossPerConsumerWPerK,
        double groundTemperatureK,
        double pipeWaterVolumePerConsumerM3,
        double waterSpecificHeatJPerKgK,
        double waterDensityKgPerM3) {

    public DistrictHeatingNetworkParameters {
        Require.atLeast("consumerCount", consumerCount, 0);
        Require.nonNegative("annualHeatPerConsumerJ", annualHeatPerConsumerJ);
        Require.ratio("hotWaterShareRatio", hotWaterShareRatio);
        Require.positive("heatingLimitTemperatureK", heatingLimitTemperatureK);
        Require.positive("degreeHoursPerYearKh", degreeHoursPerYearKh);
        Require.positive("designOutdoorTemperatureK", designOutdoorTemperatureK);
        if (!(supplyCurveKneeOutdoorK > designOutdoorTemperatureK)) {
            throw new IllegalArgumentException("supplyCurveKneeOutdoorK (" + supplyCurveKneeOutdoorK + ") must be > designOutdoorTemperatureK (" + designOutdoorTemperatureK + ")");
        }
        if (!(heatingLimitTemperatureK > designOutdoorTemperatureK)) {
            throw new IllegalArgumentException("heatingLimitTemperatureK (" + heatingLimitTemperatureK + ") must be > designOutdoorTemperatureK (" + designOutdoorTemperatureK + ")");
        }
        if (!(supplyTemperatureAtDesignK >= supplyTemperatureMinK)) {
            throw new IllegalArgumentException("supplyTemperatureAtDesignK (" + supplyTemperatureAtDesignK + ") must be >= supplyTemperatureMinK (" + supplyTemperatureMinK + ")");
        }
        if (!(returnTemperatureAtDesignK < supplyTemperatureMinK && returnTemperatureSummerK < supplyTemperatureMinK)) {
            throw new IllegalArgumentException("return temperatures (" + returnTemperatureAtDesignK + ", " + returnTemperatureSummerK + ") must be below supplyTemperatureMinK (" + supplyTemperatureMinK + ")");
        }
        Require.positive("returnTemperatureFloorK", returnTemperatureFloorK);
        Require.nonNegative("heatLossPerConsumerWPerK", heatLossPerConsumerWPerK);
        Require.positive("groundTemperatureK", groundTemperatureK);
        Require.nonNegative("pipeWaterVolumePerConsumerM3", pipeWaterVolumePerConsumerM3);
        Require.positive("waterSpecificHeatJPerKgK", waterSpecificHeatJPerKgK);
        Require.positive("waterDensityKgPerM3", waterDensityKgPerM3);
    }

    /** The Havdrup network today (350 consumers). */
    public static DistrictHeatingNetworkParameters solrodDefaults() {
        return new DistrictHeatingNetworkParameters(350, 10.0e6 * 3600, 0.15, Units.degCToK(17), DEGREE_HOURS_SYNTHETIC_YEAR_KH,
                Units.degCToK(-12), Units.degCToK(80), Units.degCToK(65), Units.degCToK(0),
                Units.degCToK(38), Units.degCToK(45), Units.degCToK(25), 6.2, Units.degCToK(8), 0.04, 4180.0, 985.0);
    }

    /** Σ max(0, 17 °C − T_out)·1 h over {@code SyntheticWeatherYear} (checked by a test against the series). */
    public static final double DEGREE_HOURS_SYNTHETIC_YEAR_KH = 74_690.0;

    /** These parameters with another consumer count (e.g. 700 when the network doubles). */
    public DistrictHeatingNetworkParameters withConsumerCount(int consumers) {
        return new DistrictHeatingNetworkParameters(consumers, annualHeatPerConsumerJ, hotWaterShareRatio, heatingLimitTemperatureK,
                degreeHoursPerYearKh, designOutdoorTemperatureK, supplyTemperatureAtDesignK, supplyTemperatureMinK, supplyCurveKneeOutdoorK,
                returnTemperatureAtDesignK, returnTemperatureSummerK, returnTemperatureFloorK, heatLossPerConsumerWPerK, groundTemperatureK,
                pipeWaterVolumePerConsumerM3, waterSpecificHeatJPerKgK, waterDensityKgPerM3);
    }

    /** These parameters with another pipe volume per consumer (0: the quasi-static network). */
    public DistrictHeatingNetworkParameters withPipeWaterVolumePerConsumerM3(double volumeM3) {
        return new DistrictHeatingNetworkParameters(consumerCount, annualHeatPerConsumerJ, hotWaterShareRatio, heatingLimitTemperatureK,
                degreeHoursPerYearKh, designOutdoorTemperatureK, supplyTemperatureAtDesignK, supplyTemperatureMinK, supplyCurveKneeOutdoorK,
                returnTemperatureAtDesignK, returnTemperatureSummerK, returnTemperatureFloorK, heatLossPerConsumerWPerK, groundTemperatureK,
                volumeM3, waterSpecificHeatJPerKgK, waterDensityKgPerM3);
    }

    /** Hot-water base per consumer, W: share · annual heat / 8,760 h. */
    public double hotWaterBasePerConsumerW() { return hotWaterShareRatio * annualHeatPerConsumerJ / (8760.0 * 3600.0); }

    /** Space-heating coefficient per consumer, W/K: (1 − share) · annual heat / degree-hours. */
    public double heatingCoefficientPerConsumerWPerK() { return (1 - hotWaterShareRatio) * annualHeatPerConsumerJ / (degreeHoursPerYearKh * 3600.0); }
}
