package io.hilbench.scenario;

import io.hilbench.points.PointDefinition;
import io.hilbench.rig.ControllerSection;
import io.hilbench.rig.ControllerState;
import io.hilbench.runtime.TraceRow;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live progress of a scenario for the person at the bench (issue #9 item 4): about once a second of wall time, one
 * line on the stream (stderr under {@code bench run}) with the current plant time, the controller state and the main
 * signals of the heat pump — supply TT-272 and its return TT-271, gas-cooler pressure PT-202, the compressors' actual
 * speeds, DH flow FT-271 — in the rig's edge units. Everything comes from the last recorded trace row (the state from
 * the trace column the step loop reads after the Ack), so printing never touches a protocol link and cannot disturb
 * the run. A tag the rig does not map is left out.
 */
final class LiveProgress implements AutoCloseable {
    private static final List<String> MAIN = List.of("TT-272", "TT-271", "PT-202", "FT-271");

    private record Shown(String label, PointDefinition point, int output) {}

    private final ScheduledExecutorService timer;

    private LiveProgress(ScheduledExecutorService timer) { this.timer = timer; }

    static LiveProgress start(PrintStream out, PlantDriver plant, PlantSignals signals, ControllerSection section) {
        List<Shown> shown = new ArrayList<>();
        for (String tag : MAIN) add(shown, tag, signals, plant);
        for (var c : signals.compressors()) {
            int i = plant.emulator().catalogue().outputIndex(c.speedOutput());
            if (i >= 0) signals.find(c.tag() + ".Speed").ifPresent(p -> shown.add(new Shown(c.tag(), p, i)));
        }
        int stateColumn = plant.emulator().recorder().extensionNames().indexOf(ControllerDriver.STATE_COLUMN);
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "live-progress");
            th.setDaemon(true);
            return th;
        });
        t.scheduleAtFixedRate(() -> {
            var recorder = plant.emulator().recorder();
            TraceRow row = recorder.lastRow();
            if (row == null) return;
            out.println(line(row, shown, stateColumn, lastRead(recorder, stateColumn)));
            out.flush();
        }, 1, 1, TimeUnit.SECONDS);
        return new LiveProgress(t);
    }

    private static void add(List<Shown> shown, String tag, PlantSignals signals, PlantDriver plant) {
        signals.find(tag).ifPresent(p -> {
            try {
                int i = plant.emulator().catalogue().outputIndex(signals.output(tag));
                if (i >= 0) shown.add(new Shown(tag, p, i));
            } catch (IllegalArgumentException notAnOutput) {
                // mapped but not a plant output: nothing to show
            }
        });
    }

    /**
     * The row of the latest read of the controller's state: the step loop reads it every n-th step only (the rig's
     * {@code supervisory_every_steps}), and a failed read leaves NaN, so the last row alone often has none (issue #16
     * item 8: the line said {@code state ?}). Looks back at most {@link #LOOK_BACK_ROWS} rows; null when none there.
     */
    static TraceRow lastRead(io.hilbench.runtime.Recorder recorder, int stateColumn) {
        if (stateColumn < 0) return null;
        int size = recorder.size();
        for (int i = size - 1; i >= Math.max(0, size - LOOK_BACK_ROWS); i--) {
            TraceRow r = recorder.row(i);
            if (stateColumn < r.extensionCount() && !Double.isNaN(r.extension(stateColumn))) return r;
        }
        return null;
    }

    /** About a minute of plant time at 100 ms steps: an older state is reported as not read lately. */
    static final int LOOK_BACK_ROWS = 600;

    /**
     * One progress line: plant time, the last known controller state with its age in plant time (never {@code ?}:
     * "state not read yet" before the first read, "no state read in the last N steps" when the link is down), and
     * the main signals.
     */
    static String line(TraceRow row, List<Shown> shown, int stateColumn, TraceRow read) {
        StringBuilder sb = new StringBuilder("  plant ").append(Quantities.plantTime(row.plantTimeMs()));
        if (stateColumn >= 0) {
            if (read != null) {
                int code = (int) read.extension(stateColumn);
                ControllerState[] states = ControllerState.values();
                String state = code >= 0 && code < states.length ? states[code].label() : "code " + code;
                sb.append("  state ").append(state).append(String.format(Locale.ROOT, " (%.1f s ago)",
                        (row.plantTimeMs() - read.plantTimeMs()) / 1000.0));
            } else {
                sb.append(row.step() < LOOK_BACK_ROWS ? "  state not read yet" : "  state not read in the last " + LOOK_BACK_ROWS + " steps");
            }
        }
        for (Shown s : shown) {
            double v = s.point().unit().fromSi(row.trueValue(s.output()));
            sb.append(String.format(Locale.ROOT, "  %s %.1f %s", s.label(), v, s.point().unit().symbol()).stripTrailing());
        }
        return sb.toString();
    }

    @Override
    public void close() { timer.shutdownNow(); }
}
