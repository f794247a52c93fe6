package io.hilbench.runtime;

import io.hilbench.points.PointWrite;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace of DESIGN §3 step 5: every step in memory, extension columns, events, CSV in full and decimated. */
class RecorderTest {

    @Test
    void theTraceKeepsEveryStepWithExtensionColumnsEventsAndExportsCsv() throws Exception {
        LoopRig rig = new LoopRig();
        Emulator emulator = rig.emulator(EmulatorConfig.defaults());
        AtomicInteger reads = new AtomicInteger();
        // the scenario layer's column: e.g. the controller's state, read after the Ack every 5th step
        emulator.addExtensionColumn("controller.state", () -> reads.incrementAndGet(), 5);
        emulator.start();
        try (TestController c = new TestController(rig, (step, s, r) -> List.<PointWrite>of(r.write("BENCH.Heartbeat", step)))) {
            assertThat(emulator.awaitPlantTime(3_000, Duration.ofSeconds(20))).isTrue();
            emulator.recorder().event("scenario: set air to -5 °C");
        } finally {
            emulator.stop();
        }
        Recorder rec = emulator.recorder();
        List<TraceRow> rows = rec.rows();
        for (int k = 0; k < rows.size(); k++) assertThat(rows.get(k).step()).isEqualTo(k);
        assertThat(rows.get(rows.size() - 1).input(0)).as("the last, unanswered step has no committed inputs").isNaN();
        assertThat(rows.get(10).extension(0)).isEqualTo(3.0); // steps 0, 5, 10 were read
        assertThat(rows.get(11).extension(0)).isNaN();
        assertThat(rec.events()).extracting(TraceEvent::text).contains("scenario: set air to -5 °C");

        StringWriter full = new StringWriter();
        rec.writeCsv(full);
        String[] lines = full.toString().split("\n");
        assertThat(lines).hasSize(rows.size() + 1);
        assertThat(lines[0]).startsWith("step,plantTimeS,weather.airTemperatureK [K],weather.airTemperatureK.published [K],weather.airTemperatureK.quality,")
                .contains(",hp.gasCoolerPressurePa [Pa],", ",input.hp.compressor1.speedSetHz [Hz],", ",input.hp.dhPump.speedSetRatio [1],")
                .endsWith(",watchdogTripped,controller.state,events");
        assertThat(lines[11]).startsWith("10,1.000,273.15,273.15,GOOD,");
        int columns = lines[0].split(",").length;
        assertThat(lines[11].split(",", -1)).hasSize(columns);

        StringWriter decimated = new StringWriter();
        rec.writeCsv(decimated, 1_000);
        String[] d = decimated.toString().split("\n");
        // one row per second of plant time (0, 1, 2, 3 s ...) plus the last step
        assertThat(d[1]).startsWith("0,0.000,");
        assertThat(d[2]).startsWith("10,1.000,");
        assertThat(d[3]).startsWith("20,2.000,");
        assertThat(d.length).isLessThanOrEqualTo(rows.size() / 10 + 3);
    }

    @Test
    void aRetentionWindowBoundsMemoryForLongSessionsAndKeepsTheLatestSteps() throws Exception {
        LoopRig rig = new LoopRig();
        Emulator emulator = rig.emulator(EmulatorConfig.defaults());
        emulator.recorder().retainLatest(20);
        emulator.start();
        try (TestController c = new TestController(rig, (step, s, r) -> List.<PointWrite>of(r.write("BENCH.Heartbeat", step)))) {
            assertThat(emulator.awaitPlantTime(10_000, Duration.ofSeconds(20))).isTrue();
        } finally {
            emulator.stop();
        }
        Recorder rec = emulator.recorder();
        // 100 or more steps recorded; between 20 and 40 kept, the latest ones, contiguous
        assertThat(rec.size()).isBetween(20, 39);
        assertThat(rec.droppedRows() + rec.size()).isEqualTo(rec.lastRow().step() + 1);
        List<TraceRow> rows = rec.rows();
        for (int k = 1; k < rows.size(); k++) assertThat(rows.get(k).step()).isEqualTo(rows.get(k - 1).step() + 1);
    }

    @Test
    void unitSuffixesOfCatalogueNamesBecomeCsvUnits() {
        assertThat(SiUnitSuffix.bracket("hp.dhWater.flowM3PerS")).isEqualTo(" [m3/s]");
        assertThat(SiUnitSuffix.bracket("hp.dhWater.massFlowKgPerS")).isEqualTo(" [kg/s]");
        assertThat(SiUnitSuffix.bracket("tank.sensor1TemperatureK")).isEqualTo(" [K]");
        assertThat(SiUnitSuffix.bracket("hp.compressor1.running")).isEmpty();
        assertThat(SiUnitSuffix.bracket("hp.cop")).isEmpty();
    }
}
