package io.hilbench.benchmarks;

import io.hilbench.study.Simulation;
import io.hilbench.controller.ControllerConfig;
import io.hilbench.plant.weather.BuiltInWeather;
import io.hilbench.plant.co2.Co2HeatPumpPlant;
import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.site.SolrodPlant;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench simulate}'s controller path without the plant: one controller scan ({@link Simulation.ControllerPath}:
 * table publish, in-process read, {@code ReferenceController.cycle}, commit) and the plant's sample of the table, timed
 * in thread CPU per scan. The plant runs once, closed loop, to record its snapshots (winter design day from midnight,
 * 1 s steps, one scan per step); each pass then replays them through a fresh path, which — the controller being
 * deterministic — computes exactly the closed-loop run's outputs again: the harness checks that every pass samples the
 * same plant inputs as the recording, bit for bit, so it times the real work and not a diverged run. A main, run by hand;
 * the figures go to BENCHMARKS.md.
 *
 * <p>Arguments: hours recorded (default 2), passes (default 40: on the shared machine C2 takes a dozen passes to settle;
 * the figure is the mean of the second half).
 */
public final class ControllerPathBenchmark {
    private ControllerPathBenchmark() {}

    public static void main(String[] args) throws Exception {
        double hours = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        PlantModel plant = new SolrodPlant(new Co2HeatPumpPlant());
        Rig rig = RigLoader.load(Path.of("rigs/solrod"), plant.catalogue());
        ControllerConfig config = ControllerConfig.defaults();
        plant.reset(rig.seed());
        double[] external = plant.defaultInputs().values();
        int inSeries = plant.catalogue().inputIndex("weather.seriesIndex");
        if (inSeries < 0) throw new IllegalStateException("the plant takes no weather series");
        external[inSeries] = BuiltInWeather.FILES.indexOf("winter-design-day.csv");

        long steps = Math.round(hours * 3600);
        List<PlantSnapshot> recorded = new ArrayList<>();
        long recordedHash;
        try (Simulation.ControllerPath path = new Simulation.ControllerPath(rig, plant.catalogue(), config)) {
            PlantSnapshot s = plant.snapshot();
            long h = 17;
            for (long n = 0; n < steps; n++) {
                recorded.add(s);
                path.scan(n, s);
                double[] in = path.sample(external);
                h = h * 31 + Arrays.hashCode(in);
                s = plant.step(1.0, new PlantInputs(in));
            }
            recordedHash = h;
        }

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = Double.POSITIVE_INFINITY;
        double sum = 0;
        for (int pass = 0; pass < passes; pass++) {
            long h = 17;
            long cpu0;
            try (Simulation.ControllerPath path = new Simulation.ControllerPath(rig, plant.catalogue(), config)) {
                cpu0 = mx.getCurrentThreadCpuTime(); // the scans only, not building the table and the controller
                for (int n = 0; n < recorded.size(); n++) {
                    path.scan(n, recorded.get(n));
                    h = h * 31 + Arrays.hashCode(path.sample(external));
                }
            }
            double usPerScan = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / recorded.size();
            if (h != recordedHash) throw new IllegalStateException("pass " + pass + " sampled other plant inputs than the recorded run");
            System.out.printf(Locale.ROOT, "pass %d: %.2f µs thread CPU per scan (%d scans)%n", pass, usPerScan, recorded.size());
            if (pass >= passes / 2) sum += usPerScan; // the second half: JIT settled
            best = Math.min(best, usPerScan);
        }
        int counted = passes - passes / 2;
        System.out.printf(Locale.ROOT, "controller path: mean of the last %d passes %.2f µs per scan, best %.2f µs; a 12 h day at 1 s = %.2f s CPU%n",
                counted, sum / counted, best, sum / counted * 43_200 / 1e6);
    }
}
