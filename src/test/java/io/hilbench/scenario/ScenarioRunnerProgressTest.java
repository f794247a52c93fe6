package io.hilbench.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

/**
 * The run's progress counter {@code [k/N]} counts the scenarios the tag filter selects, not every scenario discovered:
 * Cucumber applies {@code cucumber.filter.tags} while executing and reports the others skipped, some only after the
 * selected ones ran, so counting the plan and subtracting skips printed {@code [1/4]} for a single selected scenario.
 * A small feature without glue (its steps are undefined, so nothing touches a plant) is enough: the counter only
 * watches the JUnit Platform events.
 */
class ScenarioRunnerProgressTest {
    private static final String FEATURE = """
            Feature: Counter
              @one
              Scenario: the selected one
                Given something undefined

              Scenario: not selected a
                Given something undefined

              @pending
              Scenario: pending b
                Given something undefined

              Scenario: not selected c
                Given something undefined
            """;

    private static LauncherDiscoveryRequest request(Path features, Path report, String tags) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectDirectory(features.toFile()))
                .filters(includeEngines("cucumber"))
                .configurationParameters(ScenarioRunner.configuration(report))
                .configurationParameter("cucumber.glue", "io.hilbench.scenario.noglue") // no steps, no hooks
                .configurationParameter("cucumber.filter.tags", ScenarioRunner.effectiveTags(tags))
                .build();
    }

    @Test
    void aTagFilterSelectingOneScenarioPrintsOneOfOne(@TempDir Path dir) throws Exception {
        Path features = Files.createDirectories(dir.resolve("features"));
        Files.writeString(features.resolve("counter.feature"), FEATURE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ScenarioRunner.Progress progress = new ScenarioRunner.Progress(out, "@one");
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request(features, dir.resolve("report"), "@one"), progress);

        List<String> counters = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("[")).toList();
        assertThat(counters).hasSize(1);
        assertThat(counters.get(0)).startsWith("[1/1] ").contains("the selected one");
        assertThat(progress.result(dir).total()).isEqualTo(1);
    }

    @Test
    void theCountFollowsTheExpressionAndTheDefaultLeavesPendingOut(@TempDir Path dir) throws Exception {
        Path features = Files.createDirectories(dir.resolve("features"));
        Files.writeString(features.resolve("counter.feature"), FEATURE);
        Launcher launcher = LauncherFactory.create();
        var plan = launcher.discover(request(features, dir.resolve("report"), null));
        assertThat(plan.countTestIdentifiers(TestIdentifier::isTest)).as("discovered, before the filter").isEqualTo(4);
        assertThat(ScenarioRunner.selected(plan, null)).as("default 'not @pending'").hasSize(3);
        assertThat(ScenarioRunner.selected(plan, "@one")).extracting(TestIdentifier::getDisplayName).singleElement()
                .asString().contains("the selected one");
        assertThat(ScenarioRunner.selected(plan, "not @one and not @pending")).hasSize(2);
        assertThat(ScenarioRunner.selected(plan, "@nothing")).isEmpty();
    }
}
