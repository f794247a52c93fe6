package io.hilbench.controller;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The actuator values one cycle commands, by tag, in engineering units (Hz, %, 0/1 for booleans). Immutable.
 * A {@link ControllerIo} writes every actuator of the plant map each cycle; an actuator the outputs do not name is
 * written as 0 (off, closed), so the controller always owns its whole output image.
 *
 * <p>Inside, the values sit in an array in the order of a {@link Layout}: the tags a controller names, in the order it
 * names them. A controller that names the same tags every cycle builds its layout once ({@link #of}), and an I/O that
 * commits many cycles resolves its points to the layout's slots once ({@link #layout}, {@link #value(int)}) instead of
 * looking every tag up every cycle.
 */
public final class Outputs {
    private final Layout layout;
    private final double[] values;

    private Outputs(Layout layout, double[] values) {
        this.layout = layout;
        this.values = values;
    }

    /**
     * The tags an {@link Outputs} names, in order; immutable, shared by every cycle's outputs of one controller. Two
     * outputs with the same layout instance hold each tag at the same slot.
     */
    public static final class Layout {
        private final String[] tags;
        private final Map<String, Integer> slots;

        /** @throws IllegalArgumentException when a tag appears twice */
        public Layout(List<String> tags) {
            this.tags = tags.toArray(new String[0]);
            this.slots = new HashMap<>(this.tags.length * 2);
            for (int i = 0; i < this.tags.length; i++) {
                if (slots.put(Objects.requireNonNull(this.tags[i], "tag"), i) != null) {
                    throw new IllegalArgumentException("output " + this.tags[i] + " named twice");
                }
            }
        }

        /** Number of tags. */
        public int size() { return tags.length; }

        public String tag(int slot) { return tags[slot]; }

        /** The slot of the tag, or -1 when the layout does not name it. */
        public int slot(String tag) {
            Integer i = slots.get(tag);
            return i == null ? -1 : i;
        }
    }

    /**
     * Outputs in a layout the caller built once, {@code values[i]} for {@code layout.tag(i)}; the array is taken, not
     * copied (the caller hands over a fresh one each cycle).
     *
     * @throws IllegalArgumentException when a value is not a finite number, or the array does not fit the layout
     */
    public static Outputs of(Layout layout, double[] values) {
        if (values.length != layout.size()) {
            throw new IllegalArgumentException(values.length + " values for a layout of " + layout.size() + " outputs");
        }
        for (int i = 0; i < values.length; i++) requireFinite(layout.tags[i], values[i]);
        return new Outputs(layout, values);
    }

    /** The layout these outputs are in. */
    public Layout layout() { return layout; }

    /** The value at a slot of {@link #layout}. */
    public double value(int slot) { return values[slot]; }

    /** The commanded value, or 0 when the outputs do not name the tag. */
    public double value(String tag) {
        int i = layout.slot(tag);
        return i < 0 ? 0.0 : values[i];
    }

    public boolean isOn(String tag) { return value(tag) != 0.0; }

    public boolean names(String tag) { return layout.slot(tag) >= 0; }

    /** Tag → value in the order the controller named them (unmodifiable). */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>(values.length * 2);
        for (int i = 0; i < values.length; i++) m.put(layout.tags[i], values[i]);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() { return "Outputs" + asMap(); }

    public static Builder builder() { return new Builder(); }

    private static void requireFinite(String tag, double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException(tag + ": output " + value + " is not a finite number");
    }

    /** Builds outputs tag by tag (tests, variants); setting a tag again replaces its value and keeps its place. */
    public static final class Builder {
        private final Map<String, Double> values = new LinkedHashMap<>(64);

        public Builder set(String tag, double value) {
            Objects.requireNonNull(tag, "tag");
            requireFinite(tag, value);
            values.put(tag, value);
            return this;
        }

        public Builder set(String tag, boolean on) {
            return set(tag, on ? 1.0 : 0.0);
        }

        /** The outputs set so far; the builder may go on (the built outputs do not change). */
        public Outputs build() {
            double[] v = new double[values.size()];
            int i = 0;
            for (double d : values.values()) v[i++] = d;
            return new Outputs(new Layout(List.copyOf(values.keySet())), v);
        }
    }
}
