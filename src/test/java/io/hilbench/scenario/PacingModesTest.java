package io.hilbench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.hilbench.runtime.Pacing;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §4: "the same scenario text runs in three pacing modes". One short scenario (SU-02, the start refused with
 * P-271 failed: about 8 minutes of plant time, no warm-up) runs in lockstep and accelerated by 60 against the
 * reference controller; both must be judged — every assertion evaluated, no inconclusive — and reach the same
 * verdicts. Accelerated pacing is not bit-deterministic (the controller cycles on the plant clock, not on the Ack), so
 * the comparison is of verdicts per assertion id, not of traces.
 */
class PacingModesTest {
    private static final String TAGS = "@SU-02 and not @pending";

    @AfterAll
    static void stop() {
        BenchSession.closeCurrent();
    }

    private record Run(ScenarioRunner.Result result, List<VerdictLedger.ScenarioRecord> records) {}

    private static Run run(Pacing pacing, String report) throws Exception {
        BenchOptions base = BenchOptions.fromSystemProperties();
        BenchOptions o = new BenchOptions(base.rigDir(), base.featuresDir(), base.controller(), null, pacing, base.seed(),
                Path.of("target", "pacing", report));
        // the first SU-02 scenario only (P-271 failed): line-selected through the certification plan's reader
        CertificationPlan plan = CertificationPlan.of(base.featuresDir(), TAGS, 0);
        CertificationPlan.Entry first = plan.order().stream().filter(e -> e.name().contains("P-271")).findFirst().orElseThrow();
        ScenarioRunner.Result r = ScenarioRunner.runPlan(o, plan.filter(e -> e.equals(first)), TAGS, System.out);
        return new Run(r, VerdictLedger.records());
    }

    @Test
    void accelerated_reachesTheSameVerdictsAsLockstep() throws Exception {
        Run lockstep = run(Pacing.lockstep(), "lockstep");
        BenchSession.closeCurrent();   // a new bench in the other mode (sameBench compares the pacing anyway)
        Run accelerated = run(Pacing.accelerated(60), "accelerated-60");

        for (Run r : List.of(lockstep, accelerated)) {
            assertThat(r.result().total()).isEqualTo(1);
            assertThat(r.result().inconclusive()).as("judged, not inconclusive").isZero();
            assertThat(r.records()).hasSize(1);
            assertThat(r.records().get(0).error()).as("no step error").isNull();
            assertThat(r.records().get(0).verdicts()).as("every assertion of SU-02 judged").isNotEmpty();
        }
        assertThat(accelerated.result().passed()).isEqualTo(lockstep.result().passed());
        assertThat(verdicts(accelerated)).isEqualTo(verdicts(lockstep));
        // the reference controller passes SU-02 (RunFeaturesTest holds that in lockstep): so must it accelerated
        assertThat(accelerated.result().passed()).isEqualTo(1);
    }

    private static List<String> verdicts(Run r) {
        return r.records().get(0).verdicts().stream().map(v -> v.id() + "=" + v.outcome()).sorted().toList();
    }
}
