package io.hilbench.scenario;

import io.hilbench.runtime.Pacing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference controller configured through rigs/vendor-example (Modicon references, unit ids 11/12/30, CDAB floats,
 * packed status bits on the plant side; pulse registers, a vendor state enumeration and two alarm words on the
 * supervisory side, no reset-to-initial) runs SU-04 against the bench and passes: the same plant and the same scenario
 * through a different vendor's conventions (DESIGN §6, §7; issue #9 item 5). The run is the equivalent of
 * {@code bench run --rig rigs/vendor-example --tags @SU-04}.
 */
class VendorExampleRigTest {
    @AfterAll
    static void stopTheBench() {
        BenchSession.closeCurrent();
    }

    @Test
    void theReferenceControllerPassesSu04ThroughTheVendorMaps() throws Exception {
        BenchOptions o = new BenchOptions(Path.of("rigs/vendor-example"), Path.of("features"), BenchOptions.ControllerKind.REFERENCE,
                null, Pacing.parse("lockstep"), null, Path.of("target", "vendor-example"));
        ScenarioRunner.Result r = ScenarioRunner.run(o, "@SU-04", System.out);
        assertThat(r.total()).as("the SU-04 scenario ran").isPositive();
        assertThat(r.scenarios()).as("every scenario passed through the vendor maps: %s", r.scenarios())
                .allSatisfy(s -> assertThat(s.outcome()).isEqualTo(VerdictLedger.ScenarioOutcome.PASSED));
        // judged on the trace, with the vendor state table in between: the ledger holds SU-04's assertions, each passed
        var records = VerdictLedger.records().stream().filter(x -> x.requirement().equals("SU-04")).toList();
        assertThat(records).isNotEmpty();
        assertThat(records.get(0).verdicts()).isNotEmpty()
                .allSatisfy(v -> assertThat(v.outcome()).isEqualTo(io.hilbench.scenario.judge.Verdict.Outcome.PASSED));
        // the identity came through the vendor's string registers (self-declared)
        assertThat(records.get(0).run().get("identitySelfDeclared").toString()).contains("HILbench RefCtl");

        // again, on the same controller process: the vendor map has no reset-to-initial, so the bench returns it to Off
        // with stop, reset and the minimum off time on a fresh plant run (DESIGN §7), and the scenario passes again
        ScenarioRunner.Result again = ScenarioRunner.run(o.withReportDir(Path.of("target", "vendor-example-again")), "@SU-04", System.out);
        assertThat(again.scenarios()).as("second run through stop/reset/min-off: %s", again.scenarios()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.outcome()).isEqualTo(VerdictLedger.ScenarioOutcome.PASSED));
    }
}
