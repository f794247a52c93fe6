package io.hilbench.points;

import io.hilbench.plant.SignalCatalogue;
import io.hilbench.runtime.Quality;
import io.hilbench.runtime.SignalFrame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one table both protocol servers serve (DESIGN §3): it publishes immutable {@link TableState}s, takes
 * actuator writes staged per request (all of a request's points are checked first, then applied together in
 * one new state, or none are), and keeps the output image actuators read back.
 *
 * <p>Threads: readers pin {@link #state()} without locking; publishes and writes serialise on one lock, so a
 * write never loses a concurrent publish and vice versa. Listeners are called after the lock is released.
 */
public final class PointTable {
    private final List<PointDefinition> points;
    private final Map<String, Integer> indexByTag = new HashMap<>();
    private final ModbusLayout modbus;
    private final int[] plantOutputOf;   // point -> plant output index, or -1
    private final SignalCatalogue catalogue;
    private final int[] plantInputOf;    // point -> plant input index in {@link #catalogue}, or -1 (resolved once: the step path looks up no names)
    private final int[] benchPoint;      // BenchVariable ordinal -> point index, or -1
    /** The points bound to a plant output, their output index and unit, in point order: a publish touches only these. */
    private final int[] plantOutputPoints;
    private final int[] plantOutputIndex;
    private final EngineeringUnit[] plantOutputUnit;
    /** The points bound to a plant input, in point order: a sample reads only these. */
    private final int[] plantInputPoints;
    private final List<PointTableListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile TableState state;
    /** While non-null, {@link #state()} serves this stale state (the {@code freeze} link fault); see {@link #freezeReaders()}. */
    private volatile TableState frozen;

    /**
     * @param points    the rig's point map (already validated)
     * @param catalogue the plant's outputs and inputs; every {@code plant.*} and {@code input.*} binding must name one
     */
    public PointTable(List<PointDefinition> points, SignalCatalogue catalogue) {
        this.points = Collections.unmodifiableList(new ArrayList<>(points));
        this.modbus = new ModbusLayout(this.points);
        this.plantOutputOf = new int[points.size()];
        this.catalogue = catalogue;
        this.plantInputOf = new int[points.size()];
        java.util.Arrays.fill(plantInputOf, -1);
        this.benchPoint = new int[BenchVariable.values().length];
        java.util.Arrays.fill(benchPoint, -1);
        double[] values = new double[points.size()];
        String[] texts = new String[points.size()];
        Quality[] qualities = new Quality[points.size()];
        for (int i = 0; i < points.size(); i++) {
            PointDefinition p = points.get(i);
            if (indexByTag.put(p.tag(), i) != null) throw new IllegalArgumentException("duplicate tag " + p.tag());
            plantOutputOf[i] = -1;
            Binding b = p.binding();
            switch (b.source()) {
                case PLANT -> {
                    plantOutputOf[i] = catalogue.outputIndex(b.name());
                    if (plantOutputOf[i] < 0) throw new IllegalArgumentException(p.where() + ": unknown plant output '" + b.name() + "'");
                }
                case INPUT -> {
                    plantInputOf[i] = catalogue.inputIndex(b.name());
                    if (plantInputOf[i] < 0) throw new IllegalArgumentException(p.where() + ": unknown plant input '" + b.name() + "'");
                }
                case BENCH -> {
                    BenchVariable v = p.benchVariable();
                    if (v == null) throw new IllegalArgumentException(p.where() + ": unknown bench variable '" + b.name() + "'");
                    benchPoint[v.ordinal()] = i;
                }
                case CONST, CONTROLLER -> { }
            }
            values[i] = p.initial();
            texts[i] = p.isString() ? p.initialText() : "";
            qualities[i] = Quality.GOOD;
        }
        this.state = new TableState(0, values, texts, qualities);
        int outputs = 0, inputs = 0;
        for (int i = 0; i < points.size(); i++) {
            if (plantOutputOf[i] >= 0) outputs++;
            if (plantInputOf[i] >= 0) inputs++;
        }
        this.plantOutputPoints = new int[outputs];
        this.plantOutputIndex = new int[outputs];
        this.plantOutputUnit = new EngineeringUnit[outputs];
        this.plantInputPoints = new int[inputs];
        outputs = inputs = 0;
        for (int i = 0; i < points.size(); i++) {
            if (plantOutputOf[i] >= 0) {
                plantOutputPoints[outputs] = i;
                plantOutputIndex[outputs] = plantOutputOf[i];
                plantOutputUnit[outputs++] = points.get(i).unit();
            }
            if (plantInputOf[i] >= 0) plantInputPoints[inputs++] = i;
        }
    }

    /**
     * A table of points bound to no plant signal (a controller map: {@code controller.*} bindings), for callers that
     * must not depend on the plant package (the reference controller's supervisory interface, DESIGN §2).
     */
    public static PointTable withoutPlant(List<PointDefinition> points) {
        return new PointTable(points, new SignalCatalogue(List.of(), List.of()));
    }

    public List<PointDefinition> points() { return points; }

    public PointDefinition point(int index) { return points.get(index); }

    /** Index of a tag, or -1. */
    public int indexOf(String tag) {
        Integer i = indexByTag.get(tag);
        return i == null ? -1 : i;
    }

    public ModbusLayout modbus() { return modbus; }

    /**
     * The state readers are served; pin it once per request. While readers are frozen ({@link #freezeReaders()})
     * this is the frozen state, not the live one.
     */
    public TableState state() {
        TableState f = frozen;
        return f != null ? f : state;
    }

    /** The live state, frozen readers or not: what the step loop commits from. */
    public TableState liveState() { return state; }

    /**
     * The {@code freeze} link fault (DESIGN §6): from now on {@link #state()} keeps returning the current state to
     * every reader (both protocols), while publishes and writes go on in the live state; a client sees the plant
     * stand still and its own writes not read back. Idempotent: freezing while frozen keeps the first frozen state.
     */
    public void freezeReaders() {
        synchronized (lock) {
            if (frozen == null) frozen = state;
        }
    }

    /** Ends {@link #freezeReaders()}: readers see the live state again. */
    public void thawReaders() {
        synchronized (lock) {
            frozen = null;
        }
    }

    public boolean readersFrozen() { return frozen != null; }

    /** Index of the point bound to a bench variable, or -1 when the rig has none. */
    public int benchPoint(BenchVariable v) { return benchPoint[v.ordinal()]; }

    public void addListener(PointTableListener l) { listeners.add(l); }

    public void removeListener(PointTableListener l) { listeners.remove(l); }

    /**
     * Publishes a plant step: every {@code plant.*} point takes its output (converted from SI to the point's
     * unit) and quality; {@code bench.step} and {@code bench.plantTimeMs} take the frame's. Actuators, constants
     * and controller-written bench points keep their values.
     *
     * @param benchValues further bench variables to set (mode, watchdogTripped), or an empty map
     */
    public TableState publish(SignalFrame frame, Map<BenchVariable, Double> benchValues) {
        TableState next;
        synchronized (lock) {
            double[] v = publishedValues(frame);
            benchValues.forEach((k, val) -> setBench(v, k, val));
            next = publish(frame, v);
        }
        firePublished(next);
        return next;
    }

    /**
     * {@link #publish(SignalFrame, Map)} with the step loop's two bench variables ({@code BENCH.Mode} as its code,
     * {@code BENCH.WatchdogTripped}), without a map per step.
     */
    public TableState publish(SignalFrame frame, int modeCode, boolean watchdogTripped) {
        TableState next;
        synchronized (lock) {
            double[] v = publishedValues(frame);
            setBench(v, BenchVariable.MODE, modeCode);
            setBench(v, BenchVariable.WATCHDOG_TRIPPED, watchdogTripped ? 1.0 : 0.0);
            next = publish(frame, v);
        }
        firePublished(next);
        return next;
    }

    /** Tells the listeners of a published step (outside the lock; the list is empty on most tables). */
    private void firePublished(TableState next) {
        for (PointTableListener l : listeners) l.published(next);
    }

    /** The live values with the frame's plant outputs (and step, time) in; caller holds the lock. */
    private double[] publishedValues(SignalFrame frame) {
        double[] v = state.valuesCopy();
        for (int k = 0; k < plantOutputPoints.length; k++) {
            v[plantOutputPoints[k]] = plantOutputUnit[k].fromSi(frame.value(plantOutputIndex[k]));
        }
        setBench(v, BenchVariable.STEP, frame.step());
        setBench(v, BenchVariable.PLANT_TIME_MS, frame.plantTimeMs());
        return v;
    }

    /** The next state from {@link #publishedValues} and the frame's qualities; caller holds the lock. */
    private TableState publish(SignalFrame frame, double[] v) {
        TableState s = state;
        // the qualities are copied only when one changes (mostly none does); states never modify their arrays, so the
        // next state may share them, as it shares the texts a publish never changes
        Quality[] q = s.qualitiesShared();
        boolean copied = false;
        for (int k = 0; k < plantOutputPoints.length; k++) {
            Quality fq = frame.quality(plantOutputIndex[k]);
            int p = plantOutputPoints[k];
            if (q[p] != fq) {
                if (!copied) {
                    q = s.qualitiesCopy();
                    copied = true;
                }
                q[p] = fq;
            }
        }
        TableState next = new TableState(s.version() + 1, v, s.textsShared(), q);
        state = next;
        return next;
    }

    private void setBench(double[] v, BenchVariable var, double value) {
        int p = benchPoint[var.ordinal()];
        if (p >= 0) v[p] = value;
    }

    /**
     * Applies one request's writes together: each must name a writable point (checked by the caller's decoding
     * or {@link #checkWritable}) and a value in range; with {@code clamp} points an out-of-range value is
     * applied at the limit and reported as an event. If any write is refused, none is applied.
     *
     * @param origin who wrote, for the event log (e.g. "modbus 127.0.0.1:53412", "opcua session 3", "scenario")
     */
    public TableState write(List<PointWrite> writes, String origin) throws PointAccessException {
        if (writes.isEmpty()) return state();
        List<String> events = new ArrayList<>();
        double[] staged = new double[writes.size()];
        for (int k = 0; k < writes.size(); k++) {
            staged[k] = stage(writes.get(k), origin, events);
        }
        TableState next;
        synchronized (lock) {
            TableState s = state;
            double[] v = s.valuesCopy();
            String[] t = null; // copied on the first string write: the states share the texts array until then
            for (int k = 0; k < writes.size(); k++) {
                PointWrite w = writes.get(k);
                if (points.get(w.pointIndex()).isString()) {
                    if (t == null) t = s.textsCopy();
                    t[w.pointIndex()] = w.text() == null ? "" : w.text();
                } else {
                    v[w.pointIndex()] = staged[k];
                }
            }
            // a write changes no quality: the states share the (never modified) qualities array
            next = new TableState(s.version() + 1, v, t == null ? s.textsShared() : t, s.qualitiesShared());
            state = next;
        }
        events.forEach(this::fireEvent);
        for (PointTableListener l : listeners) l.written(next, writes, origin);
        return next;
    }

    /**
     * Checks one write as {@link #write} would, without applying it: an adapter answering one status per item
     * (an OPC UA Write call) checks each item first and then applies the valid ones together in one
     * {@link #write}. A refusal is reported as an event, as {@link #write} reports it.
     */
    public void check(PointWrite w, String origin) throws PointAccessException {
        stage(w, origin, new ArrayList<>());
    }

    /** The value a write applies (clamped where the point clamps), or the refusal. */
    private double stage(PointWrite w, String origin, List<String> events) throws PointAccessException {
        PointDefinition p = points.get(w.pointIndex());
        if (p.isString()) return 0.0;
        double value = w.value();
        if (!Double.isFinite(value)) {
            throw new PointAccessException(AccessError.OUT_OF_RANGE, p.tag() + ": " + value + " is not a finite number");
        }
        if (p.isBoolean() && value != 0.0 && value != 1.0) {
            throw new PointAccessException(AccessError.OUT_OF_RANGE, p.tag() + ": " + value + " is not a boolean (0 or 1)");
        }
        if (!p.inRange(value)) {
            if (p.onOutOfRange() == OutOfRangePolicy.REJECT) {
                String msg = p.tag() + ": " + value + " " + p.unit().code() + " is outside [" + p.min() + ", " + p.max() + "]";
                fireEvent("rejected write from " + origin + ": " + msg);
                throw new PointAccessException(AccessError.OUT_OF_RANGE, msg);
            }
            double clamped = Double.isNaN(p.min()) ? value : Math.max(p.min(), value);
            clamped = Double.isNaN(p.max()) ? clamped : Math.min(p.max(), clamped);
            events.add("clamped write from " + origin + ": " + p.tag() + " " + value + " -> " + clamped + " " + p.unit().code());
            value = clamped;
        }
        if (p.modbus() != null && !p.isBoolean()) {
            PointType t = p.modbus().type();
            double raw = Codec.toRaw(p, t, value);
            if (!Codec.rawFits(t, raw)) {
                throw new PointAccessException(AccessError.OUT_OF_RANGE, p.tag() + ": " + value + " does not fit " + t
                        + " with scale " + p.scale() + " and offset " + p.offset());
            }
        }
        return value;
    }

    /** Refuses a point the controller may not write (for adapters that address points by tag). */
    public void checkWritable(int index) throws PointAccessException {
        PointDefinition p = points.get(index);
        if (!p.clientWritable()) {
            throw new PointAccessException(AccessError.READ_ONLY, p.tag() + " is a "
                    + p.kind().name().toLowerCase(java.util.Locale.ROOT) + " point and cannot be written");
        }
    }

    /**
     * A bench-side change (scenario setting a constant, a test forcing a value): bypasses the controller's
     * access rules, not the range check.
     */
    public TableState set(String tag, double value, String origin) throws PointAccessException {
        int i = indexOf(tag);
        if (i < 0) throw new PointAccessException(AccessError.UNMAPPED, "no point " + tag);
        fireEvent(origin + " set " + tag + " = " + value);
        return write(List.of(PointWrite.of(i, value)), origin);
    }

    /**
     * The plant inputs the actuators command now, in SI units, indexed like the catalogue's inputs; inputs no
     * actuator is bound to keep {@code defaults}. Under {@code failsafe} each actuator applies its failsafe rule
     * to {@code held} (the value it held when the watchdog tripped) instead of its output image.
     */
    public double[] plantInputsSi(TableState s, SignalCatalogue catalogue, double[] defaults, boolean failsafe, TableState held) {
        double[] in = defaults.clone();
        boolean resolved = catalogue == this.catalogue;
        for (int i : plantInputPoints) {
            PointDefinition p = points.get(i);
            double value = failsafe ? p.failsafe().apply(held.value(i)) : s.value(i);
            in[resolved ? plantInputOf[i] : catalogue.inputIndex(p.binding().name())] = p.unit().toSi(value);
        }
        return in;
    }

    private void fireEvent(String message) {
        for (PointTableListener l : listeners) l.event(message);
    }
}
