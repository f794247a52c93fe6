package io.hilbench.plant.co2;

import io.hilbench.fluid.Co2Saturation;
import io.hilbench.fluid.Co2Tables;

/**
 * The liquid receiver (flash tank) after HV-221: the throttled gas-cooler outflow splits into saturated liquid,
 * which feeds the evaporators, and flash gas, which the bypass valve HV-222 throttles to suction.
 *
 * <pre>
 *   x       = (h_in − h'(p_rec)) / (h''(p_rec) − h'(p_rec))   clamped to [0, 1]     (1) flash share (isenthalpic HV-221)
 *   p_set   = min(max(p_min, p_suc + Δp), p_max)                                      (2) DESIGN §5 (35 bar, +5 bar, 65 bar)
 *   dM/dt = ṁ_in + ṁ_condensate − ṁ_feed − ṁ_bypass                                    (3) mass
 *   dU/dt = ṁ_in·h_in + ṁ_condensate·h' − ṁ_feed·h' − ṁ_bypass·h_bp + Q                 (4) energy (Q: the standstill creep)
 *   M_l, M_v, p from (M, U) in equilibrium ({@link TwoPhaseVolume}, no metal);  ṁ_feed ≤ M_l/dt + (1 − x)·ṁ_in + ṁ_condensate   (5)
 * </pre>
 * Until issue #15 item 2 the receiver was a vapour balance C·dp/dt = x·ṁ_in − ṁ_bypass with
 * C = V_v·dρ''/dp + M_l·(dh'/dp)/h_fg and a separate liquid balance: the same equilibrium to first order, but it lost
 * the liquid's displacement of the vapour (ρ''/ρ'·dM_l) and the vapour's own energy, so mass and energy drifted by tens
 * of kg and MJ over a start. Now mass and energy are the states and the flashing, the displacement and the heat of
 * compression all follow from the equilibrium. The liquid the EEVs feed comes from the inventory; an empty receiver
 * feeds only what arrives (5), so the evaporators starve and the suction falls.
 * <pre>
 *   M ≤ V·ρ'(p_rec)                                                                             (6) liquid-full
 * </pre>
 * The plant keeps (6) (Co2HeatPumpPlant P2a): what would overfill the vessel leaves as liquid through the flash-gas
 * line, or HV-221 backs it up into the gas cooler. This class alone does not: stepped past (6) the equilibrium treats
 * the vessel as all liquid and {@link #liquidLevelRatio} reports the level above 1.
 */
public final class Receiver {
    private final ReceiverParameters p;
    private final TwoPhaseVolume content;
    private double pressurePa;
    private double liquidKg;

    public Receiver(ReceiverParameters parameters) {
        this.p = parameters;
        this.content = new TwoPhaseVolume(parameters.volumeM3(), 0.0);
    }

    public ReceiverParameters parameters() { return p; }

    public double pressurePa() { return pressurePa; }

    /**
     * Standstill at the saturation state {@code sat}: the liquid fills {@code 1 − vapourShareOfVolume} of the volume
     * (193 kg at 20 °C with the defaults).
     */
    public void reset(Co2Saturation sat) {
        pressurePa = sat.pressurePa();
        content.reset(sat, 1 - p.vapourShareOfVolume());
        liquidKg = content.liquidKg(sat);
    }

    /** The liquid inventory M_l, kg, at the last pressure solved. */
    public double liquidKg() { return liquidKg; }

    /** The CO2 mass, kg (state). */
    public double massKg() { return content.massKg(); }

    /** The CO2 energy, J (state; the tables' reference). */
    public double energyJ() { return content.energyJ(); }

    /** U(p, M) at a saturation state, J (the ledger's: from the pressure and the mass). */
    public double energyAt(Co2Saturation sat) { return content.energyAt(sat); }

    /** Liquid level as a share of the vessel, M_l/(V·ρ'); above 1 the receiver is flooded. */
    public double liquidLevelRatio(double liquidDensityKgPerM3) {
        return liquidKg / (p.volumeM3() * liquidDensityKgPerM3);
    }

    /** The most the EEVs can feed over dt, kg/s, equation (5). */
    public double feedLimitKgPerS(double dtS, double liquidInKgPerS) {
        return Math.max(0.0, liquidKg) / dtS + liquidInKgPerS;
    }

    /** (3) and (4) over dt: net mass in, kg/s, and net energy in, W. */
    public void step(double dtS, double massInKgPerS, double energyInW) {
        content.step(dtS, massInKgPerS, energyInW);
    }

    /**
     * The pressure from (M, U), one Newton step from the present pressure (whose saturation is {@code at}); the liquid
     * is then M − M_v at that saturation (one sub-step behind the pressure). Returns the new pressure.
     */
    public double solvePressure(Co2Tables co2, Co2Saturation at, double outflowEnthalpyJPerKg, double minPa, double maxPa) {
        liquidKg = content.liquidKg(at);
        pressurePa = content.solvePressure(co2, at, at.pressurePa(), outflowEnthalpyJPerKg, minPa, maxPa);
        return pressurePa;
    }

    /** dM/dp for vapour drawn at the outflow enthalpy of the last solve, kg/Pa (the valves' equalising limit). */
    public double capacitanceKgPerPa() { return content.capacitanceKgPerPa(); }

    /** (∂U/∂p) at fixed mass, J/Pa, at a saturation state: the heat that moves the pressure by 1 Pa (the creep's). */
    public double heatPerPressureJPerPa(Co2Tables co2, Co2Saturation at) {
        double dp = at.pressurePa() + 1e4 <= 71e5 ? 1e4 : -1e4;
        return (content.energyAt(co2.saturationAtPressure(at.pressurePa() + dp)) - content.energyAt(at)) / dp;
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

    /** The flashing of the first-order form: kg of liquid evaporated per kg of liquid and Pa of pressure fall. */
    public static double flashingKgPerKgPa(Co2Saturation at, Co2Saturation above, double dpPa) {
        return Math.max(0.0, (above.liquidEnthalpyJPerKg() - at.liquidEnthalpyJPerKg()) / dpPa) / at.latentHeatJPerKg();
    }
}
