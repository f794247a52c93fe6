package io.hilbench.adapters.opcua;

import io.hilbench.points.PointTable;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.hilbench.adapters.opcua.TestPlant.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * Security of the plant server (DESIGN §6): Basic256Sha256 SignAndEncrypt with a client certificate from the PKI
 * folder's trust list, username login (only over SignAndEncrypt, PBKDF2-hashed passwords), refusals
 * with the OPC UA Part 4 codes, untrusted certificates quarantined in rejected/ and trusted with {@link PkiFolders},
 * the server certificate created once and reused, and trust-all refused beyond loopback.
 */
class OpcUaSecurityTest {
    @TempDir
    static Path tmp;

    static Path pkiDir;
    static PointTable table;
    static OpcUaPlantServer server;
    static KeyPair trustedKeys;
    static X509Certificate trustedCert;

    @BeforeAll
    static void start() throws Exception {
        pkiDir = tmp.resolve("pki");
        trustedKeys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        trustedCert = clientCertificate(trustedKeys);
        // the operator's copy of the client certificate, trusted before the server starts (copied, not moved)
        Path operatorCopy = tmp.resolve("client.der");
        Files.write(operatorCopy, trustedCert.getEncoded());
        PkiFolders.TrustResult r = new PkiFolders(pkiDir).trust(operatorCopy);
        assertThat(r.moved()).isFalse();
        assertThat(operatorCopy).exists();

        table = TestPlant.table();
        OpcUaServerSettings settings = OpcUaServerSettings.loopback(TestPlant.freePort(), "/secure", TestPlant.NS, TestPlant.APP_URI, pkiDir)
                .withIdentity(false, Map.of("operator", PasswordHash.hash("s3cret-pw".toCharArray())));
        server = new OpcUaPlantServer(table, settings);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.stop();
    }

    static X509Certificate clientCertificate(KeyPair kp) throws Exception {
        return new SelfSignedCertificateBuilder(kp).setCommonName("hil-bench test client").setApplicationUri(TestPlant.CLIENT_URI)
                .addDnsName("localhost").addIpAddress("127.0.0.1").build();
    }

    /** A Milo client on Basic256Sha256 SignAndEncrypt (or None), validating the server against its certificate only. */
    static OpcUaClient connect(String url, boolean secure, KeyPair kp, X509Certificate cert, IdentityProvider identity) throws Exception {
        MemoryTrustListManager clientTrust = new MemoryTrustListManager();
        clientTrust.addTrustedCertificate(server.certificate());
        // the request timeout is TestPlant's generous one: a Sign&Encrypt connect once took more than 5 s at load 50;
        // the refusals these tests expect (Bad_SecurityChecksFailed, Bad_UserAccessDenied, …) come back at once
        return TestPlant.connect(url,
                eps -> eps.stream().filter(e -> secure
                        ? SecurityPolicy.Basic256Sha256.getUri().equals(e.getSecurityPolicyUri()) && e.getSecurityMode() == MessageSecurityMode.SignAndEncrypt
                        : SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri())).findFirst(),
                cfg -> cfg.setApplicationName(LocalizedText.english("hil-bench secure test client"))
                        .setApplicationUri(TestPlant.CLIENT_URI)
                        .setKeyPair(kp).setCertificate(cert).setCertificateChain(new X509Certificate[] {cert})
                        .setCertificateValidator(new DefaultClientCertificateValidator(clientTrust, new MemoryCertificateQuarantine()))
                        .setIdentityProvider(identity)
                        .setRequestTimeout(uint(TestPlant.CLIENT_TIMEOUT_MS)));
    }

    static long statusOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UaException u) return u.getStatusCode().value();
        }
        return -1;
    }

    @Test
    void signedAndEncryptedSessionWithUsernameReadsAndWrites() throws Exception {
        OpcUaClient c = connect(server.endpointUrl(), true, trustedKeys, trustedCert, new UsernameProvider("operator", "s3cret-pw"));
        try {
            assertThat(c.getConfig().getEndpoint().getSecurityMode()).isEqualTo(MessageSecurityMode.SignAndEncrypt);
            DataValue v = c.readValue(0.0, TimestampsToReturn.Both, node(c, "PT-202"));
            assertThat(v.value().value()).isEqualTo(90.0);
            StatusCode sc = c.writeValues(List.of(node(c, "C-211.SpeedSet")), List.of(DataValue.valueOnly(Variant.ofDouble(42.0)))).get(0);
            assertThat(sc.isGood()).isTrue();
            assertThat(table.state().value(table.indexOf("C-211.SpeedSet"))).isEqualTo(42.0);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void wrongPasswordIsBadUserAccessDenied() {
        // Part 4 §5.6.3 ActivateSession: a rejected user identity -> Bad_UserAccessDenied (Milo's answer for a failed password)
        assertThatThrownBy(() -> connect(server.endpointUrl(), true, trustedKeys, trustedCert, new UsernameProvider("operator", "wrong")).disconnect())
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(StatusCodes.Bad_UserAccessDenied));
        assertThatThrownBy(() -> connect(server.endpointUrl(), true, trustedKeys, trustedCert, new UsernameProvider("nobody", "s3cret-pw")).disconnect())
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(StatusCodes.Bad_UserAccessDenied));
    }

    @Test
    void anonymousIsNotOfferedWhenNotAllowed() throws Exception {
        // Part 4 §5.6.3: a Server accepts only the UserIdentityTokens its endpoint's UserTokenPolicies list. Without
        // anonymous there is no None endpoint at all (username logins only over SignAndEncrypt)
        var endpoints = org.eclipse.milo.opcua.sdk.client.DiscoveryClient.getEndpoints(server.endpointUrl()).get();
        assertThat(endpoints).extracting(e -> e.getSecurityMode()).containsExactly(MessageSecurityMode.SignAndEncrypt);
        assertThat(List.of(endpoints.get(0).getUserIdentityTokens())).extracting(UserTokenPolicy::getTokenType)
                .containsExactly(UserTokenType.UserName);
        // Milo's client then refuses on its own side: there is no anonymous policy to use
        assertThatThrownBy(() -> connect(server.endpointUrl(), true, trustedKeys, trustedCert, new AnonymousProvider()).disconnect())
                .hasMessageContaining("no anonymous token policy");
    }

    @Test
    void untrustedClientCertificateIsRejectedThenConnectsOnceTrusted() throws Exception {
        KeyPair kp = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate cert = clientCertificate(kp);
        UsernameProvider user = new UsernameProvider("operator", "s3cret-pw");
        // Part 4 §5.5.2 OpenSecureChannel: an untrusted certificate is reported as Bad_SecurityChecksFailed
        assertThatThrownBy(() -> connect(server.endpointUrl(), true, kp, cert, user).disconnect())
                .satisfies(e -> assertThat(statusOf(e)).isEqualTo(StatusCodes.Bad_SecurityChecksFailed));
        PkiFolders pki = new PkiFolders(pkiDir);
        Path rejected = pki.rejected().stream().filter(p -> sameCert(p, cert)).findFirst().orElseThrow();

        PkiFolders.TrustResult r = pki.trust(rejected.getFileName()); // a bare name is looked up in rejected/
        assertThat(r.moved()).isTrue();
        assertThat(rejected).doesNotExist();
        assertThat(pki.trustedCertificates()).contains(cert);
        // the running server's trust-list watcher picks the new file up without a restart
        OpcUaClient[] c = new OpcUaClient[1];
        await("client connects once its certificate is trusted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> (c[0] = connect(server.endpointUrl(), true, kp, cert, user)) != null);
        try {
            assertThat(c[0].readValue(0.0, TimestampsToReturn.Neither, node(c[0], "PT-202")).statusCode().isGood()).isTrue();
        } finally {
            c[0].disconnect();
        }
    }

    @Test
    void serverCertificateIsCreatedOnceAndReusedWithApplicationUriAsSanUri() throws Exception {
        PkiFolders pki = new PkiFolders(pkiDir);
        assertThat(pki.ownCertificateFile()).exists();
        assertThat(pki.ownPrivateKeyFile()).exists();
        assertThat(CertificateUtil.getSanUri(server.certificate())).contains(TestPlant.APP_URI);
        assertThat(server.certificate().getPublicKey().getEncoded()).hasSize(294); // RSA-2048 SubjectPublicKeyInfo

        // a second server on the same PKI folder (trust-all, loopback) reuses the certificate and accepts any client
        OpcUaServerSettings settings = OpcUaServerSettings.loopback(TestPlant.freePort(), "/again", TestPlant.NS, TestPlant.APP_URI, pkiDir)
                .withTrustAllClients(true).withSecurity(EnumSet.of(OpcUaServerSettings.Security.BASIC256SHA256_SIGN_AND_ENCRYPT), false)
                .withIdentity(false, Map.of("operator", PasswordHash.hash("s3cret-pw".toCharArray()))); // secure endpoint: username only
        OpcUaPlantServer again = new OpcUaPlantServer(TestPlant.table(), settings);
        again.start();
        try {
            assertThat(again.certificate()).isEqualTo(server.certificate());
            // a certificate the trust list does not hold (a new one on the same key pair, no keygen): accepted because of
            // trust-all, and not quarantined
            KeyPair kp = trustedKeys;
            X509Certificate stranger = clientCertificate(kp);
            assertThat(pki.trustedCertificates()).doesNotContain(stranger);
            int rejectedBefore = pki.rejected().size();
            OpcUaClient c = connect(again.endpointUrl(), true, kp, stranger, new UsernameProvider("operator", "s3cret-pw"));
            c.disconnect();
            assertThat(pki.rejected()).hasSize(rejectedBefore);
        } finally {
            again.stop();
        }
    }

    @Test
    void trustAllClientsIsRefusedBeyondLoopback() throws Exception {
        OpcUaServerSettings settings = OpcUaServerSettings.loopback(TestPlant.freePort(), "/open", TestPlant.NS, TestPlant.APP_URI,
                tmp.resolve("pki-open")).withBind("0.0.0.0", TestPlant.freePort(), "plant.example").withTrustAllClients(true);
        OpcUaPlantServer open = new OpcUaPlantServer(TestPlant.table(), settings);
        assertThatThrownBy(open::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("trust_all_clients")
                .hasMessageContaining("loopback");
        assertThat(open.isRunning()).isFalse();
    }

    @Test
    void noWayToLogInIsRefused() throws Exception {
        OpcUaServerSettings settings = OpcUaServerSettings.loopback(TestPlant.freePort(), "/x", TestPlant.NS, TestPlant.APP_URI, tmp.resolve("pki-x"))
                .withIdentity(false, Map.of());
        assertThatThrownBy(() -> new OpcUaPlantServer(TestPlant.table(), settings).start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nobody could log in");
    }

    @Test
    void settingsRefusePortZeroAndMaskPasswords() {
        assertThatThrownBy(() -> OpcUaServerSettings.loopback(0, "/x", TestPlant.NS, TestPlant.APP_URI, tmp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("free port");
        assertThat(server.settings().toString()).contains("operator").doesNotContain("s3cret-pw");
    }

    private static boolean sameCert(Path p, X509Certificate cert) {
        try {
            return PkiFolders.readCertificate(p).equals(cert);
        } catch (Exception e) {
            return false;
        }
    }
}
