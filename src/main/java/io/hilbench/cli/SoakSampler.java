package io.hilbench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The samples of {@code bench soak} (issue #18 item 4): one row per plant minute (the clock is the plant's, so an
 * accelerated soak samples as often per plant hour as a real-time one) with the heap after a GC, live threads, open
 * file descriptors, the p99 lateness of the steps published since the previous sample, the trace rows recorded and
 * lost, and the SCADA client's notifications. Everything it reads comes through a {@link Probe}, so a test drives it
 * with made-up figures and no clock.
 *
 * <p>Flatness ({@link #summarize}): the mean of the last quarter of the samples against the mean of the first
 * quarter, both after the warm-up samples; flat when the change is within the tolerance (5 %). Lateness also counts
 * as flat when the change is under {@link #LATENESS_FLOOR_MS}: a p99 of a fraction of a millisecond moves by more than
 * 5 % with the scheduler alone.
 */
final class SoakSampler {
    /** Absolute change of the lateness p99 that counts as flat whatever its relative size, ms. */
    static final double LATENESS_FLOOR_MS = 0.5;

    /** Where the figures come from: the running bench and this JVM, or a test. */
    interface Probe {
        long plantTimeMs();

        long step();

        /** Heap in use after a garbage collection, bytes. */
        long heapAfterGcBytes();

        int threads();

        /** Open file descriptors of this process; -1 when the platform does not tell. */
        long openFileDescriptors();

        /** Lateness (ns) of each step published after {@code step}. */
        long[] latenessAfterStep(long step);

        /** Trace rows recorded since the run began, dropped-by-retention rows included. */
        long traceRowsTotal();

        /** Data-change notifications the SCADA client has received so far. */
        long scadaNotifications();
    }

    record Sample(int index, long plantTimeMs, long wallMs, long step, long heapAfterGcBytes, int threads, long openFileDescriptors,
                  double latenessP99Ms, int latenessSteps, long traceRows, long lostTraceRows, long scadaNotifications) {
        static final String CSV_HEADER = "sample,plant_time_s,wall_s,step,heap_after_gc_bytes,threads,open_fds,lateness_p99_ms,lateness_steps,"
                + "trace_rows,lost_trace_rows,scada_notifications";

        String csv() {
            return String.format(Locale.ROOT, "%d,%.1f,%.1f,%d,%d,%d,%d,%.3f,%d,%d,%d,%d", index, plantTimeMs / 1000.0, wallMs / 1000.0, step,
                    heapAfterGcBytes, threads, openFileDescriptors, latenessP99Ms, latenessSteps, traceRows, lostTraceRows, scadaNotifications);
        }
    }

    private final Probe probe;
    private final List<Sample> samples = new ArrayList<>();
    private long lastStep = Long.MIN_VALUE;
    private long firstStep;
    private long firstRows;

    SoakSampler(Probe probe) {
        this.probe = probe;
    }

    /** Takes one sample now; {@code wallMs} is the wall time since the soak began (recorded, never judged). */
    synchronized Sample sample(long wallMs) {
        // step and rows as one snapshot: the loop may publish a step between the two reads (seen as ±1 row otherwise)
        long step;
        long rows;
        int tries = 0;
        do {
            step = probe.step();
            rows = probe.traceRowsTotal();
        } while (probe.step() != step && ++tries < 100);
        if (samples.isEmpty()) {
            firstStep = step;
            firstRows = rows;
        }
        long[] late = lastStep == Long.MIN_VALUE ? new long[0] : probe.latenessAfterStep(lastStep);
        lastStep = step;
        // a trace row per step: steps advanced minus rows added is what went missing
        long lost = (step - firstStep) - (rows - firstRows);
        Sample s = new Sample(samples.size(), probe.plantTimeMs(), wallMs, step, probe.heapAfterGcBytes(), probe.threads(),
                probe.openFileDescriptors(), p99Ms(late), late.length, rows, lost, probe.scadaNotifications());
        samples.add(s);
        return s;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Nearest-rank p99 of lateness values in ns, in ms; 0 for none. */
    static double p99Ms(long[] latenessNs) {
        if (latenessNs.length == 0) return 0;
        long[] v = latenessNs.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(0.99 * v.length);
        return v[Math.max(0, rank - 1)] / 1e6;
    }

    /** One figure's trend: first-quarter mean, last-quarter mean, relative change, min, max, and whether it is flat. */
    record Trend(String name, double firstMean, double lastMean, double change, double min, double max, boolean flat) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-20s first %.4g  last %.4g  change %+.1f %%  min %.4g  max %.4g  %s",
                    name, firstMean, lastMean, 100 * change, min, max, flat ? "flat" : "NOT FLAT");
        }
    }

    record Summary(int samples, List<Trend> trends, long lostTraceRows, boolean flat) {
        boolean passed() {
            return flat && lostTraceRows == 0;
        }
    }

    /**
     * Judges the samples after the first {@code warmup}: each figure flat within {@code tolerance} (0.05 = 5 %) and no
     * trace row lost. Needs at least 4 samples after the warm-up.
     */
    static Summary summarize(List<Sample> all, int warmup, double tolerance) {
        List<Sample> s = all.subList(Math.min(warmup, all.size()), all.size());
        if (s.size() < 4) throw new IllegalArgumentException("need at least 4 samples after a warm-up of " + warmup + ", have " + s.size());
        List<Trend> trends = new ArrayList<>();
        trends.add(trend("heap_after_gc_MB", s, x -> x.heapAfterGcBytes() / 1048576.0, tolerance, 0));
        trends.add(trend("threads", s, x -> x.threads(), tolerance, 0));
        if (s.stream().allMatch(x -> x.openFileDescriptors() >= 0)) trends.add(trend("open_fds", s, x -> x.openFileDescriptors(), tolerance, 0));
        trends.add(trend("lateness_p99_ms", s, Sample::latenessP99Ms, tolerance, LATENESS_FLOOR_MS));
        long lost = all.get(all.size() - 1).lostTraceRows();
        return new Summary(s.size(), List.copyOf(trends), lost, trends.stream().allMatch(Trend::flat));
    }

    private static Trend trend(String name, List<Sample> s, java.util.function.ToDoubleFunction<Sample> f, double tolerance, double absoluteFloor) {
        int q = Math.max(1, s.size() / 4);
        double first = s.subList(0, q).stream().mapToDouble(f).average().orElse(0);
        double last = s.subList(s.size() - q, s.size()).stream().mapToDouble(f).average().orElse(0);
        double change = first == 0 ? (last == 0 ? 0 : Double.POSITIVE_INFINITY) : (last - first) / first;
        double min = s.stream().mapToDouble(f).min().orElse(0);
        double max = s.stream().mapToDouble(f).max().orElse(0);
        boolean flat = Math.abs(change) <= tolerance || Math.abs(last - first) <= absoluteFloor;
        return new Trend(name, first, last, change, min, max, flat);
    }
}
