package io.hilbench.plant;

/**
 * Argument checks for the compact constructors of the rest-of-plant parameter records: the message names the field and
 * the value. Public for the model packages below io.hilbench.plant (tank, solar, network, chp, weather, site).
 */
public final class Require {
    private Require() {}

    public static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }

    public static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be >= 0, was " + v);
    }

    public static void finite(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be finite, was " + v);
    }

    public static void ratio(String name, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
    }

    public static void within(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + v);
    }

    public static void atLeast(String name, int v, int min) {
        if (v < min) throw new IllegalArgumentException(name + " must be >= " + min + ", was " + v);
    }
}
