package io.hilbench.points;

import java.util.Locale;

/**
 * Units a point may speak at the edge, and their conversion from and to the SI value the plant uses
 * (CONVENTIONS: SI inside, units at the edges). {@code si = value * factor + offset}.
 * UNECE codes (CEFACT Recommendation 20) are for OPC UA EUInformation.
 */
public enum EngineeringUnit {
    DEG_C("degC", "°C", 1.0, 273.15, "CEL"),
    KELVIN("K", "K", 1.0, 0.0, "KEL"),
    BAR("bar", "bar", 1.0e5, 0.0, "BAR"),
    MBAR("mbar", "mbar", 100.0, 0.0, "MBR"),
    PASCAL("Pa", "Pa", 1.0, 0.0, "PAL"),
    KILOWATT("kW", "kW", 1.0e3, 0.0, "KWT"),
    MEGAWATT("MW", "MW", 1.0e6, 0.0, "MAW"),
    WATT("W", "W", 1.0, 0.0, "WTT"),
    WATT_PER_M2("W/m2", "W/m²", 1.0, 0.0, "D54"),
    PERCENT("%", "%", 0.01, 0.0, "P1"),
    HERTZ("Hz", "Hz", 1.0, 0.0, "HTZ"),
    KG_PER_S("kg/s", "kg/s", 1.0, 0.0, "KGS"),
    M3_PER_H("m3/h", "m³/h", 1.0 / 3600.0, 0.0, "MQH"),
    LITRE_PER_S("l/s", "l/s", 1.0e-3, 0.0, "G51"),
    SECOND("s", "s", 1.0, 0.0, "SEC"),
    MINUTE("min", "min", 60.0, 0.0, "MIN"),
    HOUR("h", "h", 3600.0, 0.0, "HUR"),
    MILLISECOND("ms", "ms", 1.0e-3, 0.0, "C26"),
    KJ_PER_KG("kJ/kg", "kJ/kg", 1.0e3, 0.0, "B42"),
    KWH("kWh", "kWh", 3.6e6, 0.0, "KWH"),
    MWH("MWh", "MWh", 3.6e9, 0.0, "MWH"),
    KILOGRAM("kg", "kg", 1.0, 0.0, "KGM"),
    METRE("m", "m", 1.0, 0.0, "MTR"),
    MM("mm", "mm", 1.0e-3, 0.0, "MMT"),
    M_PER_S("m/s", "m/s", 1.0, 0.0, "MTS"),
    DEGREE("deg", "°", 1.0, 0.0, "DD"),
    /** dimensionless: counts, states, ratios */
    NONE("", "", 1.0, 0.0, "C62");

    private final String code;
    private final String symbol;
    private final double factor;
    private final double offset;
    private final String unece;

    EngineeringUnit(String code, String symbol, double factor, double offset, String unece) {
        this.code = code;
        this.symbol = symbol;
        this.factor = factor;
        this.offset = offset;
        this.unece = unece;
    }

    public String code() { return code; }

    public String symbol() { return symbol; }

    /** UNECE common code, e.g. "CEL" for °C. */
    public String unece() { return unece; }

    public double toSi(double value) { return value * factor + offset; }

    public double fromSi(double si) { return (si - offset) / factor; }

    /** Parses a point map unit; blank, "-" and "1" mean dimensionless. */
    public static EngineeringUnit parse(String s) {
        String t = s == null ? "" : s.trim();
        if (t.isEmpty() || t.equals("-") || t.equals("1")) return NONE;
        for (EngineeringUnit u : values()) {
            if (u.code.equalsIgnoreCase(t) || u.symbol.equals(t)) return u;
        }
        if (t.toLowerCase(Locale.ROOT).equals("c")) return DEG_C;
        throw new IllegalArgumentException("unknown unit '" + t + "' (known: degC, K, bar, mbar, Pa, kW, MW, W, W/m2, %, Hz, kg/s, m3/h, l/s, s, min, h, ms, kJ/kg, kWh, MWh, kg, m, mm, m/s, deg, or blank)");
    }
}
