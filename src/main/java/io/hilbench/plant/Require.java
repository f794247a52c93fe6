package io.hilbench.plant;

/** Argument checks for the compact constructors of the rest-of-plant parameter records: the message names the field and the value. */
final class Require {
    private Require() {}

    static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }

    static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be >= 0, was " + v);
    }

    static void finite(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be finite, was " + v);
    }

    static void ratio(String name, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
    }

    static void within(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + v);
    }

    static void atLeast(String name, int v, int min) {
        if (v < min) throw new IllegalArgumentException(name + " must be >= " + min + ", was " + v);
    }
}
