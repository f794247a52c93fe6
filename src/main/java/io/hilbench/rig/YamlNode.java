package io.hilbench.rig;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a small tree that keeps the line of every key and value. Jackson's own tree model drops
 * locations, and a rig error must name its line, so the loader reads the token stream of Jackson's YAML parser
 * into this tree instead.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** 1-based line where the node starts. */
    int line();

    /** A short name of the node's kind for messages ("a mapping", "a list", "a number"...). */
    String describe();

    /** A key and its value; {@code keyLine} is where the key is written. */
    record Entry(String key, int keyLine, YamlNode value) {}

    record Mapping(int line, Map<String, Entry> entries) implements YamlNode {
        public String describe() { return "a mapping"; }
    }

    record Sequence(int line, List<YamlNode> items) implements YamlNode {
        public String describe() { return "a list"; }
    }

    /**
     * A scalar as the YAML parser resolved it.
     *
     * @param token {@code VALUE_STRING}, {@code VALUE_NUMBER_INT}, {@code VALUE_NUMBER_FLOAT}, {@code VALUE_TRUE},
     *              {@code VALUE_FALSE} or {@code VALUE_NULL}
     */
    record Scalar(int line, JsonToken token, String text) implements YamlNode {
        public String describe() {
            return switch (token) {
                case VALUE_NUMBER_INT -> "the whole number " + text;
                case VALUE_NUMBER_FLOAT -> "the number " + text;
                case VALUE_TRUE, VALUE_FALSE -> "the boolean " + text;
                case VALUE_NULL -> "empty";
                default -> "the text '" + text + "'";
            };
        }
    }

    /**
     * Parses one YAML document. Syntax errors and duplicate keys go to {@code errors} (field {@code yaml} for
     * syntax); returns null when the document could not be read at all.
     */
    static YamlNode parse(Reader reader, String file, List<RigError> errors) {
        try (JsonParser p = new YAMLFactory().createParser(reader)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                errors.add(new RigError(file, 1, "yaml", "the file is empty"));
                return null;
            }
            return read(p, t, "", file, errors);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            errors.add(new RigError(file, loc == null ? 0 : Math.max(loc.getLineNr(), 0), "yaml",
                    "not valid YAML: " + summary(e.getOriginalMessage())));
            return null;
        } catch (IOException e) {
            errors.add(new RigError(file, 0, "file", "cannot read: " + e.getMessage()));
            return null;
        }
    }

    /**
     * SnakeYAML's messages span lines (context, a quoted source line, a caret, the problem); keep the unindented
     * sentences and the line where the context began, e.g. "while parsing a flow sequence (from line 24): expected
     * ',' or ']', but got <block mapping start>".
     */
    private static String summary(String s) {
        if (s == null || s.isBlank()) return "syntax error";
        List<String> sentences = new ArrayList<>();
        String firstLine = null;
        for (String l : s.split("\\R")) {
            if (l.isBlank()) continue;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*in '.*', line (\\d+)").matcher(l);
            if (m.find()) {
                if (firstLine == null && sentences.size() == 1) firstLine = m.group(1);
                continue;
            }
            if (!Character.isWhitespace(l.charAt(0))) sentences.add(l.trim());
        }
        if (sentences.isEmpty()) return s.trim();
        if (firstLine != null && sentences.size() > 1) sentences.set(0, sentences.get(0) + " (from line " + firstLine + ")");
        return String.join(": ", sentences);
    }

    private static YamlNode read(JsonParser p, JsonToken t, String path, String file, List<RigError> errors) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    String child = path.isEmpty() ? key : path + "." + key;
                    YamlNode value = read(p, p.nextToken(), child, file, errors);
                    Entry previous = entries.putIfAbsent(key, new Entry(key, keyLine, value));
                    if (previous != null) {
                        errors.add(new RigError(file, keyLine, child, "key appears twice (first at line " + previous.keyLine() + ")"));
                    }
                }
                return new Mapping(line, Collections.unmodifiableMap(entries));
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                int i = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(p, t, path + "[" + i++ + "]", file, errors));
                }
                return new Sequence(line, List.copyOf(items));
            }
            default -> {
                return new Scalar(line, t, t == JsonToken.VALUE_NULL ? "" : p.getText());
            }
        }
    }
}
