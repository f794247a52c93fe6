package io.hilbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The words of requirements.yaml a report prints next to the verdicts: each requirement's title and stimulus and
 * each assertion's "pass when" text (the expected column of the handover report). The limits themselves come from
 * the verdicts (the values each verdict used), never from here.
 */
public final class RequirementsText {
    public static final String FILE = "requirements.yaml";

    public record Requirement(String id, String title, String stimulus, Map<String, String> assertions) {}

    private final Map<String, Requirement> byId;

    private RequirementsText(Map<String, Requirement> byId) { this.byId = byId; }

    public static RequirementsText none() { return new RequirementsText(Map.of()); }

    public static RequirementsText read(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        Map<String, Requirement> out = new LinkedHashMap<>();
        root.path("requirements").fields().forEachRemaining(e -> {
            Map<String, String> as = new LinkedHashMap<>();
            e.getValue().path("assertions").fields().forEachRemaining(a -> as.put(a.getKey(), a.getValue().asText()));
            out.put(e.getKey(), new Requirement(e.getKey(), e.getValue().path("title").asText(""), e.getValue().path("stimulus").asText(""), as));
        });
        return new RequirementsText(out);
    }

    /** The report folder's copy when there is one, else the features folder's, else none. */
    public static RequirementsText find(Path reportDir, Path featuresDir) throws IOException {
        if (Files.isRegularFile(reportDir.resolve(FILE))) return read(reportDir.resolve(FILE));
        if (featuresDir != null && Files.isRegularFile(featuresDir.resolve(FILE))) return read(featuresDir.resolve(FILE));
        return none();
    }

    public Optional<Requirement> requirement(String id) { return Optional.ofNullable(byId.get(id)); }

    /** The assertion's "pass when" text, or "" when the file does not list it. */
    public String assertion(String assertionId) {
        int dot = assertionId.indexOf('.');
        String req = dot < 0 ? assertionId : assertionId.substring(0, dot);
        Requirement r = byId.get(req);
        return r == null ? "" : r.assertions().getOrDefault(assertionId, "");
    }
}
