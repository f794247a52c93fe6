package io.hilbench.plant.co2;

import io.hilbench.fluid.Co2Saturation;

/**
 * The liquid receiver (flash tank) after HV-221: the throttled gas-cooler outflow splits into saturated liquid,
 * which feeds the evaporators, and flash gas, which the bypass valve HV-222 throttles to suction.
 *
 * <pre>
 *   x       = (h_in − h'(p_rec)) / (h''(p_rec) − h'(p_rec))   clamped to [0, 1]     (1) flash share (isenthalpic HV-221)
 *   p_set   = min(max(p_min, p_suc + Δp), p_max)                                      (2) DESIGN §5 (35 bar, +5 bar, 65 bar)
 *   C·dp/dt = x·ṁ_in − ṁ_bypass,  C = V_v·dρ''/dp + M_l·(dh'/dp)/h_fg                  (3) vapour balance; the second term
 *                                                                                     is the liquid flashing as p falls
 *   dM_l/dt = (1 − x)·ṁ_in + ṁ_condensate − ṁ_feed − M_l·(dh'/dp)/h_fg·dp/dt            (4) liquid inventory
 *   V_v = max(0.05·V, V − M_l/ρ'),  ṁ_feed ≤ M_l/dt + (1 − x)·ṁ_in + ṁ_condensate         (5) vapour space; run dry
 * </pre>
 * Equation (3) is the reduced-order receiver of the dynamic plant (domain notes §7, lumped two-phase volume in
 * equilibrium). The flashing term: a pressure fall dp cools the saturated liquid by dh' = (dh'/dp)·dp, and that heat
 * evaporates M_l·dh'/h_fg of it (at 35 bar, ≈ 0.0098 kg per kg of liquid and bar: 193 kg of liquid add 1.9 kg/bar to
 * the vapour space's 0.8 kg/bar). The liquid the EEVs feed comes from the inventory (4); an empty receiver feeds only
 * what arrives (5), so the evaporators starve and the suction falls. More liquid than the vessel holds (level above
 * 1) is reported, not prevented. Heat flow with the room is neglected.
 */
public final class Receiver {
    private final ReceiverParameters p;
    private double pressurePa;
    private double liquidKg;

    public Receiver(ReceiverParameters parameters) {
        this.p = parameters;
    }

    public ReceiverParameters parameters() { return p; }

    public double pressurePa() { return pressurePa; }

    /**
     * Standstill: the pressure, and the liquid filling {@code 1 − vapourShareOfVolume} of the volume at the saturated
     * liquid density {@code liquidDensityKgPerM3} (193 kg at 20 °C with the defaults).
     */
    public void reset(double pressurePa, double liquidDensityKgPerM3) {
        this.pressurePa = pressurePa;
        this.liquidKg = p.volumeM3() * (1 - p.vapourShareOfVolume()) * liquidDensityKgPerM3;
    }

    /** The liquid inventory M_l, kg. */
    public double liquidKg() { return liquidKg; }

    /** Liquid level as a share of the vessel, M_l/(V·ρ'); above 1 the receiver is flooded. */
    public double liquidLevelRatio(double liquidDensityKgPerM3) {
        return liquidKg / (p.volumeM3() * liquidDensityKgPerM3);
    }

    /** Equation (4) over dt, and the mass a standstill migration takes (positive) or returns (negative). */
    public void stepLiquid(double dtS, double liquidInKgPerS, double feedOutKgPerS, double flashedKg) {
        liquidKg += dtS * (liquidInKgPerS - feedOutKgPerS) - flashedKg;
    }

    /** The most the EEVs can feed over dt, kg/s, equation (5). */
    public double feedLimitKgPerS(double dtS, double liquidInKgPerS) {
        return Math.max(0.0, liquidKg) / dtS + liquidInKgPerS;
    }

    /** The vapour space V_v of equation (5), m³. */
    public double vapourVolumeM3(double liquidDensityKgPerM3) {
        return Math.max(0.05 * p.volumeM3(), p.volumeM3() - Math.max(0.0, liquidKg) / liquidDensityKgPerM3);
    }

    /** The flashing share of equation (3): kg of liquid evaporated per kg of liquid and Pa of pressure fall. */
    public static double flashingKgPerKgPa(Co2Saturation at, Co2Saturation above, double dpPa) {
        return Math.max(0.0, (above.liquidEnthalpyJPerKg() - at.liquidEnthalpyJPerKg()) / dpPa) / at.latentHeatJPerKg();
    }

    /** Set-point of equation (2). */
    public double pressureSetPa(double suctionPressurePa) {
        return Math.min(Math.max(p.pressureMinPa(), suctionPressurePa + p.aboveSuctionPa()), p.pressureMaxPa());
    }

    /** Flash share, equation (1). */
    public static double flashShare(Co2Saturation saturation, double inletEnthalpyJPerKg) {
        double x = (inletEnthalpyJPerKg - saturation.liquidEnthalpyJPerKg()) / saturation.latentHeatJPerKg();
        return Math.max(0.0, Math.min(1.0, x));
    }

    /** The vapour space's part of C in equation (3), V_v·dρ''/dp, kg/Pa. */
    public double vapourCapacitanceKgPerPa(double liquidDensityKgPerM3, double vapourDensityDerivativeKgPerM3Pa) {
        return vapourVolumeM3(liquidDensityKgPerM3) * vapourDensityDerivativeKgPerM3Pa;
    }

    /** C of equation (3): the vapour space and the flashing liquid, kg/Pa. */
    public double capacitanceKgPerPa(double liquidDensityKgPerM3, double vapourDensityDerivativeKgPerM3Pa, double flashingKgPerKgPa) {
        return vapourCapacitanceKgPerPa(liquidDensityKgPerM3, vapourDensityDerivativeKgPerM3Pa) + Math.max(0.0, liquidKg) * flashingKgPerKgPa;
    }

    /** Equation (3) over dt, explicit (the caller sub-steps): returns the new pressure. */
    public double stepPressure(double dtS, double flashGasInKgPerS, double bypassOutKgPerS, double capacitanceKgPerPa) {
        pressurePa += dtS * (flashGasInKgPerS - bypassOutKgPerS) / capacitanceKgPerPa;
        return pressurePa;
    }

    public void setPressurePa(double pressurePa) { this.pressurePa = pressurePa; }
}
