package io.hilbench.scenario.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * The starts and stops of one compressor in a trace, for the anti-short-cycle rules (SU-03, CL-01). A start is the
 * controller's command (enable or speed set-point rising in the committed inputs); a stop is the earlier of the
 * command falling and the compressor actually stopping (speed feedback to 0: a trip, or the I/O watchdog's failsafe,
 * stops it while the controller may still command it). The off time before a start counts from that stop.
 */
public final class CompressorCycles {
    /**
     * One start.
     *
     * @param startMs        plant time of the start command
     * @param startRow       its row
     * @param offBeforeMs    time since the previous stop, or -1 for the first start of the trace
     * @param previousStopMs plant time of that stop, or -1
     * @param commandedRunMs how long this start stayed commanded, or -1 when it still is at the end of the trace
     */
    public record Start(long startMs, int startRow, long offBeforeMs, long previousStopMs, long commandedRunMs) {}

    private CompressorCycles() {}

    public static List<Start> of(TraceView t, StartupChecks.Compressor c, long fromMs) {
        long[] time = t.plantTimesMs();
        double[] speed = t.output(c.speedOutput());
        List<long[]> raw = new ArrayList<>();   // startMs, startRow, offBefore, prevStop, run
        boolean wasCmd = false;
        boolean wasRun = false;
        long lastStop = -1;
        for (int r = t.rowAtOrAfter(fromMs); r < t.size(); r++) {
            double en = t.input(c.enableInput())[r];
            if (Double.isNaN(en)) break;   // the final, unanswered row
            boolean cmd = HeatPumpSignals.commanded(t, c, r);
            boolean run = speed[r] > 0;
            if (cmd && !wasCmd) {
                raw.add(new long[] {time[r], r, lastStop < 0 ? -1 : time[r] - lastStop, lastStop, -1});
                lastStop = -1;
            }
            if (!cmd && wasCmd) {
                if (lastStop < 0) lastStop = time[r];
                long[] s = raw.isEmpty() ? null : raw.get(raw.size() - 1);
                if (s != null && s[4] < 0) s[4] = time[r] - s[0];
            }
            if (!run && wasRun && lastStop < 0) lastStop = time[r];
            wasCmd = cmd;
            wasRun = run;
        }
        return raw.stream().map(a -> new Start(a[0], (int) a[1], a[2], a[3], a[4])).toList();
    }
}
