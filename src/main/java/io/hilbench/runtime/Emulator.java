package io.hilbench.runtime;

import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;
import io.hilbench.runtime.faults.FaultSchedule;
import io.hilbench.runtime.faults.SensorFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The plant emulator's step loop (DESIGN §3, §4): owns the plant, the I/O view of the point table, the pacing,
 * the sensor-fault schedule, the I/O watchdog, the recorder and the timing log, and runs on its own thread.
 *
 * <p>One step, with N the step being published:
 * <ol>
 *   <li>wait: lockstep waits for {@code BENCH.Ack = N} (woken by each applied write request; timeout → the run is
 *       inconclusive, "controller not responding at step N"); real time and accelerated wait for the absolute
 *       deadline of step N+1 ({@code start + (N+1)·step/factor}, so no drift) and record the lateness; while an
 *       injected link fault is active, lockstep paces in real time without waiting for the Ack (DESIGN §4 item 9);</li>
 *   <li>commit, holding the step lock: the watchdog looks at the heartbeat (plant time); the actuator values of the
 *       table state that holds the Ack (or their failsafe values) and the external inputs form {@link PlantInputs};
 *       extension columns are read; row N goes to the trace;</li>
 *   <li>the plant steps to N+1; sensor faults are applied on the way out; the frame and bench status are published.</li>
 * </ol>
 *
 * <p>Scenario actions run between steps: {@link #between(Runnable)} and {@link #hold()} take the step lock, so a
 * setpoint, an external input or a fault applies at a step boundary; a fault due at plant time t applies at the
 * first step ≥ t.
 */
public final class Emulator implements Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(Emulator.class);
    private static final long UINT32_MASK = 0xFFFF_FFFFL;

    private final PlantModel plant;
    private final PlantIo io;
    private final EmulatorConfig config;
    private final LinkFaultState linkFaults;
    private final SignalCatalogue catalogue;
    private final FaultSchedule faults;
    private final Recorder recorder;
    private final TimingLog timing = new TimingLog();
    private final IoWatchdog watchdog;
    private final ReentrantLock stepLock = new ReentrantLock(true);
    private final Object signal = new Object();
    private final List<Extension> extensions = new ArrayList<>();
    private final List<Consumer<TraceRow>> stepListeners = new CopyOnWriteArrayList<>();
    private final Runnable linkChange = this::wake;
    // the paced wait: parked to a guard before the deadline, then a bounded spin (DeadlineWait); created once, so the
    // loop allocates nothing to wait
    private final DeadlineWait deadlineWait = DeadlineWait.system(DeadlineWait.DEFAULT_GUARD_NS, this);
    private final java.util.function.BooleanSupplier stopped = () -> this.stopRequested;
    // what the paced loop's thread asks the scheduler for (LoopScheduling), and what it got; the loop applies a changed
    // request before its next step
    private volatile LoopScheduling.Request schedulingRequest = LoopScheduling.Request.defaults();
    private volatile LoopScheduling.Outcome schedulingOutcome;
    private final java.util.concurrent.CountDownLatch schedulingKnown = new java.util.concurrent.CountDownLatch(1);

    private double[] externalInputs;
    private volatile long step;
    private volatile long plantTimeMs;
    private volatile RunStatus status = RunStatus.NEW;
    private volatile boolean stopRequested;
    /** False from {@link #holdAckTimer()} until {@link #startAckTimer()}: the Ack wait has no deadline meanwhile. */
    private volatile boolean ackTimerRunning = true;
    private Thread thread;

    // the published step's snapshot, kept for its trace row (loop thread, or start() before the thread runs)
    private long currentTimeMs;
    private double[] currentTrue;
    private double[] currentPublished;
    private Quality[] currentQualities;
    private double[] lastInputs;
    private Quality[] allGood;

    private record Extension(String name, DoubleSupplier source, int everyNSteps) {}

    /** Handle of {@link #hold()}: closing it lets the loop step again. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param linkFaults set by the link-fault proxies; pass a fresh {@link LinkFaultState} when there are none
     */
    public Emulator(PlantModel plant, PlantIo io, EmulatorConfig config, LinkFaultState linkFaults) {
        this.plant = plant;
        this.io = io;
        this.config = config;
        if (DeadlineWait.DEFAULT_ADAPTIVE) wakeGuardAuto();
        this.linkFaults = linkFaults;
        this.catalogue = plant.catalogue();
        this.faults = new FaultSchedule(catalogue, config.seed());
        this.recorder = new Recorder(catalogue);
        this.watchdog = new IoWatchdog(io.hasHeartbeat() ? config.watchdogTimeoutMs() : 0);
        if (config.pacing().kind() == Pacing.Kind.LOCKSTEP && !io.hasAck()) {
            throw new IllegalArgumentException("lockstep needs a BENCH.Ack point (bench.ack binding) in the rig's point map");
        }
        if (config.watchdogTimeoutMs() > 0 && !io.hasHeartbeat()) {
            log.warn("the rig has no BENCH.Heartbeat point: the I/O watchdog is off");
        }
    }

    public EmulatorConfig config() { return config; }

    public SignalCatalogue catalogue() { return catalogue; }

    public Recorder recorder() { return recorder; }

    public TimingLog timingLog() { return timing; }

    public RunStatus status() { return status; }

    /** The step published last (BENCH.Step). */
    public long step() { return step; }

    /** The plant time of the step published last. */
    public long plantTimeMs() { return plantTimeMs; }

    /** True while the I/O watchdog applies failsafe values. */
    public boolean watchdogTripped() { return watchdog.tripped(); }

    /**
     * Registers a trace column read on the loop thread after the Ack of every {@code everyNSteps}-th step
     * (DESIGN §4 item 6: the controller's supervisory state); NaN in other rows and when the read fails. Before
     * {@link #start()}.
     */
    public void addExtensionColumn(String name, DoubleSupplier source, int everyNSteps) {
        if (status.running()) throw new IllegalStateException("add extension columns before start()");
        if (everyNSteps < 1) throw new IllegalArgumentException("everyNSteps must be >= 1, was " + everyNSteps);
        recorder.addExtensionColumn(name);
        extensions.add(new Extension(name, source, everyNSteps));
    }

    /** Called on the loop thread after each step's row is recorded (keep it short). */
    public void addStepListener(Consumer<TraceRow> listener) { stepListeners.add(listener); }

    public void removeStepListener(Consumer<TraceRow> listener) { stepListeners.remove(listener); }

    // ------------------------------------------------------------------ lifecycle

    /** Resets the plant (seed from the config), publishes step 0 and starts the loop thread. */
    @Override
    public synchronized void start() {
        if (status.running()) throw new IllegalStateException("emulator already running");
        stopRequested = false;
        plant.reset(config.seed());
        faults.reset(config.seed());
        recorder.clear();
        timing.clear();
        // sensor faults scheduled before start() stay scheduled (reseeded); extension columns stay registered
        externalInputs = plant.defaultInputs().values();
        if (externalInputs.length != catalogue.inputs().size()) {
            throw new IllegalStateException("plant default inputs have " + externalInputs.length + " values for " + catalogue.inputs().size() + " inputs");
        }
        allGood = new Quality[catalogue.outputs().size()];
        Arrays.fill(allGood, Quality.GOOD);
        lastInputs = null;
        io.setListener(new PlantIo.Listener() {
            @Override public void requestApplied() { wake(); }

            @Override public void event(String message) { recorder.event(message); }
        });
        linkFaults.addListener(linkChange);

        PlantSnapshot s0 = plant.snapshot();
        List<String> events = new ArrayList<>(s0.events());
        stageSnapshot(s0, events);
        step = 0;
        plantTimeMs = s0.plantTimeMs();
        recorder.setCurrentStep(0, plantTimeMs);
        events.forEach(e -> recorder.event(0, plantTimeMs, e));
        io.publishFirst(frame(0), new PlantIo.BenchStatus(config.pacing().kind(), false));
        watchdog.reset(plantTimeMs, io.sample(externalInputs, false).heartbeat());
        status = RunStatus.RUNNING;
        log.info("emulator started: {} steps of {} ms, seed {}", config.pacing(), config.stepMs(), config.seed());
        thread = new Thread(this::run, "hilbench-step-loop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the loop and waits for it; the last published step gets its (unanswered) trace row. */
    @Override
    public void stop() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
            stopRequested = true;
        }
        wake();
        if (t != null && t != Thread.currentThread()) t.join(30_000);
        linkFaults.removeListener(linkChange);
        synchronized (this) {
            thread = null;
        }
    }

    /**
     * Before {@link #start()}: the Ack timeout does not run until {@link #startAckTimer()}. The bench starts its plant
     * before the controller it launches (the controller needs the plant's address), and a child JVM may take tens of
     * seconds to start on a loaded machine: the documented Ack timeout is about a controller that is there and does not
     * answer, so it starts when the controller is ready. The loop waits for the first Ack meanwhile; a stop ends it.
     */
    public void holdAckTimer() {
        if (status.running()) throw new IllegalStateException("hold the Ack timer before start()");
        ackTimerRunning = false;
    }

    /** Starts the Ack timeout held by {@link #holdAckTimer()} (from now); does nothing when it runs already. */
    public void startAckTimer() {
        ackTimerRunning = true;
        wake();
    }

    // ------------------------------------------------------------------ scenario actions (between steps)

    /** Runs {@code action} while the loop is held between two steps. */
    public void between(Runnable action) {
        stepLock.lock();
        try {
            action.run();
        } finally {
            stepLock.unlock();
        }
    }

    /** Runs {@code action} while the loop is held between two steps and returns its result. */
    public <T> T between(Callable<T> action) throws Exception {
        stepLock.lock();
        try {
            return action.call();
        } finally {
            stepLock.unlock();
        }
    }

    /**
     * Holds the plant between steps until the handle is closed (on the same thread), for a driver call that spans
     * several actions: {@code try (var h = emulator.hold()) { ... }}.
     */
    public Hold hold() {
        stepLock.lock();
        return stepLock::unlock;
    }

    /**
     * Sets an external input (weather, disturbance, physical fault) from the next step on. An input an actuator is
     * bound to takes the actuator's value instead.
     */
    public void setExternalInput(String input, double valueSi) {
        int i = catalogue.inputIndex(input);
        if (i < 0) throw new IllegalArgumentException("no plant input '" + input + "'");
        if (Double.isNaN(valueSi)) throw new IllegalArgumentException("external input " + input + " must be a number");
        between(() -> {
            externalInputs[i] = valueSi;
            recorder.event("external input " + input + " = " + valueSi);
        });
    }

    /** The external input's current value. */
    public double externalInput(String input) {
        int i = catalogue.inputIndex(input);
        if (i < 0) throw new IllegalArgumentException("no plant input '" + input + "'");
        stepLock.lock();
        try {
            return externalInputs[i];
        } finally {
            stepLock.unlock();
        }
    }

    /** Schedules a sensor fault; returns its id. It applies from the first step at or after its start. */
    public long addSensorFault(SensorFault fault) {
        stepLock.lock();
        try {
            return faults.add(fault);
        } finally {
            stepLock.unlock();
        }
    }

    /** Ends a sensor fault at the next step. */
    public void clearSensorFault(long id) {
        between(() -> faults.clear(id));
    }

    public List<SensorFault> sensorFaults() { return faults.faults(); }

    /** The site reset of latched trips (a person at the panel; DESIGN §5), between steps. */
    public void resetLatchedTrips() {
        between(() -> {
            recorder.event("site reset of latched trips");
            plant.resetLatchedTrips().forEach(recorder::event);
        });
    }

    // ------------------------------------------------------------------ waits

    /**
     * Blocks until plant time reaches {@code targetMs} or the run ends, at most {@code wallGuard}.
     *
     * @return true when plant time reached the target
     */
    public boolean awaitPlantTime(long targetMs, Duration wallGuard) throws InterruptedException {
        long deadline = System.nanoTime() + wallGuard.toNanos();
        synchronized (signal) {
            while (plantTimeMs < targetMs) {
                if (status.state() != RunStatus.State.RUNNING && status.state() != RunStatus.State.NEW) return false;
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                signal.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Blocks until the run is no longer running, at most {@code wallGuard}; returns the status then. */
    public RunStatus awaitEnd(Duration wallGuard) throws InterruptedException {
        long deadline = System.nanoTime() + wallGuard.toNanos();
        synchronized (signal) {
            while (status.running()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                signal.wait(Math.max(1, left / 1_000_000));
            }
            return status;
        }
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    // ------------------------------------------------------------------ the loop

    private enum AckWait { ACKED, LINK_FAULT, STOPPED, TIMEOUT }

    private void run() {
        Pacing pacing = config.pacing();
        LoopScheduling.Request appliedRequest = null;
        long stepNs = config.stepMs() * 1_000_000L;
        long t0 = System.nanoTime();
        // absolute deadlines: anchor + (k - anchorStep)·step/factor; re-anchored when a link fault starts in lockstep
        long anchorNs = t0;
        long anchorStep = 0;
        boolean linkPacing = false;
        long publishNs = t0;
        try {
            while (!stopRequested) {
                long n = step;
                long lateness = TimingLog.NONE;
                long ackRoundTrip = TimingLog.NONE;
                double factor = pacing.factor();
                boolean paced = pacing.paced();
                boolean linkPacedStep = false;
                if (pacing.kind() == Pacing.Kind.LOCKSTEP) {
                    // a fault injected between steps finds step n answered (the bench waits for the Ack before it acts):
                    // n is committed on that Ack and real-time pacing starts with n+1, however the threads interleave
                    if (linkFaults.isActive() && (linkPacing || !ackIs(n))) {
                        linkPacedStep = true;
                        if (!linkPacing) {
                            linkPacing = true;
                            anchorNs = System.nanoTime();
                            anchorStep = n;
                            recorder.event("link fault active (" + String.join(", ", linkFaults.activeFaults()) + "): pacing in real time without Ack");
                        }
                        paced = true;
                        factor = 1.0;
                    } else {
                        if (linkPacing) {
                            linkPacing = false;
                            recorder.event("link restored: lockstep handshake resumes at step " + n);
                        }
                        AckWait w = awaitAck(n);
                        if (w == AckWait.STOPPED) break;
                        if (w == AckWait.TIMEOUT) {
                            status = RunStatus.inconclusive("controller not responding at step " + n);
                            log.warn("run inconclusive: controller not responding at step {} (no Ack within {})", n, config.ackTimeout());
                            recorder.event(status.reason());
                            break;
                        }
                        if (w == AckWait.LINK_FAULT) continue;
                        ackRoundTrip = System.nanoTime() - publishNs;
                    }
                }
                long deadline = 0;
                long wakeNs = TimingLog.NONE;
                if (pacing.paced() && schedulingRequest != appliedRequest) appliedRequest = applyScheduling(appliedRequest);
                if (paced) {
                    deadline = anchorNs + Math.round((n + 1 - anchorStep) * (stepNs / factor));
                    long woke = deadlineWait.until(deadline, stopped);
                    if (woke == Long.MIN_VALUE) break;
                    wakeNs = woke - deadline;
                }
                long computeNs = commitAndStep(n, linkPacedStep);
                if (computeNs < 0) continue;   // the link came back while this step waited: it waits for its Ack instead
                publishNs = System.nanoTime();
                // lateness: when step N+1 became visible against its deadline (a held plant or a slow step counts)
                if (paced) lateness = publishNs - deadline;
                timing.append(n, publishNs - t0, lateness, ackRoundTrip, computeNs, wakeNs);
                wake();
            }
        } catch (RuntimeException | Error e) {
            status = RunStatus.failed("step loop failed at step " + step + ": " + e);
            log.error("step loop failed at step {}", step, e);
            recorder.event(status.reason());
        } finally {
            finish();
        }
    }

    /**
     * The loop thread asks the scheduler for {@link #schedulingRequest} (paced modes only: lockstep waits for the
     * controller, not for a deadline, and keeps the thread's scheduling). A thread changed by an earlier request is put
     * back to the default first. Logged once, then at info only on a change.
     */
    private LoopScheduling.Request applyScheduling(LoopScheduling.Request before) {
        LoopScheduling.Request r = schedulingRequest;
        if (before != null && schedulingOutcome != null && schedulingOutcome.applied()) LoopScheduling.restoreDefault();
        LoopScheduling.Outcome o = r.asksNothing() && before == null
                ? new LoopScheduling.Outcome(false, 0, 0, "default scheduling (asked for nothing: slice 0, no rt priority)")
                : LoopScheduling.applyToCurrentThread(r);
        schedulingOutcome = o;
        if (before == null) log.info("step loop scheduling: {}", o.description());
        else log.debug("step loop scheduling: {}", o.description());
        schedulingKnown.countDown();
        return r;
    }

    /**
     * What the paced loop's thread asks the scheduler for, from its next step on (default {@link
     * LoopScheduling.Request#defaults()}: {@code -Dhilbench.loopSliceUs}, {@code -Dhilbench.rtPriority}).
     */
    public void loopScheduling(LoopScheduling.Request request) { this.schedulingRequest = java.util.Objects.requireNonNull(request); }

    public LoopScheduling.Request loopSchedulingRequest() { return schedulingRequest; }

    /**
     * What the loop's thread got, for the bench's start line: waits up to {@code wait} for the paced loop's first step
     * to apply it; lockstep says it keeps the thread's scheduling.
     */
    public String loopSchedulingDescription(Duration wait) throws InterruptedException {
        if (!config.pacing().paced()) return "default scheduling (lockstep does not wait for deadlines)";
        schedulingKnown.await(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        LoopScheduling.Outcome o = schedulingOutcome;
        return o == null ? "not known yet (the loop has not stepped)" : o.description();
    }

    /** Waits for BENCH.Ack = n (uint32), a link fault, a stop, or the ack timeout. */
    private AckWait awaitAck(long n) {
        long expected = n & UINT32_MASK;
        boolean timed = ackTimerRunning;
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        synchronized (signal) {
            while (true) {
                if (stopRequested) return AckWait.STOPPED;
                double ack = io.ack();
                if (!Double.isNaN(ack) && (long) ack == expected) return AckWait.ACKED;   // before the link: see run()
                if (linkFaults.isActive()) return AckWait.LINK_FAULT;
                if (!timed) {
                    if (!ackTimerRunning) {
                        waitSignal(100);
                        continue;
                    }
                    timed = true;   // the controller is ready: the documented timeout runs from now
                    deadline = System.nanoTime() + config.ackTimeout().toNanos();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) return AckWait.TIMEOUT;
                try {
                    signal.wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return AckWait.STOPPED;
                }
            }
        }
    }

    /** Waits on the signal monitor (caller holds it) up to {@code ms}; an interrupt ends the loop at its next check. */
    private void waitSignal(long ms) {
        try {
            signal.wait(ms);
        } catch (InterruptedException e) {
            stopRequested = true;
            Thread.currentThread().interrupt();
        }
    }

    /** The wake-up guard of the paced wait, ns (0: parked to the deadline). */
    public long wakeGuardNs() { return deadlineWait.guardNs(); }

    /**
     * Sets the paced wait's wake-up guard from the next step on (benchmarks comparing guards in one run; the bench
     * itself keeps {@code -Dhilbench.wakeGuardUs}, default 200 µs).
     */
    public void wakeGuardNs(long ns) { deadlineWait.guardNs(ns); }

    /**
     * The adaptive wake-up guard ({@link DeadlineWait}): follows the measured oversleep of the loop's parks, from 200 µs
     * up to {@link #maxAutoGuardNs()} (40 % of a step, at most 5 ms). {@code --wake-guard-us auto} or
     * {@code -Dhilbench.wakeGuardUs=auto}.
     */
    public void wakeGuardAuto() { deadlineWait.adaptive(200_000L, maxAutoGuardNs()); }

    /** The adaptive guard's ceiling: 40 % of the step period, at most 5 ms (the CPU the spin may take per step). */
    public long maxAutoGuardNs() { return Math.max(200_000L, Math.min(5_000_000L, config.stepMs() * 400_000L)); }

    /**
     * The wake-up guard from a command-line value: {@code auto} (the adaptive guard) or a number of µs ≥ 0.
     *
     * @throws IllegalArgumentException naming {@code what} for anything else
     */
    public static java.util.OptionalLong parseWakeGuardUs(String spec, String what) {
        java.util.OptionalLong us = DeadlineWait.parseGuardUs(spec, what);
        if (us.isPresent() && us.getAsLong() < 0)
            throw new IllegalArgumentException(what + " must be a number of microseconds >= 0 or auto, was '" + spec + "'");
        return us;
    }

    /** The wake-up guard as said at start: "200 us" or "adaptive 200..4000 us (now 200 us)". */
    public String wakeGuardDescription() { return deadlineWait.describe(); }

    /** Wall time the paced wait has spun so far, ns (its CPU cost; read from another thread it may lag a step). */
    public long wakeSpunNs() { return deadlineWait.spunNs(); }

    /** True when {@code BENCH.Ack} holds step n now. */
    private boolean ackIs(long n) {
        double ack = io.ack();
        return !Double.isNaN(ack) && (long) ack == (n & UINT32_MASK);
    }

    /**
     * Commits the inputs for step n, records row n, steps the plant and publishes n+1; returns the plant's ns.
     *
     * @param whileLinkFaulted a step paced in real time for a link fault: when the fault has ended by the time the step
     *                         lock is taken (the bench clears it with the plant held at a step boundary), nothing is
     *                         committed and -1 is returned, so the step waits for its Ack. Without this the step at which
     *                         the handshake resumed depended on whether the loop had reached its deadline before the clear.
     */
    private long commitAndStep(long n, boolean whileLinkFaulted) {
        stepLock.lock();
        try {
            if (whileLinkFaulted && !linkFaults.isActive()) return -1;
            long tNow = plantTimeMs;
            boolean wasTripped = watchdog.tripped();
            PlantIo.Sample sample = io.sample(externalInputs, wasTripped);
            boolean tripped = watchdog.update(tNow, sample.heartbeat());
            if (tripped != wasTripped) {
                sample = io.sample(externalInputs, tripped);
                recorder.event(n, tNow, tripped
                        ? "I/O watchdog tripped: heartbeat unchanged for " + watchdog.timeoutMs() + " ms of plant time; actuators to failsafe"
                        : "I/O watchdog cleared: heartbeat changed");
            }
            double[] inputs = sample.inputsSi();
            if (lastInputs != null && Arrays.equals(inputs, lastInputs)) inputs = lastInputs; // share unchanged rows
            lastInputs = inputs;
            recorder.append(new TraceRow(n, tNow, currentTrue, currentPublished, currentQualities, inputs, tripped, readExtensions(n)));
            notifyStepListeners();

            long c0 = System.nanoTime();
            PlantSnapshot next = plant.step(config.stepMs() / 1000.0, new PlantInputs(inputs));
            long computeNs = System.nanoTime() - c0;
            List<String> events = new ArrayList<>(next.events());
            stageSnapshot(next, events);
            long n1 = n + 1;
            recorder.setCurrentStep(n1, next.plantTimeMs());
            for (String e : events) recorder.event(n1, next.plantTimeMs(), e);
            io.publish(frame(n1), new PlantIo.BenchStatus(config.pacing().kind(), tripped));
            plantTimeMs = next.plantTimeMs();
            step = n1;
            return computeNs;
        } finally {
            stepLock.unlock();
        }
    }

    private double[] readExtensions(long n) {
        double[] v = new double[extensions.size()];
        for (int i = 0; i < v.length; i++) {
            Extension x = extensions.get(i);
            v[i] = Double.NaN;
            if (n % x.everyNSteps() != 0) continue;
            try {
                v[i] = x.source().getAsDouble();
            } catch (RuntimeException e) {
                recorder.event("extension column " + x.name() + " not read at step " + n + ": " + e.getMessage());
            }
        }
        return v;
    }

    private void notifyStepListeners() {
        if (stepListeners.isEmpty()) return;
        TraceRow r = recorder.lastRow();
        for (Consumer<TraceRow> l : stepListeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                log.warn("step listener failed at step {}", r.step(), e);
            }
        }
    }

    /** Applies sensor faults to a new snapshot and keeps it as the current step's arrays. */
    private void stageSnapshot(PlantSnapshot s, List<String> events) {
        double[] truth = s.outputs();
        // with no sensor fault scheduled (most steps of most runs) nothing is copied: the copies were 1.5 kB of the
        // step's ~13.5 kB of garbage (JFR allocation samples, BENCHMARKS "console4"); the same arrays result
        boolean faulted = false;
        double[] published = truth;
        Quality[] q = allGood;
        if (!faults.isEmpty()) {
            published = truth.clone();
            q = allGood.clone();
            faulted = faults.apply(s.plantTimeMs(), truth, published, q, events);
        }
        currentTimeMs = s.plantTimeMs();
        currentTrue = truth;
        currentPublished = faulted ? published : truth;
        currentQualities = faulted ? q : allGood;
    }

    private SignalFrame frame(long n) {
        return new StepFrame(n, currentTimeMs, currentPublished, currentQualities);
    }

    private void finish() {
        // the last published step has no answer: record it with NaN inputs, so the trace holds every step
        TraceRow last = recorder.lastRow();
        if (currentTrue != null && (last == null || last.step() != step)) {
            double[] nan = new double[catalogue.inputs().size()];
            Arrays.fill(nan, Double.NaN);
            recorder.append(new TraceRow(step, plantTimeMs, currentTrue, currentPublished, currentQualities, nan,
                    watchdog.tripped(), nanExtensions()));
        }
        if (status.running()) {
            RunStatus s = RunStatus.stopped("stopped at step " + step);
            if (config.pacing().kind() == Pacing.Kind.REALTIME) {
                TimingLog.Stats late = timing.lateness();
                if (late.count() > 0 && late.p99Ns() > config.latenessP99LimitNs()) {
                    s = RunStatus.inconclusive(String.format(java.util.Locale.ROOT, "p99 lateness %.3f ms over the limit %.3f ms",
                            late.p99Ns() / 1e6, config.latenessP99LimitNs() / 1e6));
                    recorder.event(s.reason());
                }
            }
            status = s;
        }
        log.info("emulator ended at step {} ({} ms plant time): {} {}", step, plantTimeMs, status.state(), status.reason());
        wake();
    }

    private double[] nanExtensions() {
        double[] v = new double[extensions.size()];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /** One step's published frame; arrays shared with the trace row and never written again. */
    private record StepFrame(long step, long plantTimeMs, double[] values, Quality[] qualities) implements SignalFrame {
        @Override public double value(int outputIndex) { return values[outputIndex]; }

        @Override public Quality quality(int outputIndex) { return qualities[outputIndex]; }
    }
}
