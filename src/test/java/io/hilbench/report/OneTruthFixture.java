package io.hilbench.report;

import io.hilbench.scenario.VerdictLedger;
import io.hilbench.scenario.judge.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A hand-made report folder with one scenario of each outcome (passed, failed, inconclusive, error), written by the
 * scenario layer's own ledger, and the JUnit XML Cucumber's plugin writes for such a run: every scenario that is not
 * passed a {@code <failure>} (it knows no other).
 */
final class OneTruthFixture {
    static final String PASSED = "Operator stops the heat pump at full load";
    static final String FAILED = "DH flow falls to 40 % of nominal at full load";
    static final String INCONCLUSIVE = "Cold start at -10 °C";
    static final String ERROR = "Defrost at 0 °C and 90 % RH";

    private OneTruthFixture() {}

    static Path write(Path dir) throws IOException {
        VerdictLedger.clear();
        try {
            Map<String, Object> run = Map.of("controller", "reference", "pacing", "lockstep", "seed", 1, "rig", "solrod");
            VerdictLedger.add(new VerdictLedger.ScenarioRecord(PASSED, "SU-04", "features/startup/stop.feature:5", VerdictLedger.ScenarioOutcome.PASSED, 300_000, 3_000,
                    List.of(new Verdict("SU-04.off", Verdict.Outcome.PASSED, Map.of(), "never C-1 on from 0:01:00.0 to the end of the run")), null, run), dir);
            VerdictLedger.add(new VerdictLedger.ScenarioRecord(FAILED, "HP-01", "features/protection/reduced_flow.feature:7", VerdictLedger.ScenarioOutcome.FAILED,
                    510_000, 50_000, List.of(new Verdict("HP-01.below-switch", Verdict.Outcome.FAILED, Map.of("hp_switch_bar", 130.0),
                    "expected never PT-202 >= 130.00 bar from 0:00:00.0 to the end of the run; actual: PT-202 130.01 bar at plant time 0:04:02.8 (step 2428)")), null, run), dir);
            VerdictLedger.add(new VerdictLedger.ScenarioRecord(INCONCLUSIVE, "SU-01", "features/startup/cold_start.feature:4", VerdictLedger.ScenarioOutcome.INCONCLUSIVE,
                    1_800_000, 20_000, List.of(), "INCONCLUSIVE: precondition: the supply did not settle within 0.5 K of 75 °C in 30 min of plant time", run), dir);
            VerdictLedger.add(new VerdictLedger.ScenarioRecord(ERROR, "DF-01", "features/defrost/defrost.feature:6", VerdictLedger.ScenarioOutcome.ERROR, 600_000, 9_000,
                    List.of(new Verdict("DF-01.terminates", Verdict.Outcome.ERROR, Map.of(), "the check threw java.lang.ArrayIndexOutOfBoundsException: Index 7 out of bounds for length 7"),
                            new Verdict("DF-01.no-trip", Verdict.Outcome.PASSED, Map.of(), "never a safety-chain trip")), null, run), dir);
        } finally {
            VerdictLedger.clear();
        }
        Files.writeString(dir.resolve(JunitSummary.FILE), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="Cucumber" time="82.0" tests="4" skipped="0" failures="3" errors="0" timestamp="2026-12-06T10:00:00Z">
                <testcase classname="Ordered stop" name="%s" time="3.0">
                <system-out><![CDATA[steps passed]]></system-out>
                </testcase>
                <testcase classname="Reduced DH flow" name="%s" time="50.0">
                <failure type="java.lang.AssertionError" message="failed: HP-01.below-switch"><![CDATA[java.lang.AssertionError: failed: HP-01.below-switch
                	at io.hilbench.scenario.judge.AssertionBook.failure(AssertionBook.java:49)]]></failure>
                <system-out><![CDATA[steps]]></system-out>
                </testcase>
                <testcase classname="Cold start" name="%s" time="20.0">
                <failure type="io.hilbench.scenario.judge.Inconclusive" message="INCONCLUSIVE: precondition: the supply did not settle"><![CDATA[trace]]></failure>
                </testcase>
                <testcase classname="Defrost" name="%s" time="9.0">
                <failure type="java.lang.AssertionError" message="ERROR (a check of the bench threw): DF-01.terminates"><![CDATA[trace]]></failure>
                </testcase>
                </testsuite>
                """.formatted(PASSED, FAILED, INCONCLUSIVE, ERROR));
        return dir;
    }
}
