package io.hilbench.plant.solar;

/**
 * The solar primary loop: the collector field, the glycol pump P-401, the counterflow plate heat exchanger to the
 * tank and the loop's own control (run by the rest-of-plant dispatcher's settings, not by the controller under test).
 * Tank side: water drawn from the tank bottom, heated in the exchanger, returned to the tank top, with its flow
 * matched to the glycol's capacity rate (C_w = C_g). Heat flow is positive into the tank water ({@link #heatToTankW()}).
 *
 * <pre>
 *   r = ε·C_min/C_g                                                            (1) ε from {@link CounterflowHeatExchanger}
 *   T_in = T_out − r·(T_out − T_bottom)                                         (2) glycol back to the collectors
 *   T_out = 2·T_m − T_in  ⇒  Q_u = h·(T_m − T_bottom),  h = 2·C_g·r/(2 − r)       (3) coupling handed to the collector
 *   T_water,out = T_bottom + Q_u / C_w                                          (4) to the tank top
 *   ṁ_g,set = clamp(A·(S − a1·ΔT − a2·ΔT²) / (c_p,g·(T_target − T_bottom)), ṁ_min, ṁ_max),  ΔT = (T_target + T_bottom)/2 − T_a   (5) target-outlet flow control
 *   τ·dṁ_g/dt = ṁ_g,set − ṁ_g                                                   (6) pump response (exact)
 * </pre>
 * Start (cut-in): plane irradiance ≥ G_on, collector mean ≥ tank bottom + start margin, tank not full (bottom below 90 °C, top below 95 °C), collector
 * mean below the restart lockout. Stop: plane irradiance &lt; G_off or outlet &lt; tank bottom + stop margin for
 * {@code stopDelayS}; at once when the tank bottom reaches the tank-full temperature. <b>Stagnation</b>: the pump is
 * off while the sun is above cut-in and protection holds it off (tank full, or the field above the lockout); the
 * field then heats to its stagnation temperature (no loop volume, no steam is modelled). Glycol transport delay
 * in the field piping is not modelled (its heat capacity is lumped into c_eff).
 */
public final class SolarLoop {
    private final SolarLoopParameters p;
    private final SolarCollectorField field;
    private final CounterflowHeatExchanger exchanger;
    private final double cpGlycol;

    private boolean pumpRunning;
    private double glycolFlowKgPerS;
    private double stopConditionS;
    private boolean stagnation;
    private double collectorInletK;
    private double collectorOutletK;
    private double heatToTankW;
    private double waterFlowKgPerS;
    private double waterOutletK;

    public SolarLoop(SolarLoopParameters parameters, double initialTemperatureK) {
        this.p = parameters;
        this.field = new SolarCollectorField(parameters.collector(), initialTemperatureK);
        this.exchanger = new CounterflowHeatExchanger(parameters.heatExchangerUaWPerK());
        this.cpGlycol = parameters.glycol().cpJPerKgK();
        reset(initialTemperatureK);
    }

    public void reset(double temperatureK) {
        field.setMeanTemperatureK(temperatureK);
        pumpRunning = false;
        glycolFlowKgPerS = 0;
        stopConditionS = 0;
        stagnation = false;
        collectorInletK = temperatureK;
        collectorOutletK = temperatureK;
        heatToTankW = 0;
        waterFlowKgPerS = 0;
        waterOutletK = temperatureK;
    }

    public SolarLoopParameters parameters() { return p; }

    public SolarCollectorField field() { return field; }

    /**
     * Advances the loop: {@code planeIrradianceWPerM2} for cut-in, {@code absorbedWPerM2} = η0·(K_θb·G_b + K_θd·G_d),
     * the tank bottom feeding the exchanger, and the outlet temperature the dispatcher asks for.
     */
    public void step(double dtS, double planeIrradianceWPerM2, double absorbedWPerM2, double ambientK,
                     double tankBottomK, double targetOutletK) {
        step(dtS, planeIrradianceWPerM2, absorbedWPerM2, ambientK, tankBottomK, tankBottomK, targetOutletK);
    }

    /** As above, with the tank top for the tank-full protection. */
    public void step(double dtS, double planeIrradianceWPerM2, double absorbedWPerM2, double ambientK,
                     double tankBottomK, double tankTopK, double targetOutletK) {
        double tm = field.meanTemperatureK();
        boolean tankFull = tankBottomK >= p.tankFullBottomTemperatureK() || tankTopK >= p.tankFullTopTemperatureK();
        boolean lockout = tm >= p.restartLockoutTemperatureK();
        if (pumpRunning) {
            boolean noYield = planeIrradianceWPerM2 < p.cutOutIrradianceWPerM2() || collectorOutletK < tankBottomK + p.stopMarginK();
            stopConditionS = noYield ? stopConditionS + dtS : 0;
            if (tankFull || stopConditionS >= p.stopDelayS()) {
                pumpRunning = false;
                stopConditionS = 0;
            }
        } else if (planeIrradianceWPerM2 >= p.cutInIrradianceWPerM2() && tm >= tankBottomK + p.startMarginK() && !tankFull && !lockout) {
            pumpRunning = true;
            stopConditionS = 0;
        }
        stagnation = !pumpRunning && planeIrradianceWPerM2 >= p.cutInIrradianceWPerM2() && (tankFull || lockout);

        double flowSet = 0;
        if (pumpRunning) {
            double target = Math.max(targetOutletK, tankBottomK + p.outletTemperatureMinRiseK());
            double d = 0.5 * (target + tankBottomK) - ambientK;
            SolarCollectorParameters c = p.collector();
            double gain = c.areaM2() * (absorbedWPerM2 - c.a1WPerM2K() * d - c.a2WPerM2K2() * d * Math.abs(d));
            double max = p.glycolFlowMaxKgPerS();
            flowSet = Math.max(p.glycolFlowMinRatio() * max, Math.min(max, gain / (cpGlycol * (target - tankBottomK))));
        }
        glycolFlowKgPerS = flowSet + (glycolFlowKgPerS - flowSet) * Math.exp(-dtS / p.pumpTimeConstantS());
        if (!pumpRunning && glycolFlowKgPerS < 1e-3 * p.glycolFlowMaxKgPerS()) glycolFlowKgPerS = 0;

        double cg = glycolFlowKgPerS * cpGlycol;
        waterFlowKgPerS = cg / p.waterSpecificHeatJPerKgK();
        double cw = waterFlowKgPerS * p.waterSpecificHeatJPerKgK();
        double r = cg > 0 ? exchanger.effectiveness(cg, cw) * Math.min(cg, cw) / cg : 0.0;
        double h = cg > 0 ? 2 * cg * r / (2 - r) : 0.0;
        tm = field.step(dtS, absorbedWPerM2, ambientK, h, tankBottomK);
        if (cg > 0) {
            collectorInletK = (2 * (1 - r) * tm + r * tankBottomK) / (2 - r);
            collectorOutletK = 2 * tm - collectorInletK;
            heatToTankW = field.usefulHeatFlowW();
            waterOutletK = tankBottomK + heatToTankW / cw;
        } else {
            collectorInletK = tm;
            collectorOutletK = tm;
            heatToTankW = 0;
            waterOutletK = tankBottomK;
        }
    }

    public boolean pumpRunning() { return pumpRunning; }

    public boolean stagnation() { return stagnation; }

    public double glycolFlowKgPerS() { return glycolFlowKgPerS; }

    public double glycolFlowM3PerS() { return glycolFlowKgPerS / p.glycol().densityKgPerM3(); }

    public double collectorInletTemperatureK() { return collectorInletK; }

    public double collectorOutletTemperatureK() { return collectorOutletK; }

    /** Heat delivered to the tank water in the last step, W (positive into the tank; negative if the field cools the tank). */
    public double heatToTankW() { return heatToTankW; }

    /** Tank-side water flow (tank bottom → exchanger → tank top), kg/s. */
    public double waterFlowKgPerS() { return waterFlowKgPerS; }

    /** Tank-side water temperature back to the tank top, K. */
    public double waterOutletTemperatureK() { return waterOutletK; }
}
