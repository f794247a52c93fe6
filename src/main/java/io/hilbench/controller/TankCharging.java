package io.hilbench.controller;

import java.util.Locale;

/**
 * Whether the heat pump has a tank to charge ({@link TankChargingConfig}): "charged" once {@code chargedTag} is within
 * {@code chargedBelowSetK} of the supply set-point and {@code topTag} within {@code topChargedBelowSetK}, and again "to
 * charge" once {@code rechargeTag} has fallen more than {@code rechargeBelowSetK} below it or {@code topTag} more than
 * {@code topRechargeBelowSetK}; in between the last answer holds. A sensor that is not good never stops the heat
 * pump (the network comes first): the answer is "to charge". Pure, single-threaded, like the controller.
 *
 * <p>The solar lift ({@link TankChargingConfig#bottomWarmDegC()}): a charged tank whose bottom is warmer than
 * {@code bottomWarmDegC} is still "to charge" while the water evaporator alone would be the heat source (the caller
 * says so: {@link SourceSelector#choice} is TANK), until the bottom is at or below {@code bottomCooledDegC} or the
 * tank source is no longer the choice. The heat pump then moves the bottom's heat to the supply at the tank source's
 * COP, and the collectors, fed from the bottom, see a colder inlet. An unreadable bottom ends the lift (the charge
 * test alone decides).
 */
final class TankCharging {
    private final TankChargingConfig config;
    private final InputSlot charged, recharge, top, bottom;
    private boolean full, lifting;
    private int stops, lifts;
    private String lastEvent = "";

    TankCharging(TankChargingConfig config) {
        this.config = config;
        this.charged = new InputSlot(config.chargedTag());
        this.recharge = new InputSlot(config.rechargeTag());
        this.top = new InputSlot(config.topTag());
        this.bottom = new InputSlot(config.bottomTag());
    }

    void reset() {
        full = false;
        lifting = false;
        lastEvent = "";
    }

    /** Updates and returns whether the tank is charged (nothing for the heat pump to do), at this supply set-point. */
    boolean update(Inputs in, double supplySetDegC) {
        return update(in, supplySetDegC, false);
    }

    /**
     * Updates and returns whether the tank is charged (nothing for the heat pump to do), at this supply set-point.
     *
     * @param tankSourceChosen the water evaporator alone would be the heat source now (the solar lift may run)
     */
    boolean update(Inputs in, double supplySetDegC, boolean tankSourceChosen) {
        if (!config.enabled()) return false;
        boolean wasIdle = full && !lifting;
        if (!charged.isGood(in) || !recharge.isGood(in) || !top.isGood(in) || !Double.isFinite(supplySetDegC)) {
            if (wasIdle) lastEvent = "tank charging: a tank sensor is not good; charging again (the network comes first)";
            full = false;
            lifting = false;
            return false;
        }
        double c = charged.value(in), r = recharge.value(in), t = top.value(in);
        if (!full && c >= supplySetDegC - config.chargedBelowSetK() && t >= supplySetDegC - config.topChargedBelowSetK()) {
            full = true;
            lastEvent = String.format(Locale.ROOT, "tank charged: %s %.1f °C within %.1f K of the %.1f °C set-point (%s %.1f °C)",
                    config.chargedTag(), c, config.chargedBelowSetK(), supplySetDegC, config.topTag(), t);
        } else if (full && (r < supplySetDegC - config.rechargeBelowSetK() || t < supplySetDegC - config.topRechargeBelowSetK())) {
            full = false;
            lastEvent = String.format(Locale.ROOT, "tank to charge: %s %.1f °C, %s %.1f °C against the %.1f °C set-point (limits %.1f K, %.1f K below); the heat pump runs again",
                    config.rechargeTag(), r, config.topTag(), t, supplySetDegC, config.rechargeBelowSetK(), config.topRechargeBelowSetK());
        }
        boolean bottomGood = config.solarLift() && bottom.isGood(in);
        double b = bottomGood ? bottom.value(in) : Double.NaN;
        if (!lifting && full && tankSourceChosen && b > config.bottomWarmDegC()) {
            lifting = true;
            lifts++;
            lastEvent = String.format(Locale.ROOT, "tank charged but its bottom %s %.1f °C is above %.1f °C: the heat pump lifts it on the tank source (solar lift)",
                    config.bottomTag(), b, config.bottomWarmDegC());
        } else if (lifting && (!full || !tankSourceChosen || !(b > config.bottomCooledDegC()))) {
            lifting = false;
            if (full) {
                String why = !tankSourceChosen ? "the tank source is no longer the choice"
                        : bottomGood ? String.format(Locale.ROOT, "%s %.1f °C, at or below %.1f °C", config.bottomTag(), b, config.bottomCooledDegC())
                        : config.bottomTag() + " unreadable";
                lastEvent = "solar lift ended: " + why;
            }
        }
        boolean idle = full && !lifting;
        if (idle && !wasIdle) {
            stops++;
            lastEvent = lastEvent + "; the heat pump stops";
        }
        return idle;
    }

    /** How many times the strategy stopped the heat pump since the controller was made. */
    int stops() { return stops; }

    /** How many solar lifts began since the controller was made. */
    int lifts() { return lifts; }

    /** The last change of the answer, said as an event; empty before the first. */
    String lastEvent() { return lastEvent; }
}
