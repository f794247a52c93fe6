package io.hilbench.points;

import java.util.Objects;

/**
 * Where a point lives on Modbus: {@code unit:area:address[.bit]:type[:order]}, e.g. {@code 1:ir:0:float32:CDAB},
 * {@code 1:hr:100:uint16}, {@code 1:coil:5:bool}, {@code 1:ir:40.3:bool}. {@code address} is the 0-based PDU
 * address (logical and wire address kept apart as in PLC4X). The 6-digit Modicon form without an area,
 * {@code 1:300001:float32} or {@code 1:400011.3:bool}, is accepted and converted (300001 = input register 0).
 *
 * @param unitId  Modbus unit identifier, 0..255
 * @param area    data area
 * @param address 0-based PDU address, 0..65535
 * @param bit     bit 0..15 inside a register (0 = least significant), or -1 for a whole-register / bit-area point
 * @param type    wire type
 * @param order   word and byte order for multi-register values (ABCD when not given)
 */
public record ModbusAddress(int unitId, Area area, int address, int bit, PointType type, WordOrder order) {

    public ModbusAddress {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(order, "order");
        if (unitId < 0 || unitId > 255) throw new IllegalArgumentException("unit id must be 0..255, was " + unitId);
        if (bit < -1 || bit > 15) throw new IllegalArgumentException("bit must be 0..15, was " + bit);
        if (area.isBitArea()) {
            if (type.base() != BaseType.BOOL) {
                throw new IllegalArgumentException("area " + area.code() + " holds single bits: type must be bool, was " + type);
            }
            if (bit >= 0) throw new IllegalArgumentException("a bit number (." + bit + ") only applies to register areas");
        } else if (bit >= 0 && type.base() != BaseType.BOOL) {
            throw new IllegalArgumentException("a bit in a register (." + bit + ") must have type bool, was " + type);
        }
        // fields are assigned only after the compact constructor: compute the width from the parameters
        int width = area.isBitArea() || bit >= 0 ? 1 : type.registers();
        if (address < 0 || (long) address + width - 1 > 65535) {
            throw new IllegalArgumentException("address must be 0..65535 (the whole value included), was " + address);
        }
    }

    /** Registers (or bits, in a bit area) the point occupies. A bit-in-register point occupies its one register. */
    public int registerCount() {
        if (area.isBitArea() || bit >= 0) return 1;
        return type.registers();
    }

    public boolean isBitInRegister() { return bit >= 0; }

    /** Parses the point map grammar; messages name what is wrong so the rig loader can add file, line and field. */
    public static ModbusAddress parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length < 3) {
            throw new IllegalArgumentException("'" + text + "' is not unit:area:address[.bit]:type[:order] or unit:NNNNNN:type[:order]");
        }
        int unit = parseInt(parts[0], "unit id");
        int i = 1;
        Area area;
        String addressPart;
        boolean modicon = parts[1].trim().matches("\\d{6}(\\.\\d+)?");
        if (modicon) {
            String ref = parts[1].trim();
            int dot = ref.indexOf('.');
            int number = Integer.parseInt(dot < 0 ? ref : ref.substring(0, dot));
            area = switch (number / 100000) {
                case 0 -> Area.COIL;
                case 1 -> Area.DISCRETE_INPUT;
                case 3 -> Area.INPUT_REGISTER;
                case 4 -> Area.HOLDING_REGISTER;
                default -> throw new IllegalArgumentException("Modicon reference " + number + " is in no area (0xxxxx coil, 1xxxxx di, 3xxxxx ir, 4xxxxx hr)");
            };
            int offset = number - area.modiconBase();
            if (offset < 1 || offset > 65536) throw new IllegalArgumentException("Modicon reference " + number + " is out of range");
            addressPart = (offset - 1) + (dot < 0 ? "" : ref.substring(dot));
            i = 2;
        } else {
            area = Area.fromCode(parts[1].trim());
            addressPart = parts[2].trim();
            i = 3;
        }
        if (parts.length <= i) throw new IllegalArgumentException("'" + text + "' has no type");
        int address;
        int bit = -1;
        int dot = addressPart.indexOf('.');
        if (dot >= 0) {
            address = parseInt(addressPart.substring(0, dot), "address");
            bit = parseInt(addressPart.substring(dot + 1), "bit");
        } else {
            address = parseInt(addressPart, "address");
        }
        // The type is everything between the address and an optional word order (enum labels hold no ':').
        String typeText;
        WordOrder order = WordOrder.ABCD;
        String last = parts[parts.length - 1].trim();
        boolean hasOrder = parts.length > i + 1 && isOrder(last);
        typeText = String.join(":", java.util.Arrays.copyOfRange(parts, i, hasOrder ? parts.length - 1 : parts.length));
        if (hasOrder) order = WordOrder.parse(last);
        else if (parts.length > i + 1) throw new IllegalArgumentException("unknown word order '" + last + "' (expected ABCD, CDAB, BADC or DCBA)");
        PointType type = PointType.parse(typeText);
        return new ModbusAddress(unit, area, address, bit, type, order);
    }

    private static boolean isOrder(String s) {
        for (WordOrder o : WordOrder.values()) if (o.name().equalsIgnoreCase(s)) return true;
        return false;
    }

    private static int parseInt(String s, String what) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + s.trim() + "' is not a whole number");
        }
    }

    /** The canonical text form, PDU address with area. */
    @Override
    public String toString() {
        return unitId + ":" + area.code() + ":" + address + (bit >= 0 ? "." + bit : "") + ":" + type
                + (registerCount() > 1 ? ":" + order : "");
    }
}
