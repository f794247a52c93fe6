package io.hilbench.benchmarks;

import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;

/**
 * The plant benchmarks' run-up of the CO2 heat pump to full load, on any plant with its catalogue names
 * ({@code Co2HeatPumpPlant}, {@code SolrodPlant} around it): DH pump on at 80 %, every section and fan on, then 10 min
 * of 100 ms steps with the compressors staged in every 30 s at 70 Hz and HV-221 and HV-222 on proportional control
 * (112 bar; the receiver aim of DESIGN §5), left where they settled. The caller's other inputs (weather, HV-221's
 * starting opening) stand as it set them.
 */
final class Co2FullLoadRunUp {
    private Co2FullLoadRunUp() {}

    /** Runs the plant up in place of {@code inputs} (changed to the settled values); throws unless all four compressors run. */
    static PlantSnapshot run(PlantModel plant, double[] inputs) {
        SignalCatalogue c = plant.catalogue();
        int hpv = c.inputIndex("hp.hpValve.openingSetRatio");
        int bypass = c.inputIndex("hp.bypassValve.openingSetRatio");
        int pGc = c.outputIndex("hp.gasCoolerPressurePa");
        int pRec = c.outputIndex("hp.receiverPressurePa");
        int pSuc = c.outputIndex("hp.suctionPressurePa");
        inputs[c.inputIndex("hp.dhPump.enable")] = 1;
        inputs[c.inputIndex("hp.dhPump.speedSetRatio")] = 0.8;
        for (int s = 1; s <= 4; s++) {
            inputs[c.inputIndex("hp.airSection" + s + ".valveOpen")] = 1;
            inputs[c.inputIndex("hp.airSection" + s + ".fanSpeedSetRatio")] = 1;
        }
        PlantSnapshot s = plant.snapshot();
        for (int i = 0; i < 6000; i++) {
            for (int n = 1; n <= 4; n++) {
                boolean on = i >= 300 * (n - 1);
                inputs[c.inputIndex("hp.compressor" + n + ".enable")] = on ? 1 : 0;
                inputs[c.inputIndex("hp.compressor" + n + ".speedSetHz")] = on ? 70 : 0;
            }
            double recSet = Math.min(Math.max(35e5, s.output(pSuc) + 5e5), 65e5);
            inputs[hpv] = Math.max(0, Math.min(1, inputs[hpv] + 0.1 * (s.output(pGc) - 112e5) / 1e5 / 60));
            inputs[bypass] = Math.max(0, Math.min(1, inputs[bypass] + 0.1 * (s.output(pRec) - recSet) / 1e5 / 20));
            s = plant.step(0.1, new PlantInputs(inputs));
        }
        int running = 0;
        for (int n = 1; n <= 4; n++) running += s.output(c.outputIndex("hp.compressor" + n + ".running")) >= 0.5 ? 1 : 0;
        if (running != 4) throw new IllegalStateException("the CO2 heat pump is not running at full load after 10 min: " + running + " compressors");
        return s;
    }
}
