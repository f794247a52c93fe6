package io.hilbench.scenario.ledgerglue;

import io.cucumber.java.After;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.hilbench.scenario.VerdictLedger;
import io.hilbench.scenario.judge.AssertionBook;
import io.hilbench.scenario.judge.Inconclusive;
import io.hilbench.scenario.judge.Verdict;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Glue for ScenarioRunnerLedgerTest: records ledger entries the way World.finish does (a step error before judging is
 * recorded "failed", a judged scenario with its verdicts), without a plant or a controller.
 */
public class LedgerGlue {
    /** The report folder the test runs into. */
    public static volatile Path report;

    private List<Verdict> verdicts = List.of();

    @Given("a precondition is not reached")
    public void preconditionNotReached() {
        throw new Inconclusive("precondition: the supply did not settle within 0.5 K in 30 min of plant time");
    }

    @Given("a check of the bench throws")
    public void checkThrows() {
        verdicts = List.of(new Verdict("SU-01.flow-proof", Verdict.Outcome.ERROR, Map.of(), "the check threw java.lang.NullPointerException"));
    }

    @Given("every assertion passes")
    public void allPass() {
        verdicts = List.of(new Verdict("SU-01.flow-proof", Verdict.Outcome.PASSED, Map.of(), "ok"));
    }

    @Given("a step crashes before the glue records anything")
    public void crash() {
        throw new IllegalStateException("boom");
    }

    @After
    public void finish(Scenario s) {
        if (s.getSourceTagNames().contains("@norecord")) return;
        String error = null;
        VerdictLedger.ScenarioOutcome o;
        if (s.isFailed()) {
            error = "a step failed before the assertions were judged (" + s.getStatus() + "); see the Cucumber report";
            o = VerdictLedger.ScenarioOutcome.FAILED;
            verdicts = List.of();
        } else {
            o = VerdictLedger.fromVerdicts(verdicts);
        }
        try {
            VerdictLedger.add(new VerdictLedger.ScenarioRecord(s.getName(), "SU-01", s.getUri() + ":" + s.getLine(), o, 0, 0, verdicts, error, Map.of()), report);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        AssertionError failure = AssertionBook.failure(verdicts);
        if (failure != null) throw failure;
    }
}
