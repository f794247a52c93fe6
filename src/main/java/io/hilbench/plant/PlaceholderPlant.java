package io.hilbench.plant;

import java.util.ArrayList;
import java.util.List;

/**
 * PLACEHOLDER: the names of the outputs and inputs the Solrød rig binds to, and nothing else. It computes nothing —
 * there is no physics here. It exists only so rigs can be loaded and checked ({@code bench check-rig}, the point
 * table, the protocol servers) until the plant model arrives (issue "The loop"); that model must then offer at
 * least these names, and this class goes away.
 *
 * <p>Names follow the plant's conventions: SI units in the name ({@code ...Pa}, {@code ...K}, {@code ...Hz},
 * {@code ...W}, {@code ...M3PerS}, {@code ...Ratio} for 0–1), booleans as 0/1, enums as their code. Index
 * conventions: compressors 1–4 are C-211..C-214, air evaporator sections 1–4 are XV-23s/XV-24s/F-25s; tank sensor 1
 * is the top.
 */
public final class PlaceholderPlant {
    private PlaceholderPlant() {}

    /** The catalogue of the Solrød rig's bindings (outputs published every step, inputs the actuators commit). */
    public static SignalCatalogue catalogue() {
        List<String> out = new ArrayList<>();
        // weather and site
        out.add("weather.airTemperatureK");
        out.add("weather.relativeHumidityRatio");
        out.add("weather.irradianceWPerM2");
        // CO2 cycle
        out.add("hp.suctionPressurePa");
        out.add("hp.suctionTemperatureK");
        out.add("hp.gasCoolerPressurePa");
        out.add("hp.dischargeTemperatureK");
        out.add("hp.gasCoolerOutletTemperatureK");
        out.add("hp.receiverPressurePa");
        out.add("hp.compressorPowerW");
        out.add("hp.heatFlowW");
        // hardwired safety chain
        out.add("hp.safety.hpSwitchTripped");
        out.add("hp.safety.lpSwitchTripped");
        out.add("hp.safety.dischargeTemperatureTripped");
        out.add("hp.safety.reliefValveOpen");
        for (int n = 1; n <= 4; n++) {
            out.add("hp.compressor" + n + ".speedHz");
            out.add("hp.compressor" + n + ".running");
            out.add("hp.compressor" + n + ".fault");
        }
        out.add("hp.hpValve.openingRatio");
        out.add("hp.bypassValve.openingRatio");
        for (int s = 1; s <= 4; s++) {
            out.add("hp.airSection" + s + ".coilTemperatureK");
            out.add("hp.airSection" + s + ".airPressureDropPa");
        }
        out.add("hp.waterEvaporator.waterInletTemperatureK");
        out.add("hp.waterEvaporator.waterOutletTemperatureK");
        out.add("hp.waterEvaporator.waterFlowM3PerS");
        out.add("hp.tankSourcePump.running");
        // DH water side of the heat pump
        out.add("hp.dhWater.inletTemperatureK");
        out.add("hp.dhWater.outletTemperatureK");
        out.add("hp.dhWater.flowM3PerS");
        out.add("hp.dhWater.flowLow");
        out.add("hp.dhPump.running");
        // tank (sensor 1 = top)
        for (int k = 1; k <= 6; k++) out.add("tank.sensor" + k + "TemperatureK");
        // solar loop
        out.add("solar.collectorInletTemperatureK");
        out.add("solar.collectorOutletTemperatureK");
        out.add("solar.loopFlowM3PerS");
        out.add("solar.heatFlowW");
        out.add("solar.pumpRunning");
        // network and CHP
        out.add("network.supplyTemperatureK");
        out.add("network.returnTemperatureK");
        out.add("network.flowM3PerS");
        out.add("network.heatDemandW");
        out.add("network.supplyTemperatureSetK");
        out.add("chp.state");
        out.add("chp.heatFlowW");

        List<String> in = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            in.add("hp.compressor" + n + ".enable");
            in.add("hp.compressor" + n + ".speedSetHz");
        }
        in.add("hp.hpValve.openingSetRatio");
        in.add("hp.bypassValve.openingSetRatio");
        for (int s = 1; s <= 4; s++) {
            in.add("hp.airSection" + s + ".valveOpen");
            in.add("hp.airSection" + s + ".defrostValveOpen");
            in.add("hp.airSection" + s + ".fanSpeedSetRatio");
        }
        in.add("hp.waterEvaporator.valveOpen");
        in.add("hp.tankSourcePump.enable");
        in.add("hp.tankSourcePump.speedSetRatio");
        in.add("hp.dhPump.enable");
        in.add("hp.dhPump.speedSetRatio");
        return new SignalCatalogue(out, in);
    }
}
