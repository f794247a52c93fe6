package io.hilbench.plant.co2;

/**
 * The COP-optimal gas-cooler pressure of {@link HeatPumpRating} searched up to the plant's physical limit rather than
 * the controllers' 120 bar aim (issue #15 item 1), reported together with the best the plant can do at or below the
 * PSHH-202 HP switch and at or below the aim, and the gas cooler's cold-end approach.
 *
 * <pre>
 *   p_lim  = min(p_PSV-202 set, 140 bar)       PSV-202 set 140 bar [S DESIGN §5]; 140 bar is also the model's
 *                                               validity limit (plant-models/co2-heat-pump/README.md "Validity")
 *   p_opt  = argmax COP(p), 75 bar ≤ p ≤ p_lim  (HeatPumpRating's scan + golden section)
 *   COP_≤cap = COP(p_opt) if p_opt ≤ cap, else COP(cap)   cap = HP switch (130 bar) or the aim (120 bar)
 *   ΔT_approach = T_gc,out − T_DH,return        (cold end of the counterflow gas cooler, K)
 * </pre>
 * The capped optimum takes the pressure at the cap when the unconstrained optimum lies above it: COP(p) is unimodal
 * over the search range (the premise of the golden section; the brute-force scans of RatingOptimumTest confirm it at
 * the points they cover), so it rises all the way up to p_opt. Note that the dynamic plant's PSV-202 begins to lift at
 * 0.93 × its set pressure (130.2 bar, README "Safety chain"), so an optimum above the HP switch is one the plant as
 * built cannot hold; the rating reports it to show where the cycle would like to be.
 */
public final class RatingOptimum {
    /** Highest gas-cooler pressure the model is valid at (property tables and README "Validity and limits"), Pa. */
    public static final double MODEL_MAX_PA = 140e5;

    /** The pressures that bound and judge the search, Pa. */
    public record Limits(double searchLimitPa, double hpSwitchPa, double pressureAimPa) {
        public Limits {
            Check.inRange("searchLimitPa", searchLimitPa, HeatPumpRating.SEARCH_MIN_PA, MODEL_MAX_PA);
            Check.positive("hpSwitchPa", hpSwitchPa);
            Check.positive("pressureAimPa", pressureAimPa);
        }

        /** PSV-202's set pressure (at most the model's 140 bar), PSHH-202's trip and the controllers' aim of these parameters. */
        public static Limits of(Co2HeatPumpParameters p) {
            return new Limits(Math.min(p.safety().reliefSetPa(), MODEL_MAX_PA), p.safety().hpSwitchTripPa(), p.gasCoolerPressureAimPa());
        }
    }

    /**
     * A rating with its judgement. {@code atOrBelowHpSwitch} and {@code atOrBelowAim} are null when the supply
     * temperature cannot be reached at or below that pressure, or when the pressure was given (not searched).
     */
    public record Rated(HeatPumpRating.Result result, boolean searched, HeatPumpRating.Result atOrBelowHpSwitch,
                        HeatPumpRating.Result atOrBelowAim, double approachK, Limits limits) {
        /** The (optimum or given) pressure reaches PSHH-202's trip pressure: the plant as built would trip there. */
        public boolean aboveHpSwitch() { return result.gasCoolerPressurePa() >= limits.hpSwitchPa(); }

        public boolean abovePressureAim() { return result.gasCoolerPressurePa() > limits.pressureAimPa() + 1; }

        /** The optimum sits at the search limit: the COP would still rise above it. */
        public boolean atSearchLimit() { return searched && result.gasCoolerPressurePa() >= limits.searchLimitPa() - 0.1e5; }
    }

    private RatingOptimum() {}

    /**
     * Rates {@code c}: at its gas-cooler pressure when one is given, else at the COP-optimal one up to
     * {@code limits.searchLimitPa()} ({@code c.gasCoolerPressureMaxPa()} is ignored). Throws IllegalArgumentException
     * when no operating point exists.
     */
    public static Rated rate(HeatPumpRating rating, Limits limits, HeatPumpRating.Conditions c) {
        if (!Double.isNaN(c.gasCoolerPressurePa())) {
            HeatPumpRating.Result r = rating.rate(c);
            return new Rated(r, false, null, null, r.gasCoolerOutletK() - c.returnTemperatureK(), limits);
        }
        HeatPumpRating.Result best = rating.rate(withMax(c, limits.searchLimitPa()));
        return new Rated(best, true, capped(rating, c, best, limits.hpSwitchPa()), capped(rating, c, best, limits.pressureAimPa()),
                best.gasCoolerOutletK() - c.returnTemperatureK(), limits);
    }

    /** The best at or below {@code capPa}: the optimum itself, or (unimodal COP) the cap; null when infeasible there. */
    private static HeatPumpRating.Result capped(HeatPumpRating rating, HeatPumpRating.Conditions c, HeatPumpRating.Result best, double capPa) {
        if (best.gasCoolerPressurePa() <= capPa) return best;
        return rating.rateAt(c, capPa);
    }

    /** The same conditions searched up to {@code maxPa}. */
    public static HeatPumpRating.Conditions withMax(HeatPumpRating.Conditions c, double maxPa) {
        return new HeatPumpRating.Conditions(c.airTemperatureK(), c.relativeHumidityRatio(), c.returnTemperatureK(), c.supplyTemperatureK(),
                c.source(), c.tankBottomTemperatureK(), Double.NaN, maxPa, c.speedRatio());
    }

    /** The same conditions at other air, DH return and supply temperatures (K), pressure searched. */
    public static HeatPumpRating.Conditions at(HeatPumpRating.Conditions c, double airK, double returnK, double supplyK) {
        return new HeatPumpRating.Conditions(airK, c.relativeHumidityRatio(), returnK, supplyK, c.source(), c.tankBottomTemperatureK(),
                Double.NaN, c.gasCoolerPressureMaxPa(), c.speedRatio());
    }
}
