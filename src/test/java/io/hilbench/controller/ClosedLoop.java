package io.hilbench.controller;

import io.hilbench.Units;
import io.hilbench.plant.FixtureHeatPump;
import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;
import io.hilbench.points.PointTable;
import io.hilbench.points.TablePlantIo;
import io.hilbench.rig.ControllerState;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.PlantIo;
import io.hilbench.runtime.Quality;
import io.hilbench.runtime.SignalFrame;

import java.nio.file.Path;
import io.hilbench.points.BenchVariable;
import io.hilbench.rig.AlarmMeaning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference controller closing the loop around the first plant in one thread, without network: the Solrød point
 * map's {@link PointTable} carries the plant's outputs to the controller ({@link InProcessControllerIo}, units by the
 * rig's bindings) and the controller's actuators back to the plant ({@link TablePlantIo#sample}, the same path the
 * step loop takes). One {@link #cycle} = publish step N, the controller reads, computes, commits with Ack = N, the
 * plant steps {@value #STEP_S} s. The test side may use the plant (the ArchUnit rule covers main code only); the
 * controller still sees only its points.
 *
 * <p>Each cycle appends a {@link Row} of plant truth and of what the controller commanded, for the assertions.
 */
final class ClosedLoop {
    static final double STEP_S = 0.1;

    /** One step of the trace: plant truth after the step, and what the controller commanded for it. */
    record Row(double timeS, double supplyDegC, double gasCoolerBar, double[] speedHz, double[] speedSetHz, boolean[] enabled,
               double pumpSpeedSetPct, double flowRatio, boolean flowLow, boolean hpSwitchTripped, boolean flowSwitchTripped,
               boolean reliefOpen, double hpValveSetPct, ControllerState state, Set<AlarmMeaning> alarms, boolean pumpRunCommanded) {
        boolean anyCommanded() {
            for (int c = 0; c < enabled.length; c++) if (enabled[c] || speedSetHz[c] > 0) return true;
            return false;
        }

        boolean anyTrip() { return hpSwitchTripped || flowSwitchTripped || reliefOpen; }
    }

    /** One frame of plant outputs; GOOD but for the outputs a test made BAD ({@link #sensorQuality}). */
    private record Frame(long step, long plantTimeMs, double[] values, Quality[] qualities) implements SignalFrame {
        @Override
        public double value(int outputIndex) { return values[outputIndex]; }

        @Override
        public Quality quality(int outputIndex) { return qualities[outputIndex]; }
    }

    final Rig rig;
    final PlantModel plant;
    final SignalCatalogue catalogue;
    /** The plant's nominal DH mass flow, kg/s (the trace's flow ratio is over it). */
    private final double dhNominalKgPerS;
    final PointTable table;
    final TablePlantIo plantIo;
    final ControllerIo io;
    final ReferenceController controller;
    final int compressors;
    final List<Row> trace = new ArrayList<>();
    private final double[] external;
    private final int outSupply, outGasCooler, outMassFlow, outHpTrip, outFlowTrip, outRelief, outFlowLow;
    private final int[] outSpeed;
    private long step;
    private PlantSnapshot snapshot;
    private int heartbeat;

    private final Map<Integer, Quality> qualityOverride = new HashMap<>();
    private final Map<Integer, Double> valueOverride = new HashMap<>();
    private final Map<Integer, Double> offsetOverride = new HashMap<>();

    ClosedLoop(ControllerConfig config, double airDegC, double returnDegC) {
        this(config, Optional.empty(), airDegC, returnDegC);
    }

    ClosedLoop(ControllerConfig config, Optional<Variant> variant, double airDegC, double returnDegC) {
        this(config, variant, airDegC, returnDegC, InProcessControllerIo::new);
    }

    /**
     * The loop runs the first, fast plant (the controller's own tests); the Solrød map also binds what only the served
     * whole plant computes (session 2: tank nodes, trip reason, frost per section…), which the first plant does not
     * offer and the controller does not read. Those points are left out here.
     */
    static java.util.List<io.hilbench.points.PointDefinition> offeredBy(java.util.List<io.hilbench.points.PointDefinition> points, SignalCatalogue c) {
        return points.stream().filter(p -> switch (p.binding().source()) {
            case PLANT -> c.outputIndex(p.binding().name()) >= 0;
            case INPUT -> c.inputIndex(p.binding().name()) >= 0;
            default -> true;
        }).toList();
    }

    /** @param ioFactory the controller's plant I/O over the loop's point table (in-process, or a protocol server over it) */
    ClosedLoop(ControllerConfig config, Optional<Variant> variant, double airDegC, double returnDegC,
               java.util.function.Function<PointTable, ControllerIo> ioFactory) {
        this(new FixtureHeatPump(), FixtureHeatPump.DH_NOMINAL_KG_PER_S, config, firstPlantLoops(config.compressorMaxHz()), variant, ioFactory,
                Map.of("weather.airTemperatureK", Units.degCToK(airDegC), "weather.relativeHumidityRatio", 0.9,
                        "network.returnTemperatureK", Units.degCToK(returnDegC)));
    }

    /**
     * The first plant does not model the water evaporator (it evaporates on the air whatever the source valves say,
     * with a 35 °C tank the controller takes for a source): the tank source's speed ceiling, sized for the CO2 plant's
     * gas cooler on the tank's denser suction ({@link SourceConfig#tankSourceMaxHz()}), would cap an air-source plant.
     * The loop runs it at the VFD maximum, as before the ceiling; everything else is the defaults.
     */
    private static PlantLoopsConfig firstPlantLoops(double compressorMaxHz) {
        PlantLoopsConfig d = PlantLoopsConfig.defaults();
        SourceConfig s = d.source();
        return d.withSource(new SourceConfig(s.tankBottomTag(), s.tankMinDegC(), s.tankEnterDegC(), s.tankAdvantageK(), s.solarNeedWPerM2(), s.overlapS(),
                s.minDwellS(), s.tankPumpSpeedPct(), s.tankPumpMinPct(), s.tankPumpOverrunS(), s.tankPumpProofS(), compressorMaxHz));
    }

    /**
     * Any plant model (e.g. {@code new SolrodPlant(new Co2HeatPumpPlant())}) with the given external inputs (SI, by
     * catalogue input name) set before the plant's reset.
     *
     * @param dhNominalKgPerS the plant's nominal DH mass flow, for the trace's flow ratio
     */
    ClosedLoop(PlantModel plant, double dhNominalKgPerS, ControllerConfig config, Optional<Variant> variant,
               java.util.function.Function<PointTable, ControllerIo> ioFactory, Map<String, Double> externals) {
        this(plant, dhNominalKgPerS, config, PlantLoopsConfig.defaults(), variant, ioFactory, externals);
    }

    ClosedLoop(PlantModel plant, double dhNominalKgPerS, ControllerConfig config, PlantLoopsConfig loops, Optional<Variant> variant,
               java.util.function.Function<PointTable, ControllerIo> ioFactory, Map<String, Double> externals) {
        this.plant = plant;
        this.catalogue = plant.catalogue();
        this.dhNominalKgPerS = dhNominalKgPerS;
        try {
            rig = RigLoader.loadDefault(Path.of("rigs/solrod"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        table = new PointTable(offeredBy(rig.points(), catalogue), catalogue);
        plantIo = new TablePlantIo(table, catalogue);
        io = ioFactory.apply(table);
        try {
            io.open();
        } catch (ControllerIoException e) {
            throw new IllegalStateException(e);
        }
        controller = ReferenceController.forPlant(config, loops, variant, rig.points());
        compressors = controller.compressorCount();
        external = plant.defaultInputs().values();
        externals.forEach(this::setExternal);
        plant.reset(0);
        snapshot = plant.snapshot();
        outSupply = out("hp.dhWater.outletTemperatureK");
        outGasCooler = out("hp.gasCoolerPressurePa");
        outMassFlow = out("hp.dhWater.massFlowKgPerS");
        outHpTrip = out("hp.safety.hpSwitchTripped");
        outFlowTrip = out("hp.safety.flowSwitchTripped");
        outRelief = out("hp.safety.reliefValveOpen");
        outFlowLow = out("hp.dhWater.flowLow");
        outSpeed = new int[compressors];
        for (int c = 0; c < compressors; c++) outSpeed[c] = out("hp.compressor" + (c + 1) + ".speedHz");
    }

    private int out(String name) {
        int i = catalogue.outputIndex(name);
        if (i < 0) throw new IllegalStateException("plant has no output " + name);
        return i;
    }

    /** An external plant input (weather, network, physical fault), SI. */
    void setExternal(String name, double si) {
        int i = catalogue.inputIndex(name);
        if (i < 0) throw new IllegalStateException("plant has no input " + name);
        external[i] = si;
    }

    double timeS() { return step * STEP_S; }

    /** A sensor fault at the plant's output (SI): its quality as published to the point table (BAD: NaN on Modbus). */
    void sensorQuality(String outputName, Quality q) {
        if (q == Quality.GOOD) qualityOverride.remove(out(outputName));
        else qualityOverride.put(out(outputName), q);
    }

    /** A sensor stuck at an SI value (e.g. out of range), or its true value again with NaN. */
    void sensorValue(String outputName, double si) {
        if (Double.isNaN(si)) valueOverride.remove(out(outputName));
        else valueOverride.put(out(outputName), si);
    }

    /**
     * A standing offset on a sensor at the plant's output (SI), added to its true value as published, as the rig's
     * sensor corners do (sensors-high / sensors-low: +1 / −1 × the point's accuracy class); 0 removes it.
     */
    void sensorOffset(String outputName, double si) {
        if (si == 0) offsetOverride.remove(out(outputName));
        else offsetOverride.put(out(outputName), si);
    }

    /** The plant's own reset of its latched safety chain (HP switch, flow switch), as an operator on site. */
    List<String> resetPlantTrips() { return plant.resetLatchedTrips(); }

    /**
     * The I/O link lost for {@code seconds} of plant time: the controller is told (as its runner would be, on its
     * first failed request) and runs no cycle; after {@code watchdogS} the plant's I/O watchdog puts the actuators at
     * their fail-safe values (compressors zero, P-271 and HV-221 hold). The first cycle after shows
     * BENCH.WatchdogTripped, as the plant does until the heartbeat changes. Rows during the loss carry what the plant
     * applied, not a command.
     */
    void linkDown(double seconds, double watchdogS) {
        controller.linkLost("test: link blackholed");
        long steps = Math.round(seconds / STEP_S);
        for (long i = 0; i < steps; i++) {
            boolean failsafe = i * STEP_S >= watchdogS;
            publish(failsafe);
            PlantIo.Sample sample = plantIo.sample(external, failsafe);
            snapshot = plant.step(STEP_S, new PlantInputs(sample.inputsSi()));
            step++;
            double[] speed = new double[compressors];
            for (int c = 0; c < compressors; c++) speed[c] = snapshot.output(outSpeed[c]);
            trace.add(new Row(timeS(), Units.kToDegC(snapshot.output(outSupply)), Units.paToBar(snapshot.output(outGasCooler)), speed,
                    new double[compressors], new boolean[compressors], Double.NaN,
                    snapshot.output(outMassFlow) / dhNominalKgPerS, snapshot.output(outFlowLow) != 0,
                    snapshot.output(outHpTrip) != 0, snapshot.output(outFlowTrip) != 0, snapshot.output(outRelief) != 0, Double.NaN,
                    controller.state(), controller.alarms(), false));
        }
        watchdogShown = true;
    }

    private boolean watchdogShown;

    private void publish(boolean watchdogTripped) {
        double[] values = snapshot.outputs().clone();
        Quality[] q = new Quality[values.length];
        java.util.Arrays.fill(q, Quality.GOOD);
        offsetOverride.forEach((i, v) -> values[i] += v);
        valueOverride.forEach((i, v) -> values[i] = v);
        qualityOverride.forEach((i, v) -> q[i] = v);
        table.publish(new Frame(step, snapshot.plantTimeMs(), values, q),
                watchdogTripped ? Map.of(BenchVariable.WATCHDOG_TRIPPED, 1.0) : Map.of(BenchVariable.WATCHDOG_TRIPPED, 0.0));
    }

    /** One controller cycle and one plant step. */
    Row cycle(Commands commands) {
        publish(watchdogShown);
        watchdogShown = false;
        Inputs in;
        Outputs out;
        try {
            in = io.read();
            out = controller.cycle(in, commands);
            lastOutputs = out;
            io.commit(out, ++heartbeat, step);
        } catch (ControllerIoException e) {
            throw new IllegalStateException("the controller's plant I/O failed", e);
        }
        PlantIo.Sample sample = plantIo.sample(external, false);
        snapshot = plant.step(STEP_S, new PlantInputs(sample.inputsSi()));
        step++;
        double[] speed = new double[compressors];
        double[] speedSet = new double[compressors];
        boolean[] enabled = new boolean[compressors];
        for (int c = 0; c < compressors; c++) {
            speed[c] = snapshot.output(outSpeed[c]);
            speedSet[c] = out.value(PlantTags.compressorSpeedSet(c + 1));
            enabled[c] = out.isOn(PlantTags.compressorEnable(c + 1));
        }
        Row r = new Row(timeS(), Units.kToDegC(snapshot.output(outSupply)), Units.paToBar(snapshot.output(outGasCooler)), speed, speedSet, enabled,
                out.value(PlantTags.P271_SPEED_SET), snapshot.output(outMassFlow) / dhNominalKgPerS,
                snapshot.output(outFlowLow) != 0, snapshot.output(outHpTrip) != 0, snapshot.output(outFlowTrip) != 0, snapshot.output(outRelief) != 0,
                out.value(PlantTags.HV221_OPENING_SET), controller.state(), controller.alarms(), out.isOn(PlantTags.P271_RUN));
        trace.add(r);
        return r;
    }

    private Outputs lastOutputs = Outputs.builder().build();

    /** What the controller commanded in the last cycle. */
    Outputs lastOutputs() { return lastOutputs; }

    /** A plant output (SI, plant truth) of the last step, by catalogue name. */
    double output(String name) { return snapshot.output(out(name)); }

    /** Cycles for {@code seconds} of plant time with the given set-point and no command. */
    void run(double seconds, double supplySetDegC) {
        long steps = Math.round(seconds / STEP_S);
        for (long i = 0; i < steps; i++) cycle(Commands.none(supplySetDegC));
    }

    /** A compressor's runs in the trace: plant truth, [start, stop) times in s of each interval its speed was above 0. */
    List<double[]> runs(int compressor) {
        List<double[]> runs = new ArrayList<>();
        double start = Double.NaN;
        for (Row r : trace) {
            boolean on = r.speedHz()[compressor - 1] > 0;
            if (on && Double.isNaN(start)) start = r.timeS();
            if (!on && !Double.isNaN(start)) {
                runs.add(new double[] {start, r.timeS()});
                start = Double.NaN;
            }
        }
        if (!Double.isNaN(start)) runs.add(new double[] {start, Double.POSITIVE_INFINITY});
        return runs;
    }
}
