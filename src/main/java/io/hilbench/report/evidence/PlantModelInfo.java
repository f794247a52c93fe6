package io.hilbench.report.evidence;

import io.hilbench.rig.PlantModels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the bundle says about the plant model a run judged against (DESIGN §10: "this firmware against this plant
 * model"): the rig's model name, the class that implements it, the plant-models folders that document it (the one
 * named like the model and the one whose README names the class), and the model's assumptions as its READMEs state
 * them (sections titled summary, assumptions, not modelled, validity). The model has no version number of its own:
 * it ships inside the bench jar, so the bench version and the SHA-256 of its documentation files identify it.
 */
public record PlantModelInfo(String model, String implementation, List<Path> folders, List<String> assumptions) {
    private static final Pattern ASSUMPTION_HEADING = Pattern.compile("(?i).*(assum|not modelled|validity|honest summary|limitation).*");

    /**
     * @param model           the rig's {@code plant.model}
     * @param plantModelsDir  the plant-models folder, or null when it is not at hand (the bench run from a jar elsewhere)
     */
    public static PlantModelInfo of(String model, Path plantModelsDir) throws IOException {
        String impl = PlantModels.create(model).getClass().getName();
        Set<Path> folders = new LinkedHashSet<>();
        if (plantModelsDir != null && Files.isDirectory(plantModelsDir)) {
            for (String name : PlantModels.documentation(model)) {
                Path named = plantModelsDir.resolve(name);
                if (Files.isDirectory(named)) folders.add(named);
            }
            try (Stream<Path> dirs = Files.list(plantModelsDir)) {
                for (Path d : dirs.sorted().toList()) {
                    Path readme = d.resolve("README.md");
                    if (!Files.isRegularFile(readme)) continue;
                    String first = Files.readAllLines(readme, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                    if (first.contains("`" + impl + "`")) folders.add(d);
                }
            }
        }
        List<String> assumptions = new ArrayList<>();
        for (Path f : folders) {
            Path readme = f.resolve("README.md");
            if (Files.isRegularFile(readme)) assumptions.addAll(assumptions(readme, plantModelsDir.getFileName() + "/" + f.getFileName() + "/README.md"));
        }
        if (assumptions.isEmpty()) {
            assumptions.add(folders.isEmpty() ? "unknown: no plant-models folder documents " + impl + " here (plant-models/ not found next to the rig)"
                    : "none stated: the model's README has no assumptions, not-modelled or validity section");
        }
        return new PlantModelInfo(model, impl, List.copyOf(folders), List.copyOf(assumptions));
    }

    /** The statements of a README's assumption sections, each prefixed with its file and section. */
    static List<String> assumptions(Path readme, String label) throws IOException {
        List<String> out = new ArrayList<>();
        String heading = null;
        boolean inSection = false;
        boolean inSummary = false;
        boolean lastWasTableRow = false;
        StringBuilder para = new StringBuilder();
        for (String raw : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.startsWith("#")) {
                flush(out, label, heading, para);
                heading = line.replaceFirst("^#+\\s*", "");
                inSection = ASSUMPTION_HEADING.matcher(heading).matches();
                continue;
            }
            if (!inSection && line.startsWith("**Honest summary")) inSummary = true;
            if (inSummary) {
                // the bold summary paragraph under the title: one statement, up to the blank line
                if (line.isEmpty()) {
                    flush(out, label, "Honest summary", para);
                    inSummary = false;
                } else {
                    if (para.length() > 0) para.append(' ');
                    para.append(line.replace("**Honest summary.**", "").strip());
                }
                continue;
            }
            if (!inSection) continue;
            if (line.isEmpty()) {
                flush(out, label, heading, para);
                lastWasTableRow = false;
            } else if (line.startsWith("|")) {
                flush(out, label, heading, para);
                if (line.matches("\\|[\\s|:-]+\\|?")) {
                    // table separator: the row before it was the header, not a statement
                    if (lastWasTableRow) out.remove(out.size() - 1);
                    lastWasTableRow = false;
                } else {
                    String[] cells = line.replaceAll("^\\||\\|$", "").split("\\|");
                    out.add(label + " §" + heading + ": " + String.join(": ", Stream.of(cells).map(String::strip).toList()));
                    lastWasTableRow = true;
                }
            } else if (line.startsWith("- ") || line.startsWith("* ")) {
                flush(out, label, heading, para);
                para.append(line.substring(2));
                lastWasTableRow = false;
            } else {
                if (para.length() > 0) para.append(' ');
                para.append(line);
                lastWasTableRow = false;
            }
        }
        flush(out, label, heading, para);
        return out;
    }

    private static void flush(List<String> out, String label, String heading, StringBuilder para) {
        if (para.length() == 0) return;
        out.add(label + " §" + (heading == null ? "intro" : heading) + ": " + para.toString().strip());
        para.setLength(0);
    }

    /** For messages: the class and the folders. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s, documented in %s)", model, implementation, folders);
    }
}
