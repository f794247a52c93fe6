package io.hilbench.console;

import io.hilbench.points.PointTable;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.Recorder;
import io.hilbench.runtime.TimingLog;
import io.hilbench.runtime.faults.SensorFault;

import java.util.HashSet;
import java.util.Set;

/**
 * What the live console shows, from whichever loop runs the plant: a served bench ({@link #of(BenchAssembly)}:
 * {@code bench serve}, {@code bench run}) or a paced study ({@code bench simulate --pace}, whose loop implements this
 * itself). Every method is called from the console's threads while the loop runs, so each returns what the loop
 * published last without holding the loop.
 */
public interface LiveSource {
    String rigName();

    String site();

    /** The Modbus endpoint served, or a phrase saying there is none (a study has no wire). */
    String modbusEndpoint();

    String opcuaEndpoint();

    long stepMs();

    /** The rig's point table; its {@link PointTable#liveState()} is what the page shows. */
    PointTable table();

    long plantTimeMs();

    long step();

    /** RUNNING, STOPPED, … (the page prints it lower-case). */
    String status();

    /** The pacing as the command line spells it ({@code realtime}, {@code accelerated:20}, {@code lockstep}). */
    String pace();

    boolean watchdogTripped();

    /** Per-step lateness (paced modes); never null. */
    TimingLog timingLog();

    /** Plant outputs with a sensor fault active at {@code plantTimeMs}. */
    Set<String> faultedOutputs(long plantTimeMs);

    /** The run's trace recorder (events, the controller's columns), or null when the loop keeps none (a study). */
    Recorder recorder();

    /** Changes when a new run begins (a new scenario's emulator): the console then starts its event list afresh. */
    Object runIdentity();

    /** Without a recorder: the controller's state by name as the loop saw it last, or null. */
    default String controllerStateLabel() { return null; }

    /** A served bench: its emulator, point table, endpoints and recorder. */
    static LiveSource of(BenchAssembly bench) {
        return new LiveSource() {
            @Override public String rigName() { return bench.rig().name(); }
            @Override public String site() { return bench.rig().site(); }
            @Override public String modbusEndpoint() { return bench.modbusEndpoint(); }
            @Override public String opcuaEndpoint() { return bench.opcuaEndpoint(); }
            @Override public long stepMs() { return bench.emulator().config().stepMs(); }
            @Override public PointTable table() { return bench.table(); }
            @Override public long plantTimeMs() { return bench.emulator().plantTimeMs(); }
            @Override public long step() { return bench.emulator().step(); }
            @Override public String status() { return bench.emulator().status().state().name(); }
            @Override public String pace() { return bench.emulator().config().pacing().toString(); }
            @Override public boolean watchdogTripped() { return bench.emulator().watchdogTripped(); }
            @Override public TimingLog timingLog() { return bench.emulator().timingLog(); }
            @Override public Recorder recorder() { return bench.emulator().recorder(); }
            @Override public Object runIdentity() { return bench.emulator(); }

            @Override
            public Set<String> faultedOutputs(long plantTimeMs) {
                Emulator e = bench.emulator();
                Set<String> out = new HashSet<>();
                for (SensorFault f : e.sensorFaults()) if (f.activeAt(plantTimeMs)) out.add(f.output());
                return out;
            }
        };
    }
}
