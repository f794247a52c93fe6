package io.hilbench.plant.co2;

/**
 * The frost on one air-evaporator coil, grown by mass transfer from the air to the ice surface, densifying as it ages,
 * blocking the fin gaps by its thickness, and melted with its latent heat during defrost (issue #15 item 4).
 *
 * <pre>
 *   ṁ_f = ε_m·ṁ_da·max(0, w_a − w_sat,ice(T_s))                                            (F2) deposition, kg/s
 *         ε_m = ε = 1 − exp(−UA/(ṁ_da·c_p,a)): the coil's heat-transfer effectiveness, taken for mass transfer by
 *         the Chilton–Colburn/Lewis analogy (h_m = h/c_p,a, Le^(2/3) ≈ 1 for water vapour in air; ASHRAE
 *         Fundamentals ch. 6, Threlkeld "Thermal Environmental Engineering" ch. 10). It moves with the air flow (fan
 *         speed, frost) and the coil temperature T_s, which follows the evaporating temperature (part load). w_a from
 *         the RH over water (WMO, {@link MoistAir} (3)), w_sat over ice at the frosting surface ({@link MoistAir} (4)).
 *         Since ε_m ≤ 1, the frost never takes more water than the air gives up in cooling to the frost point.
 *   ρ_∞(T_s) = max(ρ_0, 650·exp(0.227·t_s))   t_s °C, −25…0 °C                              (F3a) Hayashi, Aoki, Adachi &amp; Hori,
 *         J. Heat Transfer 99 (1977) 239–245, as reviewed by Léoni et al., Int. J. Refrig. 68 (2016) 198–217: frost
 *         on a colder surface is lighter. The coil (refrigerant-side) temperature stands in for the frost surface.
 *   dρ_f/dt = max(0, ρ_∞(T_s) − ρ_f)/τ_d,  ρ_f = ρ_0 on a clear coil                        (F3b) densification [L]: young
 *         frost is light (ρ_0 = 30 kg/m³, AixLib/Liang et al. 2020), the vapour diffusing into the layer fills it
 *         (Na &amp; Webb, Int. J. Heat Mass Transfer 47 (2004) 925–936; Hermes, Int. J. Heat Mass Transfer 55 (2012)
 *         7346–7351: the mean density rises with time); at a constant surface temperature
 *         ρ_f(τ) = ρ_0 + (ρ_∞ − ρ_0)·(1 − exp(−τ/τ_d)), τ the age of the layer; a colder surface later does not make
 *         the frost already there lighter. τ_d [C]
 *   V = max(V, m/ρ_f)   while frosting: the layer thickens only when the densified volume exceeds it   (F3c)
 *   δ = V/A,  iceFac = 1 − δ/(s_fin/2)                                                        (F4) blockage by thickness
 *   dm/dt = −Q_melt/L_f, L_f = 333.5 kJ/kg; the layer melts at its present density             (F5)
 * </pre>
 * The Zhu et al. (2015) frosting map (AixLib {@code ZhuFrostingZone.mo}, domain notes §4.1) stays a reported
 * classification ({@link #zone}); it does not set the growth.
 */
public final class FrostLayer {
    /** Frosting-map zones (Zhu et al. 2015), reported only. */
    public enum Zone { NONE, MILD, MODERATE, SEVERE }

    private final FrostLayerParameters p;
    private double massKg;
    private double volumeM3;
    /** ρ_f of (F3b): the density the layer has densified to, kg/m³. */
    private double densifiedKgPerM3;
    private double ageS;

    public FrostLayer(FrostLayerParameters parameters) {
        this.p = parameters;
        this.densifiedKgPerM3 = parameters.initialDensityKgPerM3();
    }

    public FrostLayerParameters parameters() { return p; }

    public double massKg() { return massKg; }

    /** Frost volume in the fin gaps, m³. */
    public double volumeM3() { return volumeM3; }

    /** Mean frost thickness on the coil surface, m (F4). */
    public double thicknessM() { return volumeM3 / p.coilAreaM2(); }

    /** Mean density of the layer, kg/m³ (the young-frost density for an empty coil). */
    public double densityKgPerM3() { return volumeM3 > 0 ? massKg / volumeM3 : p.initialDensityKgPerM3(); }

    /** Time the present layer has been growing, s (0 on a clear coil). */
    public double ageS() { return ageS; }

    /**
     * Sets the frost to this mass as a young layer (density ρ_0), so {@code m / maxMassKg} is its blockage: the state
     * initialiser's "section 2 is 60 % frosted". Age 0: it densifies from there.
     */
    public void reset(double massKg) {
        this.massKg = Math.max(0, Math.min(p.maxMassKg(), massKg));
        this.volumeM3 = this.massKg / p.initialDensityKgPerM3();
        this.densifiedKgPerM3 = p.initialDensityKgPerM3();
        this.ageS = 0;
    }

    /** Ice factor, equation (F4), in [0, 1]: the free share of the fin gaps. */
    public double iceFactor() {
        return Math.max(0.0, 1.0 - volumeM3 / p.maxVolumeM3());
    }

    /** The frosting-map zone for the air (Zhu et al. 2015; reported, not used for growth). */
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

    /**
     * Deposition rate, equation (F2), kg/s: 0 on a surface at or above 0 °C or above the air's frost point.
     *
     * @param dryAirMassFlowKgPerS         dry air through the coil
     * @param massTransferEffectiveness    ε_m in [0, 1] (the heat-transfer ε by the Lewis analogy)
     */
    public static double depositionRateKgPerS(double airTemperatureK, double relativeHumidityRatio, double surfaceTemperatureK,
                                              double dryAirMassFlowKgPerS, double massTransferEffectiveness) {
        if (surfaceTemperatureK >= 273.15 || dryAirMassFlowKgPerS <= 0) return 0.0;
        double eps = Math.max(0.0, Math.min(1.0, massTransferEffectiveness));
        double dw = MoistAir.humidityRatio(airTemperatureK, relativeHumidityRatio) - MoistAir.saturationHumidityRatio(surfaceTemperatureK);
        return dw > 0 ? eps * dryAirMassFlowKgPerS * dw : 0.0;
    }

    /** Density the layer densifies toward at a surface temperature, equation (F3a), kg/m³. */
    public double agedDensityKgPerM3(double surfaceTemperatureK) {
        double t = Math.min(0.0, surfaceTemperatureK - 273.15);
        return Math.max(p.initialDensityKgPerM3(), p.agedDensityCoefficientKgPerM3() * Math.exp(p.agedDensityTemperatureCoefficientPerK() * t));
    }

    /**
     * One step of frosting: {@code depositKg} (≥ 0) of water vapour deposits on a surface at {@code surfaceTemperatureK};
     * the layer ages and densifies, equations (F3b)-(F3c). The volume never exceeds the fin gaps (iceFac ≥ 0).
     */
    public void grow(double dtS, double depositKg, double surfaceTemperatureK) {
        double dm = Math.max(0.0, depositKg);
        if (massKg <= 0 && dm <= 0) return;
        massKg += dm;
        ageS += dtS;
        double rhoInf = agedDensityKgPerM3(surfaceTemperatureK);
        if (rhoInf > densifiedKgPerM3) {
            // exact for a constant ρ_∞ over the step, so the result does not depend on the step length
            densifiedKgPerM3 += (rhoInf - densifiedKgPerM3) * (1.0 - Math.exp(-dtS / p.densificationTimeConstantS()));
        }
        volumeM3 = Math.min(p.maxVolumeM3(), Math.max(volumeM3, massKg / densifiedKgPerM3));
    }

    /**
     * Adds frost, kg, at the layer's present density (negative melts it, equation (F5)); the mass stays ≥ 0 and the
     * volume within the fin gaps. Returns the change applied. A cleared coil starts its next layer young.
     */
    public double add(double deltaKg) {
        double before = massKg;
        double rho = densityKgPerM3();
        massKg = Math.max(0.0, Math.min(p.maxVolumeM3() * rho, massKg + deltaKg));
        volumeM3 = massKg / rho;
        if (massKg <= 0) {
            massKg = 0;
            volumeM3 = 0;
            densifiedKgPerM3 = p.initialDensityKgPerM3();
            ageS = 0;
        }
        return massKg - before;
    }
}
