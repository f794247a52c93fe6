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
        OpcUaClient c = OpcUaClient.create(server.endpointUrl(),
                eps -> eps.stream().filter(e -> secure
                        ? SecurityPolicy.Basic256Sha256.getUri().equals(e.getSecurityPolicyUri())
                        : SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri())).findFirst().map(tamper),
                t -> {},
                cfg -> cfg.setApplicationName(LocalizedText.english("hil-bench hardening client")).setApplicationUri(TestPlant.CLIENT_URI)
                        .setKeyPair(keys).setCertificate(cert).setCertificateChain(new X509Certificate[] {cert})
                        .setIdentityProvider(identity).setRequestTimeout(uint(HANG_GUARD_MS)));
        try {
            c.connect();
        } catch (Exception e) {
            c.disconnect();
            throw e;
        }
        return c;
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
