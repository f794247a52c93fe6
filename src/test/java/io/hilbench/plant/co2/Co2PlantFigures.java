package io.hilbench.plant.co2;

import io.hilbench.Units;
import io.hilbench.fluid.Co2Tables;

/** Prints the validation figures quoted in plant-models/co2-heat-pump/README.md (run by hand, not a test). */
final class Co2PlantFigures {
    public static void main(String[] args) {
        Co2Tables co2 = Co2Tables.plantDefault();
        Co2HeatPumpParameters p = Co2HeatPumpParameters.solrodDefaults();
        Co2PlantHarness h = new Co2PlantHarness(p.withSafety(p.safety().withFlowSwitchBypassed(true)), co2);
        h.startFullLoad(70);
        h.run(600);
        System.out.printf("dyn 112 bar: heat %.0f kW, comp %.0f kW, fans %.0f kW, psuc %.2f, prec %.2f, tgc %.2f, tdis %.1f, m %.2f, flow %.2f%n",
                h.out("hp.heatFlowW") / 1e3, h.out("hp.compressorPowerW") / 1e3, h.out("hp.fanPowerW") / 1e3, h.out("hp.suctionPressurePa") / 1e5,
                h.out("hp.receiverPressurePa") / 1e5, h.out("hp.gasCoolerOutletTemperatureK") - 273.15, h.out("hp.dischargeTemperatureK") - 273.15,
                h.out("hp.co2MassFlowKgPerS"), h.out("hp.dhWater.massFlowKgPerS"));
        h.controlHpValve = false;
        h.set("fault.dhWater.flowAvailableRatio", 0.0);
        double t = 0;
        while (h.out("hp.safety.hpSwitchTripped") < 0.5 && t < 300) { h.step(); t += 0.1; }
        System.out.printf("flow lost: HP switch after %.1f s%n", t);

        Co2PlantHarness g = new Co2PlantHarness(p.withSafety(p.safety().withFlowSwitchBypassed(true)), co2);
        g.startFullLoad(70);
        g.run(600);
        g.set("fault.dhWater.flowAvailableRatio", 0.0);
        for (int k = 0; k < 20 && g.out("hp.safety.tripReason") == 0; k++) {
            g.run(30);
            System.out.printf("flow lost, HV-221 loop active: t+%d s pgc %.1f tgc %.1f tdis %.1f hpv %.2f x %.2f reason %.0f%n", 30 * (k + 1),
                    g.out("hp.gasCoolerPressurePa") / 1e5, g.out("hp.gasCoolerOutletTemperatureK") - 273.15, g.out("hp.dischargeTemperatureK") - 273.15,
                    g.out("hp.hpValve.openingRatio"), g.out("hp.receiver.flashGasRatio"), g.out("hp.safety.tripReason"));
        }

        Co2PlantHarness f = new Co2PlantHarness(p, co2);
        f.startFullLoad(70);
        t = 0;
        while (f.out("hp.airSection1.capacityRatio") > 0.8) { f.step(); t += 0.1; }
        System.out.printf("frost: 20 %% capacity loss after %.1f min, frost %.1f kg, dP %.0f Pa%n", t / 60, f.out("hp.airSection1.frostMassKg"), f.out("hp.airSection1.airPressureDropPa"));
        double frost = f.out("hp.airSection1.frostMassKg");
        f.set("hp.airSection1.valveOpen", 0);
        f.set("hp.airSection1.fanSpeedSetRatio", 0);
        f.set("hp.airSection1.defrostValveOpen", 1);
        t = 0;
        while (f.out("hp.airSection1.frostMassKg") > 0.05 * frost) { f.step(); t += 0.1; }
        System.out.printf("defrost: 95 %% of %.1f kg melted in %.1f min, hot gas %.0f kW%n", frost, t / 60, f.out("hp.defrostHeatFlowW") / 1e3);
    }
}
