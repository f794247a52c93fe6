package io.hilbench.adapters.opcua;

import io.hilbench.points.BaseType;
import io.hilbench.points.OpcUaType;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.TableState;
import io.hilbench.runtime.Quality;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Maps between the point table's engineering values (doubles, texts, qualities) and OPC UA values of a point's
 * {@link OpcUaType}. Maps, never computes: the table decides ranges and qualities.
 *
 * <p>Reads: integer types round the engineering value to the nearest integer and saturate at the type's limits
 * (a scaled plant value never wraps). Quality (Part 4 §7.39 StatusCode, Part 8 §6.3.2 data-access codes):
 * <ul>
 *   <li>GOOD → Good</li>
 *   <li>UNCERTAIN → Uncertain_EngineeringUnitsExceeded when the value lies outside the point's [min, max],
 *       else Uncertain_SensorNotAccurate (offset, drift, noise)</li>
 *   <li>BAD → Bad_SensorFailure with a null value: Part 4 (DataValue) says a Bad value is to be ignored and the
 *       Server shall set it to null, so the faulty number is not shown (Modbus shows bad_value instead)</li>
 * </ul>
 */
final class PointValues {
    private static final StatusCode UNCERTAIN_EU_EXCEEDED = new StatusCode(StatusCodes.Uncertain_EngineeringUnitsExceeded);
    private static final StatusCode UNCERTAIN_NOT_ACCURATE = new StatusCode(StatusCodes.Uncertain_SensorNotAccurate);
    private static final StatusCode BAD_SENSOR_FAILURE = new StatusCode(StatusCodes.Bad_SensorFailure);

    private PointValues() {}

    static NodeId dataType(OpcUaType t) {
        return switch (t) {
            case BOOLEAN -> NodeIds.Boolean;
            case INT16 -> NodeIds.Int16;
            case UINT16 -> NodeIds.UInt16;
            case INT32 -> NodeIds.Int32;
            case UINT32 -> NodeIds.UInt32;
            case INT64 -> NodeIds.Int64;
            case UINT64 -> NodeIds.UInt64;
            case FLOAT -> NodeIds.Float;
            case DOUBLE -> NodeIds.Double;
            case STRING -> NodeIds.String;
        };
    }

    /** The Java class Milo uses for values of the type (what a correctly typed write carries). */
    static Class<?> backingClass(OpcUaType t) {
        return switch (t) {
            case BOOLEAN -> Boolean.class;
            case INT16 -> Short.class;
            case UINT16 -> UShort.class;
            case INT32 -> Integer.class;
            case UINT32 -> UInteger.class;
            case INT64 -> Long.class;
            case UINT64 -> ULong.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case STRING -> String.class;
        };
    }

    /** True for the numeric types (served as AnalogItemType unless the point is an enum). */
    static boolean isNumeric(OpcUaType t) {
        return t != OpcUaType.BOOLEAN && t != OpcUaType.STRING;
    }

    static boolean isEnum(PointDefinition p) {
        return p.modbus() != null && p.modbus().type().base() == BaseType.ENUM;
    }

    /** The point's value in state {@code s} as an OPC UA DataValue (timestamps: both {@code now}). */
    static DataValue dataValue(PointDefinition p, TableState s, int index, DateTime now) {
        Quality q = s.quality(index);
        if (q == Quality.BAD) {
            return new DataValue(Variant.NULL_VALUE, BAD_SENSOR_FAILURE, now, now);
        }
        Variant v = OpcUaValues.variant(p.opcuaType(), s.value(index), s.text(index));
        StatusCode sc = q == Quality.GOOD ? StatusCode.GOOD
                : (p.inRange(s.value(index)) ? UNCERTAIN_NOT_ACCURATE : UNCERTAIN_EU_EXCEEDED);
        return new DataValue(v, sc, now, now);
    }

    /** A refused value: the status code to answer and why (for the log). */
    record Refusal(long statusCode, String reason) {}

    /**
     * Decodes a written Variant into an engineering value, strictly: the Variant's value must be a scalar of exactly
     * the node's DataType (Part 4 §5.10.4: Bad_TypeMismatch "the value supplied for the attribute is not of the same
     * type as the attribute's value"); no numeric widening, as the OPC UA conformance tools expect.
     *
     * @return a Double (engineering value) or a String (text of a string point), or a {@link Refusal}
     */
    static Object decodeWrite(PointDefinition p, Variant variant) {
        Object o = variant == null ? null : variant.getValue();
        OpcUaType t = p.opcuaType();
        if (o == null || o.getClass().isArray() || backingClass(t) != o.getClass()) {
            return new Refusal(StatusCodes.Bad_TypeMismatch, p.tag() + " is " + t.displayName() + ", the write carried "
                    + (o == null ? "null" : o.getClass().getSimpleName()));
        }
        return switch (t) {
            case STRING -> {
                String s = (String) o;
                if (p.modbus() != null && p.modbus().type().base() == BaseType.STRING && s.length() > p.modbus().type().stringLength()) {
                    yield new Refusal(StatusCodes.Bad_OutOfRange, p.tag() + ": text of " + s.length()
                            + " characters exceeds string(" + p.modbus().type().stringLength() + ")");
                }
                yield s;
            }
            case BOOLEAN -> ((Boolean) o) ? 1.0 : 0.0;
            case DOUBLE -> (Double) o;
            case FLOAT -> (double) (Float) o;
            case INT16 -> (double) (Short) o;
            case UINT16 -> (double) ((UShort) o).intValue();
            case INT32 -> (double) (Integer) o;
            case UINT32 -> (double) ((UInteger) o).longValue();
            case INT64 -> {
                long l = (Long) o;
                double d = (double) l;
                if ((long) d != l || d == 0x1p63) {
                    yield new Refusal(StatusCodes.Bad_OutOfRange, p.tag() + ": " + l + " is not exactly representable by the bench");
                }
                yield d;
            }
            case UINT64 -> {
                BigInteger b = ((ULong) o).toBigInteger();
                double d = b.doubleValue();
                if (new BigDecimal(d).toBigInteger().compareTo(b) != 0) {
                    yield new Refusal(StatusCodes.Bad_OutOfRange, p.tag() + ": " + b + " is not exactly representable by the bench");
                }
                yield d;
            }
        };
    }

    /** An enum point accepts only its declared codes. */
    static Refusal checkEnumCode(PointDefinition p, double code) {
        if (isEnum(p) && !p.modbus().type().enumLabels().containsKey((int) code)) {
            return new Refusal(StatusCodes.Bad_OutOfRange, p.tag() + ": " + (long) code + " is none of its codes "
                    + p.modbus().type().enumLabels());
        }
        return null;
    }
}
