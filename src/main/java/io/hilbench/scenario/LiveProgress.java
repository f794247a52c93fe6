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
            TraceRow row = plant.emulator().recorder().lastRow();
            if (row == null) return;
            out.println(line(row, shown, stateColumn));
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

    static String line(TraceRow row, List<Shown> shown, int stateColumn) {
        StringBuilder sb = new StringBuilder("  plant ").append(Quantities.plantTime(row.plantTimeMs()));
        if (stateColumn >= 0 && stateColumn < row.extensionCount()) {
            double code = row.extension(stateColumn);
            String state = Double.isNaN(code) ? "?" : ControllerState.values()[(int) code].label();
            sb.append("  state ").append(state);
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
