package io.hilbench.controller;

import java.util.Objects;

/**
 * Optimal high pressure through HV-221 (domain notes §2.1, §2.3). The set-point is Liao, Zhao &amp; Jakobsen (2000,
 * Appl. Therm. Eng. 20:831):
 * <pre>
 *   p_opt [bar] = (2.778 − 0.0157·t_e)·t_gc + (0.381·t_e − 9.34)                               (Liao 2000)
 * </pre>
 * with t_gc the gas-cooler CO2 outlet temperature (TT-203, °C) and t_e the evaporating temperature, the saturation
 * temperature at the suction pressure PT-201 ({@link #saturationTemperatureDegC}). It agrees with a brute-force COP
 * optimum within ≈ 0.5 bar for t_gc ≤ 45 °C (domain notes §2.1 table). The set-point is filtered, capped at the aim
 * below the soft limit ({@link PressureConfig#hpAimBar()}, 120 bar) and floored above the critical pressure; a PI opens
 * HV-221 when PT-202 is above it. The opening it gives is the base the controller's HV-221 limiter adds to, so the
 * protection stays on top. Any of the three sensors unreadable: the opening is held.
 *
 * <p>On the water evaporator alone ({@link #update(Inputs, double, boolean)}) the set-point is the aim itself. Liao
 * poses the optimum at a fixed gas-cooler outlet; with the supply temperature imposed the cycle's optimum is far above
 * it there (co2-heat-pump README, 'Liao's correlation': at a 35 °C tank bottom, 40 → 75 °C, the optimum is at or above
 * 136 bar while Liao gives ~119 bar at the resulting t_gc 47–49 °C and t_e 10 °C), so Liao would hold the tank source
 * below the aim for nothing: bench rating there (5 °C air, 40 Hz): COP 2.718 at 119 bar, 2.762 at 120 bar.
 */
public final class HighPressureLoop {
    /** CO2 saturation (Span–Wagner via CoolProp, domain notes §8 table): T °C, p bar. */
    private static final double[] SAT_T_DEGC = {-30, -20, -10, -8, -5, 0, 5, 10, 20, 25, 30, 30.978};
    private static final double[] SAT_P_BAR = {14.2776, 19.6963, 26.4868, 28.0269, 30.4588, 34.8514, 39.6947, 45.0218, 57.2905, 64.3424, 72.1369, 73.773};

    private final PressureConfig config;
    /** The tags update reads every cycle, resolved once per inputs layout. */
    private final InputSlot pt202 = new InputSlot(PlantTags.PT202), pt201 = new InputSlot(PlantTags.PT201), tt203 = new InputSlot(PlantTags.TT203);
    private double setBar = Double.NaN;
    private double integralPct;
    private double openingPct;
    private boolean active;

    public HighPressureLoop(PressureConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Liao et al. (2000): the optimal gas-cooler pressure, bar, for t_gc and t_e in °C. */
    public static double liaoOptimalBar(double gasCoolerOutletDegC, double evaporatingDegC) {
        return (2.778 - 0.0157 * evaporatingDegC) * gasCoolerOutletDegC + (0.381 * evaporatingDegC - 9.34);
    }

    /**
     * CO2 saturation temperature at a pressure, °C: interpolation of ln p against T in the domain notes' Span–Wagner
     * table (−30 °C … critical point); clamped to the table's ends. Within 0.05 K of the table between its points.
     */
    public static double saturationTemperatureDegC(double pressureBar) {
        double lp = Math.log(Math.max(pressureBar, 1e-6));
        int n = SAT_P_BAR.length;
        if (pressureBar <= SAT_P_BAR[0]) return SAT_T_DEGC[0];
        if (pressureBar >= SAT_P_BAR[n - 1]) return SAT_T_DEGC[n - 1];
        int i = 1;
        while (SAT_P_BAR[i] < pressureBar) i++;
        double l0 = Math.log(SAT_P_BAR[i - 1]), l1 = Math.log(SAT_P_BAR[i]);
        return SAT_T_DEGC[i - 1] + (SAT_T_DEGC[i] - SAT_T_DEGC[i - 1]) * (lp - l0) / (l1 - l0);
    }

    /** The set-point the correlation gives now, before filtering: Liao capped at the aim and floored. */
    public double setPointBar(double gasCoolerOutletDegC, double suctionBar) {
        double p = liaoOptimalBar(gasCoolerOutletDegC, saturationTemperatureDegC(suctionBar));
        return Math.max(config.hpSetMinBar(), Math.min(config.hpAimBar(), p));
    }

    /** The filtered set-point in use, bar (NaN before the loop has run). */
    public double setBar() { return setBar; }

    /** The HV-221 opening the loop asks for, %. */
    public double openingPct() { return openingPct; }

    /** Restart from an opening (bumpless: the fixed start opening), forgetting the set-point. */
    public void reset(double openingPct) {
        this.openingPct = openingPct;
        this.integralPct = openingPct;
        this.setBar = Double.NaN;
        this.active = false;
    }

    /**
     * One cycle while the compressors run in control.
     *
     * @return the HV-221 opening, %
     */
    public double update(Inputs in, double dtS) {
        return update(in, dtS, false);
    }

    /**
     * One cycle while the compressors run in control.
     *
     * @param atAim the set-point is the aim, not Liao's (the water evaporator alone: see the class comment)
     * @return the HV-221 opening, %
     */
    public double update(Inputs in, double dtS, boolean atAim) {
        if (!pt202.isGood(in) || !pt201.isGood(in) || !tt203.isGood(in)) return openingPct;
        double target = atAim ? config.hpAimBar() : setPointBar(tt203.value(in), pt201.value(in));
        if (Double.isNaN(setBar) || !active) {
            // start from the pressure we have, so the first step is no jump
            setBar = Math.max(config.hpSetMinBar(), Math.min(config.hpAimBar(), pt202.value(in)));
            active = true;
        }
        setBar += (target - setBar) * (1.0 - Math.exp(-dtS / config.hpSetFilterS()));
        double errorBar = pt202.value(in) - setBar; // above the set-point: open
        double kp = config.hpKpPctPerBar();
        integralPct = clamp(integralPct + kp * errorBar * dtS / config.hpTiS(), config.hpValveMinPct(), 100.0);
        openingPct = clamp(kp * errorBar + integralPct, config.hpValveMinPct(), 100.0);
        return openingPct;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
