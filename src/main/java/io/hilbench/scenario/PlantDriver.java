package io.hilbench.scenario;

import io.hilbench.points.BenchVariable;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointTable;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.RunStatus;
import io.hilbench.runtime.TraceRow;
import io.hilbench.runtime.faults.SensorFault;
import io.hilbench.runtime.faults.SensorFaultKind;
import io.hilbench.runtime.link.LinkFault;
import io.hilbench.runtime.link.LinkProtocol;
import io.hilbench.scenario.Quantities.Quantity;
import io.hilbench.scenario.judge.Inconclusive;
import io.hilbench.scenario.judge.RecordedTrace;
import io.hilbench.scenario.judge.TraceView;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static io.hilbench.scenario.Quantities.plantTime;
import static org.awaitility.Awaitility.await;

/**
 * The plant as scenarios act on it, for one run (one scenario): weather and other external inputs (edge units in,
 * SI to the emulator), physical faults, sensor faults by tag (the rig says which plant output a tag is wired to), I/O
 * link faults, the site reset of latched trips, and plant time that advances only when a step says so.
 *
 * <p><b>Plant time is held between steps (lockstep).</b> The run starts held at step 0; Given/When actions apply
 * at that step boundary, after the controller has answered it. {@link #runUntil} releases the plant and takes it back
 * exactly at the target step: a step listener, on the loop thread, waits at the row before the target until this
 * thread is queued on the (fair) step lock, so the loop cannot commit the target step first. Same seed, same
 * scenario, same controller: the same steps. In real-time and accelerated pacing the plant is never held longer than
 * one action (holding it would make steps late).
 *
 * <p>Waits advance plant time; the guard's message names the plant-time condition (DESIGN §4). In lockstep the guard
 * is measured progress (no step for {@link #stallLimit()}), never a wall-time budget, so a loaded machine is slower,
 * not inconclusive; paced modes wait with {@link Emulator#awaitPlantTime} under an Awaitility guard from their rate. A
 * run that ends inconclusive (ack timeout) throws {@link Inconclusive}.
 */
public final class PlantDriver implements StepGate {
    private static final String AIR_TEMPERATURE = "weather.airTemperatureK";
    private static final String RELATIVE_HUMIDITY = "weather.relativeHumidityRatio";
    private static final String IRRADIANCE = "weather.irradianceWPerM2";
    private static final String DH_RETURN = "network.returnTemperatureK";
    private static final String DH_RETURN_IMPOSED = "network.returnTemperatureImposed";
    private static final String WEATHER_RELEASED = "weather.overridesReleased";
    private static final String DH_PUMP_FAILED = "fault.dhPump.failed";
    private static final String DH_FLOW_AVAILABLE = "fault.dhWater.flowAvailableRatio";

    private final BenchAssembly bench;
    private final Emulator emulator;
    private final PlantSignals signals;
    private final Duration ackTimeout;
    private final boolean lockstep;
    private final int ackPoint;
    private Emulator.Hold hold;

    /**
     * @param emulator the run, not yet started, so the plant is held from step 0 ({@link #holdBeforeStart()})
     */
    PlantDriver(BenchAssembly bench, Emulator emulator, PlantSignals signals) {
        this.bench = bench;
        this.emulator = emulator;
        this.signals = signals;
        this.ackTimeout = emulator.config().ackTimeout();
        this.lockstep = emulator.config().pacing().kind() == Pacing.Kind.LOCKSTEP;
        PointTable t = bench.table();
        this.ackPoint = t.benchPoint(BenchVariable.ACK);
    }

    /** Takes the hold on the new run before it starts (lockstep), on the scenario's thread. */
    void holdBeforeStart() {
        if (lockstep) hold = emulator.hold();
    }

    public Emulator emulator() { return emulator; }

    public PlantSignals signals() { return signals; }

    public long plantTimeMs() { return emulator.plantTimeMs(); }

    public RunStatus status() { return emulator.status(); }

    /** The trace so far. */
    public TraceView trace() { return new RecordedTrace(emulator.recorder()); }

    // ------------------------------------------------------------------ between steps

    @Override
    public void between(ThrowingRunnable action) throws Exception {
        checkRunning();
        if (!lockstep) {
            Exception[] failure = new Exception[1];
            emulator.between(() -> {
                try {
                    action.run();
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) throw failure[0];
            return;
        }
        awaitControllerAnswer();
        action.run();
    }

    /** Lockstep: waits (plant held) until the controller has acknowledged the step it sees. */
    private void awaitControllerAnswer() {
        long step = emulator.step();
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        while (true) {
            double ack = bench.table().liveState().value(ackPoint);
            if (!Double.isNaN(ack) && (long) ack == (step & 0xFFFF_FFFFL)) return;
            if (System.nanoTime() > deadline) {
                throw new Inconclusive("controller not responding at step " + step + " (no Ack within " + ackTimeout.toSeconds() + " s while the bench held the plant for a scenario action)");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
    }

    private void checkRunning() {
        RunStatus s = emulator.status();
        if (s.inconclusive()) throw new Inconclusive(s.reason());
        if (s.state() == RunStatus.State.FAILED) throw new IllegalStateException("the bench failed: " + s.reason());
    }

    private void input(String name, double si) throws Exception {
        between(() -> emulator.setExternalInput(name, si));
    }

    // ------------------------------------------------------------------ weather, network, physical faults

    /** Weather imposed over the plant's series (where the plant has one) until {@link #releaseWeather()}. */
    public void setWeather(Quantity air, Quantity relativeHumidity) throws Exception {
        input(AIR_TEMPERATURE, air.toSi());
        input(RELATIVE_HUMIDITY, relativeHumidity.toSi());
        if (hasInput(WEATHER_RELEASED)) input(WEATHER_RELEASED, 0);
    }

    public void setIrradiance(double wattPerM2) throws Exception {
        input(IRRADIANCE, wattPerM2);
        if (hasInput(WEATHER_RELEASED)) input(WEATHER_RELEASED, 0);
    }

    /** Hands the weather back to the plant's series (a plant without one keeps the last imposed weather). */
    public void releaseWeather() throws Exception {
        if (hasInput(WEATHER_RELEASED)) input(WEATHER_RELEASED, 1);
    }

    /**
     * The DH return the heat pump receives, imposed over the plant's network model (where the plant has one) until
     * {@link #releaseDhReturn()}.
     */
    public void setDhReturn(Quantity temperature) throws Exception {
        input(DH_RETURN, temperature.toSi());
        if (hasInput(DH_RETURN_IMPOSED)) input(DH_RETURN_IMPOSED, 1);
    }

    /** Hands the DH return back to the network model (a plant without one keeps the last imposed value). */
    public void releaseDhReturn() throws Exception {
        if (hasInput(DH_RETURN_IMPOSED)) input(DH_RETURN_IMPOSED, 0);
    }

    /**
     * The air temperature the scenario gives the plant now (the imposed one, or the series' when none is imposed), SI:
     * before the site's air offset (a parameter corner), so that a change "by 3 K" imposed from it is offset once, by
     * the plant, not twice.
     */
    public double airTemperatureK() {
        double imposed = emulator.externalInput(AIR_TEMPERATURE);
        boolean released = hasInput(WEATHER_RELEASED) && emulator.externalInput(WEATHER_RELEASED) >= 0.5;
        if (Double.isFinite(imposed) && !released) return imposed;
        double offsetK = emulator.catalogue().outputIndex(AIR_OFFSET) >= 0 ? latest(AIR_OFFSET) : 0.0;
        return latest(AIR_TEMPERATURE) - (Double.isFinite(offsetK) ? offsetK : 0.0);
    }

    /** The site's air offset the plant adds to the scenario's or the series' air (SolrodPlantParameters.airTemperatureOffsetK). */
    private static final String AIR_OFFSET = "weather.airTemperatureOffsetK";

    private boolean hasInput(String name) { return emulator.catalogue().inputIndex(name) >= 0; }

    /** P-271 fails (a physical fault: the pump does not run whatever it is commanded). */
    public void failDhPump(boolean failed) throws Exception { input(DH_PUMP_FAILED, failed ? 1 : 0); }

    /** DH flow through the heat pump limited to a share of what the pump would deliver (HP-01: 40 %, HP-02: 0 %). */
    public void limitDhFlow(Quantity share) throws Exception { input(DH_FLOW_AVAILABLE, share.toSi()); }

    /** Any external input by its plant name, in SI (the catalogue is in plant-models/…/README.md). */
    public void setExternalInput(String name, double si) throws Exception { input(name, si); }

    // ------------------------------------------------------------------ sensor and link faults, site reset

    /**
     * A sensor fault on an instrument by tag, from now until cleared: the rig's point map says which plant output it
     * is wired to; values are given in the point's unit (e.g. a stuck PT-202 at 120 bar).
     */
    public long sensorFault(String tag, SensorFaultKind kind) throws Exception {
        String output = signals.output(tag);
        long[] id = new long[1];
        between(() -> id[0] = emulator.addSensorFault(SensorFault.from(output, kind, emulator.plantTimeMs())));
        return id[0];
    }

    /** A stuck value in the tag's unit, converted to the plant's SI value. */
    public long sensorStuckAt(String tag, Quantity value) throws Exception {
        PointDefinition p = signals.point(tag);
        return sensorFault(tag, new SensorFaultKind.Stuck(p.unit().toSi(value.value())));
    }

    public void clearSensorFault(long id) throws Exception { between(() -> emulator.clearSensorFault(id)); }

    /** A sensor fault by tag starting {@code delay} from now (plant time), until cleared. */
    public long sensorFaultAfter(String tag, SensorFaultKind kind, Duration delay) throws Exception {
        String output = signals.output(tag);
        long[] id = new long[1];
        between(() -> id[0] = emulator.addSensorFault(SensorFault.from(output, kind, emulator.plantTimeMs() + delay.toMillis())));
        return id[0];
    }

    /** The out-of-range fault of a tag: 10 % of its span above the point's maximum (in SI), like a failed transmitter. */
    public SensorFaultKind outOfRange(String tag) {
        PointDefinition p = signals.point(tag);
        if (Double.isNaN(p.min()) || Double.isNaN(p.max())) throw new IllegalArgumentException(tag + " has no range (min, max) in the point map");
        double above = p.max() + 0.1 * (p.max() - p.min());
        return new SensorFaultKind.OutOfRange(p.unit().toSi(above));
    }

    /** HV-221 stuck at an opening (0 = closed), whatever it is commanded (a physical fault, HP-03). */
    public void stickHpValve(Quantity opening) throws Exception {
        input("fault.hpValve.stuckOpeningRatio", opening.toSi());
        input("fault.hpValve.stuck", 1);
    }

    public void freeHpValve() throws Exception { input("fault.hpValve.stuck", 0); }

    /**
     * An I/O link fault on every proxied link for a plant-time duration, then the link restored. While it lasts the
     * loop paces in real time without the Ack (DESIGN §4 item 9); the restore happens with the plant held at the
     * target step, without waiting for an Ack the controller cannot give yet.
     */
    public void linkFaultFor(LinkFault kind, Duration plantDuration) throws Exception {
        between(() -> {
            for (LinkProtocol p : bench.faultableLinks()) bench.injectLinkFault(p, kind, 0);
        });
        runFor(plantDuration);
        checkRunning();
        for (LinkProtocol p : bench.faultableLinks()) bench.clearLinkFault(p);
    }

    /** The last recorded true value of a plant output (SI), NaN before the first row. */
    public double latest(String output) {
        TraceRow r = emulator.recorder().lastRow();
        int i = emulator.catalogue().outputIndex(output);
        if (i < 0) throw new IllegalArgumentException("no plant output '" + output + "'");
        return r == null ? Double.NaN : r.trueValue(i);
    }

    /**
     * Advances plant time in steps of {@code poll} until {@code condition} holds or {@code max} has passed.
     *
     * @return true when the condition held
     */
    public boolean runUntil(java.util.function.BooleanSupplier condition, Duration max, Duration poll, String what) {
        long deadline = emulator.plantTimeMs() + max.toMillis();
        while (true) {
            if (condition.getAsBoolean()) return true;
            if (emulator.plantTimeMs() >= deadline) return false;
            runUntil(Math.min(deadline, emulator.plantTimeMs() + poll.toMillis()), what);
        }
    }

    public void linkFault(LinkProtocol protocol, LinkFault kind) throws Exception {
        between(() -> bench.injectLinkFault(protocol, kind, 0));
    }

    public void clearLinkFault(LinkProtocol protocol) throws Exception { between(() -> bench.clearLinkFault(protocol)); }

    /** The site reset of latched safety trips (a person at the panel, DESIGN §5). */
    public void resetLatchedTrips() throws Exception { between(emulator::resetLatchedTrips); }

    // ------------------------------------------------------------------ plant time

    public void runFor(Duration plantDuration) { runUntil(emulator.plantTimeMs() + plantDuration.toMillis(), "for " + plantTime(plantDuration.toMillis())); }

    /**
     * Advances plant time to {@code targetMs} (the first step at or after it) and holds the plant there.
     *
     * @param why names the wait in the guard's alias, e.g. "SU-01 windows"
     */
    public void runUntil(long targetMs, String why) {
        checkRunning();
        long stepMs = emulator.config().stepMs();
        long targetStep = (targetMs + stepMs - 1) / stepMs;
        if (emulator.step() >= targetStep) return;
        String alias = "plant time reaches " + plantTime(targetMs) + " (" + why + ")";
        if (!lockstep) {
            waitForPlantTime(alias, wallGuard(targetMs - emulator.plantTimeMs()), targetMs);
            checkRunning();
            return;
        }
        Thread me = Thread.currentThread();
        AtomicBoolean aboutToHold = new AtomicBoolean();
        CountDownLatch reached = new CountDownLatch(1);
        Consumer<TraceRow> stopper = row -> {
            if (row.step() != targetStep - 1) return;
            reached.countDown();
            // on the loop thread, step lock held: wait until the scenario thread is queued for the hold (fair lock). No
            // wall-clock bound: it used to give up after 2 s, and a scenario thread that a loaded scheduler (or a GC, or
            // SIGSTOP) kept off the CPU that long found the plant a step or more past its target: a different trace.
            // The scenario thread always comes (the hold is taken in a finally); only its death ends the wait.
            long spins = 0;
            while (!(aboutToHold.get() && me.getState() == Thread.State.WAITING) && me.isAlive()) {
                if (++spins < 1000) Thread.onSpinWait();
                else LockSupport.parkNanos(50_000);   // 2 shared cores: do not burn one while the other is needed
            }
        };
        emulator.addStepListener(stopper);
        hold.close();
        hold = null;
        try {
            awaitProgressing(reached, alias);
        } finally {
            aboutToHold.set(true);
            hold = emulator.hold();
            emulator.removeStepListener(stopper);
        }
        checkRunning();
        if (emulator.status().running() && emulator.step() != targetStep) {
            org.slf4j.LoggerFactory.getLogger(PlantDriver.class).warn("plant held at step {} instead of {} (the hold came late)", emulator.step(), targetStep);
        }
        if (!emulator.status().running()) throw new IllegalStateException("the run ended at " + plantTime(emulator.plantTimeMs()) + ": " + emulator.status());
    }

    private void waitForPlantTime(String alias, Duration guard, long targetMs) {
        try {
            await(alias).atMost(guard).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(() -> emulator.awaitPlantTime(targetMs, Duration.ofMillis(200)) || !emulator.status().running());
        } catch (ConditionTimeoutException e) {
            Inconclusive i = new Inconclusive("wall-time guard of " + guard.toSeconds() + " s ran out before " + alias);
            i.initCause(e);
            throw i;
        }
    }

    /**
     * Lockstep: waits until the target row is reached or the run ends, for as long as the plant makes progress. The
     * guard is no wall-time budget for the whole wait (on main: "at least 10× real time", which a loaded machine did
     * not reach): it fires only when no step at all has been taken for {@link #stallLimit()}, longer than the Ack
     * timeout with which the step loop itself ends a run whose controller went silent.
     */
    private void awaitProgressing(CountDownLatch reached, String alias) {
        Duration stall = stallLimit();
        long lastStep = emulator.step();
        long lastProgressNs = System.nanoTime();
        try {
            while (!reached.await(20, java.util.concurrent.TimeUnit.MILLISECONDS) && emulator.status().running()) {
                long s = emulator.step();
                long now = System.nanoTime();
                if (s != lastStep) {
                    lastStep = s;
                    lastProgressNs = now;
                } else if (now - lastProgressNs > stall.toNanos()) {
                    throw new Inconclusive("no plant step for " + stall.toSeconds() + " s of wall time before " + alias
                            + "; plant time is " + plantTime(emulator.plantTimeMs()) + " (the step loop is stuck)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Inconclusive("interrupted before " + alias + "; plant time is " + plantTime(emulator.plantTimeMs()));
        }
    }

    /** How long a lockstep run may take no step before the wait gives up: 3× the Ack timeout plus 30 s. */
    Duration stallLimit() { return ackTimeout.multipliedBy(3).plusSeconds(30); }

    /** Wall time allowed for a plant-time wait in real-time and accelerated pacing: their own rate plus 20 % and 30 s. */
    private Duration wallGuard(long plantMs) {
        Pacing p = emulator.config().pacing();
        double rate = Double.isInfinite(p.factor()) ? 10.0 : p.factor();
        return Duration.ofMillis(30_000 + Math.round(plantMs / rate * 1.2));
    }

    /** Lets the plant go (end of the scenario): required before the bench replaces or stops the run. */
    void release() {
        if (hold != null) {
            hold.close();
            hold = null;
        }
    }
}
