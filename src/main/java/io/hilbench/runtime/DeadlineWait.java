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
 * <p><b>Adaptive guard</b> ({@link #adaptive}, {@code --wake-guard-us auto}, {@code -Dhilbench.wakeGuardUs=auto}): on a
 * virtual machine the wake-up delay's tail is set by the host, not by the guest's load (BENCHMARKS.md, session 13: on
 * the 2-core Firecracker VM a SCHED_FIFO loop thread, which no guest thread can keep off a core, still woke 1.6–3.6 ms
 * late at p99 beside two browsers with the fixed 200 µs guard). No fixed guard fits every host, so the wait measures its own parks' oversleep (the
 * time from a park's target to the first clock read after it), keeps the last {@value #WINDOW} of them, and every
 * {@value #RECOMPUTE_EVERY} parks moves the guard toward the window's {@value #QUANTILE_PERMILLE}‰ quantile × 5/4 +
 * 100 µs, within [{@code minGuard}, {@code maxGuard}]: up at once (also between recomputes, when one oversleep exceeds
 * what the guard covers), down a quarter of the way per recompute. The maximum bounds the CPU the spin may take ({@code maxGuard} per step).
 * The estimate reads only oversleeps of parks that were to end inside the guard's reach (the last park of a wait), so
 * a stop request's short parks do not count. Allocation-free after construction.
 *
 * <p>Only the paced modes wait here; lockstep waits for the controller's Ack and never for a deadline, so its trace does
 * not depend on this. Not thread-safe: the step loop's own object.
 */
final class DeadlineWait {
    /** {@code -Dhilbench.wakeGuardUs}: µs, or empty for {@code auto} (the adaptive guard), read once. */
    private static final java.util.OptionalLong DEFAULT_SPEC_US = parseGuardUs(System.getProperty("hilbench.wakeGuardUs", "200"), "-Dhilbench.wakeGuardUs");
    /** Whether {@code -Dhilbench.wakeGuardUs=auto} asks for the adaptive guard. */
    static final boolean DEFAULT_ADAPTIVE = DEFAULT_SPEC_US.isEmpty();
    /** The default guard: {@code -Dhilbench.wakeGuardUs=N} overrides it (0 parks only, as before; auto starts at 200 µs). */
    static final long DEFAULT_GUARD_NS = Math.max(0L, DEFAULT_SPEC_US.orElse(200L)) * 1_000L;

    /**
     * A wake-up guard as given on the command line or in {@code -Dhilbench.wakeGuardUs}: a number of µs (returned as
     * given, sign included: the caller decides about negatives), or empty for {@code auto}.
     *
     * @throws IllegalArgumentException naming {@code what} when it is neither
     */
    static java.util.OptionalLong parseGuardUs(String spec, String what) {
        String v = spec.trim();
        if (v.equalsIgnoreCase("auto")) return java.util.OptionalLong.empty();
        try {
            return java.util.OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number of microseconds >= 0 or auto, was '" + spec + "'");
        }
    }
    /** The longest single park (a stop request is seen at least this often). */
    static final long MAX_PARK_NS = 50_000_000L;
    /** Adaptive guard: the oversleeps kept (the last this many parks, 10 s at 10 ms steps). */
    static final int WINDOW = 1024;
    /** Adaptive guard: recomputed after this many parks. */
    static final int RECOMPUTE_EVERY = 128;
    /** Adaptive guard: the window's quantile it follows, per mille (998: the 3rd largest of 1024). */
    static final int QUANTILE_PERMILLE = 998;
    /** Adaptive guard: the margin over the scaled quantile. */
    static final long MARGIN_NS = 100_000L;

    /** Parks the calling thread for about {@code ns}. */
    interface Parker {
        void park(long ns);
    }

    private volatile long guardNs;   // set by benchmarks comparing guards in one run
    private final LongSupplier clock;
    private final Parker parker;
    private volatile long spunNs;   // written by the loop only, read by benchmarks
    // adaptive guard (off when maxGuardNs == 0): the last WINDOW oversleeps (ns, capped), their count, a sort buffer
    private volatile long minGuardNs, maxGuardNs;
    private final long[] oversleeps = new long[WINDOW];
    private final long[] sorted = new long[WINDOW];
    private long parksSeen;

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

    /** A fixed guard (ends the adaptive one). */
    void guardNs(long ns) {
        if (ns < 0) throw new IllegalArgumentException("guard must be >= 0 ns, was " + ns);
        this.maxGuardNs = 0;
        this.guardNs = ns;
    }

    /**
     * The adaptive guard between {@code minNs} and {@code maxNs}, starting at {@code minNs}; its window starts empty.
     * Takes effect at the loop's next wait (the loop thread reads the fields; a benchmark may switch modes mid-run).
     */
    void adaptive(long minNs, long maxNs) {
        if (minNs < 0 || maxNs <= 0 || minNs > maxNs)
            throw new IllegalArgumentException("adaptive guard needs 0 <= min <= max, max > 0; was " + minNs + ".." + maxNs + " ns");
        this.minGuardNs = minNs;
        this.guardNs = minNs;
        this.parksSeen = 0;
        this.maxGuardNs = maxNs;
    }

    /** Whether the guard adapts to the measured oversleep. */
    boolean isAdaptive() { return maxGuardNs > 0; }

    /** The adaptive guard's bounds as "min..max µs", or the fixed guard. */
    String describe() {
        long max = maxGuardNs;
        return max > 0 ? "adaptive " + minGuardNs / 1000 + ".." + max / 1000 + " us (now " + guardNs / 1000 + " us)" : guardNs / 1000 + " us";
    }

    /** One park's oversleep seen: kept in the window, and every RECOMPUTE_EVERY parks the guard follows the window. */
    private void observeOversleep(long ns) {
        long max = maxGuardNs;
        if (max <= 0) return;
        long kept = Math.min(Math.max(ns, 0L), 10 * max);
        oversleeps[(int) (parksSeen % WINDOW)] = kept;
        parksSeen++;
        // up at once: an oversleep the guard did not cover raises it before the next step (a new tail regime, e.g. a
        // browser starting, is met within a step, not after the next recompute)
        long cover = Math.min(max, kept * 5 / 4 + MARGIN_NS);
        if (cover > guardNs) guardNs = cover;
        if (parksSeen % RECOMPUTE_EVERY != 0) return;
        int n = (int) Math.min(parksSeen, WINDOW);
        System.arraycopy(oversleeps, 0, sorted, 0, n);
        java.util.Arrays.sort(sorted, 0, n);
        long q = sorted[Math.min(n - 1, (int) ((long) n * QUANTILE_PERMILLE / 1000))];
        long target = Math.max(minGuardNs, Math.min(max, q * 5 / 4 + MARGIN_NS));
        // down slowly: a quarter of the way per recompute (about 10 s to settle at 10 ms steps), so a quiet spell
        // between bursts does not leave the next burst uncovered
        long now = guardNs;
        guardNs = target >= now ? target : Math.max(target, now - Math.max(1_000L, (now - target) / 4));
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
        long parkTarget = Long.MIN_VALUE;   // the clock time the last park (one aimed inside the guard) should end at
        while (!stopped.getAsBoolean()) {
            long now = clock.getAsLong();
            if (parkTarget != Long.MIN_VALUE) {
                observeOversleep(now - parkTarget);
                parkTarget = Long.MIN_VALUE;
            }
            long left = deadlineNs - now;
            if (left <= 0) {
                if (spinFrom != Long.MIN_VALUE) spunNs += now - spinFrom;
                return now;
            }
            if (left > guardNs) {
                long parkNs = Math.min(left - guardNs, MAX_PARK_NS);
                if (parkNs == left - guardNs) parkTarget = now + parkNs;
                parker.park(parkNs);
            } else {
                if (spinFrom == Long.MIN_VALUE) spinFrom = now;
                Thread.onSpinWait();
            }
        }
        if (spinFrom != Long.MIN_VALUE) spunNs += clock.getAsLong() - spinFrom;
        return Long.MIN_VALUE;
    }
}
