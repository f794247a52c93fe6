package io.hilbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The expected-failure matrix as data ({@code features/expected-failures.yaml}, DESIGN §7): variant → requirement →
 * the assertion id that must fail. Each assertion id must be declared by its requirement in requirements.yaml.
 */
public final class ExpectedFailures {
    public static final String FILE = "expected-failures.yaml";

    /** One cell: running {@code requirement}'s scenarios against {@code variant} must fail {@code assertionId}. */
    public record Entry(String variant, String requirement, String assertionId) {}

    private ExpectedFailures() {}

    /**
     * The requirements the file declares not coverable by any one-behaviour variant on the served plant
     * ({@code not_covered: {ID: reason}}), with the reason; the coverage check accepts them and prints them, so the gap
     * is visible rather than hidden.
     */
    public static Map<String, String> notCovered(Path featuresDir) throws IOException {
        return reasons(featuresDir, "not_covered", "requirement ids");
    }

    /**
     * The assertions no pair of the matrix catches yet ({@code not_covered_assertions: {ID.assertion: reason}}), with the
     * reason: the coverage check requires every assertion of requirements.yaml to be caught or listed here.
     */
    public static Map<String, String> notCoveredAssertions(Path featuresDir) throws IOException {
        return reasons(featuresDir, "not_covered_assertions", "assertion ids");
    }

    /** A mapping of ids to reasons under {@code key} (empty when absent); a blank reason is an error naming the entry. */
    private static Map<String, String> reasons(Path featuresDir, String key, String ids) throws IOException {
        Path f = featuresDir.resolve(FILE);
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(f.toFile());
        JsonNode n = root == null ? null : root.get(key);
        Map<String, String> out = new java.util.TreeMap<>();
        if (n == null) return out;
        if (!n.isObject()) throw new IOException(f + ": '" + key + ":' must map " + ids + " to reasons");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().asText().isBlank()) throw new IOException(f + ": " + key + "." + e.getKey() + " needs a reason");
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    public static List<Entry> load(Path featuresDir, Requirements requirements) throws IOException {
        Path f = featuresDir.resolve(FILE);
        if (!Files.isRegularFile(f)) throw new IOException("no " + FILE + " in " + featuresDir.toAbsolutePath());
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(f.toFile());
        JsonNode variants = root == null ? null : root.get("variants");
        if (variants == null || !variants.isObject()) throw new IOException(f + ": expected a 'variants:' mapping");
        List<Entry> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> v = variants.fields(); v.hasNext(); ) {
            Map.Entry<String, JsonNode> ve = v.next();
            for (Iterator<Map.Entry<String, JsonNode>> r = ve.getValue().fields(); r.hasNext(); ) {
                Map.Entry<String, JsonNode> re = r.next();
                Requirements.Requirement req = requirements.find(re.getKey())
                        .orElseThrow(() -> new IOException(f + ": variant " + ve.getKey() + " names requirement " + re.getKey() + ", which " + Requirements.FILE + " does not have"));
                // one assertion id, or a list of them: the variant must fail each (one run of the requirement's scenarios judges all)
                List<String> ids = new ArrayList<>();
                if (re.getValue().isArray()) re.getValue().forEach(x -> ids.add(x.asText()));
                else ids.add(re.getValue().asText());
                for (String assertion : ids) {
                    if (!req.assertions().containsKey(assertion)) {
                        throw new IOException(f + ": " + ve.getKey() + " -> " + re.getKey() + ": assertion " + assertion + " is not declared by " + re.getKey());
                    }
                    out.add(new Entry(ve.getKey(), re.getKey(), assertion));
                }
            }
        }
        return out;
    }
}
