package io.hilbench.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * A decimated CSV trace (DESIGN §9: {@code bench simulate} writes one row per minute by default): the header
 * {@code plantTimeS [s],<columns>}, then a row for the first sample at or after each multiple of the interval
 * (0, every, 2·every, …) — the sample as it is, not an average, so a row is a state the plant was in. Samples between
 * rows are skipped; a run whose step is longer than the interval writes every sample. Values are written with
 * {@link Double#toString}'s shortest round-trip form (NaN as {@code NaN}); text columns are quoted when they need it.
 */
public final class DecimatedCsv implements Closeable {
    private final Writer out;
    private final int columns;
    private final boolean textColumn;
    private final long everyMs;
    private long nextMs = 0;
    private long rows;
    private final StringBuilder line = new StringBuilder(256);

    /**
     * @param out        where the CSV goes (closed by {@link #close})
     * @param headers    column headers after the time column, units in brackets ({@code hp.heatFlowW [W]})
     * @param textHeader header of a trailing text column (e.g. the controller state), or null for none
     * @param everyMs    plant time between rows, ms (≥ 1)
     */
    public DecimatedCsv(Writer out, List<String> headers, String textHeader, long everyMs) throws IOException {
        if (everyMs < 1) throw new IllegalArgumentException("CSV row interval must be >= 1 ms, was " + everyMs);
        this.out = out;
        this.columns = headers.size();
        this.textColumn = textHeader != null;
        this.everyMs = everyMs;
        line.append("plantTimeS [s]");
        for (String h : headers) line.append(',').append(quote(h));
        if (textColumn) line.append(',').append(quote(textHeader));
        out.write(line.append('\n').toString());
    }

    /** True when a sample at this plant time would be written (lets the caller skip gathering the values). */
    public boolean due(long plantTimeMs) { return plantTimeMs >= nextMs; }

    /**
     * Offers one sample; writes it when it is the first at or after the next row time.
     *
     * @param values one per header, in header order
     * @param text   the text column's value (ignored without a text column)
     * @return true when a row was written
     */
    public boolean offer(long plantTimeMs, double[] values, String text) throws IOException {
        if (values.length != columns) throw new IllegalArgumentException(values.length + " values for " + columns + " columns");
        if (!due(plantTimeMs)) return false;
        line.setLength(0);
        line.append(formatTime(plantTimeMs));
        for (double v : values) line.append(',').append(v);
        if (textColumn) line.append(',').append(quote(text == null ? "" : text));
        out.write(line.append('\n').toString());
        rows++;
        // the next multiple of the interval strictly after this sample
        nextMs = (Math.floorDiv(plantTimeMs, everyMs) + 1) * everyMs;
        return true;
    }

    /** Rows written (header not counted). */
    public long rows() { return rows; }

    private static String formatTime(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException { out.close(); }
}
