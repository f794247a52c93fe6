package io.hilbench.points;

import java.util.List;

/** Told of accepted writes (after they are applied, outside the table's lock) and of events worth a trace line. */
public interface PointTableListener {
    /** A request's writes were applied together; {@code after} is the state that contains them all. */
    default void written(TableState after, List<PointWrite> writes, String origin) {}

    /**
     * A plant step was published: {@code after} is the new state. Called on the step loop's thread after the lock is
     * released, so a listener must only hand the news on (the OPC UA sampler wakes its own thread), never block.
     */
    default void published(TableState after) {}

    /** A clamped or rejected write, a scenario change of a constant, and the like. */
    default void event(String message) {}
}
