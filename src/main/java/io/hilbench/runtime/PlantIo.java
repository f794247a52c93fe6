package io.hilbench.runtime;

/**
 * The step loop's view of the point table (DESIGN §3), so {@code runtime} needs no {@code points} import: the
 * table side ({@code points.TablePlantIo}) implements it.
 *
 * <p>Threads: {@link #publish} and {@link #sample} are called from the loop thread only; the listener is called
 * from whichever thread applied a write (a protocol server's), after the whole request is applied.
 */
public interface PlantIo {

    /** What the bench publishes beside the frame: {@code BENCH.Mode} and {@code BENCH.WatchdogTripped}. */
    record BenchStatus(Pacing.Kind mode, boolean watchdogTripped) {}

    /**
     * One pinned view of what the controller has written: the {@code BENCH.Ack} and {@code BENCH.Heartbeat}
     * values and the plant inputs the actuators command, all from the same table state (so when {@code ack}
     * equals N, {@code inputsSi} hold everything the request that carried that Ack wrote).
     *
     * @param ack       BENCH.Ack, or NaN when the rig has no Ack point
     * @param heartbeat BENCH.Heartbeat, or NaN when the rig has no heartbeat point
     * @param inputsSi  plant inputs in SI units by catalogue input index (a fresh array the caller owns)
     */
    record Sample(double ack, double heartbeat, double[] inputsSi) {}

    /** Told when a write request has been applied (to wake a lockstep wait) and of table events for the trace. */
    interface Listener {
        void requestApplied();

        void event(String message);
    }

    /** Publishes step N's frame (sensor values in SI, with faults applied) and the bench status. */
    void publish(SignalFrame frame, BenchStatus status);

    /**
     * Samples the table now. Inputs no actuator is bound to take {@code externalInputsSi}. With {@code failsafe},
     * each actuator applies its point's failsafe rule to the value it held at the last sample without failsafe
     * (the moment the watchdog tripped), not to its current output image.
     */
    Sample sample(double[] externalInputsSi, boolean failsafe);

    /** {@code BENCH.Ack} now (NaN when the rig has none): cheap, for the lockstep wait. */
    double ack();

    /**
     * Sets {@code BENCH.Ack} to {@link #NO_ACK} at the start of a run, so the first step waits for a real Ack = 0
     * (the point's initial value 0, or a previous run's last Ack, must not count as one).
     */
    void resetAck();

    /**
     * Publishes a run's first frame and {@link #resetAck() resets the Ack} in one change a reader sees whole. Done as two
     * changes, a controller that polled the previous run's last step in between saw an Ack that was no longer its step,
     * ran that old step's cycle again and so took a command meant for the new run's first cycle. The default does the two
     * in order (for I/O without readers of its own).
     */
    default void publishFirst(SignalFrame frame, BenchStatus status) {
        resetAck();
        publish(frame, status);
    }

    /** The value {@code BENCH.Ack} holds until the controller first writes it: uint32 maximum, never a step number in practice. */
    long NO_ACK = 0xFFFF_FFFFL;

    /** True when the rig has a {@code BENCH.Heartbeat} point (else the I/O watchdog cannot run). */
    boolean hasHeartbeat();

    /** True when the rig has a {@code BENCH.Ack} point (else lockstep cannot run). */
    boolean hasAck();

    void setListener(Listener listener);
}
