package io.hilbench.runtime.link;

/**
 * The I/O link faults of DESIGN §6, injected on a protocol's link while the bench runs. Durations count plant
 * time (DESIGN §4 item 9), so nothing here has a timer: the fault schedule applies and clears them at plant-time
 * boundaries.
 */
public enum LinkFault {
    /** Close every open connection now (TCP reset on both sides) and refuse new ones while the fault lasts. */
    DROP,
    /** Stop answering: connections stay open, nothing is forwarded either way; held bytes flow when it ends. */
    BLACKHOLE,
    /** Add a fixed latency to every chunk in each direction, order preserved. The only kind with a delay. */
    DELAY,
    /**
     * Serve a stale snapshot. Not a TCP matter: the proxy passes traffic through unchanged and the wiring,
     * told through a {@link FreezeListener}, freezes the point table.
     */
    FREEZE
}
