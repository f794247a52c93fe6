package io.hilbench.adapters.modbus.fuzz;

import io.hilbench.points.Area;
import io.hilbench.points.BaseType;
import io.hilbench.points.ModbusAddress;
import io.hilbench.points.PointDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fuzzer's own idea of the right answer to a Modbus TCP byte stream, written from the specifications and the
 * rig's point rows, not from the server's code (so a bug in the server is not copied into the verdict):
 * <ul>
 *   <li>Framing (Modbus Messaging on TCP/IP Implementation Guide V1.0b §3.1.3): 7-byte MBAP header; protocol id
 *       0 and length 2..254 (unit id + a PDU of 1..253 bytes), anything else closes the connection; a frame whose
 *       length promises more than the stream holds is incomplete (no answer until the rest arrives).</li>
 *   <li>Exceptions (Modbus Application Protocol V1.1b3 §6 state diagrams, §7 codes, and the server's documented
 *       table): unit id without points 0B; function other than 1, 2, 3, 4, 5, 6, 15, 16 → 01; PDU length not
 *       matching the function, quantity outside its limits, byte count not matching the quantity, FC5 value
 *       other than 0x0000/0xFF00 → 03; a range with an unmapped address, past 65535, over part of a multi-register
 *       point, or over a read-only point → 02.</li>
 * </ul>
 * Where the server walks an FC16 range point by point and a writable enum or string point before the refused
 * address may already be refused as a bad value, both 02 and 03 are accepted (the order is not fixed by the
 * specification). A write that the map would accept is {@link ExpectedAnswer#WOULD_WRITE}: the fuzzer never sends
 * one, so the point table must end the run unchanged.
 */
public final class FrameOracle {
    static final int MAX_READ_BITS = 2000, MAX_READ_REGISTERS = 125, MAX_WRITE_COILS = 1968, MAX_WRITE_REGISTERS = 123;

    /** One mapped address: the point's first address, its register count, writable, and whether a bad value can be refused while decoding. */
    record Cell(int first, int count, boolean writable, boolean decodeMayRefuse) {}

    private final Map<Long, Cell[]> cells = new HashMap<>();
    private final TreeSet<Integer> units = new TreeSet<>();
    private final List<PointDefinition> points;

    public FrameOracle(List<PointDefinition> points) {
        this.points = List.copyOf(points);
        for (PointDefinition p : points) {
            ModbusAddress a = p.modbus();
            if (a == null) continue;
            units.add(a.unitId());
            Cell[] area = cells.computeIfAbsent(key(a.unitId(), a.area()), k -> new Cell[65536]);
            boolean decodeMayRefuse = a.type().base() == BaseType.ENUM || a.type().base() == BaseType.STRING;
            if (a.isBitInRegister()) {
                Cell old = area[a.address()];
                // a register of bit points is writable only when every bit point in it is
                boolean w = p.clientWritable() && (old == null || old.writable());
                area[a.address()] = new Cell(a.address(), 1, w, false);
                continue;
            }
            int n = a.area().isBitArea() ? 1 : a.registerCount();
            for (int i = 0; i < n; i++) area[a.address() + i] = new Cell(a.address(), n, p.clientWritable(), decodeMayRefuse);
        }
    }

    public List<PointDefinition> points() { return points; }

    public TreeSet<Integer> units() { return units; }

    /** The mapped cell at (unit, area, address), or null. */
    Cell cell(int unit, Area area, int address) {
        Cell[] a = cells.get(key(unit, area));
        return a == null || address < 0 || address > 65535 ? null : a[address];
    }

    /** Mapped addresses of an area, for the generator's aim. */
    List<Integer> mapped(int unit, Area area) {
        Cell[] a = cells.get(key(unit, area));
        List<Integer> out = new ArrayList<>();
        if (a == null) return out;
        for (int i = 0; i < a.length; i++) if (a[i] != null) out.add(i);
        return out;
    }

    /** The expected answer to a complete frame's unit id and PDU {@code pdu[off, off+len)} (len >= 1). */
    public ExpectedAnswer answer(int unit, byte[] pdu, int off, int len) {
        if (!units.contains(unit)) return ExpectedAnswer.exception(0x0B);
        int fc = pdu[off] & 0xFF;
        switch (fc) {
            case 1, 2, 3, 4 -> {
                if (len != 5) return ExpectedAnswer.exception(3);
                int start = u16(pdu, off + 1), qty = u16(pdu, off + 3);
                boolean bits = fc <= 2;
                if (qty < 1 || qty > (bits ? MAX_READ_BITS : MAX_READ_REGISTERS)) return ExpectedAnswer.exception(3);
                Area area = switch (fc) {
                    case 1 -> Area.COIL;
                    case 2 -> Area.DISCRETE_INPUT;
                    case 3 -> Area.HOLDING_REGISTER;
                    default -> Area.INPUT_REGISTER;
                };
                if (start + qty > 65536) return ExpectedAnswer.exception(2);
                for (int i = 0; i < qty; i++) if (cell(unit, area, start + i) == null) return ExpectedAnswer.exception(2);
                return ExpectedAnswer.normal(2 + (bits ? (qty + 7) / 8 : 2 * qty));
            }
            case 5 -> {
                if (len != 5) return ExpectedAnswer.exception(3);
                int value = u16(pdu, off + 3);
                if (value != 0 && value != 0xFF00) return ExpectedAnswer.exception(3);
                Cell c = cell(unit, Area.COIL, u16(pdu, off + 1));
                if (c == null || !c.writable()) return ExpectedAnswer.exception(2);
                return ExpectedAnswer.WOULD_WRITE;
            }
            case 6 -> {
                if (len != 5) return ExpectedAnswer.exception(3);
                return registerWrite(unit, u16(pdu, off + 1), 1);
            }
            case 15 -> {
                if (len < 6) return ExpectedAnswer.exception(3);
                int start = u16(pdu, off + 1), qty = u16(pdu, off + 3), bc = pdu[off + 5] & 0xFF;
                if (qty < 1 || qty > MAX_WRITE_COILS || bc != (qty + 7) / 8 || len != 6 + bc) return ExpectedAnswer.exception(3);
                if (start + qty > 65536) return ExpectedAnswer.exception(2);
                for (int i = 0; i < qty; i++) {
                    Cell c = cell(unit, Area.COIL, start + i);
                    if (c == null || !c.writable()) return ExpectedAnswer.exception(2);
                }
                return ExpectedAnswer.WOULD_WRITE;
            }
            case 16 -> {
                if (len < 6) return ExpectedAnswer.exception(3);
                int start = u16(pdu, off + 1), qty = u16(pdu, off + 3), bc = pdu[off + 5] & 0xFF;
                if (qty < 1 || qty > MAX_WRITE_REGISTERS || bc != 2 * qty || len != 6 + bc) return ExpectedAnswer.exception(3);
                return registerWrite(unit, start, qty);
            }
            default -> {
                return ExpectedAnswer.exception(1);
            }
        }
    }

    private ExpectedAnswer registerWrite(int unit, int start, int qty) {
        if (start + qty > 65536) return ExpectedAnswer.exception(2);
        boolean decodeSeen = false;
        int i = 0;
        while (i < qty) {
            Cell c = cell(unit, Area.HOLDING_REGISTER, start + i);
            boolean refused = c == null || c.first() < start || c.first() + c.count() > start + qty || !c.writable();
            if (refused) return decodeSeen ? ExpectedAnswer.exception(2, 3) : ExpectedAnswer.exception(2);
            decodeSeen |= c.decodeMayRefuse();
            i += c.count() - (start + i - c.first());
        }
        return ExpectedAnswer.WOULD_WRITE;
    }

    /** One frame as the server will cut it out of the stream. */
    public record Frame(int offset, int length, int transactionId, int unit, ExpectedAnswer expected) {
        /** The function code byte (the PDU's first). */
        public int functionCode(byte[] stream) { return stream[offset + 7] & 0xFF; }
    }

    /** How a byte stream is framed: the complete frames, then either a close (bad header), a partial tail, or nothing. */
    public record Framing(List<Frame> frames, boolean closes, int pendingBytes) {}

    /** Frames {@code stream[0, len)} exactly as the MBAP rules cut it. */
    public Framing frame(byte[] stream, int len) {
        List<Frame> out = new ArrayList<>();
        int pos = 0;
        while (len - pos >= 6) {
            int protocol = u16(stream, pos + 2), length = u16(stream, pos + 4);
            if (protocol != 0 || length < 2 || length > 254) return new Framing(out, true, 0);
            if (len - pos < 6 + length) break;
            int unit = stream[pos + 6] & 0xFF;
            out.add(new Frame(pos, 6 + length, u16(stream, pos), unit, answer(unit, stream, pos + 7, length - 1)));
            pos += 6 + length;
        }
        return new Framing(out, false, len - pos);
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static long key(int unit, Area area) {
        return ((long) unit << 8) | area.ordinal();
    }
}
