package io.hilbench.plant.co2;

/**
 * Frost on one air-evaporator coil ({@link FrostLayer}). SI units; sources in plant-models/co2-heat-pump/README.md.
 *
 * @param initialDensityKgPerM3                 density of young frost, the layer's start (30 kg/m³ [S AixLib, Liang et
 *                                              al. 2020 via domain notes §4.1])
 * @param coilAreaM2                            air-side surface the frost covers (2000 m² per section [U])
 * @param finSpacingM                           fin spacing; the frost can fill half of it from each fin (10 mm [L]: 6–12
 *                                              mm for coils that frost; AixLib's default 3 mm is a small domestic coil)
 * @param agedDensityCoefficientKgPerM3         ρ_∞ = a·exp(b·t_s) (650 kg/m³ [S Hayashi et al. 1977])
 * @param agedDensityTemperatureCoefficientPerK b (0.227 1/K [S Hayashi et al. 1977])
 * @param densificationTimeConstantS            the layer's mean density moves from the young to the aged density
 *                                              with this time constant (8 h [C], no hard source: 20 % capacity loss
 *                                              of a section in about an hour at 0 °C / 90 % full load; 4 h lost the
 *                                              self-test's defrosts-without-frost × DF-01 catch, README Validation)
 * @param noFrostAboveK                         the Zhu map's no-frost air temperature, for the reported zone only
 *                                              (6 °C [S Zhu et al. 2015])
 */
public record FrostLayerParameters(double initialDensityKgPerM3, double coilAreaM2, double finSpacingM,
                                   double agedDensityCoefficientKgPerM3, double agedDensityTemperatureCoefficientPerK,
                                   double densificationTimeConstantS, double noFrostAboveK) {
    public FrostLayerParameters {
        Check.positive("initialDensityKgPerM3", initialDensityKgPerM3);
        Check.positive("coilAreaM2", coilAreaM2);
        Check.positive("finSpacingM", finSpacingM);
        Check.positive("agedDensityCoefficientKgPerM3", agedDensityCoefficientKgPerM3);
        Check.nonNegative("agedDensityTemperatureCoefficientPerK", agedDensityTemperatureCoefficientPerK);
        Check.positive("densificationTimeConstantS", densificationTimeConstantS);
        Check.positive("noFrostAboveK", noFrostAboveK);
    }

    public static FrostLayerParameters solrodDefaults() {
        return new FrostLayerParameters(30, 2000, 0.010, 650, 0.227, 28800, 279.15);
    }

    /** Volume of the fin gaps the frost can fill (iceFac = 0): A·s_fin/2, m³. */
    public double maxVolumeM3() {
        return coilAreaM2 * finSpacingM / 2;
    }

    /** Young frost (ρ_0) that fills the fin gaps: ρ_0·A·s_fin/2, kg (the unit of the frost initialiser). */
    public double maxMassKg() {
        return initialDensityKgPerM3 * maxVolumeM3();
    }
}
