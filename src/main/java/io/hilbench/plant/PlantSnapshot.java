package io.hilbench.plant;

import java.util.Arrays;
import java.util.List;

/**
 * What the plant shows after a step (DESIGN §3 step 2): the plant time and every output's true value in SI units,
 * indexed like its {@link SignalCatalogue#outputs()}, plus the events of this step (a trip and its reason, a
 * refused reset). Immutable: it crosses threads.
 *
 * @param plantTimeMs plant time in ms since the plant's reset
 * @param outputs     true values, SI units, by catalogue output index
 * @param events      what happened during the step that a trace should name (empty most steps)
 */
public record PlantSnapshot(long plantTimeMs, double[] outputs, List<String> events) {
    public PlantSnapshot {
        outputs = outputs.clone();
        events = List.copyOf(events);
    }

    public double output(int outputIndex) { return outputs[outputIndex]; }

    public int size() { return outputs.length; }

    /** A copy of the outputs. */
    @Override
    public double[] outputs() { return outputs.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlantSnapshot s && plantTimeMs == s.plantTimeMs && Arrays.equals(outputs, s.outputs) && events.equals(s.events);
    }

    @Override
    public int hashCode() { return Long.hashCode(plantTimeMs) * 31 + Arrays.hashCode(outputs); }

    @Override
    public String toString() { return "PlantSnapshot[t=" + plantTimeMs + " ms, " + Arrays.toString(outputs) + ", " + events + "]"; }
}
