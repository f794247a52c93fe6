package io.hilbench.runtime;

import java.util.Arrays;

/**
 * One step of the trace (DESIGN §3 step 5): the snapshot the plant published at step N (true values, the values
 * the controller could see after sensor faults, their quality), the plant inputs committed after the controller's
 * answer to step N (applied from N to N+1; NaN for the last step of a run, which no one answered), the watchdog
 * flag at that commit, and the scenario layer's extension columns (controller state read after the Ack; NaN
 * where not read). Immutable; arrays are never handed out.
 */
public final class TraceRow {
    private final long step;
    private final long plantTimeMs;
    private final double[] trueValues;
    private final double[] published;
    private final Quality[] qualities;
    private final double[] inputs;
    private final boolean watchdogTripped;
    private final double[] extensions;

    /** The arrays are taken as they are (the loop hands over fresh or shared-unchanged arrays and never writes them again). */
    TraceRow(long step, long plantTimeMs, double[] trueValues, double[] published, Quality[] qualities, double[] inputs,
             boolean watchdogTripped, double[] extensions) {
        this.step = step;
        this.plantTimeMs = plantTimeMs;
        this.trueValues = trueValues;
        this.published = published;
        this.qualities = qualities;
        this.inputs = inputs;
        this.watchdogTripped = watchdogTripped;
        this.extensions = extensions;
    }

    public long step() { return step; }

    public long plantTimeMs() { return plantTimeMs; }

    /** Plant output's true value, SI. */
    public double trueValue(int output) { return trueValues[output]; }

    /** Plant output's value as published (sensor faults applied), SI. */
    public double published(int output) { return published[output]; }

    public Quality quality(int output) { return qualities[output]; }

    /** Committed plant input, SI (NaN on a final unanswered step). */
    public double input(int input) { return inputs[input]; }

    public boolean watchdogTripped() { return watchdogTripped; }

    public double extension(int column) { return extensions[column]; }

    public int outputCount() { return trueValues.length; }

    public int inputCount() { return inputs.length; }

    public int extensionCount() { return extensions.length; }

    /** Bit-identical comparison (NaN equals NaN), for determinism checks. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TraceRow r && step == r.step && plantTimeMs == r.plantTimeMs && watchdogTripped == r.watchdogTripped
                && Arrays.equals(trueValues, r.trueValues) && Arrays.equals(published, r.published)
                && Arrays.equals(qualities, r.qualities) && Arrays.equals(inputs, r.inputs) && Arrays.equals(extensions, r.extensions);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(step) * 31 + Arrays.hashCode(trueValues);
    }

    @Override
    public String toString() {
        return "TraceRow[step " + step + ", t=" + plantTimeMs + " ms, true " + Arrays.toString(trueValues) + ", published "
                + Arrays.toString(published) + ", " + Arrays.toString(qualities) + ", inputs " + Arrays.toString(inputs)
                + (watchdogTripped ? ", watchdog tripped" : "") + "]";
    }
}
