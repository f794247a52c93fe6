package io.hilbench.scenario.judge;

import io.hilbench.Units;
import org.junit.jupiter.api.Test;

import static io.hilbench.scenario.judge.TraceAssertions.Condition;
import static io.hilbench.scenario.judge.TraceAssertions.END;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The step library's trace assertions (DESIGN §4: waits and judgements in plant time) on hand-made traces, one row
 * per second: each passes on the behaviour it names and fails with a message naming what was expected, what the
 * trace shows and when, in plant time; a window the trace does not cover is inconclusive, never passed.
 */
class TraceAssertionsTest {
    /** 10 min at 1 s: x rises 1 per second from 0; a "pressure" ramps from 100 to 130 bar over the first 300 s, then holds. */
    static final ColumnTrace T = ColumnTrace.every(1000, 601)
            .output("x", i -> i)
            .output("p", i -> Units.barToPa(100 + Math.min(300, i) * 0.1))
            .build();
    static final double[] X = T.output("x");
    static final double[] P = T.output("p");

    static Condition xAtLeast(double v) {
        return new Condition("x >= " + v, r -> X[r] >= v, r -> "x " + X[r]);
    }

    @Test
    void withinPassesAtTheFirstRowTheConditionHoldsAndFailsAfterTheDeadlineWithTheLastValue() {
        Judgement ok = TraceAssertions.within(T, xAtLeast(30), 0, 60_000);
        assertThat(ok.outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(ok.message()).contains("plant time 0:00:30.0");
        Judgement late = TraceAssertions.within(T, xAtLeast(90), 0, 60_000);
        assertThat(late.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(late.message()).contains("expected x >= 90.0 within 60.0 s of 0:00:00.0 (by 0:01:00.0)").contains("actual: not by the deadline, x 60.0")
                .contains("plant time 0:01:00.0");
    }

    @Test
    void withinIsInconclusiveWhenTheTraceEndsBeforeTheDeadline() {
        assertThat(TraceAssertions.within(T, xAtLeast(10_000), 0, 3_600_000).outcome()).isEqualTo(Verdict.Outcome.INCONCLUSIVE);
    }

    @Test
    void forAtLeastNeedsTheConditionAtEveryRowOfTheWindow() {
        assertThat(TraceAssertions.forAtLeast(T, xAtLeast(10), 10_000, 60_000).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        Condition belowFifty = new Condition("x < 50", r -> X[r] < 50, r -> "x " + X[r]);
        Judgement j = TraceAssertions.forAtLeast(T, belowFifty, 10_000, 60_000);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("expected x < 50 for at least 60.0 s from 0:00:10.0").contains("x 50.0 at plant time 0:00:50.0").contains("40.0 s after it began");
        assertThat(TraceAssertions.forAtLeast(T, xAtLeast(0), 590_000, 60_000).outcome()).isEqualTo(Verdict.Outcome.INCONCLUSIVE);
    }

    @Test
    void neverReachesFailsAtTheLimitItselfAndNeverExceedsOnlyAboveIt() {
        // p holds exactly 130 bar from 300 s: "never reaches 130" fails there, "never exceeds 130" passes
        Judgement reaches = TraceAssertions.neverReaches(T, "PT-202", P, Units.barToPa(130), TraceAssertions.BAR, 0, END);
        assertThat(reaches.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(reaches.message()).contains("expected never PT-202 >= 130.00 bar").contains("actual: PT-202 130.00 bar at plant time 0:05:00.0");
        Judgement exceeds = TraceAssertions.neverExceeds(T, "PT-202", P, Units.barToPa(130), TraceAssertions.BAR, 0, END);
        assertThat(exceeds.outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(exceeds.message()).contains("peak PT-202 130.00 bar");
        Judgement over125 = TraceAssertions.neverExceeds(T, "PT-202", P, Units.barToPa(125), TraceAssertions.BAR, 120_000, END);
        assertThat(over125.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(over125.message()).contains("125.10 bar at plant time 0:04:11.0");
    }

    @Test
    void neverIsInconclusiveWhenTheWindowRunsPastTheTrace() {
        Condition impossible = new Condition("x < 0", r -> X[r] < 0, r -> "x " + X[r]);
        assertThat(TraceAssertions.never(T, impossible, 0, 3_600_000).outcome()).isEqualTo(Verdict.Outcome.INCONCLUSIVE);
        assertThat(TraceAssertions.never(T, impossible, 0, END).outcome()).isEqualTo(Verdict.Outcome.PASSED);
    }

    @Test
    void staysBetweenFailsOnTheFirstRowOutsideTheBand() {
        Judgement j = TraceAssertions.staysBetween(T, "x", X, 0, 100, v -> Double.toString(v), 0, 200_000);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("x outside [0.0, 100.0]").contains("x 101.0 at plant time 0:01:41.0");
        assertThat(TraceAssertions.staysBetween(T, "x", X, 0, 100, v -> Double.toString(v), 0, 100_000).outcome()).isEqualTo(Verdict.Outcome.PASSED);
    }

    @Test
    void atMostPerHourCountsASlidingHour() {
        long min = 60_000;
        long[] sixInAnHour = {0, 10 * min, 20 * min, 30 * min, 40 * min, 50 * min, 61 * min};
        assertThat(TraceAssertions.atMostPerHour(T, "C-211 starts", sixInAnHour, 6).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        long[] sevenInAnHour = {5 * min, 10 * min, 20 * min, 30 * min, 40 * min, 50 * min, 64 * min};
        Judgement j = TraceAssertions.atMostPerHour(T, "C-211 starts", sevenInAnHour, 6);
        assertThat(j.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(j.message()).contains("expected at most 6 C-211 starts in any hour; actual: 7 from plant time 0:05:00.0 to 1:04:00.0");
    }

    @Test
    void beforeAndAfterOrderTwoEvents() {
        assertThat(TraceAssertions.before(T, xAtLeast(10), xAtLeast(20), 0).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        Judgement wrong = TraceAssertions.before(T, xAtLeast(20), xAtLeast(10), 0);
        assertThat(wrong.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(wrong.message()).contains("expected x >= 20.0 before x >= 10.0").contains("plant time 0:00:10.0");
        assertThat(TraceAssertions.after(T, xAtLeast(200), 0, 100_000, 60_000).outcome()).isEqualTo(Verdict.Outcome.PASSED);
        Judgement early = TraceAssertions.after(T, xAtLeast(120), 0, 100_000, 60_000);
        assertThat(early.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(early.message()).contains("only 60.0 s or more after 0:01:40.0").contains("x 120.0 at plant time 0:02:00.0 (step 120), 20.0 s after it");
    }
}
