package io.hilbench.scenario.steps;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The step list in features/README.md is generated from the glue's annotations (issue 8 item 6): this test fails
 * when a step is added, renamed or removed without regenerating it
 * ({@code java -cp target/classes:<cucumber-java> io.hilbench.scenario.steps.StepCatalogue}).
 */
class StepCatalogueTest {
    @Test
    void theReadmeListsExactlyTheStepsOfTheGlue() throws Exception {
        String readme = Files.readString(Path.of("features", "README.md"));
        int from = readme.indexOf(StepCatalogue.BEGIN);
        int to = readme.indexOf(StepCatalogue.END);
        assertThat(from).as("features/README.md has the generated step list's begin marker").isNotNegative();
        assertThat(to).as("and its end marker").isGreaterThan(from);
        String listed = readme.substring(from + StepCatalogue.BEGIN.length(), to).strip();
        assertThat(listed).isEqualTo(StepCatalogue.markdown().strip());
    }

    @Test
    void everyStepClassOfTheGlueIsInTheCatalogue() throws Exception {
        // a step class left out of STEP_CLASSES would silently drop its steps from the README: every compiled class of
        // the steps package with a Given/When/Then method must be listed
        Path dir = Path.of(StepCatalogue.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("io/hilbench/scenario/steps");
        java.util.List<String> withSteps = new java.util.ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList()) {
                Class<?> c = Class.forName("io.hilbench.scenario.steps." + f.getFileName().toString().replace(".class", ""));
                boolean steps = java.util.Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(io.cucumber.java.en.Given.class)
                        || m.isAnnotationPresent(io.cucumber.java.en.When.class) || m.isAnnotationPresent(io.cucumber.java.en.Then.class));
                if (steps) withSteps.add(c.getSimpleName());
            }
        }
        assertThat(withSteps).as("step classes found in " + dir).contains("PlantSteps", "ProtectionSteps");
        assertThat(StepCatalogue.steps()).extracting(StepCatalogue.Step::stepClass).containsAll(withSteps);
        assertThat(StepCatalogue.steps()).allMatch(s -> !s.expression().isBlank());
    }
}
