package io.hilbench.adapters.opcua;

import io.hilbench.points.OpcUaType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * Engineering value → OPC UA Variant of a point's DataType: the OPC UA counterpart of {@code points.Codec}, shared by
 * the server (answering reads), the reference controller's OPC UA I/O and the bench's supervisory client, so every
 * party encodes a value the same way. Integers round half away from zero and saturate at their type's limits (an
 * integer node shows its limit, never a wrapped value); NaN becomes 0 for integer types.
 */
public final class OpcUaValues {
    private OpcUaValues() {}

    /** The Variant of {@code value} (or {@code text}, for String nodes) for a node of type {@code t}. */
    public static Variant variant(OpcUaType t, double value, String text) {
        return switch (t) {
            case DOUBLE -> Variant.ofDouble(value);
            case FLOAT -> Variant.ofFloat((float) value);
            case BOOLEAN -> Variant.ofBoolean(value != 0.0);
            case STRING -> Variant.ofString(text == null ? "" : text);
            case INT16 -> Variant.ofInt16((short) saturate(value, Short.MIN_VALUE, Short.MAX_VALUE));
            case UINT16 -> Variant.ofUInt16(UShort.valueOf((int) saturate(value, 0, 0xFFFF)));
            case INT32 -> Variant.ofInt32((int) saturate(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case UINT32 -> Variant.ofUInt32(UInteger.valueOf(saturate(value, 0, 0xFFFF_FFFFL)));
            case INT64 -> Variant.ofInt64(Math.round(value)); // Math.round saturates at Long's limits; NaN -> 0
            case UINT64 -> Variant.ofUInt64(toULong(value));
        };
    }

    private static long saturate(double v, long min, long max) {
        if (Double.isNaN(v)) return 0;
        long r = Math.round(v);
        return Math.max(min, Math.min(max, r));
    }

    private static ULong toULong(double v) {
        if (Double.isNaN(v) || v <= 0) return ULong.MIN;
        BigInteger b = new BigDecimal(v).setScale(0, RoundingMode.HALF_UP).toBigInteger();
        return b.compareTo(ULong.MAX_VALUE) > 0 ? ULong.MAX : ULong.valueOf(b);
    }
}
