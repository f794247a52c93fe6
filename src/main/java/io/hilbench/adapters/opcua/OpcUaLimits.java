package io.hilbench.adapters.opcua;

/**
 * The bench's own resource limits for its OPC UA server, set explicitly rather than trusting Milo 1.1.2's defaults
 * (which lack the 1.1.3–1.1.6 fixes): a client over a limit gets the OPC UA status for it (Bad_TooManySessions,
 * Bad_TooManySubscriptions, Bad_TooManyMonitoredItems, Bad_RequestTooLarge / Bad_TcpMessageTooLarge) and everyone
 * else keeps being served. Defaults {@link #DEFAULTS}; a rig sets them under {@code opcua.limits} (rigs/README.md).
 *
 * @param maxSessions                 sessions at once, all clients together
 * @param maxSubscriptionsPerSession  subscriptions one session may hold
 * @param maxSubscriptions            subscriptions at once, all sessions together
 * @param maxMonitoredItemsPerSession monitored items one session may hold (a SCADA-size client: 10,000 items)
 * @param maxMonitoredItems           monitored items at once, all sessions together
 * @param maxMessageBytes             largest message (all chunks together) the server accepts or sends
 * @param maxChunkCount               most chunks one message may have
 */
public record OpcUaLimits(int maxSessions, int maxSubscriptionsPerSession, int maxSubscriptions,
                          int maxMonitoredItemsPerSession, int maxMonitoredItems, int maxMessageBytes, int maxChunkCount) {
    /** The chunk size Milo negotiates at most (OPC UA Part 6 §7.1.2.3: 8192 is the minimum a server must support). */
    public static final int MAX_CHUNK_BYTES = 65_535;

    /**
     * A bench has a controller, a SCADA, an engineer's laptop and test clients: 32 sessions are plenty; 20,000 items per
     * session hold a SCADA subscribed to a point-multiplied rig of 10,000 items; 4 MiB carry a read of every node.
     */
    public static final OpcUaLimits DEFAULTS = new OpcUaLimits(32, 16, 128, 20_000, 100_000, 4 * 1024 * 1024, 65);

    public OpcUaLimits {
        positive("max_sessions", maxSessions);
        positive("max_subscriptions_per_session", maxSubscriptionsPerSession);
        positive("max_subscriptions", maxSubscriptions);
        positive("max_monitored_items_per_session", maxMonitoredItemsPerSession);
        positive("max_monitored_items", maxMonitoredItems);
        positive("max_chunk_count", maxChunkCount);
        if (maxMessageBytes < 8192) throw new IllegalArgumentException("max_message_bytes must be >= 8192, was " + maxMessageBytes);
        if ((long) maxChunkCount * MAX_CHUNK_BYTES < maxMessageBytes) {
            throw new IllegalArgumentException("max_chunk_count " + maxChunkCount + " x " + MAX_CHUNK_BYTES
                    + " bytes cannot carry max_message_bytes " + maxMessageBytes);
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, was " + v);
    }

    public OpcUaLimits withSessions(int n) {
        return new OpcUaLimits(n, maxSubscriptionsPerSession, maxSubscriptions, maxMonitoredItemsPerSession, maxMonitoredItems, maxMessageBytes, maxChunkCount);
    }

    public OpcUaLimits withMonitoredItemsPerSession(int n) {
        return new OpcUaLimits(maxSessions, maxSubscriptionsPerSession, maxSubscriptions, n, Math.max(n, maxMonitoredItems), maxMessageBytes, maxChunkCount);
    }

    public OpcUaLimits withMessage(int bytes, int chunks) {
        return new OpcUaLimits(maxSessions, maxSubscriptionsPerSession, maxSubscriptions, maxMonitoredItemsPerSession, maxMonitoredItems, bytes, chunks);
    }
}
