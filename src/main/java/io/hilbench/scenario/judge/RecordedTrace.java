package io.hilbench.scenario.judge;

import io.hilbench.runtime.Recorder;
import io.hilbench.runtime.TraceRow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TraceView} over the rows a {@link Recorder} held when it was taken; columns are built on first use. */
public final class RecordedTrace implements TraceView {
    private final List<TraceRow> rows;
    private final List<String> outputs;
    private final List<String> inputs;
    private final List<String> extensions;
    private final long[] times;
    private final Map<String, double[]> cache = new ConcurrentHashMap<>();

    public RecordedTrace(Recorder recorder) {
        this.rows = recorder.rows();
        this.outputs = recorder.outputNames();
        this.inputs = recorder.inputNames();
        this.extensions = recorder.extensionNames();
        this.times = new long[rows.size()];
        for (int i = 0; i < times.length; i++) times[i] = rows.get(i).plantTimeMs();
    }

    @Override public int size() { return rows.size(); }

    @Override public long[] plantTimesMs() { return times; }

    @Override public double[] output(String name) { return column("o:" + name, index(outputs, name, "output"), TraceRow::trueValue); }

    @Override public double[] input(String name) { return column("i:" + name, index(inputs, name, "input"), TraceRow::input); }

    @Override
    public double[] extension(String name) {
        if (name.equals(WATCHDOG_COLUMN) && !extensions.contains(name)) return column("w", 0, (r, i) -> r.watchdogTripped() ? 1 : 0);
        return column("x:" + name, index(extensions, name, "extension column"), TraceRow::extension);
    }

    @Override public boolean hasOutput(String name) { return outputs.contains(name); }

    @Override public boolean hasExtension(String name) { return extensions.contains(name) || name.equals(WATCHDOG_COLUMN); }

    private interface Cell { double get(TraceRow r, int i); }

    private double[] column(String key, int index, Cell cell) {
        return cache.computeIfAbsent(key, k -> {
            double[] v = new double[rows.size()];
            for (int r = 0; r < v.length; r++) v[r] = cell.get(rows.get(r), index);
            return v;
        });
    }

    private static int index(List<String> names, String name, String what) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("the trace has no " + what + " '" + name + "'");
        return i;
    }

}
