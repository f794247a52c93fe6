package io.hilbench.fluid;

/**
 * Design data of the CO2 property tables ({@link Co2Tables}); also the key of the table cache file.
 *
 * <p>Domain: pressure from p_sat(lowestSaturationTemperatureK) to maxPressurePa; temperature from
 * max(lowestTemperatureK, melting line + 0.5 K) to maxTemperatureK. Node counts per region: the subcritical
 * pressure rows carry a liquid patch (between the lowest temperature and the saturated liquid) and a vapour patch
 * (between the saturated vapour and the highest temperature); the supercritical rows (p &ge; p_c) carry one patch
 * from the lowest to the highest temperature.
 *
 * @param lowestSaturationTemperatureK lowest saturation (evaporating) temperature covered, K; fixes the lowest
 *                                     table pressure
 * @param lowestTemperatureK           lowest single-phase temperature covered, K (must be below the previous)
 * @param maxTemperatureK              highest temperature covered, K
 * @param maxPressurePa                highest pressure covered, Pa
 * @param subcriticalPressureNodes     pressure rows below p_c (clustered towards p_c)
 * @param supercriticalPressureNodes   pressure rows above p_c (clustered towards p_c)
 * @param liquidNodes                  nodes across the liquid patch of a subcritical row
 * @param vaporNodes                   nodes across the vapour patch of a subcritical row
 * @param supercriticalNodes           nodes across a supercritical row
 * @param saturationNodes              nodes of the saturation table over temperature (clustered towards T_c)
 */
public record Co2TableParameters(double lowestSaturationTemperatureK, double lowestTemperatureK,
                                 double maxTemperatureK, double maxPressurePa, int subcriticalPressureNodes,
                                 int supercriticalPressureNodes, int liquidNodes, int vaporNodes,
                                 int supercriticalNodes, int saturationNodes) {

    public Co2TableParameters {
        Ranges.require("lowestTemperatureK", lowestTemperatureK, SpanWagnerCo2.TRIPLE_TEMPERATURE_K,
                SpanWagnerCo2.CRITICAL_TEMPERATURE_K - 10.0);
        Ranges.require("lowestSaturationTemperatureK", lowestSaturationTemperatureK, lowestTemperatureK + 1.0,
                SpanWagnerCo2.CRITICAL_TEMPERATURE_K - 10.0);
        Ranges.require("maxTemperatureK", maxTemperatureK, SpanWagnerCo2.CRITICAL_TEMPERATURE_K + 20.0,
                SpanWagnerCo2.MAX_TEMPERATURE_K);
        Ranges.require("maxPressurePa", maxPressurePa, SpanWagnerCo2.CRITICAL_PRESSURE_PA + 1.0e6,
                SpanWagnerCo2.MAX_PRESSURE_PA);
        requireNodes("subcriticalPressureNodes", subcriticalPressureNodes);
        requireNodes("supercriticalPressureNodes", supercriticalPressureNodes);
        requireNodes("liquidNodes", liquidNodes);
        requireNodes("vaporNodes", vaporNodes);
        requireNodes("supercriticalNodes", supercriticalNodes);
        requireNodes("saturationNodes", saturationNodes);
    }

    private static void requireNodes(String name, int value) {
        if (value < 8 || value > 5000) {
            throw new IllegalArgumentException(name + " must be within [8, 5000], was " + value);
        }
    }

    /**
     * The plant's default: evaporation down to -50 degC, liquid down to -55 degC, up to 200 degC and 200 bar.
     * Node counts chosen from the error map in plant-models/co2-properties/README.md.
     */
    public static Co2TableParameters plantDefault() {
        return new Co2TableParameters(223.15, 218.15, 473.15, 20.0e6, 140, 150, 50, 80, 150, 300);
    }

    /** A stable text key of these parameters (used to name the cache file). */
    String cacheKey() {
        return "v1:" + lowestSaturationTemperatureK + ":" + lowestTemperatureK + ":" + maxTemperatureK + ":"
                + maxPressurePa + ":" + subcriticalPressureNodes + ":" + supercriticalPressureNodes + ":"
                + liquidNodes + ":" + vaporNodes + ":" + supercriticalNodes + ":" + saturationNodes;
    }
}
