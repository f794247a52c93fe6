package io.hilbench.cli;

import io.hilbench.rig.PlantModels;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.hilbench.adapters.modbus.ModbusServerConfig;
import io.hilbench.adapters.modbus.ModbusTcpServer;
import io.hilbench.points.PointTable;
import io.hilbench.rig.RigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code bench controller}: variants, usage errors (exit 2, DESIGN §11), and a real start on free ports. */
class ControllerCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ControllerCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void listVariantsPrintsEachNameWithWhatItRemovesAndWhatCatchesIt() {
        Run r = run("--list-variants");
        assertThat(r.exit()).isZero();
        // the names stay unindented lines, in order (a script can take them as before: lines not starting with a space)
        List<String> names = r.out().lines().filter(l -> !l.startsWith(" ")).toList();
        assertThat(names).containsExactlyElementsOf(io.hilbench.controller.Variant.names());
        assertThat(names).startsWith("no-flow-proof", "no-hp-unload", "restarts-after-trip").contains("never-starts", "state-stuck-running", "pumps-hot-return").hasSize(24);
        // what it removes is the variant's description; what catches it is features/expected-failures.yaml's pairs
        List<String> lines = r.out().lines().toList();
        int i = lines.indexOf("no-flow-proof");
        assertThat(lines.get(i + 1)).startsWith("    removes:").contains(io.hilbench.controller.Variant.NO_FLOW_PROOF.description());
        assertThat(lines.get(i + 2)).isEqualTo("    caught by: SU-01: SU-01.flow-proof");
        int c = lines.indexOf("no-comm-loss-handling");
        assertThat(lines.get(c + 2)).isEqualTo("    caught by: CL-01: CL-01.min-off, CL-01.failsafe");
        int rt = lines.indexOf("restarts-after-trip");
        assertThat(lines.get(rt + 2)).isEqualTo("    caught by: HP-02: HP-02.no-restart; HP-03: HP-03.held-or-tripped");
        // a variant that passes at nominal is caught at its rig corner (expected-failures.yaml at_corners)
        int be = lines.indexOf("supply-at-band-edge");
        assertThat(lines.get(be + 2)).isEqualTo("    caught by: SU-01 @sensors-high: SU-01.settle");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void anUnknownVariantIsAUsageError() {
        Run r = run("--variant", "no-such-thing");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown variant 'no-such-thing'").contains("no-flow-proof");
    }

    @Test
    void plantOpcUaAndPlantModbusTogetherAreAUsageError() {
        Run r = run("--plant-opcua", "opc.tcp://127.0.0.1:4840/hilbench", "--plant-modbus", "127.0.0.1:1502");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not both");
    }

    @Test
    void aPlantOpcUaUrlThatIsNoOpcTcpUrlIsAUsageError() {
        Run r = run("--plant-opcua", "http://127.0.0.1:4840/hilbench");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("expected opc.tcp://HOST:PORT");
    }

    @Test
    void startsOnFreePortsPrintsItsEndpointsThenReadyAndStopsCleanly(@TempDir Path tmp) throws Exception {
        // a copy of the Solrød rig whose PKI lives in the temp folder, so the test writes nothing under ~/.hilbench
        Path rig = tmp.resolve("solrod");
        Files.createDirectories(rig);
        for (String f : List.of("points.csv", "controller.csv")) Files.copy(Path.of("rigs/solrod", f), rig.resolve(f));
        String yaml = Files.readString(Path.of("rigs/solrod/rig.yaml")).replace("../../plant-models/", Path.of("plant-models").toAbsolutePath() + "/")
                .replace("  # pki_dir: ~/.hilbench/pki/solrod   (the default)", "  pki_dir: " + tmp.resolve("pki").toString().replace('\\', '/'));
        assertThat(yaml).contains("pki_dir: " + tmp.resolve("pki"));
        Files.writeString(rig.resolve("rig.yaml"), yaml);

        PointTable plant = new PointTable(RigLoader.loadDefault(rig).points(), PlantModels.catalogue("solrod"));
        ModbusTcpServer plantServer = new ModbusTcpServer(plant, ModbusServerConfig.of("127.0.0.1", 0));
        plantServer.start();
        ControllerCommand cmd = new ControllerCommand();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(cl.execute("--rig", rig.toString(), "--plant-modbus", "127.0.0.1:" + plantServer.port(),
                "--supervisory-opcua-port", "0", "--supervisory-modbus-port", "0")), "controller-command-under-test");
        t.start();
        try {
            assertThat(cmd.ready.await(300, TimeUnit.SECONDS)).as("ready (a hang guard, not a speed bound); stderr: %s", err).isTrue();
            List<String> lines = out.toString().lines().toList();
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).matches("supervisory modbus tcp://127\\.0\\.0\\.1:\\d+ unit 1");
            assertThat(lines.get(1)).matches("supervisory opc\\.tcp://127\\.0\\.0\\.1:\\d+/controller");
            assertThat(lines.get(2)).isEqualTo("plant modbus tcp://127.0.0.1:" + plantServer.port());
            assertThat(lines.get(3)).isEqualTo("ready");
            Matcher m = Pattern.compile(":(\\d+) unit").matcher(lines.get(0));
            assertThat(m.find()).isTrue();
            ModbusTCPMaster bench = new ModbusTCPMaster("127.0.0.1", Integer.parseInt(m.group(1)), 2000, false);
            bench.connect();
            try {
                assertThat(bench.readInputDiscretes(1, 0, 1).getBit(0)).as("CTL.SimulationActive").isTrue();
            } finally {
                bench.disconnect();
            }
            // the controller acknowledges the plant's step 0 over Modbus
            await("controller writes its heartbeat").atMost(java.time.Duration.ofSeconds(300))
                    .until(() -> plant.state().value(plant.indexOf("BENCH.Heartbeat")) != 0);
        } finally {
            cmd.stopRequested.countDown();
            t.join(15_000);
            plantServer.stop();
        }
        assertThat(exit.get()).isZero();
    }

    @Test
    void runsAgainstThePlantOverOpcUaWithPlantOpcua(@TempDir Path tmp) throws Exception {
        // --plant-opcua: the controller's plant I/O over OPC UA Read/Write (OpcUaControllerIo) against a real plant
        // server over the Solrød point map; it acknowledges the plant's step with heartbeat and Ack in one Write
        Path rig = tmp.resolve("solrod");
        Files.createDirectories(rig);
        for (String f : List.of("points.csv", "controller.csv")) Files.copy(Path.of("rigs/solrod", f), rig.resolve(f));
        String yaml = Files.readString(Path.of("rigs/solrod/rig.yaml")).replace("../../plant-models/", Path.of("plant-models").toAbsolutePath() + "/")
                .replace("  # pki_dir: ~/.hilbench/pki/solrod   (the default)", "  pki_dir: " + tmp.resolve("pki").toString().replace('\\', '/'));
        Files.writeString(rig.resolve("rig.yaml"), yaml);
        io.hilbench.rig.Rig loaded = RigLoader.loadDefault(rig);

        PointTable plant = new PointTable(loaded.points(), PlantModels.catalogue("solrod"));
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        io.hilbench.adapters.opcua.OpcUaPlantServer plantServer = new io.hilbench.adapters.opcua.OpcUaPlantServer(plant,
                io.hilbench.adapters.opcua.OpcUaServerSettings.loopback(port, "/hilbench", loaded.opcua().namespaceUri(), "urn:hilbench:test:plant",
                        tmp.resolve("plant-pki")));
        plantServer.start();
        ControllerCommand cmd = new ControllerCommand();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(cl.execute("--rig", rig.toString(), "--plant-opcua", plantServer.endpointUrl(),
                "--supervisory-opcua-port", "0", "--supervisory-modbus-port", "0")), "controller-command-under-test");
        t.start();
        try {
            assertThat(cmd.ready.await(300, TimeUnit.SECONDS)).as("ready (a hang guard, not a speed bound); stderr: %s", err).isTrue();
            assertThat(out.toString().lines().toList()).contains("plant opcua " + plantServer.endpointUrl() + " (" + loaded.opcua().namespaceUri() + ")");
            await("controller writes its heartbeat over OPC UA").atMost(java.time.Duration.ofSeconds(300))
                    .until(() -> plant.state().value(plant.indexOf("BENCH.Heartbeat")) != 0);
        } finally {
            cmd.stopRequested.countDown();
            t.join(15_000);
            try {
                plantServer.stop();
            } catch (java.util.concurrent.RejectedExecutionException sharedStackReleased) {
                // the command released Milo's JVM-wide executors on exit (it is its own process in real use); the
                // plant server in this same JVM has nothing left to stop with
            }
        }
        assertThat(exit.get()).isZero();
    }
}
