package io.hilbench.points;

import java.nio.charset.StandardCharsets;

/**
 * Wire codecs: raw values of a {@link PointType} to and from 16-bit register words in a {@link WordOrder}.
 *
 * <p>A value of n registers is first laid out big-endian as logical words W0..W(n-1) (W0 most significant,
 * IEEE 754 bits for floats, two's complement for signed integers); wire register i then carries
 * W[{@link WordOrder#logicalWordAt}(i, n)], with its two bytes swapped for BADC and DCBA. Strings carry two
 * ISO-8859-1 characters per register, the first in the high byte (swapped for BADC/DCBA), NUL-padded.
 *
 * <p>Engineering value = raw × scale + offset (DESIGN §6). Integer raw values are rounded half away from zero.
 */
public final class Codec {
    private Codec() {}

    /** Writes the raw value as {@code type.registers()} wire words into {@code out[off..]}. */
    public static void encode(PointType type, WordOrder order, double raw, int[] out, int off) {
        int n = type.registers();
        long bits = switch (type.base()) {
            case BOOL -> raw != 0.0 ? 1 : 0;
            case INT16, UINT16, ENUM -> ((long) raw) & 0xFFFFL;
            case INT32, UINT32 -> ((long) raw) & 0xFFFF_FFFFL;
            case INT64 -> (long) raw;
            case UINT64 -> raw >= 0x1p63 ? (long) (raw - 0x1p63) ^ Long.MIN_VALUE : (long) raw;
            case FLOAT32 -> Float.floatToRawIntBits((float) raw) & 0xFFFF_FFFFL;
            case FLOAT64 -> Double.doubleToRawLongBits(raw);
            case STRING -> throw new IllegalArgumentException("strings are encoded with encodeString");
        };
        for (int i = 0; i < n; i++) {
            int logical = order.logicalWordAt(i, n);
            int word = (int) (bits >>> (16 * (n - 1 - logical))) & 0xFFFF;
            out[off + i] = order.bytesSwapped() ? swapBytes(word) : word;
        }
    }

    /** Reads a raw value from {@code type.registers()} wire words at {@code words[off..]}. */
    public static double decode(PointType type, WordOrder order, int[] words, int off) {
        int n = type.registers();
        long bits = 0;
        for (int logical = 0; logical < n; logical++) {
            int wire = order.logicalWordAt(logical, n); // the mapping is its own inverse (identity or reversal)
            int word = words[off + wire] & 0xFFFF;
            if (order.bytesSwapped()) word = swapBytes(word);
            bits = (bits << 16) | word;
        }
        return switch (type.base()) {
            case BOOL -> bits != 0 ? 1.0 : 0.0;
            case INT16 -> (short) bits;
            case UINT16, ENUM -> bits;
            case INT32 -> (int) bits;
            case UINT32 -> bits & 0xFFFF_FFFFL;
            case INT64 -> bits;
            case UINT64 -> bits >= 0 ? bits : (double) (bits & Long.MAX_VALUE) + 0x1p63;
            case FLOAT32 -> Float.intBitsToFloat((int) bits);
            case FLOAT64 -> Double.longBitsToDouble(bits);
            case STRING -> throw new IllegalArgumentException("strings are decoded with decodeString");
        };
    }

    /** The exact 64-bit pattern of an integer raw value, for golden tests of 64-bit types. */
    public static void encodeLong(long bits, int n, WordOrder order, int[] out, int off) {
        for (int i = 0; i < n; i++) {
            int logical = order.logicalWordAt(i, n);
            int word = (int) (bits >>> (16 * (n - 1 - logical))) & 0xFFFF;
            out[off + i] = order.bytesSwapped() ? swapBytes(word) : word;
        }
    }

    /** Inverse of {@link #encodeLong}. */
    public static long decodeLong(int n, WordOrder order, int[] words, int off) {
        long bits = 0;
        for (int logical = 0; logical < n; logical++) {
            int word = words[off + order.logicalWordAt(logical, n)] & 0xFFFF;
            if (order.bytesSwapped()) word = swapBytes(word);
            bits = (bits << 16) | word;
        }
        return bits;
    }

    /** Writes {@code text} as {@code (length+1)/2} words, truncated or NUL-padded to {@code length} characters. */
    public static void encodeString(String text, int length, WordOrder order, int[] out, int off) {
        byte[] b = new byte[length + (length & 1)];
        byte[] src = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(src, 0, b, 0, Math.min(src.length, length));
        for (int i = 0; i < b.length / 2; i++) {
            int word = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
            out[off + i] = order.bytesSwapped() ? swapBytes(word) : word;
        }
    }

    /** Reads a string of up to {@code length} characters, stopping at the first NUL. */
    public static String decodeString(int length, WordOrder order, int[] words, int off) {
        byte[] b = new byte[length + (length & 1)];
        for (int i = 0; i < b.length / 2; i++) {
            int word = words[off + i] & 0xFFFF;
            if (order.bytesSwapped()) word = swapBytes(word);
            b[2 * i] = (byte) (word >> 8);
            b[2 * i + 1] = (byte) word;
        }
        int end = 0;
        while (end < length && b[end] != 0) end++;
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** True when {@code raw} is representable exactly enough in the type (integers: whole and in range; floats: finite in range). */
    public static boolean rawFits(PointType type, double raw) {
        if (Double.isNaN(raw) || Double.isInfinite(raw)) return false;
        return switch (type.base()) {
            case BOOL -> raw == 0.0 || raw == 1.0;
            case INT16 -> raw >= Short.MIN_VALUE && raw <= Short.MAX_VALUE;
            case UINT16 -> raw >= 0 && raw <= 0xFFFF;
            case ENUM -> type.enumLabels().containsKey((int) raw) && raw == Math.rint(raw);
            case INT32 -> raw >= Integer.MIN_VALUE && raw <= Integer.MAX_VALUE;
            case UINT32 -> raw >= 0 && raw <= 0xFFFF_FFFFL;
            case INT64 -> raw >= -0x1p63 && raw < 0x1p63;
            case UINT64 -> raw >= 0 && raw < 0x1p64;
            case FLOAT32 -> Math.abs(raw) <= Float.MAX_VALUE;
            case FLOAT64 -> true;
            case STRING -> false;
        };
    }

    /** Engineering value → raw value (integers rounded half away from zero). */
    public static double toRaw(PointDefinition p, PointType type, double engineering) {
        double raw = (engineering - p.offset()) / p.scale();
        return type.base().isFloat() ? raw : Math.signum(raw) * Math.floor(Math.abs(raw) + 0.5);
    }

    /** Raw value → engineering value. */
    public static double toEngineering(PointDefinition p, double raw) {
        return raw * p.scale() + p.offset();
    }

    /** The default raw value Modbus shows for BAD quality: NaN for floats, the type's maximum for integers (NE43-style), 0 for bool. */
    public static double defaultBadRaw(PointType type) {
        return switch (type.base()) {
            case FLOAT32, FLOAT64 -> Double.NaN;
            case INT16 -> Short.MAX_VALUE;
            case UINT16, ENUM -> 0xFFFF;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 0xFFFF_FFFFL;
            case INT64 -> 0x1p63 - 1024; // largest double below 2^63
            case UINT64 -> 0x1p64 - 2048;
            case BOOL, STRING -> 0.0;
        };
    }

    static int swapBytes(int word) {
        return ((word & 0xFF) << 8) | ((word >> 8) & 0xFF);
    }
}
