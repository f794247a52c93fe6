package io.hilbench.cli;

import io.hilbench.adapters.modbus.ModbusServerConfig;
import io.hilbench.adapters.modbus.ModbusTcpServer;
import io.hilbench.points.PointTable;
import io.hilbench.rig.RigLoader;
import io.hilbench.scenario.BenchSession;
import io.hilbench.scenario.VerdictLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench run --controller external} against a stand-in PLC: a supervisory table built from rigs/vendor-example's
 * controller map, served over Modbus TCP on a free port (what a vendor's panel offers), that never answers the plant
 * (so the plant runs accelerated, not in lockstep). What the bench must do before and between scenarios (issue #9
 * item 4, DESIGN §7, §8): the preflight lists a point the controller does not serve and exits 2; a controller that is
 * not back in Off after stop, reset and the minimum off time makes the scenario INCONCLUSIVE with the reason (exit
 * 3); a controller whose simulation flag is off is never commanded (INCONCLUSIVE, exit 3).
 */
class ExternalControllerRunTest {
    @TempDir
    Path tmp;
    ModbusTcpServer plc;
    PointTable plcTable;

    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierRuns() {
        // the ledger is per JVM: scenarios run earlier in this JVM (the suite) are not this test's
        VerdictLedger.clear();
    }

    @AfterEach
    void stop() throws Exception {
        BenchSession.closeCurrent();
        if (plc != null) plc.stop();
    }

    /** The vendor rig on free plant ports, its controller endpoint at the stand-in PLC, which serves the map's points that {@code served} accepts. */
    private Path rigWithPlc(java.util.function.Predicate<String> served) throws Exception {
        Path dir = tmp.resolve("rig");
        Files.createDirectories(dir);
        Files.copy(Path.of("rigs/vendor-example/points.csv"), dir.resolve("points.csv"));
        Files.copy(Path.of("rigs/vendor-example/controller.csv"), dir.resolve("controller.csv"));
        var map = RigLoader.loadDefault(Path.of("rigs/vendor-example")).controller().orElseThrow().points();
        plcTable = PointTable.withoutPlant(map.stream().filter(p -> served.test(p.tag())).toList());
        plc = new ModbusTcpServer(plcTable, ModbusServerConfig.of("127.0.0.1", 0));
        plc.start();
        Files.writeString(dir.resolve("rig.yaml"), Files.readString(Path.of("rigs/vendor-example/rig.yaml"))
                .replace("port: 1512", "port: 0").replace("port: 4850", "port: 0")
                .replace("modbus-tcp://127.0.0.1:1513", "modbus-tcp://127.0.0.1:" + plc.port())
                .replace("  anonymous: true", "  anonymous: true\n  pki_dir: " + tmp.resolve("pki").toString().replace('\\', '/')));
        return dir;
    }

    private record Run(int exit, String err) {}

    private Run run(Path rig) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("run", "--rig", rig.toString(), "--controller", "external", "--pace", "accelerated:200",
                "--tags", "@SU-04", "--report", tmp.resolve("report").toString());
        return new Run(exit, err.toString());
    }

    @Test
    void aPointThePlcDoesNotServeFailsThePreflightWithItsAddressAndExit2() throws Exception {
        // the PLC has no warning word: the rig's HP1_ALM_WARN (input register 2 of unit 5) gets exception 02
        Run r = run(rigWithPlc(tag -> !tag.equals("HP1_ALM_WARN")));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("controller").contains("HP1_ALM_WARN").contains("5:ir:2:uint16").contains("preflight failed");
        assertThat(VerdictLedger.records()).as("no scenario ran").isEmpty();
    }

    @Test
    void aControllerNotBackInOffMakesTheScenarioInconclusiveWithTheReason() throws Exception {
        Path rig = rigWithPlc(tag -> true);
        plcTable.set("HP1_SIM_MODE", 1, "test");
        plcTable.set("HP1_STATE", 3, "test");     // vendor RUNNING, whatever the bench commands
        Run r = run(rig);
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(VerdictLedger.records()).singleElement().satisfies(rec -> {
            assertThat(rec.outcome()).isEqualTo(VerdictLedger.ScenarioOutcome.INCONCLUSIVE);
            assertThat(rec.error()).contains("reset between scenarios failed").contains("reads Running instead of Off")
                    .contains("stop, reset and the minimum off time");
        });
        // one truth in every document (issue #14 item 7): Cucumber's own reports do not call it failed either
        Path report = tmp.resolve("report");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.resolve("cucumber.json").toFile());
        List<String> statuses = new java.util.ArrayList<>();
        List<String> messages = new java.util.ArrayList<>();
        for (var feature : json) for (var element : feature.path("elements")) for (String part : new String[] {"before", "steps", "after"}) {
            for (var step : element.path(part)) {
                statuses.add(step.path("result").path("status").asText());
                messages.add(step.path("result").path("error_message").asText(""));
            }
        }
        assertThat(statuses).contains("skipped").doesNotContain("failed");
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("INCONCLUSIVE: ").contains("reads Running instead of Off").contains("exit 3"));
        List<com.fasterxml.jackson.databind.JsonNode> page = CucumberHtmlWithPlotsTest.messagesIn(report.resolve("cucumber.html"));
        assertThat(page).noneSatisfy(m -> assertThat(m.path("testStepFinished").path("testStepResult").path("status").asText()).isEqualTo("FAILED"));
        assertThat(page).anySatisfy(m -> assertThat(m.path("testStepFinished").path("testStepResult").path("status").asText()).isEqualTo("SKIPPED"));
        assertThat(page).anySatisfy(m -> assertThat(m.path("attachment").path("body").asText()).startsWith("INCONCLUSIVE: ").contains("reads Running instead of Off"));
    }

    @Test
    void aControllerOutOfSimulationIsNeverCommanded() throws Exception {
        Path rig = rigWithPlc(tag -> true);
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        plcTable.addListener(new io.hilbench.points.PointTableListener() {
            @Override
            public void written(io.hilbench.points.TableState after, List<io.hilbench.points.PointWrite> writes, String origin) {
                if (!origin.equals("test")) writes.forEach(w -> written.add(plcTable.point(w.pointIndex()).tag()));
            }
        });
        plcTable.set("HP1_STATE", 1, "test");     // STOPPED, but HP1_SIM_MODE stays false: wired to live plant
        Run r = run(rig);
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(written).as("no command reached the PLC").isEmpty();
        assertThat(VerdictLedger.records()).singleElement().satisfies(rec ->
                assertThat(rec.error()).contains("HP1_SIM_MODE does not read true"));
    }
}
