package io.hilbench.scenario.judge;

import io.hilbench.Units;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.hilbench.scenario.judge.TraceAssertions.Condition;
import static io.hilbench.scenario.judge.TraceAssertions.END;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14 item 7: every verdict carries expected, actual and plant time as fields (the helpers fill them, a message
 * of the usual form gets them parsed), and a check that throws is an ERROR of the bench, named, never a FAILED verdict.
 */
class VerdictFieldsTest {
    static final ColumnTrace T = ColumnTrace.every(1000, 601).output("x", i -> i).output("p", i -> Units.barToPa(100 + Math.min(300, i) * 0.1)).build();
    static final double[] X = T.output("x");
    static final double[] P = T.output("p");

    static Condition xAtLeast(double v) {
        return new Condition("x >= " + v, r -> X[r] >= v, r -> "x " + X[r]);
    }

    @Test
    void theHelpersFillExpectedActualAndPlantTime() {
        Judgement late = TraceAssertions.within(T, xAtLeast(90), 0, 60_000);
        assertThat(late.expected()).isEqualTo("x >= 90.0 within 60.0 s of 0:00:00.0 (by 0:01:00.0)");
        assertThat(late.actual()).startsWith("not by the deadline, x 60.0 at plant time 0:01:00.0");
        assertThat(late.plantTimeMs()).isEqualTo(60_000L);

        Judgement ok = TraceAssertions.within(T, xAtLeast(30), 0, 60_000);
        assertThat(ok.outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(ok.expected()).startsWith("x >= 30.0 within 60.0 s");
        assertThat(ok.actual()).contains("x 30.0 at plant time 0:00:30.0");
        assertThat(ok.plantTimeMs()).isEqualTo(30_000L);

        Judgement tooHigh = TraceAssertions.neverReaches(T, "PT-202", P, Units.barToPa(120), TraceAssertions.BAR, 0, END);
        assertThat(tooHigh.outcome()).isEqualTo(Verdict.Outcome.FAILED);
        assertThat(tooHigh.expected()).startsWith("never PT-202 >= 120.00 bar");
        assertThat(tooHigh.actual()).startsWith("PT-202 120.00 bar at plant time 0:03:20.0");
        assertThat(tooHigh.plantTimeMs()).isEqualTo(200_000L);

        Judgement held = TraceAssertions.neverExceeds(T, "PT-202", P, Units.barToPa(140), TraceAssertions.BAR, 0, END);
        assertThat(held.outcome()).isEqualTo(Verdict.Outcome.PASSED);
        assertThat(held.actual()).contains("peak PT-202 130.00 bar");
        assertThat(held.plantTimeMs()).as("decided at the end of the window").isEqualTo(600_000L);

        Judgement cut = TraceAssertions.forAtLeast(T, xAtLeast(0), 500_000, 200_000);
        assertThat(cut.outcome()).isEqualTo(Verdict.Outcome.INCONCLUSIVE);
        assertThat(cut.expected()).isNotNull();
        assertThat(cut.plantTimeMs()).as("the end of the trace").isEqualTo(600_000L);
    }

    @Test
    void theHelpersKeepTheirMessagesWordForWord() {
        // the message is what older bundles were re-judged against: the fields are added, the prose is unchanged
        assertThat(TraceAssertions.within(T, xAtLeast(90), 0, 60_000).message())
                .isEqualTo("expected x >= 90.0 within 60.0 s of 0:00:00.0 (by 0:01:00.0); actual: not by the deadline, x 60.0 at plant time 0:01:00.0 (step 60)");
    }

    @Test
    void aMessageOfTheUsualFormIsParsedInOnePlace() {
        Judgement j = Judgement.fail("defrost began at plant time 0:10:00.0: expected never PT-202 >= 130.00 bar from 0:00:00.0 to the end of the run; "
                + "actual: PT-202 130.01 bar at plant time 0:04:02.8 (step 2428)");
        assertThat(j.expected()).isEqualTo("never PT-202 >= 130.00 bar from 0:00:00.0 to the end of the run");
        assertThat(j.actual()).isEqualTo("PT-202 130.01 bar at plant time 0:04:02.8 (step 2428)");
        assertThat(j.plantTimeMs()).as("the first plant time of the actual part, not of the prefix").isEqualTo(242_800L);

        Judgement pass = Judgement.pass("PT-202 <= 125 at plant time 1:02:03.5 (step 7500)");
        assertThat(pass.expected()).isNull();
        assertThat(pass.actual()).isNull();
        assertThat(pass.plantTimeMs()).isEqualTo(3_723_500L);

        Judgement none = Judgement.inconclusive("controller not responding");
        assertThat(none.expected()).isNull();
        assertThat(none.plantTimeMs()).isNull();

        Verdict v = new Verdict("HP-01.x", Verdict.Outcome.FAILED, Map.of(), "expected a; actual: b at plant time 0:00:01.0");
        assertThat(v.expected()).isEqualTo("a");
        assertThat(v.actual()).isEqualTo("b at plant time 0:00:01.0");
        assertThat(v.plantTimeMs()).isEqualTo(1000L);
    }

    @Test
    void aCheckThatThrowsIsAnErrorOfTheBenchNamedNeverAFailure() {
        Assertion broken = new Assertion("SU-01.flow-proof", Map.of("max_s", 60.0), 0, t -> {
            throw new ArrayIndexOutOfBoundsException("Index 7 out of bounds for length 7");
        });
        Verdict v = broken.judge(T);
        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.ERROR);
        assertThat(v.outcome().label()).isEqualTo("error");
        assertThat(v.message()).startsWith("the check threw java.lang.ArrayIndexOutOfBoundsException").contains("Index 7 out of bounds");
        assertThat(v.limits()).containsEntry("max_s", 60.0);

        Verdict nothing = new Assertion("SU-01.x", Map.of(), 0, t -> null).judge(T);
        assertThat(nothing.outcome()).isEqualTo(Verdict.Outcome.ERROR);
        assertThat(nothing.message()).contains("returned no judgement");
    }

    @Test
    void aScenarioEndsWithTheFailureFirstThenTheErrorThenInconclusive() {
        Verdict failed = new Verdict("A.f", Verdict.Outcome.FAILED, Map.of(), "expected x; actual: y");
        Verdict error = new Verdict("A.e", Verdict.Outcome.ERROR, Map.of(), "the check threw java.lang.IllegalStateException");
        Verdict inconclusive = new Verdict("A.i", Verdict.Outcome.INCONCLUSIVE, Map.of(), "the trace ends");
        assertThat(AssertionBook.failure(List.of(error, failed, inconclusive)).getMessage()).startsWith("failed: A.f");
        AssertionError e = AssertionBook.failure(List.of(inconclusive, error));
        assertThat(e.getMessage()).startsWith(AssertionBook.ERROR_PREFIX).contains("A.e").contains("IllegalStateException");
        assertThat(Inconclusive.is(e)).as("an error is not inconclusive").isFalse();
        assertThat(Inconclusive.is(AssertionBook.failure(List.of(inconclusive)))).isTrue();
    }
}
