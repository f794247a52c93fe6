package io.hilbench.adapters.opcua;

import io.hilbench.plant.SignalCatalogue;
import io.hilbench.points.Binding;
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
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/** A small point table built in code (no rig files), a frame to publish into it, and Milo client helpers. */
final class TestPlant {
    static final String NS = "urn:hilbench:test:plant";
    static final String APP_URI = "urn:hilbench:test:server";
    static final String CLIENT_URI = "urn:hilbench:test:client";

    static final List<String> OUTPUTS = List.of("airTemperatureK", "gasCoolerPressurePa", "tornA", "tornB", "c211Running", "flowM3PerS");
    static final List<String> INPUTS = List.of("c211SpeedHz", "c211Enable", "p271SpeedRatio");
    static final SignalCatalogue CATALOGUE = new SignalCatalogue(OUTPUTS, INPUTS);

    private TestPlant() {}

    static PointDefinition point(String tag, String description, PointKind kind, EngineeringUnit unit, String modbus,
                                 String opcuaPath, OpcUaType type, double min, double max, double initial, String initialText, String binding) {
        return new PointDefinition(tag, description, kind, unit, modbus == null ? null : ModbusAddress.parse(modbus), 1.0, 0.0,
                opcuaPath, type, min, max, initial, initialText, OutOfRangePolicy.REJECT, Failsafe.HOLD, Double.NaN,
                Binding.parse(binding), "test-points.csv", 1);
    }

    static List<PointDefinition> points() {
        double nan = Double.NaN;
        List<PointDefinition> p = new ArrayList<>();
        p.add(point("TT-101", "Outdoor air temperature", PointKind.SENSOR, EngineeringUnit.DEG_C, "1:ir:0:float32",
                "Site/Weather", OpcUaType.DOUBLE, -40, 50, 0, null, "plant.airTemperatureK"));
        p.add(point("PT-202", "Gas cooler pressure", PointKind.SENSOR, EngineeringUnit.BAR, "1:ir:2:float32",
                "HeatPump/Refrigerant", OpcUaType.DOUBLE, 0, 150, 90, null, "plant.gasCoolerPressurePa"));
        p.add(point("TORN-A", "Torn-read probe A", PointKind.SENSOR, EngineeringUnit.NONE, null,
                "Test/Torn", OpcUaType.DOUBLE, nan, nan, 0, null, "plant.tornA"));
        p.add(point("TORN-B", "Torn-read probe B", PointKind.SENSOR, EngineeringUnit.NONE, null,
                "Test/Torn", OpcUaType.DOUBLE, nan, nan, 0, null, "plant.tornB"));
        p.add(point("C-211.Running", "Compressor 1 running", PointKind.STATUS, EngineeringUnit.NONE, "1:di:0:bool",
                "HeatPump/Compressors", OpcUaType.BOOLEAN, nan, nan, 0, null, "plant.c211Running"));
        p.add(point("FT-271", "DH flow through the heat pump", PointKind.SENSOR, EngineeringUnit.M3_PER_H, "1:ir:4:float32",
                "HeatPump/Water", OpcUaType.FLOAT, 0, 100, 0, null, "plant.flowM3PerS"));
        p.add(point("C-211.SpeedSet", "Compressor 1 speed setpoint", PointKind.ACTUATOR, EngineeringUnit.HERTZ, "1:hr:0:float32",
                "HeatPump/Compressors", OpcUaType.DOUBLE, 0, 70, 0, null, "input.c211SpeedHz"));
        p.add(point("C-211.Enable", "Compressor 1 enable", PointKind.ACTUATOR, EngineeringUnit.NONE, "1:coil:0:bool",
                "HeatPump/Compressors", OpcUaType.BOOLEAN, nan, nan, 0, null, "input.c211Enable"));
        p.add(point("P-271.SpeedSet", "DH pump speed setpoint", PointKind.ACTUATOR, EngineeringUnit.PERCENT, "1:hr:2:int16",
                "HeatPump/Water", OpcUaType.INT16, 0, 100, 0, null, "input.p271SpeedRatio"));
        p.add(point("BENCH.Step", "Plant step published", PointKind.BENCH, EngineeringUnit.NONE, "1:ir:10:uint32",
                "Bench", OpcUaType.UINT32, nan, nan, 0, null, "bench.step"));
        p.add(point("BENCH.PlantTimeMs", "Plant time", PointKind.BENCH, EngineeringUnit.MILLISECOND, "1:ir:12:uint64",
                "Bench", OpcUaType.UINT64, nan, nan, 0, null, "bench.plantTimeMs"));
        p.add(point("BENCH.Ack", "Lockstep acknowledgement", PointKind.BENCH, EngineeringUnit.NONE, "1:hr:10:uint32",
                "Bench", OpcUaType.UINT32, nan, nan, 0, null, "bench.ack"));
        p.add(point("BENCH.Heartbeat", "Controller heartbeat", PointKind.BENCH, EngineeringUnit.NONE, "1:hr:12:uint16",
                "Bench", OpcUaType.UINT16, nan, nan, 0, null, "bench.heartbeat"));
        p.add(point("BENCH.Mode", "Pacing mode", PointKind.BENCH, EngineeringUnit.NONE, "1:ir:16:enum(0=Lockstep,1=Realtime,2=Accelerated)",
                "Bench", OpcUaType.INT32, nan, nan, 0, null, "bench.mode"));
        p.add(point("SITE.Name", "Site name", PointKind.CONSTANT, EngineeringUnit.NONE, "1:ir:20:string(16)",
                "Site", OpcUaType.STRING, nan, nan, 0, "Solrod Havdrup", "const.siteName"));
        p.add(point("XV-231.Hidden", "A point served on Modbus only", PointKind.STATUS, EngineeringUnit.NONE, "1:di:5:bool",
                null, OpcUaType.BOOLEAN, nan, nan, 0, null, "const.hidden"));
        return p;
    }

    static PointTable table() {
        return new PointTable(points(), CATALOGUE);
    }

    /** One plant step's outputs in SI units. */
    record Frame(long step, long plantTimeMs, double[] values, Quality[] qualities) implements SignalFrame {
        @Override public double value(int outputIndex) { return values[outputIndex]; }

        @Override public Quality quality(int outputIndex) { return qualities[outputIndex]; }

        static Frame of(long step, double airDegC, double pressureBar, double torn, boolean running, double flowM3h) {
            double[] v = {EngineeringUnit.DEG_C.toSi(airDegC), EngineeringUnit.BAR.toSi(pressureBar), torn, torn, running ? 1 : 0,
                    EngineeringUnit.M3_PER_H.toSi(flowM3h)};
            Quality[] q = new Quality[v.length];
            Arrays.fill(q, Quality.GOOD);
            return new Frame(step, step * 100, v, q);
        }

        Frame withQuality(String output, Quality quality) {
            Quality[] q = qualities.clone();
            q[OUTPUTS.indexOf(output)] = quality;
            return new Frame(step, plantTimeMs, values, q);
        }
    }

    static void publish(PointTable table, Frame f) {
        table.publish(f, Map.of());
    }

    /** A port that was free a moment ago (Milo advertises its bind port, so port 0 cannot be used). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /**
     * A test client's request timeout: generous for a loaded CI machine (load ~50 on 2 cores: a Sign&Encrypt connect
     * once took more than 5 s), still short of the surefire fork's own limits, so a server that never answers fails
     * the test instead of hanging it. A refused connect or request is answered at once and does not wait for it.
     */
    static final int CLIENT_TIMEOUT_MS = 30_000;

    /** Anonymous client on the None endpoint. */
    static OpcUaClient connectNone(String url) throws Exception {
        return connect(url, eps -> eps.stream().filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri())).findFirst(),
                cfg -> cfg.setApplicationName(LocalizedText.english("hil-bench test client"))
                        .setApplicationUri(CLIENT_URI)
                        .setIdentityProvider(new AnonymousProvider())
                        .setRequestTimeout(uint(CLIENT_TIMEOUT_MS)));
    }

    /**
     * A connected Milo client at {@code url} on the endpoint {@code select} picks, configured by {@code config}; a failed
     * connect is disconnected (library notes pitfall 6) and rethrown. The namespace table is read once connected: Milo's
     * own read at the session's start only logs a warning when it times out and leaves namespace 0 alone, so
     * {@link #node} would find no plant namespace on a loaded machine.
     */
    static OpcUaClient connect(String url, java.util.function.Function<List<EndpointDescription>, java.util.Optional<EndpointDescription>> select,
                               java.util.function.Consumer<OpcUaClientConfigBuilder> config) throws Exception {
        OpcUaClient c = OpcUaClient.create(url, select, t -> {}, config);
        try {
            c.connect();
            c.readNamespaceTable();
        } catch (Exception e) {
            c.disconnect();
            throw e;
        }
        return c;
    }

    static NodeId node(OpcUaClient c, String tag) {
        return new NodeId(c.getNamespaceTable().getIndex(NS), tag);
    }
}
