package io.hilbench.points;

/**
 * What the I/O watchdog applies to an actuator when the controller's heartbeat stops (DESIGN §5):
 * hold the last accepted value, zero, or a fixed engineering value.
 */
public record Failsafe(Mode mode, double value) {
    public enum Mode { HOLD, ZERO, VALUE }

    public static final Failsafe HOLD = new Failsafe(Mode.HOLD, 0.0);
    public static final Failsafe ZERO = new Failsafe(Mode.ZERO, 0.0);

    /** The value applied, given the output image's current value. */
    public double apply(double current) {
        return switch (mode) {
            case HOLD -> current;
            case ZERO -> 0.0;
            case VALUE -> value;
        };
    }

    public static Failsafe parse(String s) {
        if (s == null || s.isBlank() || s.trim().equalsIgnoreCase("hold")) return HOLD;
        if (s.trim().equalsIgnoreCase("zero")) return ZERO;
        try {
            return new Failsafe(Mode.VALUE, Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failsafe '" + s.trim() + "' is not hold, zero or a number");
        }
    }

    @Override
    public String toString() {
        return mode == Mode.VALUE ? Double.toString(value) : mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
