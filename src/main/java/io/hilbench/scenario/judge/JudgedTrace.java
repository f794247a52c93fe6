package io.hilbench.scenario.judge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns a judgement read, at every step, as a file a third party can re-judge from (DESIGN §10 {@code --rejudge}).
 *
 * <p>The report's trace CSV is decimated (one row per second) and holds every column; the judge reads a handful of
 * columns at every step (100 ms). {@link #recording(TraceView)} wraps the trace the judge is given and notes each
 * column it reads or asks about; {@link #write} then writes exactly those columns at full resolution, and
 * {@link #read} gives them back as a {@link TraceView}. Numbers are written with {@link Double#toString} and parsed
 * with {@link Double#parseDouble}, which round-trips every double exactly (NaN included), so the same checks on the
 * file reach the same verdicts as on the live trace. A check that asks for a column the file does not hold (it
 * took another branch on edited data) gets the same exception a live trace gives for an unknown column, which
 * {@link Assertion#judge} turns into a failed verdict — a difference a re-judge reports, never a silent pass.
 *
 * <p>File format: {@code plantTimeMs} then one column per signal, named {@code o:NAME} (true value of a plant output),
 * {@code i:NAME} (committed plant input) or {@code x:NAME} (extension column), one row per trace step.
 */
public final class JudgedTrace {
    private JudgedTrace() {}

    /** A view that records which columns the checks used. */
    public static final class Recording implements TraceView {
        private final TraceView inner;
        private final Set<String> used = new LinkedHashSet<>();

        Recording(TraceView inner) { this.inner = inner; }

        @Override public int size() { return inner.size(); }

        @Override public long[] plantTimesMs() { return inner.plantTimesMs(); }

        @Override public synchronized double[] output(String name) {
            double[] v = inner.output(name);
            used.add("o:" + name);
            return v;
        }

        @Override public synchronized double[] input(String name) {
            double[] v = inner.input(name);
            used.add("i:" + name);
            return v;
        }

        @Override public synchronized double[] extension(String name) {
            double[] v = inner.extension(name);
            used.add("x:" + name);
            return v;
        }

        @Override public synchronized boolean hasOutput(String name) {
            boolean has = inner.hasOutput(name);
            if (has) used.add("o:" + name);
            return has;
        }

        @Override public synchronized boolean hasExtension(String name) {
            boolean has = inner.hasExtension(name);
            if (has) used.add("x:" + name);
            return has;
        }

        /** The columns read so far, in the order first used. */
        public synchronized List<String> columns() { return List.copyOf(used); }

        /** Writes the used columns at every step. */
        public void write(Path file) throws IOException {
            List<String> cols = columns();
            List<double[]> data = new ArrayList<>();
            for (String c : cols) data.add(column(inner, c));
            long[] t = inner.plantTimesMs();
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                StringBuilder sb = new StringBuilder("plantTimeMs");
                for (String c : cols) sb.append(',').append(c);
                w.write(sb.append('\n').toString());
                for (int r = 0; r < t.length; r++) {
                    sb.setLength(0);
                    sb.append(t[r]);
                    for (double[] d : data) sb.append(',').append(d[r]);
                    w.write(sb.append('\n').toString());
                }
            }
        }
    }

    public static Recording recording(TraceView inner) { return new Recording(inner); }

    private static double[] column(TraceView t, String key) {
        String name = key.substring(2);
        return switch (key.charAt(0)) {
            case 'o' -> t.output(name);
            case 'i' -> t.input(name);
            case 'x' -> t.extension(name);
            default -> throw new IllegalArgumentException("column '" + key + "' is not o:, i: or x:");
        };
    }

    /**
     * Reads a judged-trace file. A malformed file is an {@link IOException} naming the file, line and column: a
     * re-judge must never run on a trace it half understood.
     */
    public static TraceView read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("plantTimeMs")) throw new IOException(file + ":1: not a judged trace (expected a 'plantTimeMs,...' header)");
            String[] names = header.split(",", -1);
            List<long[]> times = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isEmpty()) continue;
                String[] cells = line.split(",", -1);
                if (cells.length != names.length) throw new IOException(file + ":" + n + ": " + cells.length + " cells, the header has " + names.length);
                double[] v = new double[names.length - 1];
                long time;
                try {
                    time = Long.parseLong(cells[0]);
                    for (int i = 1; i < cells.length; i++) v[i - 1] = Double.parseDouble(cells[i]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + n + ": not a number: " + e.getMessage());
                }
                times.add(new long[]{time});
                rows.add(v);
            }
            long[] t = new long[times.size()];
            for (int i = 0; i < t.length; i++) t[i] = times.get(i)[0];
            for (int i = 1; i < t.length; i++) {
                if (t[i] < t[i - 1]) throw new IOException(file + ":" + (i + 2) + ": plant time goes backwards (" + t[i - 1] + " then " + t[i] + " ms)");
            }
            Map<String, double[]> cols = new LinkedHashMap<>();
            for (int c = 1; c < names.length; c++) {
                double[] col = new double[rows.size()];
                for (int k = 0; k < col.length; k++) col[k] = rows.get(k)[c - 1];
                if (cols.put(names[c], col) != null) throw new IOException(file + ":1: column '" + names[c] + "' twice");
            }
            return new FileTrace(t, cols);
        }
    }

    /** A trace read back from a file: only the columns it holds. */
    private record FileTrace(long[] times, Map<String, double[]> cols) implements TraceView {
        @Override public int size() { return times.length; }

        @Override public long[] plantTimesMs() { return times; }

        @Override public double[] output(String name) { return get("o:" + name, "output"); }

        @Override public double[] input(String name) { return get("i:" + name, "input"); }

        @Override public double[] extension(String name) { return get("x:" + name, "extension column"); }

        @Override public boolean hasOutput(String name) { return cols.containsKey("o:" + name); }

        @Override public boolean hasExtension(String name) { return cols.containsKey("x:" + name); }

        private double[] get(String key, String what) {
            double[] v = cols.get(key);
            if (v == null) throw new IllegalArgumentException("the judged trace has no " + what + " '" + key.substring(2) + "'");
            return v;
        }
    }
}
