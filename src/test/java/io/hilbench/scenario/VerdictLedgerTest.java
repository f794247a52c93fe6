package io.hilbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hilbench.scenario.judge.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.hilbench.scenario.VerdictLedger.ScenarioOutcome.ERROR;
import static io.hilbench.scenario.VerdictLedger.ScenarioOutcome.FAILED;
import static io.hilbench.scenario.VerdictLedger.ScenarioOutcome.INCONCLUSIVE;
import static io.hilbench.scenario.VerdictLedger.ScenarioOutcome.PASSED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * verdicts.json is the one truth of a run (issue #14 item 7): the scenario outcome from the verdicts (failed before
 * error before inconclusive, nothing judged never passed), expected, actual and plant time as fields per verdict, and
 * the run's totals with the exit code they give.
 */
class VerdictLedgerTest {
    static Verdict v(Verdict.Outcome o) { return new Verdict("SU-04." + o.label(), o, Map.of(), "m"); }

    @AfterEach
    void clear() { VerdictLedger.clear(); }

    @Test
    void theScenarioOutcomeFromItsVerdicts() {
        assertThat(VerdictLedger.fromVerdicts(List.of())).as("nothing judged is never passed").isEqualTo(INCONCLUSIVE);
        assertThat(VerdictLedger.fromVerdicts(List.of(v(Verdict.Outcome.PASSED)))).isEqualTo(PASSED);
        assertThat(VerdictLedger.fromVerdicts(List.of(v(Verdict.Outcome.PASSED), v(Verdict.Outcome.INCONCLUSIVE)))).isEqualTo(INCONCLUSIVE);
        assertThat(VerdictLedger.fromVerdicts(List.of(v(Verdict.Outcome.INCONCLUSIVE), v(Verdict.Outcome.ERROR)))).isEqualTo(ERROR);
        assertThat(VerdictLedger.fromVerdicts(List.of(v(Verdict.Outcome.ERROR), v(Verdict.Outcome.FAILED), v(Verdict.Outcome.PASSED)))).isEqualTo(FAILED);
    }

    @Test
    void theExitCodeIsOneOnAFailureElseThreeOnInconclusiveOrErrorElseZero() {
        assertThat(VerdictLedger.Totals.of(List.of(PASSED, PASSED)).exitCode()).isZero();
        assertThat(VerdictLedger.Totals.of(List.of(PASSED, INCONCLUSIVE)).exitCode()).isEqualTo(3);
        assertThat(VerdictLedger.Totals.of(List.of(PASSED, ERROR)).exitCode()).isEqualTo(3);
        assertThat(VerdictLedger.Totals.of(List.of(ERROR, FAILED, INCONCLUSIVE)).exitCode()).isEqualTo(1);
        VerdictLedger.Totals t = VerdictLedger.Totals.of(List.of(PASSED, FAILED, INCONCLUSIVE, ERROR, ERROR));
        assertThat(t).isEqualTo(new VerdictLedger.Totals(5, 1, 1, 1, 2));
        ScenarioRunner.Result r = new ScenarioRunner.Result(2, 1, 0, 0, 1, Path.of("x"), List.of());
        assertThat(r.exitCode()).as("a run with a bench error and no failure").isEqualTo(3);
    }

    @Test
    void verdictsJsonCarriesTheFieldsAndTheTotals(@TempDir Path dir) throws Exception {
        Verdict failed = new Verdict("HP-01.below-switch", Verdict.Outcome.FAILED, Map.of("hp_switch_bar", 130.0),
                "expected never PT-202 >= 130.00 bar; actual: PT-202 130.01 bar at plant time 0:04:02.8 (step 2428)");
        Verdict unknown = new Verdict("HP-01.no-trip", Verdict.Outcome.INCONCLUSIVE, Map.of(), "controller not responding");
        VerdictLedger.add(new VerdictLedger.ScenarioRecord("a", "HP-01", "f:1", FAILED, 1000, 10, List.of(failed, unknown), null, Map.of()), dir);
        VerdictLedger.add(new VerdictLedger.ScenarioRecord("b", "SU-01", "f:2", ERROR, 1000, 10,
                List.of(new Verdict("SU-01.x", Verdict.Outcome.ERROR, Map.of(), "the check threw java.lang.NullPointerException")), null, Map.of()), dir);
        VerdictLedger.add(new VerdictLedger.ScenarioRecord("c", "SU-02", "f:3", INCONCLUSIVE, 0, 10, List.of(), "INCONCLUSIVE: precondition", Map.of()), dir);

        JsonNode root = new ObjectMapper().readTree(dir.resolve(VerdictLedger.FILE).toFile());
        JsonNode v = root.path("scenarios").get(0).path("verdicts").get(0);
        assertThat(v.path("expected").asText()).isEqualTo("never PT-202 >= 130.00 bar");
        assertThat(v.path("actual").asText()).isEqualTo("PT-202 130.01 bar at plant time 0:04:02.8 (step 2428)");
        assertThat(v.path("plantTimeS").asDouble()).isEqualTo(242.8);
        assertThat(v.path("message").asText()).startsWith("expected never");
        JsonNode u = root.path("scenarios").get(0).path("verdicts").get(1);
        assertThat(u.has("plantTimeS")).isTrue();
        assertThat(u.path("plantTimeS").isNull()).as("unknown is null, not 0").isTrue();
        assertThat(u.path("expected").isNull()).isTrue();
        assertThat(root.path("scenarios").get(1).path("outcome").asText()).isEqualTo("error");
        assertThat(root.path("scenarios").get(1).path("verdicts").get(0).path("verdict").asText()).isEqualTo("error");

        JsonNode t = root.path("totals");
        assertThat(t.path("scenarios").asInt()).isEqualTo(3);
        assertThat(t.path("passed").asInt()).isZero();
        assertThat(t.path("failed").asInt()).isEqualTo(1);
        assertThat(t.path("inconclusive").asInt()).isEqualTo(1);
        assertThat(t.path("errors").asInt()).isEqualTo(1);
        assertThat(t.path("exitCode").asInt()).isEqualTo(1);
    }
}
