package io.hilbench.controller;

import io.hilbench.Units;
import io.hilbench.plant.co2.Co2HeatPumpPlant;
import io.hilbench.plant.site.SolrodPlant;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reference controller around the whole Solrød plant with the CO2 heat pump ({@code new SolrodPlant(new
 * Co2HeatPumpPlant())}) through the rig's point map, in-process ({@link ClosedLoop}, 100 ms steps as in lockstep). Only
 * the stimulus differs between the closed-loop tests: weather overrides and the tank's initial profile.
 */
final class Co2Loop {
    /** Nominal DH mass flow of the CO2 heat pump, kg/s (domain notes §2.2: 1.2 MW at 40 → 75 °C). */
    static final double DH_NOMINAL_KG_PER_S = 8.2;
    static final double SETPOINT_DEGC = 75;

    private Co2Loop() {}

    static ClosedLoop create(Optional<Variant> variant, PlantLoopsConfig loops, double airDegC, double rh, double irradianceWPerM2,
                             double tankTopDegC, double tankBottomDegC) {
        Map<String, Double> ext = new HashMap<>();
        ext.put("weather.airTemperatureK", Units.degCToK(airDegC));
        ext.put("weather.relativeHumidityRatio", rh);
        ext.put("weather.irradianceWPerM2", irradianceWPerM2);
        ext.put("tank.initialTopTemperatureK", Units.degCToK(tankTopDegC));
        ext.put("tank.initialBottomTemperatureK", Units.degCToK(tankBottomDegC));
        return new ClosedLoop(new SolrodPlant(new Co2HeatPumpPlant()), DH_NOMINAL_KG_PER_S, ControllerConfig.defaults(), loops, variant,
                InProcessControllerIo::new, ext);
    }
}
