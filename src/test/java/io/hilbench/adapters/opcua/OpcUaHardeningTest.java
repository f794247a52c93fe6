package io.hilbench.adapters.opcua;

import io.hilbench.points.PointTable;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.identity.X509IdentityProvider;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MonitoringMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateResult;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoringParameters;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.hilbench.adapters.opcua.TestPlant.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * OPC UA hardening (issue 18 item 2): the bench's own limits (sessions, monitored items per session, message size)
 * answered with their OPC UA status codes; malformed and oversized traffic from a raw socket; the identity rules
 * (anonymous only on loopback None, username only over SignAndEncrypt with PBKDF2-hashed passwords, no X.509 user
 * tokens), each checked from the server side by a client that offers a token the endpoint did not advertise. After
 * every abuse a well-behaved Milo client is still served.
 */
class OpcUaHardeningTest {
    private static final int HANG_GUARD_MS = 60_000;
    private static final int MAX_SESSIONS = 4;
    private static final int MAX_ITEMS_PER_SESSION = 20;

    @TempDir
    static Path tmp;
    static PointTable table;
    static OpcUaPlantServer server;
    static KeyPair keys;
    static X509Certificate cert;

    @BeforeAll
    static void start() throws Exception {
        keys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        cert = new SelfSignedCertificateBuilder(keys).setCommonName("hil-bench hardening client").setApplicationUri(TestPlant.CLIENT_URI)
                .addDnsName("localhost").addIpAddress("127.0.0.1").build();
        table = TestPlant.table();
        OpcUaServerSettings s = OpcUaServerSettings.loopback(TestPlant.freePort(), "/hard", TestPlant.NS, TestPlant.APP_URI, tmp.resolve("pki"))
                .withTrustAllClients(true)
                .withIdentity(true, Map.of("operator", PasswordHash.hash("s3cret-pw".toCharArray())))
                .withLimits(OpcUaLimits.DEFAULTS.withSessions(MAX_SESSIONS).withMonitoredItemsPerSession(MAX_ITEMS_PER_SESSION));
        // (a message limit far below the default cannot be tested here: Milo 1.1.2 decodes its own standard nodeset
        // under the server's encoding limits, and 64 KiB broke the AnalogItemType definition at startup)
        server = new OpcUaPlantServer(table, s);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.stop();
    }

    /** A Milo client on the None or the Basic256Sha256 endpoint; {@code tamper} may change the endpoint it uses. */
    static OpcUaClient connect(boolean secure, IdentityProvider identity, UnaryOperator<EndpointDescription> tamper) throws Exception {
        return TestPlant.connect(server.endpointUrl(),
                eps -> eps.stream().filter(e -> secure
                        ? SecurityPolicy.Basic256Sha256.getUri().equals(e.getSecurityPolicyUri())
                        : SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri())).findFirst().map(tamper),
                cfg -> cfg.setApplicationName(LocalizedText.english("hil-bench hardening client")).setApplicationUri(TestPlant.CLIENT_URI)
                        .setKeyPair(keys).setCertificate(cert).setCertificateChain(new X509Certificate[] {cert})
                        .setIdentityProvider(identity).setRequestTimeout(uint(HANG_GUARD_MS)));
    }

    static OpcUaClient wellBehaved() throws Exception {
        return connect(false, new AnonymousProvider(), e -> e);
    }

    /** The well-behaved client reads a value: the server still serves. */
    static void assertStillServing() throws Exception {
        OpcUaClient c = wellBehaved();
        try {
            DataValue v = c.readValue(0.0, TimestampsToReturn.Neither, node(c, "PT-202"));
            assertThat(v.statusCode().isGood()).as("a well-behaved client is served").isTrue();
        } finally {
            c.disconnect();
        }
    }

    static EndpointDescription withTokens(EndpointDescription e, UserTokenPolicy... tokens) {
        return new EndpointDescription(e.getEndpointUrl(), e.getServer(), e.getServerCertificate(), e.getSecurityMode(),
                e.getSecurityPolicyUri(), tokens, e.getTransportProfileUri(), e.getSecurityLevel());
    }

    static long statusOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof UaException u) return u.getStatusCode().value();
        return -1;
    }

    // ---- raw socket abuse -------------------------------------------------------------------------------------

    /** OPC UA Part 6 §7.1.2.3 Hello: header, protocol version, buffer sizes, max message size and chunk count, URL. */
    static byte[] hello(int receiveBuffer, int sendBuffer, int maxMessage, int maxChunks, String url) {
        byte[] u = url.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(32 + u.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("HELF".getBytes(StandardCharsets.US_ASCII)).putInt(32 + u.length).putInt(0)
                .putInt(receiveBuffer).putInt(sendBuffer).putInt(maxMessage).putInt(maxChunks).putInt(u.length).put(u);
        return b.array();
    }

    static byte[] chunkHeader(String type, int size) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put(type.getBytes(StandardCharsets.US_ASCII)).putInt(size).array();
    }

    /** Everything the server sends until it closes (a hang guard, not a time bound). */
    static byte[] untilClosed(Socket s) throws IOException {
        s.setSoTimeout(HANG_GUARD_MS);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        try {
            for (int n; (n = in.read(b)) >= 0; ) got.write(b, 0, n);
        } catch (SocketException reset) {
            // a reset is a close too
        }
        return got.toByteArray();
    }

    static Socket raw() throws IOException {
        String url = server.endpointUrl();
        int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1"));
        Socket s = new Socket("127.0.0.1", port);
        s.setTcpNoDelay(true);
        return s;
    }

    /** A server of its own for a limit test, so sessions other tests leave behind (refused logins) cannot count. */
    static OpcUaPlantServer limitedServer(String path, OpcUaLimits limits) throws Exception {
        OpcUaServerSettings s = OpcUaServerSettings.loopback(TestPlant.freePort(), path, TestPlant.NS, TestPlant.APP_URI, tmp.resolve("pki"))
                .withTrustAllClients(true).withLimits(limits);
        OpcUaPlantServer srv = new OpcUaPlantServer(TestPlant.table(), s);
        srv.start();
        return srv;
    }

    static OpcUaClient anonymous(OpcUaPlantServer srv) throws Exception {
        return TestPlant.connect(srv.endpointUrl(),
                eps -> eps.stream().filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri())).findFirst(),
                cfg -> cfg.setApplicationName(LocalizedText.english("hil-bench limits client")).setApplicationUri(TestPlant.CLIENT_URI)
                        .setIdentityProvider(new AnonymousProvider()).setRequestTimeout(uint(HANG_GUARD_MS)));
    }

    static void assertServes(OpcUaClient c) throws Exception {
        DataValue v = c.readValue(0.0, TimestampsToReturn.Neither, node(c, "PT-202"));
        assertThat(v.statusCode().isGood()).as("a well-behaved client is served").isTrue();
    }

    static MonitoredItemCreateRequest item(OpcUaClient c, String tag, int handle) {
        return new MonitoredItemCreateRequest(new ReadValueId(node(c, tag), AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE),
                MonitoringMode.Reporting, new MonitoringParameters(uint(handle), 100.0, null, uint(1), true));
    }

    @Test
    void malformedOversizedAndTruncatedRawTrafficIsClosedWhileAWellBehavedClientIsServed() throws Exception {
        String url = server.endpointUrl();
        OpcUaClient steady = wellBehaved(); // connected before the abuse, read after each one
        try {
            // 1. after a proper Hello, a chunk header claiming 2 GiB: Milo 1.1.2 closes the connection (an ERR first
            //    is allowed, not required); nothing of the claimed size is buffered
            try (Socket s = raw()) {
                s.getOutputStream().write(hello(65535, 65535, 0, 0, url));
                s.getOutputStream().write(chunkHeader("OPNF", Integer.MAX_VALUE));
                s.getOutputStream().write(new byte[1024]);
                String got = new String(untilClosed(s), StandardCharsets.US_ASCII);
                // Milo 1.1.2 answers ERR Bad_TcpMessageTooLarge, then closes
                assertThat(got).as("an ERR, no OPN answer, for an oversized chunk").contains("ERRF").doesNotContain("OPNF");
            }
            assertServes(steady);
            // 2. a chunk over the negotiated 65,535-byte buffer, after a Hello claiming unlimited sizes: closed
            try (Socket s = raw()) {
                s.getOutputStream().write(hello(-1, -1, -1, -1, url));
                s.getOutputStream().write(chunkHeader("MSGF", 64 * 1024 + 1));
                s.getOutputStream().write(new byte[4096]);
                assertThat(new String(untilClosed(s), StandardCharsets.US_ASCII)).as("ERR Bad_TcpMessageTooLarge").contains("ERRF");
            }
            assertServes(steady);
            // 3. garbage after the Hello: a message type that is no OPC UA at all, then text: closed
            try (Socket s = raw()) {
                s.getOutputStream().write(hello(65535, 65535, 0, 0, url));
                s.getOutputStream().write(chunkHeader("XYZF", 64));
                s.getOutputStream().write("this is not OPC UA at all, this is not OPC UA at all, 1234567".getBytes(StandardCharsets.US_ASCII));
                // both arrive in one read: Milo 1.1.2 answers ERR Bad_TcpMessageTypeInvalid (no ACK first), then closes
                assertThat(new String(untilClosed(s), StandardCharsets.US_ASCII)).as("ERR for an unknown message type").contains("ERRF");
            }
            assertServes(steady);
            // 4. garbage instead of a Hello (an HTTP request): closed
            try (Socket s = raw()) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                untilClosed(s);
            }
            assertServes(steady);
            // 5. truncated: a chunk promising 1000 bytes of which 12 arrive, a Hello cut after 20 bytes; the clients vanish
            try (Socket s = raw()) {
                s.getOutputStream().write(hello(65535, 65535, 0, 0, url));
                s.getOutputStream().write(chunkHeader("OPNF", 1000));
                s.getOutputStream().write(new byte[12]);
            }
            try (Socket s = raw()) {
                s.getOutputStream().write(java.util.Arrays.copyOf(hello(65535, 65535, 0, 0, url), 20));
            }
            assertServes(steady);
        } finally {
            steady.disconnect();
        }
        assertStillServing();
    }

    @Test
    void sessionsOverTheLimitAreRefusedWithBadTooManySessionsAndTheSlotsComeBack() throws Exception {
        OpcUaPlantServer srv = limitedServer("/sessions", OpcUaLimits.DEFAULTS.withSessions(MAX_SESSIONS));
        try {
            List<OpcUaClient> held = new ArrayList<>();
            try {
                for (int i = 0; i < MAX_SESSIONS; i++) held.add(anonymous(srv));
                assertThatThrownBy(() -> anonymous(srv).disconnect()).as("session %d of a limit of %d", MAX_SESSIONS + 1, MAX_SESSIONS)
                        .satisfies(e -> assertThat(statusOf(e)).isEqualTo(StatusCodes.Bad_TooManySessions));
                for (OpcUaClient c : held) assertServes(c); // the sessions held are served meanwhile
            } finally {
                for (OpcUaClient c : held) c.disconnect();
            }
            OpcUaClient again = anonymous(srv); // closed sessions free their slots
            try {
                assertServes(again);
            } finally {
                again.disconnect();
            }
        } finally {
            srv.stop();
        }
    }

    @Test
    void monitoredItemsAndSubscriptionsOverTheirLimitsAreRefusedAndReleasedWithTheSession() throws Exception {
        OpcUaLimits limits = new OpcUaLimits(MAX_SESSIONS, 2, 3, MAX_ITEMS_PER_SESSION, 30, OpcUaLimits.DEFAULTS.maxMessageBytes(),
                OpcUaLimits.DEFAULTS.maxChunkCount());
        OpcUaPlantServer srv = limitedServer("/items", limits);
        try {
            OpcUaClient greedy = anonymous(srv);
            OpcUaClient other = anonymous(srv);
            try {
                // items per session: 20 granted, the rest Bad_TooManyMonitoredItems
                var sub = greedy.createSubscription(100.0, uint(600), uint(20), uint(0), true, ubyte(0));
                List<MonitoredItemCreateRequest> reqs = new ArrayList<>();
                for (int i = 0; i < MAX_ITEMS_PER_SESSION + 10; i++) reqs.add(item(greedy, "PT-202", i + 1));
                long good = 0, tooMany = 0;
                try {
                    var res = greedy.createMonitoredItems(sub.getSubscriptionId(), TimestampsToReturn.Neither, reqs);
                    for (MonitoredItemCreateResult r : res.getResults()) {
                        if (r.getStatusCode().isGood()) good++;
                        if (r.getStatusCode().value() == StatusCodes.Bad_TooManyMonitoredItems) tooMany++;
                    }
                } catch (UaException e) {
                    assertThat(e.getStatusCode().value()).isEqualTo(StatusCodes.Bad_TooManyMonitoredItems);
                    tooMany = reqs.size();
                }
                assertThat(good).as("items granted").isLessThanOrEqualTo(MAX_ITEMS_PER_SESSION);
                assertThat(good + tooMany).as("every item granted or refused with Bad_TooManyMonitoredItems").isEqualTo(reqs.size());
                assertThat(tooMany).as("items refused").isPositive();
                // subscriptions per session: 2, the third refused
                greedy.createSubscription(100.0, uint(600), uint(20), uint(0), true, ubyte(0));
                assertThatThrownBy(() -> greedy.createSubscription(100.0, uint(600), uint(20), uint(0), true, ubyte(0)))
                        .satisfies(e -> assertThat(statusOf(e)).isEqualTo(StatusCodes.Bad_TooManySubscriptions));
                // total subscriptions: 3 across sessions, so the other session gets one and no more
                other.createSubscription(100.0, uint(600), uint(20), uint(0), true, ubyte(0));
                assertThatThrownBy(() -> other.createSubscription(100.0, uint(600), uint(20), uint(0), true, ubyte(0)))
                        .satisfies(e -> assertThat(statusOf(e)).isEqualTo(StatusCodes.Bad_TooManySubscriptions));
                assertServes(other);
            } finally {
                greedy.disconnect();
                other.disconnect();
            }
            // the quotas went with the sessions: a new client gets a subscription and its items
            OpcUaClient c = anonymous(srv);
            try {
                var sub = c.createSubscription(100.0, uint(600), uint(20), uint(0), true, ubyte(0));
                List<MonitoredItemCreateRequest> reqs = new ArrayList<>();
                for (int i = 0; i < 5; i++) reqs.add(item(c, "TT-101", i + 1));
                var res = c.createMonitoredItems(sub.getSubscriptionId(), TimestampsToReturn.Neither, reqs);
                assertThat(res.getResults()).allSatisfy(r -> assertThat(r.getStatusCode().isGood()).isTrue());
                // the server publishes at half the asked interval, keep-alive and lifetime doubled (SubdividedPublishing)
                assertThat(sub.getRevisedPublishingInterval()).isEqualTo(50.0);
                assertThat(sub.getRevisedMaxKeepAliveCount()).isEqualTo(uint(40));
                assertThat(sub.getRevisedLifetimeCount()).isEqualTo(uint(1200));
            } finally {
                c.disconnect();
            }
        } finally {
            srv.stop();
        }
    }

    @Test
    void endpointsAdvertiseAnonymousOnlyOnNoneAndUsernameOnlyOnSignAndEncrypt() throws Exception {
        var eps = org.eclipse.milo.opcua.sdk.client.DiscoveryClient.getEndpoints(server.endpointUrl()).get();
        for (EndpointDescription e : eps) {
            var types = java.util.Arrays.stream(e.getUserIdentityTokens()).map(UserTokenPolicy::getTokenType).toList();
            if (e.getSecurityMode() == MessageSecurityMode.None) {
                assertThat(types).containsExactly(org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType.Anonymous);
            } else {
                assertThat(e.getSecurityMode()).isEqualTo(MessageSecurityMode.SignAndEncrypt);
                assertThat(types).containsExactly(org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType.UserName);
            }
        }
        assertThat(eps).hasSize(2);
    }

    @Test
    void anonymousBeyondLoopbackAndClearTextPasswordsAreRefusedByConfiguration() throws Exception {
        // anonymous is the only login, and the bind is not loopback: nothing is bound, the message says why
        OpcUaServerSettings open = OpcUaServerSettings.loopback(TestPlant.freePort(), "/open", TestPlant.NS, TestPlant.APP_URI, tmp.resolve("pki-open"))
                .withBind("0.0.0.0", TestPlant.freePort(), "plant.example").withSecurity(java.util.EnumSet.allOf(OpcUaServerSettings.Security.class), true);
        OpcUaPlantServer s = new OpcUaPlantServer(TestPlant.table(), open);
        assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("anonymous needs a loopback");
        assertThat(s.isRunning()).isFalse();
        assertThatThrownBy(() -> open.withIdentity(false, Map.of("operator", "s3cret-pw")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clear-text password");
        assertThat(PasswordHash.verify("s3cret-pw", PasswordHash.hash("s3cret-pw".toCharArray()))).isTrue();
        assertThat(PasswordHash.verify("s3cret-pW", PasswordHash.hash("s3cret-pw".toCharArray()))).isFalse();
        assertThat(PasswordHash.hash("x".toCharArray())).isNotEqualTo(PasswordHash.hash("x".toCharArray())); // salted
    }
}
