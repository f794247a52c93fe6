package io.hilbench.rig;

import io.hilbench.points.BaseType;
import io.hilbench.points.BenchVariable;
import io.hilbench.points.Binding;
import io.hilbench.points.Codec;
import io.hilbench.points.EngineeringUnit;
import io.hilbench.points.Failsafe;
import io.hilbench.points.ModbusAddress;
import io.hilbench.points.OpcUaType;
import io.hilbench.points.OutOfRangePolicy;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;
import io.hilbench.points.PointType;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a point-map CSV (DESIGN §6) into {@link PointDefinition}s, checking every row on its own: the columns
 * {@link #COLUMNS} in that order under a header row; RFC 4180 quoting (a value with commas, such as
 * {@code enum(0=Off,1=On)}, is quoted; a quote inside a quoted value is doubled); lines starting with {@code #}
 * and blank lines are skipped; UTF-8.
 *
 * <p>A row with any error yields no point; every error of every row is reported. Checks that need more than one
 * row (duplicate tags, overlapping registers, bindings the plant does not offer) are the {@link RigLoader}'s.
 */
public final class PointMapReader {

    /** The columns of a point map, in order. */
    public static final List<String> COLUMNS = List.of("tag", "description", "kind", "unit", "modbus", "scale", "offset",
            "opcua", "opcua_type", "min", "max", "initial", "on_out_of_range", "failsafe", "bad_value", "binding");

    private static final int TAG = 0, DESCRIPTION = 1, KIND = 2, UNIT = 3, MODBUS = 4, SCALE = 5, OFFSET = 6, OPCUA = 7,
            OPCUA_TYPE = 8, MIN = 9, MAX = 10, INITIAL = 11, ON_OUT_OF_RANGE = 12, FAILSAFE = 13, BAD_VALUE = 14, BINDING = 15,
            ACCURACY = 16;

    /**
     * The optional last column (issue #17 item 3): a sensor's accuracy class ({@link io.hilbench.points.SensorAccuracy});
     * a map has it in its header or not at all; empty for an ideal sensor and for every point that is not a sensor.
     */
    public static final String ACCURACY_COLUMN = "accuracy";

    private static final List<String> WITH_ACCURACY;

    static {
        List<String> c = new ArrayList<>(COLUMNS);
        c.add(ACCURACY_COLUMN);
        WITH_ACCURACY = List.copyOf(c);
    }

    private static final Pattern TAG_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");
    private static final Pattern BIT_SUFFIX = Pattern.compile(".*\\.bit\\d+");
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _\\-]*");

    /** Which side of the bench a map describes; it fixes the kinds a row may have. */
    public enum Role {
        /** the plant's I/O (rig {@code point_maps}): sensor, status, actuator, constant, bench */
        PLANT(EnumSet.of(PointKind.SENSOR, PointKind.STATUS, PointKind.ACTUATOR, PointKind.CONSTANT, PointKind.BENCH)),
        /** the controller's supervisory interface (rig {@code controller.point_map}): command, setpoint, status */
        CONTROLLER(EnumSet.of(PointKind.COMMAND, PointKind.SETPOINT, PointKind.STATUS));

        private final Set<PointKind> kinds;

        Role(Set<PointKind> kinds) { this.kinds = kinds; }

        public Set<PointKind> kinds() { return kinds; }
    }

    /**
     * The points of the rows without errors, and every error found.
     *
     * @param incomplete tag and binding text of the rows that had errors (and so produced no point): checks that
     *                   look for a point use them not to repeat a row's error as "missing point"
     * @param complete   false when the file could not be read at all, so no point is known
     */
    public record Result(List<PointDefinition> points, List<RigError> errors, Set<String> incomplete, boolean complete,
                         java.util.Map<String, io.hilbench.points.SensorAccuracy> accuracy) {
        public Result {
            points = List.copyOf(points);
            errors = List.copyOf(errors);
            incomplete = Set.copyOf(incomplete);
            accuracy = accuracy == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(accuracy));
        }

        /** A result without accuracy classes (a map without the {@code accuracy} column). */
        public Result(List<PointDefinition> points, List<RigError> errors, Set<String> incomplete, boolean complete) {
            this(points, errors, incomplete, complete, java.util.Map.of());
        }

        static Result unreadable(RigError error) {
            return new Result(List.of(), List.of(error), Set.of(), false);
        }
    }

    private final Role role;

    public PointMapReader(Role role) {
        this.role = role;
    }

    /** Reads a map file; {@code fileName} is how errors and {@link PointDefinition#file()} name it. */
    public Result read(Path file, String fileName) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            return Result.unreadable(new RigError(fileName, 0, "file", "point map not found"));
        } catch (CharacterCodingException e) {
            return Result.unreadable(new RigError(fileName, 0, "file", "not UTF-8 text"));
        } catch (IOException e) {
            return Result.unreadable(new RigError(fileName, 0, "file", "cannot read: " + e.getMessage()));
        }
        return read(text, fileName);
    }

    /** Reads map text (tests, or maps from elsewhere than a file). */
    public Result read(Reader reader, String fileName) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = reader.read(buf)) > 0; ) b.append(buf, 0, n);
        return read(b.toString(), fileName);
    }

    private Result read(String text, String fileName) {
        List<RigError> errors = new ArrayList<>();
        List<PointDefinition> points = new ArrayList<>();
        Set<String> incomplete = new java.util.HashSet<>();
        java.util.Map<String, io.hilbench.points.SensorAccuracy> accuracy = new java.util.LinkedHashMap<>();
        List<CsvRecord> records = CsvRecord.parse(text, fileName, errors);
        boolean header = true;
        int columns = COLUMNS.size();
        for (CsvRecord r : records) {
            if (header) {
                header = false;
                if (isHeader(r, WITH_ACCURACY)) {
                    columns = WITH_ACCURACY.size();
                } else if (!isHeader(r, COLUMNS)) {
                    errors.add(new RigError(fileName, r.line(), "header", "the first row must be the header "
                            + String.join(",", COLUMNS) + " (optionally followed by ," + ACCURACY_COLUMN + "); found " + String.join(",", r.fields())));
                    return new Result(points, errors, incomplete, false);
                }
                continue;
            }
            if (r.fields().size() != columns) {
                errors.add(new RigError(fileName, r.line(), "columns", "row has " + r.fields().size() + " values, expected "
                        + columns + " (quote a value that contains commas, e.g. \"enum(0=Off,1=On)\")"));
                markIncomplete(r.fields(), incomplete);
                continue;
            }
            Row row = new Row(fileName, r.line(), r.fields().toArray(String[]::new), errors);
            PointDefinition p = row.parse();
            if (p != null && columns > ACCURACY) p = row.accuracy(p, accuracy);
            if (p != null) points.add(p);
            else markIncomplete(r.fields(), incomplete);
        }
        boolean complete = errors.stream().noneMatch(e -> e.field().equals("csv"));
        if (header) {
            errors.add(new RigError(fileName, 1, "header", "the point map has no header row"));
            complete = false;
        }
        return new Result(points, errors, incomplete, complete, accuracy);
    }

    private static boolean isHeader(CsvRecord r, List<String> columns) {
        if (r.fields().size() != columns.size()) return false;
        for (int i = 0; i < columns.size(); i++) {
            if (!r.fields().get(i).trim().equalsIgnoreCase(columns.get(i))) return false;
        }
        return true;
    }

    /** One row being parsed: each column check adds its own error, so a row reports all of its mistakes at once. */
    private final class Row {
        private final String file;
        private final int line;
        private final String[] f;
        private final List<RigError> errors;
        private boolean failed;

        Row(String file, int line, String[] fields, List<RigError> errors) {
            this.file = file;
            this.line = line;
            this.f = fields;
            this.errors = errors;
        }

        private void error(int column, String message) {
            errors.add(new RigError(file, line, WITH_ACCURACY.get(column), message));
            failed = true;
        }

        private String get(int column) {
            return f[column].trim();
        }

        PointDefinition parse() {
            String tag = get(TAG);
            if (tag.isEmpty()) error(TAG, "a point needs a tag");
            else if (!TAG_PATTERN.matcher(tag).matches()) {
                error(TAG, "tag '" + tag + "' may hold only letters, digits, '-', '_' and '.'");
            } else if (BIT_SUFFIX.matcher(tag).matches()) {
                error(TAG, "tag '" + tag + "' must not end in .bitN (that form names a bit of a point)");
            }

            PointKind kind = null;
            try {
                kind = PointKind.parse(get(KIND));
                if (!role.kinds().contains(kind)) {
                    error(KIND, "kind " + lower(kind) + " does not belong in a " + lower(role) + " map (expected "
                            + String.join(", ", role.kinds().stream().map(PointMapReader::lower).toList()) + ")");
                    kind = null;
                }
            } catch (IllegalArgumentException e) {
                error(KIND, e.getMessage());
            }

            EngineeringUnit unit = null;
            try {
                unit = EngineeringUnit.parse(get(UNIT));
            } catch (IllegalArgumentException e) {
                error(UNIT, e.getMessage());
            }

            ModbusAddress modbus = null;
            boolean modbusBad = false;
            if (!get(MODBUS).isEmpty()) {
                try {
                    modbus = ModbusAddress.parse(get(MODBUS));
                } catch (IllegalArgumentException e) {
                    error(MODBUS, e.getMessage());
                    modbusBad = true;
                }
            }

            double scale = number(SCALE, 1.0);
            if (scale == 0.0) {
                error(SCALE, "scale must not be 0");
                scale = Double.NaN;
            }
            double offset = number(OFFSET, 0.0);
            boolean scaled = scale != 1.0 || offset != 0.0;

            String opcua = get(OPCUA);
            String opcuaPath = null;
            if (!opcua.isEmpty()) {
                String[] segments = opcua.split("/", -1);
                boolean ok = true;
                for (String s : segments) ok &= PATH_SEGMENT.matcher(s).matches();
                if (!ok) {
                    error(OPCUA, "browse path '" + opcua + "' must be folder names separated by '/', e.g. HeatPump/Refrigerant");
                } else {
                    opcuaPath = opcua;
                }
            } else if (modbus == null && !modbusBad) {
                error(OPCUA, "the point is served on neither Modbus nor OPC UA (give a modbus address or an opcua path)");
            }

            OpcUaType opcuaType = opcuaType(modbus, modbusBad, scaled);

            double min = number(MIN, Double.NaN);
            double max = number(MAX, Double.NaN);
            if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
                error(MIN, "min " + fmt(min) + " is greater than max " + fmt(max));
                min = max = Double.NaN;
            }
            checkLimitFits(MIN, min, modbus, scale, offset);
            checkLimitFits(MAX, max, modbus, scale, offset);

            boolean isString = modbus != null ? modbus.type().base() == BaseType.STRING : opcuaType == OpcUaType.STRING;
            boolean isBool = modbus != null ? modbus.type().base() == BaseType.BOOL : opcuaType == OpcUaType.BOOLEAN;
            double initial = 0.0;
            String initialText = "";
            if (isString) initialText = stringInitial(modbus);
            else if (!modbusBad) initial = initial(modbus, isBool, min, max, scale, offset);

            OutOfRangePolicy policy = null;
            try {
                policy = OutOfRangePolicy.parse(get(ON_OUT_OF_RANGE));
            } catch (IllegalArgumentException e) {
                error(ON_OUT_OF_RANGE, e.getMessage());
            }

            Failsafe failsafe = null;
            try {
                failsafe = Failsafe.parse(get(FAILSAFE));
                if (!get(FAILSAFE).isEmpty() && kind != null && kind != PointKind.ACTUATOR) {
                    error(FAILSAFE, "only actuators have a failsafe (this is a " + lower(kind) + " point)");
                } else if (failsafe.mode() == Failsafe.Mode.VALUE && (isBool || isString)) {
                    if (isString || (failsafe.value() != 0.0 && failsafe.value() != 1.0)) {
                        error(FAILSAFE, "failsafe " + get(FAILSAFE) + " is not a value of this " + (isString ? "string" : "boolean") + " point");
                    }
                } else if (failsafe.mode() == Failsafe.Mode.VALUE && !inRange(failsafe.value(), min, max)) {
                    error(FAILSAFE, "failsafe " + get(FAILSAFE) + " is outside [" + fmt(min) + ", " + fmt(max) + "]");
                }
            } catch (IllegalArgumentException e) {
                error(FAILSAFE, e.getMessage());
            }

            double badRaw = badRaw(modbus);

            Binding binding = null;
            try {
                binding = Binding.parse(get(BINDING));
                if (kind != null) checkBinding(kind, binding);
            } catch (IllegalArgumentException e) {
                error(BINDING, e.getMessage());
            }

            if (kind != null && modbus != null && modbus.area().isReadOnly()) {
                boolean writable = switch (kind) {
                    case ACTUATOR, COMMAND, SETPOINT -> true;
                    case BENCH -> binding != null && BenchVariable.byBindingName(binding.name()) != null
                            && BenchVariable.byBindingName(binding.name()).controllerWritable();
                    default -> false;
                };
                if (writable) {
                    error(MODBUS, "a " + lower(kind) + " point is written by a client, but " + modbus.area().code()
                            + " is a read-only area (use " + (modbus.area().isBitArea() ? "coil" : "hr") + ")");
                }
            }

            if (failed) return null;
            try {
                return new PointDefinition(tag, get(DESCRIPTION), kind, unit, modbus, scale, offset, opcuaPath, opcuaType,
                        min, max, initial, initialText, policy, failsafe, badRaw, binding, file, line);
            } catch (IllegalArgumentException e) {
                errors.add(new RigError(file, line, "row", e.getMessage()));
                return null;
            }
        }

        /**
         * The row's accuracy class (column {@code accuracy}) into {@code out} by tag: only a sensor has one; an error
         * names the file, line and field like every other column's, and the row then yields no point.
         */
        PointDefinition accuracy(PointDefinition p, java.util.Map<String, io.hilbench.points.SensorAccuracy> out) {
            String text = get(ACCURACY);
            if (text.isEmpty()) return p;
            if (p.kind() != PointKind.SENSOR) {
                error(ACCURACY, "only a sensor has an accuracy class (this is a " + lower(p.kind()) + " point)");
                return null;
            }
            if (p.isBoolean() || p.isString()) {
                error(ACCURACY, "a " + (p.isString() ? "string" : "boolean") + " point has no accuracy class");
                return null;
            }
            try {
                out.put(p.tag(), io.hilbench.points.SensorAccuracy.parse(text, p.unit(), p.min(), p.max()));
                return p;
            } catch (IllegalArgumentException e) {
                error(ACCURACY, e.getMessage());
                return null;
            }
        }

        private double number(int column, double whenEmpty) {
            String s = get(column);
            if (s.isEmpty()) return whenEmpty;
            try {
                double v = Double.parseDouble(s);
                if (!Double.isFinite(v)) throw new NumberFormatException();
                return v;
            } catch (NumberFormatException e) {
                error(column, "'" + s + "' is not a number");
                return whenEmpty;
            }
        }

        private OpcUaType opcuaType(ModbusAddress modbus, boolean modbusBad, boolean scaled) {
            String s = get(OPCUA_TYPE);
            OpcUaType dflt = modbus != null ? OpcUaType.defaultFor(modbus.type(), scaled) : OpcUaType.DOUBLE;
            if (s.isEmpty()) return dflt;
            OpcUaType t;
            try {
                t = OpcUaType.parse(s);
            } catch (IllegalArgumentException e) {
                error(OPCUA_TYPE, e.getMessage());
                return dflt;
            }
            if (modbus == null) return t;
            BaseType base = modbus.type().base();
            String problem = null;
            if (base == BaseType.STRING && t != OpcUaType.STRING) problem = "a string point is a String on OPC UA";
            else if (base != BaseType.STRING && t == OpcUaType.STRING) problem = "only string points are Strings on OPC UA";
            else if (base == BaseType.BOOL && t != OpcUaType.BOOLEAN) problem = "a bool point is a Boolean on OPC UA";
            else if (base != BaseType.BOOL && t == OpcUaType.BOOLEAN) problem = "only bool points are Booleans on OPC UA";
            else if (base == BaseType.ENUM && (t == OpcUaType.FLOAT || t == OpcUaType.DOUBLE)) problem = "an enum is an integer on OPC UA";
            else if (scaled && t != OpcUaType.FLOAT && t != OpcUaType.DOUBLE) {
                problem = "a scaled point's engineering value is fractional: use Float or Double";
            }
            if (problem != null) error(OPCUA_TYPE, "opcua_type " + t.displayName() + " does not fit " + modbus.type() + ": " + problem);
            return t;
        }

        private void checkLimitFits(int column, double limit, ModbusAddress modbus, double scale, double offset) {
            if (Double.isNaN(limit) || modbus == null || Double.isNaN(scale)) return;
            PointType t = modbus.type();
            if (t.base() == BaseType.STRING || t.base() == BaseType.BOOL || t.base() == BaseType.ENUM) return;
            double raw = (limit - offset) / scale;
            double rounded = t.base().isFloat() ? raw : Math.signum(raw) * Math.floor(Math.abs(raw) + 0.5);
            if (!Codec.rawFits(t, rounded)) {
                error(column, COLUMNS.get(column) + " " + fmt(limit) + " does not fit " + t + " with scale " + fmt(scale)
                        + " and offset " + fmt(offset) + " (raw " + fmt(rounded) + ")");
            }
        }

        private String stringInitial(ModbusAddress modbus) {
            String s = f[INITIAL]; // text is taken as written (quoted to keep spaces)
            if (modbus != null) {
                int n = modbus.type().stringLength();
                if (s.length() > n) error(INITIAL, "initial text '" + s + "' is longer than " + modbus.type());
                if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(s)) {
                    error(INITIAL, "initial text '" + s + "' has characters registers cannot carry (ISO-8859-1 only)");
                }
            }
            return s;
        }

        private double initial(ModbusAddress modbus, boolean isBool, double min, double max, double scale, double offset) {
            String s = get(INITIAL);
            PointType type = modbus == null ? null : modbus.type();
            if (type != null && type.base() == BaseType.ENUM) {
                if (s.isEmpty()) return type.enumLabels().keySet().iterator().next();
                int code = type.enumCode(s);
                if (code >= 0) return code;
                try {
                    int c = Integer.parseInt(s);
                    if (type.enumLabels().containsKey(c)) return c;
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                error(INITIAL, "initial '" + s + "' is not a label or code of " + type);
                return 0.0;
            }
            if (isBool) {
                if (s.isEmpty()) return 0.0;
                switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "on" -> { return 1.0; }
                    case "false", "0", "off" -> { return 0.0; }
                    default -> {
                        error(INITIAL, "initial '" + s + "' is not a boolean (true, false, 1 or 0)");
                        return 0.0;
                    }
                }
            }
            if (s.isEmpty()) {
                // empty: 0, moved into [min, max] when the limits exclude it
                double v = 0.0;
                if (!Double.isNaN(min)) v = Math.max(min, v);
                if (!Double.isNaN(max)) v = Math.min(max, v);
                return v;
            }
            double v;
            try {
                v = Double.parseDouble(s);
                if (!Double.isFinite(v)) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                error(INITIAL, "initial '" + s + "' is not a number");
                return 0.0;
            }
            if (!inRange(v, min, max)) {
                error(INITIAL, "initial " + s + " is outside [" + fmt(min) + ", " + fmt(max) + "]");
            } else if (type != null && !Double.isNaN(scale)) {
                double raw = (v - offset) / scale;
                double rounded = type.base().isFloat() ? raw : Math.signum(raw) * Math.floor(Math.abs(raw) + 0.5);
                if (!Codec.rawFits(type, rounded)) {
                    error(INITIAL, "initial " + s + " does not fit " + type + " with scale " + fmt(scale) + " and offset " + fmt(offset));
                }
            }
            return v;
        }

        private double badRaw(ModbusAddress modbus) {
            String s = get(BAD_VALUE);
            if (modbus == null) {
                if (!s.isEmpty()) error(BAD_VALUE, "bad_value is what Modbus shows; this point has no Modbus address");
                return Double.NaN;
            }
            PointType t = modbus.type();
            if (s.isEmpty()) return Codec.defaultBadRaw(t);
            if (t.base() == BaseType.STRING || t.base() == BaseType.BOOL) {
                error(BAD_VALUE, "a " + t + " point has no bad_value");
                return 0.0;
            }
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                error(BAD_VALUE, "bad_value '" + s + "' is not a raw number (or NaN for floats)");
                return Codec.defaultBadRaw(t);
            }
            boolean ok = t.base().isFloat() ? (Double.isNaN(v) || Codec.rawFits(t, v))
                    : t.base() == BaseType.ENUM ? v >= 0 && v <= 0xFFFF && v == Math.rint(v)
                    : Codec.rawFits(t, v) && v == Math.rint(v);
            if (!ok) error(BAD_VALUE, "bad_value " + s + " is not a raw " + t + " value");
            return v;
        }

        private void checkBinding(PointKind kind, Binding b) {
            Binding.Source expected = switch (kind) {
                case SENSOR -> Binding.Source.PLANT;
                case STATUS -> role == Role.PLANT ? Binding.Source.PLANT : Binding.Source.CONTROLLER;
                case ACTUATOR -> Binding.Source.INPUT;
                case BENCH -> Binding.Source.BENCH;
                case CONSTANT -> Binding.Source.CONST;
                case COMMAND, SETPOINT -> Binding.Source.CONTROLLER;
            };
            if (b.source() != expected) {
                error(BINDING, "a " + lower(kind) + " point" + (kind == PointKind.STATUS ? " in a " + lower(role) + " map" : "")
                        + " binds to " + lower(expected) + ".<name>, not " + b);
                return;
            }
            if (b.source() == Binding.Source.BENCH && BenchVariable.byBindingName(b.name()) == null) {
                StringBuilder known = new StringBuilder();
                for (BenchVariable v : BenchVariable.values()) known.append(known.length() > 0 ? ", " : "").append("bench.").append(v.bindingName());
                error(BINDING, "unknown bench variable '" + b.name() + "' (known: " + known + ")");
            }
        }
    }

    private static void markIncomplete(List<String> fields, Set<String> incomplete) {
        if (!fields.isEmpty()) incomplete.add(fields.get(TAG).trim());
        if (fields.size() > BINDING) incomplete.add(fields.get(BINDING).trim());
        // a row that lost its column alignment may hold the tag or binding anywhere
        for (String f : fields) if (f.trim().startsWith("bench.")) incomplete.add(f.trim());
    }

    static boolean inRange(double v, double min, double max) {
        return (Double.isNaN(min) || v >= min) && (Double.isNaN(max) || v <= max);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "none";
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
