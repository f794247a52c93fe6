package io.hilbench.study;

import io.hilbench.Units;
import io.hilbench.controller.Commands;
import io.hilbench.controller.ControllerConfig;
import io.hilbench.controller.PlantLoopsConfig;
import io.hilbench.controller.TankChargingConfig;
import io.hilbench.controller.ControllerIoException;
import io.hilbench.controller.InProcessControllerIo;
import io.hilbench.controller.Inputs;
import io.hilbench.controller.Outputs;
import io.hilbench.controller.ReferenceController;
import io.hilbench.plant.weather.BuiltInWeather;
import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;
import io.hilbench.plant.weather.WeatherSeries;
import io.hilbench.points.PointTable;
import io.hilbench.points.TablePlantIo;
import io.hilbench.report.DecimatedCsv;
import io.hilbench.report.KpiAccumulator;
import io.hilbench.report.Kpis;
import io.hilbench.rig.Rig;
import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.PlantIo;
import io.hilbench.runtime.Quality;
import io.hilbench.runtime.SiUnitSuffix;
import io.hilbench.runtime.SignalFrame;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bench simulate}'s loop (DESIGN §7, §9): the rig's plant and the reference controller in one thread, closed
 * through the rig's point table — the plant publishes step N into the table, the controller reads it through
 * {@link InProcessControllerIo} (so it sees only its points, as over a wire), computes and commits its outputs with the
 * Ack, the plant takes its inputs from the table ({@link TablePlantIo#sample}, the step loop's own path) and steps. No
 * threads, no handshake waits, no trace in memory: the run is as fast as the plant and the controller compute, and a
 * year fits in memory. This class is the composition root that may see both the plant and the controller (the
 * controller itself never imports the plant).
 *
 * <p>Weather: a plant with the {@code weather.seriesIndex} input (the Solrød plant) is told the series and its start
 * ({@code weather.seriesStartS}); any other plant gets the series' air temperature, humidity and global irradiance as
 * its external weather inputs every step. The supervisory side is the operator of a study: start at plant time 0, the
 * supply set-point follows the plant's weather curve ({@code network.supplyTemperatureSetK}) when the plant publishes
 * one, else the controller's default. There is one start command, at plant time 0, and no automatic reset: a trip or a
 * refused start stays in the study as the controller left it (its state is in the CSV), as it would on site.
 *
 * <p>Step: the reference controller runs one cycle per plant step, or one per {@link Settings#scanS} (a PLC scan
 * longer than the plant step: the plant keeps the physics of its step, the controller cycles less often). At 1 s the
 * KPIs of a 12 h design day match 100 ms; at a 10 s cycle it starts but regulates poorly (17–20 K·h of supply
 * deviation against 1.45, BENCHMARKS.md); at 30 s its start sequence's timers no longer fit and it never leaves
 * Starting. The CO2 plant sub-steps at 0.1 s inside steps up to 0.1 s and at the step itself up to 1 s at coarser
 * steps ({@link Settings#plantSubstepFor}; at 1 s validated against 0.1 s, plant-models/co2-heat-pump/README.md).
 */
public final class Simulation {

    /**
     * What to run.
     *
     * @param stepS the plant step, s
     * @param scanS the controller's scan time, s: one controller cycle every {@code scanS / stepS} plant steps (a whole
     *              number ≥ 1); between scans the plant steps on the actuator values of the last scan, as it does on
     *              site behind a PLC with that scan. Equal to {@code stepS} (the default) is one cycle per step.
     * @param plantSubstepS the plant's largest internal step, s ({@link PlantModel#setMaxSubstepS}), or NaN for
     *              {@link #plantSubstepFor the default}: the model's own (0.1 s for the CO2 heat pump) at steps up to it,
     *              the step itself at coarser steps, capped at the largest sub-step the model was validated for
     */
    public record Settings(int weatherIndex, double startS, double hours, double stepS, long csvEveryMs, double scanS,
                           double plantSubstepS) {
        public Settings {
            if (weatherIndex < 0 || weatherIndex >= BuiltInWeather.count()) throw new IllegalArgumentException("weather series index " + weatherIndex);
            if (!(hours > 0)) throw new IllegalArgumentException("--hours must be > 0, was " + hours);
            if (!(stepS > 0) || stepS > 3600) throw new IllegalArgumentException("--step-s must be in (0, 3600], was " + stepS);
            if (Math.round(stepS * 1000) < 1) throw new IllegalArgumentException("--step-s must be at least 1 ms, was " + stepS);
            if (csvEveryMs < 1) throw new IllegalArgumentException("--every must be at least 1 ms");
            if (!(scanS > 0) || scanS > 3600) throw new IllegalArgumentException("--scan-s must be in (0, 3600], was " + scanS);
            long stepMs = Math.round(stepS * 1000), scanMs = Math.round(scanS * 1000);
            if (scanMs < stepMs || scanMs % stepMs != 0) {
                throw new IllegalArgumentException("--scan-s must be a whole multiple of --step-s (" + stepS + " s), was " + scanS);
            }
            if (!Double.isNaN(plantSubstepS) && !(plantSubstepS > 0)) {
                throw new IllegalArgumentException("--plant-substep-s must be > 0, was " + plantSubstepS);
            }
        }

        /** The plant's default sub-step for this step. */
        public Settings(int weatherIndex, double startS, double hours, double stepS, long csvEveryMs, double scanS) {
            this(weatherIndex, startS, hours, stepS, csvEveryMs, scanS, Double.NaN);
        }

        /** One controller cycle per plant step. */
        public Settings(int weatherIndex, double startS, double hours, double stepS, long csvEveryMs) {
            this(weatherIndex, startS, hours, stepS, csvEveryMs, stepS);
        }

        /**
         * The sub-step a run uses on a plant whose own default is {@code modelDefaultS} (NaN: the plant has none):
         * the explicit {@link #plantSubstepS} if set, else the model default at steps up to it, else the step up to
         * {@code validatedMaxS}. So 0.1 s steps keep the served plant's physics, and a study at 1 s steps integrates
         * the CO2 cycle at 1 s (validated against 0.1 s) instead of ten 0.1 s sub-steps.
         */
        public double plantSubstepFor(double modelDefaultS, double validatedMaxS) {
            if (Double.isNaN(modelDefaultS)) return Double.NaN;
            if (!Double.isNaN(plantSubstepS)) return plantSubstepS;
            return stepS <= modelDefaultS ? modelDefaultS : Math.min(stepS, validatedMaxS);
        }

        public long stepMs() { return Math.round(stepS * 1000); }

        public long steps() { return (long) Math.ceil(hours * 3600_000.0 / stepMs() - 1e-9); }

        /** Plant steps per controller scan (≥ 1). */
        public long stepsPerScan() { return Math.round(scanS * 1000) / stepMs(); }
    }

    /** Told of progress (done steps of total) from the loop thread, at most ~ every 0.5 % of the run. */
    public interface Progress {
        void update(long doneSteps, long totalSteps, long plantTimeMs);
    }

    /** The outputs written to the CSV when the plant has them, in this order. */
    static final List<String> CSV_SIGNALS = List.of(
            "weather.airTemperatureK", "weather.relativeHumidityRatio", "weather.irradianceWPerM2",
            "network.supplyTemperatureSetK", "hp.dhWater.inletTemperatureK", "hp.dhWater.outletTemperatureK",
            "hp.dhWater.massFlowKgPerS", "hp.gasCoolerPressurePa", "hp.suctionPressurePa", "hp.dischargeTemperatureK",
            "hp.heatFlowW", "hp.compressorPowerW", "hp.fanPowerW", "hp.cop", "hp.defrostHeatFlowW",
            "hp.airEvaporatorHeatFlowW", "hp.waterEvaporator.heatFlowW",
            "hp.compressor1.speedHz", "hp.compressor2.speedHz", "hp.compressor3.speedHz", "hp.compressor4.speedHz",
            "hp.airSection1.frostMassKg", "hp.airSection2.frostMassKg", "hp.airSection3.frostMassKg", "hp.airSection4.frostMassKg",
            "tank.sensor1TemperatureK", "tank.sensor6TemperatureK", "tank.storedEnergyJ",
            "solar.heatFlowW", "solar.collectorInletTemperatureK", "network.heatDemandW", "network.supplyTemperatureK",
            "network.unservedHeatW", "chp.heatFlowW");

    private final Rig rig;
    private final PlantModel plant;
    private final ControllerConfig controllerConfig;
    private final PlantLoopsConfig loops;
    private double plantSeconds = Double.NaN;
    /** The plant's own sub-step, as constructed (a run may coarsen it; the next run starts from this again). */
    private final double plantDefaultSubstepS;
    private double lastSubstepS = Double.NaN;

    // ------------------------------------------------------------------ paced, followed by the live console
    private Pacing pacing = Pacing.unpaced();
    private final io.hilbench.runtime.TimingLog timing = new io.hilbench.runtime.TimingLog();
    /** The table the next run closes the loop through (made early so a console can list its points), then the run's. */
    private PointTable table;
    private volatile long livePlantTimeMs;
    private volatile long liveStep;
    private volatile String liveState;
    private volatile boolean liveRunning;
    private volatile boolean stopRequested;

    /** A study with the reference controller's tank-charging strategy on ({@link TankChargingConfig}). */
    public Simulation(Rig rig, PlantModel plant, ControllerConfig controllerConfig) {
        this(rig, plant, controllerConfig, PlantLoopsConfig.defaults().withTankCharging(TankChargingConfig.defaults().on()));
    }

    /**
     * @param loops the reference controller's plant-loop settings; a study normally runs with the tank-charging strategy
     *              on (a year without it runs the heat pump 8,760 h and mostly draws its own heat back from the tank)
     */
    public Simulation(Rig rig, PlantModel plant, ControllerConfig controllerConfig, PlantLoopsConfig loops) {
        this.rig = rig;
        this.plant = plant;
        this.controllerConfig = controllerConfig;
        this.loops = loops;
        this.plantDefaultSubstepS = plant.maxSubstepS();
    }

    /**
     * Paces the next runs (issue #16 item 1, {@code bench simulate --pace}): plant step N+1 is not begun before
     * {@code start + (N+1)·step/factor} of wall time (absolute deadlines, so no drift, as the emulator paces), and
     * each step's lateness against its deadline is kept in {@link #timingLog()}. {@link Pacing#unpaced()} (the default)
     * runs flat out; lockstep has no meaning without a controller on a wire and is refused.
     */
    public Simulation pace(Pacing p) {
        if (p.kind() == Pacing.Kind.LOCKSTEP) throw new IllegalArgumentException("--pace lockstep: a study has no controller on a wire to wait for; use realtime or accelerated:K");
        this.pacing = p;
        return this;
    }

    public Pacing pacing() { return pacing; }

    /** Lateness per step of a paced run (bounded: the newest 100,000 steps at least). */
    public io.hilbench.runtime.TimingLog timingLog() { return timing; }

    /** The point table the loop is closed through: the next run's until it starts, then the running (or last) run's. */
    public synchronized PointTable liveTable() {
        if (table == null) table = new PointTable(rig.points(), plant.catalogue());
        return table;
    }

    /** Plant time of the step the loop reached last. */
    public long livePlantTimeMs() { return livePlantTimeMs; }

    public long liveStep() { return liveStep; }

    /** The reference controller's state by name as of its last scan, or null before the first. */
    public String liveControllerState() { return liveState; }

    public boolean running() { return liveRunning; }

    /** Ends the running study after the step under way (its KPIs and CSV cover the steps run). */
    public void requestStop() { stopRequested = true; }

    /** Wall seconds the last {@link #run} spent inside {@code plant.step} (the rest is the controller, the table, CSV and KPIs). */
    public double lastPlantSeconds() { return plantSeconds; }

    /** The plant's internal sub-step of the last {@link #run}, s (NaN: the plant has none). */
    public double lastPlantSubstepS() { return lastSubstepS; }

    /** One step's snapshot as the frame the table publishes: truth, all GOOD (a study has no sensor faults). */
    private record Frame(long step, PlantSnapshot s) implements SignalFrame {
        @Override public long plantTimeMs() { return s.plantTimeMs(); }

        @Override public double value(int outputIndex) { return s.output(outputIndex); }

        @Override public Quality quality(int outputIndex) { return Quality.GOOD; }
    }

    /**
     * The controller side of the loop, closed through the rig's point table: one controller scan ({@link #scan}: the
     * table publishes the step, the controller reads, cycles and commits with the Ack) and the plant's sampling of the
     * actuators ({@link #sample}). Public so that the benchmark harness times exactly this path without the plant.
     */
    public static final class ControllerPath implements AutoCloseable {
        private static final PlantIo.BenchStatus STATUS = new PlantIo.BenchStatus(Pacing.Kind.LOCKSTEP, false);
        private final ControllerConfig config;
        private final TablePlantIo plantIo;
        private final InProcessControllerIo io;
        private final ReferenceController controller;
        private final int setOut;
        private int heartbeat;

        public ControllerPath(Rig rig, SignalCatalogue cat, ControllerConfig config) {
            this(rig, cat, config, PlantLoopsConfig.defaults());
        }

        public ControllerPath(Rig rig, SignalCatalogue cat, ControllerConfig config, PlantLoopsConfig loops) {
            this(rig, new PointTable(rig.points(), cat), cat, config, loops);
        }

        /** Through a given table (one a console follows). */
        public ControllerPath(Rig rig, PointTable table, SignalCatalogue cat, ControllerConfig config, PlantLoopsConfig loops) {
            this.config = config;
            this.plantIo = new TablePlantIo(table, cat);
            this.io = new InProcessControllerIo(table);
            io.open();
            this.controller = ReferenceController.forPlant(config, loops, Optional.empty(), rig.points());
            this.setOut = cat.outputIndex("network.supplyTemperatureSetK");
        }

        public ReferenceController controller() { return controller; }

        /**
         * Controller scan at plant step {@code n} on snapshot {@code s}: the supply set-point follows the plant's weather
         * curve when it publishes one; the start command goes with step 0.
         */
        public void scan(long n, PlantSnapshot s) {
            // between scans nothing reads the table, so the step is published only here
            plantIo.publish(new Frame(n, s), STATUS);
            double setDegC = setOut >= 0 && Double.isFinite(s.output(setOut)) ? Units.kToDegC(s.output(setOut))
                    : config.supplyTemperatureSetDefaultDegC();
            Commands cmd = n == 0 ? Commands.none(setDegC).withStart() : Commands.none(setDegC);
            try {
                Inputs in = io.read();
                Outputs out = controller.cycle(in, cmd);
                heartbeat = (heartbeat + 1) & 0xFFFF;
                io.commit(out, heartbeat, in.step());
            } catch (ControllerIoException e) {
                throw new IllegalStateException("in-process controller I/O failed at step " + n + ": " + e.getMessage(), e);
            }
        }

        /** The plant inputs the actuators command now (SI), {@code external} where no actuator is bound. */
        public double[] sample(double[] external) {
            return plantIo.sample(external, false).inputsSi();
        }

        @Override
        public void close() { io.close(); }
    }

    /**
     * Runs the study, writes the decimated CSV to {@code csvOut} (closed at the end) and returns the KPIs.
     *
     * @param progress told of progress, or null
     */
    public Kpis run(Settings settings, Writer csvOut, Progress progress) throws IOException {
        SignalCatalogue cat = plant.catalogue();
        PointTable runTable;
        synchronized (this) {
            runTable = liveTable();   // this run's; the next run makes a fresh one (a table keeps its actuators' last values)
        }
        ControllerPath path = new ControllerPath(rig, runTable, cat, controllerConfig, loops);
        ReferenceController controller = path.controller();

        lastSubstepS = settings.plantSubstepFor(plantDefaultSubstepS, plant.largestValidatedSubstepS());
        if (!Double.isNaN(lastSubstepS)) {
            plant.setMaxSubstepS(lastSubstepS);
        } else if (!Double.isNaN(settings.plantSubstepS())) {
            throw new IllegalArgumentException("--plant-substep-s: the plant " + plant.getClass().getSimpleName() + " has no internal sub-step");
        }
        plant.reset(rig.seed());
        double[] external = plant.defaultInputs().values();
        WeatherSeries series = BuiltInWeather.byIndex(settings.weatherIndex());
        WeatherSeries.Cursor cursor = null;
        int inSeries = cat.inputIndex("weather.seriesIndex"), inStart = cat.inputIndex("weather.seriesStartS");
        int inAir = cat.inputIndex("weather.airTemperatureK"), inRh = cat.inputIndex("weather.relativeHumidityRatio"),
                inIrr = cat.inputIndex("weather.irradianceWPerM2");
        if (inSeries >= 0) {
            external[inSeries] = settings.weatherIndex();
            if (inStart >= 0) external[inStart] = settings.startS();
        } else {
            cursor = series.cursor();
        }

        List<String> headers = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (String name : CSV_SIGNALS) {
            int i = cat.outputIndex(name);
            if (i < 0) continue;
            columns.add(i);
            headers.add(name + SiUnitSuffix.bracket(name));
        }
        int[] csvIndex = columns.stream().mapToInt(Integer::intValue).toArray();
        double[] row = new double[csvIndex.length];
        KpiAccumulator kpi = new KpiAccumulator(cat.outputs());
        long stepMs = settings.stepMs();
        double dtS = stepMs / 1000.0;
        long total = settings.steps();
        long stepsPerScan = settings.stepsPerScan();
        long reportEvery = Math.max(1, total / 200);

        long t0 = System.nanoTime();
        long plantNanos = 0;
        boolean paced = pacing.paced();
        double stepNsPaced = paced ? stepMs * 1e6 / pacing.factor() : 0;
        timing.clear();
        timing.retainLatest(100_000);
        stopRequested = false;
        liveRunning = true;
        try (DecimatedCsv csv = new DecimatedCsv(csvOut, headers, "controllerState", settings.csvEveryMs())) {
            PlantSnapshot s = plant.snapshot();
            for (long n = 0; ; n++) {
                kpi.accept(s.plantTimeMs(), s::output);
                if (csv.due(s.plantTimeMs())) {
                    for (int k = 0; k < csvIndex.length; k++) row[k] = s.output(csvIndex[k]);
                    csv.offer(s.plantTimeMs(), row, controller.state().label());
                }
                if (progress != null && (n % reportEvery == 0 || n == total)) progress.update(n, total, s.plantTimeMs());
                livePlantTimeMs = s.plantTimeMs();
                liveStep = n;
                if (n == total || stopRequested) break;

                if (n % stepsPerScan == 0) {
                    path.scan(n, s);
                    liveState = controller.state().label();
                }
                if (cursor != null) {
                    cursor.at(settings.startS() + s.plantTimeMs() / 1000.0);
                    if (inAir >= 0) external[inAir] = cursor.airTemperatureK();
                    if (inRh >= 0) external[inRh] = cursor.relativeHumidityRatio();
                    if (inIrr >= 0) external[inIrr] = cursor.globalHorizontalWPerM2();
                }
                double[] inputsSi = path.sample(external);
                long p0 = System.nanoTime();
                s = plant.step(dtS, new PlantInputs(inputsSi));
                long p1 = System.nanoTime();
                plantNanos += p1 - p0;
                if (paced) {
                    // step N+1 is begun at its absolute deadline at the earliest; late when the machine could not keep up
                    long deadline = t0 + Math.round((n + 1) * stepNsPaced);
                    long now = p1;
                    while (now < deadline && !stopRequested) {
                        java.util.concurrent.locks.LockSupport.parkNanos(Math.min(deadline - now, 50_000_000L));
                        now = System.nanoTime();
                    }
                    timing.appendPaced(n, now - t0, now - deadline, p1 - p0);
                }
            }
        } finally {
            path.close();
            liveRunning = false;
            synchronized (this) {
                table = null;
            }
        }
        double wallS = (System.nanoTime() - t0) / 1e9;
        plantSeconds = plantNanos / 1e9;
        return kpi.kpis(wallS);
    }
}
