package io.hilbench.controller;

import io.hilbench.rig.ControllerState;
import io.hilbench.runtime.Quality;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tank-charging strategy (issue #15 item 6): charged at TT-305 within 3 K of the set-point, to charge again at
 * TT-303 more than 8 K below it, the last answer held in between; off by default; a bad sensor never stops the heat
 * pump. In the controller: a charged tank takes every compressor off through the low-load path and holds the restart
 * until the tank is to charge.
 */
class TankChargingTest {
    private static Inputs tank(double tt305, double tt303) {
        return tank(tt305, tt303, 70);
    }

    private static Inputs tank(double tt305, double tt303, double tt302) {
        return Inputs.builder(0, 0).set("TT-305", tt305).set("TT-303", tt303).set("TT-302", tt302).build();
    }

    @Test
    void chargedAndToChargeWithHysteresis() {
        TankCharging t = new TankCharging(TankChargingConfig.defaults().on());
        assertThat(t.update(tank(61.9, 70), 65)).as("TT-305 3.1 K below: not yet charged").isFalse();
        assertThat(t.update(tank(62.0, 70), 65)).as("TT-305 within 3 K").isTrue();
        assertThat(t.update(tank(40, 57.0), 65)).as("TT-303 exactly 8 K below: still charged (hysteresis)").isTrue();
        assertThat(t.update(tank(40, 56.9), 65)).as("TT-303 more than 8 K below: to charge").isFalse();
        assertThat(t.update(tank(61.0, 70), 65)).as("between the two: the last answer holds").isFalse();
        assertThat(t.update(tank(63, 70, 63.9), 65)).as("TT-302 more than 1 K below: not charged").isFalse();
        assertThat(t.update(tank(63, 70, 64.0), 65)).as("TT-302 within 1 K").isTrue();
        assertThat(t.update(tank(63, 70, 63.6), 65)).as("TT-302 1.4 K below: still charged (hysteresis)").isTrue();
        assertThat(t.update(tank(63, 70, 63.4), 65)).as("TT-302 more than 1.5 K below (a colder day raised the set-point): to charge").isFalse();
        assertThat(t.stops()).isEqualTo(2);
    }

    @Test
    void offByDefaultAndABadSensorNeverStopsTheHeatPump() {
        assertThat(new TankCharging(TankChargingConfig.defaults()).update(tank(75, 75), 65)).isFalse();
        TankCharging t = new TankCharging(TankChargingConfig.defaults().on());
        assertThat(t.update(tank(75, 75), 65)).isTrue();
        Inputs bad = Inputs.builder(0, 0).set("TT-305", 75.0, Quality.BAD).set("TT-303", 75.0).set("TT-302", 75.0).build();
        assertThat(t.update(bad, 65)).isFalse();
        assertThatThrownBy(() -> new TankChargingConfig(true, "TT-305", 8, "TT-303", 3, "TT-302", 1, 1.5)).hasMessageContaining("rechargeBelowSetK");
    }

    private static Inputs tank(double tt305, double tt303, double tt302, double tt306) {
        return Inputs.builder(0, 0).set("TT-305", tt305).set("TT-303", tt303).set("TT-302", tt302).set("TT-306", tt306).build();
    }

    /**
     * The solar lift (TankChargingConfig#bottomWarmDegC, off by default, here at 30/25 °C): a charged tank whose bottom
     * is warmer than 30 °C is still work while the water evaporator alone would be the source, down to 25 °C; not
     * without the tank source, not on an unreadable bottom. A lift that never starts, or never ends, fails here.
     */
    @Test
    void aChargedTankWithAWarmBottomIsLiftedOnTheTankSourceDownToItsCooledLimit() {
        assertThat(TankChargingConfig.defaults().solarLift()).as("off by default: in June it overfilled the tank").isFalse();
        TankChargingConfig cfg = TankChargingConfig.defaults().on().withSolarLift(30, 25);
        TankCharging t = new TankCharging(cfg);
        assertThat(t.update(tank(73, 74, 75, 45), 75, true)).as("charged, bottom 45 °C, tank source chosen: lift").isFalse();
        assertThat(t.lifts()).isEqualTo(1);
        assertThat(t.stops()).isZero();
        assertThat(t.lastEvent()).contains("solar lift");
        assertThat(t.update(tank(73, 74, 75, 25.1), 75, true)).as("25.1 °C: still lifting (hysteresis)").isFalse();
        assertThat(t.update(tank(73, 74, 75, 25.0), 75, true)).as("cooled to 25 °C: nothing to do").isTrue();
        assertThat(t.stops()).isEqualTo(1);
        assertThat(t.lastEvent()).contains("solar lift ended").contains("the heat pump stops");
        assertThat(t.update(tank(73, 74, 75, 29.9), 75, true)).as("29.9 °C: not warm enough to lift again").isTrue();
        assertThat(t.update(tank(73, 74, 75, 30.1), 75, true)).as("30.1 °C: lift again").isFalse();
        assertThat(t.update(tank(73, 74, 75, 40), 75, false)).as("the tank source no longer the choice: stop").isTrue();
        assertThat(t.update(tank(73, 74, 75, 40), 75, false)).as("and no lift without it").isTrue();
        assertThat(t.lifts()).isEqualTo(2);
        assertThat(t.stops()).isEqualTo(2);
        Inputs badBottom = Inputs.builder(0, 0).set("TT-305", 73.0).set("TT-303", 74.0).set("TT-302", 75.0).set("TT-306", 45.0, Quality.BAD).build();
        assertThat(t.update(badBottom, 75, true)).as("bottom unreadable: the charge test alone").isTrue();
        assertThat(t.update(tank(40, 50, 75, 45), 75, true)).as("to charge anyway (TT-303 below): runs, no lift needed").isFalse();
        assertThat(t.lifts()).isEqualTo(2);

        TankCharging off = new TankCharging(TankChargingConfig.defaults().on());
        assertThat(off.update(tank(73, 74, 75, 45), 75, true)).as("the lift off: charged is charged").isTrue();
        assertThatThrownBy(() -> cfg.withSolarLift(25, 30)).hasMessageContaining("bottomCooledDegC");
        assertThatThrownBy(() -> cfg.withSolarLift(30, Double.POSITIVE_INFINITY)).hasMessageContaining("bottomCooledDegC");
    }

    /** Closed on the logic test plant: a charged tank with a warm bottom and air 10 °C keeps the heat pump running until the bottom is cooled. */
    @Test
    void theControllerKeepsRunningOnAChargedTankWhileItsBottomIsWarm() {
        ReferenceController c = new ReferenceController(ControllerConfig.defaults(),
                PlantLoopsConfig.defaults().withTankCharging(TankChargingConfig.defaults().on().withSolarLift(30, 25)), Optional.empty(), SimPlant.PERMISSIVES, 4, Map.of());
        SimPlant p = new SimPlant();
        p.extra.put("TT-305", 73.0);   // charged
        p.extra.put("TT-303", 74.0);
        p.extra.put("TT-302", 75.0);
        p.extra.put("TT-306", 45.0);   // the summer bottom: 35 K above the air
        p.extra.put("TT-101", 10.0);
        p.extra.put("RT-101", 0.0);
        p.step(c.cycle(p.inputs(), Commands.none(75).withStart()));
        run(c, p, 15 * 60);
        assertThat(onCount(p)).as("a charged tank, its bottom 45 °C: lifted").isPositive();
        run(c, p, 15 * 60);
        assertThat(onCount(p)).as("still lifting").isPositive();
        p.extra.put("TT-306", 24.0);
        run(c, p, 15 * 60);
        assertThat(onCount(p)).as("bottom cooled: every compressor off").isZero();
        assertThat(c.state()).isEqualTo(ControllerState.RUNNING);
    }

    /** Closed on the logic test plant: Running, the tank charged → every compressor off and kept off; to charge → a restart. */
    @Test
    void theControllerStopsOnAChargedTankAndRunsAgainWhenItIsToCharge() {
        ReferenceController c = new ReferenceController(ControllerConfig.defaults(),
                PlantLoopsConfig.defaults().withTankCharging(TankChargingConfig.defaults().on()), Optional.empty(), SimPlant.PERMISSIVES, 4, Map.of());
        SimPlant p = new SimPlant();
        p.extra.put("TT-305", 40.0);
        p.extra.put("TT-303", 45.0);
        p.extra.put("TT-302", 50.0);
        p.step(c.cycle(p.inputs(), Commands.none(75).withStart()));
        run(c, p, 15 * 60);
        assertThat(c.state()).isEqualTo(ControllerState.RUNNING);
        assertThat(onCount(p)).as("running on an empty tank").isPositive();

        p.extra.put("TT-305", 73.0);   // supply-grade water down to level 5
        p.extra.put("TT-303", 74.0);
        p.extra.put("TT-302", 75.0);
        run(c, p, 15 * 60);
        assertThat(onCount(p)).as("charged: every compressor off").isZero();
        run(c, p, 30 * 60);
        assertThat(onCount(p)).as("and kept off although the supply fell to %.1f °C", p.supplyDegC).isZero();
        assertThat(p.supplyDegC).isLessThan(60);
        assertThat(c.state()).as("a pause, not a stop: the operator's start stands").isEqualTo(ControllerState.RUNNING);

        p.extra.put("TT-303", 66.0);   // the thermocline has passed level 3
        run(c, p, 10 * 60);
        assertThat(onCount(p)).as("to charge: running again").isPositive();
    }

    private static void run(ReferenceController c, SimPlant p, double seconds) {
        for (int i = 0; i < Math.round(seconds / SimPlant.STEP_S); i++) p.step(c.cycle(p.inputs(), Commands.none(75)));
    }

    private static int onCount(SimPlant p) {
        int n = 0;
        for (int k = 1; k <= 4; k++) if (p.speedHz[k] > 0) n++;
        return n;
    }
}
