package io.hilbench.plant.co2;

import io.hilbench.fluid.Co2LookupResult;
import io.hilbench.fluid.Co2Saturation;
import io.hilbench.fluid.Co2Tables;

/**
 * The steady-state rating of the CO2 heat pump from the same components the dynamic plant runs: what a vendor's
 * selection program does. Given air, DH return and supply temperatures, source and compressor speed, it solves the
 * cycle and, without a given gas-cooler pressure, searches the COP-optimal one up to the controllers' aim.
 *
 * <p>Cycle (state numbers): 1 suction (evaporator outlet mixed with flash gas), 2 discharge, 3 gas-cooler outlet,
 * HV-221 to the receiver at p_rec, its liquid to the evaporators, its flash gas through HV-222 to suction.
 * <pre>
 *   p_suc = p_sat(T_e);  p_rec = min(max(35 bar, p_suc + 5 bar), 65 bar)                    (R1) DESIGN §5
 *   h_eo = h(p_suc, T_e + ΔT_sh);  x = (h_3 − h'(p_rec))/(h''(p_rec) − h'(p_rec))          (R2) Receiver (1)
 *   h_1  = (1 − x)·h_eo + x·h''(p_rec)                                                    (R3) adiabatic mixing
 *   ṁ = N·ṁ_comp(f, ρ_1, π),  w = (h_2s − h_1)/(η_is·η_motor),  h_2 = h_1 + (1 − λ)·w          (R4) Compressor (1)-(5)
 *   GasCooler steady state with T_w,out = supply imposed: ṁ_w and h_3                          (R5) GasCooler (1)-(4)
 *   Q_evap,ref = (1 − x)·ṁ·(h_eo − h'(p_rec)) = Σ Q_air,s(T_e) + Q_water(T_e)               (R6) solved for T_e by bisection
 *   Q_h = ṁ_w·c_w·(T_s − T_r),  P = ṁ·w + Σ P_fan,  COP = Q_h / P                             (R7)
 * </pre>
 * R2–R5 are iterated on x; R6 by bisection in T_e, capped at the water evaporator's 45 bar. The optimum search scans
 * the gas-cooler pressure in 2.5 bar steps from 75 bar to the aim and refines the best by golden section (0.05 bar).
 * Not thread-safe (scratch state); one instance per thread.
 */
public final class HeatPumpRating {
    /** Lowest gas-cooler pressure the optimum search tries (just above the critical pressure), Pa. */
    public static final double SEARCH_MIN_PA = 75e5;

    /**
     * What to rate. Temperatures in K; {@code gasCoolerPressurePa} NaN searches the optimum up to
     * {@code gasCoolerPressureMaxPa}; {@code speedRatio} is the compressors' share of their maximum speed.
     */
    public record Conditions(double airTemperatureK, double relativeHumidityRatio, double returnTemperatureK,
                             double supplyTemperatureK, HeatSource source, double tankBottomTemperatureK,
                             double gasCoolerPressurePa, double gasCoolerPressureMaxPa, double speedRatio) {
        public Conditions {
            Check.inRange("airTemperatureK", airTemperatureK, 233.15, 318.15);
            Check.inRange("relativeHumidityRatio", relativeHumidityRatio, 0.0, 1.0);
            Check.inRange("returnTemperatureK", returnTemperatureK, 283.15, 353.15);
            Check.inRange("supplyTemperatureK", supplyTemperatureK, 288.15, 373.15);
            if (!(supplyTemperatureK > returnTemperatureK + 1)) {
                throw new IllegalArgumentException("supply temperature must be > return temperature + 1 K, was " + supplyTemperatureK + " K vs " + returnTemperatureK + " K");
            }
            if (source == null) throw new IllegalArgumentException("source must be given");
            Check.inRange("tankBottomTemperatureK", tankBottomTemperatureK, 275.15, 363.15);
            if (!Double.isNaN(gasCoolerPressurePa)) Check.inRange("gasCoolerPressurePa", gasCoolerPressurePa, 74e5, 140e5);
            Check.inRange("gasCoolerPressureMaxPa", gasCoolerPressureMaxPa, SEARCH_MIN_PA, 140e5);
            Check.inRange("speedRatio", speedRatio, 0.0, 1.0);
        }
    }

    /**
     * A rated operating point, SI units. Heat flow positive into the water; evaporator heat positive into the
     * refrigerant; {@code housingLossW} leaves the compressors to the room.
     */
    public record Result(double heatW, double powerW, double compressorPowerW, double fanPowerW, double cop, double evaporatorW,
                         double airEvaporatorW, double waterEvaporatorW, double suctionPressurePa, double evaporatingK,
                         double receiverPressurePa, double gasCoolerPressurePa, double gasCoolerOutletK, double dischargeK,
                         double co2MassFlowKgPerS, double waterMassFlowKgPerS, double housingLossW, double flashShare) {}

    private final Co2HeatPumpParameters p;
    private final Co2Tables co2;
    private final Compressor compressor;
    private final GasCooler gasCooler;
    private final AirEvaporatorSection section;
    private final WaterEvaporator waterEvaporator;
    private final Receiver receiver;
    private final Co2LookupResult look = new Co2LookupResult();

    public HeatPumpRating(Co2HeatPumpParameters parameters, Co2Tables co2) {
        this.p = parameters;
        this.co2 = co2;
        this.compressor = new Compressor(parameters.compressor());
        this.gasCooler = new GasCooler(parameters.gasCooler());
        this.section = new AirEvaporatorSection(parameters.airSection());
        this.section.reset(273.15);
        this.waterEvaporator = new WaterEvaporator(parameters.waterEvaporator());
        this.receiver = new Receiver(parameters.receiver());
    }

    /** Rates at the given pressure, or at the COP-optimal one when it is NaN. Throws when no operating point exists. */
    public Result rate(Conditions c) {
        if (!Double.isNaN(c.gasCoolerPressurePa())) {
            Result r = rateAt(c, c.gasCoolerPressurePa());
            if (r == null) throw new IllegalArgumentException(infeasible(c, c.gasCoolerPressurePa()));
            return r;
        }
        return optimum(c);
    }

    private Result optimum(Conditions c) {
        double hi = c.gasCoolerPressureMaxPa();
        double step = 2.5e5;
        Result best = null;
        double bestP = Double.NaN;
        for (double pg = SEARCH_MIN_PA; pg <= hi + 1; pg += step) {
            Result r = rateAt(c, Math.min(pg, hi));
            if (r != null && (best == null || r.cop() > best.cop())) {
                best = r;
                bestP = Math.min(pg, hi);
            }
        }
        if (best == null) throw new IllegalArgumentException(infeasible(c, hi));
        double a = Math.max(SEARCH_MIN_PA, bestP - step);
        double b = Math.min(hi, bestP + step);
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = b - g * (b - a);
        double x2 = a + g * (b - a);
        double f1 = copAt(c, x1);
        double f2 = copAt(c, x2);
        while (b - a > 0.05e5) {
            if (f1 >= f2) {
                b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = copAt(c, x1);
            } else {
                a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = copAt(c, x2);
            }
        }
        Result refined = rateAt(c, 0.5 * (a + b));
        return refined != null && refined.cop() >= best.cop() ? refined : best;
    }

    private double copAt(Conditions c, double pg) {
        Result r = rateAt(c, pg);
        return r == null ? Double.NEGATIVE_INFINITY : r.cop();
    }

    private static String infeasible(Conditions c, double pg) {
        return String.format(java.util.Locale.ROOT, "no steady operating point: at %.1f bar the CO2 cannot heat the water from %.1f to %.1f degC",
                pg / 1e5, c.returnTemperatureK() - 273.15, c.supplyTemperatureK() - 273.15);
    }

    /** The cycle at one gas-cooler pressure, or null when the supply temperature cannot be reached there. */
    public Result rateAt(Conditions c, double gasCoolerPa) {
        double speedHz = c.speedRatio() * p.compressor().speedMaxHz();
        if (speedHz < p.compressor().speedMinHz() - 1e-9) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "speed %.0f %% is %.1f Hz, below the VFD minimum %.0f Hz", 100 * c.speedRatio(), speedHz, p.compressor().speedMinHz()));
        }
        // the evaporating temperature stays below the warmest source in use, and below the regulator's cap with the tank
        double teMax = c.source() == HeatSource.AIR ? c.airTemperatureK() - 0.05
                : c.source() == HeatSource.TANK ? c.tankBottomTemperatureK() - 0.05
                : Math.max(c.airTemperatureK(), c.tankBottomTemperatureK()) - 0.05;
        if (c.source().usesTank()) {
            teMax = Math.min(teMax, co2.saturationTemperatureK(p.waterEvaporator().evaporatingPressureMaxPa()));
        }
        teMax = Math.min(teMax, co2.saturationTemperatureK(Math.min(45e5, gasCoolerPa - 20e5)));
        double teMin = 238.15;   // −35 °C: below it the LP switch (14 bar ≈ −30.6 °C) has long tripped
        if (!(teMax > teMin)) return null;
        Point atMax = evaluate(c, gasCoolerPa, speedHz, teMax);
        if (atMax == null || atMax == TOO_HOT) return null;
        Point solved;
        if (atMax.residualW >= 0) {
            solved = atMax;   // the source could give more: the evaporating pressure sits at its cap (the regulator throttles)
        } else {
            double lo = teMin;
            double hi = teMax;
            Point last = atMax;
            while (hi - lo > 0.002) {
                double mid = 0.5 * (lo + hi);
                Point pt = evaluate(c, gasCoolerPa, speedHz, mid);
                if (pt == TOO_HOT) { lo = mid; continue; }
                if (pt == null) return null;
                last = pt;
                if (pt.residualW > 0) lo = mid; else hi = mid;
            }
            solved = last;
        }
        return solved.toResult(c, gasCoolerPa);
    }

    /** One evaluation at an evaporating temperature. */
    private final class Point {
        double te, pSuc, pRec, mCo2, mW, h1, h2, h3, hEo, x, work, qRef, qAir, qWater, residualW, fanW;

        Result toResult(Conditions c, double pg) {
            double heat = mW * p.gasCooler().waterSpecificHeatJPerKgK() * (c.supplyTemperatureK() - c.returnTemperatureK());
            double compW = mCo2 * work;
            double evap;
            double air = qAir;
            double water = qWater;
            if (residualW > 1e-6 * Math.max(1, qRef)) {
                // capped: the evaporators deliver what the compressors take; the water evaporator is throttled first
                evap = qRef;
                water = Math.max(0, qRef - qAir);
                air = qRef - water;
            } else {
                evap = qAir + qWater;
            }
            double power = compW + fanW;
            co2.lookupPressureEnthalpy(pg, h2, look);
            double dischargeK = look.temperatureK();
            return new Result(heat, power, compW, fanW, heat / power, evap, air, water, pSuc, te, pRec, pg, gasCooler.outletTemperatureK(),
                    dischargeK, mCo2, mW, compW * p.compressor().housingHeatLossRatio(), x);
        }
    }

    /**
     * Liao's problem (Liao, Zhao &amp; Jakobsen 2000): the COP-optimal gas-cooler pressure of this cycle (same compressor,
     * receiver and bypass) with the gas-cooler outlet and evaporating temperatures fixed, by golden section over
     * [75 bar, 140 bar] to 0.01 bar. COP here is the compressors' heating COP (h_2 − h_3)/w.
     */
    public double optimumPressureAtFixedOutletPa(double evaporatingK, double gasCoolerOutletK) {
        double a = SEARCH_MIN_PA;
        double b = 140e5;
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = b - g * (b - a);
        double x2 = a + g * (b - a);
        double f1 = fixedOutletCop(evaporatingK, gasCoolerOutletK, x1);
        double f2 = fixedOutletCop(evaporatingK, gasCoolerOutletK, x2);
        while (b - a > 0.01e5) {
            if (f1 >= f2) {
                b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = fixedOutletCop(evaporatingK, gasCoolerOutletK, x1);
            } else {
                a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = fixedOutletCop(evaporatingK, gasCoolerOutletK, x2);
            }
        }
        return 0.5 * (a + b);
    }

    /** Heating COP of the compressors at a fixed gas-cooler outlet temperature (see above). */
    public double fixedOutletCop(double evaporatingK, double gasCoolerOutletK, double gasCoolerPa) {
        double pSuc = co2.saturationPressurePa(evaporatingK);
        Co2Saturation rec = co2.saturationAtPressure(receiver.pressureSetPa(pSuc));
        double hEo = co2.enthalpyFromPressureTemperature(pSuc, evaporatingK + p.evaporatorSuperheatK());
        double h3 = co2.enthalpyFromPressureTemperature(gasCoolerPa, gasCoolerOutletK);
        double x = Receiver.flashShare(rec, h3);
        double h1 = (1 - x) * hEo + x * rec.vaporEnthalpyJPerKg();
        co2.lookupPressureEnthalpy(pSuc, h1, look);
        double w = compressor.electricWorkJPerKg(co2, pSuc, h1, look.entropyJPerKgK(), gasCoolerPa);
        double h2 = compressor.dischargeEnthalpyJPerKg(h1, w);
        return (h2 - h3) / w;
    }

    /** Marks an evaporating temperature so low that the discharge leaves the property tables (above 195 °C). */
    private final Point TOO_HOT = new Point();
    private double limitPressurePa = Double.NaN;
    private double limitEnthalpy;

    private double dischargeEnthalpyLimit(double pg) {
        if (pg != limitPressurePa) {
            limitPressurePa = pg;
            limitEnthalpy = co2.enthalpyFromPressureTemperature(pg, 468.15);
        }
        return limitEnthalpy;
    }

    private Point evaluate(Conditions c, double pg, double speedHz, double te) {
        Point pt = new Point();
        pt.te = te;
        pt.pSuc = co2.saturationPressurePa(te);
        if (c.source().usesTank()) pt.pSuc = Math.min(pt.pSuc, p.waterEvaporator().evaporatingPressureMaxPa());   // table round trip
        pt.pRec = receiver.pressureSetPa(pt.pSuc);
        Co2Saturation rec = co2.saturationAtPressure(pt.pRec);
        pt.hEo = co2.enthalpyFromPressureTemperature(pt.pSuc, te + p.evaporatorSuperheatK());
        double x = 0.35;
        for (int it = 0; it < 3; it++) {
            pt.h1 = (1 - x) * pt.hEo + x * rec.vaporEnthalpyJPerKg();
            co2.lookupPressureEnthalpy(pt.pSuc, pt.h1, look);
            double ratio = pg / pt.pSuc;
            pt.mCo2 = p.compressorCount() * compressor.massFlowKgPerS(speedHz, look.densityKgPerM3(), ratio);
            pt.work = compressor.electricWorkJPerKg(co2, pt.pSuc, pt.h1, look.entropyJPerKgK(), pg);
            pt.h2 = compressor.dischargeEnthalpyJPerKg(pt.h1, pt.work);
            if (pt.h2 > dischargeEnthalpyLimit(pg)) return TOO_HOT;
            pt.mW = gasCooler.solveWaterFlowForSupply(co2, pg, pt.mCo2, pt.h2, c.returnTemperatureK(), c.supplyTemperatureK());
            if (Double.isNaN(pt.mW)) return null;
            pt.h3 = gasCooler.outletEnthalpyJPerKg();
            double xNew = Receiver.flashShare(rec, pt.h3);
            if (Math.abs(xNew - x) < 1e-5) { x = xNew; break; }
            x = xNew;
        }
        pt.x = x;
        pt.qRef = (1 - x) * pt.mCo2 * (pt.hEo - rec.liquidEnthalpyJPerKg());
        pt.qAir = 0;
        pt.fanW = 0;
        if (c.source().usesAir()) {
            pt.qAir = p.sectionCount() * Math.max(0, section.heatFlowW(c.airTemperatureK(), c.relativeHumidityRatio(), te, 1.0));
            pt.fanW = p.sectionCount() * section.fanPowerW(1.0);
        }
        pt.qWater = c.source().usesTank()
                ? Math.max(0, waterEvaporator.heatFlowW(waterEvaporator.nominalWaterMassFlowKgPerS(), c.tankBottomTemperatureK(), te)) : 0;
        pt.residualW = pt.qAir + pt.qWater - pt.qRef;
        return pt;
    }
}
