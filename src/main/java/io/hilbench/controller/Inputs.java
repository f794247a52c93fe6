package io.hilbench.controller;

import io.hilbench.points.TableState;
import io.hilbench.runtime.Quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the controller read in one cycle: the plant clock ({@code BENCH.Step}, {@code BENCH.PlantTimeMs}) and every
 * sensor, status and constant point by tag, as engineering values (the point map's unit: °C, bar, Hz, %, 0/1 for
 * booleans, the code for enums) with their quality. Immutable; built by a {@link ControllerIo} once per cycle, or by
 * {@link #builder} in tests.
 *
 * <p>Quality over Modbus comes from the point's {@code bad_value} (NaN for floats, e.g. 32767 for int16): a register
 * showing it reads BAD. A bool has no bad code on Modbus and always reads GOOD.
 */
public final class Inputs {
    private final long step;
    private final long plantTimeMs;
    private final boolean lockstep;
    private final Map<String, Integer> index;
    /** The values and qualities by slot; null when they are read from {@link #state}. */
    private final double[] values;
    private final Quality[] qualities;
    /** The table state the slots index (the in-process I/O: no copy), or null. */
    private final TableState state;

    /**
     * @param index     tag → slot in {@code values}/{@code qualities}; shared between cycles, never modified
     * @param lockstep  the plant paces in lockstep ({@code BENCH.Mode}); true when the rig has no mode point
     */
    Inputs(long step, long plantTimeMs, boolean lockstep, Map<String, Integer> index, double[] values, Quality[] qualities) {
        this.step = step;
        this.plantTimeMs = plantTimeMs;
        this.lockstep = lockstep;
        this.index = index;
        this.values = values;
        this.qualities = qualities;
        this.state = null;
    }

    /**
     * Inputs read straight from one (immutable) table state, without copying it: the in-process I/O.
     *
     * @param index tag → point index in {@code state}, of the points read; shared between cycles, never modified
     */
    Inputs(long step, long plantTimeMs, boolean lockstep, Map<String, Integer> index, TableState state) {
        this.step = step;
        this.plantTimeMs = plantTimeMs;
        this.lockstep = lockstep;
        this.index = index;
        this.values = null;
        this.qualities = null;
        this.state = state;
    }

    private double v(int slot) { return values != null ? values[slot] : state.value(slot); }

    private Quality q(int slot) { return qualities != null ? qualities[slot] : state.quality(slot); }

    /** {@code BENCH.Step}: the plant step N these inputs belong to; the cycle acknowledges it. */
    public long step() { return step; }

    /** {@code BENCH.PlantTimeMs}: plant time, the only clock the controller uses. */
    public long plantTimeMs() { return plantTimeMs; }

    /** True when the plant runs in lockstep (one controller cycle per plant step). */
    public boolean lockstep() { return lockstep; }

    public boolean has(String tag) { return index.containsKey(tag); }

    /** Engineering value of the tag; NaN when the tag was not read. */
    public double value(String tag) {
        Integer i = index.get(tag);
        return i == null ? Double.NaN : v(i);
    }

    /** Quality of the tag; BAD when the tag was not read. */
    public Quality quality(String tag) {
        Integer i = index.get(tag);
        return i == null ? Quality.BAD : q(i);
    }

    /** True when the tag was read, is not BAD and its value is a finite number. */
    public boolean isGood(String tag) {
        Integer i = index.get(tag);
        return i != null && isGood((int) i);
    }

    /** A boolean (or any) point that is non-zero with a usable quality; false when unread or BAD. */
    public boolean isTrue(String tag) {
        Integer i = index.get(tag); // one look-up: isGood(tag) && value(tag) != 0
        return i != null && isGood((int) i) && v(i) != 0.0;
    }

    // ---- by slot: a caller that reads the same tags every cycle resolves them once per layout ------------------

    /**
     * Identifies the tag → slot layout: inputs with the same layout object hold every tag at the same slot (a
     * {@link ControllerIo} reuses one layout for all its cycles).
     */
    Object layout() { return index; }

    /** The slot of the tag in {@link #layout}, or -1 when the tag was not read. */
    int slot(String tag) {
        Integer i = index.get(tag);
        return i == null ? -1 : i;
    }

    /** {@link #value(String)} at a slot of {@link #layout}. */
    double value(int slot) { return v(slot); }

    /** {@link #isGood(String)} at a slot of {@link #layout}. */
    boolean isGood(int slot) {
        return q(slot) != Quality.BAD && Double.isFinite(v(slot));
    }

    /** Tags read, in read order. */
    public java.util.Set<String> tags() { return Collections.unmodifiableSet(index.keySet()); }

    @Override
    public String toString() {
        return "Inputs[step " + step + ", t " + plantTimeMs + " ms, " + index.size() + " points]";
    }

    public static Builder builder(long step, long plantTimeMs) {
        return new Builder(step, plantTimeMs);
    }

    /** Builds inputs tag by tag (tests, in-process use). */
    public static final class Builder {
        private final long step;
        private final long plantTimeMs;
        private boolean lockstep = true;
        private final Map<String, double[]> values = new LinkedHashMap<>();
        private final Map<String, Quality> qualities = new LinkedHashMap<>();

        private Builder(long step, long plantTimeMs) {
            this.step = step;
            this.plantTimeMs = plantTimeMs;
        }

        public Builder lockstep(boolean lockstep) {
            this.lockstep = lockstep;
            return this;
        }

        public Builder set(String tag, double value) {
            return set(tag, value, Quality.GOOD);
        }

        public Builder set(String tag, boolean value) {
            return set(tag, value ? 1.0 : 0.0, Quality.GOOD);
        }

        public Builder set(String tag, double value, Quality quality) {
            Objects.requireNonNull(tag, "tag");
            values.put(tag, new double[] {value});
            qualities.put(tag, Objects.requireNonNull(quality, "quality"));
            return this;
        }

        public Inputs build() {
            Map<String, Integer> index = new LinkedHashMap<>();
            double[] v = new double[values.size()];
            Quality[] q = new Quality[values.size()];
            int i = 0;
            for (Map.Entry<String, double[]> e : values.entrySet()) {
                index.put(e.getKey(), i);
                v[i] = e.getValue()[0];
                q[i] = qualities.get(e.getKey());
                i++;
            }
            return new Inputs(step, plantTimeMs, lockstep, Collections.unmodifiableMap(index), v, q);
        }
    }
}
