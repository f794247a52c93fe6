package io.hilbench.scenario;

import io.hilbench.scenario.judge.Verdict;

import java.util.List;

/**
 * The verdict on one cell of the expected-failure matrix (DESIGN §7): a known-bad variant counts as <b>caught</b> by a
 * requirement only when every scenario of that requirement was judged and failed the named assertion. A step error
 * (a crash), an inconclusive run (a timeout, an ack timeout, a reset that failed), a check of the bench that threw
 * (an ERROR verdict: a bug of the bench, whatever the controller did), a scenario that never ran, or the named
 * assertion passing or missing are all <b>not caught</b> — a self-test failure, never a catch.
 */
public final class SelfTestPair {
    private SelfTestPair() {}

    /** {@code caught} with one line per scenario saying why. */
    public record Outcome(boolean caught, List<String> lines) {}

    /**
     * @param entry   the cell: variant, requirement, assertion id
     * @param ran     scenarios the run counted for the requirement's tag
     * @param records the verdict records of those scenarios
     */
    public static Outcome judge(ExpectedFailures.Entry entry, int ran, int inconclusive, List<VerdictLedger.ScenarioRecord> records) {
        String cell = entry.variant() + " x " + entry.requirement() + " (" + entry.assertionId() + ")";
        if (ran == 0) return new Outcome(false, List.of(cell + ": NOT CAUGHT, no scenario tagged @" + entry.requirement() + " ran"));
        if (inconclusive > 0) return new Outcome(false, List.of(cell + ": NOT CAUGHT, " + inconclusive + " run(s) inconclusive (a timeout is no catch)"));
        if (records.size() != ran) return new Outcome(false, List.of(cell + ": NOT CAUGHT, " + ran + " scenario(s) ran but " + records.size() + " were judged"));
        boolean all = true;
        List<String> lines = new java.util.ArrayList<>();
        for (VerdictLedger.ScenarioRecord r : records) {
            if (r.error() != null) {
                all = false;
                lines.add(cell + ": NOT CAUGHT in '" + r.name() + "', it ended in an error instead of a verdict (a crash is no catch): " + r.error());
                continue;
            }
            Verdict v = r.verdicts().stream().filter(x -> x.id().equals(entry.assertionId())).findFirst().orElse(null);
            if (v != null && v.outcome() == Verdict.Outcome.ERROR) {
                all = false;
                lines.add(cell + ": NOT CAUGHT in '" + r.name() + "', the check of " + entry.assertionId() + " threw (a bench error is no catch): " + v.message());
            } else if (v == null) {
                all = false;
                lines.add(cell + ": NOT CAUGHT in '" + r.name() + "', which does not judge " + entry.assertionId());
            } else if (v.outcome() != Verdict.Outcome.FAILED) {
                all = false;
                lines.add(cell + ": NOT CAUGHT in '" + r.name() + "', " + entry.assertionId() + " " + v.outcome().label() + ": " + v.message());
            } else {
                lines.add(cell + ": caught in '" + r.name() + "': " + v.message());
            }
        }
        return new Outcome(all, lines);
    }
}
