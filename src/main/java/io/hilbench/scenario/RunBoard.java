package io.hilbench.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code bench run} has planned, is running and has judged, for the live console's run view (issue #16 item
 * 6): the selected scenarios in order, the one running with its wall start, and each finished one with its outcome
 * and verdicts (from {@link VerdictLedger}). Fed by the scenario runner's launcher listener; read by the console.
 * One run per JVM at a time, as the ledger.
 */
public final class RunBoard {
    /** A finished scenario. */
    public record Finished(String name, String requirement, String outcome, long plantMs, long wallMs, List<String> verdicts) {
        public Finished {
            verdicts = List.copyOf(verdicts);
        }
    }

    /** One consistent view. */
    public record View(List<String> planned, String current, long currentWallStartMs, List<Finished> finished) {
        public View {
            planned = List.copyOf(planned);
            finished = List.copyOf(finished);
        }
    }

    private static final List<String> PLANNED = new ArrayList<>();
    private static final List<Finished> FINISHED = new ArrayList<>();
    private static String current;
    private static long currentWallStartMs;

    private RunBoard() {}

    static synchronized void clear() {
        PLANNED.clear();
        FINISHED.clear();
        current = null;
    }

    static synchronized void plan(List<String> names) {
        PLANNED.clear();
        PLANNED.addAll(names);
    }

    static synchronized void started(String name) {
        current = name;
        currentWallStartMs = System.currentTimeMillis();
        if (!PLANNED.contains(name)) PLANNED.add(name);
    }

    static synchronized void finished(String name, VerdictLedger.ScenarioRecord rec, String outcome) {
        List<String> verdicts = new ArrayList<>();
        if (rec != null) {
            for (var v : rec.verdicts()) {
                verdicts.add(v.id() + ": " + v.outcome().name().toLowerCase(java.util.Locale.ROOT)
                        + (v.message() == null || v.message().isEmpty() ? "" : " (" + v.message() + ")"));
            }
        }
        FINISHED.add(new Finished(name, rec == null ? "" : rec.requirement(), outcome, rec == null ? 0 : rec.plantMs(),
                rec == null ? 0 : rec.wallMs(), verdicts));
        if (name.equals(current)) current = null;
    }

    public static synchronized View view() {
        return new View(PLANNED, current, currentWallStartMs, FINISHED);
    }
}
