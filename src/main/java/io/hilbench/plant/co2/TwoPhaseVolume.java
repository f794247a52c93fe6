package io.hilbench.plant.co2;

import io.hilbench.fluid.Co2LookupResult;
import io.hilbench.fluid.Co2Saturation;
import io.hilbench.fluid.Co2Tables;

/**
 * A rigid CO2 volume in two-phase equilibrium with its metal (issue #15 item 2): its CO2 mass M and its energy U (CO2
 * plus metal) are the states, the pressure follows from them. The suction side (the coils, accumulator, suction line
 * and header, {@link LowSideParameters}) and the {@link Receiver} are such volumes. Written for the suction side:
 *
 * <pre>
 *   dM/dt = ṁ_EEV + ṁ_HV222 − ṁ_comp                                                                (1) mass
 *   dU/dt = ṁ_EEV·h'(p_rec) + Q_evap + ṁ_HV222·h_bp − ṁ_comp·h_suc + Q_amb                            (2) energy
 *   M_v = (V − M·v')/(v'' − v'),  M_l = M − M_v                                                       (3) phases at p
 *   U(p, M) = M_l·h' + M_v·h'' − p·V + C_metal·(T_sat(p) − 273.15 K)                                  (4) stored energy
 *   p: U(p, M) = U, one Newton step per sub-step from the last pressure (the residual stays in U)    (5)
 *   Q_amb = UA_amb·(T_cold − T_sat(p)) at standstill, T_cold = min(T_air, T_room)                   (6) with the weather
 * </pre>
 * v', v'', h', h'' are the saturated specific volumes and enthalpies at p (Span &amp; Wagner tables). (1)–(2) are the
 * first law for an open rigid volume; (4) uses u = h − p·v, so Σ M·u = Σ M·h − p·V. When the compressors draw more than
 * the evaporators and HV-222 deliver, the mass they take leaves at the suction enthalpy and (2) debits it from U: the
 * liquid and the metal cool to the lower saturation temperature, and that heat evaporates the vapour drawn. The
 * effective capacitance of the old reduced model, C = dM/dp along such a pull-down, follows as
 * C = (∂U/∂p)_M / (h_out − (∂U/∂M)_p): ≈ 8.5 kg/bar at 29–35 bar with the defaults, against the 10 kg/bar the model
 * assumed before. Below zero vapour (flooded) (3) is clamped: the volume is then treated as all liquid, outside the
 * validated range. With less mass than saturated vapour would fill it with (dry), the volume is superheated vapour:
 * <pre>
 *   ρ(p, h) = M/V,  M·h − p·V + C_metal·(T(p, h) − T_ref) = U                                         (7) dry
 * </pre>
 * solved fully for (p, h) (the metal at the vapour's temperature), so U(p, M) stays the energy state.
 */
public final class TwoPhaseVolume {
    private static final double T_REF_K = 273.15;
    private final double volumeM3;
    private final double metalHeatCapacityJPerK;
    private double massKg;
    private double energyJ;
    /** dM/dp along a pull-down at the last pressure solved, kg/Pa (for the valves' equalising limit). */
    private double capacitanceKgPerPa = 1e-4;
    /** The last solve found the volume dry (7): all superheated vapour at this pressure, enthalpy and temperature. */
    private boolean dry;
    private double dryPressurePa = Double.NaN, dryEnthalpyJPerKg, dryTemperatureK;
    private final Co2LookupResult look = new Co2LookupResult();

    /** A volume of {@code volumeM3} with {@code metalHeatCapacityJPerK} of metal at its saturation temperature. */
    public TwoPhaseVolume(double volumeM3, double metalHeatCapacityJPerK) {
        this.volumeM3 = volumeM3;
        this.metalHeatCapacityJPerK = metalHeatCapacityJPerK;
    }

    public double volumeM3() { return volumeM3; }

    /** In equilibrium at {@code sat} with {@code liquidShare} of the volume liquid. */
    public void reset(Co2Saturation sat, double liquidShare) {
        massKg = volumeM3 * (liquidShare * sat.liquidDensityKgPerM3() + (1 - liquidShare) * sat.vaporDensityKgPerM3());
        energyJ = energyAt(sat, massKg);
    }

    /** Sets the states (a test's or an initialiser's): mass kg, energy J. */
    public void setState(double massKg, double energyJ) {
        this.massKg = massKg;
        this.energyJ = energyJ;
    }

    /** CO2 mass, kg (state). */
    public double massKg() { return massKg; }

    /** Energy of the CO2 and the metal, J (state; reference: the tables' enthalpy, metal at 0 °C). */
    public double energyJ() { return energyJ; }

    /** Effective capacitance dM/dp along a pull-down at the last pressure solved, kg/Pa. */
    public double capacitanceKgPerPa() { return capacitanceKgPerPa; }

    /** Mass and energy flows over dt: (1) and (2). */
    public void step(double dtS, double massInKgPerS, double energyInW) {
        massKg += dtS * massInKgPerS;
        energyJ += dtS * energyInW;
    }

    /** Vapour mass at a saturation state for the present mass, (3) clamped to [0, M]. */
    public double vapourKg(Co2Saturation sat) {
        return vapourKg(sat, massKg);
    }

    private double vapourKg(Co2Saturation sat, double mass) {
        double vl = 1 / sat.liquidDensityKgPerM3();
        double vv = 1 / sat.vaporDensityKgPerM3();
        double mv = (volumeM3 - mass * vl) / (vv - vl);
        return Math.max(0.0, Math.min(mass, mv));
    }

    /** Liquid mass at a saturation state, kg. */
    public double liquidKg(Co2Saturation sat) {
        return massKg - vapourKg(sat, massKg);
    }

    /** U(p, M) of (4) at the present mass, J. */
    public double energyAt(Co2Saturation sat) {
        return energyAt(sat, massKg);
    }

    private double energyAt(Co2Saturation sat, double mass) {
        if (dry && mass == massKg && sat.pressurePa() == dryPressurePa) {
            // (7) the dry state the last solve found at this pressure: superheated vapour filling the volume
            return mass * dryEnthalpyJPerKg - dryPressurePa * volumeM3 + metalHeatCapacityJPerK * (dryTemperatureK - T_REF_K);
        }
        double mv = vapourKg(sat, mass);
        return (mass - mv) * sat.liquidEnthalpyJPerKg() + mv * sat.vaporEnthalpyJPerKg() - sat.pressurePa() * volumeM3
                + metalHeatCapacityJPerK * (sat.temperatureK() - T_REF_K);
    }

    /**
     * (5): the pressure at which U(p, M) equals the energy state, one Newton step from {@code pressurePa} with
     * (∂U/∂p)_M by a 0.1 bar difference, limited to ±5 bar; also updates the capacitance for an outflow at
     * {@code outflowEnthalpyJPerKg}. {@code at} is the saturation at {@code pressurePa}.
     */
    public double solvePressure(Co2Tables co2, Co2Saturation at, double pressurePa, double outflowEnthalpyJPerKg, double minPa, double maxPa) {
        dry = false;
        if (massKg > 0 && massKg <= volumeM3 * at.vaporDensityKgPerM3()) {
            double pd = solveDry(co2, pressurePa, Math.max(minPa, co2.minPressurePa()), maxPa);
            if (!Double.isNaN(pd)) return pd;
            // Not superheated vapour, so the equilibrium is two-phase, at or below p* where V·ρ''(p*) = M. Above p* (3)
            // clamps the vapour to M and (4) becomes U = M·h''(p) − p·V, which falls as p rises (CO2's h'' has its
            // maximum near 30 bar and falls toward the critical point, Span & Wagner): a spurious branch on which
            // (∂U/∂p)_M ≤ 0, so the Newton step below took its fallback slope and went up by the 5 bar limit every
            // sub-step. A receiver run dry on the tank source rose 48 → 72 bar in five 1 s sub-steps while it lost mass
            // through HV-222 (issue #15: the year study's trip at 752.85 h), which no first law allows. The state is
            // put at p* instead, the two-phase edge, from which (5) continues on the physical branch.
            double pStar = saturatedVapourPressure(co2, massKg / volumeM3, Math.max(minPa, co2.minPressurePa()), pressurePa);
            capacitanceKgPerPa = volumeM3 * (massKg / volumeM3) / Math.max(pStar, 1e5);
            return Math.min(Math.max(pStar, minPa), maxPa);
        }
        double dp = pressurePa + 1e4 <= maxPa ? 1e4 : -1e4;
        Co2Saturation next = co2.saturationAtPressure(pressurePa + dp);
        double u0 = energyAt(at, massKg);
        double dUdp = (energyAt(next, massKg) - u0) / dp;
        if (!(dUdp > 0) && pressurePa - 1e4 >= minPa) {
            // the forward difference reached past p* onto the clamped branch (above): the slope below p instead
            dUdp = (u0 - energyAt(co2.saturationAtPressure(pressurePa - 1e4), massKg)) / 1e4;
        }
        if (!(dUdp > 0)) dUdp = metalHeatCapacityJPerK * 1e-5 + 1.0;
        // (∂U/∂M)_p: a kg more at the same pressure fills liquid and displaces vapour: h' − h_fg·v'/(v'' − v')
        double vl = 1 / at.liquidDensityKgPerM3();
        double vv = 1 / at.vaporDensityKgPerM3();
        double dUdM = at.liquidEnthalpyJPerKg() - (at.vaporEnthalpyJPerKg() - at.liquidEnthalpyJPerKg()) * vl / (vv - vl);
        capacitanceKgPerPa = dUdp / Math.max(1e4, outflowEnthalpyJPerKg - dUdM);
        // near the dry edge U(p, M) has its maximum at p*, so the slope and with it the capacitance can come out near
        // zero; a volume holding M_v of vapour takes at least ~M_v/p of it per Pa (its vapour alone, ideal gas at fixed
        // temperature; below V_v·dρ''/dp, so in the two-phase states away from the edge this never binds)
        capacitanceKgPerPa = Math.max(capacitanceKgPerPa, vapourKg(at, massKg) / Math.max(pressurePa, 1e5));
        double step = Math.max(-5e5, Math.min(5e5, (energyJ - u0) / dUdp));
        return Math.min(Math.max(pressurePa + step, minPa), maxPa);
    }

    /** The pressure at which saturated vapour has density {@code rho}, Pa (ρ'' rises with p), by bisection in [lo, hi]. */
    private static double saturatedVapourPressure(Co2Tables co2, double rho, double lo, double hi) {
        if (co2.saturationAtPressure(lo).vaporDensityKgPerM3() >= rho) return lo;
        if (co2.saturationAtPressure(hi).vaporDensityKgPerM3() <= rho) return hi;
        for (int k = 0; k < 40 && hi - lo > 1.0; k++) {
            double mid = 0.5 * (lo + hi);
            if (co2.saturationAtPressure(mid).vaporDensityKgPerM3() < rho) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /**
     * (7) dry: less mass than saturated vapour would fill the volume with, so no liquid is left and the vapour is
     * superheated at ρ = M/V. Pressure and enthalpy from ρ(p, h) = M/V and M·h − p·V + C_metal·(T(p, h) − T_ref) = U
     * (the metal at the vapour's temperature): a secant on p outside, Newton on h inside (dU/dh = M + C_metal/c_p).
     * Returns the pressure, or NaN when the state is not superheated vapour there (the two-phase solve then applies).
     * Until this branch (issue #15 audit, physics4) the equilibrium was clamped to saturated vapour: an emptied receiver
     * holding 1.4 kg in 0.5 m³ went to the 72 bar clamp, and the suction side could be drawn below zero mass at 29.9 bar.
     */
    private double solveDry(Co2Tables co2, double pressurePa, double minPa, double maxPa) {
        double rhoTarget = massKg / volumeM3;
        double p0 = Math.min(Math.max(pressurePa, minPa), maxPa);
        double p1 = Math.max(minPa, Math.min(maxPa, p0 * 0.97));
        double f0 = dryResidual(co2, p0, rhoTarget);
        double f1 = dryResidual(co2, p1, rhoTarget);
        for (int it = 0; it < 30 && Math.abs(f1) > 1e-9 * rhoTarget + 1e-9; it++) {
            if (f1 == f0) break;
            double p2 = p1 - f1 * (p1 - p0) / (f1 - f0);
            p2 = Math.min(Math.max(p2, Math.max(minPa, 0.5 * p1)), Math.min(maxPa, 1.5 * p1));
            p0 = p1;
            f0 = f1;
            p1 = p2;
            f1 = dryResidual(co2, p1, rhoTarget);
            if (p1 == p0) break;
        }
        // the enthalpy and temperature of the last residual are at p1
        if (!(dryEnthalpyJPerKg >= co2.saturationAtPressure(Math.min(p1, 72e5)).vaporEnthalpyJPerKg() - 1.0) && p1 < 72e5) return Double.NaN;
        dry = true;
        dryPressurePa = p1;
        capacitanceKgPerPa = volumeM3 * rhoTarget / p1;
        return p1;
    }

    /** ρ(p, h) − ρ_target with h from the energy at p (Newton on h); leaves h and T in the dry fields. */
    private double dryResidual(Co2Tables co2, double p, double rhoTarget) {
        double h = dry || dryEnthalpyJPerKg != 0 ? dryEnthalpyJPerKg
                : (energyJ + p * volumeM3 - metalHeatCapacityJPerK * (co2.saturationTemperatureK(Math.min(p, 72e5)) - T_REF_K)) / massKg;
        // Newton's steps (up to 2e5 J/kg) can leave the tables' enthalpy range at p (a year study threw at 72 bar,
        // h 668.7 kJ/kg against the table's 642.6): h is kept inside [h(p, T_min + 0.5 K), h(p, T_max − 0.5 K)], so a
        // state beyond the tables sits at their edge (its energy residual left) instead of ending the run.
        double hLo = co2.enthalpyFromPressureTemperature(p, co2.minTemperatureK(p) + 0.5);
        double hHi = co2.enthalpyFromPressureTemperature(p, co2.parameters().maxTemperatureK() - 0.5);
        h = Math.min(Math.max(h, hLo), hHi);
        for (int k = 0; k < 20; k++) {
            co2.lookupPressureEnthalpy(p, h, look);
            double g = massKg * h - p * volumeM3 + metalHeatCapacityJPerK * (look.temperatureK() - T_REF_K) - energyJ;
            double cp = look.cpJPerKgK();
            double dg = massKg + (Double.isFinite(cp) && cp > 0 ? metalHeatCapacityJPerK / cp : 0.0);
            double dh = g / dg;
            h = Math.min(Math.max(h - Math.max(-2e5, Math.min(2e5, dh)), hLo), hHi);
            if (Math.abs(dh) < 1e-3) break;
        }
        co2.lookupPressureEnthalpy(p, h, look);
        dryEnthalpyJPerKg = h;
        dryTemperatureK = look.temperatureK();
        return look.densityKgPerM3() - rhoTarget;
    }
}
