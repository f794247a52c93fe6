package io.hilbench.plant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a plant model offers for binding: its outputs (sensor true values and states, published every
 * step) and its inputs (actuator values the controller commits). Point maps bind to {@code plant.<output>}
 * and {@code input.<input>}; names are resolved to indices once, so the step loop works on arrays.
 */
public final class SignalCatalogue {
    private final List<String> outputs;
    private final List<String> inputs;
    private final Map<String, Integer> outputIndex = new HashMap<>();
    private final Map<String, Integer> inputIndex = new HashMap<>();

    public SignalCatalogue(List<String> outputs, List<String> inputs) {
        this.outputs = Collections.unmodifiableList(new ArrayList<>(outputs));
        this.inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
        for (int i = 0; i < outputs.size(); i++) {
            if (outputIndex.put(outputs.get(i), i) != null) throw new IllegalArgumentException("output '" + outputs.get(i) + "' declared twice");
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputIndex.put(inputs.get(i), i) != null) throw new IllegalArgumentException("input '" + inputs.get(i) + "' declared twice");
        }
    }

    public List<String> outputs() { return outputs; }

    public List<String> inputs() { return inputs; }

    /** Index of an output, or -1 when the plant has no such output. */
    public int outputIndex(String name) { return outputIndex.getOrDefault(name, -1); }

    /** Index of an input, or -1 when the plant has no such input. */
    public int inputIndex(String name) { return inputIndex.getOrDefault(name, -1); }
}
