package io.hilbench.controller;

import io.hilbench.Units;
import io.hilbench.plant.FirstHeatPumpPlant;
import io.hilbench.plant.PlantInputs;
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
import java.util.ArrayList;
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
               boolean reliefOpen, double hpValveSetPct, ControllerState state) {
        boolean anyCommanded() {
            for (int c = 0; c < enabled.length; c++) if (enabled[c] || speedSetHz[c] > 0) return true;
            return false;
        }

        boolean anyTrip() { return hpSwitchTripped || flowSwitchTripped || reliefOpen; }
    }

    /** One frame of plant outputs, all GOOD (no sensor fault in these runs). */
    private record Frame(long step, long plantTimeMs, double[] values) implements SignalFrame {
        @Override
        public double value(int outputIndex) { return values[outputIndex]; }

        @Override
        public Quality quality(int outputIndex) { return Quality.GOOD; }
    }

    final Rig rig;
    final FirstHeatPumpPlant plant = new FirstHeatPumpPlant();
    final SignalCatalogue catalogue = plant.catalogue();
    final PointTable table;
    final TablePlantIo plantIo;
    final InProcessControllerIo io;
    final ReferenceController controller;
    final int compressors;
    final List<Row> trace = new ArrayList<>();
    private final double[] external;
    private final int outSupply, outGasCooler, outMassFlow, outHpTrip, outFlowTrip, outRelief, outFlowLow;
    private final int[] outSpeed;
    private long step;
    private PlantSnapshot snapshot;
    private int heartbeat;

    ClosedLoop(ControllerConfig config, double airDegC, double returnDegC) {
        try {
            rig = RigLoader.loadDefault(Path.of("rigs/solrod"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        table = new PointTable(rig.points(), catalogue);
        plantIo = new TablePlantIo(table, catalogue);
        io = new InProcessControllerIo(table);
        io.open();
        controller = ReferenceController.forPlant(config, Optional.empty(), rig.points());
        compressors = controller.compressorCount();
        external = plant.defaultInputs().values();
        setExternal("weather.airTemperatureK", Units.degCToK(airDegC));
        setExternal("weather.relativeHumidityRatio", 0.9);
        setExternal("network.returnTemperatureK", Units.degCToK(returnDegC));
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

    /** One controller cycle and one plant step. */
    Row cycle(Commands commands) {
        table.publish(new Frame(step, snapshot.plantTimeMs(), snapshot.outputs()), Map.of());
        Inputs in = io.read();
        Outputs out = controller.cycle(in, commands);
        try {
            io.commit(out, ++heartbeat, step);
        } catch (ControllerIoException e) {
            throw new IllegalStateException("the plant table refused the controller's outputs", e);
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
                out.value(PlantTags.P271_SPEED_SET), snapshot.output(outMassFlow) / plant.parameters().dhMassFlowNominalKgPerS(),
                snapshot.output(outFlowLow) != 0, snapshot.output(outHpTrip) != 0, snapshot.output(outFlowTrip) != 0, snapshot.output(outRelief) != 0,
                out.value(PlantTags.HV221_OPENING_SET), controller.state());
        trace.add(r);
        return r;
    }

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
