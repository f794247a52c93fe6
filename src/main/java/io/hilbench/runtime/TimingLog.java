package io.hilbench.runtime;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * Wall-clock figures per step, apart from the trace that is compared (DESIGN §4 item 7). Row i is the step from N = i
 * to N+1: when N+1 was published (ns since the run started), its lateness (publication minus its absolute deadline,
 * paced modes; a held plant or a slow step counts), the Ack round trip (lockstep: from publishing N to seeing
 * Ack = N), and the time the plant step took. A figure that does not apply is {@link #NONE}.
 *
 * <p>Threads: the loop appends; readers may read concurrently.
 */
public final class TimingLog {
    /** Marks a figure that does not apply to a step. */
    public static final long NONE = Long.MIN_VALUE;

    private long[] steps = new long[1024];
    private long[] wallNs = new long[1024];
    private long[] latenessNs = new long[1024];
    private long[] ackRoundTripNs = new long[1024];
    private long[] computeNs = new long[1024];
    private long[] wakeNs = new long[1024];
    private int size;
    /** Rows kept at least (at most twice that) for long sessions; 0 keeps every row. */
    private int retainRows;
    private long droppedRows;

    /** Summary of one figure over the steps it applies to, in ns; count 0 when none. */
    public record Stats(int count, double meanNs, long p50Ns, long p99Ns, long maxNs) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "n=%d mean=%.3f ms p50=%.3f ms p99=%.3f ms max=%.3f ms",
                    count, meanNs / 1e6, p50Ns / 1e6, p99Ns / 1e6, maxNs / 1e6);
        }
    }

    synchronized void append(long step, long wallNs, long latenessNs, long ackRoundTripNs, long computeNs) {
        append(step, wallNs, latenessNs, ackRoundTripNs, computeNs, NONE);
    }

    /**
     * @param wakeNs when the loop resumed after its wait for the deadline, minus the deadline (paced modes): the part of
     *               the lateness that is the wake-up, before the step's commit, compute and publication
     */
    synchronized void append(long step, long wallNs, long latenessNs, long ackRoundTripNs, long computeNs, long wakeNs) {
        if (size == steps.length) {
            int n = size * 2;
            steps = Arrays.copyOf(steps, n);
            this.wallNs = Arrays.copyOf(this.wallNs, n);
            this.latenessNs = Arrays.copyOf(this.latenessNs, n);
            this.ackRoundTripNs = Arrays.copyOf(this.ackRoundTripNs, n);
            this.computeNs = Arrays.copyOf(this.computeNs, n);
            this.wakeNs = Arrays.copyOf(this.wakeNs, n);
        }
        steps[size] = step;
        this.wallNs[size] = wallNs;
        this.latenessNs[size] = latenessNs;
        this.ackRoundTripNs[size] = ackRoundTripNs;
        this.computeNs[size] = computeNs;
        this.wakeNs[size] = wakeNs;
        size++;
        if (retainRows > 0 && size >= 2 * retainRows) {
            // drop the oldest half at once (amortised O(1) per step): a served bench runs for days and must not grow
            // 40 bytes per step for ever (found by the soak, issue #18 item 4)
            int drop = size - retainRows;
            for (long[] column : new long[][] {steps, this.wallNs, this.latenessNs, this.ackRoundTripNs, this.computeNs, this.wakeNs}) {
                System.arraycopy(column, drop, column, 0, retainRows);
            }
            size = retainRows;
            droppedRows += drop;
        }
    }

    /**
     * A row of a loop other than the emulator's (a paced {@code bench simulate}): step N to N+1 resumed at
     * {@code wallNs} since the run began, {@code latenessNs} after its absolute deadline; no Ack round trip.
     */
    public void appendPaced(long step, long wallNs, long latenessNs, long computeNs) {
        append(step, wallNs, latenessNs, NONE, computeNs);
    }

    /**
     * Bounds memory for long sessions ({@code bench serve}, {@code bench soak}): keeps at least the latest {@code rows}
     * rows and at most twice that; older rows are dropped and counted, and {@link #lateness()} then covers the rows
     * kept. 0 keeps every row, the default: a scenario's verdict covers its whole run (DESIGN §4).
     */
    public synchronized void retainLatest(int rows) {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        this.retainRows = rows;
    }

    /** Rows dropped by {@link #retainLatest(int)} so far. */
    public synchronized long droppedRows() { return droppedRows; }

    /** Lateness (ns) of the kept rows whose step is after {@code step}, oldest first, skipping rows where it does not apply. */
    public synchronized long[] latenessAfterStep(long step) {
        int from = size;
        while (from > 0 && steps[from - 1] > step) from--;
        long[] v = new long[size - from];
        int n = 0;
        for (int i = from; i < size; i++) if (latenessNs[i] != NONE) v[n++] = latenessNs[i];
        return Arrays.copyOf(v, n);
    }

    public synchronized void clear() { size = 0; }

    public synchronized int size() { return size; }

    public synchronized long step(int i) { return steps[check(i)]; }

    public synchronized long wallNs(int i) { return wallNs[check(i)]; }

    public synchronized long latenessNs(int i) { return latenessNs[check(i)]; }

    public synchronized long ackRoundTripNs(int i) { return ackRoundTripNs[check(i)]; }

    public synchronized long computeNs(int i) { return computeNs[check(i)]; }

    /** Wake-up lateness of row i (resumed after the deadline wait, minus the deadline), {@link #NONE} if not recorded. */
    public synchronized long wakeNs(int i) { return wakeNs[check(i)]; }

    private int check(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("timing row " + i + " of " + size);
        return i;
    }

    // The figures are computed on a copy taken under the lock and sorted outside it: the step loop appends under the
    // same lock, and a /metrics scrape or a report must not hold it for a sort of 10^5 rows (milliseconds of step
    // lateness at 10 ms steps, ConsoleLatencyCost's "2 SSE + /metrics" phase).
    public Stats lateness() { return stats(column(0)); }

    public Stats ackRoundTrip() { return stats(column(1)); }

    public Stats compute() { return stats(column(2)); }

    private synchronized long[] column(int which) {
        long[] c = which == 0 ? latenessNs : which == 1 ? ackRoundTripNs : computeNs;
        return Arrays.copyOf(c, size);
    }

    /** The lateness of the newest {@code n} rows at most (oldest first; {@link #NONE} where it does not apply), one copy under the lock. */
    public synchronized long[] latenessLatest(int n) {
        int k = Math.max(0, Math.min(n, size));
        return Arrays.copyOfRange(latenessNs, size - k, size);
    }

    private static Stats stats(long[] column) {
        int size = column.length;
        long[] v = new long[size];
        int n = 0;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            if (column[i] != NONE) {
                v[n++] = column[i];
                sum += column[i];
            }
        }
        if (n == 0) return new Stats(0, 0, 0, 0, 0);
        v = Arrays.copyOf(v, n);
        Arrays.sort(v);
        return new Stats(n, sum / n, percentile(v, 0.50), percentile(v, 0.99), v[n - 1]);
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Writes the log as CSV (ns; empty where a figure does not apply). */
    public void writeCsv(Writer out) throws IOException {
        StringBuilder sb = new StringBuilder("step,wallNs,latenessNs,ackRoundTripNs,computeNs\n");
        synchronized (this) {
            for (int i = 0; i < size; i++) {
                sb.append(steps[i]).append(',').append(wallNs[i]).append(',').append(cell(latenessNs[i])).append(',')
                        .append(cell(ackRoundTripNs[i])).append(',').append(cell(computeNs[i])).append('\n');
            }
        }
        out.write(sb.toString());
        out.flush();
    }

    private static String cell(long v) { return v == NONE ? "" : Long.toString(v); }
}
