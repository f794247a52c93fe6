package io.hilbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The requirement limits of {@code features/requirements.yaml} (DESIGN §8): the only source of the numbers a verdict
 * is judged with — never Gherkin literals, never the controller's configuration.
 */
public final class Requirements {
    public static final String FILE = "requirements.yaml";

    /** One requirement: its limits by key (units in the key names) and its assertion ids with their wording. */
    public record Requirement(String id, String title, Map<String, Double> limits, Map<String, String> assertions) {
        /** A limit, or an error naming the file and key when it is missing. */
        public double limit(String key) {
            Double v = limits.get(key);
            if (v == null) throw new IllegalStateException(FILE + ": requirement " + id + " has no limit '" + key + "' (has " + limits.keySet() + ")");
            return v;
        }

        /** Checks that the assertion id is declared for this requirement and returns it. */
        public String assertion(String assertionId) {
            if (!assertions.containsKey(assertionId)) {
                throw new IllegalStateException(FILE + ": requirement " + id + " declares no assertion '" + assertionId + "' (declares " + assertions.keySet() + ")");
            }
            return assertionId;
        }
    }

    private final Path file;
    private final Map<String, Requirement> byId;

    private Requirements(Path file, Map<String, Requirement> byId) {
        this.file = file;
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** Loads {@code requirements.yaml} from a features folder. */
    public static Requirements load(Path featuresDir) throws IOException {
        Path f = featuresDir.resolve(FILE);
        if (!Files.isRegularFile(f)) throw new IOException("no " + FILE + " in " + featuresDir.toAbsolutePath());
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(f.toFile());
        JsonNode reqs = root == null ? null : root.get("requirements");
        if (reqs == null || !reqs.isObject()) throw new IOException(f + ": expected a 'requirements:' mapping");
        Map<String, Requirement> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = reqs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            JsonNode r = e.getValue();
            Map<String, Double> limits = new LinkedHashMap<>();
            JsonNode l = r.get("limits");
            if (l != null) {
                for (Iterator<Map.Entry<String, JsonNode>> li = l.fields(); li.hasNext(); ) {
                    Map.Entry<String, JsonNode> le = li.next();
                    if (!le.getValue().isNumber()) throw new IOException(f + ": " + id + ".limits." + le.getKey() + " must be a number, was '" + le.getValue().asText() + "'");
                    limits.put(le.getKey(), le.getValue().asDouble());
                }
            }
            Map<String, String> assertions = new LinkedHashMap<>();
            JsonNode a = r.get("assertions");
            if (a != null) {
                for (Iterator<Map.Entry<String, JsonNode>> ai = a.fields(); ai.hasNext(); ) {
                    Map.Entry<String, JsonNode> ae = ai.next();
                    if (!ae.getKey().startsWith(id + ".")) throw new IOException(f + ": assertion id '" + ae.getKey() + "' of " + id + " must start with '" + id + ".'");
                    assertions.put(ae.getKey(), ae.getValue().asText());
                }
            }
            out.put(id, new Requirement(id, r.path("title").asText(""), Collections.unmodifiableMap(limits), Collections.unmodifiableMap(assertions)));
        }
        return new Requirements(f, out);
    }

    public Path file() { return file; }

    public Map<String, Requirement> all() { return byId; }

    public Optional<Requirement> find(String id) { return Optional.ofNullable(byId.get(id)); }

    public Requirement get(String id) {
        Requirement r = byId.get(id);
        if (r == null) throw new IllegalStateException(file + ": no requirement " + id);
        return r;
    }
}
