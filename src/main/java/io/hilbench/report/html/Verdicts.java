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

    /**
     * The banner of an interrupted run (issue #18 item 3): why it stopped, the scenario cut off, what never ran, and
     * that it is a partial record (exit 2, no evidence bundle).
     */
    static void interruption(Html h, io.hilbench.report.ReportModel m) {
        RunData.Interruption i = m.run().interruption().orElseThrow();
        h.raw("<div class=\"interrupted\"><p class=\"summary fail\">").text("INTERRUPTED: " + i.reason() + ". This is a partial record of the "
                + m.run().scenarios().size() + " scenario(s) judged before the stop (exit code " + RunData.INTERRUPTED_EXIT
                + "), not a complete run; no evidence bundle was written.").raw("</p>\n");
        if (!i.cutOff().isEmpty()) h.raw("<p>").text("Cut off while running (not judged): " + i.cutOff()).raw("</p>\n");
        h.raw("<p>").text("Never ran (" + i.neverRan().size() + ")" + (i.neverRan().isEmpty() ? "." : ":")).raw("</p>\n");
        if (!i.neverRan().isEmpty()) {
            h.raw("<ul>");
            for (String n : i.neverRan()) h.raw("<li>").text(n).raw("</li>");
            h.raw("</ul>\n");
        }
        h.raw("</div>\n");
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
