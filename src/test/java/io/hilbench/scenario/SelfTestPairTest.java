package io.hilbench.scenario;

import io.hilbench.scenario.judge.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §7: "a variant counts as caught only when that assertion fails — not on a crash or timeout". The matrix cell's
 * verdict on hand-made records: only a FAILED verdict of the named assertion in every scenario is a catch.
 */
class SelfTestPairTest {
    static final ExpectedFailures.Entry CELL = new ExpectedFailures.Entry("no-pump-overrun", "SU-04", "SU-04.pump-overrun");

    static VerdictLedger.ScenarioRecord record(String error, Verdict... verdicts) {
        return new VerdictLedger.ScenarioRecord("stop", "SU-04", "features/x.feature:1", VerdictLedger.ScenarioOutcome.FAILED, 0, 0, List.of(verdicts), error, Map.of());
    }

    static Verdict v(String id, Verdict.Outcome o) { return new Verdict(id, o, Map.of(), "msg " + o); }

    @Test
    void aFailedNamedAssertionIsACatch() {
        var o = SelfTestPair.judge(CELL, 1, 0, List.of(record(null, v("SU-04.pump-overrun", Verdict.Outcome.FAILED), v("SU-04.off", Verdict.Outcome.PASSED))));
        assertThat(o.caught()).isTrue();
        assertThat(o.lines()).singleElement().asString().contains("caught in 'stop'");
    }

    @Test
    void aCrashATimeoutAnotherFailureOrNoRunIsNoCatch() {
        // a step error before judging (the variant crashed the scenario)
        assertThat(SelfTestPair.judge(CELL, 1, 0, List.of(record("a step failed before the assertions were judged"))).caught()).isFalse();
        // an inconclusive run (ack timeout, wall-time guard)
        var t = SelfTestPair.judge(CELL, 1, 1, List.of(record(null, v("SU-04.pump-overrun", Verdict.Outcome.INCONCLUSIVE))));
        assertThat(t.caught()).isFalse();
        assertThat(t.lines()).singleElement().asString().contains("a timeout is no catch");
        // the named assertion passed although another one failed: caught on the wrong assertion is not caught
        assertThat(SelfTestPair.judge(CELL, 1, 0, List.of(record(null, v("SU-04.pump-overrun", Verdict.Outcome.PASSED), v("SU-04.off", Verdict.Outcome.FAILED)))).caught()).isFalse();
        // a scenario that does not judge the named assertion
        assertThat(SelfTestPair.judge(CELL, 1, 0, List.of(record(null, v("SU-04.off", Verdict.Outcome.FAILED)))).caught()).isFalse();
        // no scenario ran, or one of two was not judged
        assertThat(SelfTestPair.judge(CELL, 0, 0, List.of()).caught()).isFalse();
        assertThat(SelfTestPair.judge(CELL, 2, 0, List.of(record(null, v("SU-04.pump-overrun", Verdict.Outcome.FAILED)))).caught()).isFalse();
        // every scenario of the requirement must catch it
        assertThat(SelfTestPair.judge(CELL, 2, 0, List.of(record(null, v("SU-04.pump-overrun", Verdict.Outcome.FAILED)),
                record(null, v("SU-04.pump-overrun", Verdict.Outcome.PASSED)))).caught()).isFalse();
    }

    @Test
    void aCheckThatThrewIsNoCatch() {
        // an ERROR verdict is a bug of the bench: whatever the variant did, it was not caught by the requirement's check
        var o = SelfTestPair.judge(CELL, 1, 0, List.of(record(null, v("SU-04.pump-overrun", Verdict.Outcome.ERROR))));
        assertThat(o.caught()).isFalse();
        assertThat(o.lines()).singleElement().asString().contains("NOT CAUGHT").contains("threw (a bench error is no catch)");
    }
}
