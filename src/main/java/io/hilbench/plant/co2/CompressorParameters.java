package io.hilbench.plant.co2;

/**
 * Design data of one transcritical CO2 compressor with its VFD ({@link Compressor}). SI units. Sources and
 * assumptions: plant-models/co2-heat-pump/README.md (tags [S] source, [C] computed, [L] literature from memory,
 * [U] unknown: a stated assumption).
 *
 * @param sweptVolumeFlowAt50HzM3PerS  geometric displacement at 50 Hz ([C] sized so four reach 1.2 MW at 70 Hz at the design point)
 * @param speedMinHz                   VFD minimum (25 Hz [S Dorin BOXÉR])
 * @param speedMaxHz                   VFD maximum (70 Hz [S Dorin, Stulz])
 * @param startSpeedHz                 lubrication rule at start (40 Hz [S Bitzer])
 * @param startHoldS                   ... held for (10 s [S Bitzer])
 * @param rampHzPerS                   speed ramp of a running compressor (2 Hz/s [L 0.5–2 Hz/s])
 * @param volumetricC0                 η_v = c0 + c1·π + c2·π² (Ortiz et al. 2003 [L]: 0.9207)
 * @param volumetricC1                 (−0.0756 [L])
 * @param volumetricC2                 (0.0018 [L])
 * @param isentropicEfficiencyMax      peak overall isentropic efficiency (0.75 [U], typical of semi-hermetic CO2 compressors; README C2)
 * @param isentropicOptimumRatio       pressure ratio of the peak (3.5 [U])
 * @param isentropicCurvature          η_is = η_max − k·(π − π_opt)², k (0.015 [U])
 * @param motorEfficiency              motor and VFD, electric to shaft (0.95 [L])
 * @param housingHeatLossRatio         share of the electric power lost from the housing to the room (0.03 [U])
 */
public record CompressorParameters(
        double sweptVolumeFlowAt50HzM3PerS,
        double speedMinHz,
        double speedMaxHz,
        double startSpeedHz,
        double startHoldS,
        double rampHzPerS,
        double volumetricC0,
        double volumetricC1,
        double volumetricC2,
        double isentropicEfficiencyMax,
        double isentropicOptimumRatio,
        double isentropicCurvature,
        double motorEfficiency,
        double housingHeatLossRatio) {

    public CompressorParameters {
        Check.positive("sweptVolumeFlowAt50HzM3PerS", sweptVolumeFlowAt50HzM3PerS);
        Check.positive("speedMinHz", speedMinHz);
        if (!(speedMaxHz > speedMinHz)) throw new IllegalArgumentException("speedMaxHz must be > speedMinHz (" + speedMinHz + "), was " + speedMaxHz);
        Check.inRange("startSpeedHz", startSpeedHz, speedMinHz, speedMaxHz);
        Check.nonNegative("startHoldS", startHoldS);
        Check.positive("rampHzPerS", rampHzPerS);
        Check.inRange("isentropicEfficiencyMax", isentropicEfficiencyMax, 0.1, 1.0);
        Check.positive("isentropicOptimumRatio", isentropicOptimumRatio);
        Check.nonNegative("isentropicCurvature", isentropicCurvature);
        Check.inRange("motorEfficiency", motorEfficiency, 0.5, 1.0);
        Check.inRange("housingHeatLossRatio", housingHeatLossRatio, 0.0, 0.5);
    }

    /** The Solrød default (see the README for each value's source). */
    public static CompressorParameters solrodDefaults() {
        return new CompressorParameters(0.0200, 25, 70, 40, 10, 2.0, 0.9207, -0.0756, 0.0018, 0.75, 3.5, 0.015, 0.95, 0.03);
    }
}
