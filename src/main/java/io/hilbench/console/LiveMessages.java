package io.hilbench.console;

import io.hilbench.points.Binding;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointTable;
import io.hilbench.points.TableState;
import io.hilbench.runtime.Quality;
import io.hilbench.runtime.Recorder;
import io.hilbench.runtime.TraceEvent;
import io.hilbench.runtime.TraceRow;

import io.hilbench.rig.AlarmMeaning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the console's messages from the running bench: the point list once ({@link #pointsJson()}), and one live
 * message per tick ({@link #next()}) with the plant time, every point's value as the controller reads it (the point
 * table's live state, engineering units) and quality, the run status, the controller state columns of the trace and
 * the events recorded since the previous message.
 *
 * <p>Quality letters: {@code G} good, {@code U} uncertain, {@code B} bad, {@code F} a sensor fault is active on the
 * point's plant output (the value is what the fault makes of it, whatever its quality).
 *
 * <p>Size: a message carries every value only when a browser needs them all ({@link Tick#full()}: its first message,
 * or after it missed one); otherwise only the values that changed since the previous message ({@code "d"}: index to
 * value) and the qualities only when one changed, so two browsers following a plant whose setpoints and states stand
 * still parse a fraction of the points ten times a second.
 *
 * <p>Threads: {@link #next()} is called by the console's one ticker thread only; it reads the emulator through its
 * thread-safe accessors and never takes the step lock, so the step loop is not held by a browser.
 */
final class LiveMessages {
    private final LiveSource source;
    private final PointTable table;
    private final List<PointDefinition> points;
    /** Plant output name of each point bound to {@code plant.*}, else null. */
    private final String[] plantOutput;
    private final String pointsJson;

    private Object lastRun;
    private int eventsSent;
    private final java.util.Map<String, Double> lastController = new java.util.LinkedHashMap<>();
    private long seq;
    /** The trace column of the controller's state (scenario.ControllerDriver.STATE_COLUMN), a ControllerState ordinal. */
    static final String STATE_COLUMN = "controller.state";

    LiveMessages(LiveSource source) {
        this.source = source;
        this.table = source.table();
        this.points = table.points();
        this.plantOutput = new String[points.size()];
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < points.size(); i++) {
            PointDefinition p = points.get(i);
            Binding b = p.binding();
            plantOutput[i] = b.source() == Binding.Source.PLANT ? b.name() : null;
            if (i > 0) sb.append(',');
            sb.append('{');
            Json.key(sb, "tag");
            Json.string(sb, p.tag()).append(',');
            Json.key(sb, "description");
            Json.string(sb, p.description()).append(',');
            Json.key(sb, "unit");
            Json.string(sb, p.unit().symbol()).append(',');
            Json.key(sb, "kind");
            Json.string(sb, p.kind().name().toLowerCase(java.util.Locale.ROOT)).append(',');
            Json.key(sb, "path");
            Json.string(sb, p.opcuaPath()).append(',');
            Json.key(sb, "binding");
            Json.string(sb, b.toString()).append(',');
            Json.key(sb, "min");
            Json.number(sb, p.min()).append(',');
            Json.key(sb, "max");
            Json.number(sb, p.max()).append('}');
        }
        this.pointsJson = sb.append(']').toString();
    }

    String pointsJson() { return pointsJson; }

    /** The points in message order (the order of {@code v} and {@code q} in every live message). */
    List<PointDefinition> points() { return points; }

    /**
     * One tick's message: the delta form every caught-up client gets, and the full form (every value and quality)
     * built only when a client needs it, from the values this tick read.
     */
    static final class Tick {
        final long seq;
        private final String head;
        private final String tail;
        private final String delta;
        private final Object[] values;
        private final String qualities;
        private String full;

        private Tick(long seq, String head, String tail, String delta, Object[] values, String qualities) {
            this.seq = seq;
            this.head = head;
            this.tail = tail;
            this.delta = delta;
            this.values = values;
            this.qualities = qualities;
        }

        /** Only what changed since the previous tick (for a client that has that one). */
        String delta() { return delta; }

        /** Every value and quality (a client's first message, or after it missed a tick). */
        synchronized String full() {
            if (full == null) {
                StringBuilder sb = new StringBuilder(head.length() + tail.length() + 16 * values.length);
                sb.append(head);
                Json.key(sb, "v").append('[');
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) sb.append(',');
                    if (values[i] instanceof String t) Json.string(sb, t);
                    else Json.number(sb, (Double) values[i]);
                }
                sb.append("],");
                Json.key(sb, "q");
                Json.string(sb, qualities).append(',');
                full = sb.append(tail).toString();
            }
            return full;
        }
    }

    /** Values and qualities of the previous tick, to send only what changed. */
    private Object[] previousValues;
    private String previousQualities;

    /** One live message (JSON object), stamped with the plant time of the step published last. */
    String next() { return nextTick().full(); }

    /** One tick: the message in its delta and full forms. */
    Tick nextTick() {
        Object run = source.runIdentity();
        if (run != lastRun) {   // a new run (a new scenario): its recorder starts empty
            lastRun = run;
            eventsSent = 0;
            lastController.clear();
            resetControllerScan();
            studyState = null;
            studyEvents.clear();
        }
        TableState s = table.liveState();
        long plantTimeMs = source.plantTimeMs();
        Set<String> faulted = source.faultedOutputs(plantTimeMs);
        StringBuilder sb = new StringBuilder(256);
        sb.append('{');
        Json.key(sb, "seq").append(++seq).append(',');
        Json.key(sb, "t").append(plantTimeMs).append(',');
        Json.key(sb, "step").append(source.step()).append(',');
        Json.key(sb, "status");
        Json.string(sb, source.status()).append(',');
        Json.key(sb, "pace");
        Json.string(sb, source.pace()).append(',');
        Json.key(sb, "watchdog").append(source.watchdogTripped()).append(',');
        if (seq % 10 == 1) {   // once a second: the figures change slowly
            try {
                recentLateness(source.timingLog());
            } catch (IndexOutOfBoundsException newRun) {
                // the log was cleared between size() and a read: the next second's figures will do
            }
        }
        Json.key(sb, "latenessP99Ms");
        Json.number(sb, latenessP99Ms).append(',');
        Json.key(sb, "latenessMaxMs");
        Json.number(sb, latenessMaxMs).append(',');
        String head = sb.toString();

        Object[] values = new Object[points.size()];
        StringBuilder q = new StringBuilder(points.size());
        StringBuilder d = new StringBuilder(head.length() + 256).append(head);
        Json.key(d, "d").append('{');
        boolean firstChange = true;
        for (int i = 0; i < points.size(); i++) {
            PointDefinition p = points.get(i);
            Object v = p.isString() ? s.text(i) : (Object) s.value(i);
            values[i] = v;
            q.append(plantOutput[i] != null && faulted.contains(plantOutput[i]) ? 'F' : letter(s.quality(i)));
            if (previousValues == null || !java.util.Objects.equals(previousValues[i], v)) {   // Double.equals: NaN equals NaN
                if (!firstChange) d.append(',');
                firstChange = false;
                d.append('"').append(i).append("\":");
                if (v instanceof String t) Json.string(d, t);
                else Json.number(d, (Double) v);
            }
        }
        d.append("},");
        String qualities = q.toString();
        if (!qualities.equals(previousQualities)) {
            Json.key(d, "q");
            Json.string(d, qualities).append(',');
        }
        previousValues = values;
        previousQualities = qualities;

        StringBuilder tail = new StringBuilder(128);
        Recorder r = source.recorder();
        if (r != null) {
            List<Event> fresh = controllerEvents(r);
            controllerColumns(r, tail);
            events(r, fresh, tail);
        } else {
            studyController(plantTimeMs, source.step(), tail);
        }
        String t = tail.append('}').toString();
        return new Tick(seq, head, t, d.append(t).toString(), values, qualities);
    }

    // ------------------------------------------------------------------ a loop without a recorder (bench simulate --pace)

    /** The controller state seen last (a study: from the loop itself), and its changes as the run's events. */
    private String studyState;
    /** A study's events so far (its controller's state changes), the newest {@link #STUDY_EVENTS} kept. */
    private final java.util.ArrayDeque<Event> studyEvents = new java.util.ArrayDeque<>();
    static final int STUDY_EVENTS = 1000;

    private void studyController(long plantTimeMs, long step, StringBuilder sb) {
        String label = source.controllerStateLabel();
        List<Event> fresh = new ArrayList<>();
        if (label != null && !label.equals(studyState)) {
            studyState = label;
            Event ev = new Event(plantTimeMs, step, "controller", "controller state " + label);
            fresh.add(ev);
            synchronized (studyEvents) {
                studyEvents.addLast(ev);
                if (studyEvents.size() > STUDY_EVENTS) studyEvents.removeFirst();
            }
        }
        Json.key(sb, "controllerState");
        if (studyState == null) sb.append("null");
        else Json.string(sb, studyState);
        sb.append(',');
        Json.key(sb, "alarms").append("[],");
        Json.key(sb, "controller").append("{},");
        Json.key(sb, "events").append('[');
        appendEvents(fresh, sb);
        sb.append(']');
    }

    /** A study's event list for {@code /api/events}. */
    String studyEventsJson() {
        List<Event> list;
        synchronized (studyEvents) {
            list = new ArrayList<>(studyEvents);
        }
        StringBuilder sb = new StringBuilder("[");
        appendEvents(list, sb);
        return sb.append(']').toString();
    }

    /** One line of the console's event list: plant events and the controller's own, merged in plant-time order. */
    record Event(long t, long step, String source, String text) {}

    private ControllerScan scan = new ControllerScan();

    private void resetControllerScan() { scan = new ControllerScan(); }

    private List<Event> controllerEvents(Recorder r) { return scan.next(r, ControllerScan.MAX_ROWS); }

    static final String ALARMS_COLUMN = "controller.alarms";

    /**
     * Follows a run's trace for the controller's state changes and alarms raised and cleared (issue #16 item 4),
     * decoded from the trace's extension columns as the report does ({@link io.hilbench.report.ControllerAlarms}):
     * the state ordinal by its name, the alarm mask bit by bit as {@link AlarmMeaning} names. Each change is stamped
     * with the plant time of the row it was read in, so it sorts among the plant's events.
     */
    static final class ControllerScan {
        /** The newest rows read per call at most: one short copy under the recorder's lock. */
        static final int MAX_ROWS = 50_000;
        private long rowsScanned;
        private double state = Double.NaN;
        private double mask = Double.NaN;

        /** The changes in the rows appended since the previous call (at most the newest {@code maxRows} of them). */
        List<Event> next(Recorder r, int maxRows) {
            List<String> names = r.extensionNames();
            int stateCol = names.indexOf(STATE_COLUMN);
            int alarmsCol = names.indexOf(ALARMS_COLUMN);
            if (stateCol < 0 && alarmsCol < 0) return List.of();
            if (r.totalRows() < rowsScanned) {   // the recorder was cleared: a new run
                rowsScanned = 0;
                state = Double.NaN;
                mask = Double.NaN;
            }
            return scan(r, r.rowsFrom(rowsScanned, maxRows));
        }

        private List<Event> scan(Recorder r, Recorder.RowSlice slice) {
            List<String> names = r.extensionNames();
            int stateCol = names.indexOf(STATE_COLUMN);
            int alarmsCol = names.indexOf(ALARMS_COLUMN);
            rowsScanned = slice.end();
            List<Event> out = new ArrayList<>();
            io.hilbench.rig.ControllerState[] states = io.hilbench.rig.ControllerState.values();
            for (TraceRow row : slice.rows()) {
                if (stateCol < row.extensionCount() && stateCol >= 0) {
                    double st = row.extension(stateCol);
                    if (!Double.isNaN(st) && st != state) {
                        state = st;
                        String label = st >= 0 && st < states.length && st == Math.rint(st) ? states[(int) st].label() : "unknown (" + st + ")";
                        out.add(new Event(row.plantTimeMs(), row.step(), "controller", "controller state " + label));
                    }
                }
                if (alarmsCol < row.extensionCount() && alarmsCol >= 0) {
                    double m = row.extension(alarmsCol);
                    if (!Double.isNaN(m) && m != mask) {
                        long now = (long) m;
                        long before = Double.isNaN(mask) ? 0 : (long) mask;
                        mask = m;
                        for (AlarmMeaning a : AlarmMeaning.values()) {
                            long bit = 1L << a.ordinal();
                            if ((now & bit) != 0 && (before & bit) == 0) out.add(new Event(row.plantTimeMs(), row.step(), "controller", "controller alarm " + a + " raised"));
                            if ((now & bit) == 0 && (before & bit) != 0) out.add(new Event(row.plantTimeMs(), row.step(), "controller", "controller alarm " + a + " cleared"));
                        }
                    }
                }
            }
            return out;
        }

        /** Every change of the run so far, read forward in slices of {@link #MAX_ROWS} (each a short hold of the recorder's lock). */
        static List<Event> all(Recorder r) {
            List<String> names = r.extensionNames();
            if (!names.contains(STATE_COLUMN) && !names.contains(ALARMS_COLUMN)) return List.of();
            ControllerScan s = new ControllerScan();
            List<Event> out = new ArrayList<>();
            while (true) {
                Recorder.RowSlice slice = r.rowsChunk(s.rowsScanned, MAX_ROWS);
                if (slice.rows().isEmpty()) break;
                out.addAll(s.scan(r, slice));
            }
            return out;
        }
    }

    /** The run's whole event list for {@code /api/events}: the plant's events and the controller's, in plant-time order. */
    static String allEventsJson(Recorder r) {
        List<Event> list = new ArrayList<>(ControllerScan.all(r));
        for (TraceEvent ev : r.events()) list.add(new Event(ev.plantTimeMs(), ev.step(), "plant", ev.text()));
        list.sort(java.util.Comparator.comparingLong(Event::t).thenComparingLong(Event::step));
        StringBuilder sb = new StringBuilder("[");
        appendEvents(list, sb);
        return sb.append(']').toString();
    }

    private static void appendEvents(List<Event> list, StringBuilder sb) {
        for (int i = 0; i < list.size(); i++) {
            Event ev = list.get(i);
            if (i > 0) sb.append(',');
            sb.append('{');
            Json.key(sb, "t").append(ev.t()).append(',');
            Json.key(sb, "step").append(ev.step()).append(',');
            Json.key(sb, "source");
            Json.string(sb, ev.source()).append(',');
            Json.key(sb, "text");
            Json.string(sb, ev.text()).append('}');
        }
    }

    /** The alarm names of a mask (bit k = {@code AlarmMeaning.values()[k]}). */
    static List<String> alarmNames(double mask) {
        List<String> out = new ArrayList<>();
        if (Double.isNaN(mask)) return out;
        long m = (long) mask;
        for (AlarmMeaning a : AlarmMeaning.values()) if ((m >> a.ordinal() & 1) == 1) out.add(a.name());
        return out;
    }

    /** Steps the live lateness figures look back over. */
    static final int LATENESS_WINDOW = 1000;
    private double latenessP99Ms = Double.NaN;
    private double latenessMaxMs = Double.NaN;

    /**
     * Lateness p99 and max over the last {@link #LATENESS_WINDOW} steps (paced modes; NaN in lockstep), so a person
     * at {@code bench serve} sees it while it happens rather than when the bench stops (issue #16 item 10).
     */
    private void recentLateness(io.hilbench.runtime.TimingLog t) {
        long[] latest = t.latenessLatest(LATENESS_WINDOW);   // one short hold of the lock the step loop appends under
        long[] late = new long[latest.length];
        int n = 0;
        for (long l : latest) {
            if (l != io.hilbench.runtime.TimingLog.NONE) late[n++] = l;
        }
        if (n == 0) {
            latenessP99Ms = Double.NaN;
            latenessMaxMs = Double.NaN;
            return;
        }
        java.util.Arrays.sort(late, 0, n);
        latenessP99Ms = late[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)] / 1e6;
        latenessMaxMs = late[n - 1] / 1e6;
    }

    /** The trace's extension columns (the controller's state and alarms read over its supervisory link), last read values. */
    private void controllerColumns(Recorder r, StringBuilder sb) {
        List<String> names = r.extensionNames();
        TraceRow row = r.lastRow();
        if (row != null) {
            for (int i = 0; i < Math.min(names.size(), row.extensionCount()); i++) {
                double v = row.extension(i);
                if (!Double.isNaN(v)) lastController.put(names.get(i), v);
            }
        }
        // the state and alarm columns are read every few steps (NaN between): the scan of every new row knows the last
        // values read, where the last row alone would often hold NaN and leave an old state shown
        if (!Double.isNaN(scan.state)) lastController.put(STATE_COLUMN, scan.state);
        if (!Double.isNaN(scan.mask)) lastController.put(ALARMS_COLUMN, scan.mask);
        Json.key(sb, "controllerState");
        Double code = lastController.get(STATE_COLUMN);
        io.hilbench.rig.ControllerState[] states = io.hilbench.rig.ControllerState.values();
        if (code == null || code < 0 || code >= states.length) sb.append("null");
        else Json.string(sb, states[code.intValue()].label());
        sb.append(',');
        Json.key(sb, "alarms").append('[');
        Double mask = lastController.get(ALARMS_COLUMN);
        List<String> active = alarmNames(mask == null ? Double.NaN : mask);
        for (int i = 0; i < active.size(); i++) {
            if (i > 0) sb.append(',');
            Json.string(sb, active.get(i));
        }
        sb.append("],");
        Json.key(sb, "controller").append('{');
        boolean first = true;
        for (var en : lastController.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            Json.key(sb, en.getKey());
            Json.number(sb, en.getValue());
        }
        sb.append("},");
    }

    private void events(Recorder r, List<Event> controller, StringBuilder sb) {
        List<TraceEvent> all = r.events();
        if (all.size() < eventsSent) eventsSent = 0;
        List<Event> list = new ArrayList<>(controller);
        for (int i = eventsSent; i < all.size(); i++) {
            TraceEvent ev = all.get(i);
            list.add(new Event(ev.plantTimeMs(), ev.step(), "plant", ev.text()));
        }
        eventsSent = all.size();
        list.sort(java.util.Comparator.comparingLong(Event::t).thenComparingLong(Event::step));   // stable: same-time order kept
        Json.key(sb, "events").append('[');
        appendEvents(list, sb);
        sb.append(']');
    }

    static char letter(Quality q) {
        return switch (q) {
            case GOOD -> 'G';
            case UNCERTAIN -> 'U';
            case BAD -> 'B';
        };
    }
}
