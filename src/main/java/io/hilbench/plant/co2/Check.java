package io.hilbench.plant.co2;

/** Argument checks for the compact constructors of the {@code ...Parameters} records: one message format. */
final class Check {
    private Check() {}

    static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }

    static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be >= 0, was " + v);
    }

    static void inRange(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + v);
    }

    static void atLeast(String name, int v, int min) {
        if (v < min) throw new IllegalArgumentException(name + " must be >= " + min + ", was " + v);
    }
}
