package io.hilbench.plant.co2;

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
 * With no CO2 flow (standstill, {@link #standstillStep}) the CO2 is trapped between closed valves: each cell exchanges
 * heat with its water node by natural convection, and the cells share one pressure that holds the high side's mass:
 * <pre>
 *   Q_i = G_i·(T_co2,i − T_w,i)·(1 − e^(−x))/x,  x = Δt·G_i·(1/(m_i·c_p,i) + 1/C_i),  G_i = G_standstill/n       (5) the
 *           exact mean over Δt of two capacities relaxing toward each other (c_p → ∞ for two-phase CO2)
 *   h_i' = h_i − Q_i·Δt/m_i + (p' − p)/ρ_i + c                                                          (6) each cell's
 *           CO2 as a parcel (dh = δq + v·dp) with one common correction c for the mass the cells pass to each other
 *   Σ V_i·ρ(p', h_i') = M_hs,   Σ V_i·ρ_i'·h_i' − p'·V = U − Σ Q_i·Δt − Σ Δm_out·h_out                       (7) mass and
 *           energy of the high side, solved for (p', c) by Newton with a finite-difference Jacobian
 * </pre>
 * While CO2 flows, the march (2)-(3) gives the cells' states, but the heat each cell gives its water node is taken from
 * the cell's own balances over the sub-step ({@link #conserveMarchEnergy}):
 * <pre>
 *   Q_i = (E_in,i − E_out,i − ΔU_i)/Δt,  ΔU_i = V_i·Δ(ρ_i·h_i − p),  M_out,i = M_in,i − V_i·Δρ_i                     (8) the
 *           cells' storage: equal to (2) in steady operation, and what makes the high side conserve energy as its
 *           pressure and profile move (the CO2 held is compressed, the mass taken up carries its enthalpy)
 * </pre>
 * The discharge line's CO2 is one more parcel, outside the water (no heat, its share of the compression; the gas of
 * the last running sub-step when the flow stops), and PSV-202 vents from it. Nothing is solved while every valve is
 * closed and the cells exchange less than {@value #QUIET_HEAT_W} W in all: the state is then still.
 * The steady state of (4) with the supply temperature imposed at the hot end is what the rating solves
 * ({@link #solveWaterFlowForSupply}): the same cell equations the dynamic plant integrates. CO2 properties from
 * {@link Co2Tables} (Span &amp; Wagner 1996). Not thread-safe (scratch arrays).
 */
public final class GasCooler {
    /** Below this sum of |Q_i| (W) with no mass leaving, a standstill step changes nothing and is skipped. */
    static final double QUIET_HEAT_W = 20.0;
    private final GasCoolerParameters p;
    /** CO2 temperature of each cell at standstill (last standstill step), K; NaN while CO2 flows. */
    private final double[] cellTemperatureK;
    /** Discharge-line CO2 enthalpy, J/kg (the inlet while CO2 flows). */
    private double lineEnthalpyJPerKg;
    /** Standstill scratch, the cells then the line (index n): volume, base enthalpy, density at p0, trial h and ρ. */
    private final double[] ssVolume, ssBase, ssRho0, ssTrialH, ssTrialRho;
    /** Energy residual of the last standstill solve (what the Newton iteration left), J. */
    private double lastStandstillEnergyResidualJ;
    /** Standstill solves done (not skipped) since construction, for tests and the speed figures. */
    private long standstillSolves;
    private final int n;
    /** Water-node temperatures, K; index 0 the hot end (water outlet). */
    private final double[] waterTemperatureK;
    /** Heat flow per cell of the last CO2 march, W. */
    private final double[] cellHeatW;
    /** CO2 density at each cell outlet of the last march, kg/m³. */
    private final double[] cellDensityKgPerM3;
    /** CO2 enthalpy at each cell outlet of the last march, J/kg. */
    private final double[] cellEnthalpyJPerKg;
    /** Running: the cells' CO2 densities and enthalpies at the start of the sub-step (the last march), for (8). */
    private final double[] startRho, startH;
    private double startPressurePa, startLineRho, startLineH;
    /** Sum of |Q_i(8) − Q_i(2)| of the last running sub-step, W: how far the cells' storage moved the heat. */
    private double lastStorageHeatW;
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
        this.cellTemperatureK = new double[n];
        this.ssVolume = new double[n + 1];
        this.ssBase = new double[n + 1];
        this.ssRho0 = new double[n + 1];
        this.ssTrialH = new double[n + 1];
        this.ssTrialRho = new double[n + 1];
        this.startRho = new double[n];
        this.startH = new double[n];
        java.util.Arrays.fill(cellTemperatureK, Double.NaN);
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
        java.util.Arrays.fill(cellTemperatureK, look.temperatureK());
        lineEnthalpyJPerKg = enthalpyJPerKg;
    }

    /** CO2 enthalpy of a cell, J/kg (the last march's outlet of that cell, or the standstill state). */
    public double cellEnthalpyJPerKg(int cell) { return cellEnthalpyJPerKg[cell]; }

    /** CO2 temperature of a cell at the start of the last standstill step, K (NaN before one since CO2 last flowed). */
    public double cellTemperatureK(int cell) { return cellTemperatureK[cell]; }

    /** Enthalpy of the discharge line's CO2, J/kg: the gas entering while CO2 flows, its own state at standstill. */
    public double lineEnthalpyJPerKg() { return lineEnthalpyJPerKg; }

    public double lastStandstillEnergyResidualJ() { return lastStandstillEnergyResidualJ; }

    public long standstillSolves() { return standstillSolves; }

    /** Trapped-CO2 mass of the standstill high side at a pressure, kg: the cells and the discharge line at their enthalpies. */
    public double standstillMassKg(Co2Tables co2, double pressurePa, double lineVolumeM3) {
        Co2Tables.Isobar iso = isobar(co2, pressurePa);
        double v = p.co2VolumeM3() / n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            iso.lookupThermal(cellEnthalpyJPerKg[i], look);
            s += v * look.densityKgPerM3();
        }
        iso.lookupThermal(lineEnthalpyJPerKg, look);
        return s + lineVolumeM3 * look.densityKgPerM3();
    }

    /** Internal energy of the standstill high side's CO2 at a pressure, J: Σ m·h − p·V (the tables' reference). */
    public double standstillCo2EnergyJ(Co2Tables co2, double pressurePa, double lineVolumeM3) {
        Co2Tables.Isobar iso = isobar(co2, pressurePa);
        double v = p.co2VolumeM3() / n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            iso.lookupThermal(cellEnthalpyJPerKg[i], look);
            s += v * look.densityKgPerM3() * cellEnthalpyJPerKg[i];
        }
        iso.lookupThermal(lineEnthalpyJPerKg, look);
        s += lineVolumeM3 * look.densityKgPerM3() * lineEnthalpyJPerKg;
        return s - pressurePa * (p.co2VolumeM3() + lineVolumeM3);
    }

    /**
     * One standstill step of the trapped high side, equations (5)–(7): heat between each cell's CO2 and its water
     * node (into {@link #stepWater} through the cell heat flows), then the common pressure at which the cells and the
     * discharge line (outside the water: no heat, only its share of the compression) hold {@code massKg} with the
     * energy balanced. {@code coldEndOutKg} left during the step through HV-221 at the last cell's enthalpy,
     * {@code hotEndOutKg} through PSV-202 on the discharge line at the line's; both are already taken out of
     * {@code massKg}. Returns the new pressure, Pa (within [minPa, maxPa]).
     */
    public double standstillStep(Co2Tables co2, double pressurePa, double massKg, double coldEndOutKg, double hotEndOutKg,
                                 double dtS, double lineVolumeM3, double minPa, double maxPa) {
        Co2Tables.Isobar iso = isobar(co2, pressurePa);
        double v = p.co2VolumeM3() / n;
        double g = p.standstillConductanceWPerK() / n;
        double cw = p.waterHeatCapacityJPerK() / n;
        double m0 = 0, e0 = 0, qAbs = 0, qSum = 0;
        for (int i = 0; i <= n; i++) {
            boolean line = i == n;
            double h = line ? lineEnthalpyJPerKg : cellEnthalpyJPerKg[i];
            ssVolume[i] = line ? lineVolumeM3 : v;
            iso.lookupThermal(h, look);
            double rho = look.densityKgPerM3();
            double mi = ssVolume[i] * rho;
            ssRho0[i] = rho;
            m0 += mi;
            e0 += mi * h;
            ssBase[i] = h;
            if (line) break;
            cellTemperatureK[i] = look.temperatureK();
            double cp = look.cpJPerKgK();
            // (5): CO2 and water node relax toward each other; two-phase CO2 (c_p undefined) is an infinite capacity
            double inv = 1.0 / cw + (Double.isFinite(cp) && cp > 0 ? 1.0 / (mi * cp) : 0.0);
            double x = dtS * g * inv;
            double phi = x < 1e-9 ? 1.0 : -Math.expm1(-x) / x;
            double q = g * (cellTemperatureK[i] - waterTemperatureK[i]) * phi;
            cellHeatW[i] = q;
            qAbs += Math.abs(q);
            qSum += q;
            ssBase[i] = h - q * dtS / mi;
        }
        e0 -= pressurePa * (p.co2VolumeM3() + lineVolumeM3);
        outletTemperatureK = cellTemperatureK[n - 1];
        if (coldEndOutKg + hotEndOutKg <= 0 && qAbs < QUIET_HEAT_W && Math.abs(m0 - massKg) < 1e-4) {
            // still: nothing flows, the cells and the water are in balance (within QUIET_HEAT_W)
            java.util.Arrays.fill(cellHeatW, 0.0);
            heatW = 0;
            return pressurePa;
        }
        standstillSolves++;
        heatW = qSum;
        double eTarget = e0 - qSum * dtS - coldEndOutKg * cellEnthalpyJPerKg[n - 1] - hotEndOutKg * lineEnthalpyJPerKg;
        // (7) by Newton on (p', c), the Jacobian by finite differences at the start (chord iterations after)
        double pp = pressurePa, c = 0;
        double[] f = new double[2], fp = new double[2], fc = new double[2];
        standstillResidual(co2, pressurePa, pp, c, massKg, eTarget, f);
        double dp = 1e4, dc = 200;
        standstillResidual(co2, pressurePa, pp + dp, c, massKg, eTarget, fp);
        standstillResidual(co2, pressurePa, pp, c + dc, massKg, eTarget, fc);
        double a11 = (fp[0] - f[0]) / dp, a12 = (fc[0] - f[0]) / dc;
        double a21 = (fp[1] - f[1]) / dp, a22 = (fc[1] - f[1]) / dc;
        double det = a11 * a22 - a12 * a21;
        for (int it = 0; it < 12 && det != 0; it++) {
            if (Math.abs(f[0]) < 1e-8 && Math.abs(f[1]) < 1e-3) break;
            double sp = (a22 * f[0] - a12 * f[1]) / det;
            double sc = (a11 * f[1] - a21 * f[0]) / det;
            pp = Math.min(Math.max(pp - Math.max(-20e5, Math.min(20e5, sp)), minPa), maxPa);
            c -= sc;
            standstillResidual(co2, pressurePa, pp, c, massKg, eTarget, f);
        }
        lastStandstillEnergyResidualJ = f[1];
        // the cells and the line take the solved state (standstillResidual left the trial enthalpies and densities)
        for (int i = 0; i < n; i++) {
            cellEnthalpyJPerKg[i] = ssTrialH[i];
            cellDensityKgPerM3[i] = ssTrialRho[i];
        }
        lineEnthalpyJPerKg = ssTrialH[n];
        outletEnthalpyJPerKg = cellEnthalpyJPerKg[n - 1];
        return pp;
    }

    /** Residuals of (7) at a trial (p', c): mass minus the target, kg; energy minus the target, J. */
    private void standstillResidual(Co2Tables co2, double p0, double pp, double c, double massKg, double eTarget, double[] f) {
        Co2Tables.Isobar iso = isobar(co2, pp);
        double m = 0, e = 0, vTotal = 0;
        for (int i = 0; i <= n; i++) {
            double h = ssBase[i] + (pp - p0) / ssRho0[i] + c;
            iso.lookupThermal(h, look);
            double rho = look.densityKgPerM3();
            ssTrialH[i] = h;
            ssTrialRho[i] = rho;
            m += ssVolume[i] * rho;
            e += ssVolume[i] * rho * h;
            vTotal += ssVolume[i];
        }
        f[0] = m - massKg;
        f[1] = e - pp * vTotal - eTarget;
    }

    /**
     * Energy of the CO2 in the cells at a pressure, J: Σ V_cell·(ρ_i·h_i − p) over the cell states of the last march
     * (u = h − p/ρ), referred to the tables' enthalpy; the mass is {@link #meanDensityKgPerM3()}·V (the CO2 ledger).
     */
    public double co2EnergyJ(double pressurePa) {
        double s = 0;
        for (int i = 0; i < n; i++) s += cellDensityKgPerM3[i] * cellEnthalpyJPerKg[i];
        return (s / n - pressurePa) * p.co2VolumeM3();
    }

    /**
     * Running: keeps the cells' CO2 states at the start of a sub-step (the march the last sub-step ended with, at
     * {@code pressurePa}; after a start's re-base, that march), for {@link #conserveMarchEnergy}.
     */
    public void holdRunningStart(double pressurePa) {
        System.arraycopy(cellDensityKgPerM3, 0, startRho, 0, n);
        System.arraycopy(cellEnthalpyJPerKg, 0, startH, 0, n);
        startPressurePa = pressurePa;
    }

    /**
     * Running, equation (8): the heat each cell gives its water node over the sub-step from the cell's own mass and
     * energy balance, so that the CO2 the cells hold conserves energy while the pressure and the profile move. The
     * march (2)-(3) is quasi-steady: it gives the cells' states at the sub-step's end, but its heat Q_i = ṁ·(h_in − h_out)
     * assumes one flow through every cell and nothing stored. When the pressure climbs (HV-222 shut at full load: 18 bar
     * in 8 s) the cells take up mass, and the CO2 they hold is compressed (V·dp) and carries a new profile; none of it was
     * in the heat, so 0.8 MJ of 18.5 MJ went missing in that window (issue #15 audit). Here, from the held start
     * (ρ_i0, h_i0, p0) to the march's end (ρ_i1, h_i1, p1), with cell volume V_c:
     * <pre>
     *   Δm_i = V_c·(ρ_i1 − ρ_i0),  ΔU_i = V_c·(ρ_i1·h_i1 − p1) − V_c·(ρ_i0·h_i0 − p0)
     *   M_in,0 = what the discharge line passes on (its own storage taken out), E_in,0 its energy
     *   M_out,i = M_in,i − Δm_i,  E_out,i = M_out,i·h_i1 (upwind: h_i+1,1 if the flow runs back), E_out,n−1 = m_HV221·h_n−1,1
     *   Q_i = (E_in,i − E_out,i − ΔU_i)/Δt,  M_in,i+1 = M_out,i,  E_in,i+1 = E_out,i
     * </pre>
     * In steady operation Δm_i = ΔU_i = 0 and Q_i is the march's; Σ Q_i·Δt = E_in − m_HV221·h_out − ΣΔU_i exactly.
     *
     * @param pressurePa the pressure the march ended at (the new p1)
     * @param inKg       mass into the first cell over the sub-step, kg
     * @param inJ        its energy, J
     * @param outKg      mass leaving the last cell through HV-221 over the sub-step, kg
     * @return the gas cooler's heat into the water, W (also {@link #heatW()})
     */
    public double conserveMarchEnergy(double pressurePa, double dtS, double inKg, double inJ, double outKg) {
        double v = p.co2VolumeM3() / n;
        double mIn = inKg, eIn = inJ, total = 0, moved = 0;
        for (int i = 0; i < n; i++) {
            double rho1 = cellDensityKgPerM3[i], h1 = cellEnthalpyJPerKg[i];
            double dm = v * (rho1 - startRho[i]);
            double du = v * (rho1 * h1 - pressurePa) - v * (startRho[i] * startH[i] - startPressurePa);
            double mOut = mIn - dm;
            double eOut;
            if (i == n - 1) eOut = outKg * h1;
            else eOut = mOut * (mOut >= 0 ? h1 : cellEnthalpyJPerKg[i + 1]);
            double q = (eIn - eOut - du) / dtS;
            moved += Math.abs(q - cellHeatW[i]);
            cellHeatW[i] = q;
            total += q;
            mIn = mOut;
            eIn = eOut;
        }
        lastStorageHeatW = moved;
        heatW = total;
        return total;
    }

    /** Σ|Q_i(8) − Q_i(2)| of the last running sub-step, W: how far the cells' storage moved their heat from the march's. */
    public double lastStorageHeatW() { return lastStorageHeatW; }

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
        if (mCo2 > 1e-9) lineEnthalpyJPerKg = hIn;
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
