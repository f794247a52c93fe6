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
        for (ExpectedFailures.Entry e : matrix) {
            BenchOptions o = base.withVariant(e.variant()).withReportDir(Path.of("target", "selftest", e.variant()));
            ScenarioRunner.Result r = ScenarioRunner.run(o, "@" + e.requirement(), System.out);
            List<VerdictLedger.ScenarioRecord> records = VerdictLedger.records().stream()
                    .filter(x -> x.requirement().equals(e.requirement())).toList();
            assertThat(r.total()).as("%s: scenarios tagged @%s ran", e.variant(), e.requirement()).isPositive();
            assertThat(r.inconclusive()).as("%s × %s: no inconclusive run (a timeout does not count as caught)", e.variant(), e.requirement()).isZero();
            assertThat(records).as("%s × %s: every scenario judged", e.variant(), e.requirement()).hasSize(r.total());
            for (VerdictLedger.ScenarioRecord rec : records) {
                assertThat(rec.error()).as("%s × %s: '%s' ended in a step error instead of being judged (a crash does not count as caught)",
                        e.variant(), e.requirement(), rec.name()).isNull();
                Verdict v = rec.verdicts().stream().filter(x -> x.id().equals(e.assertionId())).findFirst().orElse(null);
                assertThat(v).as("%s × %s: '%s' judged %s", e.variant(), e.requirement(), rec.name(), e.assertionId()).isNotNull();
                assertThat(v.outcome()).as("%s × %s: %s must fail; it said: %s", e.variant(), e.requirement(), e.assertionId(), v.message())
                        .isEqualTo(Verdict.Outcome.FAILED);
                lines.add(String.format("%-16s %-6s %-22s caught: %s", e.variant(), e.requirement(), e.assertionId(), v.message()));
            }
        }
        System.out.println("expected-failure matrix (variant, requirement, assertion):");
        lines.forEach(l -> System.out.println("  " + l));
    }
}
