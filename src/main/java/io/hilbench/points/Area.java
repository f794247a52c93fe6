package io.hilbench.points;

/**
 * The four Modbus data areas (Modbus Application Protocol V1.1b3 §4.3). Addresses in this code base are
 * 0-based PDU addresses; {@link #modiconBase()} is the offset of the 6-digit Modicon form.
 */
public enum Area {
    COIL("coil", true, false, 0),
    DISCRETE_INPUT("di", true, true, 100000),
    INPUT_REGISTER("ir", false, true, 300000),
    HOLDING_REGISTER("hr", false, false, 400000);

    private final String code;
    private final boolean bitArea;
    private final boolean readOnly;
    private final int modiconBase;

    Area(String code, boolean bitArea, boolean readOnly, int modiconBase) {
        this.code = code;
        this.bitArea = bitArea;
        this.readOnly = readOnly;
        this.modiconBase = modiconBase;
    }

    /** The code used in point maps: {@code coil, di, ir, hr}. */
    public String code() { return code; }

    /** True for coils and discrete inputs (one bit per address). */
    public boolean isBitArea() { return bitArea; }

    /** True for discrete inputs and input registers, which no Modbus function can write. */
    public boolean isReadOnly() { return readOnly; }

    /** 6-digit Modicon reference of PDU address 0 minus one, e.g. 400000 for holding registers (400001 = address 0). */
    public int modiconBase() { return modiconBase; }

    public static Area fromCode(String code) {
        for (Area a : values()) {
            if (a.code.equalsIgnoreCase(code)) return a;
        }
        throw new IllegalArgumentException("unknown Modbus area '" + code + "' (expected coil, di, hr or ir)");
    }
}
