package io.hilbench.fluid;

/** Range checks that produce the package's error messages: quantity, value and range, never NaN. */
final class Ranges {

    private Ranges() {
    }

    static double require(String quantity, double value, double min, double max) {
        if (!(value >= min && value <= max)) { // also rejects NaN
            throw new IllegalArgumentException(quantity + " must be within [" + fmt(min) + ", " + fmt(max)
                    + "], was " + fmt(value));
        }
        return value;
    }

    static String fmt(double value) {
        return Double.toString(value);
    }
}
