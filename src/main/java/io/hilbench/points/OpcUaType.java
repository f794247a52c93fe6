package io.hilbench.points;

import java.util.Locale;

/** OPC UA built-in data types a point can have (OPC UA Part 6 §5.1.2); the adapter maps them to Milo's NodeIds. */
public enum OpcUaType {
    BOOLEAN, INT16, UINT16, INT32, UINT32, INT64, UINT64, FLOAT, DOUBLE, STRING;

    public static OpcUaType parse(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        for (OpcUaType v : values()) if (v.name().equals(t)) return v;
        throw new IllegalArgumentException("unknown opcua_type '" + s.trim()
                + "' (expected Boolean, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float, Double or String)");
    }

    /**
     * The default OPC UA type of a Modbus type: the same integer type when the point is unscaled, Double when a
     * scale or offset makes the engineering value fractional. Enums are Int32 (their codes), strings String.
     */
    public static OpcUaType defaultFor(PointType type, boolean scaled) {
        return switch (type.base()) {
            case BOOL -> BOOLEAN;
            case STRING -> STRING;
            case ENUM -> INT32;
            case FLOAT32 -> scaled ? DOUBLE : FLOAT;
            case FLOAT64 -> DOUBLE;
            case INT16 -> scaled ? DOUBLE : INT16;
            case UINT16 -> scaled ? DOUBLE : UINT16;
            case INT32 -> scaled ? DOUBLE : INT32;
            case UINT32 -> scaled ? DOUBLE : UINT32;
            case INT64 -> scaled ? DOUBLE : INT64;
            case UINT64 -> scaled ? DOUBLE : UINT64;
        };
    }

    public String displayName() {
        return switch (this) {
            case BOOLEAN -> "Boolean";
            case UINT16 -> "UInt16";
            case UINT32 -> "UInt32";
            case UINT64 -> "UInt64";
            default -> name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        };
    }
}
