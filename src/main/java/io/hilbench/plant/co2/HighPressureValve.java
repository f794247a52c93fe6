package io.hilbench.plant.co2;

/**
 * A motorised expansion valve: HV-221 (gas cooler → receiver) or HV-222 (flash-gas bypass, receiver → suction).
 *
 * <pre>
 *   ṁ = C · y · √(ρ_in · max(0, p_in − p_out))       (1) incompressible orifice form (domain notes §7) [L]
 *   dy/dt = clamp((y_set − y)/dt, ±1/t_travel)       (2) stepper actuator at constant speed, full stroke t_travel
 * </pre>
 * Positive ṁ flows from the inlet to the outlet; a stuck valve holds its opening.
 */
public final class HighPressureValve {
    private final HighPressureValveParameters p;
    private double openingRatio;

    public HighPressureValve(HighPressureValveParameters parameters) {
        this.p = parameters;
    }

    public HighPressureValveParameters parameters() { return p; }

    public double openingRatio() { return openingRatio; }

    public void reset(double openingRatio) { this.openingRatio = openingRatio; }

    /** Actuator step, equation (2); {@code stuck} holds the present opening. */
    public void stepActuator(double dtS, double openingSetRatio, boolean stuck) {
        if (stuck) return;
        double set = Math.max(0.0, Math.min(1.0, openingSetRatio));
        double max = dtS / p.travelTimeS();
        openingRatio += Math.max(-max, Math.min(max, set - openingRatio));
    }

    /** Mass flow, equation (1), kg/s, at the present opening. */
    public double massFlowKgPerS(double inletDensityKgPerM3, double inletPressurePa, double outletPressurePa) {
        return massFlowKgPerS(openingRatio, inletDensityKgPerM3, inletPressurePa, outletPressurePa);
    }

    /** Mass flow, equation (1), kg/s, at a given opening. */
    public double massFlowKgPerS(double opening, double inletDensityKgPerM3, double inletPressurePa, double outletPressurePa) {
        double dp = inletPressurePa - outletPressurePa;
        return dp > 0 ? p.flowCoefficientM2() * opening * Math.sqrt(inletDensityKgPerM3 * dp) : 0.0;
    }

    /** The opening that passes a flow, equation (1) inverted (unbounded above 1: the valve is then too small). */
    public double openingFor(double massFlowKgPerS, double inletDensityKgPerM3, double inletPressurePa, double outletPressurePa) {
        double dp = Math.max(1.0, inletPressurePa - outletPressurePa);
        return massFlowKgPerS / (p.flowCoefficientM2() * Math.sqrt(inletDensityKgPerM3 * dp));
    }
}
