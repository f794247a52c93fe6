package io.hilbench.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the step loop; the rig supplies them.
 *
 * @param stepMs               plant time per step (*default* 100 ms, DESIGN §4)
 * @param pacing               real time, accelerated or lockstep
 * @param ackTimeout           lockstep: wall time to wait for {@code BENCH.Ack = N} before the run is inconclusive (*default* 10 s)
 * @param watchdogTimeoutMs    plant time without a heartbeat change before the I/O watchdog trips (*default* 5 s; 0 disables)
 * @param latenessP99LimitNs   paced modes: p99 lateness above this makes the run inconclusive (*default* a tenth of a step)
 * @param seed                 run seed: plant randomness and sensor-fault noise
 */
public record EmulatorConfig(long stepMs, Pacing pacing, Duration ackTimeout, long watchdogTimeoutMs, long latenessP99LimitNs, long seed) {
    public EmulatorConfig {
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (stepMs <= 0) throw new IllegalArgumentException("stepMs must be > 0, was " + stepMs);
        if (ackTimeout.isNegative() || ackTimeout.isZero()) throw new IllegalArgumentException("ackTimeout must be > 0, was " + ackTimeout);
        if (watchdogTimeoutMs < 0) throw new IllegalArgumentException("watchdogTimeoutMs must be >= 0, was " + watchdogTimeoutMs);
        if (latenessP99LimitNs <= 0) throw new IllegalArgumentException("latenessP99LimitNs must be > 0, was " + latenessP99LimitNs);
    }

    /** Defaults of DESIGN §4/§5: 100 ms steps, lockstep, 10 s ack timeout, 5 s watchdog, seed 0. */
    public static EmulatorConfig defaults() {
        return new EmulatorConfig(100, Pacing.lockstep(), Duration.ofSeconds(10), 5000, 10_000_000L, 0L);
    }

    public EmulatorConfig withStepMs(long v) { return new EmulatorConfig(v, pacing, ackTimeout, watchdogTimeoutMs, Math.max(1, v * 100_000L), seed); }

    public EmulatorConfig withPacing(Pacing v) { return new EmulatorConfig(stepMs, v, ackTimeout, watchdogTimeoutMs, latenessP99LimitNs, seed); }

    public EmulatorConfig withAckTimeout(Duration v) { return new EmulatorConfig(stepMs, pacing, v, watchdogTimeoutMs, latenessP99LimitNs, seed); }

    public EmulatorConfig withWatchdogTimeoutMs(long v) { return new EmulatorConfig(stepMs, pacing, ackTimeout, v, latenessP99LimitNs, seed); }

    public EmulatorConfig withLatenessP99LimitNs(long v) { return new EmulatorConfig(stepMs, pacing, ackTimeout, watchdogTimeoutMs, v, seed); }

    public EmulatorConfig withSeed(long v) { return new EmulatorConfig(stepMs, pacing, ackTimeout, watchdogTimeoutMs, latenessP99LimitNs, v); }
}
