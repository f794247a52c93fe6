package io.hilbench.scenario;

import io.hilbench.adapters.opcua.OpcUaNamespaceTables;
import io.hilbench.adapters.opcua.OpcUaValues;
import io.hilbench.points.OpcUaType;
import io.hilbench.points.PointDefinition;
import io.hilbench.rig.ControllerSection;
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

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * The supervisory interface over OPC UA (Milo client, anonymous, SecurityPolicy None on the loopback rig), Read and
 * Write services only (DESIGN §4 item 7: no subscriptions in lockstep). NodeIds are {@code nsu=<namespace>;s=<tag>}
 * (DESIGN §6); the rig's controller map does not name the controller's namespace, so it is found as the first
 * namespace of the server in which the {@code simulation_active} tag exists (the reference controller's is
 * {@code urn:hilbench:<rig>:controller}).
 */
public final class OpcUaSupervisoryLink implements SupervisoryLink {
    /** Read results that mean the node is not there (or not readable), not a faulted value. */
    private static final java.util.Set<Long> NOT_THERE = java.util.Set.of(
            org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_NodeIdUnknown, org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_NodeIdInvalid,
            org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_AttributeIdInvalid, org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_NotReadable,
            org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_UserAccessDenied, org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_InternalError);
    private final String url;
    private final OpcUaClient client;
    private final int namespace;
    private final Map<String, PointDefinition> points = new HashMap<>();
    private final Map<String, NodeId> nodes = new HashMap<>();

    private OpcUaSupervisoryLink(String url, OpcUaClient client, int namespace, java.util.Collection<PointDefinition> map) {
        this.url = url;
        this.client = client;
        this.namespace = namespace;
        for (PointDefinition p : map) {
            points.put(p.tag(), p);
            nodes.put(p.tag(), new NodeId(namespace, p.tag()));
        }
    }

    /** Connects and finds the controller's namespace; the caller closes it. */
    public static OpcUaSupervisoryLink connect(String url, ControllerSection section) throws IOException {
        OpcUaClient c = client(url);
        try {
            c.connect();
            String probe = section.simulationActive();
            int size = namespaceTable(c, url).toArray().length;
            for (int ns = 1; ns < size; ns++) {
                DataValue v = c.readValues(0.0, TimestampsToReturn.Neither, List.of(new NodeId(ns, probe))).get(0);
                if (v.getStatusCode() == null || v.getStatusCode().isGood()) return new OpcUaSupervisoryLink(url, c, ns, section.points());
            }
            throw new IOException("no namespace of " + url + " holds the controller map's point " + probe);
        } catch (Exception e) {
            disconnect(c);
            throw e instanceof IOException io ? io : new IOException("cannot connect to the controller at " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * A link over any point map in a known namespace (the preflight reads the plant's map through the bench's own
     * OPC UA server with it); the caller closes it.
     */
    public static OpcUaSupervisoryLink connect(String url, String namespaceUri, java.util.Collection<PointDefinition> map) throws IOException {
        OpcUaClient c = client(url);
        try {
            c.connect();
            org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort ns = namespaceTable(c, url).getIndex(namespaceUri);
            if (ns == null) throw new IOException("the server at " + url + " has no namespace " + namespaceUri);
            return new OpcUaSupervisoryLink(url, c, ns.intValue(), map);
        } catch (Exception e) {
            disconnect(c);
            throw e instanceof IOException io ? io : new IOException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    /** The controller's namespace table, read by this link itself with retries (issue #18: {@link OpcUaNamespaceTables}). */
    static org.eclipse.milo.opcua.stack.core.NamespaceTable namespaceTable(OpcUaClient c, String url) throws IOException {
        return OpcUaNamespaceTables.read(c, url);
    }

    private static void disconnect(OpcUaClient c) {
        try {
            c.disconnect();
        } catch (Exception ignored) {
            // a failed connect still needs disconnect (library notes §3 pitfall 6)
        }
    }

    /**
     * The client, after the endpoint discovery: tried up to {@value #DISCOVERY_ATTEMPTS} times. On a machine loaded by
     * several benches at once (a parallel run starts its units together, issue #17) the discovery request to a
     * controller that has just started could time out; Milo then retries at {@code <url>/discovery}, which the server
     * does not serve, and the scenario was inconclusive ("unrecognized endpoint url …/discovery") although the controller
     * was up. Only the discovery is retried; nothing of a scenario has run yet.
     */
    private static OpcUaClient client(String url) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= DISCOVERY_ATTEMPTS; attempt++) {
            try {
                return createClient(url);
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }

    private static final int DISCOVERY_ATTEMPTS = 3;

    private static OpcUaClient createClient(String url) throws IOException {
        OpcUaClient c;
        try {
            c = OpcUaClient.create(url,
                    eps -> eps.stream().filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri())).findFirst(),
                    t -> {},
                    cfg -> cfg.setApplicationName(LocalizedText.english("HIL bench scenario driver"))
                            .setApplicationUri("urn:hilbench:scenario:driver")
                            .setIdentityProvider(new AnonymousProvider())
                            .setRequestTimeout(uint(REQUEST_TIMEOUT.toMillis())));
        } catch (Exception e) {
            throw new IOException("cannot create an OPC UA client for " + url + ": " + e.getMessage(), e);
        }
        return c;
    }

    private NodeId node(String tag) {
        NodeId n = nodes.get(tag);
        if (n == null) throw new IllegalArgumentException("the controller map has no point " + tag);
        return n;
    }

    @Override
    public double[] read(List<String> tags) throws IOException {
        List<NodeId> ids = new ArrayList<>(tags.size());
        for (String t : tags) ids.add(node(t));
        List<DataValue> values;
        try {
            values = client.readValues(0.0, TimestampsToReturn.Neither, ids);
        } catch (Exception e) {
            throw new IOException("OPC UA read of " + tags + " at " + url + " failed: " + e.getMessage(), e);
        }
        double[] out = new double[tags.size()];
        for (int i = 0; i < out.length; i++) {
            DataValue v = values.get(i);
            out[i] = v.getStatusCode() != null && !v.getStatusCode().isGood() ? Double.NaN : number(v.getValue().getValue());
        }
        return out;
    }

    private static double number(Object o) {
        if (o instanceof Boolean b) return b ? 1.0 : 0.0;
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof UShort u) return u.doubleValue();
        if (o instanceof UInteger u) return u.doubleValue();
        if (o instanceof ULong u) return u.doubleValue();
        return Double.NaN;
    }

    @Override
    public String readText(String tag) throws IOException {
        try {
            DataValue v = client.readValues(0.0, TimestampsToReturn.Neither, List.of(node(tag))).get(0);
            Object o = v.getValue().getValue();
            return o == null ? "" : o.toString();
        } catch (Exception e) {
            throw new IOException("OPC UA read of " + tag + " at " + url + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String tag, double value) throws IOException {
        PointDefinition p = points.get(tag);
        if (p == null) throw new IllegalArgumentException("the controller map has no point " + tag);
        StatusCode sc;
        try {
            sc = client.writeValues(List.of(node(tag)), List.of(DataValue.valueOnly(OpcUaValues.variant(p.opcuaType(), value, null)))).get(0);
        } catch (Exception e) {
            throw new IOException("OPC UA write of " + tag + " at " + url + " failed: " + e.getMessage(), e);
        }
        if (!sc.isGood()) throw new IOException("the controller refused the write of " + tag + " = " + value + ": " + sc);
    }

    @Override
    public java.util.Optional<Probe> probe(String tag) {
        NodeId id = node(tag);
        String where = id.toParseableString();
        DataValue v;
        try {
            v = client.readValues(0.0, TimestampsToReturn.Neither, List.of(id)).get(0);
        } catch (Exception e) {
            return java.util.Optional.of(new Probe(where, "OPC UA read at " + url + " failed: " + e.getMessage(), false));
        }
        StatusCode sc = v.getStatusCode();
        // Bad_NodeIdUnknown and the like (OPC UA Part 4 §7.34): the server answered, but the map names no readable node.
        // A faulted sensor (Bad_SensorFailure, Uncertain_*) still answers: the point exists and is wired.
        if (sc != null && NOT_THERE.contains(sc.getValue() & 0xFFFF0000L)) {
            return java.util.Optional.of(new Probe(where, "OPC UA read answered " + sc, true));
        }
        return java.util.Optional.empty();
    }

    @Override
    public String protocol() { return "opcua"; }

    @Override
    public String describe() { return url + " (namespace " + namespace + ")"; }

    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (Exception ignored) {
            // closing: nothing left to do
        }
    }
}
