package io.hilbench.rig;

import com.fasterxml.jackson.core.JsonToken;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed access to one YAML mapping of a rig file. Every getter records its own error (wrong type, out of range,
 * missing) and returns a fallback, so the loader carries on and reports everything wrong with the rig at once.
 * Construction reports keys the mapping may not have.
 */
final class Section {
    final String file;
    final String path;
    final YamlNode.Mapping map;
    final List<RigError> errors;
    /** Where the section is named (its key's line; 1 for the whole file): missing keys are reported there. */
    final int line;

    Section(String file, String path, int line, YamlNode.Mapping map, List<RigError> errors, Set<String> allowed) {
        this.file = file;
        this.line = line;
        this.path = path;
        this.map = map;
        this.errors = errors;
        for (YamlNode.Entry e : map.entries().values()) {
            if (allowed.contains(e.key())) continue;
            String msg = e.key().toLowerCase(Locale.ROOT).contains("password")
                    ? "passwords never go in a rig: name a users_file (a path or env:VARNAME) in the opcua section"
                    : "unknown key (expected one of: " + String.join(", ", allowed) + ")";
            errors.add(new RigError(file, e.keyLine(), key(e.key()), msg));
        }
    }

    String key(String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    boolean has(String k) {
        YamlNode.Entry e = map.entries().get(k);
        return e != null && !(e.value() instanceof YamlNode.Scalar s && s.token() == JsonToken.VALUE_NULL);
    }

    /** Line of a key, or of the section when the key is absent. */
    int line(String k) {
        YamlNode.Entry e = map.entries().get(k);
        return e != null ? e.keyLine() : line;
    }

    YamlNode node(String k) {
        YamlNode.Entry e = map.entries().get(k);
        return e == null ? null : e.value();
    }

    void error(String k, String message) {
        errors.add(new RigError(file, line(k), key(k), message));
    }

    private void missing(String k, String what) {
        errors.add(new RigError(file, line, key(k), "missing key (" + what + ")"));
    }

    private void wrongType(String k, String expected) {
        YamlNode n = node(k);
        errors.add(new RigError(file, n.line(), key(k), "must be " + expected + ", was " + n.describe()));
    }

    /** A text value (plain, quoted, or a number written as text); null when absent and not required. */
    String text(String k, boolean required, String fallback, String what) {
        if (!has(k)) {
            if (required) missing(k, what);
            return fallback;
        }
        if (node(k) instanceof YamlNode.Scalar s && s.token() != JsonToken.VALUE_TRUE && s.token() != JsonToken.VALUE_FALSE) {
            if (s.text().isBlank()) {
                error(k, "must not be empty (" + what + ")");
                return fallback;
            }
            return s.text().trim();
        }
        wrongType(k, "text (" + what + ")");
        return fallback;
    }

    long integer(String k, boolean required, long fallback, long min, long max, String what) {
        if (!has(k)) {
            if (required) missing(k, what);
            return fallback;
        }
        if (node(k) instanceof YamlNode.Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
            long v;
            try {
                v = Long.parseLong(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                error(k, "'" + s.text() + "' is out of range " + min + ".." + max);
                return fallback;
            }
            if (v < min || v > max) {
                errors.add(new RigError(file, s.line(), key(k), v + " is out of range " + min + ".." + max + " (" + what + ")"));
                return fallback;
            }
            return v;
        }
        wrongType(k, "a whole number (" + what + ")");
        return fallback;
    }

    /** A positive number of seconds, milliseconds, ... */
    double positive(String k, double fallback, String what) {
        if (!has(k)) return fallback;
        if (node(k) instanceof YamlNode.Scalar s
                && (s.token() == JsonToken.VALUE_NUMBER_INT || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
            double v = Double.parseDouble(s.text());
            if (!(v > 0) || !Double.isFinite(v)) {
                errors.add(new RigError(file, s.line(), key(k), "must be greater than 0, was " + s.text() + " (" + what + ")"));
                return fallback;
            }
            return v;
        }
        wrongType(k, "a number (" + what + ")");
        return fallback;
    }

    /** A number in [min, max] (a whole number is accepted too). */
    double number(String k, double fallback, double min, double max, String what) {
        if (!has(k)) return fallback;
        if (node(k) instanceof YamlNode.Scalar s
                && (s.token() == JsonToken.VALUE_NUMBER_INT || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
            double v = Double.parseDouble(s.text());
            if (!Double.isFinite(v) || v < min || v > max) {
                errors.add(new RigError(file, s.line(), key(k), s.text() + " is out of range " + min + ".." + max + " (" + what + ")"));
                return fallback;
            }
            return v;
        }
        wrongType(k, "a number (" + what + ")");
        return fallback;
    }

    boolean bool(String k, boolean fallback) {
        if (!has(k)) return fallback;
        if (node(k) instanceof YamlNode.Scalar s) {
            if (s.token() == JsonToken.VALUE_TRUE) return true;
            if (s.token() == JsonToken.VALUE_FALSE) return false;
        }
        wrongType(k, "true or false");
        return fallback;
    }

    /** A nested mapping as a section, or null when absent (with an error when required) or not a mapping. */
    Section section(String k, boolean required, Set<String> allowed) {
        if (!has(k)) {
            if (required) missing(k, "a section");
            return null;
        }
        if (node(k) instanceof YamlNode.Mapping m) return new Section(file, key(k), line(k), m, errors, allowed);
        wrongType(k, "a mapping of " + String.join(", ", allowed));
        return null;
    }

    /** A nested mapping whose keys are free (tables), or null. */
    YamlNode.Mapping table(String k, boolean required, String what) {
        if (!has(k)) {
            if (required) missing(k, what);
            return null;
        }
        if (node(k) instanceof YamlNode.Mapping m) return m;
        wrongType(k, "a mapping (" + what + ")");
        return null;
    }

    List<YamlNode> list(String k, boolean required, String what) {
        if (!has(k)) {
            if (required) missing(k, what);
            return null;
        }
        if (node(k) instanceof YamlNode.Sequence s) return s.items();
        wrongType(k, "a list (" + what + ")");
        return null;
    }
}
