package io.hilbench.report.html;

import io.hilbench.report.ControllerAlarms;
import io.hilbench.report.PlantTimes;
import io.hilbench.report.ReportModel;
import io.hilbench.report.RequirementsText;
import io.hilbench.report.RunData;
import io.hilbench.report.Kpis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.hilbench.report.html.Html.num;

/**
 * {@code handover.html}: the printable acceptance document (FAT/SAT style) — site, rig, controller identity and
 * program version, the procedure (scenarios, pacing, seed), expected against actual per requirement assertion,
 * deviations (each with the controller's own alarms in its judged window), inconclusive items with their reasons, the
 * plots, and blank sign-off fields. Well-formed XHTML: the same page is the PDF renderer's input ({@code handover.pdf}), where the plots are PNG renderings of the same charts.
 */
public final class HandoverPage {
    public static final String FILE = "handover.html";

    /** Who signs a handover. */
    static final List<String> SIGNATORIES = List.of("Commissioning engineer", "Controller vendor", "Plant owner / operator", "Witness (third party)");

    private HandoverPage() {}

    /** @param forPdf true: PNG plots and print styles for the PDF renderer; false: SVG plots for the browser */
    public static String render(ReportModel m, boolean forPdf) {
        Html h = new Html();
        h.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
                .raw("<meta charset=\"utf-8\"/><title>").text((m.run().interrupted() ? "INTERRUPTED run – not an acceptance test report – " : "Acceptance test report – ") + m.site()).raw("</title><style>")
                .raw(forPdf ? Styles.PRINT : Styles.PRINT + Styles.SCREEN_HANDOVER).raw("</style></head><body>\n");
        if (m.run().interrupted()) {
            // a partial run is never rendered as a complete acceptance document (issue #18 item 3)
            h.el("h1", "INTERRUPTED run – NOT an acceptance test report");
            Verdicts.interruption(h, m);
        } else {
            h.el("h1", "Acceptance test report (FAT/SAT) – heat-pump controller on the HIL bench");
        }

        h.el("h2", "1. Object under test");
        h.raw("<table class=\"kv\">\n");
        h.row("Site", m.site());
        h.row("Plant", m.rigDescription());
        h.row("Rig", m.rigName());
        h.row("Controller", m.runFact("controller"));
        h.row("Controller identity and program version (self-declared)", m.runFact("identitySelfDeclared"));
        h.row("Program version / firmware image hash (verified by)", "");
        h.row("Bench version", m.benchVersion());
        h.row("Report folder", m.run().dir().toAbsolutePath().normalize().toString());
        h.row("Report generated (UTC)", m.generatedUtc());
        h.raw("</table>\n");

        h.el("h2", "2. Procedure");
        h.raw("<p>").text("Each scenario starts from a fresh plant run with the controller returned to Off; every requirement assertion is judged on "
                + "the recorded plant trace at the end of its scenario with the limits of requirements.yaml (shown with each verdict). Plant truth is "
                + "judged, except where the plant's safety chain would mask a controller fault: there the controller's commanded outputs are judged.").raw("</p>\n");
        h.raw("<table class=\"kv\">\n");
        h.row("Pacing", m.runFact("pacing"));
        h.row("Seed", m.runFact("seed"));
        h.row("Scenarios run", Integer.toString(m.run().scenarios().size()));
        h.row("Result", Verdicts.totals(m));
        h.raw("</table>\n<table>\n").headerRow("#", "requirement", "scenario", "feature", "plant time", "wall time", "outcome");
        int i = 1;
        for (ReportModel.ScenarioView v : m.scenarios()) {
            RunData.ScenarioData s = v.data();
            h.raw("<tr class=\"" + Verdicts.cssClass(s.outcome()) + "\">");
            String scenarioName = io.hilbench.runtime.TraceNames.NOMINAL.equals(s.corner()) ? s.name() : s.name() + " @ corner " + s.corner();
            for (String c : new String[]{Integer.toString(i++), s.requirement(), scenarioName, shortUri(s.uri()), num(s.plantTimeS() / 60, 1) + " min",
                    num(s.wallTimeS(), 1) + " s", s.outcome()}) h.raw("<td>").text(c).raw("</td>");
            h.raw("</tr>\n");
        }
        h.raw("</table>\n");
        // the corner × requirement matrix when the run ran parameter corners (issue #17 item 3)
        IndexPage.cornerMatrix(h, io.hilbench.report.CornerMatrix.of(m.run()));

        h.el("h2", "3. Expected and actual per requirement");
        Map<String, List<RunData.AssertionData>> byReq = new LinkedHashMap<>();
        for (ReportModel.ScenarioView v : m.scenarios()) for (RunData.AssertionData a : v.data().verdicts()) byReq.computeIfAbsent(a.requirement(), k -> new ArrayList<>()).add(a);
        for (Map.Entry<String, List<RunData.AssertionData>> e : byReq.entrySet()) {
            RequirementsText.Requirement r = m.text().requirement(e.getKey()).orElse(null);
            h.el("h3", e.getKey() + (r == null ? "" : " – " + r.title()));
            if (r != null && !r.stimulus().isEmpty()) h.raw("<p class=\"facts\">").text("Stimulus: " + r.stimulus()).raw("</p>\n");
            h.raw("<table class=\"verdicts\">\n").headerRow("assertion", "expected (pass when)", "limits used", "actual", "at plant time", "verdict");
            for (RunData.AssertionData a : e.getValue()) {
                h.raw("<tr class=\"" + Verdicts.cssClass(a.verdict()) + "\">");
                for (String c : new String[]{a.id(), m.text().assertion(a.id()), Verdicts.limits(a), a.actualOrMessage(), Verdicts.instant(a), a.verdict()}) {
                    h.raw("<td>").text(c).raw("</td>");
                }
                h.raw("</tr>\n");
            }
            h.raw("</table>\n");
        }

        h.el("h2", "4. Deviations");
        // the controller's own alarms next to each deviation, so a reader sees a cause the judged signals do not name (issue #14 item 8)
        table(h, deviations(m), "None: no assertion failed.", "assertion", "scenario", "what was found", "controller alarms");

        h.el("h2", "5. Inconclusive items and bench errors");
        List<String[]> open = items(m, "inconclusive", "");
        // a check that threw is a bug of the bench: neither a deviation of the controller nor passed (fix the bench, repeat)
        for (String[] r : items(m, "error", "")) open.add(new String[]{r[0] + " (bench error)", r[1], r[2]});
        table(h, open, "None.", "item", "scenario", "reason (an inconclusive item or a bench error is not passed: repeat it)");

        h.el("h2", "6. Plots of the judged signals");
        h.raw("<p class=\"facts\">").text("Red lines: limits; shaded: allowed bands; solid vertical lines: the instant each verdict was reached; dashed: deadlines.").raw("</p>\n");
        for (ReportModel.ScenarioView v : m.scenarios()) {
            String src = forPdf ? v.png() : v.svg();
            h.raw("<div class=\"plotblock\">");
            h.el("h3", (v.data().requirement().isEmpty() ? "" : v.data().requirement() + " – ") + v.data().name());
            if (v.kpis().isPresent()) {
                Kpis k = v.kpis().get();
                h.raw("<p class=\"facts\">").text("heat " + num(k.heatDeliveredMWh() * 1000, 1) + " kWh, electricity " + num(k.electricityMWh() * 1000, 1)
                        + " kWh, COP " + num(k.seasonalCop(), 2) + ", starts " + k.compressorStarts()).raw("</p>");
            }
            if (src != null) h.raw("<img class=\"plot\" src=\"").text(src).raw("\" alt=\"").text("plot of " + v.data().name()).raw("\"/>");
            else h.raw("<p class=\"note\">").text("no plot: " + v.plotProblem()).raw("</p>");
            h.raw("</div>\n");
        }

        if (m.run().interrupted()) {
            h.el("h2", "7. No sign-off");
            h.raw("<p class=\"summary fail\">").text("The run was interrupted: it is a partial record of what was judged before the stop, not a "
                    + "complete test. It is not signed off and no evidence bundle was written; run the scenarios again.").raw("</p>\n</body></html>\n");
            return h.toString();
        }
        h.el("h2", "7. Sign-off");
        h.raw("<p>").text("By signing, the parties confirm that the tests above were carried out as described and that the results, deviations and "
                + "inconclusive items are recorded correctly.").raw("</p>\n");
        h.raw("<table class=\"signoff\">\n").headerRow("role", "name", "company", "date", "signature");
        for (String role : SIGNATORIES) h.row(role, "", "", "", "");
        h.raw("</table>\n</body></html>\n");
        return h.toString();
    }

    /**
     * Rows (id, scenario, message) of every assertion with this verdict, and of every scenario with this outcome that
     * judged no assertion (its requirement and error, or {@code noError}).
     */
    private static List<String[]> items(ReportModel m, String verdict, String noError) {
        List<String[]> rows = new ArrayList<>();
        for (ReportModel.ScenarioView v : m.scenarios()) {
            RunData.ScenarioData s = v.data();
            for (RunData.AssertionData a : s.verdicts()) if (a.verdict().equals(verdict)) rows.add(new String[]{a.id(), s.name(), a.message()});
            if (s.outcome().equals(verdict) && s.verdicts().isEmpty()) rows.add(new String[]{s.requirement(), s.name(), s.error() == null ? noError : s.error()});
        }
        return rows;
    }

    /** The failed assertions (and failed scenarios that judged none), each with the controller alarms of its window. */
    private static List<String[]> deviations(ReportModel m) {
        List<String[]> rows = new ArrayList<>();
        for (ReportModel.ScenarioView v : m.scenarios()) {
            RunData.ScenarioData s = v.data();
            for (RunData.AssertionData a : s.verdicts()) {
                if (a.verdict().equals("failed")) rows.add(new String[]{a.id(), s.name(), a.message(), alarmsDuring(v.controller(), a.message())});
            }
            if (s.outcome().equals("failed") && s.verdicts().isEmpty()) {
                rows.add(new String[]{s.requirement(), s.name(), s.error() == null ? "failed" : s.error(), alarmsDuring(v.controller(), null)});
            }
        }
        return rows;
    }

    /**
     * The controller alarms active or raised in the window the assertion judged ("from T1 to T2", or from the
     * stimulus to the verdict), or in the whole scenario when its message names no window.
     */
    static String alarmsDuring(ControllerAlarms c, String message) {
        Optional<long[]> w = PlantTimes.judgedWindowMs(message);
        if (w.isEmpty()) return "controller alarms during the run: " + c.describeWithin(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        long[] ms = w.get();
        double to = ms[1] == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : ms[1] / 1000.0;
        String end = ms[1] == Long.MAX_VALUE ? "the end" : PlantTimes.format(ms[1]);
        return "controller alarms from " + PlantTimes.format(ms[0]) + " to " + end + ": " + c.describeWithin(ms[0] / 1000.0, to);
    }

    private static void table(Html h, List<String[]> rows, String none, String... header) {
        if (rows.isEmpty()) {
            h.el("p", none);
            return;
        }
        h.raw("<table class=\"verdicts\">\n").headerRow(header);
        for (String[] r : rows) h.row(r);
        h.raw("</table>\n");
    }

    private static String shortUri(String uri) {
        int i = uri.indexOf("features/");
        return i < 0 ? uri : uri.substring(i);
    }
}
