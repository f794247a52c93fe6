package io.hilbench.plant;

import java.util.Arrays;

/**
 * The inputs a plant step applies, in SI units, indexed like its {@link SignalCatalogue#inputs()}: the actuator
 * values the controller committed (or their failsafe values) and the external inputs the scenario sets (weather,
 * disturbances, physical faults). Immutable: the array is copied in and out.
 */
public record PlantInputs(double[] values) {
    public PlantInputs {
        values = values.clone();
    }

    public static PlantInputs of(double... values) {
        return new PlantInputs(values);
    }

    public double value(int inputIndex) { return values[inputIndex]; }

    public int size() { return values.length; }

    /** A copy of the values. */
    @Override
    public double[] values() { return values.clone(); }

    /** These inputs with one value changed. */
    public PlantInputs with(int inputIndex, double value) {
        double[] v = values.clone();
        v[inputIndex] = value;
        return new PlantInputs(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlantInputs p && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(values); }

    @Override
    public String toString() { return "PlantInputs" + Arrays.toString(values); }
}
