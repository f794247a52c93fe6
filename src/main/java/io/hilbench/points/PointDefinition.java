package io.hilbench.points;

import java.util.Objects;

/**
 * One row of a point map (DESIGN §6): {@code tag, description, kind, unit, modbus, scale, offset, opcua,
 * opcua_type, min, max, initial, on_out_of_range, failsafe, bad_value, binding}.
 *
 * <p>Values: the <em>engineering value</em> is what registers and OPC UA speak, in {@link #unit()};
 * raw register value × scale + offset = engineering value; the plant's SI value converts through the unit
 * ({@link EngineeringUnit}). Booleans are 0/1, enums their code. Strings keep their text in {@link #initialText()}.
 *
 * @param tag          ISA tag or equipment attribute, e.g. {@code PT-202}, {@code C-211.SpeedSet}; also the OPC UA NodeId string
 * @param modbus       Modbus address, or null for a point not served on Modbus
 * @param opcuaPath    browse path below the plant folder, e.g. {@code HeatPump/Refrigerant}; null when not served on OPC UA
 * @param min          lower limit of the engineering value (writes checked against it; EURange); NaN when none
 * @param max          upper limit; NaN when none
 * @param initial      engineering value at start (0 for strings)
 * @param initialText  the initial text of a string point (empty otherwise)
 * @param badRaw       raw value Modbus shows while the point's quality is BAD (NaN for floats by default)
 * @param file         point-map file the row came from (for messages)
 * @param line         1-based line in that file
 */
public record PointDefinition(
        String tag,
        String description,
        PointKind kind,
        EngineeringUnit unit,
        ModbusAddress modbus,
        double scale,
        double offset,
        String opcuaPath,
        OpcUaType opcuaType,
        double min,
        double max,
        double initial,
        String initialText,
        OutOfRangePolicy onOutOfRange,
        Failsafe failsafe,
        double badRaw,
        Binding binding,
        String file,
        int line) {

    public PointDefinition {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(opcuaType, "opcuaType");
        Objects.requireNonNull(onOutOfRange, "onOutOfRange");
        Objects.requireNonNull(failsafe, "failsafe");
        Objects.requireNonNull(binding, "binding");
        description = description == null ? "" : description;
        initialText = initialText == null ? "" : initialText;
        if (tag.isBlank()) throw new IllegalArgumentException("tag must not be empty");
        if (scale == 0.0 || !Double.isFinite(scale)) throw new IllegalArgumentException("scale must be finite and non-zero, was " + scale);
        if (!Double.isFinite(offset)) throw new IllegalArgumentException("offset must be finite, was " + offset);
        if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
            throw new IllegalArgumentException("min (" + min + ") must be <= max (" + max + ")");
        }
        if (modbus == null && opcuaPath == null) {
            throw new IllegalArgumentException("point " + tag + " is served on neither Modbus nor OPC UA");
        }
    }

    /**
     * True when a client may write this point over a protocol: on the plant side the controller writes actuators,
     * ack and heartbeat; on a controller map the bench writes commands and setpoints.
     */
    public boolean clientWritable() {
        return switch (kind) {
            case ACTUATOR, COMMAND, SETPOINT -> true;
            case BENCH -> {
                BenchVariable v = benchVariable();
                yield v != null && v.controllerWritable();
            }
            default -> false;
        };
    }

    /** The bench variable of a {@code bench.*} binding, or null. */
    public BenchVariable benchVariable() {
        return binding.source() == Binding.Source.BENCH ? BenchVariable.byBindingName(binding.name()) : null;
    }

    public boolean isString() {
        return modbus != null ? modbus.type().base() == BaseType.STRING : opcuaType == OpcUaType.STRING;
    }

    public boolean isBoolean() {
        return modbus != null ? modbus.type().base() == BaseType.BOOL : opcuaType == OpcUaType.BOOLEAN;
    }

    /** True when {@code value} lies in [min, max] (a missing limit does not bind). */
    public boolean inRange(double value) {
        return (Double.isNaN(min) || value >= min) && (Double.isNaN(max) || value <= max);
    }

    /** "file:line" of the row, for messages. */
    public String where() {
        return file + ":" + line;
    }
}
