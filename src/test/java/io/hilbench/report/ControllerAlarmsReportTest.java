package io.hilbench.report;

import io.hilbench.report.plot.JudgedSignals;
import io.hilbench.rig.AlarmMeaning;
import io.hilbench.scenario.ControllerDriver;
import io.hilbench.scenario.VerdictLedger;
import io.hilbench.scenario.judge.Verdict;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14 item 8, "a failure names its cause": the controller's own alarms and states recorded in a scenario's
 * trace appear in its plot, in report.html and next to each deviation of the handover. A hand-made folder: SU-01
 * fails because the controller tripped itself on FLOW_TRIP at 0:12:03 after a COMM_LOSS from 0:06:40 to 0:07:11;
 * the state and alarm columns are read only on some rows (NaN in between), as the step loop reads them.
 */
class ControllerAlarmsReportTest {
    static final String NAME = "Cold start at -10 °C";
    static final String IN_SERVICE = "expected the heat pump in service from 0:00:00.0 to the end of the run; actual: controller state Tripped "
            + "at plant time 0:12:03.0 (step 7230)";
    static final String EARLY = "expected never PT-202 >= 130.00 bar from 0:02:00.0 to 0:05:00.0; actual: PT-202 131.00 bar at plant time 0:03:00.0 (step 1800)";

    @TempDir
    static Path dir;
    static RunReport.Written written;

    @BeforeAll
    static void render() throws IOException {
        VerdictLedger.clear();
        try {
            Map<String, Object> run = Map.of("controller", "reference", "pacing", "lockstep", "seed", 1, "rig", "solrod");
            VerdictLedger.add(new VerdictLedger.ScenarioRecord(NAME, "SU-01", "features/startup/cold_start.feature:4", VerdictLedger.ScenarioOutcome.FAILED,
                    900_000, 9_000, List.of(new Verdict("SU-01.in-service", Verdict.Outcome.FAILED, Map.of(), IN_SERVICE),
                    new Verdict("SU-01.early", Verdict.Outcome.FAILED, Map.of("hp_switch_bar", 130.0), EARLY)), null, run), dir);
        } finally {
            VerdictLedger.clear();
        }
        Files.createDirectories(dir.resolve("traces"));
        Files.writeString(dir.resolve("traces").resolve(io.hilbench.runtime.TraceNames.stem("SU-01", NAME) + ".csv"), trace(true));
        written = RunReport.write(dir, RunReportTest.RIG, RunReportTest.FEATURES);
    }

    /**
     * 15 min, one row a second: Off, Running from 0:00:18, COMM_LOSS 0:06:40–0:07:11, Tripped with FLOW_TRIP from
     * 0:12:03; state and alarms unread (empty) on every row t ≡ 3 (mod 7), as between the step loop's reads.
     */
    static String trace(boolean controllerColumns) {
        StringBuilder sb = new StringBuilder("step,plantTimeS,hp.gasCoolerPressurePa [Pa]" + (controllerColumns ? ",controller.state,controller.alarms" : "") + "\n");
        for (int t = 0; t < 900; t++) {
            sb.append(t * 10).append(',').append(t).append(".0,").append(String.format(Locale.ROOT, "%.1f", 100e5 + t * 1000));
            if (controllerColumns) {
                int state = t < 18 ? 0 : t < 723 ? 2 : 5;
                long mask = (t >= 400 && t < 431 ? 1L << AlarmMeaning.COMM_LOSS.ordinal() : 0) | (t >= 723 ? 1L << AlarmMeaning.FLOW_TRIP.ordinal() : 0);
                sb.append(t % 7 == 3 ? ",," : "," + state + ".0," + mask + ".0");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void theColumnsAreTheOnesTheScenarioLayerRecords() {
        assertThat(ControllerAlarms.STATE_COLUMN).isEqualTo(ControllerDriver.STATE_COLUMN);
        assertThat(ControllerAlarms.ALARMS_COLUMN).isEqualTo(ControllerDriver.ALARMS_COLUMN);
        for (double mask : new double[]{0, 8, 136, 511, Double.NaN}) assertThat(ControllerAlarms.bits(mask)).isEqualTo(ControllerDriver.alarmsInMask(mask));
    }

    @Test
    void thePlotPlanHasTheControllerPanelWhenTheTraceHasTheColumns(@TempDir Path tmp) throws IOException {
        RunData.ScenarioData s = RunData.read(dir).scenarios().get(0);
        Path with = Files.writeString(tmp.resolve("with.csv"), trace(true));
        Path without = Files.writeString(tmp.resolve("without.csv"), trace(false));

        JudgedSignals.Plan plan = JudgedSignals.plan(s, List.of("C-211"), ControllerAlarms.of(TraceCsv.read(with, ControllerAlarms.COLUMNS)));
        JudgedSignals.Panel last = plan.panels().get(plan.panels().size() - 1);
        assertThat(last.key()).isEqualTo(JudgedSignals.CONTROLLER);
        assertThat(last.step()).isTrue();
        // one line for the state, one per alarm raised, in AlarmMeaning order; the verdict markers as on the other panels
        assertThat(last.tags()).containsExactly(JudgedSignals.STATE_TAG, "FLOW_TRIP", "COMM_LOSS");
        assertThat(plan.markers()).extracting(JudgedSignals.Marker::label).contains("SU-01.in-service failed");

        JudgedSignals.Plan none = JudgedSignals.plan(s, List.of("C-211"), ControllerAlarms.of(TraceCsv.read(without, ControllerAlarms.COLUMNS)));
        assertThat(none.panels()).extracting(JudgedSignals.Panel::key).doesNotContain(JudgedSignals.CONTROLLER);
    }

    @Test
    void theScenarioPlotDrawsTheStateAndEachAlarmNamedInTheLegend() throws IOException {
        Path svg = written.plots().stream().filter(p -> p.toString().endsWith(".svg")).findFirst().orElseThrow();
        String doc = Files.readString(svg);
        // the legend names the state line and each alarm; the state axis names the states
        assertThat(doc).contains(">controller state<").contains(">FLOW_TRIP<").contains(">COMM_LOSS<").contains(">Tripped<").contains(">Running<");
        assertThat(doc).as("an alarm never raised has no line").doesNotContain(">SHORT_CYCLE<");
    }

    @Test
    void reportHtmlNamesEachAlarmWithItsPlantTimesAndTheStateChanges() throws IOException {
        String html = Files.readString(written.index());
        assertThat(html).contains("controller alarms (trace)")
                .contains("COMM_LOSS raised 0:06:40.0, cleared 0:07:11.0; FLOW_TRIP raised 0:12:03.0, still active at the end")
                .contains("Off 0:00:00.0 → Running 0:00:18.0 → Tripped 0:12:03.0 (FLOW_TRIP)");
    }

    @Test
    void eachDeviationOfTheHandoverNamesTheControllerAlarmsOfItsJudgedWindow() throws IOException {
        String html = Files.readString(written.handoverHtml());
        String deviations = html.substring(html.indexOf("4. Deviations"), html.indexOf("5. Inconclusive items"));
        assertThat(row(deviations, "SU-01.in-service")).contains("controller alarms from 0:00:00.0 to the end: "
                + "COMM_LOSS raised 0:06:40.0, cleared 0:07:11.0; FLOW_TRIP raised 0:12:03.0, still active at the end");
        // a window the controller raised nothing in says so: the alarms of the rest of the run are not its cause
        assertThat(row(deviations, "SU-01.early")).contains("controller alarms from 0:02:00.0 to 0:05:00.0: none").doesNotContain("COMM_LOSS");

        try (PDDocument pdf = Loader.loadPDF(written.handoverPdf().toFile())) {
            // the PDF's line breaks fall inside plant times ("0:07: 11.0"): join them again
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ").replaceAll(": (\\d)", ":$1");
            assertThat(text).contains("COMM_LOSS raised 0:06:40.0, cleared 0:07:11.0").contains("FLOW_TRIP raised 0:12:03.0");
        }
    }

    @Test
    void aWindowIsReadFromTheVerdictMessage() {
        assertThat(PlantTimes.judgedWindowMs(EARLY)).hasValueSatisfying(w -> assertThat(w).containsExactly(120_000, 300_000));
        assertThat(PlantTimes.judgedWindowMs(IN_SERVICE)).hasValueSatisfying(w -> assertThat(w).containsExactly(0, Long.MAX_VALUE));
        assertThat(PlantTimes.judgedWindowMs("every compressor stopped at plant time 0:05:10.2 (step 3102), 100.2 s after 0:03:30.0, within 120.0 s"))
                .hasValueSatisfying(w -> assertThat(w).containsExactly(210_000, 310_200));
        assertThat(PlantTimes.judgedWindowMs("the check threw")).isEmpty();
    }

    private static String row(String html, String id) {
        Matcher m = Pattern.compile("<tr><td>" + Pattern.quote(id) + "</td>(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("deviation row of %s", id).isTrue();
        return m.group(1);
    }
}
