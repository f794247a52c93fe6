package io.hilbench.runtime;

/**
 * The I/O watchdog of DESIGN §5, like a remote-I/O coupler's: if the controller's heartbeat has not changed for
 * {@code timeoutMs} of plant time, every actuator goes to its failsafe value until the heartbeat changes again.
 * Plant time, not wall time (DESIGN §4 item 9), so the same scenario trips at the same step in every pacing mode.
 * Not thread-safe: the loop thread owns it.
 */
public final class IoWatchdog {
    private final long timeoutMs;
    private double lastHeartbeat = Double.NaN;
    private long lastChangeMs;
    private volatile boolean tripped; // read by other threads through Emulator.watchdogTripped()

    /** @param timeoutMs plant-time timeout; 0 or less disables the watchdog */
    public IoWatchdog(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public boolean enabled() { return timeoutMs > 0; }

    public long timeoutMs() { return timeoutMs; }

    /** Back to the start of a run: the heartbeat seen at {@code plantTimeMs} counts as a fresh change. */
    public void reset(long plantTimeMs, double heartbeat) {
        lastHeartbeat = heartbeat;
        lastChangeMs = plantTimeMs;
        tripped = false;
    }

    /**
     * Takes the heartbeat seen at {@code plantTimeMs} and returns whether the watchdog is tripped now. A change of
     * value (any change, as a toggling bit or a counter) restarts the timeout and clears a trip at once.
     */
    public boolean update(long plantTimeMs, double heartbeat) {
        if (!enabled()) return false;
        if (Double.compare(heartbeat, lastHeartbeat) != 0) {
            lastHeartbeat = heartbeat;
            lastChangeMs = plantTimeMs;
            tripped = false;
        } else if (plantTimeMs - lastChangeMs >= timeoutMs) {
            tripped = true;
        }
        return tripped;
    }

    public boolean tripped() { return tripped; }
}
