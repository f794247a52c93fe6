package io.hilbench.plant;

import io.hilbench.fluid.Co2Tables;

class Co2PlantExplore {
    public static void main(String[] a) {
        Co2PlantHarness h = new Co2PlantHarness(Co2HeatPumpParameters.solrodDefaults(), Co2Tables.plantDefault());
        h.startFullLoad(70);
        double dtp = a.length > 0 ? Double.parseDouble(a[0]) : 30; for (double t = 0; t <= (a.length > 1 ? Double.parseDouble(a[1]) : 1800); t += dtp) {
            System.out.printf("t %6.1f pgc %6.1f prec %5.1f psuc %5.1f tdis %6.1f tgc %5.1f sup %5.1f flow %5.2f heat %7.0f P %6.0f cop %.2f qev %6.0f mc %.2f mh %.2f mbp %.2f x %.2f hpv %.2f bp %.2f trip %.0f frost %.0f cap %.3f%n",
                    t, h.out("hp.gasCoolerPressurePa") / 1e5, h.out("hp.receiverPressurePa") / 1e5, h.out("hp.suctionPressurePa") / 1e5,
                    h.out("hp.dischargeTemperatureK") - 273.15, h.out("hp.gasCoolerOutletTemperatureK") - 273.15, h.out("hp.dhWater.outletTemperatureK") - 273.15,
                    h.out("hp.dhWater.massFlowKgPerS"), h.out("hp.heatFlowW") / 1e3, h.out("hp.compressorPowerW") / 1e3, h.out("hp.cop"),
                    h.out("hp.evaporatorHeatFlowW") / 1e3, h.out("hp.co2MassFlowKgPerS"), h.out("hp.hpValve.massFlowKgPerS"), h.out("hp.bypassValve.massFlowKgPerS"),
                    h.out("hp.receiver.flashGasRatio"), h.out("hp.hpValve.openingRatio"), h.out("hp.bypassValve.openingRatio"), h.out("hp.safety.tripReason"),
                    h.out("hp.airSection1.frostMassKg"), h.out("hp.airSection1.capacityRatio"));
            h.run(dtp);
        }
    }
}
