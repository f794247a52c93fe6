package io.hilbench.plant;

import io.hilbench.fluid.Co2LookupResult;
import io.hilbench.fluid.Co2Tables;

/**
 * The water-cooled gas cooler: supercritical CO2 cooled by DH water in counterflow, as {@code n} finite-volume cells
 * (Fronk &amp; Garimella 2011; domain notes §7: a lumped model misplaces the pinch near the pseudo-critical line,
 * where c_p peaks). Cell 0 is the hot end: CO2 enters there and the water leaves there. Heat flow is positive from
 * the CO2 into the water.
 *
 * <pre>
 *   UA_i  = 1 / (1/(UA_co2/n · r_co2^m) + 1/(UA_w/n · r_w^m)),  r = ṁ/ṁ_nom                (1) cell conductance
 *   Q_i   = ṁ·c̄_p·(1 − exp(−UA_i/(ṁ·c̄_p)))·(T_co2,i − T_w,i)                           (2) ε-NTU of a cell against its
 *           well-mixed water node; c̄_p = (h_in − h_out)/(T_in − T_out) over the cell (secant, one correction)
 *   h_i+1 = h_i − Q_i/ṁ                                                                    (3) CO2 energy balance
 *   C_i·dT_w,i/dt = ṁ_w·c_w·(T_w,i+1 − T_w,i) + Q_i,  T_w,n = water inlet                    (4) water cells (upwind),
 *                                                                                             implicit Euler
 * </pre>
 * The steady state of (4) with the supply temperature imposed at the hot end is what the rating solves
 * ({@link #solveWaterFlowForSupply}): the same cell equations the dynamic plant integrates. CO2 properties from
 * {@link Co2Tables} (Span &amp; Wagner 1996). Not thread-safe (scratch arrays).
 */
public final class GasCooler {
    private final GasCoolerParameters p;
    private final int n;
    /** Water-node temperatures, K; index 0 the hot end (water outlet). */
    private final double[] waterTemperatureK;
    /** Heat flow per cell of the last CO2 march, W. */
    private final double[] cellHeatW;
    /** CO2 density at each cell outlet of the last march, kg/m³. */
    private final double[] cellDensityKgPerM3;
    /** CO2 enthalpy at each cell outlet of the last march, J/kg. */
    private final double[] cellEnthalpyJPerKg;
    private final Co2LookupResult look = new Co2LookupResult();
    /** The march's look-ups, all at one pressure (made for the tables of the last march). */
    private Co2Tables.Isobar isobar;
    private Co2Tables isobarTables;
    private double outletEnthalpyJPerKg;
    private double outletTemperatureK;
    private double heatW;

    public GasCooler(GasCoolerParameters parameters) {
        this.p = parameters;
        this.n = parameters.cellCount();
        this.waterTemperatureK = new double[n];
        this.cellHeatW = new double[n];
        this.cellDensityKgPerM3 = new double[n];
        this.cellEnthalpyJPerKg = new double[n];
    }

    public GasCoolerParameters parameters() { return p; }

    /** Every water node at one temperature (standstill). */
    public void resetWater(double temperatureK) {
        java.util.Arrays.fill(waterTemperatureK, temperatureK);
        java.util.Arrays.fill(cellHeatW, 0.0);
        heatW = 0;
    }

    public double waterOutletTemperatureK() { return waterTemperatureK[0]; }

    public double waterTemperatureK(int cell) { return waterTemperatureK[cell]; }

    /** Heat into the water from the last CO2 march, W. */
    public double heatW() { return heatW; }

    public double outletEnthalpyJPerKg() { return outletEnthalpyJPerKg; }

    public double outletTemperatureK() { return outletTemperatureK; }

    /** Mean CO2 density over the cells of the last march, kg/m³. */
    public double meanDensityKgPerM3() {
        double s = 0;
        for (int i = 0; i < n; i++) s += cellDensityKgPerM3[i];
        return s / n;
    }

    /**
     * Mean CO2 density of the cells at a pressure, kg/m³: with CO2 flowing, the cells of a fresh march at that pressure
     * (heat flows and outlet updated); without flow, the cells' frozen enthalpies looked up at that pressure.
     */
    public double meanDensityAt(Co2Tables co2, double pressurePa, double co2MassFlowKgPerS, double inletEnthalpyJPerKg,
                                double waterMassFlowKgPerS) {
        if (co2MassFlowKgPerS > 1e-9) {
            marchCo2(co2, pressurePa, co2MassFlowKgPerS, inletEnthalpyJPerKg, waterMassFlowKgPerS);
        } else {
            java.util.Arrays.fill(cellHeatW, 0.0);
            heatW = 0;
            Co2Tables.Isobar iso = isobar(co2, pressurePa);
            for (int i = 0; i < n; i++) {
                iso.lookupThermal(cellEnthalpyJPerKg[i], look);
                cellDensityKgPerM3[i] = look.densityKgPerM3();
            }
            outletTemperatureK = look.temperatureK();
        }
        return meanDensityKgPerM3();
    }

    /** The march's isobar at {@code pressurePa} (one per gas cooler and tables: scratch, never shared). */
    private Co2Tables.Isobar isobar(Co2Tables co2, double pressurePa) {
        if (isobarTables != co2) {
            isobar = co2.newIsobar();
            isobarTables = co2;
        }
        return isobar.at(pressurePa);
    }

    /** CO2 density at the outlet (last cell) of the last march, kg/m³. */
    public double outletDensityKgPerM3() { return cellDensityKgPerM3[n - 1]; }

    /**
     * Fills the CO2 cells with one state (standstill, start of a run): enthalpy {@code enthalpyJPerKg} at the pressure.
     */
    public void resetCo2(Co2Tables co2, double pressurePa, double enthalpyJPerKg) {
        co2.lookupPressureEnthalpyThermal(pressurePa, enthalpyJPerKg, look);
        java.util.Arrays.fill(cellEnthalpyJPerKg, enthalpyJPerKg);
        java.util.Arrays.fill(cellDensityKgPerM3, look.densityKgPerM3());
        outletEnthalpyJPerKg = enthalpyJPerKg;
        outletTemperatureK = look.temperatureK();
    }

    /** Water energy stored above a reference temperature, J (for energy-balance checks). */
    public double waterEnergyJ(double referenceK) {
        double s = 0;
        for (int i = 0; i < n; i++) s += waterTemperatureK[i] - referenceK;
        return s * p.waterHeatCapacityJPerK() / n;
    }

    /** Conductance of one cell, equation (1), W/K. */
    public double cellConductanceWPerK(double co2MassFlowKgPerS, double waterMassFlowKgPerS) {
        double rc = Math.max(1e-3, co2MassFlowKgPerS / p.co2MassFlowNominalKgPerS());
        double rw = Math.max(1e-3, waterMassFlowKgPerS / p.waterMassFlowNominalKgPerS());
        double a = p.co2SideUaNominalWPerK() / n * Math.pow(rc, p.flowExponent());
        double b = p.waterSideUaNominalWPerK() / n * Math.pow(rw, p.flowExponent());
        return 1.0 / (1.0 / a + 1.0 / b);
    }

    /**
     * CO2 march through the cells against the current water nodes, equations (2)-(3). Sets the cell heat flows, the
     * outlet state and the cell densities; returns the outlet enthalpy.
     */
    public double marchCo2(Co2Tables co2, double pressurePa, double co2MassFlowKgPerS, double inletEnthalpyJPerKg,
                           double waterMassFlowKgPerS) {
        return march(co2, pressurePa, co2MassFlowKgPerS, inletEnthalpyJPerKg, waterMassFlowKgPerS, waterTemperatureK, null);
    }

    /**
     * One water-side step, equation (4), implicit Euler from the inlet (cell n−1) to the outlet (cell 0) using the
     * cell heat flows of the last march. Stable for any dt and any flow, including zero.
     */
    public void stepWater(double dtS, double waterMassFlowKgPerS, double waterInletTemperatureK) {
        double ci = p.waterHeatCapacityJPerK() / n;
        double mc = waterMassFlowKgPerS * p.waterSpecificHeatJPerKgK();
        double upstream = waterInletTemperatureK;
        for (int i = n - 1; i >= 0; i--) {
            double t = (ci * waterTemperatureK[i] + dtS * (mc * upstream + cellHeatW[i])) / (ci + dtS * mc);
            waterTemperatureK[i] = t;
            upstream = t;
        }
    }

    /**
     * Steady state of the cells with the water outlet (hot end) imposed: the water flow for which water entering at
     * {@code waterInletK} leaves at {@code waterOutletK}. Leaves the cells' water nodes, heat flows and outlet at
     * that steady state. Returns the water flow, kg/s, or NaN when the CO2 enters colder than the water must leave.
     */
    public double solveWaterFlowForSupply(Co2Tables co2, double pressurePa, double co2MassFlowKgPerS,
                                          double inletEnthalpyJPerKg, double waterInletK, double waterOutletK) {
        co2.lookupPressureEnthalpyThermal(pressurePa, inletEnthalpyJPerKg, look);
        if (!(look.temperatureK() > waterOutletK + 0.05) || !(waterOutletK > waterInletK)) return Double.NaN;
        double lo = 1e-3 * p.waterMassFlowNominalKgPerS();
        double hi = 100 * p.waterMassFlowNominalKgPerS();
        for (int it = 0; it < 60 && hi / lo > 1 + 1e-7; it++) {
            double mid = Math.sqrt(lo * hi);
            double r = steadyResidual(co2, pressurePa, co2MassFlowKgPerS, inletEnthalpyJPerKg, mid, waterInletK, waterOutletK);
            if (r > 0) hi = mid; else lo = mid;
        }
        double mw = Math.sqrt(lo * hi);
        steadyResidual(co2, pressurePa, co2MassFlowKgPerS, inletEnthalpyJPerKg, mw, waterInletK, waterOutletK);
        return mw;
    }

    /** Computed water inlet temperature minus the actual one, marching the steady state from the hot end. */
    private double steadyResidual(Co2Tables co2, double pressurePa, double mCo2, double hIn, double mw,
                                  double waterInletK, double waterOutletK) {
        waterTemperatureK[0] = waterOutletK;
        march(co2, pressurePa, mCo2, hIn, mw, waterTemperatureK, new double[] {mw * p.waterSpecificHeatJPerKgK(), waterInletK});
        return lastSteadyInletK - waterInletK;
    }

    private double lastSteadyInletK;

    /**
     * The march; with {@code steady} = {ṁ_w·c_w, T_w,in} the water nodes are filled as it goes (steady state of
     * (4)), stopping early once the water falls below its inlet temperature (it can only fall further: every
     * cell then still heats the water).
     */
    private double march(Co2Tables co2, double pressurePa, double mCo2, double hIn, double mw, double[] tw, double[] steady) {
        double ua = cellConductanceWPerK(mCo2, mw);
        double h = hIn;
        Co2Tables.Isobar iso = isobar(co2, pressurePa);
        iso.lookupThermal(h, look);
        double t = look.temperatureK();
        double cp = look.cpJPerKgK();
        double total = 0;
        boolean flowing = mCo2 > 1e-9;
        if (!flowing) {
            // no CO2 flow: no heat; the cells keep their CO2 states (standstill)
            java.util.Arrays.fill(cellHeatW, 0.0);
            heatW = 0;
            return outletEnthalpyJPerKg;
        }
        for (int i = 0; i < n; i++) {
            double q;
            double hOut;
            {
                double cpUse = Double.isFinite(cp) && cp > 0 ? cp : 5000.0;
                double c = mCo2 * cpUse;
                q = c * (1 - Math.exp(-ua / c)) * (t - tw[i]);
                hOut = h - q / mCo2;
                iso.lookupThermal(hOut, look);
                double dT = t - look.temperatureK();
                if (Math.abs(dT) > 1e-3) {
                    double cpSec = (h - hOut) / dT;
                    if (cpSec > 0) {
                        c = mCo2 * cpSec;
                        q = c * (1 - Math.exp(-ua / c)) * (t - tw[i]);
                        hOut = h - q / mCo2;
                        iso.lookupThermal(hOut, look);
                    }
                }
            }
            cellHeatW[i] = q;
            cellDensityKgPerM3[i] = look.densityKgPerM3();
            cellEnthalpyJPerKg[i] = hOut;
            total += q;
            h = hOut;
            t = look.temperatureK();
            cp = look.cpJPerKgK();
            if (steady != null) {
                double next = tw[i] - q / steady[0];
                if (i + 1 < n) tw[i + 1] = next;
                else lastSteadyInletK = next;
                if (next < steady[1] - 1e-9 && i + 1 < n) {
                    lastSteadyInletK = next - 1.0;   // below the inlet already: the residual's sign is known
                    for (int k = i + 1; k < n; k++) {
                        cellHeatW[k] = 0;
                        tw[k] = next;
                        cellDensityKgPerM3[k] = cellDensityKgPerM3[i];
                        cellEnthalpyJPerKg[k] = cellEnthalpyJPerKg[i];
                    }
                    break;
                }
            }
        }
        heatW = total;
        outletEnthalpyJPerKg = h;
        outletTemperatureK = t;
        return h;
    }

}
