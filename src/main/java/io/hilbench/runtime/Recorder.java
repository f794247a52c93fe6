package io.hilbench.runtime;

import io.hilbench.plant.SignalCatalogue;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The trace of a run (DESIGN §3 step 5): every step kept in memory, every output's true and published value and
 * quality, every committed input, the watchdog flag, the events, and the extension columns the scenario layer
 * registers. Exported as CSV, in full or decimated. Wall-clock figures are not here: see {@link TimingLog}.
 *
 * <p>Memory: a row shares the true-value array as its published array while no sensor fault is active, and
 * shares the previous row's input array while the inputs are unchanged, so a row costs about
 * 8 bytes × outputs plus a little.
 *
 * <p>Threads: the loop appends; scenario threads read. All methods are safe to call concurrently.
 */
public final class Recorder {
    private final List<String> outputs;
    private final List<String> inputs;
    private final List<String> extensions = new ArrayList<>();
    private final List<TraceRow> rows = new ArrayList<>();
    private final List<TraceEvent> events = new ArrayList<>();
    /** 0: keep every row (scenarios judge on the whole trace); else keep at least this many of the latest rows. */
    private int retainRows;
    private long droppedRows;
    private volatile long currentStep;
    private volatile long currentPlantTimeMs;

    public Recorder(SignalCatalogue catalogue) {
        this.outputs = catalogue.outputs();
        this.inputs = catalogue.inputs();
    }

    public List<String> outputNames() { return outputs; }

    public List<String> inputNames() { return inputs; }

    public synchronized List<String> extensionNames() { return List.copyOf(extensions); }

    /** Adds an extension column (before the first row); returns its index. */
    public synchronized int addExtensionColumn(String name) {
        if (!rows.isEmpty()) throw new IllegalStateException("extension column '" + name + "' must be added before the first step is recorded");
        if (extensions.contains(name)) throw new IllegalArgumentException("extension column '" + name + "' added twice");
        extensions.add(name);
        return extensions.size() - 1;
    }

    /** Forgets every row and event (start of a run); extension columns stay. */
    public synchronized void clear() {
        rows.clear();
        droppedRows = 0;
        events.clear();
        currentStep = 0;
        currentPlantTimeMs = 0;
    }

    synchronized void append(TraceRow row) {
        rows.add(row);
        if (retainRows > 0 && rows.size() >= 2 * retainRows) {
            // drop the oldest half at once: amortised O(1) per step, memory bounded to 2 × retainRows rows
            int drop = rows.size() - retainRows;
            rows.subList(0, drop).clear();
            droppedRows += drop;
        }
    }

    /**
     * Bounds memory for long sessions ({@code bench serve} for hours): keeps at least the latest {@code rows} rows
     * and at most twice that; older rows are dropped and counted. 0 keeps every row, the default, because
     * scenarios judge on the whole trace (DESIGN §9). Indices of {@link #row(int)} then start at the oldest kept row.
     */
    public synchronized void retainLatest(int rows) {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        this.retainRows = rows;
    }

    /**
     * The rows from absolute row number {@code from} (counting dropped rows, so a reader keeps its place while
     * {@link #retainLatest(int)} drops old rows) to the latest, at most {@code max} of the latest of them: a short copy
     * under the lock, for a reader that follows the trace as it grows (the console) without copying all of it.
     */
    public synchronized RowSlice rowsFrom(long from, int max) {
        long end = droppedRows + rows.size();
        long start = Math.max(Math.max(from, droppedRows), end - max);
        if (start >= end) return new RowSlice(end, List.of());
        return new RowSlice(end, new ArrayList<>(rows.subList((int) (start - droppedRows), rows.size())));
    }

    /** Like {@link #rowsFrom} but the oldest {@code max} rows from {@code from}: to read a long trace forward slice by slice. */
    public synchronized RowSlice rowsChunk(long from, int max) {
        long start = Math.max(from, droppedRows);
        long end = Math.min(droppedRows + rows.size(), start + max);
        if (start >= end) return new RowSlice(droppedRows + rows.size(), List.of());
        return new RowSlice(end, new ArrayList<>(rows.subList((int) (start - droppedRows), (int) (end - droppedRows))));
    }

    /** Rows of {@link #rowsFrom}, and the absolute row number after the last of them (where the next read starts). */
    public record RowSlice(long end, List<TraceRow> rows) {}

    /** Rows appended since the run began: the rows kept plus those {@link #retainLatest(int)} dropped. */
    public synchronized long totalRows() { return droppedRows + rows.size(); }

    /** Rows dropped by {@link #retainLatest(int)} so far. */
    public synchronized long droppedRows() { return droppedRows; }

    /** The step the loop has reached; later {@link #event(String)} calls are stamped with it. */
    void setCurrentStep(long step, long plantTimeMs) {
        this.currentStep = step;
        this.currentPlantTimeMs = plantTimeMs;
    }

    /** Records an event at the current step (a clamped write from the table side, a scenario action). */
    public void event(String text) {
        synchronized (this) {
            events.add(new TraceEvent(currentStep, currentPlantTimeMs, text));
        }
    }

    synchronized void event(long step, long plantTimeMs, String text) {
        events.add(new TraceEvent(step, plantTimeMs, text));
    }

    public synchronized int size() { return rows.size(); }

    public synchronized TraceRow row(int index) { return rows.get(index); }

    /** The last row, or null before the first. */
    public synchronized TraceRow lastRow() { return rows.isEmpty() ? null : rows.get(rows.size() - 1); }

    /** An unmodifiable copy of the rows so far. */
    public synchronized List<TraceRow> rows() { return Collections.unmodifiableList(new ArrayList<>(rows)); }

    public synchronized List<TraceEvent> events() { return List.copyOf(events); }

    /** True values of one output over the trace. */
    public double[] trueSeries(String output) {
        int i = index(outputs, output, "output");
        return series(r -> r.trueValue(i));
    }

    /** Published values (sensor faults applied) of one output over the trace. */
    public double[] publishedSeries(String output) {
        int i = index(outputs, output, "output");
        return series(r -> r.published(i));
    }

    /** Committed values of one input over the trace. */
    public double[] inputSeries(String input) {
        int i = index(inputs, input, "input");
        return series(r -> r.input(i));
    }

    private synchronized double[] series(java.util.function.ToDoubleFunction<TraceRow> f) {
        double[] out = new double[rows.size()];
        for (int k = 0; k < out.length; k++) out[k] = f.applyAsDouble(rows.get(k));
        return out;
    }

    private static int index(List<String> names, String name, String what) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no plant " + what + " '" + name + "'");
        return i;
    }

    /** Writes every step as CSV. */
    public void writeCsv(Writer out) throws IOException {
        writeCsv(out, 0);
    }

    /**
     * Writes the trace as CSV, one row per {@code everyMs} of plant time (0: every step): the first step at or
     * after each multiple. The events column of a written row holds every event since the previous written row.
     * Numbers are written exactly ({@link Double#toString}), so a CSV compares like the trace.
     */
    public void writeCsv(Writer out, long everyMs) throws IOException {
        List<TraceRow> snapshot;
        List<TraceEvent> ev;
        List<String> ext;
        synchronized (this) {
            snapshot = new ArrayList<>(rows);
            ev = new ArrayList<>(events);
            ext = new ArrayList<>(extensions);
        }
        StringBuilder sb = new StringBuilder("step,plantTimeS");
        for (String o : outputs) {
            String u = SiUnitSuffix.bracket(o);
            sb.append(',').append(o).append(u).append(',').append(o).append(".published").append(u).append(',').append(o).append(".quality");
        }
        for (String in : inputs) sb.append(",input.").append(in).append(SiUnitSuffix.bracket(in));
        sb.append(",watchdogTripped");
        for (String e : ext) sb.append(',').append(csvText(e));
        sb.append(",events\n");
        out.write(sb.toString());
        int evIndex = 0;
        long nextMs = 0;
        for (int k = 0; k < snapshot.size(); k++) {
            TraceRow r = snapshot.get(k);
            boolean last = k == snapshot.size() - 1;
            if (everyMs > 0 && r.plantTimeMs() < nextMs && !last) continue;
            if (everyMs > 0) nextMs = (r.plantTimeMs() / everyMs + 1) * everyMs;
            sb.setLength(0);
            sb.append(r.step()).append(',').append(BigDecimal.valueOf(r.plantTimeMs(), 3).toPlainString());
            for (int i = 0; i < r.outputCount(); i++) {
                sb.append(',').append(r.trueValue(i)).append(',').append(r.published(i)).append(',').append(r.quality(i));
            }
            for (int i = 0; i < r.inputCount(); i++) sb.append(',').append(r.input(i));
            sb.append(',').append(r.watchdogTripped() ? 1 : 0);
            for (int i = 0; i < r.extensionCount(); i++) sb.append(',').append(r.extension(i));
            StringBuilder evs = new StringBuilder();
            while (evIndex < ev.size() && ev.get(evIndex).step() <= r.step()) {
                if (evs.length() > 0) evs.append("; ");
                evs.append(ev.get(evIndex).text());
                evIndex++;
            }
            sb.append(',').append(csvText(evs.toString())).append('\n');
            out.write(sb.toString());
        }
        out.flush();
    }

    public void writeCsv(Path file, long everyMs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(w, everyMs);
        }
    }

    private static String csvText(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
