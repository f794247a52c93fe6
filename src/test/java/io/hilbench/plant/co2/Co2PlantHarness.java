package io.hilbench.plant.co2;

import io.hilbench.Units;
import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;

/**
 * A test-only way to run {@link Co2HeatPumpPlant}: the plant plus a minimal local control (not the reference
 * controller): P-271 on the supply temperature, HV-221 on a gas-cooler pressure set-point, HV-222 on the receiver
 * set-point of DESIGN §5, fans and section valves on; PI loops with clamped integrators. Enough to reach and hold an
 * operating point so the plant's physics can be judged.
 */
final class Co2PlantHarness {
    final Co2HeatPumpPlant plant;
    final SignalCatalogue c;
    final double[] u;
    double gasCoolerSetPa = 112e5;
    double supplySetK = Units.degCToK(75);
    boolean controlPump = true;
    boolean controlHpValve = true;
    boolean controlBypassValve = true;
    double pumpMinRatio = 0.4;
    private double iPump = 0.8, iHpv = 0.4, iBp = 0.4;
    PlantSnapshot last;

    Co2PlantHarness(Co2HeatPumpParameters parameters, Co2Tables co2) {
        plant = new Co2HeatPumpPlant(parameters, co2);
        c = plant.catalogue();
        u = plant.defaultInputs().values();
        last = plant.snapshot();
    }

    void set(String input, double value) {
        int i = c.inputIndex(input);
        if (i < 0) throw new IllegalArgumentException("no input " + input);
        u[i] = value;
    }

    double out(String output) {
        int i = c.outputIndex(output);
        if (i < 0) throw new IllegalArgumentException("no output " + output);
        return last.output(i);
    }

    /** Everything on at full speed. */
    void startFullLoad(double speedHz) {
        set("hp.dhPump.enable", 1);
        set("hp.dhPump.speedSetRatio", 0.8);
        for (int s = 1; s <= plant.parameters().sectionCount(); s++) {
            set("hp.airSection" + s + ".valveOpen", 1);
            set("hp.airSection" + s + ".fanSpeedSetRatio", 1);
        }
        targetSpeedHz = speedHz;
        stagingStartS = last.plantTimeMs() / 1000.0;
        set("hp.hpValve.openingSetRatio", 0.4);
        set("hp.bypassValve.openingSetRatio", 0.4);
    }

    double targetSpeedHz = 0;
    double stagingStartS = Double.NaN;
    /** Seconds between compressor stage-ins. */
    double stageDelayS = 30;

    /** Stops every compressor and the staging (the other loops go on), as an ordered stop leaves them. */
    void stopCompressors() {
        stagingStartS = Double.NaN;
        for (int k = 1; k <= plant.parameters().compressorCount(); k++) set("hp.compressor" + k + ".enable", 0);
    }

    /** One 100 ms step with the local loops. */
    PlantSnapshot step() {
        return step(0.1);
    }

    /** One step of {@code dt} seconds with the local loops (their integrators and the staging at that sample time). */
    PlantSnapshot step(double dt) {
        double t = last.plantTimeMs() / 1000.0;
        if (!Double.isNaN(stagingStartS)) {
            // lead compressor first, the others staged in one by one
            for (int k = 1; k <= plant.parameters().compressorCount(); k++) {
                boolean on = t >= stagingStartS + stageDelayS * (k - 1) + 5;
                set("hp.compressor" + k + ".enable", on ? 1 : 0);
                set("hp.compressor" + k + ".speedSetHz", on ? targetSpeedHz : 0);
            }
        }
        if (last.plantTimeMs() > 0) {
            if (controlPump) {
                double e = out("hp.dhWater.outletTemperatureK") - supplySetK;   // too hot: more flow
                iPump = clamp(iPump + dt * e / 300.0, 0, 1);
                set("hp.dhPump.speedSetRatio", clamp(iPump + e / 20.0, pumpMinRatio, 1));
            }
            if (controlHpValve) {
                double e = out("hp.gasCoolerPressurePa") - gasCoolerSetPa;     // too high: open
                iHpv = clamp(iHpv + dt * e / 1e5 / 60.0, 0, 1);
                set("hp.hpValve.openingSetRatio", clamp(iHpv + e / 1e5 / 15.0, 0, 1));
            }
            if (controlBypassValve) {
                double pSuc = out("hp.suctionPressurePa");
                double recSet = Math.min(Math.max(35e5, pSuc + 5e5), 65e5);
                double e = out("hp.receiverPressurePa") - recSet;
                iBp = clamp(iBp + dt * e / 1e5 / 100.0, 0, 1);
                set("hp.bypassValve.openingSetRatio", clamp(iBp + e / 1e5 / 20.0, 0, 1));
            }
        }
        last = plant.step(dt, new PlantInputs(u));
        return last;
    }

    void run(double seconds) {
        long steps = Math.round(seconds / 0.1);
        for (long i = 0; i < steps; i++) step();
    }

    void run(double seconds, double dt) {
        long steps = Math.round(seconds / dt);
        for (long i = 0; i < steps; i++) step(dt);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
