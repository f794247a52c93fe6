package io.hilbench.report.html;

import io.hilbench.report.JunitSummary;
import io.hilbench.report.ReportModel;
import io.hilbench.report.RunData;
import io.hilbench.report.Kpis;

import static io.hilbench.report.html.Html.esc;
import static io.hilbench.report.html.Html.num;

/**
 * {@code report.html}: the run's index — links to the Cucumber report, JUnit XML and the handover report; the
 * requirement × verdict summary with the limits each verdict used; per scenario its KPIs, the controller's own alarms
 * and state changes, timing (lateness, round trips) and the plot of the signals its assertions judged.
 */
public final class IndexPage {
    public static final String FILE = "report.html";

    private IndexPage() {}

    public static String render(ReportModel m) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>").text("Bench run " + m.rigName() + " – " + m.run().dir().getFileName())
                .raw("</title>\n<style>").raw(Styles.SCREEN).raw("</style></head><body>\n");
        h.el("h1", (m.run().interrupted() ? "INTERRUPTED – " : "") + "HIL bench run report – " + m.site());
        if (m.run().interrupted()) Verdicts.interruption(h, m);
        h.raw("<p class=\"facts\">").text("rig " + m.rigName() + " · controller " + m.runFact("controller") + " (" + m.runFact("identitySelfDeclared")
                + ", self-declared) · pacing " + m.runFact("pacing") + " · seed " + m.runFact("seed") + " · generated " + m.generatedUtc()).raw("</p>\n");
        h.raw("<p class=\"" + (m.run().totalsProblem().isEmpty() ? "summary" : "summary fail") + "\">").text(Verdicts.totals(m)).raw("</p>\n");
        h.raw("<p>Files: <a href=\"cucumber.html\">Cucumber report</a> · <a href=\"handover.html\">handover report (HTML)</a> · ")
                .raw("<a href=\"handover.pdf\">handover report (PDF)</a> · <a href=\"cucumber-junit.xml\">JUnit XML</a> · ")
                .raw("<a href=\"cucumber.json\">Cucumber JSON</a> · <a href=\"verdicts.json\">verdicts.json</a> · <a href=\"traces/\">traces</a>");
        for (Link l : moreLinks(m.run().dir(), m.run().interrupted())) h.raw(" · <a href=\"" + esc(l.href()) + "\">").text(l.text()).raw("</a>");
        h.raw("</p>\n");
        junit(h, m);
        cornerMatrix(h, io.hilbench.report.CornerMatrix.of(m.run()));

        h.el("h2", "Requirements × verdicts");
        boolean corners = io.hilbench.report.CornerMatrix.of(m.run()).hasCorners();
        h.raw("<table class=\"verdicts index\">\n").headerRow(corners ? "requirement @ corner" : "requirement", "assertion", "pass when", "limits used", "verdict", "at plant time", "evidence");
        for (ReportModel.ScenarioView v : m.scenarios()) {
            RunData.ScenarioData s = v.data();
            if (s.verdicts().isEmpty()) {
                h.raw("<tr class=\"" + Verdicts.cssClass(s.outcome()) + "\">").raw("<td>").text(s.requirement()).raw("</td><td colspan=\"3\">")
                        .text(s.name()).raw("</td><td>").text(s.outcome()).raw("</td><td>–</td><td>").text(s.error() == null ? "" : s.error()).raw("</td></tr>\n");
                continue;
            }
            for (RunData.AssertionData a : s.verdicts()) {
                // anchor unique per scenario: a requirement may have several scenarios (SU-02 has two)
                h.raw("<tr class=\"" + Verdicts.cssClass(a.verdict()) + "\" id=\"" + esc(v.id() + ":" + a.id()) + "\">");
                String req = corners ? a.requirement() + " @ " + s.corner() : a.requirement();
                for (String c : new String[]{req, a.id(), m.text().assertion(a.id()), Verdicts.limits(a), a.verdict(), Verdicts.instant(a), evidence(a)}) {
                    h.raw("<td>").text(c).raw("</td>");
                }
                h.raw("</tr>\n");
            }
        }
        h.raw("</table>\n");

        h.el("h2", "Scenarios");
        for (ReportModel.ScenarioView v : m.scenarios()) scenario(h, v);
        h.raw("</body></html>\n");
        return h.toString();
    }

    /**
     * The corner × requirement matrix (issue #17 item 3), when the run ran any corner besides nominal: one row per
     * requirement, one column per corner, each cell the outcome of its units there.
     */
    public static void cornerMatrix(Html h, io.hilbench.report.CornerMatrix cm) {
        if (!cm.hasCorners()) return;
        h.el("h2", "Parameter corners × requirements");
        java.util.List<String> head = new java.util.ArrayList<>();
        head.add("requirement");
        head.addAll(cm.corners());
        h.raw("<table class=\"verdicts corners\">\n").headerRow(head.toArray(String[]::new));
        for (String r : cm.requirements()) {
            h.raw("<tr><td>").text(r).raw("</td>");
            for (String c : cm.corners()) {
                String o = cm.cells().get(r).get(c);
                h.raw("<td class=\"" + (o.isEmpty() ? "" : Verdicts.cssClass(o)) + "\">").text(o.isEmpty() ? "–" : o).raw("</td>");
            }
            h.raw("</tr>\n");
        }
        h.raw("</table>\n");
        java.util.List<String> onlyNominal = new java.util.ArrayList<>();
        for (String r : cm.requirements()) {
            if ("passed".equals(cm.cells().get(r).get(io.hilbench.runtime.TraceNames.NOMINAL)) && !cm.notPassedAt(r).isEmpty()) onlyNominal.add(r + " (not at " + String.join(", ", cm.notPassedAt(r)) + ")");
        }
        if (!onlyNominal.isEmpty()) h.raw("<p class=\"fail\">").text("Passes at the nominal plant only: " + String.join("; ", onlyNominal)).raw("</p>\n");
    }

    /** A link of the files line: its target, relative to the report folder, and its text. */
    record Link(String href, String text) {}

    /**
     * The files of the folder a newcomer looks for next (issue #16 item 10): the controller's log(s), the scenarios'
     * judged inputs ({@code judged/}, what {@code bench verify-evidence --rejudge} replays) and the signed evidence
     * bundle. {@code bench run} renders this page before it writes evidence.zip (the bundle hashes this page), so the
     * bundle is linked when it exists or when the run was not interrupted (an interrupted run gets none).
     */
    static java.util.List<Link> moreLinks(java.nio.file.Path dir, boolean interrupted) {
        java.util.List<Link> out = new java.util.ArrayList<>();
        if (dir == null) return out;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("controller") && n.endsWith(".log")).sorted()
                    .forEach(n -> out.add(new Link(n, n.equals("controller.log") ? "controller log" : n)));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // an unreadable folder: the page still renders, without these links
        }
        if (java.nio.file.Files.isDirectory(dir.resolve("judged"))) out.add(new Link("judged/", "judged inputs (judged/)"));
        if (java.nio.file.Files.isRegularFile(dir.resolve("run.log"))) out.add(new Link("run.log", "run log"));
        if (java.nio.file.Files.isRegularFile(dir.resolve("evidence.zip")) || !interrupted) out.add(new Link("evidence.zip", "evidence bundle (evidence.zip)"));
        return out;
    }

    /** The evidence cell: expected and actual as the verdict's fields say them, else its message. */
    private static String evidence(RunData.AssertionData a) {
        if (a.expected() == null || a.actual() == null) return a.message();
        return "expected " + a.expected() + "; actual: " + a.actual();
    }

    private static void junit(Html h, ReportModel m) {
        if (m.junit().isEmpty()) {
            h.raw("<p class=\"fail\">").text("No " + JunitSummary.FILE + " in the report folder.").raw("</p>\n");
            return;
        }
        JunitSummary j = m.junit().get();
        h.raw("<p class=\"" + (j.consistent() ? "junit" : "fail") + "\">").text("JUnit XML: " + j.tests() + " tests, " + j.failures() + " failures, "
                + j.errors() + " errors, " + j.skipped() + " skipped – " + (j.consistent() ? "agrees with the verdicts" : "DISAGREES with the verdicts: " + j.problem())).raw("</p>\n");
    }

    private static void scenario(Html h, ReportModel.ScenarioView v) {
        RunData.ScenarioData s = v.data();
        h.raw("<section id=\"" + esc(v.id()) + "\"><h3 class=\"" + Verdicts.cssClass(s.outcome()) + "\">").text((s.requirement().isEmpty() ? "" : s.requirement() + " – ")
                + s.name() + " – " + s.outcome()).raw("</h3>\n");
        h.raw("<p class=\"facts\">").text(s.uri() + " · " + num(s.plantTimeS() / 60, 1) + " min plant time · " + num(s.wallTimeS(), 1) + " s wall").raw("</p>\n");
        if (s.error() != null) h.raw("<p class=\"fail\">").text(s.error()).raw("</p>\n");
        h.raw("<table class=\"kv\">\n");
        if (v.kpis().isPresent()) {
            Kpis k = v.kpis().get(); // the KPI definition of bench simulate (KpiAccumulator), over this scenario's trace
            h.row("heat delivered", num(k.heatDeliveredMWh() * 1000, 1) + " kWh");
            h.row("electricity (compressors + fans)", num(k.electricityMWh() * 1000, 1) + " kWh");
            h.row("COP over the scenario (heat / electricity)", num(k.seasonalCop(), 2));
            h.row("compressor starts", Integer.toString(k.compressorStarts()));
            h.row("supply-temperature deviation while running", num(k.supplyDeviationKh(), 2) + " K·h");
        } else {
            h.row("KPIs", "no trace");
        }
        // what the controller itself said (issue #14 item 8): a failure it caused (a trip, a COMM_LOSS restart) names its cause here
        h.row("controller alarms (trace)", v.controller().describeAlarms());
        h.row("controller states (trace)", v.controller().describeStates());
        h.row("lateness (timing log)", lateness(s));
        h.row("Ack round trip (timing log)", orDash(s.timing("ackRoundTrip")));
        h.row("plant step compute", orDash(s.timing("plantCompute")));
        h.row("wall per step", s.timing("wallPerStepMs").isEmpty() ? "–" : s.timing("wallPerStepMs") + " ms");
        h.raw("</table>\n");
        if (v.svg() != null) {
            h.raw("<p><img class=\"plot\" src=\"" + esc(v.svg()) + "\" alt=\"" + esc("signals judged in " + s.name()) + "\"/></p>\n");
            if (!v.missingTags().isEmpty()) h.raw("<p class=\"note\">").text("not in the trace or the rig, not drawn: " + String.join(", ", v.missingTags())).raw("</p>\n");
        } else {
            h.raw("<p class=\"note\">").text("no plot: " + v.plotProblem()).raw("</p>\n");
        }
        h.raw("</section>\n");
    }

    /** Lateness applies to paced steps only (real time, accelerated); a lockstep run records none. */
    private static String lateness(RunData.ScenarioData s) {
        Object o = s.timingValue("lateness");
        if (o instanceof java.util.Map<?, ?> m) {
            // the ledger's structured form {count, p50Ms, p99Ms, maxMs} (written for the evidence manifest)
            Object n = m.get("count");
            if (n instanceof Number c && c.longValue() == 0) return "– (no paced steps: " + s.runFact("pacing") + ")";
            return "n=" + n + " p50 " + m.get("p50Ms") + " ms, p99 " + m.get("p99Ms") + " ms, max " + m.get("maxMs") + " ms";
        }
        String l = s.timing("lateness");
        if (l.isEmpty()) return "– (not recorded by this run)";
        if (l.startsWith("n=0 ")) return "– (no paced steps: " + s.runFact("pacing") + ")";
        return l;
    }

    private static String orDash(String s) { return s.isEmpty() ? "–" : s; }
}
