package io.hilbench.controller;

import java.util.Locale;

/**
 * Whether the heat pump has a tank to charge ({@link TankChargingConfig}): "charged" once {@code chargedTag} is within
 * {@code chargedBelowSetK} of the supply set-point and {@code topTag} within {@code topChargedBelowSetK}, and again "to
 * charge" once {@code rechargeTag} has fallen more than {@code rechargeBelowSetK} below it or {@code topTag} more than
 * {@code topRechargeBelowSetK}; in between the last answer holds. A sensor that is not good never stops the heat
 * pump (the network comes first): the answer is "to charge". Pure, single-threaded, like the controller.
 */
final class TankCharging {
    private final TankChargingConfig config;
    private final InputSlot charged, recharge, top;
    private boolean full;
    private int stops;
    private String lastEvent = "";

    TankCharging(TankChargingConfig config) {
        this.config = config;
        this.charged = new InputSlot(config.chargedTag());
        this.recharge = new InputSlot(config.rechargeTag());
        this.top = new InputSlot(config.topTag());
    }

    void reset() {
        full = false;
        lastEvent = "";
    }

    /** Updates and returns whether the tank is charged (nothing for the heat pump to do), at this supply set-point. */
    boolean update(Inputs in, double supplySetDegC) {
        if (!config.enabled()) return false;
        if (!charged.isGood(in) || !recharge.isGood(in) || !top.isGood(in) || !Double.isFinite(supplySetDegC)) {
            if (full) lastEvent = "tank charging: a tank sensor is not good; charging again (the network comes first)";
            full = false;
            return false;
        }
        double c = charged.value(in), r = recharge.value(in), t = top.value(in);
        if (!full && c >= supplySetDegC - config.chargedBelowSetK() && t >= supplySetDegC - config.topChargedBelowSetK()) {
            full = true;
            stops++;
            lastEvent = String.format(Locale.ROOT, "tank charged: %s %.1f °C within %.1f K of the %.1f °C set-point (%s %.1f °C); the heat pump stops",
                    config.chargedTag(), c, config.chargedBelowSetK(), supplySetDegC, config.topTag(), t);
        } else if (full && (r < supplySetDegC - config.rechargeBelowSetK() || t < supplySetDegC - config.topRechargeBelowSetK())) {
            full = false;
            lastEvent = String.format(Locale.ROOT, "tank to charge: %s %.1f °C, %s %.1f °C against the %.1f °C set-point (limits %.1f K, %.1f K below); the heat pump runs again",
                    config.rechargeTag(), r, config.topTag(), t, supplySetDegC, config.rechargeBelowSetK(), config.topRechargeBelowSetK());
        }
        return full;
    }

    /** How many times the strategy stopped the heat pump since the controller was made. */
    int stops() { return stops; }

    /** The last change of the answer, said as an event; empty before the first. */
    String lastEvent() { return lastEvent; }
}
