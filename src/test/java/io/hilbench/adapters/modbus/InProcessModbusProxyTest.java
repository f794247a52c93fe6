package io.hilbench.adapters.modbus;

import io.hilbench.points.PointTable;
import io.hilbench.runtime.link.FaultProxy;
import io.hilbench.runtime.link.LinkFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.hilbench.adapters.modbus.RawModbusClient.frame;
import static io.hilbench.adapters.modbus.RawModbusClient.pdu;
import static io.hilbench.adapters.modbus.RawModbusClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The link-fault proxy serving the Modbus server in its own JVM ({@link ModbusTcpServer#inProcess()}, issue #18
 * item 5), over real TCP on 127.0.0.1 with a raw MBAP client: it answers exactly as the server's own port does, in
 * one thread per connection, and every link fault acts on the Modbus traffic as it does through the TCP relay
 * ({@code FaultProxyTest}): a DROP resets and refuses, a BLACKHOLE holds requests unprocessed (nothing written to
 * the table) and answers them when it ends, a DELAY delays requests and answers alike and keeps their order.
 */
class InProcessModbusProxyTest {
    private static final Duration GUARD = Duration.ofMillis(RawModbusClient.HANG_GUARD_MS); // a hang guard, not a speed bar
    /** How long "no answer" must hold to count as held; an answer takes well under a millisecond. */
    private static final int STALL_MS = 300;

    private PointTable table;
    private ModbusTcpServer server;
    private FaultProxy proxy;
    private final List<RawModbusClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        table = TestRig.table();
        startServer(ModbusServerConfig.of("127.0.0.1", 0));
    }

    private void startServer(ModbusServerConfig config) throws Exception {
        server = new ModbusTcpServer(table, config);
        server.start();
        proxy = new FaultProxy("mbip", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new InetSocketAddress("127.0.0.1", server.port()), server.inProcess());
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (RawModbusClient c : clients) c.close();
        proxy.stop();
        server.stop();
    }

    private RawModbusClient connect() throws IOException {
        RawModbusClient c = new RawModbusClient(proxy.port());
        clients.add(c);
        return c;
    }

    private RawModbusClient connectDirect() throws IOException {
        RawModbusClient c = new RawModbusClient(server.port());
        clients.add(c);
        return c;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static List<String> proxyThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("link-proxy-mbip-")).toList();
    }

    @Test
    void answersExactlyAsTheServersOwnPortInOneThreadPerConnection() throws Exception {
        RawModbusClient viaProxy = connect();
        RawModbusClient direct = connectDirect();
        byte[][] requests = {
                request(0x0101, 1, pdu(4, 0, 18)),           // every input register of unit 1
                request(0x0102, 1, pdu(3, 0, 10)),           // holding registers
                request(0x0103, 1, pdu(1, 0, 4)),            // coils
                request(0x0104, 9, pdu(3, 0, 1)),            // no such unit: 0x0B
                request(0x0105, 1, pdu(0x28, 0, 1)),         // illegal function
                request(0x0106, 1, pdu(3, 200, 1)),          // unmapped address
        };
        for (byte[] r : requests) {
            RawModbusClient.Frame p = viaProxy.exchange(r);
            RawModbusClient.Frame d = direct.exchange(r);
            assertThat(p.transactionId()).isEqualTo(d.transactionId());
            assertThat(p.unit()).isEqualTo(d.unit());
            assertThat(p.pdu()).as("answer to %s", Arrays.toString(r)).containsExactly(d.pdu());
        }

        // a write through the proxy reaches the table; split and pipelined frames are reassembled and answered in order
        assertThat(viaProxy.exchange(request(0x0201, 1, pdu(6, 0, 500))).isException()).isFalse();
        byte[] split = request(0x0202, 1, pdu(3, 0, 1));
        viaProxy.send(Arrays.copyOfRange(split, 0, 4));
        assertThat(viaProxy.silentFor(100)).as("no answer to half a header").isTrue();
        viaProxy.send(concat(Arrays.copyOfRange(split, 4, split.length), request(0x0203, 2, pdu(3, 0, 1))));
        RawModbusClient.Frame first = viaProxy.read();
        RawModbusClient.Frame second = viaProxy.read();
        assertThat(first.transactionId()).isEqualTo(0x0202);
        assertThat(first.pdu()).containsExactly(3, 2, 0x01, 0xF4); // 500 = 50.0 % read back
        assertThat(second.transactionId()).isEqualTo(0x0203);

        // the server's counters count requests through the proxy; one proxy thread carries the connection
        assertThat(server.requestCount()).isGreaterThanOrEqualTo(requests.length * 2 + 3);
        assertThat(proxyThreads()).filteredOn(n -> !n.endsWith("-accept")).hasSize(1);
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void aMalformedHeaderClosesThatConnectionAfterAnsweringTheFramesBeforeIt() throws Exception {
        RawModbusClient bystander = connect();
        RawModbusClient bad = connect();
        bad.send(concat(request(0x0301, 1, pdu(3, 0, 1)), frame(0x0302, 0x1234, 6, 1, pdu(3, 0, 1))));
        assertThat(bad.read().transactionId()).isEqualTo(0x0301);
        assertThat(bad.closedByServer()).isTrue();
        assertThat(bystander.exchange(request(0x0303, 1, pdu(3, 0, 1))).isException()).isFalse();
        await("the closed session gives its slot back").atMost(GUARD).until(() -> server.connectionCount() == 1);
        assertThat(proxy.counters().connectionsOpen()).isEqualTo(1);
    }

    @Test
    void theServersConnectionCapHoldsThroughTheProxyAndSlotsComeBackOnClose() throws Exception {
        stop();
        clients.clear();
        startServer(new ModbusServerConfig("127.0.0.1", 0, 2, Duration.ZERO));
        RawModbusClient a = connect();
        RawModbusClient b = connect();
        assertThat(a.exchange(request(1, 1, pdu(3, 0, 1))).isException()).isFalse();
        assertThat(b.exchange(request(2, 1, pdu(3, 0, 1))).isException()).isFalse();
        RawModbusClient third = connect();
        assertThat(third.closedByServer()).as("a third connection over max_connections=2").isTrue();

        a.close();
        await("the slot comes back").atMost(GUARD).until(() -> server.connectionCount() == 1);
        assertThat(connect().exchange(request(4, 1, pdu(3, 0, 1))).isException()).isFalse();
    }

    @Test
    void dropResetsRefusesAndRecoversAndGivesTheSlotsBack() throws Exception {
        RawModbusClient c = connect();
        assertThat(c.exchange(request(1, 1, pdu(3, 0, 1))).isException()).isFalse();

        proxy.apply(LinkFault.DROP);
        assertThat(c.closedByServer()).isTrue();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxy.port()).close())
                .isInstanceOf(ConnectException.class);
        await("the dropped session gives its slot back").atMost(GUARD).until(() -> server.connectionCount() == 0);

        proxy.clear();
        assertThat(connect().exchange(request(2, 1, pdu(3, 0, 1))).isException()).isFalse();
    }

    @Test
    void blackholeHoldsRequestsUnprocessedAndAnswersThemInOrderWhenItEnds() throws Exception {
        RawModbusClient c = connect();
        assertThat(c.exchange(request(1, 1, pdu(3, 0, 1))).isException()).isFalse();
        long version = table.state().version();

        proxy.apply(LinkFault.BLACKHOLE);
        c.send(request(2, 1, pdu(6, 0, 250)));      // a write: must not reach the table during the fault
        c.send(request(3, 1, pdu(3, 0, 1)));
        assertThat(c.silentFor(STALL_MS)).as("nothing answered during a blackhole").isTrue();
        assertThat(table.state().version()).as("the held write is not applied").isEqualTo(version);

        proxy.clear();
        RawModbusClient.Frame write = c.read();
        RawModbusClient.Frame read = c.read();
        assertThat(write.transactionId()).isEqualTo(2);
        assertThat(write.isException()).isFalse();
        assertThat(read.transactionId()).isEqualTo(3);
        assertThat(read.pdu()).containsExactly(3, 2, 0, 250);
    }

    @Test
    void delayDelaysRequestAndAnswerAndKeepsOrderWhenItEndsMidFlight() throws Exception {
        RawModbusClient c = connect();
        int delayMs = 150;
        proxy.apply(LinkFault.DELAY, delayMs);

        long sent = System.nanoTime();
        RawModbusClient.Frame r = c.exchange(request(1, 1, pdu(3, 0, 1)));
        long roundTripMs = (System.nanoTime() - sent) / 1_000_000;
        assertThat(r.transactionId()).isEqualTo(1);
        assertThat(roundTripMs).as("a round trip crosses the delay twice").isGreaterThanOrEqualTo(2L * delayMs);

        // three requests in flight, the delay cleared while they are: the answers still come in order
        c.send(request(2, 1, pdu(3, 0, 1)));
        c.send(request(3, 2, pdu(3, 0, 1)));
        c.send(request(4, 1, pdu(3, 0, 1)));
        proxy.clear();
        c.send(request(5, 1, pdu(3, 0, 1)));
        for (int tid = 2; tid <= 5; tid++) {
            assertThat(c.read().transactionId()).isEqualTo(tid);
        }
        assertThat(c.exchange(request(6, 1, pdu(3, 0, 1))).transactionId()).isEqualTo(6);
    }

    @Test
    void aHalfCloseIsAnsweredThenEndsAndStopLeavesNoThreadOrSlot() throws Exception {
        RawModbusClient c = connect();
        c.send(request(1, 1, pdu(3, 0, 1)));
        c.socket.shutdownOutput();
        assertThat(c.read().transactionId()).isEqualTo(1);
        assertThat(c.closedByServer()).isTrue();

        // open connections held in a blackhole and a delay line, then stop
        List<RawModbusClient> open = new ArrayList<>();
        for (int i = 0; i < 4; i++) open.add(connect());
        proxy.apply(LinkFault.DELAY, 20);
        for (RawModbusClient o : open) assertThat(o.exchange(request(7, 1, pdu(3, 0, 1))).transactionId()).isEqualTo(7);
        proxy.apply(LinkFault.BLACKHOLE);
        for (RawModbusClient o : open) o.send(request(8, 1, pdu(3, 0, 1)));

        proxy.stop();
        assertThat(proxyThreads()).isEmpty();
        await("every session gives its slot back").atMost(GUARD).until(() -> server.connectionCount() == 0);
    }
}
