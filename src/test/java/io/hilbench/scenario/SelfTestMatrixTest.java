package io.hilbench.scenario;

import io.hilbench.scenario.judge.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expected-failure matrix (DESIGN §7, features/expected-failures.yaml): each known-bad variant of the reference
 * controller, run against its requirement's scenarios, must be caught on the named assertion — a FAILED verdict of
 * that id, judged on the trace — and not by a crash (a step error), a timeout or an inconclusive run. That the
 * reference controller passes the same scenarios is RunFeaturesTest's job.
 */
class SelfTestMatrixTest {
    @AfterAll
    static void stopTheVariant() {
        BenchSession.closeCurrent();
    }

    @Test
    void everyKnownBadVariantIsCaughtOnItsNamedAssertion() throws Exception {
        BenchOptions base = BenchOptions.fromSystemProperties();
        Requirements requirements = Requirements.load(base.featuresDir());
        List<ExpectedFailures.Entry> matrix = ExpectedFailures.load(base.featuresDir(), requirements);
        assertThat(matrix).as("the matrix names at least one variant").isNotEmpty();
        List<String> lines = new ArrayList<>();
        List<String> notCaught = new ArrayList<>();
        for (ExpectedFailures.Entry e : matrix) {
            BenchOptions o = base.withVariant(e.variant()).withReportDir(Path.of("target", "selftest", e.variant()));
            ScenarioRunner.Result r = ScenarioRunner.run(o, "@" + e.requirement() + " and " + ScenarioRunner.DEFAULT_TAGS, System.out);
            List<VerdictLedger.ScenarioRecord> records = VerdictLedger.records().stream()
                    .filter(x -> x.requirement().equals(e.requirement())).toList();
            SelfTestPair.Outcome outcome = SelfTestPair.judge(e, r.total(), r.inconclusive(), records);
            lines.addAll(outcome.lines());
            if (!outcome.caught()) notCaught.addAll(outcome.lines());
        }
        System.out.println("expected-failure matrix (variant, requirement, assertion):");
        lines.forEach(l -> System.out.println("  " + l));
        assertThat(notCaught).as("every pair caught on its named assertion (a crash, a timeout or an inconclusive run is a self-test failure)").isEmpty();
    }
}
