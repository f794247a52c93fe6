package io.hilbench.plant;

/**
 * The frost on one air-evaporator coil: its mass grows by the Zhu et al. (2015) frosting map with the Liang et al.
 * (2020) zone growth rates (both as coded in AixLib, domain notes §4.1), limited by the moisture the air can give,
 * and melts with its latent heat during defrost.
 *
 * <pre>
 *   RH_mild(t)     = 0.442930 − 0.00703658t + 7.32506e-5t² − 3.37264e-6t³       (1) Zhu map thresholds, t air °C
 *   RH_moderate(t) = 0.581825 − 0.00880318t + 6.18167e-4t² − 7.75484e-7t³
 *   RH_severe(t)   = 0.824763 − 0.0190728t + 0.00119709t² + 2.15230e-5t³
 *   no frost when t ≥ 6 °C, the coil surface ≥ 0 °C, or the surface above the air's frost point
 *   dm/dt = min(ρ_f·A·v_zone, ṁ_air·max(0, w_air − w_sat(T_surface)))           (2) growth, kg/s
 *   dm/dt = −Q_melt / L_f,  L_f = 333.5 kJ/kg                                     (3) melting
 *   iceFac = 1 − m / m_max,  m_max = ρ_f·A·s_fin/2                                 (4) AixLib ice factor
 * </pre>
 */
public final class FrostLayer {
    /** Frosting-map zones. */
    public enum Zone { NONE, MILD, MODERATE, SEVERE }

    private final FrostLayerParameters p;
    private double massKg;

    public FrostLayer(FrostLayerParameters parameters) {
        this.p = parameters;
    }

    public FrostLayerParameters parameters() { return p; }

    public double massKg() { return massKg; }

    public void reset(double massKg) { this.massKg = Math.max(0, massKg); }

    /** Ice factor, equation (4), in [0, 1]. */
    public double iceFactor() {
        return Math.max(0.0, 1.0 - massKg / p.maxMassKg());
    }

    /** The frosting-map zone of equation (1) for the air. */
    public Zone zone(double airTemperatureK, double relativeHumidityRatio) {
        if (airTemperatureK >= p.noFrostAboveK()) return Zone.NONE;
        double t = airTemperatureK - 273.15;
        double severe = 0.824763 - 0.0190728 * t + 0.00119709 * t * t + 2.15230e-5 * t * t * t;
        double moderate = 0.581825 - 0.00880318 * t + 6.18167e-4 * t * t - 7.75484e-7 * t * t * t;
        double mild = 0.442930 - 0.00703658 * t + 7.32506e-5 * t * t - 3.37264e-6 * t * t * t;
        if (relativeHumidityRatio >= severe) return Zone.SEVERE;
        if (relativeHumidityRatio >= moderate) return Zone.MODERATE;
        if (relativeHumidityRatio >= mild) return Zone.MILD;
        return Zone.NONE;
    }

    /** Growth rate of equation (2), kg/s (0 when the coil cannot frost). */
    public double growthRateKgPerS(double airTemperatureK, double relativeHumidityRatio, double surfaceTemperatureK,
                                   double airMassFlowKgPerS) {
        if (surfaceTemperatureK >= 273.15) return 0.0;
        double wAir = MoistAir.humidityRatio(airTemperatureK, relativeHumidityRatio);
        double moisture = airMassFlowKgPerS * (wAir - MoistAir.saturationHumidityRatio(surfaceTemperatureK));
        if (moisture <= 0) return 0.0;
        double v = switch (zone(airTemperatureK, relativeHumidityRatio)) {
            case NONE -> 0.0;
            case MILD -> p.growthMildMPerS();
            case MODERATE -> p.growthModerateMPerS();
            case SEVERE -> p.growthSevereMPerS();
        };
        return Math.min(p.frostDensityKgPerM3() * p.coilAreaM2() * v, moisture);
    }

    /** Adds frost, kg (negative removes; the mass stays ≥ 0 and ≤ m_max). Returns the change applied. */
    public double add(double deltaKg) {
        double before = massKg;
        massKg = Math.max(0.0, Math.min(p.maxMassKg(), massKg + deltaKg));
        return massKg - before;
    }
}
