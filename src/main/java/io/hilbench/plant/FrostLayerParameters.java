package io.hilbench.plant;

/**
 * Frost on one air-evaporator coil ({@link FrostLayer}). SI units; sources in plant-models/co2-heat-pump/README.md.
 *
 * @param frostDensityKgPerM3      frost density (30 kg/m³ [S AixLib, Liang et al. 2020 via domain notes §4.1])
 * @param coilAreaM2               air-side surface the frost covers (2000 m² per section [U])
 * @param finSpacingM              fin spacing; the frost can fill half of it (10 mm [L]: 6–12 mm for coils that frost;
 *                                 AixLib's default 3 mm is a small domestic coil)
 * @param growthMildMPerS          frost-thickness velocity, mild zone (0.7e-7 m/s [S Liang et al. 2020])
 * @param growthModerateMPerS      ... moderate zone (2.5e-7 m/s [S])
 * @param growthSevereMPerS        ... severe zone (3.6e-7 m/s [S])
 * @param noFrostAboveK            no frost at or above this air temperature (6 °C [S Zhu et al. 2015])
 */
public record FrostLayerParameters(double frostDensityKgPerM3, double coilAreaM2, double finSpacingM, double growthMildMPerS,
                                   double growthModerateMPerS, double growthSevereMPerS, double noFrostAboveK) {
    public FrostLayerParameters {
        Check.positive("frostDensityKgPerM3", frostDensityKgPerM3);
        Check.positive("coilAreaM2", coilAreaM2);
        Check.positive("finSpacingM", finSpacingM);
        Check.nonNegative("growthMildMPerS", growthMildMPerS);
        Check.nonNegative("growthModerateMPerS", growthModerateMPerS);
        Check.nonNegative("growthSevereMPerS", growthSevereMPerS);
        Check.positive("noFrostAboveK", noFrostAboveK);
    }

    public static FrostLayerParameters solrodDefaults() {
        return new FrostLayerParameters(30, 2000, 0.010, 0.7e-7, 2.5e-7, 3.6e-7, 279.15);
    }

    /** Frost mass that fills the free flow area (iceFac = 0): ρ·A·s_fin/2, kg. */
    public double maxMassKg() {
        return frostDensityKgPerM3 * coilAreaM2 * finSpacingM / 2;
    }
}
