package io.hilbench.plant.co2;

import io.hilbench.fluid.Co2Tables;

/**
 * One VFD-driven transcritical CO2 compressor (C-211…): mass flow, power and discharge state from the suction state
 * and the discharge pressure; the VFD's speed behaviour (start at ≥ 40 Hz for 10 s, ramp, 25–70 Hz).
 *
 * <pre>
 *   π      = p_dis / p_suc                                                  pressure ratio
 *   η_v    = c0 + c1·π + c2·π²                                             (1) Ortiz et al. 2003 (domain notes §7) [L]
 *   η_is   = max(0.2, η_max − k·(π − π_opt)²)                              (2) overall isentropic efficiency [U]
 *   ṁ      = η_v · ρ_suc · V̇_50 · f / 50 Hz                                 (3) domain notes §7
 *   P_shaft = ṁ · (h_2s − h_1) / η_is,  P_el = P_shaft / η_motor            (4)
 *   h_2    = h_1 + (1 − λ)·P_el / ṁ                                        (5) suction-gas-cooled motor: its losses heat
 *                                                                           the gas, a share λ leaves the housing
 * </pre>
 * h_2s = h(p_dis, s(p_suc, h_1)) from the CO2 tables (Span &amp; Wagner 1996). Positive ṁ flows suction → discharge.
 * Speed state (one instance per compressor) lives here; the thermodynamics are pure functions.
 */
public final class Compressor {
    private final CompressorParameters p;
    private double speedHz;
    private double runS;

    public Compressor(CompressorParameters parameters) {
        this.p = parameters;
    }

    public CompressorParameters parameters() { return p; }

    public double speedHz() { return speedHz; }

    public boolean running() { return speedHz > 0; }

    /** Seconds since the last start (0 when stopped). */
    public double runS() { return runS; }

    public void reset() {
        speedHz = 0;
        runS = 0;
    }

    /**
     * The VFD over one step: {@code allowed} false (disabled, tripped, failed to start, set-point below minimum)
     * stops the compressor at once; a start jumps to the start speed and holds at least that for the start time
     * (lubrication rule), then ramps toward the set-point clamped to [min, max].
     */
    public void stepSpeed(double dtS, boolean allowed, double speedSetHz) {
        if (!allowed || speedSetHz < p.speedMinHz()) {
            speedHz = 0;
            runS = 0;
            return;
        }
        double target = Math.min(p.speedMaxHz(), speedSetHz);
        if (speedHz == 0) {
            speedHz = p.startSpeedHz();
            runS = 0;
        }
        runS += dtS;
        if (runS < p.startHoldS()) target = Math.max(target, p.startSpeedHz());
        double step = p.rampHzPerS() * dtS;
        speedHz = speedHz < target ? Math.min(target, speedHz + step) : Math.max(target, speedHz - step);
    }

    /** Volumetric efficiency at a pressure ratio, equation (1), bounded to [0.05, 1]. */
    public double volumetricEfficiency(double pressureRatio) {
        double v = p.volumetricC0() + pressureRatio * (p.volumetricC1() + pressureRatio * p.volumetricC2());
        return Math.max(0.05, Math.min(1.0, v));
    }

    /** Overall isentropic efficiency at a pressure ratio, equation (2). */
    public double isentropicEfficiency(double pressureRatio) {
        double d = pressureRatio - p.isentropicOptimumRatio();
        return Math.max(0.2, p.isentropicEfficiencyMax() - p.isentropicCurvature() * d * d);
    }

    /** Mass flow, equation (3), at a speed, kg/s. */
    public double massFlowKgPerS(double speedHz, double suctionDensityKgPerM3, double pressureRatio) {
        return volumetricEfficiency(pressureRatio) * suctionDensityKgPerM3 * p.sweptVolumeFlowAt50HzM3PerS() * speedHz / 50.0;
    }

    /**
     * Specific electric work, J/kg, equation (4): (h_2s − h_1)/(η_is·η_motor); h_2s from the tables.
     * {@code suctionEntropyJPerKgK} is s at the suction state.
     */
    public double electricWorkJPerKg(Co2Tables co2, double suctionPressurePa, double suctionEnthalpyJPerKg,
                                     double suctionEntropyJPerKgK, double dischargePressurePa) {
        double h2s = co2.enthalpyFromPressureEntropy(dischargePressurePa, suctionEntropyJPerKgK);
        double ratio = dischargePressurePa / suctionPressurePa;
        return Math.max(0.0, h2s - suctionEnthalpyJPerKg) / (isentropicEfficiency(ratio) * p.motorEfficiency());
    }

    /** Discharge enthalpy, equation (5), from the specific electric work. */
    public double dischargeEnthalpyJPerKg(double suctionEnthalpyJPerKg, double electricWorkJPerKg) {
        return suctionEnthalpyJPerKg + (1.0 - p.housingHeatLossRatio()) * electricWorkJPerKg;
    }
}
