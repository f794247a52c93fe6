package io.hilbench.benchmarks;

import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.Co2HeatPumpPlant;
import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 100 ms step of {@link Co2HeatPumpPlant} (DESIGN §9: target 10,000× real time = ≤ 10 µs per step, at least
 * 2,000× = ≤ 50 µs). {@code running}: four compressors at 70 Hz, four sections with fans, DH pump at 80 %, HV-221 and
 * HV-222 at their design openings, 10 min of plant time stepped in the setup so the cycle is at its operating point
 * (frost growing); {@code standstill}: everything off. Inputs rebuilt each step as the loop does.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.openjdk.jmh.Main
 * -Dexec.args="Co2PlantStepBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Co2PlantStepBenchmark {
    @Param({"running", "standstill"})
    public String condition;

    private Co2HeatPumpPlant plant;
    private double[] inputs;

    @Setup(Level.Trial)
    public void setUp() {
        plant = new Co2HeatPumpPlant(io.hilbench.plant.Co2HeatPumpParameters.solrodDefaults(), Co2Tables.plantDefault());
        SignalCatalogue c = plant.catalogue();
        inputs = plant.defaultInputs().values();
        int hpv = c.inputIndex("hp.hpValve.openingSetRatio");
        int bypass = c.inputIndex("hp.bypassValve.openingSetRatio");
        int pGc = c.outputIndex("hp.gasCoolerPressurePa");
        int pRec = c.outputIndex("hp.receiverPressurePa");
        int pSuc = c.outputIndex("hp.suctionPressurePa");
        if (condition.equals("running")) {
            inputs[c.inputIndex("hp.dhPump.enable")] = 1;
            inputs[c.inputIndex("hp.dhPump.speedSetRatio")] = 0.8;
            for (int n = 1; n <= 4; n++) {
                inputs[c.inputIndex("hp.airSection" + n + ".valveOpen")] = 1;
                inputs[c.inputIndex("hp.airSection" + n + ".fanSpeedSetRatio")] = 1;
            }
        }
        // 10 min of plant time: compressors staged in every 30 s, HV-221 and HV-222 on proportional control (112 bar;
        // the receiver set-point of DESIGN §5), then held where they settled
        PlantSnapshot s = plant.snapshot();
        for (int i = 0; i < 6000 && condition.equals("running"); i++) {
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
        if (condition.equals("running") && s.output(c.outputIndex("hp.compressor4.running")) < 0.5) {
            throw new IllegalStateException("benchmark plant did not reach full load: " + s);
        }
    }

    @Benchmark
    public PlantSnapshot step() {
        return plant.step(0.1, new PlantInputs(inputs));
    }
}
