package io.hilbench.adapters.opcua;

import java.util.List;

/**
 * A SCADA-size address space from a small rig, for load tests (DESIGN §9: 10,000 monitored items on points that
 * change every step): every served point whose OPC UA folder lies under one of {@code folders} (all points when the
 * list is empty) is served {@code count} more times, as read-only variables {@code <root>/Replicas/R<k>/<folder>/<tag>}
 * with NodeId {@code s=<tag>@R<k>}, k = 1..count, each answering its point's value, quality and timestamp from the
 * same pinned state as the point itself. Replicas are never written (an actuator's replica is read-only too), so a
 * replica cannot change the plant; with {@code count} 0 (the default) nothing is added.
 *
 * @param count   extra copies of each selected point, 0..{@link #MAX_COUNT}
 * @param folders OPC UA folder prefixes of the points to copy (as in the point map's {@code opcua} column), or empty
 */
public record OpcUaReplicas(int count, List<String> folders) {
    /** Enough for a 10,000-item SCADA from a rig of 25 changing points, bounded so a typo cannot exhaust the heap. */
    public static final int MAX_COUNT = 1000;
    public static final OpcUaReplicas NONE = new OpcUaReplicas(0, List.of());

    public OpcUaReplicas {
        if (count < 0 || count > MAX_COUNT) throw new IllegalArgumentException("replicas must be 0.." + MAX_COUNT + ", was " + count);
        folders = folders == null ? List.of() : List.copyOf(folders);
    }

    /** True when a point in folder {@code path} (normalised, no leading or trailing '/') is copied. */
    public boolean selects(String path) {
        if (count == 0) return false;
        if (folders.isEmpty()) return true;
        for (String f : folders) {
            String n = f.replaceAll("^/+|/+$", "");
            if (path.equals(n) || path.startsWith(n + "/")) return true;
        }
        return false;
    }
}
