package io.hilbench.benchmarks;

import io.hilbench.plant.FixtureHeatPump;
import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Plant step rate (DESIGN §9: target 10,000× real time at a 100 ms step = 100,000 steps/s on one core, at least
 * 2,000× = 20,000 steps/s). One 100 ms step of the first plant at full load, inputs rebuilt each step as the loop does.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.openjdk.jmh.Main
 * -Dexec.args="PlantStepBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlantStepBenchmark {
    private FixtureHeatPump plant;
    private double[] inputs;

    @Setup
    public void setUp() {
        plant = new FixtureHeatPump();
        SignalCatalogue c = plant.catalogue();
        inputs = plant.defaultInputs().values();
        inputs[c.inputIndex("hp.dhPump.enable")] = 1;
        inputs[c.inputIndex("hp.dhPump.speedSetRatio")] = 1;
        inputs[c.inputIndex("hp.hpValve.openingSetRatio")] = 0.5;
        for (int n = 1; n <= 4; n++) {
            inputs[c.inputIndex("hp.compressor" + n + ".enable")] = 1;
            inputs[c.inputIndex("hp.compressor" + n + ".speedSetHz")] = 70;
        }
    }

    @Benchmark
    public PlantSnapshot step() {
        return plant.step(0.1, new PlantInputs(inputs));
    }
}
