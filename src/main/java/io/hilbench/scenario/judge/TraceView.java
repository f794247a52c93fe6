package io.hilbench.scenario.judge;

/**
 * A recorded run as the judge reads it: plant time per row and named columns in SI, true output values (plant
 * truth), committed inputs (what the controller commanded, DESIGN §8) and the bench's extension columns (the
 * controller's state and alarm word read after the Ack). Row k is trace step k: the snapshot published at that step
 * and the inputs committed after the controller's answer to it.
 */
public interface TraceView {
    /** The extension column of the I/O watchdog flag at each commit (1 = actuators at their failsafe values). */
    String WATCHDOG_COLUMN = "bench.watchdogTripped";

    int size();

    long[] plantTimesMs();

    /** True values of a plant output over the trace; throws when the trace has no such output. */
    double[] output(String name);

    /** Committed values of a plant input (NaN on a final unanswered row). */
    double[] input(String name);

    /** An extension column (NaN where it was not read); throws when the trace has no such column. */
    double[] extension(String name);

    boolean hasOutput(String name);

    boolean hasExtension(String name);

    /** Index of the first row at or after {@code plantTimeMs}, or {@link #size()} when none. */
    default int rowAtOrAfter(long plantTimeMs) {
        long[] t = plantTimesMs();
        int lo = 0, hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < plantTimeMs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Plant time of the last row, or -1 for an empty trace. */
    default long endMs() {
        long[] t = plantTimesMs();
        return t.length == 0 ? -1 : t[t.length - 1];
    }
}
