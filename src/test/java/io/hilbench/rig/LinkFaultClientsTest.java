package io.hilbench.rig;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.link.LinkFault;
import io.hilbench.runtime.link.LinkProtocol;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * Each I/O link fault of DESIGN §6 (drop, blackhole, freeze, delay), injected into the wired bench of the Solrød
 * rig and seen by a real client of each protocol (j2mod's master, Milo's client), and each ending cleanly: after
 * the fault is cleared the same kind of client is served again, and stopping the bench leaves no proxy thread.
 * The plant runs in real time (no controller needed): BENCH.Step advances by itself.
 */
class LinkFaultClientsTest {
    private static final Duration GUARD = Duration.ofSeconds(60); // a guard against a hang, not a speed bar: a 2-core machine at load 20 needed more than 20 s
    private static Path tmp;
    private static BenchAssembly bench;
    private static int stepAddress;
    private static String modbusHost;
    private static int modbusPort;
    /** Threads alive before this bench started: other benches of the same test JVM may own proxies too. */
    private static java.util.Set<Thread> threadsBefore;

    @BeforeAll
    static void startBench() throws Exception {
        threadsBefore = Thread.getAllStackTraces().keySet();
        tmp = Files.createTempDirectory("link-faults");
        // a copy of the Solrød rig whose PKI lives in the temp folder, so the test writes nothing under ~/.hilbench
        Path rig = tmp.resolve("solrod");
        Files.createDirectories(rig);
        for (String f : List.of("points.csv", "controller.csv")) Files.copy(Path.of("rigs/solrod", f), rig.resolve(f));
        Files.writeString(rig.resolve("rig.yaml"), Files.readString(Path.of("rigs/solrod/rig.yaml")).replace("../../plant-models/", Path.of("plant-models").toAbsolutePath() + "/")
                .replace("  # pki_dir: ~/.hilbench/pki/solrod   (the default)", "  pki_dir: " + tmp.resolve("pki").toString().replace('\\', '/')));
        Rig r = RigLoader.loadDefault(rig);
        stepAddress = r.point("BENCH.Step").orElseThrow().modbus().address();
        bench = new BenchAssembly(r, PlantModels.create(r),
                BenchAssembly.Options.defaults().withPacing(Pacing.realtime()).withPorts(0, 0));
        bench.start();
        String hostPort = bench.modbusHostPort();
        modbusHost = hostPort.substring(0, hostPort.lastIndexOf(':'));
        modbusPort = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        assertThat(bench.faultableLinks()).containsExactlyInAnyOrder(LinkProtocol.MODBUS, LinkProtocol.OPC_UA);
    }

    @AfterEach
    void clearFaults() {
        bench.clearLinkFault(null);
    }

    @AfterAll
    static void stopBench() throws Exception {
        bench.stop();
        // ending cleanly: no proxy pump or accept thread this bench started outlives it
        await("this bench's proxy threads end").atMost(GUARD).until(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !threadsBefore.contains(t))
                .noneMatch(t -> t.getName().startsWith("link-proxy-") && t.isAlive()));
    }

    /** A client timeout for requests that must be answered: a hang guard, not a time limit (loaded machines are slow). */
    private static final int ANSWER_MS = 10_000;

    private static ModbusTCPMaster master(int timeoutMs) throws Exception {
        ModbusTCPMaster m = new ModbusTCPMaster(modbusHost, modbusPort, timeoutMs, false);
        m.connect();
        m.setRetries(1); // after connect(): the transaction is created there (library notes)
        return m;
    }

    private static long step(ModbusTCPMaster m) throws Exception {
        InputRegister[] r = m.readInputRegisters(1, stepAddress, 2);
        return ((long) r[0].toUnsignedShort() << 16) | r[1].toUnsignedShort();
    }

    @Test
    void modbusDropResetsOpenConnectionsRefusesNewOnesAndRecovers() throws Exception {
        ModbusTCPMaster m = master(ANSWER_MS);
        try {
            assertThat(step(m)).isGreaterThanOrEqualTo(0);
            bench.injectLinkFault(LinkProtocol.MODBUS, LinkFault.DROP, 0);
            assertThat(bench.emulator().config().pacing().kind()).isEqualTo(Pacing.Kind.REALTIME);
            assertThatThrownBy(() -> step(m)).as("the open connection is reset").isInstanceOf(Exception.class);
            assertThatThrownBy(() -> master(500)).as("a new connection is refused during the drop").isInstanceOf(Exception.class);
        } finally {
            m.disconnect();
        }
        bench.clearLinkFault(LinkProtocol.MODBUS);
        ModbusTCPMaster again = master(ANSWER_MS);
        try {
            long before = step(again);
            await("BENCH.Step advances over a new connection after the drop").atMost(GUARD)
                    .until(() -> step(again) > before);
        } finally {
            again.disconnect();
        }
    }

    @Test
    void modbusBlackholeStallsRequestsUntilItEnds() throws Exception {
        ModbusTCPMaster m = master(ANSWER_MS);
        try {
            step(m);
            m.setTimeout(400);   // short only where the test waits for it to run out
            bench.injectLinkFault(LinkProtocol.MODBUS, LinkFault.BLACKHOLE, 0);
            assertThatThrownBy(() -> step(m)).as("no answer within the client's timeout").isInstanceOf(Exception.class);
        } finally {
            m.disconnect();
        }
        bench.clearLinkFault(LinkProtocol.MODBUS);
        ModbusTCPMaster again = master(ANSWER_MS);
        try {
            assertThat(step(again)).isGreaterThan(0);
        } finally {
            again.disconnect();
        }
    }

    @Test
    void modbusDelayAddsLatencyToEveryRoundTrip() throws Exception {
        ModbusTCPMaster m = master(ANSWER_MS);
        try {
            step(m);
            bench.injectLinkFault(LinkProtocol.MODBUS, LinkFault.DELAY, 1000);
            long t0 = System.nanoTime();
            step(m);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("a round trip crosses the proxy twice").isGreaterThanOrEqualTo(2000);
            bench.clearLinkFault(LinkProtocol.MODBUS);
            t0 = System.nanoTime();
            step(m);
            // below what any delayed round trip takes (2 s), far above an undelayed one even on 2 loaded cores (on main:
            // 300 ms against a 150 ms delay, a bound a loaded machine could cross)
            assertThat((System.nanoTime() - t0) / 1_000_000).as("latency gone after the fault").isLessThan(2000);
        } finally {
            m.disconnect();
        }
    }

    @Test
    void freezeServesAStaleSnapshotOnBothProtocolsWhileThePlantRunsOn() throws Exception {
        ModbusTCPMaster m = master(ANSWER_MS);
        OpcUaClient c = opcua();
        try {
            NodeId stepNode = new NodeId(c.getNamespaceTable().getIndex("urn:hilbench:solrod"), "BENCH.Step");
            bench.injectLinkFault(null, LinkFault.FREEZE, 0);
            long frozen = step(m);
            long plantAtFreeze = bench.emulator().step();
            await("the plant steps on behind the frozen link").atMost(GUARD).until(() -> bench.emulator().step() > plantAtFreeze + 3);
            assertThat(step(m)).as("Modbus serves the frozen step").isEqualTo(frozen);
            assertThat(opcuaStep(c, stepNode)).as("OPC UA serves the frozen step").isEqualTo(frozen);
            bench.clearLinkFault(null);
            await("both protocols serve live values again").atMost(GUARD)
                    .until(() -> step(m) > frozen && opcuaStep(c, stepNode) > frozen);
        } finally {
            m.disconnect();
            c.disconnect();
        }
    }

    @Test
    void opcuaDropAndBlackholeBreakReadsAndTheClientRecoversAfterwards() throws Exception {
        OpcUaClient c = opcua();
        try {
            NodeId stepNode = new NodeId(c.getNamespaceTable().getIndex("urn:hilbench:solrod"), "BENCH.Step");
            long before = opcuaStep(c, stepNode);
            bench.injectLinkFault(LinkProtocol.OPC_UA, LinkFault.BLACKHOLE, 0);
            assertThatThrownBy(() -> c.readValuesAsync(0.0, TimestampsToReturn.Neither, List.of(stepNode)).get(1, TimeUnit.SECONDS))
                    .as("no answer within 1 s (the client's own timeout is a long hang guard)").isInstanceOf(java.util.concurrent.TimeoutException.class);
            bench.clearLinkFault(LinkProtocol.OPC_UA);
            bench.injectLinkFault(LinkProtocol.OPC_UA, LinkFault.DROP, 0);
            assertThatThrownBy(() -> opcuaStep(c, stepNode)).as("the secure channel is reset").isInstanceOf(Exception.class);
            bench.clearLinkFault(LinkProtocol.OPC_UA);
            // Milo's session state machine reconnects by itself once the link is back
            await("the same client reads live values again").atMost(GUARD).ignoreExceptions()
                    .until(() -> opcuaStep(c, stepNode) > before);
        } finally {
            c.disconnect();
        }
    }

    private static OpcUaClient opcua() throws Exception {
        OpcUaClient c = OpcUaClient.create(bench.opcuaEndpoint(),
                eps -> eps.stream().filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri())).findFirst(),
                t -> {},
                cfg -> cfg.setApplicationName(LocalizedText.english("link fault test client"))
                        .setApplicationUri("urn:hilbench:test:link-faults")
                        .setIdentityProvider(new AnonymousProvider())
                        .setRequestTimeout(uint(ANSWER_MS)));
        try {
            c.connect();
        } catch (Exception e) {
            c.disconnect(); // a failed connect still needs disconnect (library notes, Milo pitfall 6)
            throw e;
        }
        return c;
    }

    private static long opcuaStep(OpcUaClient c, NodeId node) throws Exception {
        DataValue v = c.readValues(0.0, TimestampsToReturn.Neither, List.of(node)).get(0);
        if (!v.getStatusCode().isGood()) throw new IllegalStateException("BENCH.Step read " + v.getStatusCode());
        return ((Number) v.getValue().getValue()).longValue();
    }
}
