package io.hilbench.runtime.link;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The fault proxy over real TCP on 127.0.0.1, in front of an echo server, as it will sit in front of the Modbus
 * and OPC UA servers (DESIGN §6 "I/O link faults"). Fault durations are the caller's (plant time, DESIGN §4
 * item 9), so every test applies and clears explicitly.
 */
class FaultProxyTest {
    private static final Duration GUARD = Duration.ofSeconds(60);   // a hang guard, not a time limit: 2 loaded cores are slow
    /** How long "nothing arrives" must hold to count as a stall; a forwarded byte takes microseconds. */
    private static final Duration STALL = Duration.ofMillis(300);

    private EchoServer server;
    private FaultProxy proxy;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = EchoServer.echoing();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Socket client : clients) {
            client.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
        server.close();
    }

    private FaultProxy startProxy(String name) throws IOException {
        proxy = new FaultProxy(name, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), server.address());
        proxy.start();
        return proxy;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) GUARD.toMillis()); // a broken proxy fails the test instead of hanging it
        clients.add(socket);
        return socket;
    }

    private static byte[] roundTrip(Socket socket, byte[] request) throws IOException {
        socket.getOutputStream().write(request);
        return socket.getInputStream().readNBytes(request.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void passesBytesThroughUnchangedBothWaysAndCountsThem() throws Exception {
        startProxy("pass");
        Socket client = connect();
        byte[] request = new byte[40_000]; // more than one 16 KiB chunk
        for (int i = 0; i < request.length; i++) {
            request[i] = (byte) (i * 31);
        }

        assertThat(roundTrip(client, request)).isEqualTo(request);
        assertThat(roundTrip(client, ascii("again"))).isEqualTo(ascii("again"));

        // a pump counts a chunk just after writing it, so the client may read it a moment before it is counted
        await("byte counters catch up").atMost(GUARD).untilAsserted(() -> {
            ProxyCounters counters = proxy.counters();
            assertThat(counters.connectionsAccepted()).isEqualTo(1);
            assertThat(counters.connectionsOpen()).isEqualTo(1);
            assertThat(counters.bytesToServer()).isEqualTo(request.length + 5);
            assertThat(counters.bytesToClient()).isEqualTo(request.length + 5);
        });
        assertThat(proxy.fault()).isEmpty();
    }

    @Test
    void passesAnOrderlyEndOfStreamOnAsAHalfClose() throws Exception {
        // the client half-closes; the server must still get to answer before the connection ends (TCP FIN, not RST)
        startProxy("halfclose");
        Socket client = connect();
        client.getOutputStream().write(ascii("last words"));
        client.shutdownOutput();

        assertThat(client.getInputStream().readAllBytes()).isEqualTo(ascii("last words"));
        await("connection gone from proxy and server").atMost(GUARD)
                .until(() -> proxy.counters().connectionsOpen() == 0 && server.openConnections() == 0);
    }

    @Test
    void dropResetsOpenConnectionsOnBothSidesRefusesNewOnesAndRecoversOnClear() throws Exception {
        startProxy("drop");
        Socket client = connect();
        assertThat(roundTrip(client, ascii("ping"))).isEqualTo(ascii("ping"));
        await().atMost(GUARD).until(() -> server.openConnections() == 1);

        proxy.apply(LinkFault.DROP);

        // both sides see the connection end abruptly (SO_LINGER 0 -> RST), as when a link is cut
        InputStream in = client.getInputStream();
        assertThatThrownBy(in::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        await("server side of the dropped connection closed").atMost(GUARD).until(() -> server.openConnections() == 0);
        assertThat(proxy.counters().connectionsDropped()).isEqualTo(1);
        assertThat(proxy.counters().connectionsOpen()).isZero();

        // during the fault the port refuses connections (our documented choice: refuse, not accept-and-close)
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxy.port()).close())
                .isInstanceOf(ConnectException.class);
        assertThat(server.acceptedConnections()).isEqualTo(1);

        proxy.clear();

        Socket again = connect();
        assertThat(roundTrip(again, ascii("back"))).isEqualTo(ascii("back"));
        assertThat(proxy.counters().connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void blackholeStallsBothDirectionsKeepsConnectionsOpenAndDeliversHeldBytesWhenItEnds() throws Exception {
        server.close();
        server = EchoServer.silent(); // the test writes from the server's side itself
        startProxy("blackhole");
        Socket client = connect();
        client.getOutputStream().write(ascii("before"));
        await().atMost(GUARD).until(() -> server.bytesReceived() == 6);
        Socket serverSide = server.accepted(0);

        proxy.apply(LinkFault.BLACKHOLE);

        client.getOutputStream().write(ascii("request"));
        serverSide.getOutputStream().write(ascii("unsolicited"));
        await("nothing reaches the server").during(STALL).atMost(GUARD).until(() -> server.bytesReceived() == 6);
        await("nothing reaches the client").during(STALL).atMost(GUARD).until(() -> client.getInputStream().available() == 0);

        // a connection opened during the blackhole is accepted, and gets nothing either
        Socket late = connect();
        late.getOutputStream().write(ascii("hello?"));
        await("late connection stalls too").during(STALL).atMost(GUARD).until(() -> server.bytesReceived() == 6);
        await("late connection accepted").atMost(GUARD).until(() -> proxy.counters().connectionsOpen() == 2);

        proxy.clear();

        // held bytes flow on the connections that survived, in order, as TCP retransmission would deliver them
        assertThat(client.getInputStream().readNBytes(11)).isEqualTo(ascii("unsolicited"));
        await("held requests delivered").atMost(GUARD).until(() -> server.bytesReceived() == 6 + 7 + 6);
        assertThat(server.acceptedConnections()).isEqualTo(2); // the same two sessions, no reconnect needed
        assertThat(proxy.counters().connectionsDropped()).isZero();
    }

    @Test
    void aClientWhoseOwnTimeoutClosedItsConnectionDuringABlackholeReconnectsNormally() throws Exception {
        startProxy("timeout");
        Socket client = connect();
        proxy.apply(LinkFault.BLACKHOLE);
        client.getOutputStream().write(ascii("lost"));
        client.close(); // what a client does when its response timeout fires

        proxy.clear();

        Socket again = connect();
        assertThat(roundTrip(again, ascii("fresh"))).isEqualTo(ascii("fresh"));
        await().atMost(GUARD).until(() -> proxy.counters().connectionsOpen() == 1);
    }

    @Test
    void delayAddsAtLeastTheConfiguredLatencyInEachDirection() throws Exception {
        startProxy("delay");
        Socket client = connect();
        assertThat(roundTrip(client, ascii("warm"))).isEqualTo(ascii("warm"));
        long delayMs = 120;

        proxy.apply(LinkFault.DELAY, delayMs);
        long start = System.nanoTime();
        byte[] echoed = roundTrip(client, ascii("slow"));
        long roundTripMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(echoed).isEqualTo(ascii("slow"));
        // one delay on the way in, one on the way back
        assertThat(roundTripMs).isGreaterThanOrEqualTo(2 * delayMs);
        assertThat(proxy.fault()).contains(new ActiveLinkFault(LinkFault.DELAY, delayMs));
    }

    @Test
    void delayPreservesOrderAlsoWhenTheDelayShrinksOrEndsWhileChunksAreInFlight() throws Exception {
        startProxy("order");
        Socket client = connect();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();

        proxy.apply(LinkFault.DELAY, 200);
        for (int i = 0; i < 30; i++) {
            byte[] chunk = ascii(String.format("<%03d>", i));
            expected.write(chunk);
            client.getOutputStream().write(chunk);
            if (i == 10) {
                proxy.apply(LinkFault.DELAY, 1); // later chunks are due earlier, and must still come after
            } else if (i == 20) {
                proxy.clear(); // chunks still in the delay line go first, then the undelayed ones
            }
        }

        byte[] received = client.getInputStream().readNBytes(expected.size());
        assertThat(new String(received, StandardCharsets.US_ASCII)).isEqualTo(expected.toString(StandardCharsets.US_ASCII));
        assertThat(roundTrip(client, ascii("direct"))).isEqualTo(ascii("direct"));
    }

    @Test
    void freezePassesTrafficThroughUnchanged() throws Exception {
        // FREEZE is the point table's job (DESIGN §6); the proxy must not disturb the bytes
        startProxy("freeze");
        Socket client = connect();
        proxy.apply(LinkFault.FREEZE);

        assertThat(roundTrip(client, ascii("stale?"))).isEqualTo(ascii("stale?"));
        assertThat(proxy.fault()).contains(ActiveLinkFault.of(LinkFault.FREEZE));
    }

    @Test
    void stopClosesEveryConnectionAndJoinsEveryThreadEvenMidFault() throws Exception {
        startProxy("leak");
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            open.add(connect());
        }
        // delay lines start writer threads; then a blackhole parks pumps and writers on the gate with bytes held
        proxy.apply(LinkFault.DELAY, 50);
        for (Socket socket : open) {
            assertThat(roundTrip(socket, ascii("x"))).isEqualTo(ascii("x"));
        }
        proxy.apply(LinkFault.BLACKHOLE);
        for (Socket socket : open) {
            socket.getOutputStream().write(ascii("held"));
        }
        assertThat(proxyThreads("leak")).hasSizeGreaterThan(8 * 2);

        proxy.stop();

        // stop() joins: nothing named for this proxy may survive it
        assertThat(proxyThreads("leak")).isEmpty();
        assertThat(proxy.liveThreadNames()).isEmpty();
        for (Socket socket : open) {
            assertThat(endedAbruptlyOrOrderly(socket)).isTrue();
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxy.port()).close())
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> proxy.apply(LinkFault.DROP)).isInstanceOf(IllegalStateException.class);
    }

    private static List<String> proxyThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("link-proxy-" + name + "-"))
                .toList();
    }

    private static boolean endedAbruptlyOrOrderly(Socket socket) {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void servesManyConcurrentConnectionsEachWithItsOwnBytes() throws Exception {
        startProxy("many");
        int connections = 64;
        int roundTrips = 100;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int id = c;
                results.add(pool.submit(() -> {
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout((int) GUARD.toMillis());
                        for (int r = 0; r < roundTrips; r++) {
                            byte[] request = new byte[64];
                            Arrays.fill(request, (byte) (id + r));
                            if (!Arrays.equals(roundTrip(socket, request), request)) {
                                return false;
                            }
                        }
                        return true;
                    }
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        await("every connection closed and counted").atMost(GUARD).untilAsserted(() -> {
            ProxyCounters counters = proxy.counters();
            assertThat(counters.connectionsOpen()).isZero();
            assertThat(counters.connectionsAccepted()).isEqualTo(connections);
            assertThat(counters.bytesToServer()).isEqualTo((long) connections * roundTrips * 64);
            assertThat(counters.bytesToClient()).isEqualTo((long) connections * roundTrips * 64);
        });
        await("only the accept thread is left").atMost(GUARD).until(() -> proxyThreads("many").size() == 1);
    }

    @Test
    void aServerThatCannotBeReachedClosesTheClientAndTheProxyKeepsServing() throws Exception {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        proxy = new FaultProxy("dead", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), deadPort));
        proxy.start();

        for (int attempt = 1; attempt <= 2; attempt++) {
            Socket client = connect();
            assertThat(endedAbruptlyOrOrderly(client)).isTrue();
            int expected = attempt;
            await().atMost(GUARD).until(() -> proxy.counters().upstreamFailures() == expected);
        }
        assertThat(proxy.counters().connectionsOpen()).isZero();
    }

    @Test
    void rejectsBadArgumentsWithAClearMessage() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        assertThatThrownBy(() -> new FaultProxy("bad name!", any, server.address()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name!");
        assertThatThrownBy(() -> new FaultProxy("x", any, any))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target port");

        FaultProxy notStarted = new FaultProxy("early", any, server.address());
        assertThatThrownBy(() -> notStarted.apply(LinkFault.BLACKHOLE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(notStarted::port).isInstanceOf(IllegalStateException.class);

        startProxy("args");
        assertThatThrownBy(() -> proxy.apply(LinkFault.DELAY, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delayMs must be in 1..600000");
        assertThatThrownBy(() -> proxy.apply(LinkFault.DROP, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay faults only");
        assertThatThrownBy(() -> proxy.start()).isInstanceOf(IllegalStateException.class);
        // a refused request changes nothing: traffic still flows
        assertThat(proxy.fault()).isEmpty();
        assertThat(roundTrip(connect(), ascii("ok"))).isEqualTo(ascii("ok"));
    }
}
