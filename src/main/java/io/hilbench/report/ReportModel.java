package io.hilbench.report;

import java.util.List;
import java.util.Optional;

/**
 * Everything the pages of a run's report print, gathered once by {@link RunReport}: the run read back from its
 * folder, the site and rig, the requirement texts, the JUnit cross-check, and per scenario its KPIs and plots.
 */
public record ReportModel(RunData run, String site, String rigName, String rigDescription, RequirementsText text,
                          Optional<JunitSummary> junit, List<ScenarioView> scenarios, String generatedUtc, String benchVersion) {
    public ReportModel {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * @param id          unique stem within the run (plot file names, HTML anchors)
     * @param svg         plot file relative to the report folder ({@code plots/01-….svg}), or null when none was drawn
     * @param png         the same plot as PNG (for the PDF), or null
     * @param plotProblem why no plot was drawn ("" when one was)
     * @param controller  the controller's own states and alarms from the trace (issue #14 item 8), {@link ControllerAlarms#none()} without
     */
    public record ScenarioView(RunData.ScenarioData data, String id, Optional<Kpis> kpis, String svg, String png,
                               List<String> missingTags, String plotProblem, ControllerAlarms controller) {
        public ScenarioView {
            missingTags = List.copyOf(missingTags);
            controller = controller == null ? ControllerAlarms.none() : controller;
        }

        public ScenarioView(RunData.ScenarioData data, String id, Optional<Kpis> kpis, String svg, String png, List<String> missingTags, String plotProblem) {
            this(data, id, kpis, svg, png, missingTags, plotProblem, ControllerAlarms.none());
        }
    }

    /** The run facts shared by all scenarios (the first scenario's: one run has one controller, pacing and seed). */
    public String runFact(String key) {
        return run.scenarios().stream().map(s -> s.runFact(key)).filter(v -> !v.isEmpty()).findFirst().orElse("");
    }

    public long count(String outcome) { return run.scenarios().stream().filter(s -> s.outcome().equals(outcome)).count(); }

    /** The run's totals and exit code, counted from the scenario outcomes (as verdicts.json's totals state them). */
    public RunTotals totals() { return run.totals(); }
}
