package io.hilbench.controller;

import io.hilbench.adapters.opcua.OpcUaNamespaceTables;
import io.hilbench.adapters.opcua.OpcUaValues;
import io.hilbench.points.BenchVariable;
import io.hilbench.points.OpcUaType;
import io.hilbench.points.PointDefinition;
import io.hilbench.runtime.Quality;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * The controller's plant I/O over OPC UA (issue 7 item 6) with the Milo client, Read and Write services only — no
 * subscriptions: they are wall-clock driven and would break lockstep determinism (DESIGN §4 item 7).
 *
 * <ul>
 *   <li>NodeIds {@code nsu=<namespace URI>;s=<tag>} (DESIGN §6), the namespace index looked up once per connection in
 *       the plant's namespace table as this link reads it itself ({@link OpcUaNamespaceTables}, with retries).
 *       Only points the map serves on OPC UA (an {@code opcua} path) are read and written.</li>
 *   <li>{@link #poll}: one Read of {@code BENCH.Step}, {@code BENCH.PlantTimeMs} (and {@code BENCH.Mode}).</li>
 *   <li>{@link #read}: one Read of every sensor, status, constant and read-only bench point; values are engineering
 *       units as the server publishes them; a non-Good status code reads as {@link Quality#BAD} (Uncertain as
 *       UNCERTAIN), which is how the plant shows a faulted sensor on OPC UA (DESIGN §6).</li>
 *   <li>{@link #commit}: ONE Write call with every actuator, then {@code BENCH.Heartbeat}, then {@code BENCH.Ack} last
 *       in the list. The plant's OPC UA server stages one Write call as one table write, so the Ack commits together
 *       with the outputs it acknowledges (DESIGN §4 item 8). Each value goes as the point's OPC UA type (the server
 *       checks the type first: Bad_TypeMismatch), clamped into the point's limits.</li>
 * </ul>
 * A failed service call (timeout, closed connection or session) is a lost link ({@link ControllerIoException#linkLost});
 * a Bad status on a written item is a refusal (the link is fine).
 *
 * <p>Security: SecurityPolicy None with anonymous login (the loopback default rig allows it). Not thread-safe.
 */
public final class OpcUaControllerIo implements ControllerIo {
    private static final String APPLICATION_URI = "urn:hilbench:reference-controller:plant-io";

    private final String url;
    private final String namespaceUri;
    private Duration requestTimeout;
    private final List<PointDefinition> inputs = new ArrayList<>();
    private final List<PointDefinition> outputs = new ArrayList<>();
    private final Map<String, Integer> inputIndex;
    private final PointDefinition step, time, mode, ack, heartbeat;

    private OpcUaClient client;
    /** How a connected client's namespace table is read: one Read request per call (a test gives a late one). */
    private java.util.function.Function<OpcUaClient, java.util.concurrent.Callable<org.eclipse.milo.opcua.stack.core.NamespaceTable>> namespaceRead =
            c -> c::readNamespaceTable;
    private List<NodeId> inputNodes;
    private List<NodeId> clockNodes;
    private List<NodeId> writeNodes;
    private NodeId ackNode;
    private int stepSlot, timeSlot, modeSlot;

    /**
     * @param url            the plant's endpoint, {@code opc.tcp://127.0.0.1:4840/solrod}
     * @param namespaceUri   the rig's plant namespace URI
     * @param plantPoints    the rig's plant point map
     * @param requestTimeout per request; a request that takes longer is a lost link
     */
    public OpcUaControllerIo(String url, String namespaceUri, List<PointDefinition> plantPoints, Duration requestTimeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.namespaceUri = Objects.requireNonNull(namespaceUri, "namespaceUri");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        PointDefinition st = null, tm = null, md = null, ak = null, hb = null;
        Map<String, Integer> index = new LinkedHashMap<>();
        for (PointDefinition p : plantPoints) {
            if (p.opcuaPath() == null) continue;
            if (PlantPointMap.is(p, BenchVariable.STEP)) st = p;
            if (PlantPointMap.is(p, BenchVariable.PLANT_TIME_MS)) tm = p;
            if (PlantPointMap.is(p, BenchVariable.MODE)) md = p;
            if (PlantPointMap.is(p, BenchVariable.ACK)) ak = p;
            if (PlantPointMap.is(p, BenchVariable.HEARTBEAT)) hb = p;
            if (PlantPointMap.isInput(p)) {
                index.put(p.tag(), inputs.size());
                inputs.add(p);
            } else if (PlantPointMap.isOutput(p)) {
                outputs.add(p);
            }
        }
        if (st == null || tm == null || ak == null) {
            throw new IllegalArgumentException("the plant map serves no bench.step / bench.plantTimeMs / bench.ack point on OPC UA: the controller has no lockstep clock");
        }
        this.step = st;
        this.time = tm;
        this.mode = md;
        this.ack = ak;
        this.heartbeat = hb;
        this.inputIndex = Collections.unmodifiableMap(index);
    }

    /** For tests: the namespace-table read of the next {@link #open} (issue #18: a read that times out is read again). */
    void namespaceRead(java.util.function.Function<OpcUaClient, java.util.concurrent.Callable<org.eclipse.milo.opcua.stack.core.NamespaceTable>> read) {
        this.namespaceRead = Objects.requireNonNull(read, "read");
    }

    /** Milo fixes the request timeout when the client is created: a new value applies from the next {@link #open}. */
    @Override
    public void requestTimeout(Duration timeout) { this.requestTimeout = Objects.requireNonNull(timeout, "timeout"); }

    @Override
    public void open() throws ControllerIoException {
        close();
        OpcUaClient c;
        try {
            c = OpcUaClient.create(url,
                    eps -> eps.stream().filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri())).findFirst(),
                    t -> {},
                    cfg -> cfg.setApplicationName(LocalizedText.english("HIL bench reference controller (plant I/O)"))
                            .setApplicationUri(APPLICATION_URI)
                            .setIdentityProvider(new AnonymousProvider())
                            .setRequestTimeout(uint(Math.max(1, requestTimeout.toMillis()))));
        } catch (Exception e) {
            throw new ControllerIoException("cannot reach the plant at " + describe() + " (no None endpoint?): " + e.getMessage(), true, e);
        }
        try {
            c.connect();
            // the table read by this link itself, with retries: Milo's own read at session start keeps namespace 0
            // alone when it times out (issue #18, OpcUaNamespaceTables)
            UShort ns = OpcUaNamespaceTables.read(namespaceRead.apply(c), url).getIndex(namespaceUri);
            if (ns == null) throw new ControllerIoException("the plant at " + url + " serves no namespace " + namespaceUri, true, null);
            inputNodes = new ArrayList<>(inputs.size());
            for (PointDefinition p : inputs) inputNodes.add(new NodeId(ns, p.tag()));
            clockNodes = new ArrayList<>(List.of(new NodeId(ns, step.tag()), new NodeId(ns, time.tag())));
            if (mode != null) clockNodes.add(new NodeId(ns, mode.tag()));
            writeNodes = new ArrayList<>(outputs.size() + 2);
            for (PointDefinition p : outputs) writeNodes.add(new NodeId(ns, p.tag()));
            if (heartbeat != null) writeNodes.add(new NodeId(ns, heartbeat.tag()));
            ackNode = new NodeId(ns, ack.tag());
            writeNodes.add(ackNode); // last: the Ack commits with the outputs of the same call
            stepSlot = inputIndex.getOrDefault(step.tag(), -1);
            timeSlot = inputIndex.getOrDefault(time.tag(), -1);
            modeSlot = mode == null ? -1 : inputIndex.getOrDefault(mode.tag(), -1);
            client = c;
        } catch (ControllerIoException e) {
            disconnect(c);
            throw e;
        } catch (Exception e) {
            disconnect(c); // a failed connect still needs disconnect (library notes §3)
            throw new ControllerIoException("cannot connect to the plant at " + describe() + ": " + e.getMessage(), true, e);
        }
    }

    @Override
    public boolean isOpen() { return client != null; }

    @Override
    public BenchClock poll() throws ControllerIoException {
        List<DataValue> v = read(clockNodes, "the plant clock");
        double s = number(v.get(0));
        double t = number(v.get(1));
        if (!Double.isFinite(s) || !Double.isFinite(t)) throw new ControllerIoException("the plant clock at " + describe() + " is not readable (" + v + ")", false, null);
        boolean lockstep = mode == null || PlantPointMap.isLockstep(mode, number(v.get(2)));
        return new BenchClock((long) s, (long) t, lockstep);
    }

    @Override
    public Inputs read() throws ControllerIoException {
        List<DataValue> v = read(inputNodes, "the plant's inputs");
        double[] values = new double[inputs.size()];
        Quality[] qualities = new Quality[inputs.size()];
        for (int i = 0; i < values.length; i++) {
            DataValue d = v.get(i);
            StatusCode sc = d.getStatusCode();
            qualities[i] = sc == null || sc.isGood() ? Quality.GOOD : sc.isUncertain() ? Quality.UNCERTAIN : Quality.BAD;
            values[i] = qualities[i] == Quality.BAD ? Double.NaN : number(d);
        }
        long s = stepSlot < 0 ? 0 : (long) values[stepSlot];
        long t = timeSlot < 0 ? 0 : (long) values[timeSlot];
        boolean lockstep = mode == null || modeSlot < 0 || PlantPointMap.isLockstep(mode, values[modeSlot]);
        return new Inputs(s, t, lockstep, inputIndex, values, qualities);
    }

    @Override
    public void commit(Outputs out, int heartbeatValue, long ackValue) throws ControllerIoException {
        OpcUaClient c = requireOpen();
        List<DataValue> values = new ArrayList<>(writeNodes.size());
        for (PointDefinition p : outputs) values.add(DataValue.valueOnly(OpcUaValues.variant(p.opcuaType(), PlantPointMap.clampToLimits(p, out.value(p.tag())), null)));
        if (heartbeat != null) values.add(DataValue.valueOnly(OpcUaValues.variant(heartbeat.opcuaType(), heartbeatValue, null)));
        values.add(DataValue.valueOnly(OpcUaValues.variant(ack.opcuaType(), ackValue, null)));
        List<StatusCode> codes;
        try {
            codes = c.writeValues(writeNodes, values);
        } catch (Exception e) {
            throw lost("write of the outputs and Ack " + ackValue, e);
        }
        for (int i = 0; i < codes.size(); i++) {
            StatusCode sc = codes.get(i);
            if (sc != null && !sc.isGood()) {
                throw new ControllerIoException("plant refused the write of " + writeNodes.get(i).getIdentifier() + " = " + values.get(i).getValue().getValue()
                        + " at " + describe() + ": " + sc, false, null);
            }
        }
    }

    @Override
    public long readAck() throws ControllerIoException {
        double a = number(read(List.of(ackNode), "BENCH.Ack").get(0));
        return Double.isFinite(a) ? (long) a : -1;
    }

    @Override
    public String describe() { return "opcua " + url + " (" + namespaceUri + ")"; }

    @Override
    public void close() {
        OpcUaClient c = client;
        client = null;
        if (c != null) disconnect(c);
    }

    private List<DataValue> read(List<NodeId> nodes, String what) throws ControllerIoException {
        OpcUaClient c = requireOpen();
        try {
            return c.readValues(0.0, TimestampsToReturn.Neither, nodes);
        } catch (Exception e) {
            throw lost("read of " + what, e);
        }
    }

    private OpcUaClient requireOpen() throws ControllerIoException {
        OpcUaClient c = client;
        if (c == null) throw new ControllerIoException("not connected to the plant at " + describe(), true, null);
        return c;
    }

    private ControllerIoException lost(String what, Exception e) {
        return new ControllerIoException("plant link lost on " + what + " at " + describe() + ": " + e.getMessage(), true, e);
    }

    private static void disconnect(OpcUaClient c) {
        try {
            c.disconnect();
        } catch (Exception ignored) {
            // closing: nothing left to do
        }
    }

    private static double number(DataValue d) {
        if (d == null || d.getValue() == null) return Double.NaN;
        Object o = d.getValue().getValue();
        if (o instanceof Boolean b) return b ? 1.0 : 0.0;
        if (o instanceof UShort u) return u.doubleValue();
        if (o instanceof UInteger u) return u.doubleValue();
        if (o instanceof ULong u) return u.doubleValue();
        if (o instanceof Number n) return n.doubleValue();
        return Double.NaN;
    }

}
