package io.hilbench.report;

import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the controller itself said during a scenario, read back from its trace (issue #14 item 8: a failure names its
 * cause): the state it reported and the alarms it raised, with the plant times they were raised and cleared. Without
 * this, a failure caused by the controller (a COMM_LOSS restart, a FLOW_TRIP) was blamed in the report on the signals
 * the assertion judged, with no word of the controller's own alarm.
 *
 * <p>The columns are the scenario layer's extension columns (scenario.ControllerDriver STATE_COLUMN and ALARMS_COLUMN,
 * named again here because the report may not import the scenario layer, DESIGN §2): the {@link ControllerState}
 * ordinal, and a bit mask with bit k set for {@code AlarmMeaning.values()[k]}. Both are read every few steps and NaN
 * in between: a NaN row carries the last value read forward, as the controller's state did not change unread.
 */
public final class ControllerAlarms {
    public static final String STATE_COLUMN = "controller.state";
    public static final String ALARMS_COLUMN = "controller.alarms";
    /** The columns to ask {@link TraceCsv#read} for. */
    public static final List<String> COLUMNS = List.of(STATE_COLUMN, ALARMS_COLUMN);
    /** Texts longer than this many entries are cut (a 24 h scenario defrosts every hour): the plot shows them all. */
    static final int MAX_LISTED = 12;

    /** One alarm from raised to cleared; {@code clearedS} NaN when it was still active at the end of the trace. */
    public record Episode(AlarmMeaning alarm, double raisedS, double clearedS) {
        public boolean stillActive() { return Double.isNaN(clearedS); }

        /** True when the alarm was active at some instant of [fromS, toS]. */
        public boolean overlaps(double fromS, double toS) { return raisedS <= toS && (stillActive() || clearedS >= fromS); }

        /** {@code COMM_LOSS raised 1:46:55.0, cleared 1:47:30.0} (or {@code , still active at the end}). */
        public String describe() {
            return alarm + " raised " + time(raisedS) + (stillActive() ? ", still active at the end" : ", cleared " + time(clearedS));
        }
    }

    /** The state the controller reported from {@code atS} on, and the alarms active at that instant. */
    public record StateChange(ControllerState state, double atS, Set<AlarmMeaning> activeAlarms) {
        public StateChange {
            activeAlarms = activeAlarms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(activeAlarms));
        }

        /** {@code Tripped 0:12:03.0 (FLOW_TRIP)}: the alarms named where the state changed with some active. */
        public String describe() {
            String alarms = activeAlarms.isEmpty() ? "" : " (" + EnumSet.copyOf(activeAlarms).stream().map(Enum::name).collect(Collectors.joining(", ")) + ")";
            return state.label() + " " + time(atS) + alarms;
        }
    }

    private final boolean recorded;
    private final double[] timeS;
    private final double[] state;
    private final double[] mask;
    private final List<Episode> episodes;
    private final List<StateChange> changes;

    private ControllerAlarms(boolean recorded, double[] timeS, double[] state, double[] mask) {
        this.recorded = recorded;
        this.timeS = timeS;
        this.state = state;
        this.mask = mask;
        this.episodes = recorded ? episodes(timeS, mask) : List.of();
        this.changes = recorded ? changes(timeS, state, mask) : List.of();
    }

    /** A trace without the columns (a run before they were recorded, or no controller link): {@link #recorded()} false. */
    public static ControllerAlarms none() { return new ControllerAlarms(false, new double[0], new double[0], new double[0]); }

    /** From a trace read with (at least) {@link #COLUMNS}; not recorded when it has neither column or no value in them. */
    public static ControllerAlarms of(TraceCsv trace) {
        double[] t = trace.timeS();
        double[] s = carriedForward(trace.column(STATE_COLUMN).orElseGet(() -> nans(t.length)));
        double[] m = carriedForward(trace.column(ALARMS_COLUMN).orElseGet(() -> nans(t.length)));
        boolean any = anyValue(s) || anyValue(m);
        return any ? new ControllerAlarms(true, t, s, m) : none();
    }

    /** True when the trace holds the controller's state or alarms at all. */
    public boolean recorded() { return recorded; }

    /** Every alarm raised and when it cleared, in the order raised. */
    public List<Episode> episodes() { return episodes; }

    /** The state changes reported, the first reading first. */
    public List<StateChange> stateChanges() { return changes; }

    /** The alarm meanings raised at any time of the scenario, in the order of {@link AlarmMeaning}. */
    public List<AlarmMeaning> raised() {
        Set<AlarmMeaning> out = EnumSet.noneOf(AlarmMeaning.class);
        episodes.forEach(e -> out.add(e.alarm()));
        return List.copyOf(out);
    }

    /** The alarms active at some instant of [fromS, toS] (raised before it and not yet cleared, or raised within it). */
    public List<Episode> within(double fromS, double toS) {
        return episodes.stream().filter(e -> e.overlaps(fromS, toS)).toList();
    }

    /** Plant time of each row (s), for the plot. */
    public double[] timeS() { return timeS.clone(); }

    /** The reported state per row as its ordinal (NaN before the first reading), for a step plot. */
    public double[] stateSeries() { return state.clone(); }

    /** 1 where the alarm was active, 0 where it was not, NaN before the first reading: one step line per alarm. */
    public double[] alarmSeries(AlarmMeaning a) {
        double[] out = new double[mask.length];
        for (int i = 0; i < mask.length; i++) out[i] = Double.isNaN(mask[i]) ? Double.NaN : bits(mask[i]).contains(a) ? 1 : 0;
        return out;
    }

    /** The alarms line of report.html: each episode, or why there is none. */
    public String describeAlarms() {
        if (!recorded) return "not recorded in the trace";
        return episodes.isEmpty() ? "none raised" : describe(episodes);
    }

    /** The state line of report.html: {@code Off 0:00:00.0 → Running 0:00:18.0 → Tripped 0:12:03.0 (FLOW_TRIP)}. */
    public String describeStates() {
        if (!recorded) return "not recorded in the trace";
        if (changes.isEmpty()) return "no state in the controller's state table was read";
        List<String> parts = changes.stream().limit(MAX_LISTED).map(StateChange::describe).collect(Collectors.toCollection(ArrayList::new));
        if (changes.size() > MAX_LISTED) parts.add("… (" + (changes.size() - MAX_LISTED) + " more changes, see the plot)");
        return String.join(" → ", parts);
    }

    /**
     * What the handover prints next to a deviation: the alarms active or raised in the judged window, e.g.
     * {@code COMM_LOSS raised 1:46:55.0, cleared 1:47:30.0; FLOW_TRIP raised …}.
     */
    public String describeWithin(double fromS, double toS) {
        if (!recorded) return "not recorded in the trace";
        List<Episode> in = within(fromS, toS);
        return in.isEmpty() ? "none" : describe(in);
    }

    private static String describe(List<Episode> list) {
        String text = list.stream().limit(MAX_LISTED).map(Episode::describe).collect(Collectors.joining("; "));
        return list.size() > MAX_LISTED ? text + "; … (" + (list.size() - MAX_LISTED) + " more, see the plot)" : text;
    }

    /** The alarms of a mask (bit k = {@code AlarmMeaning.values()[k]}); empty for NaN. */
    static Set<AlarmMeaning> bits(double mask) {
        Set<AlarmMeaning> out = EnumSet.noneOf(AlarmMeaning.class);
        if (Double.isNaN(mask)) return out;
        long m = (long) mask;
        for (AlarmMeaning a : AlarmMeaning.values()) if ((m >> a.ordinal() & 1) == 1) out.add(a);
        return out;
    }

    private static List<Episode> episodes(double[] t, double[] mask) {
        List<Episode> out = new ArrayList<>();
        Map<AlarmMeaning, Double> open = new EnumMap<>(AlarmMeaning.class);
        for (int i = 0; i < t.length; i++) {
            if (Double.isNaN(mask[i])) continue;
            Set<AlarmMeaning> now = bits(mask[i]);
            for (AlarmMeaning a : now) open.putIfAbsent(a, t[i]);
            for (AlarmMeaning a : new ArrayList<>(open.keySet())) {
                if (!now.contains(a)) out.add(new Episode(a, open.remove(a), t[i]));
            }
        }
        open.forEach((a, raised) -> out.add(new Episode(a, raised, Double.NaN)));
        out.sort((x, y) -> Double.compare(x.raisedS(), y.raisedS()));
        return List.copyOf(out);
    }

    private static List<StateChange> changes(double[] t, double[] state, double[] mask) {
        List<StateChange> out = new ArrayList<>();
        double last = Double.NaN;
        for (int i = 0; i < t.length; i++) {
            Optional<ControllerState> s = stateOf(state[i]);
            if (s.isEmpty() || state[i] == last) continue;
            last = state[i];
            out.add(new StateChange(s.get(), t[i], bits(mask[i])));
        }
        return List.copyOf(out);
    }

    /** The state of an ordinal, empty for NaN or a value outside the enum. */
    public static Optional<ControllerState> stateOf(double ordinal) {
        if (Double.isNaN(ordinal) || ordinal < 0 || ordinal >= ControllerState.values().length || ordinal != Math.rint(ordinal)) return Optional.empty();
        return Optional.of(ControllerState.values()[(int) ordinal]);
    }

    private static double[] carriedForward(double[] v) {
        double[] out = v.clone();
        for (int i = 1; i < out.length; i++) if (Double.isNaN(out[i])) out[i] = out[i - 1];
        return out;
    }

    private static double[] nans(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, Double.NaN);
        return out;
    }

    private static boolean anyValue(double[] v) {
        for (double x : v) if (!Double.isNaN(x)) return true;
        return false;
    }

    private static String time(double s) { return PlantTimes.format(Math.round(s * 1000)); }
}
