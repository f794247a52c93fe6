package io.hilbench.points;

import io.hilbench.runtime.Quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where every point sits on Modbus, per unit id and area, and the translation of register and bit requests to
 * point values and back. This is all the "computing" a Modbus request needs; the adapter only maps it to PDUs.
 *
 * <p>Rules (DESIGN §3, §6): reading part of a multi-register point is allowed; writing part of one is refused
 * ({@link AccessError#PARTIAL_POINT}) before anything is applied; a write touching an unmapped address or a
 * point the controller may not write is refused whole. A register holding bit points (e.g. {@code 1:hr:40.3:bool})
 * reads as the OR of its bits; writing it writes every bit point in it (unmapped bits are ignored).
 */
public final class ModbusLayout {
    /** One register (or bit) of a whole point: point index and word index inside the point. */
    private record Slot(int point, int word, int firstAddress) {}

    /** Bit points sharing one register. */
    private record BitSlot(int[] points, int[] bits) {}

    private final List<PointDefinition> points;
    private final Map<Long, Object[]> areas = new HashMap<>(); // key unit<<8|area -> Object[65536] of Slot | BitSlot
    private final Set<Integer> units = new TreeSet<>();

    public ModbusLayout(List<PointDefinition> points) {
        this.points = points;
        List<String> overlaps = findOverlaps(points);
        if (!overlaps.isEmpty()) throw new IllegalArgumentException(String.join("; ", overlaps));
        Map<Long, Map<Integer, List<Integer>>> bitPoints = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            ModbusAddress a = points.get(i).modbus();
            if (a == null) continue;
            units.add(a.unitId());
            Object[] area = areas.computeIfAbsent(key(a.unitId(), a.area()), k -> new Object[65536]);
            if (a.isBitInRegister()) {
                bitPoints.computeIfAbsent(key(a.unitId(), a.area()), k -> new HashMap<>())
                        .computeIfAbsent(a.address(), k -> new ArrayList<>()).add(i);
            } else {
                for (int w = 0; w < a.registerCount(); w++) area[a.address() + w] = new Slot(i, w, a.address());
            }
        }
        bitPoints.forEach((k, byAddress) -> byAddress.forEach((address, list) -> {
            int[] idx = list.stream().mapToInt(Integer::intValue).toArray();
            int[] bits = list.stream().mapToInt(p -> points.get(p).modbus().bit()).toArray();
            areas.get(k)[address] = new BitSlot(idx, bits);
        }));
    }

    private static long key(int unit, Area area) {
        return ((long) unit << 8) | area.ordinal();
    }

    /** Unit ids with at least one point. */
    public Set<Integer> units() { return units; }

    public boolean hasUnit(int unit) { return units.contains(unit); }

    /**
     * Every overlap among the points' Modbus addresses (same unit and area): two points sharing a register,
     * a multi-register point half over another, a bit point on a whole-register point, or the same bit twice.
     * Each message names both points with file:line.
     */
    public static List<String> findOverlaps(List<PointDefinition> points) {
        List<String> out = new ArrayList<>();
        Map<Long, Map<Integer, List<PointDefinition>>> byRegister = new HashMap<>();
        for (PointDefinition p : points) {
            ModbusAddress a = p.modbus();
            if (a == null) continue;
            Map<Integer, List<PointDefinition>> m = byRegister.computeIfAbsent(key(a.unitId(), a.area()), k -> new HashMap<>());
            for (int w = 0; w < a.registerCount(); w++) m.computeIfAbsent(a.address() + w, k -> new ArrayList<>()).add(p);
        }
        Set<String> seen = new java.util.HashSet<>();
        byRegister.values().forEach(m -> m.forEach((address, list) -> {
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    PointDefinition p = list.get(i), q = list.get(j);
                    ModbusAddress a = p.modbus(), b = q.modbus();
                    if (a.isBitInRegister() && b.isBitInRegister() && a.bit() != b.bit()) continue;
                    String pair = p.tag() + "|" + q.tag();
                    if (!seen.add(pair)) continue;
                    String how = a.isBitInRegister() && b.isBitInRegister() ? "the same bit"
                            : a.address() == b.address() && a.registerCount() == b.registerCount() ? "the same address"
                            : "overlapping registers";
                    out.add(q.where() + ": field modbus: " + q.tag() + " (" + b + ") and " + p.tag() + " (" + a + ", "
                            + p.where() + ") use " + how + " at unit " + a.unitId() + " " + a.area().code() + " " + address);
                }
            }
        }));
        out.sort(null);
        return out;
    }

    private Object[] area(int unit, Area area, int start, int count) throws PointAccessException {
        Object[] slots = areas.get(key(unit, area));
        if (slots == null) {
            throw new PointAccessException(AccessError.UNMAPPED, "unit " + unit + " has no " + area.code() + " points");
        }
        if (start < 0 || count < 0 || start + count > 65536) {
            throw new PointAccessException(AccessError.UNMAPPED, "range " + start + "+" + count + " outside 0..65535");
        }
        return slots;
    }

    /** FC3/FC4: register words of [start, start+count) from one state. */
    public int[] readRegisters(TableState s, int unit, Area area, int start, int count) throws PointAccessException {
        if (area.isBitArea()) throw new IllegalArgumentException(area + " is not a register area");
        Object[] slots = area(unit, area, start, count);
        int[] out = new int[count];
        int[] scratch = new int[128];
        int cachedPoint = -1;
        for (int i = 0; i < count; i++) {
            Object slot = slots[start + i];
            if (slot == null) {
                throw new PointAccessException(AccessError.UNMAPPED, "no point at unit " + unit + " " + area.code() + " " + (start + i));
            }
            if (slot instanceof Slot sl) {
                if (sl.point != cachedPoint) {
                    encodePoint(s, sl.point, scratch);
                    cachedPoint = sl.point;
                }
                out[i] = scratch[sl.word];
            } else {
                BitSlot b = (BitSlot) slot;
                int word = 0;
                for (int k = 0; k < b.points.length; k++) {
                    if (bitValue(s, b.points[k])) word |= 1 << b.bits[k];
                }
                out[i] = word;
            }
        }
        return out;
    }

    /** FC1/FC2: bits of [start, start+count) from one state. */
    public boolean[] readBits(TableState s, int unit, Area area, int start, int count) throws PointAccessException {
        if (!area.isBitArea()) throw new IllegalArgumentException(area + " is not a bit area");
        Object[] slots = area(unit, area, start, count);
        boolean[] out = new boolean[count];
        for (int i = 0; i < count; i++) {
            Object slot = slots[start + i];
            if (slot == null) {
                throw new PointAccessException(AccessError.UNMAPPED, "no point at unit " + unit + " " + area.code() + " " + (start + i));
            }
            out[i] = bitValue(s, ((Slot) slot).point);
        }
        return out;
    }

    /** FC6/FC16: the point writes that registers [start, start+words.length) of unit's holding area mean; nothing is applied here. */
    public List<PointWrite> decodeRegisterWrite(int unit, int start, int[] words) throws PointAccessException {
        Object[] slots = area(unit, Area.HOLDING_REGISTER, start, words.length);
        List<PointWrite> writes = new ArrayList<>();
        int end = start + words.length;
        int i = 0;
        while (i < words.length) {
            int address = start + i;
            Object slot = slots[address];
            if (slot == null) {
                throw new PointAccessException(AccessError.UNMAPPED, "no point at unit " + unit + " hr " + address);
            }
            if (slot instanceof BitSlot b) {
                for (int k = 0; k < b.points.length; k++) {
                    requireWritable(b.points[k]);
                    writes.add(PointWrite.of(b.points[k], (words[i] >> b.bits[k]) & 1));
                }
                i++;
                continue;
            }
            Slot sl = (Slot) slot;
            PointDefinition p = points.get(sl.point);
            ModbusAddress a = p.modbus();
            if (sl.firstAddress < start || sl.firstAddress + a.registerCount() > end) {
                throw new PointAccessException(AccessError.PARTIAL_POINT, "write covers part of " + p.tag() + " (" + a + ")");
            }
            requireWritable(sl.point);
            int off = sl.firstAddress - start;
            if (a.type().base() == BaseType.STRING) {
                writes.add(new PointWrite(sl.point, 0, Codec.decodeString(a.type().stringLength(), a.order(), words, off)));
            } else {
                double raw = Codec.decode(a.type(), a.order(), words, off);
                if (a.type().base() == BaseType.ENUM && !a.type().enumLabels().containsKey((int) raw)) {
                    throw new PointAccessException(AccessError.OUT_OF_RANGE, p.tag() + ": " + (int) raw + " is not one of " + a.type());
                }
                writes.add(PointWrite.of(sl.point, Codec.toEngineering(p, raw)));
            }
            i += a.registerCount();
        }
        return writes;
    }

    /** FC5/FC15: the point writes that coils [start, start+bits.length) of unit mean. */
    public List<PointWrite> decodeCoilWrite(int unit, int start, boolean[] bits) throws PointAccessException {
        Object[] slots = area(unit, Area.COIL, start, bits.length);
        List<PointWrite> writes = new ArrayList<>(bits.length);
        for (int i = 0; i < bits.length; i++) {
            Object slot = slots[start + i];
            if (slot == null) {
                throw new PointAccessException(AccessError.UNMAPPED, "no point at unit " + unit + " coil " + (start + i));
            }
            int p = ((Slot) slot).point;
            requireWritable(p);
            writes.add(PointWrite.of(p, bits[i] ? 1 : 0));
        }
        return writes;
    }

    private void requireWritable(int point) throws PointAccessException {
        PointDefinition p = points.get(point);
        if (!p.clientWritable()) {
            throw new PointAccessException(AccessError.READ_ONLY, p.tag() + " is a " + p.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " point and cannot be written");
        }
    }

    private boolean bitValue(TableState s, int point) {
        return s.value(point) != 0.0 && s.quality(point) != Quality.BAD;
    }

    /** The point's wire words in the state, its bad_value while BAD (DESIGN §6). */
    private void encodePoint(TableState s, int point, int[] out) {
        PointDefinition p = points.get(point);
        ModbusAddress a = p.modbus();
        PointType t = a.type();
        if (t.base() == BaseType.STRING) {
            Codec.encodeString(s.text(point), t.stringLength(), a.order(), out, 0);
            return;
        }
        double raw;
        if (s.quality(point) == Quality.BAD) {
            raw = p.badRaw();
        } else {
            raw = Codec.toRaw(p, t, s.value(point));
            if (!t.base().isFloat()) raw = clampToType(t, raw); // an integer register shows its limit, never a wrapped value
        }
        Codec.encode(t, a.order(), raw, out, 0);
    }

    private static double clampToType(PointType t, double raw) {
        return switch (t.base()) {
            case INT16 -> Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, raw));
            case UINT16, ENUM -> Math.max(0, Math.min(0xFFFF, raw));
            case INT32 -> Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, raw));
            case UINT32 -> Math.max(0, Math.min(0xFFFF_FFFFL, raw));
            case UINT64 -> Math.max(0, raw);
            case BOOL -> raw != 0 ? 1 : 0;
            default -> raw;
        };
    }
}
