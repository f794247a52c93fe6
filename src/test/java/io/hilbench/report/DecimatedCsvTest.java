package io.hilbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decimated CSV (DESIGN §9: one row per minute by default): one row per interval, the first sample at or after
 * each multiple of it, the sample as it is.
 */
class DecimatedCsvTest {

    /** An hour at 100 ms with a minute between rows: rows at 0, 60, …, 3600 s — 61 rows, each the sample at that time. */
    @Test
    void oneRowPerMinuteAtHundredMillisecondSteps() throws IOException {
        StringWriter w = new StringWriter();
        try (DecimatedCsv csv = new DecimatedCsv(w, List.of("hp.heatFlowW [W]"), "controllerState", 60_000)) {
            for (long t = 0; t <= 3_600_000; t += 100) csv.offer(t, new double[] {t / 1000.0}, t < 1_800_000 ? "Off" : "Running");
            assertThat(csv.rows()).isEqualTo(61);
        }
        List<String> lines = w.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("plantTimeS [s],hp.heatFlowW [W],controllerState");
        assertThat(lines).hasSize(62);
        assertThat(lines.get(1)).isEqualTo("0,0.0,Off");
        assertThat(lines.get(2)).isEqualTo("60,60.0,Off");
        assertThat(lines.get(61)).isEqualTo("3600,3600.0,Running");
    }

    /**
     * Steps that do not divide the interval (7 s steps, 60 s rows): each row is the first sample at or after the
     * minute, so rows never drift and never double up.
     */
    @Test
    void unevenStepsTakeTheFirstSampleAtOrAfterEachMultiple() throws IOException {
        StringWriter w = new StringWriter();
        try (DecimatedCsv csv = new DecimatedCsv(w, List.of("x"), null, 60_000)) {
            for (long t = 0; t <= 300_000; t += 7_000) csv.offer(t, new double[] {1}, null);
        }
        List<String> times = w.toString().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        // multiples 0, 60, 120, 180, 240 s; first 7 s multiples at or after them: 0, 63, 126, 182, 245; 300 s → 301 > 300 (no sample)
        assertThat(times).containsExactly("0", "63", "126", "182", "245");
    }

    /** A step longer than the interval writes every sample (nothing to decimate). */
    @Test
    void stepsLongerThanTheIntervalWriteEverySample() throws IOException {
        StringWriter w = new StringWriter();
        try (DecimatedCsv csv = new DecimatedCsv(w, List.of("x"), null, 1_000)) {
            for (long t = 0; t <= 10_500; t += 1_500) csv.offer(t, new double[] {Double.NaN}, null);
            assertThat(csv.rows()).isEqualTo(8);
        }
        assertThat(w.toString()).contains("\n1.500,NaN\n");
    }

    @Test
    void headersAndTextWithCommasAreQuotedAndWrongWidthsRefused() throws IOException {
        StringWriter w = new StringWriter();
        try (DecimatedCsv csv = new DecimatedCsv(w, List.of("a,b"), "state", 1000)) {
            csv.offer(0, new double[] {1}, "Tripped, HP switch");
            assertThatThrownBy(() -> csv.offer(1000, new double[] {1, 2}, "")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(w.toString()).startsWith("plantTimeS [s],\"a,b\",state\n0,1.0,\"Tripped, HP switch\"\n");
        assertThatThrownBy(() -> new DecimatedCsv(new StringWriter(), List.of(), null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
