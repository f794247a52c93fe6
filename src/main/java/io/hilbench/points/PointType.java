package io.hilbench.points;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A point's wire type: a {@link BaseType}, plus the length of a {@code string(n)} (n characters, two per
 * register, padded with NUL) or the labels of an {@code enum(0=Off,1=Starting,...)} (raw uint16 code to label).
 */
public record PointType(BaseType base, int stringLength, Map<Integer, String> enumLabels) {

    public PointType {
        Objects.requireNonNull(base, "base");
        if (base == BaseType.STRING && (stringLength < 1 || stringLength > 246)) {
            throw new IllegalArgumentException("string length must be 1..246 characters, was " + stringLength);
        }
        if (base != BaseType.STRING && stringLength != 0) {
            throw new IllegalArgumentException("only string types have a length");
        }
        enumLabels = enumLabels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(enumLabels));
        if (base == BaseType.ENUM && enumLabels.isEmpty()) {
            throw new IllegalArgumentException("an enum needs at least one value, e.g. enum(0=Off,1=On)");
        }
        if (base != BaseType.ENUM && !enumLabels.isEmpty()) {
            throw new IllegalArgumentException("only enum types have labels");
        }
    }

    public static PointType of(BaseType base) {
        return new PointType(base, 0, Map.of());
    }

    /** Number of 16-bit registers a value occupies (1 for bool: a bool in a register area is a whole 0/1 register unless it names a bit). */
    public int registers() {
        return base == BaseType.STRING ? (stringLength + 1) / 2 : base.fixedRegisters();
    }

    /** Raw code of an enum label (case-insensitive), or -1. */
    public int enumCode(String label) {
        for (Map.Entry<Integer, String> e : enumLabels.entrySet()) {
            if (e.getValue().equalsIgnoreCase(label)) return e.getKey();
        }
        return -1;
    }

    /**
     * Parses {@code bool, int16, uint16, int32, uint32, int64, uint64, float32, float64, string(n),
     * enum(0=Off,1=Starting,...)}.
     */
    public static PointType parse(String text) {
        String t = text.trim();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("string(") && lower.endsWith(")")) {
            String n = t.substring(7, t.length() - 1).trim();
            try {
                return new PointType(BaseType.STRING, Integer.parseInt(n), Map.of());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("string length '" + n + "' is not a whole number");
            }
        }
        if (lower.startsWith("enum(") && lower.endsWith(")")) {
            Map<Integer, String> labels = new LinkedHashMap<>();
            String body = t.substring(5, t.length() - 1);
            for (String item : body.split(",")) {
                String[] kv = item.split("=", 2);
                if (kv.length != 2 || kv[1].isBlank()) {
                    throw new IllegalArgumentException("enum item '" + item.trim() + "' is not CODE=Label");
                }
                int code;
                try {
                    code = Integer.parseInt(kv[0].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("enum code '" + kv[0].trim() + "' is not a whole number");
                }
                if (code < 0 || code > 0xFFFF) throw new IllegalArgumentException("enum code " + code + " is outside 0..65535");
                if (labels.put(code, kv[1].trim()) != null) throw new IllegalArgumentException("enum code " + code + " appears twice");
            }
            return new PointType(BaseType.ENUM, 0, labels);
        }
        for (BaseType b : BaseType.values()) {
            if (b != BaseType.STRING && b != BaseType.ENUM && b.name().equalsIgnoreCase(t)) return of(b);
        }
        throw new IllegalArgumentException("unknown type '" + text
                + "' (expected bool, int16, uint16, int32, uint32, int64, uint64, float32, float64, string(n) or enum(...))");
    }

    @Override
    public String toString() {
        return switch (base) {
            case STRING -> "string(" + stringLength + ")";
            case ENUM -> {
                StringBuilder b = new StringBuilder("enum(");
                enumLabels.forEach((k, v) -> b.append(b.length() > 5 ? "," : "").append(k).append('=').append(v));
                yield b.append(')').toString();
            }
            default -> base.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
