package io.hilbench.points;

/** What a write outside [min, max] does (DESIGN §6). */
public enum OutOfRangePolicy {
    /** refused: Modbus exception 03, OPC UA Bad_OutOfRange, logged */
    REJECT,
    /** applied at the limit and logged as an event */
    CLAMP;

    public static OutOfRangePolicy parse(String s) {
        if (s == null || s.isBlank()) return REJECT;
        for (OutOfRangePolicy p : values()) if (p.name().equalsIgnoreCase(s.trim())) return p;
        throw new IllegalArgumentException("unknown on_out_of_range '" + s.trim() + "' (expected reject or clamp)");
    }
}
