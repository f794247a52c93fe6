package io.hilbench.controller;

/**
 * The reference controller's tank-charging strategy ({@link TankCharging}): on a plant where the heat pump charges a
 * stratified accumulation tank that sits between the supply and return headers (Solrød: 1,250 m³, TT-301 top …
 * TT-306 bottom), the heat pump has nothing to do once the tank holds supply-grade water nearly to the bottom, and it
 * is needed again once the charge boundary (the thermocline) has risen past the tank's middle. Two-sensor charge
 * control with hysteresis, the set-point being the network's supply temperature the controller is given (domain
 * notes §7: the tank as a short-term store, charged by the cheapest producer and discharged to the network).
 *
 * <p>Off by default: in a scenario the operator commands the heat pump (start, stop, a 55 °C return held for an hour),
 * and a controller that stopped on a hot tank bottom would leave the scenario's steady window. {@code bench simulate}
 * turns it on, so a study over a year stops the heat pump when the tank is full (issue #15).
 *
 * @param enabled            the strategy runs (else the heat pump runs whenever it is started)
 * @param chargedTag         the sensor that says "charged": supply-grade water has reached it. Default TT-305 (level 5
 *                           of 6, about 80 % of the tank's height from the top)
 * @param chargedBelowSetK   charged when {@code chargedTag} is at or above the set-point less this. Default 3 K (the
 *                           heat pump's water at the set-point, less mixing at the thermocline)
 * @param rechargeTag        the sensor that says "recharge": the thermocline has risen past it. Default TT-303 (level
 *                           3 of 6, about 40 % from the top)
 * @param rechargeBelowSetK  recharge when {@code rechargeTag} is below the set-point less this. Default 8 K (between
 *                           the two: ~40 % of the tank, ≈ 14 MWh at a 25 K charge on Solrød's 1.43 MWh/K)
 * @param topTag             the sensor near the top the network is served from. Default TT-302 (level 2 of 6)
 * @param topChargedBelowSetK charged also needs {@code topTag} within this of the set-point. Default 1 K
 * @param topRechargeBelowSetK recharge also when {@code topTag} falls more than this below the set-point: the tank can
 *                           no longer serve the network at its set-point (a colder day raised it, or the top was spent),
 *                           and the heat pump must run before the plant's backup would. Default 1.5 K (the backup starts
 *                           after 600 s at 1 K under-served, or at 5 K at 10 % depth)
 * @param bottomTag          the tank's bottom sensor, the collectors' inlet (through the solar exchanger). Default
 *                           TT-306 (node 24 of 25, where the tank-source loop draws and returns)
 * @param bottomWarmDegC     the solar lift (an experiment, off by default): a tank charged at the top is still work for
 *                           the heat pump while its bottom is warmer than this and the water evaporator alone would be
 *                           the source ({@link SourceSelector#choice}: the tank beats the air by its advantage): the heat
 *                           pump then lifts the bottom's heat to the supply, which cools the collectors' inlet. Measured
 *                           (session 12, branch tank3; {@code bench simulate --solar-lift 30:25}, June from the default
 *                           tank): it does the opposite in summer. The heat pump ran 568 h of 720 and its electricity
 *                           (COP 2.35) plus the colder inlet's extra yield overfilled the tank, which the summer's
 *                           network (0.16–0.5 MW) cannot take: the tank's energy rose 79 → 111 MWh in ten days, the
 *                           bottom to 70–75 °C, and the field yielded 143.9 MWh against 182.1 without the lift. A lift
 *                           that helps has to be bounded by the tank's room, not only its bottom. {@code +Infinity}:
 *                           off (the default)
 * @param bottomCooledDegC   the lift ends once the bottom is at or below this (or the tank source is no longer the
 *                           choice); then the charge test above decides again ({@code +Infinity} with the lift off)
 */
public record TankChargingConfig(boolean enabled, String chargedTag, double chargedBelowSetK, String rechargeTag, double rechargeBelowSetK,
                                 String topTag, double topChargedBelowSetK, double topRechargeBelowSetK,
                                 String bottomTag, double bottomWarmDegC, double bottomCooledDegC) {
    /** Without the solar lift (the charge test alone). */
    public TankChargingConfig(boolean enabled, String chargedTag, double chargedBelowSetK, String rechargeTag, double rechargeBelowSetK,
                              String topTag, double topChargedBelowSetK, double topRechargeBelowSetK) {
        this(enabled, chargedTag, chargedBelowSetK, rechargeTag, rechargeBelowSetK, topTag, topChargedBelowSetK, topRechargeBelowSetK,
                "TT-306", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public TankChargingConfig {
        if (bottomTag == null || bottomTag.isBlank()) throw new IllegalArgumentException("bottomTag must be named");
        boolean off = bottomWarmDegC == Double.POSITIVE_INFINITY && bottomCooledDegC == Double.POSITIVE_INFINITY;
        if (!off && !(Double.isFinite(bottomWarmDegC) && Double.isFinite(bottomCooledDegC) && bottomCooledDegC < bottomWarmDegC)) {
            // the lift must end colder than it began, or it would start and end on the same reading
            throw new IllegalArgumentException("bottomCooledDegC (" + bottomCooledDegC + ") must be < bottomWarmDegC (" + bottomWarmDegC
                    + "), both finite, or both +Infinity (the solar lift off)");
        }
        if (chargedTag == null || chargedTag.isBlank()) throw new IllegalArgumentException("chargedTag must be named");
        if (rechargeTag == null || rechargeTag.isBlank()) throw new IllegalArgumentException("rechargeTag must be named");
        if (topTag == null || topTag.isBlank()) throw new IllegalArgumentException("topTag must be named");
        if (!(topChargedBelowSetK >= 0) || !(topRechargeBelowSetK > topChargedBelowSetK) || Double.isInfinite(topRechargeBelowSetK)) {
            throw new IllegalArgumentException("topRechargeBelowSetK (" + topRechargeBelowSetK + ") must be > topChargedBelowSetK (" + topChargedBelowSetK + ") >= 0");
        }
        if (!(chargedBelowSetK >= 0) || Double.isInfinite(chargedBelowSetK)) throw new IllegalArgumentException("chargedBelowSetK must be >= 0, was " + chargedBelowSetK);
        if (!(rechargeBelowSetK > chargedBelowSetK) || Double.isInfinite(rechargeBelowSetK)) {
            // recharge must need a colder tank than charged, or the two conditions overlap and the heat pump cycles
            throw new IllegalArgumentException("rechargeBelowSetK (" + rechargeBelowSetK + ") must be > chargedBelowSetK (" + chargedBelowSetK + ")");
        }
    }

    /** Off, with the Solrød sensors and margins ready for {@link #on()}. */
    public static TankChargingConfig defaults() {
        return new TankChargingConfig(false, "TT-305", 3.0, "TT-303", 8.0, "TT-302", 1.0, 1.5, "TT-306", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public TankChargingConfig on() {
        return new TankChargingConfig(true, chargedTag, chargedBelowSetK, rechargeTag, rechargeBelowSetK, topTag, topChargedBelowSetK, topRechargeBelowSetK,
                bottomTag, bottomWarmDegC, bottomCooledDegC);
    }

    /** A copy with another solar lift (see {@code bottomWarmDegC}); {@code +Infinity} twice: off. */
    public TankChargingConfig withSolarLift(double warmDegC, double cooledDegC) {
        return new TankChargingConfig(enabled, chargedTag, chargedBelowSetK, rechargeTag, rechargeBelowSetK, topTag, topChargedBelowSetK, topRechargeBelowSetK,
                bottomTag, warmDegC, cooledDegC);
    }

    /** The solar lift is configured. */
    public boolean solarLift() {
        return Double.isFinite(bottomWarmDegC);
    }
}
