package io.hilbench.rig;

import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plant model's parameters from YAML (DESIGN §2: the rig loads plant parameters), e.g.
 * {@code plant-models/co2-heat-pump/parameters.yaml}. The file mirrors the model's parameter record: one key per
 * record component, named as the component (SI unit in the name: {@code highSideVolumeM3},
 * {@code machineRoomTemperatureK}), a nested mapping for a nested record. Every key is required and no other is
 * allowed, so a file says everything the plant runs with and a typo cannot fall back to a default unnoticed.
 * Comments carry each value's source or assumption.
 *
 * <p>Every error names the file, the line and the field's dotted path, e.g.
 * {@code parameters.yaml:41: field gasCooler.cellCount: expected a whole number, got the number 20.5}; the
 * parameter records' own checks ({@code "volumeM3 must be > 0, was -3"}) are reported at the line of their mapping.
 *
 * <p>Overrides ({@link PlantOverride}: a rig's {@code plant.overrides}, a run's {@code --plant-param}) replace values
 * of the file before it is bound, so they pass the same checks; an error about an overridden value (not a number,
 * refused by its record's checks) names the override's source ({@code rig.yaml:14}, {@code --plant-param KEY})
 * instead of the file, and a key that is no parameter of the file's record is an error too.
 */
public final class PlantParameterFile {
    private PlantParameterFile() {}

    /**
     * An override addressed to this file.
     *
     * @param path     the dotted path inside the file's record, without any file prefix ({@code gasCooler.cellCount})
     * @param override what sets it and where it came from
     */
    record Applied(String path, PlantOverride override) {}

    /** Reads a parameter record of {@code type} from {@code file}; every problem found is in the exception. */
    public static <T extends Record> T read(Path file, Class<T> type) throws RigException {
        return read(file, type, List.of());
    }

    /**
     * Reads a parameter record of {@code type} from {@code file} with {@code overrides} in place of the file's values
     * (in order: a later one for the same path wins); every problem found, in the file or in an override, is in the
     * exception.
     */
    static <T extends Record> T read(Path file, Class<T> type, List<Applied> overrides) throws RigException {
        List<RigError> errors = new ArrayList<>();
        String name = file.toString();
        YamlNode root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = YamlNode.parse(r, name, errors);
        } catch (IOException e) {
            throw new RigException(List.of(new RigError(name, 0, "file", "cannot read: " + e.getMessage())));
        }
        Context ctx = new Context(name, errors, new IdentityHashMap<>(), overrides);
        T value = null;
        if (root != null) {
            for (Applied a : overrides) root = set(root, type, a.path().split("\\.", -1), 0, a, ctx);
            value = bind(root, type, "", ctx);
        }
        if (!errors.isEmpty() || value == null) {
            if (errors.isEmpty()) errors.add(new RigError(name, 1, "yaml", "no parameters read"));
            throw new RigException(errors);
        }
        return value;
    }

    /** What binding needs besides the node: the file, the errors, which scalars overrides put in, and the overrides. */
    private record Context(String file, List<RigError> errors, Map<YamlNode, PlantOverride> origins, List<Applied> overrides) {
        void error(YamlNode node, String field, String message) {
            PlantOverride o = origins.get(node);
            if (o != null) errors.add(new RigError(o.file(), o.line(), o.key(), message));
            else errors.add(new RigError(file, node.line(), field, message));
        }

        void error(PlantOverride o, String message) {
            errors.add(new RigError(o.file(), o.line(), o.key(), message));
        }
    }

    /**
     * {@code node} (a mapping of {@code type}) with the value at {@code segments[i..]} replaced by the override's; the
     * path is checked against the record's components (not the file's keys), so a key that is no parameter is an
     * error even when the file has a stray key of that name. A value the file lacks is left missing: the file must
     * be complete on its own, and says so.
     */
    private static YamlNode set(YamlNode node, Class<?> type, String[] segments, int i, Applied a, Context ctx) {
        String seg = segments[i];
        String at = String.join(".", java.util.Arrays.copyOfRange(segments, 0, i));
        RecordComponent component = null;
        List<String> known = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            known.add(c.getName());
            if (c.getName().equals(seg)) component = c;
        }
        if (component == null) {
            ctx.error(a.override(), "unknown parameter" + (at.isEmpty() ? "" : " '" + seg + "' in " + at) + " of " + type.getSimpleName()
                    + " (known: " + String.join(", ", known) + ")");
            return node;
        }
        boolean last = i == segments.length - 1;
        if (last && component.getType().isRecord()) {
            List<String> inner = new ArrayList<>();
            for (RecordComponent c : component.getType().getRecordComponents()) inner.add(c.getName());
            ctx.error(a.override(), "is a group of parameters (" + component.getType().getSimpleName() + "), not one value: name one of its keys ("
                    + String.join(", ", inner) + ")");
            return node;
        }
        if (!last && !component.getType().isRecord()) {
            ctx.error(a.override(), "unknown parameter: " + (at.isEmpty() ? seg : at + "." + seg) + " is a single value of " + type.getSimpleName() + ", it has no '" + segments[i + 1] + "'");
            return node;
        }
        if (!(node instanceof YamlNode.Mapping map)) return node;   // the file's own error is reported when it is bound
        YamlNode.Entry e = map.entries().get(seg);
        if (e == null) return node;                                 // missing in the file: reported when it is bound
        YamlNode value;
        if (last) {
            value = a.override().scalar();
            ctx.origins().put(value, a.override());
        } else {
            value = set(e.value(), component.getType(), segments, i + 1, a, ctx);
            if (value == e.value()) return node;
        }
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>(map.entries());
        entries.put(seg, new YamlNode.Entry(seg, e.keyLine(), value));
        return new YamlNode.Mapping(map.line(), java.util.Collections.unmodifiableMap(entries));
    }

    private static <T> T bind(YamlNode node, Class<T> type, String path, Context ctx) {
        String file = ctx.file();
        List<RigError> errors = ctx.errors();
        if (!(node instanceof YamlNode.Mapping map)) {
            errors.add(new RigError(file, node.line(), path.isEmpty() ? "yaml" : path, "expected a mapping of " + type.getSimpleName() + ", got " + node.describe()));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean complete = true;
        List<String> known = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            known.add(c.getName());
            String field = path.isEmpty() ? c.getName() : path + "." + c.getName();
            YamlNode.Entry e = map.entries().get(c.getName());
            if (e == null) {
                errors.add(new RigError(file, map.line(), field, "missing (every parameter of " + type.getSimpleName() + " must be given)"));
                complete = false;
                continue;
            }
            Object v = value(e.value(), c.getType(), field, ctx);
            if (v == null) complete = false;
            args[i] = v;
        }
        for (Map.Entry<String, YamlNode.Entry> e : map.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                errors.add(new RigError(file, e.getValue().keyLine(), field, "unknown parameter of " + type.getSimpleName() + " (known: " + String.join(", ", known) + ")"));
                complete = false;
            }
        }
        if (!complete) return null;
        try {
            Constructor<T> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            String where = path.isEmpty() ? type.getSimpleName() : path;
            // the record refused its values: when overrides set some of them, the refusal is theirs, at their source
            List<Applied> inside = new ArrayList<>();
            for (Applied a : ctx.overrides()) if (path.isEmpty() || a.path().startsWith(path + ".")) inside.add(a);
            if (inside.isEmpty()) {
                errors.add(new RigError(file, map.line(), where, String.valueOf(cause.getMessage())));
            } else {
                List<String> set = new ArrayList<>();
                for (Applied a : inside) set.add(a.override().key() + "=" + a.override().value() + " (" + a.override().source() + ")");
                errors.add(new RigError(inside.get(inside.size() - 1).override().file(), inside.get(inside.size() - 1).override().line(),
                        inside.get(inside.size() - 1).override().key(), type.getSimpleName() + " refuses it: " + cause.getMessage()
                        + " (" + where + " at " + file + ":" + map.line() + " with " + String.join(", ", set) + ")"));
            }
            return null;
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot construct " + type.getName() + ": " + ex, ex);
        }
    }

    private static Object value(YamlNode node, Class<?> type, String field, Context ctx) {
        if (type.isRecord()) return bind(node, type, field, ctx);
        if (!(node instanceof YamlNode.Scalar s)) {
            ctx.error(node, field, "expected a value, got " + node.describe());
            return null;
        }
        if (type == double.class) {
            if (s.token() == JsonToken.VALUE_NUMBER_INT || s.token() == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = Double.parseDouble(s.text());
                if (Double.isFinite(d)) return d;
            }
            ctx.error(s, field, "expected a number, got " + s.describe());
            return null;
        }
        if (type == int.class || type == long.class) {
            if (s.token() == JsonToken.VALUE_NUMBER_INT) {
                try {
                    long l = Long.parseLong(s.text());
                    if (type == long.class) return l;
                    if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) return (int) l;
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            ctx.error(s, field, "expected a whole number, got " + s.describe());
            return null;
        }
        if (type == String.class) {
            if (s.token() != JsonToken.VALUE_NULL) return s.text();
            ctx.error(s, field, "expected a text, got " + s.describe());
            return null;
        }
        if (type == boolean.class) {
            if (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE) return s.token() == JsonToken.VALUE_TRUE;
            ctx.error(s, field, "expected true or false, got " + s.describe());
            return null;
        }
        throw new IllegalStateException("parameter " + field + " has a type a parameter file cannot hold: " + type.getName());
    }
}
