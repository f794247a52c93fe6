package io.hilbench.controller;

import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plausibility of the sensors the reference controller relies on (issue 7 item 5; domain notes §5: sensor faults of
 * Pgc, Sgc, P0, Sd, Prec, water temperatures). A reading is <em>implausible</em> in a cycle when it is
 * <ul>
 *   <li>BAD quality or not a finite number (Modbus: the point's {@code bad_value}, NaN for floats);</li>
 *   <li>out of range: outside the point map's [min, max] widened by {@code sensorRangeMarginPct} of the span;</li>
 *   <li>{@link #RATE_CHECKED} only (PT-202, PT-201, TT-272): changing faster than physics allows ({@code pressureMaxRateBarPerS}, {@code
 *       temperatureMaxRateKPerS}, {@code flowMaxRateM3hPerS}): the reading then stays suspect for {@code
 *       sensorHealthyS}. (The first plant's refrigerant-side temperatures step by up to 20 K in one 100 ms step at a
 *       compressor start — a reduced-order model without sensor lags — so a rate test there would trip on the model.)</li>
 *   <li>{@link #FOLLOW_COMPRESSORS} only: frozen, still bit-identical {@code sensorFrozenS} after the compressors'
 *       commanded total speed moved {@code sensorFrozenActivityHz} away from where it was when the reading last changed
 *       (a live sensor follows that within seconds; a steady plant may legitimately repeat a value bit for bit, so an
 *       unchanged reading alone is no fault).</li>
 * </ul>
 * A sensor is <em>faulted</em> once it has been implausible for {@code sensorFaultDelayS} without a break, and healthy
 * again once it has been plausible for {@code sensorHealthyS}.
 *
 * <p><b>Critical sensors</b> (a fault is a safe stop): {@link #CRITICAL} — PT-202 gas-cooler pressure (HV-221, HP
 * unloading), PT-201 suction pressure (LP protection), TT-272 supply temperature (capacity), TT-271 DH return (the
 * envelope), FT-271 DH flow. <b>Non-critical</b> (alarm, degraded operation): {@link #NON_CRITICAL} — TT-202 discharge
 * temperature (the discharge unloading then caps every compressor at {@code dischargeSensorFaultMaxHz}; the hardwired
 * TSHH-202 stays), TT-201, TT-203, PT-204, the coil temperatures TT-231..TT-234 and the outdoor air TT-101 (read but
 * not yet used by a loop). Only the tags the plant map has are watched.
 */
final class SensorMonitor {
    /** Safe stop on a fault of any of these. */
    static final List<String> CRITICAL = List.of(PlantTags.PT202, PlantTags.PT201, PlantTags.TT272, PlantTags.TT271, PlantTags.FT271);
    /** Alarm and degraded operation on a fault of any of these. */
    static final List<String> NON_CRITICAL = List.of(PlantTags.TT202, "TT-201", "TT-203", "PT-204", "TT-231", "TT-232", "TT-233", "TT-234", "TT-101");
    /**
     * The sensors whose rate of change is checked: critical plant states with their own dynamics. TT-271 (the DH
     * return, a boundary the bench may step from one plant step to the next) and FT-271 (the DH flow, which a lost
     * flow or a pump trip takes to zero within a step or two) may legitimately jump in the emulator.
     */
    static final Set<String> RATE_CHECKED = Set.of(PlantTags.PT202, PlantTags.PT201, PlantTags.TT272);

    /**
     * The sensors whose reading must follow the compressors (the frozen-value test applies to them only): the supply
     * temperature TT-272, whose heat comes from the compressors. TT-271 and TT-101 are boundary conditions (DH return,
     * outdoor air) that may stay constant whatever the compressors do; FT-271 follows P-271; and the first plant
     * computes PT-202, PT-201 and TT-202 from temperatures and the HV-221 opening, not from speed (PT-202 stays bit for
     * bit at one value while the total speed goes from 215 to 100 Hz), so a speed-activity test on them would misfire.
     */
    static final Set<String> FOLLOW_COMPRESSORS = Set.of(PlantTags.TT272);

    private enum Kind { PRESSURE, TEMPERATURE, FLOW }

    private static final class Watched {
        final String tag;
        final boolean critical;
        final Kind kind;
        final double min;
        final double max;
        /** Membership of {@link #RATE_CHECKED} and {@link #FOLLOW_COMPRESSORS}, resolved once (checked every cycle). */
        final boolean rateChecked;
        final boolean followsCompressors;
        double last = Double.NaN;
        double unchangedS;
        /** The commanded total speed when the reading last changed. */
        double activityRefHz;
        /** How long the reading has been readable (not BAD, a number) without a break, s. */
        double readableS;
        double suspectLeftS;
        double implausibleS;
        double plausibleS;
        boolean faulted;
        String why = "";
        /** The inputs layout {@link #slot} was resolved in, and the tag's slot there (-1: not read). */
        Object layout;
        int slot = -1;

        /** The tag's slot in the inputs, resolved once per layout. */
        int slotIn(Inputs in) {
            Object l = in.layout();
            if (l != layout) {
                slot = in.slot(tag);
                layout = l;
            }
            return slot;
        }

        Watched(String tag, boolean critical, double min, double max) {
            this.tag = tag;
            this.critical = critical;
            this.kind = tag.startsWith("PT") ? Kind.PRESSURE : tag.startsWith("FT") ? Kind.FLOW : Kind.TEMPERATURE;
            this.min = min;
            this.max = max;
            this.rateChecked = RATE_CHECKED.contains(tag);
            this.followsCompressors = FOLLOW_COMPRESSORS.contains(tag);
        }
    }

    private final ControllerConfig config;
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    /** {@link #watched}'s values in its order, for the loops every cycle (no iterator). */
    private final Watched[] watchedInOrder;

    /**
     * @param ranges tag → {min, max} from the plant point map (NaN where the map gives none); tags the map lacks are
     *               watched only if {@code ranges} is empty (tests without a map: every listed tag the inputs carry)
     */
    SensorMonitor(ControllerConfig config, Map<String, double[]> ranges) {
        this.config = config;
        for (String t : CRITICAL) add(t, true, ranges);
        for (String t : NON_CRITICAL) add(t, false, ranges);
        this.watchedInOrder = watched.values().toArray(new Watched[0]);
    }

    private void add(String tag, boolean critical, Map<String, double[]> ranges) {
        double[] r = ranges.get(tag);
        if (r == null && !ranges.isEmpty()) return;
        watched.put(tag, new Watched(tag, critical, r == null ? Double.NaN : r[0], r == null ? Double.NaN : r[1]));
    }

    /** The {min, max} of every sensor point of a plant map. */
    static Map<String, double[]> ranges(List<PointDefinition> plantPoints) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (PointDefinition p : plantPoints) {
            if (p.kind() == PointKind.SENSOR) m.put(p.tag(), new double[] {p.min(), p.max()});
        }
        return m;
    }

    /**
     * One cycle.
     *
     * @param commandedTotalHz the compressors' commanded total speed this cycle (the frozen-value test's activity)
     */
    void update(Inputs in, double dtS, double commandedTotalHz) {
        for (Watched w : watchedInOrder) {
            int slot = w.slotIn(in);
            if (slot < 0) continue; // not read
            String why = check(w, in, slot, dtS, commandedTotalHz);
            if (why != null) {
                w.implausibleS += dtS;
                w.plausibleS = 0;
                w.why = why;
                if (!w.faulted && (w.implausibleS >= config.sensorFaultDelayS() - 1e-9)) w.faulted = true;
            } else {
                w.plausibleS += dtS;
                w.implausibleS = 0;
                if (w.faulted && w.plausibleS >= config.sensorHealthyS() - 1e-9) w.faulted = false;
            }
        }
    }

    /** Why the reading is implausible this cycle, or null. */
    private String check(Watched w, Inputs in, int slot, double dtS, double commandedTotalHz) {
        w.suspectLeftS = Math.max(0.0, w.suspectLeftS - dtS);
        if (!in.isGood(slot)) {
            w.last = Double.NaN;
            w.readableS = 0;
            w.unchangedS = 0;
            return "bad quality";
        }
        double v = in.value(slot);
        double last = w.last;
        w.last = v;
        if (!Double.isNaN(w.min) && !Double.isNaN(w.max)) {
            double margin = (w.max - w.min) * config.sensorRangeMarginPct() / 100.0;
            if (v < w.min - margin || v > w.max + margin) return "out of range (" + v + " outside [" + w.min + ", " + w.max + "])";
        }
        boolean armed = w.readableS >= config.sensorHealthyS() - 1e-9; // first readings (initial values, a new run) are not rate-checked
        w.readableS += dtS;
        if (!Double.isNaN(last) && dtS > 0) {
            double rate = Math.abs(v - last) / dtS;
            if (w.rateChecked && armed && rate > maxRate(w.kind)) {
                w.suspectLeftS = config.sensorHealthyS();
                w.why = "changing at " + rate + " per s";
            }
            if (commandedTotalHz <= 0) {
                w.unchangedS = 0; // compressors off: standstill pressures and temperatures are constant
                w.activityRefHz = 0;
            } else if (Double.compare(v, last) == 0) {
                // unchanged: count only from when the commanded speed has moved far enough from where it was at the
                // reading's last change (a steady plant may repeat a value bit for bit; one that was moved may not)
                if (Math.abs(commandedTotalHz - w.activityRefHz) >= config.sensorFrozenActivityHz() - 1e-9) w.unchangedS += dtS;
            } else {
                w.unchangedS = 0;
                w.activityRefHz = commandedTotalHz;
            }
        } else {
            w.unchangedS = 0;
            w.activityRefHz = commandedTotalHz;
        }
        if (w.suspectLeftS > 0) return "rate of change implausible";
        if (w.followsCompressors && w.unchangedS >= config.sensorFrozenS() - 1e-9) {
            return "frozen for " + Math.round(w.unchangedS) + " s after the compressors' speed moved";
        }
        return null;
    }

    private double maxRate(Kind k) {
        return switch (k) {
            case PRESSURE -> config.pressureMaxRateBarPerS();
            case TEMPERATURE -> config.temperatureMaxRateKPerS();
            case FLOW -> config.flowMaxRateM3hPerS();
        };
    }

    /**
     * True when the tag's reading can be acted on now: good quality, a number, within its range (with the margin), and
     * the sensor not faulted. An unwatched tag: good quality and a number.
     */
    boolean readable(Inputs in, String tag) {
        if (!in.isGood(tag)) return false;
        Watched w = watched.get(tag);
        if (w == null) return true;
        if (w.faulted) return false;
        if (Double.isNaN(w.min) || Double.isNaN(w.max)) return true;
        double v = in.value(tag);
        double margin = (w.max - w.min) * config.sensorRangeMarginPct() / 100.0;
        return v >= w.min - margin && v <= w.max + margin;
    }

    /** True when a critical sensor is faulted now. */
    boolean criticalFaulted() {
        for (Watched w : watchedInOrder) if (w.critical && w.faulted) return true;
        return false;
    }

    boolean anyFaulted() {
        for (Watched w : watchedInOrder) if (w.faulted) return true;
        return false;
    }

    boolean faulted(String tag) {
        Watched w = watched.get(tag);
        return w != null && w.faulted;
    }

    /** The faulted sensors with their reason, for events. */
    List<String> describeFaults() {
        List<String> l = new ArrayList<>();
        for (Watched w : watched.values()) if (w.faulted) l.add(w.tag + (w.critical ? " (critical)" : "") + ": " + w.why);
        return l;
    }

    /** The watched tags (those of {@link #CRITICAL} and {@link #NON_CRITICAL} the map has). */
    Set<String> watchedTags() { return Collections.unmodifiableSet(new LinkedHashSet<>(watched.keySet())); }

    void reset() {
        for (Watched w : watched.values()) {
            w.last = Double.NaN;
            w.unchangedS = 0;
            w.activityRefHz = 0;
            w.readableS = 0;
            w.suspectLeftS = 0;
            w.implausibleS = 0;
            w.plausibleS = 0;
            w.faulted = false;
            w.why = "";
        }
    }
}
