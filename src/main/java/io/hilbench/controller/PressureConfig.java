package io.hilbench.controller;

/**
 * Tuning of the refrigerant pressure loops of the reference controller: the optimal high pressure through HV-221
 * ({@link HighPressureLoop}, Liao et al. 2000) and the receiver pressure through HV-222 ({@link ReceiverPressureLoop}).
 *
 * @param optimalPressureEnabled HV-221 follows Liao's optimal pressure (false: the fixed opening of
 *                               {@link ControllerConfig#hpValveOpeningPct()}). Default true
 * @param hpAimBar               cap on the optimal-pressure set-point: the controllers' aim below the 125 bar soft limit
 *                               (DESIGN §5 default 120 bar). The HV-221 limiter of {@link ReferenceController} stays on top
 * @param hpSetMinBar            floor of the set-point, bar: above the critical pressure (73.8 bar), so the gas cooler
 *                               stays transcritical where Liao's correlation holds. Default 80 bar
 * @param hpSetFilterS           first-order filter on the set-point (TT-203 moves with the pressure itself). Default 60 s
 * @param hpKpPctPerBar          HV-221 PI: % opening per bar above the set-point. Default 0.5 %/bar
 * @param hpTiS                  HV-221 PI integral time. Default 40 s
 * @param hpValveMinPct          the loop never closes HV-221 below this, %. Default 15 %
 * @param receiverMinBar         receiver set-point max(receiverMinBar, PT-201 + receiverAboveSuctionBar) ≤ receiverMaxBar
 *                               (DESIGN §5: max(35 bar, suction + 5 bar) ≤ 65 bar). Default 35 bar
 * @param receiverAboveSuctionBar default 5 bar
 * @param receiverMaxBar         default 65 bar
 * @param receiverKpPctPerBar    HV-222 PI: % opening per bar above the set-point. Default 2 %/bar
 * @param receiverTiS            HV-222 PI integral time. Default 30 s
 * @param bypassMinPct           HV-222 never below this while running, %. Default 5 %
 */
public record PressureConfig(boolean optimalPressureEnabled, double hpAimBar, double hpSetMinBar, double hpSetFilterS, double hpKpPctPerBar,
                             double hpTiS, double hpValveMinPct, double receiverMinBar, double receiverAboveSuctionBar, double receiverMaxBar,
                             double receiverKpPctPerBar, double receiverTiS, double bypassMinPct) {
    public PressureConfig {
        if (!(hpSetMinBar > 73.8 && hpAimBar > hpSetMinBar)) throw new IllegalArgumentException("need 73.8 < hpSetMinBar < hpAimBar, were " + hpSetMinBar + ", " + hpAimBar);
        if (!(receiverMinBar > 0 && receiverMaxBar >= receiverMinBar)) throw new IllegalArgumentException("need 0 < receiverMinBar <= receiverMaxBar");
        for (double v : new double[] {hpSetFilterS, hpKpPctPerBar, hpTiS, receiverKpPctPerBar, receiverTiS}) {
            if (!(v > 0)) throw new IllegalArgumentException("pressure loop gains and times must be > 0, was " + v);
        }
        if (!(hpValveMinPct >= 0 && hpValveMinPct < 100 && bypassMinPct >= 0 && bypassMinPct < 100)) throw new IllegalArgumentException("valve minimum out of [0, 100)");
    }

    public static PressureConfig defaults() {
        return new PressureConfig(true, 120, 80, 60, 0.5, 40, 15, 35, 5, 65, 2, 30, 5);
    }

    public PressureConfig withOptimalPressureEnabled(boolean on) {
        return new PressureConfig(on, hpAimBar, hpSetMinBar, hpSetFilterS, hpKpPctPerBar, hpTiS, hpValveMinPct, receiverMinBar, receiverAboveSuctionBar,
                receiverMaxBar, receiverKpPctPerBar, receiverTiS, bypassMinPct);
    }

    public PressureConfig withHpAimBar(double bar) {
        return new PressureConfig(optimalPressureEnabled, bar, hpSetMinBar, hpSetFilterS, hpKpPctPerBar, hpTiS, hpValveMinPct, receiverMinBar, receiverAboveSuctionBar,
                receiverMaxBar, receiverKpPctPerBar, receiverTiS, bypassMinPct);
    }
}
