package io.hilbench.rig;

import io.hilbench.points.Area;
import io.hilbench.points.BaseType;
import io.hilbench.points.BenchVariable;
import io.hilbench.points.Binding;
import io.hilbench.points.ModbusAddress;
import io.hilbench.points.OpcUaType;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;
import io.hilbench.points.PointTable;
import io.hilbench.rig.ControllerSection.CommandName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The bundled Solrød rig: loads clean, and is laid out the way the third-party Modbus conformance tool needs. */
class DefaultRigTest {
    static final Path SOLROD = Path.of("rigs/solrod");
    static Rig rig;

    @BeforeAll
    static void load() throws RigException {
        rig = RigLoader.loadDefault(SOLROD);
    }

    @Test
    void loadsWithZeroErrors() {
        // loadDefault throws RigException carrying every error; reaching here means none
        assertThat(rig.name()).isEqualTo("solrod");
        assertThat(rig.points()).hasSizeBetween(160, 200);
        assertThat(rig.stepMs()).isEqualTo(100);
        assertThat(rig.modbusUnits()).containsExactly(1, 2);
        assertThat(rig.opcua().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(rig.opcua().trustAllClients()).isTrue();
        assertThat(rig.opcua().pkiDirectory()).isEqualTo(Path.of(System.getProperty("user.home"), ".hilbench", "pki", "solrod"));
        assertThat(rig.watchdog().timeoutS()).isEqualTo(5.0);
        assertThat(rig.lockstep().ackTimeoutS()).isEqualTo(10.0);
        assertThat(rig.realtime().latenessP99LimitMs()).isEqualTo(1.0);
    }

    /**
     * DESIGN §6: for modbus-conformance (46 checks) each of the four areas of unit 1 is laid out contiguously from
     * address 0 with at least 10 points (its FC1-4 checks read 10 values at 0), with at least 8 contiguous writable
     * holding registers and 8 contiguous writable coils for its FC5/6/15/16 write-and-read-back checks.
     */
    @Test
    void unitOneMeetsTheConformanceLayout() {
        for (Area area : Area.values()) {
            List<PointDefinition> at = onUnit1(area);
            int contiguous = contiguousFromZero(at);
            assertThat(contiguous).as("%s addresses covered from 0 without a gap", area.code()).isGreaterThanOrEqualTo(10);
            long points = at.stream().filter(p -> p.modbus().address() < contiguous).map(p -> p.modbus().address()).distinct().count();
            assertThat(points).as("%s points in the contiguous block", area.code()).isGreaterThanOrEqualTo(10);
        }
        assertThat(longestWritableRun(onUnit1(Area.HOLDING_REGISTER), true)).as("writable 16-bit holding registers in a row").isGreaterThanOrEqualTo(8);
        assertThat(longestWritableRun(onUnit1(Area.COIL), false)).as("writable coils in a row").isGreaterThanOrEqualTo(8);
    }

    /** The conformance write checks use one raw range for all 8 registers at hr 0: every one must accept raw 1..700. */
    @Test
    void firstEightHoldingRegistersAcceptTheDocumentedWriteRange() {
        for (int a = 0; a < 8; a++) {
            int address = a;
            PointDefinition p = onUnit1(Area.HOLDING_REGISTER).stream().filter(x -> x.modbus().address() == address).findFirst().orElseThrow();
            assertThat(p.clientWritable()).isTrue();
            assertThat(p.inRange(1 * p.scale() + p.offset())).as(p.tag() + " raw 1").isTrue();
            assertThat(p.inRange(700 * p.scale() + p.offset())).as(p.tag() + " raw 700").isTrue();
        }
    }

    @Test
    void hasTheBenchPointsOfTheLockstepHandshakeAndTheWatchdog() {
        assertThat(point("BENCH.Step").modbus().type().base()).isEqualTo(BaseType.UINT32);
        ModbusAddress time = point("BENCH.PlantTimeMs").modbus();
        assertThat(time.type().base()).isEqualTo(BaseType.UINT64);
        assertThat(time.registerCount()).isEqualTo(4);
        assertThat(time.order().wordsReversed()).as("high word first").isFalse();
        assertThat(point("BENCH.Ack").clientWritable()).isTrue();
        assertThat(point("BENCH.Ack").modbus().type().base()).isEqualTo(BaseType.UINT32);
        assertThat(point("BENCH.Heartbeat").clientWritable()).isTrue();
        assertThat(point("BENCH.Heartbeat").modbus().type().base()).isEqualTo(BaseType.UINT16);
        assertThat(point("BENCH.Mode").modbus().type().base()).isEqualTo(BaseType.ENUM);
        assertThat(point("BENCH.WatchdogTripped").isBoolean()).isTrue();
        for (BenchVariable v : BenchVariable.values()) {
            assertThat(rig.points()).as("bound to bench." + v.bindingName()).anyMatch(p -> v == p.benchVariable());
        }
    }

    @Test
    void mixesRemoteIoStyles() {
        List<PointDefinition> pts = rig.points();
        assertThat(pts).anyMatch(p -> p.modbus() != null && p.modbus().type().base() == BaseType.FLOAT32 && p.modbus().order().name().equals("CDAB"));
        assertThat(pts).anyMatch(p -> p.modbus() != null && p.modbus().type().base() == BaseType.FLOAT32 && p.modbus().order().name().equals("ABCD"));
        assertThat(pts).anyMatch(p -> p.modbus() != null && p.modbus().isBitInRegister());
        assertThat(pts).anyMatch(p -> p.modbus() != null && p.modbus().type().base() == BaseType.STRING);
        assertThat(pts).anyMatch(p -> p.modbus() != null && p.modbus().type().base() == BaseType.INT16 && p.scale() != 1.0);
        assertThat(pts).anyMatch(p -> p.modbus() == null && p.opcuaType() == OpcUaType.DOUBLE);
        assertThat(point("SITE.Name").initialText()).isEqualTo("Solrød Havdrup");
        // every actuator has a failsafe chosen on purpose; compressor speeds drop to zero
        assertThat(point("C-211.SpeedSet").failsafe().mode().name()).isEqualTo("ZERO");
        assertThat(pts).filteredOn(p -> p.kind() == PointKind.ACTUATOR).allMatch(p -> p.binding().source() == Binding.Source.INPUT);
    }

    @Test
    void everyAreaHasABrowsePath() {
        assertThat(rig.points()).allMatch(p -> p.opcuaPath() != null);
        assertThat(rig.points().stream().map(PointDefinition::opcuaPath).distinct().toList())
                .contains("Site", "HeatPump/Refrigerant", "HeatPump/Compressors", "HeatPump/Valves",
                        "HeatPump/AirEvaporator/Section1", "HeatPump/AirEvaporator/Section4", "HeatPump/WaterSide",
                        "Tank", "Solar", "Network", "Bench");
    }

    @Test
    void controllerSectionIsComplete() {
        ControllerSection c = rig.controller().orElseThrow();
        assertThat(c.protocol()).isEqualTo(ControllerSection.Protocol.OPCUA);
        assertThat(c.commands()).containsKeys(CommandName.values());
        assertThat(c.alarms()).containsOnlyKeys(AlarmMeaning.values());
        assertThat(c.alarms().get(AlarmMeaning.HP_TRIP)).isEqualTo(new ControllerSection.AlarmRef("CTL.AlarmWord", 1));
        assertThat(c.state().stateOf(0)).contains(ControllerState.OFF);
        assertThat(c.state().stateOf(30)).contains(ControllerState.DEFROSTING);
        assertThat(c.state().values()).hasSize(ControllerState.values().length);
        assertThat(c.setpoints()).containsEntry(ControllerSection.SetpointName.SUPPLY_TEMPERATURE, "CTL.SupplyTempSet");
        assertThat(c.point(c.simulationActive()).orElseThrow().isBoolean()).isTrue();
    }

    @Test
    void pointTableBuildsFromTheDefaultRigWithThePlaceholderCatalogue() {
        // the seam the protocol servers build on: every binding resolves and no registers overlap
        assertThatCode(() -> new PointTable(rig.points(), PlantModels.catalogue("solrod"))).doesNotThrowAnyException();
        PointTable table = new PointTable(rig.points(), PlantModels.catalogue("solrod"));
        assertThat(table.benchPoint(BenchVariable.ACK)).isGreaterThanOrEqualTo(0);
        assertThat(table.state().text(table.indexOf("SITE.Name"))).isEqualTo("Solrød Havdrup");
        assertThat(table.state().value(table.indexOf("ES-101"))).isEqualTo(1.0);
    }

    private static PointDefinition point(String tag) {
        return rig.point(tag).orElseThrow(() -> new AssertionError("no point " + tag));
    }

    private static List<PointDefinition> onUnit1(Area area) {
        List<PointDefinition> out = new ArrayList<>();
        for (PointDefinition p : rig.points()) {
            if (p.modbus() != null && p.modbus().unitId() == 1 && p.modbus().area() == area) out.add(p);
        }
        return out;
    }

    /** Number of addresses 0..n-1 that are all covered by some point. */
    private static int contiguousFromZero(List<PointDefinition> pts) {
        boolean[] covered = new boolean[65536];
        for (PointDefinition p : pts) {
            for (int w = 0; w < p.modbus().registerCount(); w++) covered[p.modbus().address() + w] = true;
        }
        int n = 0;
        while (covered[n]) n++;
        return n;
    }

    private static int longestWritableRun(List<PointDefinition> pts, boolean sixteenBit) {
        Map<Integer, PointDefinition> byAddress = new TreeMap<>();
        for (PointDefinition p : pts) {
            boolean ok = p.clientWritable() && p.modbus().registerCount() == 1 && !p.modbus().isBitInRegister()
                    && (!sixteenBit || p.modbus().type().base() == BaseType.UINT16 || p.modbus().type().base() == BaseType.INT16);
            if (ok) byAddress.put(p.modbus().address(), p);
        }
        int best = 0, run = 0, last = -2;
        for (int a : byAddress.keySet()) {
            run = a == last + 1 ? run + 1 : 1;
            best = Math.max(best, run);
            last = a;
        }
        return best;
    }
}
