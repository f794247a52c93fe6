package io.hilbench.scenario;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

/**
 * A report folder lost between its claim and the scenarios (removed, replaced by a file, the disk full; issue #18 item
 * 3). The removed UnwritableReportFolderTest replaced the folder right after the bench printed its preflight; under
 * load the bench reached its next step only after the swap, and each of those steps ended the run in its own way:
 * <ul>
 *   <li>the scenario runner's "make the report folder" threw, and {@code bench run} printed the bare I/O message and
 *       exited 2 (exit 2, but no {@code REPORT FOLDER UNWRITABLE}: what CI saw);</li>
 *   <li>Cucumber's report plugins could not open their files, the engine failed, and the launcher counted that as a
 *       failed scenario (the full disk's "2 scenario(s): 1 passed, 1 failed").</li>
 * </ul>
 * Both now record the run's report-folder write failure, so {@code bench run} ends as for a write failing later.
 * Deterministic: the folder is a file before anything runs.
 */
class ReportFolderLostTest {
    @AfterEach
    void clear() {
        VerdictLedger.clear();
    }

    @Test
    void aReportFolderReplacedByAFileIsTheRunsWriteFailureNotABareIoError(@TempDir Path tmp) throws IOException {
        VerdictLedger.clear();
        Path report = Files.writeString(tmp.resolve("report"), "not a folder");
        assertThatThrownBy(() -> ScenarioRunner.reportFolder(report)).isInstanceOf(IOException.class);
        assertThat(VerdictLedger.writeFailure()).as("bench run then ends REPORT FOLDER UNWRITABLE").get().asString().contains(report.toString());
    }

    @Test
    void cucumberUnableToWriteItsReportFilesIsNotAFailedScenario(@TempDir Path tmp) throws IOException {
        VerdictLedger.clear();
        Path features = Files.createDirectories(tmp.resolve("features"));
        Files.writeString(features.resolve("one.feature"), """
                Feature: One
                  Scenario: the only one
                    Given something undefined
                """);
        Path report = Files.writeString(tmp.resolve("report"), "not a folder"); // Cucumber's plugins cannot create their files
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScenarioRunner.Progress progress = new ScenarioRunner.Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), null, report);
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectDirectory(features.toFile()))
                .filters(includeEngines("cucumber"))
                .configurationParameters(ScenarioRunner.configuration(report))
                .configurationParameter("cucumber.glue", "io.hilbench.scenario.noglue") // no steps, no hooks
                .build(), progress);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("error: Cucumber's report files could not be written");
        ScenarioRunner.Result result = progress.result(report);
        assertThat(result.failed()).as("no scenario counted for the engine's failure: " + printed).isZero();
        assertThat(result.total()).isZero();
        assertThat(VerdictLedger.records()).as("no record that reads as a failed scenario").isEmpty();
        assertThat(VerdictLedger.writeFailure()).get().asString().contains(report.toString());
    }
}
