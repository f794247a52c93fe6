package io.hilbench.scenario.judge;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A trace held as columns: built by hand for tests of the judging logic, or from a recorder by {@link RecordedTrace}. */
public final class ColumnTrace implements TraceView {
    private final long[] timesMs;
    private final Map<String, double[]> outputs;
    private final Map<String, double[]> inputs;
    private final Map<String, double[]> extensions;

    public ColumnTrace(long[] timesMs, Map<String, double[]> outputs, Map<String, double[]> inputs, Map<String, double[]> extensions) {
        this.timesMs = timesMs.clone();
        this.outputs = new HashMap<>(outputs);
        this.inputs = new HashMap<>(inputs);
        this.extensions = new HashMap<>(extensions);
        check(this.outputs, "output");
        check(this.inputs, "input");
        check(this.extensions, "extension");
    }

    private void check(Map<String, double[]> cols, String what) {
        cols.forEach((k, v) -> {
            if (v.length != timesMs.length) throw new IllegalArgumentException(what + " column " + k + " has " + v.length + " rows, the trace " + timesMs.length);
        });
    }

    /** A builder of a trace with a fixed step: {@code ColumnTrace.every(100).rows(n).output("x", i -> ...)}. */
    public static Builder every(long stepMs, int rows) { return new Builder(stepMs, rows); }

    public static final class Builder {
        private final long[] times;
        private final Map<String, double[]> outputs = new LinkedHashMap<>();
        private final Map<String, double[]> inputs = new LinkedHashMap<>();
        private final Map<String, double[]> extensions = new LinkedHashMap<>();

        Builder(long stepMs, int rows) {
            times = new long[rows];
            for (int i = 0; i < rows; i++) times[i] = i * stepMs;
        }

        public Builder output(String name, java.util.function.IntToDoubleFunction f) { outputs.put(name, fill(f)); return this; }

        public Builder input(String name, java.util.function.IntToDoubleFunction f) { inputs.put(name, fill(f)); return this; }

        public Builder extension(String name, java.util.function.IntToDoubleFunction f) { extensions.put(name, fill(f)); return this; }

        private double[] fill(java.util.function.IntToDoubleFunction f) {
            double[] v = new double[times.length];
            for (int i = 0; i < v.length; i++) v[i] = f.applyAsDouble(i);
            return v;
        }

        public ColumnTrace build() { return new ColumnTrace(times, outputs, inputs, extensions); }
    }

    @Override public int size() { return timesMs.length; }

    @Override public long[] plantTimesMs() { return timesMs; }

    @Override public double[] output(String name) { return column(outputs, name, "output"); }

    @Override public double[] input(String name) { return column(inputs, name, "input"); }

    @Override public double[] extension(String name) { return column(extensions, name, "extension column"); }

    @Override public boolean hasOutput(String name) { return outputs.containsKey(name); }

    @Override public boolean hasExtension(String name) { return extensions.containsKey(name); }

    private static double[] column(Map<String, double[]> cols, String name, String what) {
        double[] v = cols.get(name);
        if (v == null) throw new IllegalArgumentException("the trace has no " + what + " '" + name + "'");
        return v;
    }
}
