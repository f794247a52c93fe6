package io.hilbench.report.plot;

import io.hilbench.report.RunData.AssertionData;
import io.hilbench.report.RunData.ScenarioData;
import io.hilbench.report.TraceCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * DF-03's plot (issue #16 item 10): the deadline where the judge put it (the alarm's is defrost start + defrost_max_min
 * + alarm_within_min, not start + alarm_within_min: drawn 20 min early before), the instant a "within" was met, and the
 * value the controller read (TT-232 stuck at −5 °C) beside the plant truth.
 */
class PlotReadAndDeadlineTest {

    // the messages and limits of a real DF-03 run (verdicts.json), as the judge wrote them
    private static final AssertionData ALARM = new AssertionData("DF-03.alarm", "passed", Map.of("alarm_within_min", 1.0, "defrost_max_min", 20.0),
            "defrost began at plant time 0:10:27.8: DEFROST_MAX_TIME raised at plant time 0:25:28.0 (step 15280) (alarms [DEFROST_MAX_TIME]), "
                    + "900.2 s after 0:10:27.8, within 1260.0 s", null, null, 627.8);
    private static final AssertionData ENDS_FAILED = new AssertionData("DF-03.ends", "failed", Map.of("defrost_max_min", 20.0, "end_margin_min", 1.0),
            "defrost began at plant time 0:10:00.0: expected section 2 defrost ended within 1260.0 s of 0:10:00.0 (by 0:31:00.0); actual: not by the deadline, "
                    + "section 2 defrosting at plant time 0:31:00.0 (step 18600)", null, null, 600.0);

    private static ScenarioData scenario(AssertionData... verdicts) {
        return new ScenarioData("stuck coil sensor", "DF-03", "features/defrost/stuck_coil_sensor.feature:9", "passed", 2188, 70, null, Map.of(), List.of(verdicts));
    }

    @Test
    void deadlinesAreDrawnWhereTheJudgePutThem() {
        JudgedSignals.Plan plan = JudgedSignals.plan(scenario(ALARM, ENDS_FAILED), List.of("C-211"));
        List<JudgedSignals.Marker> deadlines = plan.markers().stream().filter(JudgedSignals.Marker::deadline).toList();
        // 0:10:27.8 + 1260 s = 0:31:27.8 (before: 0:10:27.8 + alarm_within_min = 0:11:27.8, 20 min early)
        assertThat(deadlines).filteredOn(m -> m.label().startsWith("DF-03.alarm")).singleElement()
                .satisfies(m -> assertThat(m.timeS()).isCloseTo(627.8 + 1260, within(1e-6)))
                .satisfies(m -> assertThat(m.label()).contains("alarm_within_min = 1 min + defrost_max_min = 20 min"));
        // a failed "within" states its deadline: "(by 0:31:00.0)"
        assertThat(deadlines).filteredOn(m -> m.label().startsWith("DF-03.ends")).singleElement()
                .satisfies(m -> assertThat(m.timeS()).isCloseTo(1860, within(1e-6)));
        // the verdict instant of a passed "within" is when it was met (0:25:28.0), not the defrost start its message names first
        assertThat(plan.markers()).filteredOn(m -> !m.deadline() && m.label().startsWith("DF-03.alarm")).singleElement()
                .satisfies(m -> assertThat(m.timeS()).isCloseTo(627.8 + 900.2, within(1e-6)));
    }

    @Test
    void theControllerReadSeriesIsDrawnOnlyWhereItDiffersFromTheTruth() {
        double[] truth = {263.15, 273.15, 285.15, 262.15};
        double[] stuck = {263.15, 268.15, 268.15, 268.15};
        assertThat(ScenarioPlot.controllerRead(truth, stuck, v -> v - 273.15)).isPresent();
        assertThat(ScenarioPlot.controllerRead(truth, truth.clone(), v -> v - 273.15)).isEmpty();
        double[] resolution = {263.1, 273.2, 285.1, 262.2};   // the register's 0.1 K steps: not a different reading
        assertThat(ScenarioPlot.controllerRead(truth, resolution, v -> v - 273.15)).isEmpty();
    }

    @Test
    void theCoilsPanelShowsTheStuckReadingBesideThePlantTruth(@TempDir Path dir) throws Exception {
        // a synthetic trace in the recorder's format: truth, published value and quality per plant output
        StringBuilder csv = new StringBuilder("step,plantTimeS,hp.s1.coilK [K],hp.s1.coilK.published [K],hp.s1.coilK.quality,"
                + "hp.s2.coilK [K],hp.s2.coilK.published [K],hp.s2.coilK.quality\n");
        for (int i = 0; i <= 40; i++) {
            double s1 = 265.0 + 0.1 * i;
            double s2 = i < 10 ? 265.0 : 273.15 + 0.3 * (i - 10);
            double s2read = i < 10 ? s2 : 268.15;   // stuck at -5 °C from row 10
            csv.append(i).append(',').append(i * 60).append(',').append(s1).append(',').append(s1).append(",GOOD,")
                    .append(s2).append(',').append(s2read).append(",GOOD\n");
        }
        Path f = dir.resolve("trace.csv");
        Files.writeString(f, csv);
        JudgedSignals.Plan plan = JudgedSignals.plan(scenario(ALARM), List.of("C-211"));
        Map<String, String> wired = Map.of("TT-231", "hp.s1.coilK", "TT-232", "hp.s2.coilK");
        java.util.function.Function<String, Optional<String>> columnOf = tag -> Optional.ofNullable(wired.get(tag));
        TraceCsv trace = TraceCsv.read(f, ScenarioPlot.columns(plan, columnOf));
        assertThat(trace.has("hp.s2.coilK.published")).as("the plan asks for the published columns").isTrue();
        String svg = ScenarioPlot.draw("DF-03", plan, trace, columnOf).svg();
        assertThat(svg).contains("TT-232 (controller read)").doesNotContain("TT-231 (controller read)");
    }
}
