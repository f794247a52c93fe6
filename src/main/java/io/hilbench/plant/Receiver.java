package io.hilbench.plant;

import io.hilbench.fluid.Co2Saturation;

/**
 * The liquid receiver (flash tank) after HV-221: the throttled gas-cooler outflow splits into saturated liquid,
 * which feeds the evaporators, and flash gas, which the bypass valve HV-222 throttles to suction.
 *
 * <pre>
 *   x       = (h_in − h'(p_rec)) / (h''(p_rec) − h'(p_rec))   clamped to [0, 1]     (1) flash share (isenthalpic HV-221)
 *   p_set   = min(max(p_min, p_suc + Δp), p_max)                                      (2) DESIGN §5 (35 bar, +5 bar, 65 bar)
 *   C·dp/dt = x·ṁ_in − ṁ_bypass,  C = V_v·dρ''/dp                                    (3) vapour balance of the vapour space
 * </pre>
 * Equation (3) is the reduced-order receiver of the dynamic plant (domain notes §7, lumped two-phase volume,
 * liquid level not modelled: the liquid leaves as it arrives). Heat flow with the room is neglected.
 */
public final class Receiver {
    private final ReceiverParameters p;
    private double pressurePa;

    public Receiver(ReceiverParameters parameters) {
        this.p = parameters;
    }

    public ReceiverParameters parameters() { return p; }

    public double pressurePa() { return pressurePa; }

    public void reset(double pressurePa) { this.pressurePa = pressurePa; }

    /** Set-point of equation (2). */
    public double pressureSetPa(double suctionPressurePa) {
        return Math.min(Math.max(p.pressureMinPa(), suctionPressurePa + p.aboveSuctionPa()), p.pressureMaxPa());
    }

    /** Flash share, equation (1). */
    public static double flashShare(Co2Saturation saturation, double inletEnthalpyJPerKg) {
        double x = (inletEnthalpyJPerKg - saturation.liquidEnthalpyJPerKg()) / saturation.latentHeatJPerKg();
        return Math.max(0.0, Math.min(1.0, x));
    }

    /** Vapour-space capacitance C of equation (3), kg/Pa, from two saturated-vapour densities 1 bar apart. */
    public double capacitanceKgPerPa(double vapourDensityDerivativeKgPerM3Pa) {
        return p.volumeM3() * p.vapourShareOfVolume() * vapourDensityDerivativeKgPerM3Pa;
    }

    /** Equation (3) over dt, explicit (the caller sub-steps): returns the new pressure. */
    public double stepPressure(double dtS, double flashGasInKgPerS, double bypassOutKgPerS, double capacitanceKgPerPa) {
        pressurePa += dtS * (flashGasInKgPerS - bypassOutKgPerS) / capacitanceKgPerPa;
        return pressurePa;
    }

    public void setPressurePa(double pressurePa) { this.pressurePa = pressurePa; }
}
