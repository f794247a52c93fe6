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

    /**
     * One corner cell (issue #17 item 3): {@code variant} passes {@code requirement}'s scenarios at the nominal plant, and
     * running them at the rig corner {@code corner} must fail {@code assertionId}: a controller that passes only at the
     * nominal plant, made visible by the corner.
     */
    public record CornerEntry(String variant, String corner, String requirement, String assertionId) {
        /** The cell as a nominal-matrix entry (for {@link SelfTestPair#judge}). */
        public Entry entry() { return new Entry(variant, requirement, assertionId); }
    }

    private ExpectedFailures() {}

    /**
     * The corner cells ({@code at_corners: {variant: {corner: {requirement: assertion id or list}}}}); empty when the file
     * has none. Each assertion id must be declared by its requirement; the corner's name is checked against the rig by
     * whoever runs the cell.
     */
    public static List<CornerEntry> atCorners(Path featuresDir, Requirements requirements) throws IOException {
        Path f = featuresDir.resolve(FILE);
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(f.toFile());
        JsonNode n = root == null ? null : root.get("at_corners");
        List<CornerEntry> out = new ArrayList<>();
        if (n == null) return out;
        if (!n.isObject()) throw new IOException(f + ": 'at_corners:' must map variants to corners to requirements");
        for (Iterator<Map.Entry<String, JsonNode>> v = n.fields(); v.hasNext(); ) {
            Map.Entry<String, JsonNode> ve = v.next();
            for (Iterator<Map.Entry<String, JsonNode>> c = ve.getValue().fields(); c.hasNext(); ) {
                Map.Entry<String, JsonNode> ce = c.next();
                for (Iterator<Map.Entry<String, JsonNode>> r = ce.getValue().fields(); r.hasNext(); ) {
                    Map.Entry<String, JsonNode> re = r.next();
                    Requirements.Requirement req = requirements.find(re.getKey()).orElseThrow(() -> new IOException(
                            f + ": at_corners." + ve.getKey() + "." + ce.getKey() + " names requirement " + re.getKey() + ", which " + Requirements.FILE + " does not have"));
                    List<String> ids = new ArrayList<>();
                    if (re.getValue().isArray()) re.getValue().forEach(x -> ids.add(x.asText()));
                    else ids.add(re.getValue().asText());
                    for (String assertion : ids) {
                        if (!req.assertions().containsKey(assertion)) {
                            throw new IOException(f + ": at_corners." + ve.getKey() + "." + ce.getKey() + " -> " + re.getKey() + ": assertion " + assertion + " is not declared by " + re.getKey());
                        }
                        out.add(new CornerEntry(ve.getKey(), ce.getKey(), re.getKey(), assertion));
                    }
                }
            }
        }
        return out;
    }

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
