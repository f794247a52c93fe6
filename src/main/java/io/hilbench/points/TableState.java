package io.hilbench.points;

import io.hilbench.runtime.Quality;

/**
 * One immutable state of the point table: every point's engineering value, text and quality, as published by
 * the plant and written by the controller. A Modbus request or an OPC UA service call pins one state and
 * answers from it alone, so a client never sees half of one step and half of the next (DESIGN §3).
 *
 * <p>Actuator values are the output image: the last write each actuator accepted.
 */
public final class TableState {
    private final long version;
    private final double[] values;
    private final String[] texts;
    private final Quality[] qualities;

    TableState(long version, double[] values, String[] texts, Quality[] qualities) {
        this.version = version;
        this.values = values;
        this.texts = texts;
        this.qualities = qualities;
    }

    /** Increases with every publish and every accepted write. */
    public long version() { return version; }

    /** Engineering value of point {@code index} (0/1 for booleans, the code for enums). */
    public double value(int index) { return values[index]; }

    /** Text of a string point ("" for others). */
    public String text(int index) { return texts[index]; }

    public Quality quality(int index) { return qualities[index]; }

    public int size() { return values.length; }

    double[] valuesCopy() { return values.clone(); }

    String[] textsCopy() { return texts.clone(); }

    Quality[] qualitiesCopy() { return qualities.clone(); }

    /** The texts array itself, for a next state that changes no text (no state ever modifies its arrays). */
    String[] textsShared() { return texts; }

    /** The qualities array itself, for a next state that changes no quality. */
    Quality[] qualitiesShared() { return qualities; }
}
