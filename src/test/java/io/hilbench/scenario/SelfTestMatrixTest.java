package io.hilbench.scenario;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expected-failure matrix (DESIGN §7, features/expected-failures.yaml): each known-bad variant of the reference
 * controller, run against its requirement's scenarios, must be caught on the named assertion — a FAILED verdict of
 * that id, judged on the trace — and not by a crash (a step error), a timeout or an inconclusive run. That the
 * reference controller passes the same scenarios is RunFeaturesTest's job.
 *
 * <p>The requirement's scenarios run once per (variant, requirement) and every assertion the matrix names for that pair
 * is judged on that one run. The pairs are split in two halves, this class and {@link SelfTestMatrixSecondHalfTest},
 * so surefire's forks run them side by side (each is a lockstep ping-pong with a controller child, about one core).
 */
class SelfTestMatrixTest {
    @AfterAll
    static void stopTheVariant() {
        BenchSession.closeCurrent();
    }

    @Test
    void everyKnownBadVariantIsCaughtOnItsNamedAssertion() throws Exception {
        runHalf(0);
    }

    /** Runs the (variant, requirement) groups whose index in file order has parity {@code half} and asserts each cell caught. */
    static void runHalf(int half) throws Exception {
        BenchOptions base = BenchOptions.fromSystemProperties();
        Requirements requirements = Requirements.load(base.featuresDir());
        List<ExpectedFailures.Entry> matrix = ExpectedFailures.load(base.featuresDir(), requirements);
        assertThat(matrix).as("the matrix names at least one variant").isNotEmpty();
        Map<String, List<ExpectedFailures.Entry>> groups = new LinkedHashMap<>();
        for (ExpectedFailures.Entry e : matrix) groups.computeIfAbsent(e.variant() + " x " + e.requirement(), k -> new ArrayList<>()).add(e);
        List<String> lines = new ArrayList<>();
        List<String> notCaught = new ArrayList<>();
        int k = 0;
        for (List<ExpectedFailures.Entry> group : groups.values()) {
            if (k++ % 2 != half) continue;
            ExpectedFailures.Entry first = group.get(0);
            BenchOptions o = base.withVariant(first.variant()).withReportDir(Path.of("target", "selftest", first.variant() + "-" + first.requirement()));
            ScenarioRunner.Result r = ScenarioRunner.run(o, "@" + first.requirement() + " and " + ScenarioRunner.DEFAULT_TAGS, System.out);
            List<VerdictLedger.ScenarioRecord> records = VerdictLedger.records().stream()
                    .filter(x -> x.requirement().equals(first.requirement())).toList();
            for (ExpectedFailures.Entry e : group) {
                SelfTestPair.Outcome outcome = SelfTestPair.judge(e, r.total(), r.inconclusive(), records);
                lines.addAll(outcome.lines());
                if (!outcome.caught()) notCaught.addAll(outcome.lines());
            }
        }
        System.out.println("expected-failure matrix, half " + (half + 1) + " of 2 (variant, requirement, assertion):");
        lines.forEach(l -> System.out.println("  " + l));
        assertThat(notCaught).as("every pair caught on its named assertion (a crash, a timeout or an inconclusive run is a self-test failure)").isEmpty();
    }
}
