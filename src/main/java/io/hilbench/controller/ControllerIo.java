package io.hilbench.controller;

/**
 * The controller's plant I/O, whatever carries it (Modbus TCP now; OPC UA and in-process beside it). One cycle:
 * {@link #poll} until the plant clock says a cycle is due, {@link #read} the inputs, compute, {@link #commit} the
 * outputs with the heartbeat and the Ack.
 *
 * <p>Lockstep commit (DESIGN §4): the heartbeat change and {@code BENCH.Ack = step} are written last — in the same
 * request as the set-point registers where the map lays them out contiguously (the Solrød map: set-points hr 0–11,
 * heartbeat hr 12, Ack hr 13–14, one FC16), after the coils. The plant commits only after the whole request that
 * carried the Ack is staged, so the outputs of step N are exactly what the plant applies at step N.
 *
 * <p>Not thread-safe: one controller loop uses one instance.
 */
public interface ControllerIo extends AutoCloseable {

    /**
     * The plant clock, read cheaply (one request).
     *
     * @param step        {@code BENCH.Step}
     * @param plantTimeMs {@code BENCH.PlantTimeMs}
     * @param lockstep    the plant paces in lockstep ({@code BENCH.Mode}); true when the map has no mode point
     */
    record BenchClock(long step, long plantTimeMs, boolean lockstep) {}

    /** Connects (or reconnects after {@link #close}). */
    void open() throws ControllerIoException;

    /** True between a successful {@link #open} and {@link #close} (or a lost link). */
    boolean isOpen();

    BenchClock poll() throws ControllerIoException;

    /** Every sensor, status and constant point of the plant map, and the plant clock. */
    Inputs read() throws ControllerIoException;

    /**
     * Writes every actuator (values from {@code outputs}, 0 where it names none, clamped into the point's limits),
     * then {@code BENCH.Heartbeat = heartbeat} and {@code BENCH.Ack = ack}, the Ack last.
     */
    void commit(Outputs outputs, int heartbeat, long ack) throws ControllerIoException;

    /** {@code BENCH.Ack} as the plant holds it now (to notice a plant that reset it, e.g. at the start of a run). */
    long readAck() throws ControllerIoException;

    /**
     * How long one request may go unanswered before the link counts as lost. The runner sets it from the pacing the
     * plant announces ({@link ControllerRunner#LOCKSTEP_LINK_SILENCE} in lockstep, where a slow answer is a loaded or
     * paused bench, not a lost link). Takes effect for the next request where the transport allows it, else at the
     * next {@link #open}. The default ignores it (in-process I/O has no link to lose).
     */
    default void requestTimeout(java.time.Duration timeout) {}

    /** Where the plant is, for messages: {@code modbus tcp://127.0.0.1:1502}. */
    String describe();

    /** Disconnects; {@link #open} may connect again. Never throws. */
    @Override
    void close();
}
