package io.hilbench.adapters.modbus;

import java.util.function.LongSupplier;

/**
 * Caps how many log lines per second one kind of client-caused event writes (refused writes, malformed frames,
 * refused or idle connections). These are logged at INFO because a commissioning engineer wants to see them, but a
 * hostile or broken client can cause thousands per second: uncapped, a fuzz run of 10^6 frames wrote about 60 MB of
 * log, which slows every other client (the appender is synchronous) and can fill the disk of an unattended bench.
 * Over the cap, lines are counted, not written, and the next line written says how many were suppressed.
 *
 * <p>Thread-safe; one instance per kind of event.
 */
final class LogLimiter {
    /** Lines per second per kind: enough to read a commissioning session in full, small enough to never matter. */
    static final int DEFAULT_PER_SECOND = 20;

    private final int perSecond;
    private final LongSupplier nanoClock;
    private long windowStartNs;
    private int inWindow;
    private long suppressed;

    LogLimiter(int perSecond, LongSupplier nanoClock) {
        if (perSecond < 1) throw new IllegalArgumentException("perSecond must be >= 1");
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.windowStartNs = nanoClock.getAsLong();
    }

    LogLimiter() {
        this(DEFAULT_PER_SECOND, System::nanoTime);
    }

    /**
     * @return -1 when this line must be suppressed; otherwise the number of lines suppressed since the last one
     *         written (0 usually), to mention in this line
     */
    synchronized long admit() {
        long now = nanoClock.getAsLong();
        if (now - windowStartNs >= 1_000_000_000L) {
            windowStartNs = now;
            inWindow = 0;
        }
        if (inWindow >= perSecond) {
            suppressed++;
            return -1;
        }
        inWindow++;
        long s = suppressed;
        suppressed = 0;
        return s;
    }

    /** " (N similar lines suppressed)" or "". */
    static String note(long suppressed) {
        return suppressed > 0 ? " (" + suppressed + " similar lines suppressed before this one)" : "";
    }
}
