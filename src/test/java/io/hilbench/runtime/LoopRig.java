package io.hilbench.runtime;

import io.hilbench.plant.FixtureHeatPump;
import io.hilbench.points.Binding;
import io.hilbench.points.Codec;
import io.hilbench.points.EngineeringUnit;
import io.hilbench.points.Failsafe;
import io.hilbench.points.ModbusAddress;
import io.hilbench.points.OpcUaType;
import io.hilbench.points.OutOfRangePolicy;
import io.hilbench.points.PointAccessException;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;
import io.hilbench.points.PointTable;
import io.hilbench.points.PointWrite;
import io.hilbench.points.TablePlantIo;

import java.util.ArrayList;
import java.util.List;

/**
 * A small rig for loop tests: the first plant, a point table with the handshake points, a few sensors and
 * actuators (with the failsafe rules the watchdog test checks), and the {@link TablePlantIo} over it.
 */
final class LoopRig {
    final FixtureHeatPump plant = new FixtureHeatPump();
    final PointTable table;
    final TablePlantIo io;
    final LinkFaultState links = new LinkFaultState();

    LoopRig() {
        this(true);
    }

    LoopRig(boolean withHeartbeat) {
        List<PointDefinition> p = new ArrayList<>();
        p.add(point("PT-202", PointKind.SENSOR, "bar", "1:ir:0:float32", 1, 0, 160, Failsafe.HOLD, "plant.hp.gasCoolerPressurePa"));
        p.add(point("TT-272", PointKind.SENSOR, "degC", "1:ir:2:float32", 1, 0, 100, Failsafe.HOLD, "plant.hp.dhWater.outletTemperatureK"));
        p.add(point("FT-271", PointKind.SENSOR, "m3/h", "1:ir:4:float32", 1, 0, 100, Failsafe.HOLD, "plant.hp.dhWater.flowM3PerS"));
        p.add(point("C-211.Enable", PointKind.ACTUATOR, "", "1:coil:0:bool", 1, Double.NaN, Double.NaN, Failsafe.ZERO, "input.hp.compressor1.enable"));
        p.add(point("P-271.Run", PointKind.ACTUATOR, "", "1:coil:1:bool", 1, Double.NaN, Double.NaN, Failsafe.HOLD, "input.hp.dhPump.enable"));
        p.add(point("C-211.SpeedSet", PointKind.ACTUATOR, "Hz", "1:hr:0:uint16", 0.1, 0, 70, Failsafe.ZERO, "input.hp.compressor1.speedSetHz"));
        p.add(point("HV-221.OpeningSet", PointKind.ACTUATOR, "%", "1:hr:1:uint16", 0.1, 0, 100, Failsafe.HOLD, "input.hp.hpValve.openingSetRatio"));
        p.add(point("P-271.SpeedSet", PointKind.ACTUATOR, "%", "1:hr:2:uint16", 0.1, 0, 100, new Failsafe(Failsafe.Mode.VALUE, 30), "input.hp.dhPump.speedSetRatio"));
        if (withHeartbeat) p.add(point("BENCH.Heartbeat", PointKind.BENCH, "", "1:hr:3:uint16", 1, Double.NaN, Double.NaN, Failsafe.HOLD, "bench.heartbeat"));
        p.add(point("BENCH.Ack", PointKind.BENCH, "", "1:hr:4:uint32", 1, Double.NaN, Double.NaN, Failsafe.HOLD, "bench.ack"));
        p.add(point("BENCH.Step", PointKind.BENCH, "", "1:ir:100:uint32", 1, Double.NaN, Double.NaN, Failsafe.HOLD, "bench.step"));
        p.add(point("BENCH.PlantTimeMs", PointKind.BENCH, "ms", "1:ir:102:uint64", 1, Double.NaN, Double.NaN, Failsafe.HOLD, "bench.plantTimeMs"));
        p.add(point("BENCH.Mode", PointKind.BENCH, "", "1:ir:106:uint16", 1, Double.NaN, Double.NaN, Failsafe.HOLD, "bench.mode"));
        p.add(point("BENCH.WatchdogTripped", PointKind.BENCH, "", "1:di:0:bool", 1, Double.NaN, Double.NaN, Failsafe.HOLD, "bench.watchdogTripped"));
        table = new PointTable(p, plant.catalogue());
        io = new TablePlantIo(table, plant.catalogue());
    }

    private static PointDefinition point(String tag, PointKind kind, String unit, String modbus, double scale, double min, double max,
                                         Failsafe failsafe, String binding) {
        ModbusAddress a = ModbusAddress.parse(modbus);
        return new PointDefinition(tag, tag, kind, EngineeringUnit.parse(unit), a, scale, 0.0, "Test",
                OpcUaType.defaultFor(a.type(), scale != 1.0), min, max, 0, "", OutOfRangePolicy.REJECT, failsafe,
                Codec.defaultBadRaw(a.type()), Binding.parse(binding), "loop-rig.csv", 1);
    }

    Emulator emulator(EmulatorConfig config) {
        return new Emulator(plant, io, config, links);
    }

    int index(String tag) {
        int i = table.indexOf(tag);
        if (i < 0) throw new IllegalArgumentException("no point " + tag);
        return i;
    }

    double value(String tag) {
        return table.state().value(index(tag));
    }

    PointWrite write(String tag, double value) {
        return PointWrite.of(index(tag), value);
    }

    void writeAll(List<PointWrite> writes) {
        try {
            table.write(writes, "test controller");
        } catch (PointAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
