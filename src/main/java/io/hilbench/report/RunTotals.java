package io.hilbench.report;

import java.util.List;
import java.util.Locale;

/**
 * A run's totals and exit code as the report layer counts them from the scenario outcomes in verdicts.json: the
 * numbers report.html, the handover, the JUnit XML and the evidence check print and compare. The rules are the scenario
 * layer's (VerdictLedger.Totals and VerdictLedger.fromVerdicts), restated here because the report layer may not import
 * the scenario layer (DESIGN §2); a test holds the two to the same answers.
 *
 * @param exitCode 1 when any scenario failed, else 3 when any was inconclusive or ended in a bench error, else 0
 */
public record RunTotals(int scenarios, int passed, int failed, int inconclusive, int errors, int exitCode) {
    public static final String PASSED = "passed", FAILED = "failed", INCONCLUSIVE = "inconclusive", ERROR = "error";

    /** The totals of these scenario outcome labels (an unknown label counts as inconclusive: never green). */
    public static RunTotals of(List<String> outcomes) {
        int p = 0, f = 0, i = 0, e = 0;
        for (String o : outcomes) {
            switch (o) {
                case PASSED -> p++;
                case FAILED -> f++;
                case ERROR -> e++;
                default -> i++;
            }
        }
        return new RunTotals(outcomes.size(), p, f, i, e, exitCode(f, i, e));
    }

    public static int exitCode(int failed, int inconclusive, int errors) {
        if (failed > 0) return 1;
        if (inconclusive + errors > 0) return 3;
        return 0;
    }

    /**
     * A scenario's outcome from its assertions' verdict labels: failed if any failed, else error, else inconclusive, else
     * passed; none at all is never passed (inconclusive).
     */
    public static String outcomeOf(List<String> verdicts) {
        if (verdicts.isEmpty()) return INCONCLUSIVE;
        if (verdicts.contains(FAILED)) return FAILED;
        if (verdicts.contains(ERROR)) return ERROR;
        if (verdicts.stream().anyMatch(v -> !v.equals(PASSED))) return INCONCLUSIVE;
        return PASSED;
    }

    /** "5 scenario(s): 1 passed, 2 failed, 1 inconclusive, 1 error(s); exit code 1" (led by INTERRUPTED for exit code 2 after scenarios ran). */
    public String describe() {
        return String.format(Locale.ROOT, (exitCode == 2 ? "INTERRUPTED, judged before the stop: " : "") + "%d scenario(s): %d passed, %d failed, %d inconclusive, %d error(s); exit code %d",
                scenarios, passed, failed, inconclusive, errors, exitCode);
    }
}
