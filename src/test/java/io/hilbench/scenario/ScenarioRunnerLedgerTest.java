package io.hilbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hilbench.scenario.ledgerglue.LedgerGlue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

/**
 * The launcher counts what the ledger says (issue #14 item 7): a step precondition not reached is inconclusive in
 * verdicts.json as on stdout (the glue records "a step failed", the launcher sees the step's Inconclusive and corrects
 * it), a check that threw is an error (exit 3, not 1), a scenario that left no record gets one, and the run's result
 * equals verdicts.json's totals.
 */
class ScenarioRunnerLedgerTest {
    private static final String FEATURE = """
            Feature: Ledger
              Scenario: precondition
                Given a precondition is not reached

              Scenario: bench error
                Given a check of the bench throws

              Scenario: green
                Given every assertion passes

              @norecord
              Scenario: crash
                Given a step crashes before the glue records anything
            """;

    @AfterEach
    void clear() { VerdictLedger.clear(); }

    @Test
    void theOutcomeOfEveryScenarioIsTheLedgersAndTheTotalsAgree(@TempDir Path dir) throws Exception {
        Path features = Files.createDirectories(dir.resolve("features"));
        Files.writeString(features.resolve("ledger.feature"), FEATURE);
        Path report = dir.resolve("report");
        Files.createDirectories(report);
        LedgerGlue.report = report;
        VerdictLedger.clear();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScenarioRunner.Progress progress = new ScenarioRunner.Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "", report);
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectDirectory(features.toFile()))
                .filters(includeEngines("cucumber"))
                .configurationParameters(ScenarioRunner.configuration(report))
                .configurationParameter("cucumber.glue", "io.hilbench.scenario.ledgerglue")
                .configurationParameter("cucumber.filter.tags", ScenarioRunner.effectiveTags(null))
                .build(), progress);
        ScenarioRunner.Result r = progress.result(report);
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(r.total()).isEqualTo(4);
        assertThat(r.passed()).isEqualTo(1);
        assertThat(r.inconclusive()).as("the precondition").isEqualTo(1);
        assertThat(r.errors()).as("the check that threw").isEqualTo(1);
        assertThat(r.failed()).as("the crash").isEqualTo(1);
        assertThat(out).contains("precondition … inconclusive").contains("bench error … error").contains("green … passed").contains("crash … failed");

        JsonNode root = new ObjectMapper().readTree(report.resolve(VerdictLedger.FILE).toFile());
        assertThat(root.path("scenarios")).hasSize(4);
        JsonNode pre = root.path("scenarios").get(0);
        assertThat(pre.path("outcome").asText()).isEqualTo("inconclusive");
        assertThat(pre.path("error").asText()).startsWith("INCONCLUSIVE: precondition: the supply did not settle");
        assertThat(root.path("scenarios").get(1).path("outcome").asText()).isEqualTo("error");
        assertThat(root.path("scenarios").get(2).path("outcome").asText()).isEqualTo("passed");
        JsonNode crash = root.path("scenarios").get(3);
        assertThat(crash.path("outcome").asText()).isEqualTo("failed");
        assertThat(crash.path("error").asText()).contains("boom");

        JsonNode t = root.path("totals");
        assertThat(t.path("scenarios").asInt()).isEqualTo(r.total());
        assertThat(t.path("passed").asInt()).isEqualTo(r.passed());
        assertThat(t.path("failed").asInt()).isEqualTo(r.failed());
        assertThat(t.path("inconclusive").asInt()).isEqualTo(r.inconclusive());
        assertThat(t.path("errors").asInt()).isEqualTo(r.errors());
        assertThat(t.path("exitCode").asInt()).isEqualTo(r.exitCode()).isEqualTo(1);
    }
}
