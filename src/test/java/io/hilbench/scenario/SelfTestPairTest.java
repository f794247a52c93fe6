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
        // no scenario of the requirement judges the named assertion
        var none = SelfTestPair.judge(CELL, 1, 0, List.of(record(null, v("SU-04.off", Verdict.Outcome.FAILED))));
        assertThat(none.caught()).isFalse();
        assertThat(none.lines()).last().asString().contains("NOT CAUGHT").contains("none of the 1 scenario(s)");
        assertThat(SelfTestPair.judge(CELL, 2, 0, List.of(record(null, v("SU-04.off", Verdict.Outcome.FAILED)),
                record(null, v("SU-04.off", Verdict.Outcome.PASSED)))).caught()).isFalse();
        // a scenario judged without a single verdict (nothing registered, no error) is no catch either
        assertThat(SelfTestPair.judge(CELL, 1, 0, List.of(record(null))).caught()).isFalse();
        // no scenario ran, or one of two was not judged
        assertThat(SelfTestPair.judge(CELL, 0, 0, List.of()).caught()).isFalse();
        assertThat(SelfTestPair.judge(CELL, 2, 0, List.of(record(null, v("SU-04.pump-overrun", Verdict.Outcome.FAILED)))).caught()).isFalse();
        // every scenario of the requirement must catch it
        assertThat(SelfTestPair.judge(CELL, 2, 0, List.of(record(null, v("SU-04.pump-overrun", Verdict.Outcome.FAILED)),
                record(null, v("SU-04.pump-overrun", Verdict.Outcome.PASSED)))).caught()).isFalse();
    }

    /**
     * The pairing comes from the run: a scenario of the requirement whose Then steps do not register the named assertion
     * (SO-01's colder-inlet scenario judges SO-01.colder-inlet only) is not the assertion's scenario and neither catches
     * nor misses it; the scenarios that do judge it must all fail it.
     */
    @Test
    void aScenarioThatDoesNotJudgeTheAssertionIsNotPairedWithIt() {
        ExpectedFailures.Entry select = new ExpectedFailures.Entry("no-source-switch", "SO-01", "SO-01.select");
        VerdictLedger.ScenarioRecord spring = new VerdictLedger.ScenarioRecord("spring", "SO-01", "features/solar/tank_source.feature:13",
                VerdictLedger.ScenarioOutcome.FAILED, 0, 0, List.of(v("SO-01.select", Verdict.Outcome.FAILED), v("SO-01.cop", Verdict.Outcome.PASSED)), null, Map.of());
        VerdictLedger.ScenarioRecord colder = new VerdictLedger.ScenarioRecord("colder", "SO-01", "features/solar/tank_source.feature:33",
                VerdictLedger.ScenarioOutcome.FAILED, 0, 0, List.of(v("SO-01.colder-inlet", Verdict.Outcome.FAILED)), null, Map.of());
        var o = SelfTestPair.judge(select, 2, 0, List.of(spring, colder));
        assertThat(o.caught()).isTrue();
        assertThat(o.lines()).hasSize(2);
        assertThat(o.lines().get(0)).contains("caught in 'spring'");
        assertThat(o.lines().get(1)).contains("not paired with 'colder'");
        // still able to fail: the paired scenario passing the assertion is no catch, whatever the other one did
        VerdictLedger.ScenarioRecord springPassed = new VerdictLedger.ScenarioRecord("spring", "SO-01", "features/solar/tank_source.feature:13",
                VerdictLedger.ScenarioOutcome.PASSED, 0, 0, List.of(v("SO-01.select", Verdict.Outcome.PASSED)), null, Map.of());
        assertThat(SelfTestPair.judge(select, 2, 0, List.of(springPassed, colder)).caught()).isFalse();
        // and a crash in the scenario that is not the assertion's is still a failure of the cell (it may have been)
        VerdictLedger.ScenarioRecord colderCrashed = new VerdictLedger.ScenarioRecord("colder", "SO-01", "features/solar/tank_source.feature:33",
                VerdictLedger.ScenarioOutcome.FAILED, 0, 0, List.of(), "a step failed before the assertions were judged", Map.of());
        assertThat(SelfTestPair.judge(select, 2, 0, List.of(spring, colderCrashed)).caught()).isFalse();
    }

    @Test
    void aCheckThatThrewIsNoCatch() {
        // an ERROR verdict is a bug of the bench: whatever the variant did, it was not caught by the requirement's check
        var o = SelfTestPair.judge(CELL, 1, 0, List.of(record(null, v("SU-04.pump-overrun", Verdict.Outcome.ERROR))));
        assertThat(o.caught()).isFalse();
        assertThat(o.lines()).singleElement().asString().contains("NOT CAUGHT").contains("threw (a bench error is no catch)");
    }
}
