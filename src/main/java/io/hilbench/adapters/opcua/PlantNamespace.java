package io.hilbench.adapters.opcua;

import io.hilbench.points.EngineeringUnit;
import io.hilbench.points.OpcUaType;
import io.hilbench.points.PointAccessException;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointTable;
import io.hilbench.points.PointWrite;
import io.hilbench.points.TableState;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.model.variables.AnalogItemTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.sdk.server.AddressSpace;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plant's address space: one variable per point with an {@code opcuaPath}, NodeId {@code nsu=<uri>;s=<tag>},
 * in folders {@code <root>/<opcuaPath>} organised under Objects. Numeric points are AnalogItemType variables with
 * EngineeringUnits (UNECE code packed as Part 8 §5.6.3 says) and EURange; enums (Int32 codes), booleans and strings
 * are BaseDataVariables. Folder NodeIds are {@code s=<root>/<path>}; a tag equal to a folder id is refused.
 *
 * <p><b>One snapshot per service call (DESIGN §3).</b> Milo answers a Read by calling {@link #read} once with all the
 * items of the call that live in this namespace, synchronously on one thread (ManagedAddressSpace.read loops over
 * AttributeReader.readAttribute, which runs each node's filter chain). Monitored items are sampled by
 * {@link PointSampler} when the table changes (at most once per sampling interval), through the same reader with the
 * state of that change. So {@link #read} pins {@code table.state()} once in a thread-local, and every point's value
 * filter answers from the pinned state: all values of one call, or of one sampling pass, come from one published
 * state. Outside these (Milo-internal reads) a filter reads the current state.
 *
 * <p><b>Writes.</b> Milo first checks each item's UserAccessLevel in its access controller: a read-only point
 * answers <b>Bad_UserAccessDenied</b> there (this server's one code for read-only points; the check below repeats it
 * as a guard). The allowed items of one Write call reach {@link #write} in one call; each point item is checked
 * (type exactly the node's DataType, else Bad_TypeMismatch; an index range: Bad_WriteNotSupported; a StatusCode
 * other than Good: Bad_WriteNotSupported, Part 4 §5.10.4; range and representability through
 * {@link PointTable#check}, else Bad_OutOfRange) and then every valid value is applied in ONE
 * {@link PointTable#write}, so a lockstep Ack written in the same call commits together with the outputs
 * (DESIGN §4 item 8). Source and server timestamps written by a client are ignored.
 */
final class PlantNamespace extends ManagedNamespaceWithLifecycle {
    static final String UNECE_NAMESPACE = "http://www.opcfoundation.org/UA/units/un/cefact";
    private static final Logger LOG = LoggerFactory.getLogger(PlantNamespace.class);

    /** The state pinned for the Read (or sampling pass) running on this thread, and its timestamp. */
    private static final ThreadLocal<Pinned> PINNED = new ThreadLocal<>();

    private record Pinned(TableState state, DateTime time) {}

    private final PointTable table;
    private final String rootFolderName;
    private final OpcUaReplicas replicas;
    private final PointSampler sampler;
    private final Map<NodeId, Integer> pointByNode = new HashMap<>();
    private int replicaCount;
    private final OpcUaServiceCounters counters = new OpcUaServiceCounters();

    PlantNamespace(OpcUaServer server, String namespaceUri, String rootFolderName, PointTable table) {
        this(server, namespaceUri, rootFolderName, table, OpcUaReplicas.NONE);
    }

    PlantNamespace(OpcUaServer server, String namespaceUri, String rootFolderName, PointTable table, OpcUaReplicas replicas) {
        super(server, namespaceUri);
        this.table = table;
        this.rootFolderName = rootFolderName;
        this.replicas = replicas == null ? OpcUaReplicas.NONE : replicas;
        // monitored items are sampled when the table changes (PointSampler explains why not on Milo's timer)
        this.sampler = new PointSampler(this::sampleRead, table::state, System::nanoTime, null);
        getLifecycleManager().addStartupTask(this::addNodes);
        getLifecycleManager().addStartupTask(() -> table.addListener(sampler));
        getLifecycleManager().addShutdownTask(() -> {
            table.removeListener(sampler);
            sampler.shutdown();
        });
    }

    /** Sampling passes run so far. */
    long samplingPasses() { return sampler.passes(); }

    /** Replica variables served besides the points ({@link OpcUaReplicas}). */
    int replicaCount() { return replicaCount; }

    /** Requests and errors per service (the console's {@code /metrics}). */
    OpcUaServiceCounters counters() { return counters; }

    /** Number of points served. */
    int pointCount() { return pointByNode.size(); }

    private void addNodes() {
        UaFolderNode root = new UaFolderNode(getNodeContext(), newNodeId(rootFolderName), newQualifiedName(rootFolderName),
                LocalizedText.english(rootFolderName));
        getNodeManager().addNode(root);
        root.addReference(new Reference(root.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
        Map<String, UaFolderNode> folders = new HashMap<>();
        folders.put("", root);
        List<PointDefinition> points = table.points();
        for (int i = 0; i < points.size(); i++) {
            PointDefinition p = points.get(i);
            if (p.opcuaPath() == null) continue;
            UaFolderNode folder = folder(folders, normalise(p.opcuaPath()));
            UaVariableNode node = createVariable(p, i, newNodeId(p.tag()), p.tag(), p.clientWritable());
            folder.addOrganizes(node);
            pointByNode.put(node.getNodeId(), i);
        }
        // replicas last, so a point's NodeId never collides with a replica folder (tags are checked against folders)
        for (int k = 1; k <= replicas.count(); k++) {
            for (int i = 0; i < points.size(); i++) {
                PointDefinition p = points.get(i);
                if (p.opcuaPath() == null || !replicas.selects(normalise(p.opcuaPath()))) continue;
                String path = "Replicas/R" + k + "/" + normalise(p.opcuaPath());
                UaVariableNode node = createVariable(p, i, newNodeId(p.tag() + "@R" + k), p.tag(), false);
                folder(folders, path).addOrganizes(node);
                replicaCount++;
            }
        }
        LOG.debug("OPC UA namespace {}: {} points in {} folders", getNamespaceUri(), pointByNode.size(), folders.size());
    }

    private static String normalise(String path) {
        StringBuilder b = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isBlank()) continue;
            if (b.length() > 0) b.append('/');
            b.append(part.trim());
        }
        return b.toString();
    }

    private UaFolderNode folder(Map<String, UaFolderNode> folders, String path) {
        UaFolderNode f = folders.get(path);
        if (f != null) return f;
        int slash = path.lastIndexOf('/');
        UaFolderNode parent = folder(folders, slash < 0 ? "" : path.substring(0, slash));
        String name = path.substring(slash + 1);
        NodeId id = newNodeId(rootFolderName + "/" + path);
        f = new UaFolderNode(getNodeContext(), id, newQualifiedName(name), LocalizedText.english(name));
        getNodeManager().addNode(f);
        parent.addOrganizes(f);
        folders.put(path, f);
        return f;
    }

    private UaVariableNode createVariable(PointDefinition p, int index, NodeId id, String name, boolean writable) {
        if (getNodeManager().containsNode(id)) {
            throw new IllegalArgumentException(p.where() + ": tag " + id.getIdentifier() + " collides with an OPC UA folder or point NodeId");
        }
        OpcUaType t = p.opcuaType();
        var access = writable ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY;
        QualifiedName browseName = newQualifiedName(name);
        LocalizedText displayName = LocalizedText.english(name);
        LocalizedText description = LocalizedText.english(p.description());
        UaVariableNode node;
        if (PointValues.isNumeric(t) && !PointValues.isEnum(p)) {
            AnalogItemTypeNode a;
            try {
                a = (AnalogItemTypeNode) getNodeFactory().createNode(id, NodeIds.AnalogItemType,
                        new NodeFactory.InstantiationCallback() {
                            @Override
                            public boolean includeOptionalNode(NodeId typeDefinitionId, QualifiedName browseName) {
                                return "EngineeringUnits".equals(browseName.name());
                            }
                        });
            } catch (UaException e) {
                throw new IllegalStateException("cannot create AnalogItemType node for " + p.tag() + ": " + e.getMessage(), e);
            }
            a.setBrowseName(browseName);
            a.setDisplayName(displayName);
            a.setDescription(description);
            a.setDataType(PointValues.dataType(t));
            a.setValueRank(-1);
            a.setEuRange(euRange(p));
            a.setEngineeringUnits(engineeringUnits(p.unit()));
            node = a;
        } else {
            node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                    .setNodeId(id)
                    .setBrowseName(browseName)
                    .setDisplayName(displayName)
                    .setDescription(description)
                    .setDataType(PointValues.dataType(t))
                    .setTypeDefinition(NodeIds.BaseDataVariableType)
                    .setValueRank(-1)
                    .build();
        }
        node.setAccessLevel(AccessLevel.toValue(access));
        node.setUserAccessLevel(AccessLevel.toValue(access));
        node.setMinimumSamplingInterval(0.0);
        node.getFilterChain().addLast(new PointValueFilter(index));
        getNodeManager().addNode(node);
        return node;
    }

    /**
     * EURange from the point's [min, max]; a missing limit takes the limit of the point's DataType (Float and Double:
     * ±their largest finite value), so every numeric point is an AnalogItemType, whose EURange is mandatory
     * (Part 8 §5.3.2.3), and the range still says "no limit" on that side.
     */
    static Range euRange(PointDefinition p) {
        double lo = Double.isNaN(p.min()) ? typeMin(p.opcuaType()) : p.min();
        double hi = Double.isNaN(p.max()) ? typeMax(p.opcuaType()) : p.max();
        return new Range(lo, hi);
    }

    private static double typeMin(OpcUaType t) {
        return switch (t) {
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case UINT16, UINT32, UINT64 -> 0.0;
            case FLOAT -> -Float.MAX_VALUE;
            default -> -Double.MAX_VALUE;
        };
    }

    private static double typeMax(OpcUaType t) {
        return switch (t) {
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 0xFFFF;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 0xFFFF_FFFFL;
            case INT64 -> Long.MAX_VALUE;
            case UINT64 -> 0x1p64;
            case FLOAT -> Float.MAX_VALUE;
            default -> Double.MAX_VALUE;
        };
    }

    /** EUInformation: UNECE common code packed into unitId one ASCII byte each, high byte first ("P1" = 20529). */
    static EUInformation engineeringUnits(EngineeringUnit u) {
        return new EUInformation(UNECE_NAMESPACE, uneceUnitId(u.unece()),
                LocalizedText.english(u.symbol()), LocalizedText.english(u.code().isEmpty() ? "dimensionless" : u.code()));
    }

    static int uneceUnitId(String code) {
        int id = 0;
        for (char c : code.toCharArray()) id = (id << 8) | (c & 0xFF);
        return id;
    }

    // --- reads: one pinned state per call -------------------------------------------------------------------

    /** The sampler's read: every item of one session from the one state {@code s}; not counted as a client Read. */
    private List<DataValue> sampleRead(Session session, List<ReadValueId> ids, TableState s) {
        Pinned outer = PINNED.get();
        PINNED.set(new Pinned(s, DateTime.now()));
        try {
            return super.read(new AddressSpace.ReadContext(getServer(), session), 0.0, TimestampsToReturn.Both, ids);
        } finally {
            if (outer == null) PINNED.remove();
            else PINNED.set(outer);
        }
    }

    @Override
    public List<DataValue> read(ReadContext context, Double maxAge, TimestampsToReturn timestamps, List<ReadValueId> readValueIds) {
        Pinned outer = PINNED.get();
        PINNED.set(new Pinned(table.state(), DateTime.now()));
        try {
            List<DataValue> values = super.read(context, maxAge, timestamps, readValueIds);
            // a client's Read has a session; the subscription model's sampling passes (monitored items) do not
            if (context.getSession().isPresent()) counters.count(OpcUaServiceCounters.Service.READ, values.size(), bad(values));
            return values;
        } finally {
            if (outer == null) PINNED.remove();
            else PINNED.set(outer);
        }
    }

    /** Answers the Value attribute of one point from the pinned state; client writes never reach it (see {@link #write}). */
    private final class PointValueFilter implements AttributeFilter {
        private final int index;

        PointValueFilter(int index) {
            this.index = index;
        }

        @Override
        public Object getAttribute(AttributeFilterContext ctx, AttributeId attributeId) {
            if (attributeId != AttributeId.Value) return ctx.getAttribute(attributeId);
            Pinned pin = PINNED.get();
            TableState s = pin != null ? pin.state() : table.state();
            DateTime now = pin != null ? pin.time() : DateTime.now();
            return PointValues.dataValue(table.point(index), s, index, now);
        }

        @Override
        public void writeAttribute(AttributeFilterContext ctx, AttributeId attributeId, Object value) throws UaException {
            if (attributeId == AttributeId.Value) {
                throw new UaException(StatusCodes.Bad_WriteNotSupported, "point values are written through the namespace");
            }
            ctx.writeAttribute(attributeId, value);
        }

        @Override
        public void setAttribute(AttributeFilterContext ctx, AttributeId attributeId, Object value) {
            if (attributeId != AttributeId.Value) ctx.setAttribute(attributeId, value);
        }
    }

    // --- writes: every valid value of one call in one table write -------------------------------------------

    @Override
    public List<StatusCode> write(WriteContext context, List<WriteValue> writeValues) {
        StatusCode[] results = new StatusCode[writeValues.size()];
        List<PointWrite> valid = new ArrayList<>();
        List<Integer> validSlots = new ArrayList<>();
        String origin = origin(context.getSession().orElse(null));
        for (int k = 0; k < writeValues.size(); k++) {
            WriteValue wv = writeValues.get(k);
            Integer index = pointByNode.get(wv.getNodeId());
            if (index == null || !AttributeId.Value.isEqual(wv.getAttributeId())) {
                // folders, properties, other attributes: Milo's own rules (their WriteMask forbids writes)
                results[k] = super.write(context, List.of(wv)).get(0);
                continue;
            }
            PointDefinition p = table.point(index);
            String refusal = null;
            long code = StatusCodes.Good;
            DataValue dv = wv.getValue();
            if (!p.clientWritable()) {
                code = StatusCodes.Bad_UserAccessDenied;
                refusal = p.tag() + " is a " + p.kind().name().toLowerCase(java.util.Locale.ROOT) + " point and cannot be written";
            } else if (wv.getIndexRange() != null && !wv.getIndexRange().isEmpty()) {
                code = StatusCodes.Bad_WriteNotSupported;
                refusal = p.tag() + ": index ranges are not supported on scalar points";
            } else if (dv == null) {
                code = StatusCodes.Bad_TypeMismatch;
                refusal = p.tag() + ": no value";
            } else if (dv.statusCode() != null && !dv.statusCode().isGood()) {
                code = StatusCodes.Bad_WriteNotSupported;
                refusal = p.tag() + ": writing a status code (" + dv.statusCode() + ") is not supported";
            } else {
                Object decoded = PointValues.decodeWrite(p, dv.value());
                PointWrite w = null;
                if (decoded instanceof PointValues.Refusal r) {
                    code = r.statusCode();
                    refusal = r.reason();
                } else if (decoded instanceof String text) {
                    w = new PointWrite(index, 0.0, text);
                } else {
                    double v = (Double) decoded;
                    PointValues.Refusal r = PointValues.checkEnumCode(p, v);
                    if (r != null) {
                        code = r.statusCode();
                        refusal = r.reason();
                    } else {
                        w = PointWrite.of(index, v);
                    }
                }
                if (w != null) {
                    try {
                        table.check(w, origin);
                        valid.add(w);
                        validSlots.add(k);
                        continue;
                    } catch (PointAccessException e) {
                        code = statusOf(e);
                        refusal = e.getMessage();
                    }
                }
            }
            results[k] = new StatusCode(code);
            LOG.info("OPC UA write refused ({}) from {}: {}", StatusCodes.lookup(code).map(s -> s[0]).orElse("0x" + Long.toHexString(code)),
                    origin, refusal);
        }
        if (!valid.isEmpty()) {
            StatusCode outcome;
            try {
                table.write(valid, origin);
                outcome = StatusCode.GOOD;
            } catch (PointAccessException e) {
                // cannot happen after check() (checks depend on the definition and value only), but never half-apply
                LOG.warn("OPC UA write from {} refused as a whole: {}", origin, e.getMessage());
                outcome = new StatusCode(statusOf(e));
            } catch (RuntimeException e) {
                LOG.error("OPC UA write from {} failed", origin, e);
                outcome = new StatusCode(StatusCodes.Bad_InternalError);
            }
            for (int slot : validSlots) results[slot] = outcome;
        }
        int errors = 0;
        for (StatusCode c : results) if (c == null || !c.isGood()) errors++;
        counters.count(OpcUaServiceCounters.Service.WRITE, results.length, errors);
        return List.of(results);
    }

    private static int bad(List<DataValue> values) {
        int n = 0;
        for (DataValue v : values) if (v.statusCode() != null && v.statusCode().isBad()) n++;
        return n;
    }

    private static long statusOf(PointAccessException e) {
        return switch (e.error()) {
            case OUT_OF_RANGE -> StatusCodes.Bad_OutOfRange;
            case TYPE_MISMATCH -> StatusCodes.Bad_TypeMismatch;
            case READ_ONLY -> StatusCodes.Bad_UserAccessDenied;
            case UNMAPPED -> StatusCodes.Bad_NodeIdUnknown;
            case PARTIAL_POINT, ILLEGAL_QUANTITY -> StatusCodes.Bad_WriteNotSupported;
            case INTERNAL -> StatusCodes.Bad_InternalError;
        };
    }

    private static String origin(Session session) {
        if (session == null) return "opcua";
        String user = session.getIdentity() != null ? String.valueOf(session.getIdentity()) : "?";
        return "opcua " + session.getClientAddress() + " session " + session.getSessionName() + " (" + user + ")";
    }

    // --- subscriptions: sampled when the table changes (PointSampler) ----------------------------------------

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
        counters.count(OpcUaServiceCounters.Service.CREATE_MONITORED_ITEMS, items.size(), 0);
        sampler.created(items);
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) { sampler.modified(items); }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
        counters.count(OpcUaServiceCounters.Service.DELETE_MONITORED_ITEMS, items.size(), 0);
        sampler.deleted(items);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
        List<DataItem> data = new ArrayList<>();
        for (MonitoredItem i : items) if (i instanceof DataItem d) data.add(d);
        sampler.modeChanged(data);
    }
}
