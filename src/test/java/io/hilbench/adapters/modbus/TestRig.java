package io.hilbench.adapters.modbus;

import io.hilbench.plant.SignalCatalogue;
import io.hilbench.points.Binding;
import io.hilbench.points.Codec;
import io.hilbench.points.EngineeringUnit;
import io.hilbench.points.Failsafe;
import io.hilbench.points.ModbusAddress;
import io.hilbench.points.OpcUaType;
import io.hilbench.points.OutOfRangePolicy;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;
import io.hilbench.points.PointTable;
import io.hilbench.runtime.Quality;
import io.hilbench.runtime.SignalFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A small point map built in code (the rig loader is not this package's business): two units, every area, the
 * types the Solrød map uses. Addresses are 0-based PDU addresses.
 *
 * <pre>
 * unit 1  ir 0-1   PT-202            float32 ABCD  bar   sensor   plant.pt202
 *         ir 2-3   TT-202            float32 CDAB  degC  sensor   plant.tt202
 *         ir 4-5   QT-501            int32         kW    sensor   plant.qt501
 *         ir 6     TT-101            int16 x0.1    degC  sensor   plant.tt101
 *         ir 7-10  BENCH.PlantTimeMs uint64        ms    bench    bench.plantTimeMs
 *         ir 11-12 BENCH.Step        uint32              bench    bench.step
 *         ir 13-16 ID.Model          string(8)           constant const.model  "HP-CO2"
 *         ir 17.0  PSHH-202          bool                status   plant.pshh202
 *         ir 17.3  FSL-271           bool                status   plant.fsl271
 *         hr 0     C-211.SpeedSet    uint16 x0.1   %     actuator input.c211speed   0..100
 *         hr 1-2   HV-221.OpeningSet float32 ABCD  %     actuator input.hv221       0..100
 *         hr 3-4   P-271.SpeedSet    float32 CDAB  %     actuator input.p271speed   0..100
 *         hr 5-6   BENCH.Ack         uint32              bench    bench.ack
 *         hr 7     BENCH.Heartbeat   uint16              bench    bench.heartbeat
 *         hr 8     BENCH.Mode        enum                bench    bench.mode (read-only)
 *         hr 9.0   C-211.Enable      bool                actuator input.c211enable
 *         hr 9.1   C-212.Enable      bool                actuator input.c212enable
 *         coil 0   C-211.Start       bool                actuator input.c211start
 *         coil 1   C-212.Start       bool                actuator input.c212start
 *         coil 2   XV-241.Open       bool                actuator input.xv241
 *         coil 3   PERM.EStopHealthy bool                constant const.estop (read-only)
 *         di 0     C-211.Running     bool                status   plant.c211running
 *         di 1     C-211.Fault       bool                status   plant.c211fault
 * unit 2  ir 0-1   TT-301            float32       degC  sensor   plant.tt301
 *         hr 0     XV-232.Set        uint16              actuator input.xv232       0..1000
 * </pre>
 */
final class TestRig {
    private TestRig() {}

    static final List<String> OUTPUTS = List.of("pt202", "tt202", "qt501", "tt101", "pshh202", "fsl271",
            "c211running", "c211fault", "tt301");
    static final List<String> INPUTS = List.of("c211speed", "hv221", "p271speed", "c211enable", "c212enable",
            "c211start", "c212start", "xv241", "xv232");

    static PointTable table() {
        List<PointDefinition> p = new ArrayList<>();
        p.add(point("PT-202", PointKind.SENSOR, EngineeringUnit.BAR, "1:ir:0:float32", 1, Double.NaN, Double.NaN, 0, "plant.pt202"));
        p.add(point("TT-202", PointKind.SENSOR, EngineeringUnit.DEG_C, "1:ir:2:float32:CDAB", 1, Double.NaN, Double.NaN, 0, "plant.tt202"));
        p.add(point("QT-501", PointKind.SENSOR, EngineeringUnit.KILOWATT, "1:ir:4:int32", 1, Double.NaN, Double.NaN, 0, "plant.qt501"));
        p.add(point("TT-101", PointKind.SENSOR, EngineeringUnit.DEG_C, "1:ir:6:int16", 0.1, Double.NaN, Double.NaN, 0, "plant.tt101"));
        p.add(point("BENCH.PlantTimeMs", PointKind.BENCH, EngineeringUnit.MILLISECOND, "1:ir:7:uint64", 1, Double.NaN, Double.NaN, 0, "bench.plantTimeMs"));
        p.add(point("BENCH.Step", PointKind.BENCH, EngineeringUnit.NONE, "1:ir:11:uint32", 1, Double.NaN, Double.NaN, 0, "bench.step"));
        p.add(withText(point("ID.Model", PointKind.CONSTANT, EngineeringUnit.NONE, "1:ir:13:string(8)", 1, Double.NaN, Double.NaN, 0, "const.model"), "HP-CO2"));
        p.add(point("PSHH-202", PointKind.STATUS, EngineeringUnit.NONE, "1:ir:17.0:bool", 1, Double.NaN, Double.NaN, 0, "plant.pshh202"));
        p.add(point("FSL-271", PointKind.STATUS, EngineeringUnit.NONE, "1:ir:17.3:bool", 1, Double.NaN, Double.NaN, 0, "plant.fsl271"));
        p.add(point("C-211.SpeedSet", PointKind.ACTUATOR, EngineeringUnit.PERCENT, "1:hr:0:uint16", 0.1, 0, 100, 0, "input.c211speed"));
        p.add(point("HV-221.OpeningSet", PointKind.ACTUATOR, EngineeringUnit.PERCENT, "1:hr:1:float32", 1, 0, 100, 10, "input.hv221"));
        p.add(point("P-271.SpeedSet", PointKind.ACTUATOR, EngineeringUnit.PERCENT, "1:hr:3:float32:CDAB", 1, 0, 100, 20, "input.p271speed"));
        p.add(point("BENCH.Ack", PointKind.BENCH, EngineeringUnit.NONE, "1:hr:5:uint32", 1, Double.NaN, Double.NaN, 0, "bench.ack"));
        p.add(point("BENCH.Heartbeat", PointKind.BENCH, EngineeringUnit.NONE, "1:hr:7:uint16", 1, Double.NaN, Double.NaN, 0, "bench.heartbeat"));
        p.add(point("BENCH.Mode", PointKind.BENCH, EngineeringUnit.NONE, "1:hr:8:enum(0=Lockstep,1=RealTime,2=Accelerated)", 1, Double.NaN, Double.NaN, 1, "bench.mode"));
        p.add(point("C-211.Enable", PointKind.ACTUATOR, EngineeringUnit.NONE, "1:hr:9.0:bool", 1, Double.NaN, Double.NaN, 0, "input.c211enable"));
        p.add(point("C-212.Enable", PointKind.ACTUATOR, EngineeringUnit.NONE, "1:hr:9.1:bool", 1, Double.NaN, Double.NaN, 0, "input.c212enable"));
        p.add(point("C-211.Start", PointKind.ACTUATOR, EngineeringUnit.NONE, "1:coil:0:bool", 1, Double.NaN, Double.NaN, 0, "input.c211start"));
        p.add(point("C-212.Start", PointKind.ACTUATOR, EngineeringUnit.NONE, "1:coil:1:bool", 1, Double.NaN, Double.NaN, 0, "input.c212start"));
        p.add(point("XV-241.Open", PointKind.ACTUATOR, EngineeringUnit.NONE, "1:coil:2:bool", 1, Double.NaN, Double.NaN, 0, "input.xv241"));
        p.add(point("PERM.EStopHealthy", PointKind.CONSTANT, EngineeringUnit.NONE, "1:coil:3:bool", 1, Double.NaN, Double.NaN, 1, "const.estop"));
        p.add(point("C-211.Running", PointKind.STATUS, EngineeringUnit.NONE, "1:di:0:bool", 1, Double.NaN, Double.NaN, 0, "plant.c211running"));
        p.add(point("C-211.Fault", PointKind.STATUS, EngineeringUnit.NONE, "1:di:1:bool", 1, Double.NaN, Double.NaN, 0, "plant.c211fault"));
        p.add(point("TT-301", PointKind.SENSOR, EngineeringUnit.DEG_C, "2:ir:0:float32", 1, Double.NaN, Double.NaN, 0, "plant.tt301"));
        p.add(point("XV-232.Set", PointKind.ACTUATOR, EngineeringUnit.NONE, "2:hr:0:uint16", 1, 0, 1000, 0, "input.xv232"));
        return new PointTable(p, new SignalCatalogue(OUTPUTS, INPUTS));
    }

    /** A point row with the defaults of the point map (reject out of range, hold on failsafe, the type's bad value). */
    static PointDefinition point(String tag, PointKind kind, EngineeringUnit unit, String modbus, double scale,
                                 double min, double max, double initial, String binding) {
        ModbusAddress a = ModbusAddress.parse(modbus);
        return new PointDefinition(tag, tag, kind, unit, a, scale, 0.0, null,
                OpcUaType.defaultFor(a.type(), scale != 1.0), min, max, initial, "", OutOfRangePolicy.REJECT,
                Failsafe.HOLD, Codec.defaultBadRaw(a.type()), Binding.parse(binding), "TestRig", 0);
    }

    static PointDefinition withText(PointDefinition p, String text) {
        return new PointDefinition(p.tag(), p.description(), p.kind(), p.unit(), p.modbus(), p.scale(), p.offset(),
                p.opcuaPath(), p.opcuaType(), p.min(), p.max(), p.initial(), text, p.onOutOfRange(), p.failsafe(),
                p.badRaw(), p.binding(), p.file(), p.line());
    }

    /** One step's plant outputs, as the step loop would publish them. */
    record Frame(long step, long plantTimeMs, double[] values, Quality[] qualities) implements SignalFrame {
        static Frame of(long step, long plantTimeMs, Map<String, Double> siByOutput, List<String> outputs, Map<String, Quality> bad) {
            double[] v = new double[outputs.size()];
            Quality[] q = new Quality[outputs.size()];
            Arrays.fill(q, Quality.GOOD);
            siByOutput.forEach((name, value) -> v[outputs.indexOf(name)] = value);
            bad.forEach((name, quality) -> q[outputs.indexOf(name)] = quality);
            return new Frame(step, plantTimeMs, v, q);
        }

        @Override public double value(int outputIndex) { return values[outputIndex]; }

        @Override public Quality quality(int outputIndex) { return qualities[outputIndex]; }
    }
}
