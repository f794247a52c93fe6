package io.hilbench.plant.co2;

/**
 * The tank-source water evaporator: water from the tank bottom (pump P-261) evaporates CO2 in a plate heat exchanger.
 * Heat flow is positive from the water into the refrigerant.
 *
 * <pre>
 *   UA = UA_nom · (ṁ_w/ṁ_w,nom)^n                                (1)
 *   Q  = ṁ_w·c_w·(1 − exp(−UA/(ṁ_w·c_w)))·(T_w,in − T_e)          (2) ε-NTU, evaporating side at constant T_e
 *   T_w,out = T_w,in − Q/(ṁ_w·c_w)                                (3)
 *   p_e ≤ p_max                                                    (4) the evaporating-pressure regulator (45 bar)
 * </pre>
 * The pump's flow follows its set-point with a first-order lag (state here).
 */
public final class WaterEvaporator {
    private final WaterEvaporatorParameters p;
    private double waterMassFlowKgPerS;

    public WaterEvaporator(WaterEvaporatorParameters parameters) {
        this.p = parameters;
    }

    public WaterEvaporatorParameters parameters() { return p; }

    public double waterMassFlowKgPerS() { return waterMassFlowKgPerS; }

    public void reset() { waterMassFlowKgPerS = 0; }

    /** Pump step: flow toward speed × nominal (0 when off). */
    public void stepPump(double dtS, boolean running, double speedRatio) {
        double target = running ? p.waterFlowNominalM3PerS() * p.waterDensityKgPerM3() * Math.max(0, Math.min(1, speedRatio)) : 0;
        waterMassFlowKgPerS = target + (waterMassFlowKgPerS - target) * Math.exp(-dtS / p.pumpTimeConstantS());
    }

    /** Nominal water mass flow, kg/s. */
    public double nominalWaterMassFlowKgPerS() {
        return p.waterFlowNominalM3PerS() * p.waterDensityKgPerM3();
    }

    /** Duty, equation (2), W, at a water flow and evaporating temperature (may be negative if the water is colder). */
    public double heatFlowW(double waterMassFlowKgPerS, double waterInletK, double evaporatingK) {
        if (waterMassFlowKgPerS <= 1e-9) return 0.0;
        double c = waterMassFlowKgPerS * p.waterSpecificHeatJPerKgK();
        double ua = p.conductanceNominalWPerK() * Math.pow(waterMassFlowKgPerS / nominalWaterMassFlowKgPerS(), p.flowExponent());
        return c * (1 - Math.exp(-ua / c)) * (waterInletK - evaporatingK);
    }

    /** Water outlet temperature, equation (3). */
    public double waterOutletK(double waterMassFlowKgPerS, double waterInletK, double heatFlowW) {
        return waterMassFlowKgPerS > 1e-9 ? waterInletK - heatFlowW / (waterMassFlowKgPerS * p.waterSpecificHeatJPerKgK()) : waterInletK;
    }
}
