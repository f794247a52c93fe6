package io.hilbench.runtime;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How the paced step loop waits for a step's absolute deadline: parked until {@code guard} before it, then a bounded
 * spin ({@link Thread#onSpinWait()}) to the deadline itself.
 *
 * <p>Why: a parked thread is woken by a kernel timer (on Linux with the thread's timer slack, 50 µs by default) and then
 * waits for a core; on a busy machine that wait is the loop's lateness tail (BENCHMARKS.md, branch console4: the
 * no-client p99 moved 0.5–2.3 ms between 6 s phases while the step's compute p99 was 0.07–0.14 ms). Waking
 * {@code guard} early lets the thread be on a core when the deadline passes whenever its wake-up delay is below the
 * guard, and cuts the guard off every longer delay. The cost is CPU: at most {@code guard} of spinning per step
 * (200 µs per 10 ms step is at most 2 % of one core; {@link #spunNs()} counts it). {@code guard = 0} is the plain park.
 *
 * <p>Only the paced modes wait here; lockstep waits for the controller's Ack and never for a deadline, so its trace does
 * not depend on this. Not thread-safe: the step loop's own object.
 */
final class DeadlineWait {
    /** The default guard: {@code -Dhilbench.wakeGuardUs=N} overrides it (0 parks only, as before). */
    static final long DEFAULT_GUARD_NS = Math.max(0L, Long.getLong("hilbench.wakeGuardUs", 200L)) * 1_000L;
    /** The longest single park (a stop request is seen at least this often). */
    static final long MAX_PARK_NS = 50_000_000L;

    /** Parks the calling thread for about {@code ns}. */
    interface Parker {
        void park(long ns);
    }

    private volatile long guardNs;   // set by benchmarks comparing guards in one run
    private final LongSupplier clock;
    private final Parker parker;
    private volatile long spunNs;   // written by the loop only, read by benchmarks

    DeadlineWait(long guardNs, LongSupplier clock, Parker parker) {
        if (guardNs < 0) throw new IllegalArgumentException("guard must be >= 0 ns, was " + guardNs);
        this.guardNs = guardNs;
        this.clock = clock;
        this.parker = parker;
    }

    /** The loop's wait: {@link System#nanoTime()}, {@link java.util.concurrent.locks.LockSupport#parkNanos}. */
    static DeadlineWait system(long guardNs, Object blocker) {
        return new DeadlineWait(guardNs, System::nanoTime, ns -> java.util.concurrent.locks.LockSupport.parkNanos(blocker, ns));
    }

    long guardNs() { return guardNs; }

    void guardNs(long ns) {
        if (ns < 0) throw new IllegalArgumentException("guard must be >= 0 ns, was " + ns);
        this.guardNs = ns;
    }

    /** Nanoseconds spent spinning so far (the CPU the guard costs). */
    long spunNs() { return spunNs; }

    /**
     * Waits until {@code deadlineNs} (clock time); returns the clock time it saw at or after the deadline (so that
     * minus the deadline is the wake-up's lateness), or {@link Long#MIN_VALUE} when {@code stopped} became true first.
     * Never returns before the deadline. Allocates nothing.
     */
    long until(long deadlineNs, BooleanSupplier stopped) {
        long spinFrom = Long.MIN_VALUE;
        long guardNs = this.guardNs;
        while (!stopped.getAsBoolean()) {
            long now = clock.getAsLong();
            long left = deadlineNs - now;
            if (left <= 0) {
                if (spinFrom != Long.MIN_VALUE) spunNs += now - spinFrom;
                return now;
            }
            if (left > guardNs) {
                parker.park(Math.min(left - guardNs, MAX_PARK_NS));
            } else {
                if (spinFrom == Long.MIN_VALUE) spinFrom = now;
                Thread.onSpinWait();
            }
        }
        if (spinFrom != Long.MIN_VALUE) spunNs += clock.getAsLong() - spinFrom;
        return Long.MIN_VALUE;
    }
}
