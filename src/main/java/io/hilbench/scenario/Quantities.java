package io.hilbench.scenario;

import io.hilbench.points.EngineeringUnit;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quantities Gherkin speaks ("55 °C", "120 bar", "90 %", "10 minutes"), parsed at the edge into a value with
 * its {@link EngineeringUnit} (CONVENTIONS: units at the edges, SI inside). The regular expressions here are the
 * ones the Cucumber parameter types use, so what a step can say and what this class parses never drift apart.
 */
public final class Quantities {
    /** A number: optional sign, digits, optional decimals (a comma is not a decimal separator here). */
    private static final String NUMBER = "-?\\d+(?:\\.\\d+)?";
    public static final String TEMPERATURE = NUMBER + " ?°C";
    public static final String PRESSURE = NUMBER + " ?bar";
    public static final String PERCENT = NUMBER + " ?%";
    public static final String DURATION = NUMBER + " (?:seconds?|minutes?|hours?|s|min|h)";
    public static final String TEMPERATURE_DIFFERENCE = NUMBER + " ?K";
    public static final String POWER = NUMBER + " ?(?:kW|MW)";
    public static final String FLOW = NUMBER + " ?(?:m³/h|m3/h)";

    private static final Pattern VALUE_UNIT = Pattern.compile("(" + NUMBER + ") ?(°C|bar|%|K|kW|MW|m³/h|m3/h|seconds?|minutes?|hours?|s|min|h)");

    private Quantities() {}

    /** A value in an edge unit. */
    public record Quantity(double value, EngineeringUnit unit) {
        public double toSi() { return unit.toSi(value); }

        @Override
        public String toString() {
            return format(value) + (unit.symbol().isEmpty() ? "" : " " + unit.symbol());
        }
    }

    public static Quantity temperature(String text) { return parse(text, EngineeringUnit.DEG_C, "a temperature such as 55 °C"); }

    public static Quantity pressure(String text) { return parse(text, EngineeringUnit.BAR, "a pressure such as 120 bar"); }

    public static Quantity percent(String text) { return parse(text, EngineeringUnit.PERCENT, "a share such as 90 %"); }

    /** "5 K": a temperature difference (a step of the air temperature, a band). */
    public static Quantity temperatureDifference(String text) { return parse(text, EngineeringUnit.KELVIN, "a temperature difference such as 5 K"); }

    /** "500 kW", "1.2 MW". */
    public static Quantity power(String text) {
        Matcher m = VALUE_UNIT.matcher(text.trim());
        if (m.matches() && m.group(2).equals("MW")) return new Quantity(Double.parseDouble(m.group(1)), EngineeringUnit.MEGAWATT);
        return parse(text, EngineeringUnit.KILOWATT, "a power such as 500 kW or 1.2 MW");
    }

    /** "120 m³/h" (or m3/h), a volume flow. */
    public static Quantity flow(String text) { return parse(text, EngineeringUnit.M3_PER_H, "a flow such as 120 m³/h"); }

    /** "10 minutes", "30 s", "1 hour", "1.5 h" as a plant-time duration. */
    public static Duration duration(String text) {
        Matcher m = VALUE_UNIT.matcher(text.trim());
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a duration such as 10 minutes");
        double v = Double.parseDouble(m.group(1));
        if (v < 0) throw new IllegalArgumentException("a duration cannot be negative: '" + text + "'");
        String u = m.group(2);
        double seconds = switch (u) {
            case "s", "second", "seconds" -> v;
            case "min", "minute", "minutes" -> v * 60;
            case "h", "hour", "hours" -> v * 3600;
            default -> throw new IllegalArgumentException("'" + text + "' is not a duration such as 10 minutes");
        };
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static Quantity parse(String text, EngineeringUnit expected, String what) {
        Matcher m = VALUE_UNIT.matcher(text.trim());
        if (!m.matches() || !unitOf(m.group(2)).equals(expected)) {
            throw new IllegalArgumentException("'" + text + "' is not " + what);
        }
        return new Quantity(Double.parseDouble(m.group(1)), expected);
    }

    private static EngineeringUnit unitOf(String symbol) {
        return switch (symbol) {
            case "°C" -> EngineeringUnit.DEG_C;
            case "bar" -> EngineeringUnit.BAR;
            case "%" -> EngineeringUnit.PERCENT;
            case "K" -> EngineeringUnit.KELVIN;
            case "kW" -> EngineeringUnit.KILOWATT;
            case "MW" -> EngineeringUnit.MEGAWATT;
            case "m³/h", "m3/h" -> EngineeringUnit.M3_PER_H;
            default -> EngineeringUnit.SECOND;
        };
    }

    /** Plant time as {@code h:mm:ss.s} (messages and progress lines). */
    public static String plantTime(long rawMs) {
        return io.hilbench.runtime.PlantTimeFormat.format(rawMs);
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }
}
