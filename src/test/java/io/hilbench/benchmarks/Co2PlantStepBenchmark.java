package io.hilbench.benchmarks;

import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.co2.Co2HeatPumpPlant;
import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantSnapshot;
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
        plant = new Co2HeatPumpPlant(io.hilbench.plant.co2.Co2HeatPumpParameters.solrodDefaults(), Co2Tables.plantDefault());
        inputs = plant.defaultInputs().values();
        // running: 10 min of plant time to full load, HV-221 and HV-222 from closed (Co2FullLoadRunUp)
        if (condition.equals("running")) Co2FullLoadRunUp.run(plant, inputs);
    }

    @Benchmark
    public PlantSnapshot step() {
        return plant.step(0.1, new PlantInputs(inputs));
    }
}
