package io.hilbench.controller;

/**
 * Defrost tuning of the reference controller ({@link DefrostSequencer}): the controller's own values with margins, never
 * the requirement limits (DF-01..03 limits live in features/requirements.yaml: defrost ≤ 20 min, ≤ 30 % capacity
 * loss). Times are plant time. Sources: domain notes §4.2–4.3.
 *
 * @param coilPressureDropCleanPa  air-side pressure drop of a clean coil at 100 % fan speed, Pa (coil data sheet; the
 *                                 reference scales it with the fan speed squared). Default 80 Pa
 * @param pressureDropRatioStart   demand initiation: filtered PDT-23s, less the section's learned transmitter offset
 *                                 (cleanReadingMaxDeviationPa), over the clean reference at the present fan speed at or
 *                                 above this starts a defrost. Default 1.12 — on the Solrød coil (fan curve
 *                                 k = 2.5) about 8–9 % capacity loss, so one round of four sections (≈ 5 min each)
 *                                 ends well before any section loses 30 %
 * @param coilDeltaRiseStartK      demand initiation, second signal: air-to-coil ΔT (TT-101 − TT-23s) this far above the
 *                                 section's own baseline (learned {@code baselineAfterS} after it returned to service).
 *                                 Default 4 K (Danfoss ERC 'ddt' 5 K, Lennox coil-ΔT demand)
 * @param baselineAfterS           the ΔT baseline is taken this long after a section returns to service. Default 300 s
 * @param pressureDropFilterS      first-order filter on PDT-23s, s. Default 30 s
 * @param fallbackIntervalS        time fallback, only while a section's frost sensing (PDT-23s) is invalid and the air
 *                                 may frost: a defrost after this much evaporating time. Default 2700 s (45 min;
 *                                 AixLib/Zhu: 30 min severe, 60 min moderate)
 * @param frostAirMaxDegC          no frost at or above this air temperature (Zhu map, domain notes §4.1: none at ≥ 6 °C);
 *                                 the fallback does not run above it. Default 6 °C
 * @param minEvaporatingS          a section evaporates at least this long between two of its defrosts. Default 600 s
 * @param staggerS                 at least this long between the end of one section's defrost and the next one's start.
 *                                 Default 30 s
 * @param pumpOutS                 section valve XV-23s closed and fan off this long before the hot-gas valve opens.
 *                                 Default 10 s
 * @param terminationDegC          the hot gas stops when TT-23s reaches this (Fedders 5 °C, Lennox/residential ≈ 14 °C).
 *                                 Default 8 °C
 * @param minHotGasS               termination on temperature only after this much hot gas. Default 30 s
 * @param defrostMaxS              maximum hot-gas time: then the defrost ends anyway and DEFROST_MAX_TIME is raised
 *                                 (Danfoss d04). Default 900 s (15 min: with pump-out, drip and fan delay a defrost
 *                                 stays inside DF-01's 20 min)
 * @param dripS                    drip time after the hot gas, everything closed (Optyma d9). Default 60 s
 * @param fanDelayS                after the drip the section evaporates again with its fan off this long, so the last
 *                                 water freezes on the coil instead of being blown off (Optyma F4 2 min). Default 60 s
 * @param cleanLearnAfterS         the clean reading of a section's PDT-23s is learned after this much valid sensing (fan
 *                                 running) once the coil is known clean: at the controller's first start and after each
 *                                 defrost that ended on the coil temperature. 3 × pressureDropFilterS, so the filter
 *                                 has forgotten its first sample (e^-3 = 5 %); frost grown meanwhile is under 1 Pa on
 *                                 the Solrød coil. Default 90 s
 * @param cleanReadingMaxDeviationPa the learned clean reading is kept as its deviation from the data-sheet law
 *                                 (coilPressureDropCleanPa · n²), a constant transmitter offset in Pa that the demand
 *                                 start then subtracts from every reading; a deviation larger than this is not
 *                                 learned (the coil was not clean, or the transmitter is out of its class) and the
 *                                 previous one is kept. Default 8 Pa: 1.6 × the ±5 Pa class of a 0–500 Pa
 *                                 transmitter at 1 % of span (rigs/README.md "Sensor accuracy"); a coil 15 % over its
 *                                 clean drop at 80 % fan reads 7.7 Pa high, so a frosted coil at first start is not
 *                                 taken for clean beyond that
 */
public record DefrostConfig(double coilPressureDropCleanPa, double pressureDropRatioStart, double coilDeltaRiseStartK,
                            double baselineAfterS, double pressureDropFilterS, double fallbackIntervalS, double frostAirMaxDegC,
                            double minEvaporatingS, double staggerS, double pumpOutS, double terminationDegC, double minHotGasS,
                            double defrostMaxS, double dripS, double fanDelayS, double cleanLearnAfterS,
                            double cleanReadingMaxDeviationPa) {
    public DefrostConfig {
        positive("coilPressureDropCleanPa", coilPressureDropCleanPa);
        if (!(pressureDropRatioStart > 1.0)) throw new IllegalArgumentException("pressureDropRatioStart must be > 1, was " + pressureDropRatioStart);
        positive("coilDeltaRiseStartK", coilDeltaRiseStartK);
        positive("pressureDropFilterS", pressureDropFilterS);
        positive("fallbackIntervalS", fallbackIntervalS);
        positive("defrostMaxS", defrostMaxS);
        positive("cleanReadingMaxDeviationPa", cleanReadingMaxDeviationPa);
        for (double v : new double[] {baselineAfterS, minEvaporatingS, staggerS, pumpOutS, minHotGasS, dripS, fanDelayS, cleanLearnAfterS}) {
            if (!(v >= 0)) throw new IllegalArgumentException("defrost times must be >= 0, was " + v);
        }
        if (minHotGasS > defrostMaxS) throw new IllegalArgumentException("minHotGasS " + minHotGasS + " > defrostMaxS " + defrostMaxS);
    }

    private static void positive(String name, double v) {
        if (!(v > 0)) throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }

    public static DefrostConfig defaults() {
        return new DefrostConfig(80, 1.12, 4.0, 300, 30, 2700, 6.0, 600, 30, 10, 8.0, 30, 900, 60, 60, 90, 8.0);
    }

    public DefrostConfig withDefrostMaxS(double s) {
        return new DefrostConfig(coilPressureDropCleanPa, pressureDropRatioStart, coilDeltaRiseStartK, baselineAfterS, pressureDropFilterS,
                fallbackIntervalS, frostAirMaxDegC, minEvaporatingS, staggerS, pumpOutS, terminationDegC, minHotGasS, s, dripS, fanDelayS,
                cleanLearnAfterS, cleanReadingMaxDeviationPa);
    }

    public DefrostConfig withFallbackIntervalS(double s) {
        return new DefrostConfig(coilPressureDropCleanPa, pressureDropRatioStart, coilDeltaRiseStartK, baselineAfterS, pressureDropFilterS,
                s, frostAirMaxDegC, minEvaporatingS, staggerS, pumpOutS, terminationDegC, minHotGasS, defrostMaxS, dripS, fanDelayS,
                cleanLearnAfterS, cleanReadingMaxDeviationPa);
    }

    public DefrostConfig withCleanReadingMaxDeviationPa(double pa) {
        return new DefrostConfig(coilPressureDropCleanPa, pressureDropRatioStart, coilDeltaRiseStartK, baselineAfterS, pressureDropFilterS,
                fallbackIntervalS, frostAirMaxDegC, minEvaporatingS, staggerS, pumpOutS, terminationDegC, minHotGasS, defrostMaxS, dripS,
                fanDelayS, cleanLearnAfterS, pa);
    }
}
