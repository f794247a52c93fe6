package io.hilbench.console;

import io.hilbench.points.Binding;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointTable;
import io.hilbench.points.TableState;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.Quality;
import io.hilbench.runtime.Recorder;
import io.hilbench.runtime.TraceEvent;
import io.hilbench.runtime.TraceRow;
import io.hilbench.runtime.faults.SensorFault;

import java.util.HashSet;
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
 * <p>Threads: {@link #next()} is called by the console's one ticker thread only; it reads the emulator through its
 * thread-safe accessors and never takes the step lock, so the step loop is not held by a browser.
 */
final class LiveMessages {
    private final BenchAssembly bench;
    private final PointTable table;
    private final List<PointDefinition> points;
    /** Plant output name of each point bound to {@code plant.*}, else null. */
    private final String[] plantOutput;
    private final String pointsJson;

    private Emulator lastEmulator;
    private int eventsSent;
    private final java.util.Map<String, Double> lastController = new java.util.LinkedHashMap<>();
    private long seq;
    /** The trace column of the controller's state (scenario.ControllerDriver.STATE_COLUMN), a ControllerState ordinal. */
    static final String STATE_COLUMN = "controller.state";

    LiveMessages(BenchAssembly bench) {
        this.bench = bench;
        this.table = bench.table();
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

    /** One live message (JSON object), stamped with the plant time of the step published last. */
    String next() {
        Emulator e = bench.emulator();
        if (e != lastEmulator) {   // a new run (a new scenario): its recorder starts empty
            lastEmulator = e;
            eventsSent = 0;
            lastController.clear();
        }
        TableState s = table.liveState();
        long plantTimeMs = e.plantTimeMs();
        Set<String> faulted = new HashSet<>();
        for (SensorFault f : e.sensorFaults()) if (f.activeAt(plantTimeMs)) faulted.add(f.output());
        StringBuilder sb = new StringBuilder(32 * points.size());
        sb.append('{');
        Json.key(sb, "seq").append(++seq).append(',');
        Json.key(sb, "t").append(plantTimeMs).append(',');
        Json.key(sb, "step").append(e.step()).append(',');
        Json.key(sb, "status");
        Json.string(sb, e.status().state().name()).append(',');
        Json.key(sb, "pace");
        Json.string(sb, e.config().pacing().toString()).append(',');
        Json.key(sb, "watchdog").append(e.watchdogTripped()).append(',');
        if (seq % 10 == 1) {   // once a second: the figures change slowly
            try {
                recentLateness(e.timingLog());
            } catch (IndexOutOfBoundsException newRun) {
                // the log was cleared between size() and a read: the next second's figures will do
            }
        }
        Json.key(sb, "latenessP99Ms");
        Json.number(sb, latenessP99Ms).append(',');
        Json.key(sb, "latenessMaxMs");
        Json.number(sb, latenessMaxMs).append(',');
        Json.key(sb, "v").append('[');
        StringBuilder q = new StringBuilder(points.size());
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) sb.append(',');
            PointDefinition p = points.get(i);
            if (p.isString()) Json.string(sb, s.text(i));
            else Json.number(sb, s.value(i));
            q.append(plantOutput[i] != null && faulted.contains(plantOutput[i]) ? 'F' : letter(s.quality(i)));
        }
        sb.append("],");
        Json.key(sb, "q");
        Json.string(sb, q.toString()).append(',');
        controllerColumns(e.recorder(), sb);
        events(e.recorder(), sb);
        return sb.append('}').toString();
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
        int size = t.size();
        long[] late = new long[Math.min(size, LATENESS_WINDOW)];
        int n = 0;
        for (int i = size - late.length; i < size; i++) {
            long l = t.latenessNs(i);
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
        Json.key(sb, "controllerState");
        Double code = lastController.get(STATE_COLUMN);
        io.hilbench.rig.ControllerState[] states = io.hilbench.rig.ControllerState.values();
        if (code == null || code < 0 || code >= states.length) sb.append("null");
        else Json.string(sb, states[code.intValue()].label());
        sb.append(',');
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

    private void events(Recorder r, StringBuilder sb) {
        List<TraceEvent> all = r.events();
        Json.key(sb, "events").append('[');
        if (all.size() < eventsSent) eventsSent = 0;
        for (int i = eventsSent; i < all.size(); i++) {
            TraceEvent ev = all.get(i);
            if (i > eventsSent) sb.append(',');
            sb.append('{');
            Json.key(sb, "t").append(ev.plantTimeMs()).append(',');
            Json.key(sb, "step").append(ev.step()).append(',');
            Json.key(sb, "text");
            Json.string(sb, ev.text()).append('}');
        }
        eventsSent = all.size();
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
