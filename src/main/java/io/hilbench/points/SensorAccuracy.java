package io.hilbench.points;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The accuracy class of a sensor point (point-map column {@code accuracy}, issue #17 item 3): the largest error the
 * instrument may show within its class, as a band ± around the true value, in the point's engineering unit. Sensor
 * corners (rig.yaml {@code corners.<name>.sensors}) move what the controller reads by multiples of it.
 *
 * <p>Forms (rigs/README.md "Sensor accuracy" gives the sources):
 * <ul>
 *   <li>{@code pt100-A}, {@code pt100-B}: IEC 60751:2022 tolerance classes of platinum resistance thermometers,
 *       ±(0.15 + 0.002·|t|) °C and ±(0.30 + 0.005·|t|) °C, t the temperature in °C (degC and K points only);</li>
 *   <li>{@code N%span}: N % of the point's span (max − min), the way pressure and differential-pressure transmitters,
 *       position and speed feedbacks state it (min and max required);</li>
 *   <li>{@code N%rd}: N % of the reading (flow and heat meters: EN 1434-1 / OIML R 75 classes as a % of the measured
 *       value);</li>
 *   <li>{@code N}: N in the point's unit.</li>
 * </ul>
 *
 * @param spec    the text as the point map gives it
 * @param kind    which form
 * @param value   N (unused for the Pt100 classes)
 */
public record SensorAccuracy(String spec, Kind kind, double value) {

    public enum Kind { PT100_A, PT100_B, PERCENT_OF_SPAN, PERCENT_OF_READING, ABSOLUTE }

    private static final Pattern NUMBER = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(%span|%rd)?");

    /**
     * Parses an accuracy for a point; {@code IllegalArgumentException} with a message for the point-map error.
     *
     * @param unit     the point's unit (Pt100 classes need a temperature)
     * @param min      the point's min (NaN when none)
     * @param max      the point's max (NaN when none)
     */
    public static SensorAccuracy parse(String text, EngineeringUnit unit, double min, double max) {
        String s = text.trim();
        if (s.equalsIgnoreCase("pt100-A") || s.equalsIgnoreCase("pt100-B")) {
            if (unit != EngineeringUnit.DEG_C && unit != EngineeringUnit.KELVIN) {
                throw new IllegalArgumentException("'" + s + "' (IEC 60751) is a temperature class: the point's unit must be degC or K, was " + unit.code());
            }
            return new SensorAccuracy(s, s.endsWith("A") || s.endsWith("a") ? Kind.PT100_A : Kind.PT100_B, Double.NaN);
        }
        Matcher m = NUMBER.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + s + "' is not an accuracy: pt100-A, pt100-B (IEC 60751), N%span, N%rd or N in the point's unit");
        }
        double v = Double.parseDouble(m.group(1));
        if (!(v > 0)) throw new IllegalArgumentException("accuracy must be greater than 0, was " + s);
        String suffix = m.group(2);
        if ("%span".equals(suffix)) {
            if (Double.isNaN(min) || Double.isNaN(max) || !(max > min)) {
                throw new IllegalArgumentException("'" + s + "' is a share of the span: give the point min and max (max > min)");
            }
            if (v > 100) throw new IllegalArgumentException("'" + s + "' is more than the whole span");
            return new SensorAccuracy(s, Kind.PERCENT_OF_SPAN, v);
        }
        if ("%rd".equals(suffix)) {
            if (v > 100) throw new IllegalArgumentException("'" + s + "' is more than the reading itself");
            return new SensorAccuracy(s, Kind.PERCENT_OF_READING, v);
        }
        return new SensorAccuracy(s, Kind.ABSOLUTE, v);
    }

    /**
     * The half-width of the accuracy band at a reading, in the point's unit (≥ 0).
     *
     * @param reading the value in the point's unit
     * @param unit    the point's unit
     * @param min     the point's min
     * @param max     the point's max
     */
    public double tolerance(double reading, EngineeringUnit unit, double min, double max) {
        return switch (kind) {
            case PT100_A, PT100_B -> {
                double tC = unit.toSi(reading) - 273.15;   // IEC 60751 states |t| in °C
                yield kind == Kind.PT100_A ? 0.15 + 0.002 * Math.abs(tC) : 0.30 + 0.005 * Math.abs(tC);
            }
            case PERCENT_OF_SPAN -> value / 100.0 * (max - min);
            case PERCENT_OF_READING -> value / 100.0 * Math.abs(reading);
            case ABSOLUTE -> value;
        };
    }

    @Override
    public String toString() { return spec; }
}
