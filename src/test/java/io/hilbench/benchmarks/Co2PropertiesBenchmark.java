package io.hilbench.benchmarks;

import io.hilbench.Units;
import io.hilbench.fluid.Co2LookupResult;
import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import io.hilbench.fluid.Co2Transport;
import io.hilbench.fluid.SpanWagnerCo2;
import io.hilbench.fluid.WaterIf97Region1;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Costs of the CO2 property paths (DESIGN §9: property look-ups from tables inside the 100 ms step loop).
 * Inputs cycle through 1024 seeded random states of the plant's range (4 to 140 bar, evaporator, gas cooler
 * and two-phase states), so the numbers include cache misses and branch mispredictions of a real sweep.
 *
 * <pre>
 * mvn -q -o test-compile
 * java -cp target/test-classes:target/classes:$(mvn -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
 *      org.openjdk.jmh.Main Co2PropertiesBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Co2PropertiesBenchmark {

    private static final int N = 1024;

    private Co2Tables tables;
    private final SpanWagnerCo2 exact = new SpanWagnerCo2();
    private final Co2Transport transport = new Co2Transport();
    private final WaterIf97Region1 water = new WaterIf97Region1();
    private final Co2LookupResult result = new Co2LookupResult();
    private final double[] pressurePa = new double[N];
    private final double[] enthalpyJPerKg = new double[N];
    private final double[] entropyJPerKgK = new double[N];
    private final double[] temperatureK = new double[N];
    private final double[] densityKgPerM3 = new double[N];
    private int i;

    @Setup
    public void setUp() {
        tables = Co2Tables.build(Co2TableParameters.plantDefault());
        Random random = new Random(1L);
        for (int k = 0; k < N; k++) {
            double p = Units.barToPa(7 + random.nextDouble() * 133);
            double t = Math.max(tables.minTemperatureK(p) + 1, Units.degCToK(-45 + random.nextDouble() * 185));
            var s = exact.stateFromPressureTemperature(p, t);
            pressurePa[k] = p;
            // one in four states is moved into the two-phase region where the pressure allows it
            double h = s.enthalpyJPerKg();
            if (k % 4 == 0 && p < SpanWagnerCo2.CRITICAL_PRESSURE_PA * 0.95) {
                var sat = exact.saturationAtPressure(p);
                h = sat.liquidEnthalpyJPerKg() + random.nextDouble() * sat.latentHeatJPerKg();
            }
            enthalpyJPerKg[k] = h;
            entropyJPerKgK[k] = exact.stateFromPressureEnthalpy(p, h).entropyJPerKgK();
            temperatureK[k] = t;
            densityKgPerM3[k] = s.densityKgPerM3();
        }
    }

    private int next() {
        i = (i + 1) & (N - 1);
        return i;
    }

    @Benchmark
    public double tableTemperatureFromPH() {
        int k = next();
        return tables.temperatureFromPressureEnthalpy(pressurePa[k], enthalpyJPerKg[k]);
    }

    /** The target: (p, h) -> T and rho, at most 200 ns. */
    @Benchmark
    public double tableTemperatureAndDensityFromPH() {
        int k = next();
        return tables.temperatureFromPressureEnthalpy(pressurePa[k], enthalpyJPerKg[k])
                + tables.densityFromPressureEnthalpy(pressurePa[k], enthalpyJPerKg[k]);
    }

    /** T, rho, s, cp, w in one call into a reused holder. */
    @Benchmark
    public double tableLookupAllFromPH() {
        int k = next();
        tables.lookupPressureEnthalpy(pressurePa[k], enthalpyJPerKg[k], result);
        return result.temperatureK() + result.densityKgPerM3();
    }

    @Benchmark
    public double tableEnthalpyFromPS() {
        int k = next();
        return tables.enthalpyFromPressureEntropy(pressurePa[k], entropyJPerKgK[k]);
    }

    @Benchmark
    public double tableEnthalpyFromPT() {
        int k = next();
        return tables.enthalpyFromPressureTemperature(pressurePa[k], temperatureK[k]);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double exactFlashPH() {
        int k = next();
        return exact.stateFromPressureEnthalpy(pressurePa[k], enthalpyJPerKg[k]).temperatureK();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double exactFlashPS() {
        int k = next();
        return exact.stateFromPressureEntropy(pressurePa[k], entropyJPerKgK[k]).enthalpyJPerKg();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double exactFlashPT() {
        int k = next();
        return exact.stateFromPressureTemperature(pressurePa[k], temperatureK[k]).enthalpyJPerKg();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double exactStateFromTRho() {
        int k = next();
        return exact.pressurePa(temperatureK[k], densityKgPerM3[k]);
    }

    @Benchmark
    public double transportViscosityAndConductivity() {
        int k = next();
        return transport.viscosityPaS(temperatureK[k], densityKgPerM3[k])
                + transport.thermalConductivityWPerMK(temperatureK[k], densityKgPerM3[k]);
    }

    @Benchmark
    public double waterEnthalpyIf97() {
        int k = next();
        return water.enthalpyJPerKg(Units.barToPa(10), Units.degCToK(20 + (k & 127) * 0.5));
    }

    /** Start-up cost of building the plant's tables (parallel on the available cores). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Co2Tables buildPlantTables() {
        return Co2Tables.build(Co2TableParameters.plantDefault());
    }
}
