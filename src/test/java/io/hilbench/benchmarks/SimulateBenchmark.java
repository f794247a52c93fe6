package io.hilbench.benchmarks;

import io.hilbench.study.Simulation;
import io.hilbench.controller.ControllerConfig;
import io.hilbench.plant.co2.Co2HeatPumpPlant;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.site.SolrodPlant;
import io.hilbench.report.Kpis;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code bench simulate}'s loop on the full Solrød plant with the CO2 heat pump (SolrodPlant wrapping Co2HeatPumpPlant)
 * and the reference controller in-process (DESIGN §9: target 10,000× real time at a 100 ms step, at least 2,000×; a year
 * at a coarser step in under 10 minutes). A main, not a JUnit test: it takes seconds to minutes and is run by hand; the
 * figures go to BENCHMARKS.md.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hilbench.benchmarks.SimulateBenchmark -Dexec.args="winter-design-day 24 0.1 /tmp/winter.csv"}
 * (arguments: weather index or name, hours, step in s, CSV file, optional start day of year, optional controller
 * scan in s, optional plant sub-step in s or "auto").
 */
public final class SimulateBenchmark {
    private SimulateBenchmark() {}

    public static void main(String[] args) throws Exception {
        String weather = args.length > 0 ? args[0] : "winter-design-day";
        double hours = args.length > 1 ? Double.parseDouble(args[1]) : 24;
        double stepS = args.length > 2 ? Double.parseDouble(args[2]) : 0.1;
        Path csv = Path.of(args.length > 3 ? args[3] : "target/simulate-benchmark.csv");
        int index = io.hilbench.plant.weather.BuiltInWeather.FILES.indexOf(weather + ".csv");
        if (index < 0) index = weather.equals("year") ? io.hilbench.plant.weather.BuiltInWeather.SYNTHETIC_YEAR : Integer.parseInt(weather);
        PlantModel plant = new SolrodPlant(new Co2HeatPumpPlant());
        Rig rig = RigLoader.load(Path.of("rigs/solrod"), plant.catalogue());
        double startS = args.length > 4 ? (Double.parseDouble(args[4]) - 1) * 86400 : 0;
        double scanS = args.length > 5 ? Double.parseDouble(args[5]) : stepS;
        double substepS = args.length > 6 && !args[6].equals("auto") ? Double.parseDouble(args[6]) : Double.NaN;
        Simulation.Settings settings = new Simulation.Settings(index, startS, hours, stepS, 60_000, scanS, substepS);
        Kpis k;
        Simulation sim = new Simulation(rig, plant, ControllerConfig.defaults());
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        try (Writer w = Files.newBufferedWriter(csv)) {
            k = sim.run(settings, w, null);
        }
        // thread CPU time of the simulating thread: on the shared machine wall time mostly measures the others' load
        double cpuS = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "%s %.1f h at %.3f s (scan %.3f s, plant sub-step %.3f s) from day %.2f: %.1f s wall (plant.step %.1f s), %.0f x real time (plant alone %.0f x)%n",
                weather, hours, stepS, scanS, sim.lastPlantSubstepS(), startS / 86400 + 1, k.wallSeconds(), sim.lastPlantSeconds(), k.realTimeFactor(), hours * 3600 / sim.lastPlantSeconds());
        System.out.printf(Locale.ROOT, "thread CPU %.1f s: %.0f x real time per CPU second%n", cpuS, hours * 3600 / cpuS);
        System.out.print(k.table());
    }
}
