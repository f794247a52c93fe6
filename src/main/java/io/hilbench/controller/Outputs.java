package io.hilbench.controller;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The actuator values one cycle commands, by tag, in engineering units (Hz, %, 0/1 for booleans). Immutable.
 * A {@link ControllerIo} writes every actuator of the plant map each cycle; an actuator the outputs do not name is
 * written as 0 (off, closed), so the controller always owns its whole output image.
 */
public final class Outputs {
    private final Map<String, Double> values;

    private Outputs(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The commanded value, or 0 when the outputs do not name the tag. */
    public double value(String tag) {
        Double v = values.get(tag);
        return v == null ? 0.0 : v;
    }

    public boolean isOn(String tag) { return value(tag) != 0.0; }

    public boolean names(String tag) { return values.containsKey(tag); }

    public Map<String, Double> asMap() { return values; }

    @Override
    public String toString() { return "Outputs" + values; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private Map<String, Double> values = new LinkedHashMap<>(64);
        /** {@link #build} handed {@link #values} to an Outputs: a further set copies first (the built one stays immutable). */
        private boolean built;

        public Builder set(String tag, double value) {
            Objects.requireNonNull(tag, "tag");
            if (!Double.isFinite(value)) throw new IllegalArgumentException(tag + ": output " + value + " is not a finite number");
            if (built) {
                values = new LinkedHashMap<>(values);
                built = false;
            }
            values.put(tag, value);
            return this;
        }

        public Builder set(String tag, boolean on) {
            return set(tag, on ? 1.0 : 0.0);
        }

        /** The outputs set so far; the builder may go on (copy on the next set), so each cycle builds without a copy. */
        public Outputs build() {
            built = true;
            return new Outputs(values);
        }
    }
}
