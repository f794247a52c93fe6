package io.hilbench.benchmarks;

import io.hilbench.plant.weather.BuiltInWeather;
import io.hilbench.plant.co2.Co2HeatPumpPlant;
import io.hilbench.plant.FixtureHeatPump;
import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;
import io.hilbench.plant.site.SolrodPlant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One 100 ms step of the full Solrød plant: {@link SolrodPlant} (tank, solar loop, network, CHP, dispatcher, weather
 * and sun position) wrapping a heat pump at full load — {@code heatPump=co2}: the CO2 heat pump the bench serves
 * ({@link Co2HeatPumpPlant}, run up for 10 min of plant time in the set-up as {@link Co2PlantStepBenchmark} does, so every
 * compressor is running and the cycle has left its start transient); {@code heatPump=first}: the first, simple heat pump, as before — on the sunny spring day so the solar loop runs in the
 * day (DESIGN §9: target 10,000× real time = 10 µs per step on one core, at least 2,000× = 50 µs). Inputs rebuilt each
 * step as the loop does. The plant runs on through the day as the benchmark iterates (plant time advances 100 ms per
 * call), so the figure averages night, day, CHP starts and stops.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.openjdk.jmh.Main
 * -Dexec.args="SolrodPlantBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SolrodPlantBenchmark {
    @Param({"co2", "first"})
    public String heatPump;

    private SolrodPlant plant;
    private double[] inputs;

    @Setup
    public void setUp() {
        plant = new SolrodPlant("co2".equals(heatPump) ? new Co2HeatPumpPlant() : new FixtureHeatPump());
        SignalCatalogue c = plant.catalogue();
        inputs = plant.defaultInputs().values();
        inputs[c.inputIndex("weather.seriesIndex")] = BuiltInWeather.SUNNY_SPRING;
        inputs[c.inputIndex("hp.dhPump.enable")] = 1;
        inputs[c.inputIndex("hp.dhPump.speedSetRatio")] = 1;
        inputs[c.inputIndex("hp.hpValve.openingSetRatio")] = 0.5;
        for (int n = 1; n <= 4; n++) {
            inputs[c.inputIndex("hp.compressor" + n + ".enable")] = 1;
            inputs[c.inputIndex("hp.compressor" + n + ".speedSetHz")] = 70;
        }
        if ("co2".equals(heatPump)) {
            // as Co2PlantStepBenchmark: 10 min of plant time to full load (Co2FullLoadRunUp), HV-221 from 0.5
            Co2FullLoadRunUp.run(plant, inputs);
        }
    }

    @Benchmark
    public PlantSnapshot step() {
        return plant.step(0.1, new PlantInputs(inputs));
    }
}
