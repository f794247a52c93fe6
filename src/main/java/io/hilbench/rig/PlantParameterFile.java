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
 */
public final class PlantParameterFile {
    private PlantParameterFile() {}

    /** Reads a parameter record of {@code type} from {@code file}; every problem found is in the exception. */
    public static <T extends Record> T read(Path file, Class<T> type) throws RigException {
        List<RigError> errors = new ArrayList<>();
        String name = file.toString();
        YamlNode root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = YamlNode.parse(r, name, errors);
        } catch (IOException e) {
            throw new RigException(List.of(new RigError(name, 0, "file", "cannot read: " + e.getMessage())));
        }
        T value = null;
        if (root != null) value = bind(root, type, "", name, errors);
        if (!errors.isEmpty() || value == null) {
            if (errors.isEmpty()) errors.add(new RigError(name, 1, "yaml", "no parameters read"));
            throw new RigException(errors);
        }
        return value;
    }

    private static <T> T bind(YamlNode node, Class<T> type, String path, String file, List<RigError> errors) {
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
            Object v = value(e.value(), c.getType(), field, file, errors);
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
            errors.add(new RigError(file, map.line(), path.isEmpty() ? type.getSimpleName() : path, String.valueOf(cause.getMessage())));
            return null;
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot construct " + type.getName() + ": " + ex, ex);
        }
    }

    private static Object value(YamlNode node, Class<?> type, String field, String file, List<RigError> errors) {
        if (type.isRecord()) return bind(node, type, field, file, errors);
        if (!(node instanceof YamlNode.Scalar s)) {
            errors.add(new RigError(file, node.line(), field, "expected a value, got " + node.describe()));
            return null;
        }
        if (type == double.class) {
            if (s.token() == JsonToken.VALUE_NUMBER_INT || s.token() == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = Double.parseDouble(s.text());
                if (Double.isFinite(d)) return d;
            }
            errors.add(new RigError(file, s.line(), field, "expected a number, got " + s.describe()));
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
            errors.add(new RigError(file, s.line(), field, "expected a whole number, got " + s.describe()));
            return null;
        }
        if (type == String.class) {
            if (s.token() != JsonToken.VALUE_NULL) return s.text();
            errors.add(new RigError(file, s.line(), field, "expected a text, got " + s.describe()));
            return null;
        }
        if (type == boolean.class) {
            if (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE) return s.token() == JsonToken.VALUE_TRUE;
            errors.add(new RigError(file, s.line(), field, "expected true or false, got " + s.describe()));
            return null;
        }
        throw new IllegalStateException("parameter " + field + " has a type a parameter file cannot hold: " + type.getName());
    }
}
