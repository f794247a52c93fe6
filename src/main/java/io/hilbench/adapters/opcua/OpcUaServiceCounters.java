package io.hilbench.adapters.opcua;

import java.util.concurrent.atomic.LongAdder;

/**
 * Requests and errors of the plant's OPC UA namespace, per service, for the console's {@code /metrics} (issue #16
 * item 7). Counted where our namespace is called (Milo's server hands each Read and Write to the namespace owning the
 * nodes, and each monitored item's creation and deletion): a request counts once per call into the namespace, an
 * operation once per node in it, an error once per operation answered with a Bad status code. Services our namespace
 * never sees (sessions, browsing, the standard namespace) are not counted here; connections are counted at the link's
 * fault proxy.
 */
public final class OpcUaServiceCounters {
    /** The services counted. */
    public enum Service { READ, WRITE, CREATE_MONITORED_ITEMS, DELETE_MONITORED_ITEMS }

    private final LongAdder[] requests = adders();
    private final LongAdder[] operations = adders();
    private final LongAdder[] errors = adders();

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[Service.values().length];
        for (int i = 0; i < a.length; i++) a[i] = new LongAdder();
        return a;
    }

    void count(Service s, int operationCount, int errorCount) {
        requests[s.ordinal()].increment();
        operations[s.ordinal()].add(operationCount);
        errors[s.ordinal()].add(errorCount);
    }

    /** Calls of the service into the plant namespace. */
    public long requests(Service s) { return requests[s.ordinal()].sum(); }

    /** Operations (nodes) in those calls. */
    public long operations(Service s) { return operations[s.ordinal()].sum(); }

    /** Operations answered with a Bad status code. */
    public long errors(Service s) { return errors[s.ordinal()].sum(); }
}
