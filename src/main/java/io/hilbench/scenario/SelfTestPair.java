package io.hilbench.scenario;

import io.hilbench.scenario.judge.Verdict;

import java.util.List;

/**
 * The verdict on one cell of the expected-failure matrix (DESIGN §7): a known-bad variant counts as <b>caught</b> by a
 * requirement only when every scenario of that requirement that judges the named assertion failed it, and at least one
 * does. A step error (a crash), an inconclusive run (a timeout, an ack timeout, a reset that failed), a check of the
 * bench that threw (an ERROR verdict: a bug of the bench, whatever the controller did), a scenario that never ran, a
 * scenario that judged nothing, no scenario judging the assertion, or the named assertion passing are all <b>not
 * caught</b> — a self-test failure, never a catch.
 *
 * <p>Which scenarios judge the assertion is read from the run itself: a scenario that ended without an error and was
 * judged on other assertions of the requirement, none of them the named one, is not the assertion's scenario (its
 * {@code Then} steps do not register it: SO-01's colder-inlet scenario judges SO-01.colder-inlet only, so a variant
 * caught on SO-01.select is not paired with it) and is listed as "not paired". A step that registers an assertion
 * never throws (the assertions are judged on the trace at the scenario's end), so a variant cannot hide the named
 * assertion from a scenario that has it except by a step error, which stays a failure.
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
        int paired = 0;
        List<String> lines = new java.util.ArrayList<>();
        for (VerdictLedger.ScenarioRecord r : records) {
            if (r.error() == null && !r.verdicts().isEmpty() && r.verdicts().stream().noneMatch(x -> x.id().equals(entry.assertionId()))) {
                lines.add(cell + ": not paired with '" + r.name() + "', which does not judge " + entry.assertionId());
                continue;
            }
            paired++;
            if (r.error() != null) {
                all = false;
                lines.add(cell + ": NOT CAUGHT in '" + r.name() + "', it ended in an error instead of a verdict (a crash is no catch): " + r.error());
                continue;
            }
            Verdict v = r.verdicts().stream().filter(x -> x.id().equals(entry.assertionId())).findFirst().orElse(null);
            if (v != null && v.outcome() == Verdict.Outcome.ERROR) {
                all = false;
                lines.add(cell + ": NOT CAUGHT in '" + r.name() + "', the check of " + entry.assertionId() + " threw (a bench error is no catch): " + v.message());
            } else if (v == null) { // judged nothing at all (the record's verdicts are empty)
                all = false;
                lines.add(cell + ": NOT CAUGHT in '" + r.name() + "', which judged nothing");
            } else if (v.outcome() != Verdict.Outcome.FAILED) {
                all = false;
                lines.add(cell + ": NOT CAUGHT in '" + r.name() + "', " + entry.assertionId() + " " + v.outcome().label() + ": " + v.message());
            } else {
                lines.add(cell + ": caught in '" + r.name() + "': " + v.message());
            }
        }
        if (paired == 0) {
            lines.add(cell + ": NOT CAUGHT, none of the " + ran + " scenario(s) tagged @" + entry.requirement() + " judges " + entry.assertionId());
            return new Outcome(false, lines);
        }
        return new Outcome(all, lines);
    }
}
