package io.hilbench.runtime;

/**
 * The SI unit a catalogue name carries in its suffix (CONVENTIONS: units in names, e.g. {@code supplyTemperatureK},
 * {@code gasCoolerPressurePa}, {@code massFlowKgPerS}), for CSV headers.
 */
public final class SiUnitSuffix {
    private static final String[][] SUFFIXES = {
            {"KgPerS", "kg/s"}, {"M3PerS", "m3/s"}, {"WPerM2", "W/m2"}, {"JPerKg", "J/kg"}, {"KgPerM3", "kg/m3"},
            {"Ratio", "1"}, {"Pa", "Pa"}, {"Ms", "ms"}, {"Hz", "Hz"}, {"Kg", "kg"}, {"K", "K"}, {"W", "W"},
            {"J", "J"}, {"S", "s"}, {"M", "m"},
    };

    private SiUnitSuffix() {}

    /** " [unit]" for a name with a unit suffix, else "". */
    public static String bracket(String name) {
        for (String[] s : SUFFIXES) {
            if (name.endsWith(s[0]) && name.length() > s[0].length()) {
                char before = name.charAt(name.length() - s[0].length() - 1);
                // the suffix starts a camelCase word: the character before it is lower case or a digit
                if (Character.isLowerCase(before) || Character.isDigit(before)) return " [" + s[1] + "]";
            }
        }
        return "";
    }
}
