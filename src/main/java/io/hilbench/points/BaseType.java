package io.hilbench.points;

/** Wire types of the point map (DESIGN §6), with their width in 16-bit registers. */
public enum BaseType {
    BOOL(1, false), INT16(1, true), UINT16(1, false), INT32(2, true), UINT32(2, false),
    INT64(4, true), UINT64(4, false), FLOAT32(2, true), FLOAT64(4, true), STRING(0, false), ENUM(1, false);

    private final int registers;
    private final boolean signed;

    BaseType(int registers, boolean signed) {
        this.registers = registers;
        this.signed = signed;
    }

    /** Registers of a value of this type; 0 for STRING, whose width comes from its length. */
    int fixedRegisters() { return registers; }

    public boolean isSigned() { return signed; }

    public boolean isFloat() { return this == FLOAT32 || this == FLOAT64; }

    public boolean isInteger() { return !isFloat() && this != STRING && this != BOOL; }
}
