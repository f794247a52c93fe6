package io.hilbench.controller;

import io.hilbench.runtime.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The controller's loop on its own thread: poll the plant clock, run a cycle when one is due, commit outputs,
 * heartbeat and Ack; reconnect with backoff when the plant link drops.
 *
 * <p><b>When a cycle is due.</b> Lockstep ({@code BENCH.Mode} says so, or the map has no mode point): whenever
 * {@code BENCH.Step} differs from the step last computed (or plant time went backwards: a new run). Real time and
 * accelerated: when a new step is published and at least {@link ControllerConfig#cycleMs()} of plant time passed since
 * the last cycle. Between polls the loop parks {@link #POLL_LOCKSTEP_NS} (lockstep) or {@link #POLL_PACED_NS}: the
 * handshake costs about one poll interval plus the requests per step.
 *
 * <p><b>Backing off in lockstep.</b> Each poll is a Modbus request through the bench's link proxy: two proxy pump
 * threads and the server's connection thread wake for it, mostly system time. A step normally follows its Ack within a
 * few hundred µs, so the loop polls every {@link #POLL_LOCKSTEP_NS} for the first {@link #POLL_SPIN_NS} after a cycle;
 * a plant that has not moved by then is held (a scenario action, the bench between scenarios, a real-time-paced link
 * fault) or starved of CPU, and the pause grows with the wait ({@link #lockstepPauseNs}: a quarter of the time waited,
 * at most {@link #POLL_LOCKSTEP_MAX_NS}). So a step that comes within the first millisecond is seen as soon as before,
 * a later one at most a quarter of its wait (and {@link #POLL_LOCKSTEP_MAX_NS}) later, and a plant held for a second
 * costs about 140 polls (and 50 Ack read-backs) instead of 5,000 polls. Plant time is untouched: in lockstep the bench waits for the Ack, so no trace
 * value depends on when the poll sees the step.
 *
 * <p><b>A plant that reset its Ack.</b> At the start of a run the bench sets {@code BENCH.Ack} to a no-Ack value, and a
 * new run may publish the very step number the controller last acknowledged. So when the step has not moved for
 * {@link #STALE_CHECK_NS}, the loop reads the Ack back and, if it is not the current step, runs the cycle again.
 *
 * <p><b>Communication loss</b> (CL-01). A lost plant link (a closed, reset or refused connection, a request unanswered
 * for the link-silence limit, or a refused reconnect after at least one cycle) is told to the logic ({@link ReferenceController#linkLost}: COMM_LOSS), which the supervisory
 * interface shows at once — it is served by this process, not over the lost link. The first cycle after the link
 * returns restarts the heat pump through its start sequence (see the controller).
 *
 * <p><b>Link silence in lockstep.</b> In lockstep the plant answers when the bench gets the CPU: a loaded machine, a
 * GC pause or a bench paused by a debugger makes an answer late, never wrong. A short wall-clock request timeout
 * there turned a slow bench into COMM_LOSS and a restart (8 times in DF-01/DF-02 under load on main), so the same
 * scenario judged differently by machine load. So the runner sets the request timeout from the pacing the plant
 * announces: {@link #LOCKSTEP_LINK_SILENCE} (10 s, as long as the bench's own default Ack timeout and far above any
 * pause) in lockstep, {@link #PACED_LINK_SILENCE} (1 s) in real-time and accelerated pacing, where the plant must
 * answer in time anyway. A real I/O link fault is still seen: a closed, reset or refused connection at once, a
 * blackholed link after 10 s of silence (CL-01 blackholes it for 30 s; while the fault lasts the bench paces in real
 * time, so that is 10 s of plant time, well inside the scenario's window).
 *
 * <p><b>Order inside a cycle</b> (DESIGN §4): read inputs, take the supervisory commands (pulses cleared), compute,
 * publish state and alarms, then commit outputs with heartbeat and Ack last — so whatever the bench reads after the
 * Ack is this step's state.
 */
public final class ControllerRunner implements Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(ControllerRunner.class);

    /** Poll interval in lockstep: short, so a step costs little more than its requests. */
    static final long POLL_LOCKSTEP_NS = TimeUnit.MICROSECONDS.toNanos(200);
    /** Lockstep: poll every {@link #POLL_LOCKSTEP_NS} this long after a cycle, then back off (class comment). */
    static final long POLL_SPIN_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Lockstep: the longest pause between polls while the plant is held. */
    static final long POLL_LOCKSTEP_MAX_NS = TimeUnit.MILLISECONDS.toNanos(8);
    /** Poll interval in real-time and accelerated pacing. */
    static final long POLL_PACED_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** No new step for this long: read the Ack back (see the class comment). */
    static final long STALE_CHECK_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Request timeout while the plant paces in lockstep (see the class comment). */
    public static final java.time.Duration LOCKSTEP_LINK_SILENCE = java.time.Duration.ofSeconds(10);
    /** Request timeout in real-time and accelerated pacing. */
    public static final java.time.Duration PACED_LINK_SILENCE = java.time.Duration.ofSeconds(1);
    /** Reconnect backoff, doubling from the first to the last value. */
    static final long BACKOFF_MIN_MS = 100;
    static final long BACKOFF_MAX_MS = 2000;
    private static final long STOP_JOIN_MS = 3000;

    private final ControllerIo io;
    private final ReferenceController logic;
    private final Supervisory supervisory;
    private final int cycleMs;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile long cycles;
    private volatile long lastAck = -1;
    private volatile long cycleNanosTotal;
    private int heartbeat;
    private long lastStep = -1;
    private long lastCycleTimeMs = -1;
    private long lastNewStepNs;
    /** When the loop began waiting for a new step (the end of the last cycle, or a connect), for the backoff. */
    private long waitingSinceNs;
    private volatile long polls;
    /** The pacing the request timeout was last set for; null before the first poll. */
    private Boolean timeoutForLockstep;

    public ControllerRunner(ControllerIo io, ReferenceController logic, Supervisory supervisory) {
        this.io = Objects.requireNonNull(io, "io");
        this.logic = Objects.requireNonNull(logic, "logic");
        this.supervisory = Objects.requireNonNull(supervisory, "supervisory");
        this.cycleMs = logic.config().cycleMs();
    }

    @Override
    public synchronized void start() {
        if (thread != null) throw new IllegalStateException("a ControllerRunner starts once");
        running = true;
        Thread t = new Thread(this::loop, "controller-loop");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            t.join(STOP_JOIN_MS);
            long c = cycles, p = polls;
            log.info("controller loop stopped: {} cycles, {} clock polls ({} per cycle)", c, p,
                    c == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.2f", (double) p / c));
        }
        io.close();
    }

    /** Cycles run so far. */
    public long cycles() { return cycles; }

    /** The last step acknowledged, or -1. */
    public long lastAck() { return lastAck; }

    /** Clock polls so far (diagnostics: how many requests the handshake spends on waiting). */
    public long polls() { return polls; }

    /** Mean wall time of a cycle's read, compute and commit, ns (diagnostics; the poll wait is not included). */
    public double meanCycleNanos() {
        long c = cycles;
        return c == 0 ? Double.NaN : (double) cycleNanosTotal / c;
    }

    private void loop() {
        long backoffMs = BACKOFF_MIN_MS;
        boolean warnedDown = false;
        while (running) {
            if (!io.isOpen()) {
                try {
                    io.open();
                    log.info("controller connected to the plant at {}", io.describe());
                    backoffMs = BACKOFF_MIN_MS;
                    warnedDown = false;
                    lastNewStepNs = System.nanoTime();
                    waitingSinceNs = lastNewStepNs;
                } catch (ControllerIoException e) {
                    if (!warnedDown) log.warn("{}; retrying with backoff up to {} ms", e.getMessage(), BACKOFF_MAX_MS);
                    if (cycles > 0) linkLost(e); // never connected yet: no link to lose
                    warnedDown = true;
                    pause(TimeUnit.MILLISECONDS.toNanos(backoffMs));
                    backoffMs = Math.min(BACKOFF_MAX_MS, backoffMs * 2);
                    continue;
                }
            }
            try {
                ControllerIo.BenchClock clock = io.poll();
                polls++;
                linkSilenceFor(clock.lockstep());
                if (due(clock)) {
                    runCycle();
                } else if (clock.lockstep() && System.nanoTime() - lastNewStepNs >= STALE_CHECK_NS) {
                    lastNewStepNs = System.nanoTime();
                    if (io.readAck() != clock.step()) {
                        log.debug("BENCH.Ack is not step {} (a new run?): running the cycle again", clock.step());
                        runCycle();
                    }
                } else {
                    pause(clock.lockstep() ? lockstepPauseNs(System.nanoTime() - waitingSinceNs) : POLL_PACED_NS);
                }
            } catch (ControllerIoException e) {
                if (e.linkLost()) {
                    log.warn("{}; reconnecting", e.getMessage());
                    linkLost(e);
                    io.close();
                } else {
                    log.warn("{}", e.getMessage());
                }
                pause(TimeUnit.MILLISECONDS.toNanos(backoffMs));
                backoffMs = Math.min(BACKOFF_MAX_MS, backoffMs * 2);
            } catch (RuntimeException e) {
                log.error("controller cycle failed", e);
                pause(TimeUnit.MILLISECONDS.toNanos(backoffMs));
                backoffMs = Math.min(BACKOFF_MAX_MS, backoffMs * 2);
            }
        }
    }

    /**
     * The pause before the next lockstep poll when the step has not moved for {@code waitedNs} since the last cycle:
     * {@link #POLL_LOCKSTEP_NS} for the first {@link #POLL_SPIN_NS}, then a quarter of the wait (each pause 1.25 times
     * the last: the step is seen at most 25 % of its wait late), at most {@link #POLL_LOCKSTEP_MAX_NS}.
     */
    static long lockstepPauseNs(long waitedNs) {
        if (waitedNs < POLL_SPIN_NS) return POLL_LOCKSTEP_NS;
        return Math.min(POLL_LOCKSTEP_MAX_NS, Math.max(POLL_LOCKSTEP_NS, waitedNs / 4));
    }

    /** Sets the plant link's request timeout for the pacing the plant announces (see the class comment). */
    private void linkSilenceFor(boolean lockstep) {
        if (timeoutForLockstep != null && timeoutForLockstep == lockstep) return;
        timeoutForLockstep = lockstep;
        io.requestTimeout(lockstep ? LOCKSTEP_LINK_SILENCE : PACED_LINK_SILENCE);
    }

    /** Tells the logic (COMM_LOSS, stamped with the last plant time) and shows it on the supervisory interface at once. */
    private void linkLost(ControllerIoException e) {
        logic.linkLost(e.getMessage());
        supervisory.publish(logic.state(), logic.alarms());
    }

    private boolean due(ControllerIo.BenchClock c) {
        if (lastStep < 0 || c.plantTimeMs() < lastCycleTimeMs) return true;   // first cycle, or a new run
        if (c.step() == lastStep) return false;
        return c.lockstep() || c.plantTimeMs() - lastCycleTimeMs >= cycleMs;
    }

    private void runCycle() throws ControllerIoException {
        long t0 = System.nanoTime();
        Inputs in = io.read();                       // a failed read must not swallow a command: take them after it
        Commands cmds = supervisory.takeCommands();
        Outputs out = logic.cycle(in, cmds);
        supervisory.publish(logic.state(), logic.alarms());
        heartbeat = (heartbeat + 1) & 0xFFFF;
        io.commit(out, heartbeat, in.step());
        long t1 = System.nanoTime();
        lastStep = in.step();
        lastCycleTimeMs = in.plantTimeMs();
        lastAck = in.step();
        lastNewStepNs = t1;
        waitingSinceNs = t1;
        cycleNanosTotal += t1 - t0;
        cycles++;
    }

    private void pause(long nanos) {
        if (running) LockSupport.parkNanos(this, nanos);
    }
}
