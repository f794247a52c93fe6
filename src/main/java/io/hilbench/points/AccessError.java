package io.hilbench.points;

/**
 * Why the point table refused a read or write, protocol-neutral. Adapters map it, never re-decide it:
 * Modbus (Application Protocol V1.1b3 §7) and OPC UA (Part 4 §7.34) codes are given per constant.
 */
public enum AccessError {
    /** no point at that unit/address or tag: Modbus 02, OPC UA Bad_NodeIdUnknown */
    UNMAPPED(2),
    /** a write to a point the controller may not write: Modbus 02, OPC UA Bad_UserAccessDenied */
    READ_ONLY(2),
    /** a write covering part of a multi-register point: Modbus 02 (never half-applied) */
    PARTIAL_POINT(2),
    /** a value outside [min, max] with on_out_of_range=reject, NaN, or not representable: Modbus 03, OPC UA Bad_OutOfRange */
    OUT_OF_RANGE(3),
    /** a value of the wrong type: OPC UA Bad_TypeMismatch (Modbus cannot send a wrong type) */
    TYPE_MISMATCH(3),
    /** quantity outside what the function allows: Modbus 03 */
    ILLEGAL_QUANTITY(3),
    /** the bench failed while serving: Modbus 04, OPC UA Bad_InternalError */
    INTERNAL(4);

    private final int modbusExceptionCode;

    AccessError(int modbusExceptionCode) {
        this.modbusExceptionCode = modbusExceptionCode;
    }

    public int modbusExceptionCode() { return modbusExceptionCode; }
}
