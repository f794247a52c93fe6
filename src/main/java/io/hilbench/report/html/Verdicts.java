package io.hilbench.report.html;

import io.hilbench.report.PlantTimes;
import io.hilbench.report.RunData;

import java.util.Map;
import java.util.stream.Collectors;

/** Shared cell texts of the verdict tables. */
final class Verdicts {
    private Verdicts() {}

    /** {@code max_bar = 125; settle_band_k = 1} (the limits the verdict used), or "–". */
    static String limits(RunData.AssertionData a) {
        if (a.limits().isEmpty()) return "–";
        return a.limits().entrySet().stream().map(Verdicts::limit).collect(Collectors.joining("; "));
    }

    private static String limit(Map.Entry<String, Double> e) {
        double v = e.getValue();
        String n = v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        return e.getKey() + " = " + n;
    }

    /** The run's totals line: the counts of verdicts.json and the exit code of bench run, with what disagrees. */
    static String totals(io.hilbench.report.ReportModel m) {
        String problem = m.run().totalsProblem();
        return m.totals().describe() + (problem.isEmpty() ? "" : " – DISAGREES: " + problem);
    }

    static String instant(RunData.AssertionData a) {
        long ms = a.instantMs();
        return ms < 0 ? "–" : PlantTimes.format(ms);
    }

    static String cssClass(String outcome) {
        return switch (outcome) {
            case "passed" -> "pass";
            case "failed" -> "fail";
            case "error" -> "error";
            default -> "inconclusive";
        };
    }
}
