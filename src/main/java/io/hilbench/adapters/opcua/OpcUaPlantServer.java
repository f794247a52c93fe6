package io.hilbench.adapters.opcua;

import io.hilbench.points.PointTable;
import io.hilbench.runtime.Lifecycle;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigLimits;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.identity.Identity;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.channel.EncodingLimits;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.AnonymousIdentityToken;
import org.eclipse.milo.opcua.stack.core.types.structured.IssuedIdentityToken;
import org.eclipse.milo.opcua.stack.core.types.structured.SignatureData;
import org.eclipse.milo.opcua.stack.core.types.structured.UserIdentityToken;
import org.eclipse.milo.opcua.stack.core.types.structured.UserNameIdentityToken;
import org.eclipse.milo.opcua.stack.core.types.structured.X509IdentityToken;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.Stack;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;

/**
 * The plant's OPC UA server (Eclipse Milo 1.1.2) over the one {@link PointTable} (DESIGN §6 "OPC UA"): maps
 * points to nodes, never computes. See {@link PlantNamespace} for the address space, how one Read call is answered
 * from one table state, and the write rules; {@link OpcUaServerSettings} for bind address vs advertised host.
 *
 * <p>Status codes this server answers for point values:
 * <table>
 *   <tr><th>case</th><th>status</th></tr>
 *   <tr><td>read, quality GOOD</td><td>Good</td></tr>
 *   <tr><td>read, quality UNCERTAIN, value outside [min, max] / inside</td><td>Uncertain_EngineeringUnitsExceeded / Uncertain_SensorNotAccurate</td></tr>
 *   <tr><td>read, quality BAD</td><td>Bad_SensorFailure, value null</td></tr>
 *   <tr><td>write to a read-only point (sensor, status, constant, read-only bench point)</td><td><b>Bad_UserAccessDenied</b> (never Bad_NotWritable)</td></tr>
 *   <tr><td>write of another DataType than the node's (no widening), null, or an array</td><td>Bad_TypeMismatch</td></tr>
 *   <tr><td>write outside [min, max] (on_out_of_range=reject), NaN, unrepresentable, unknown enum code, too long text</td><td>Bad_OutOfRange</td></tr>
 *   <tr><td>write with an index range or a non-Good StatusCode</td><td>Bad_WriteNotSupported</td></tr>
 *   <tr><td>wrong password / user unknown / anonymous when not allowed</td><td>Bad_UserAccessDenied / Bad_IdentityTokenInvalid (Milo)</td></tr>
 *   <tr><td>untrusted client certificate (stored in rejected/)</td><td>Bad_SecurityChecksFailed</td></tr>
 * </table>
 *
 * <p>Security: None and Basic256Sha256 SignAndEncrypt endpoints. None is offered on loopback binds; beyond loopback
 * only with {@code allowNone} (logged as a WARN), otherwise it is dropped. {@code trustAllClients} is refused unless
 * the bind address is loopback. The username token policy requires Basic256Sha256 encryption of the password, so a
 * password never crosses the wire in clear, also on the None endpoint.
 *
 * <p>Milo 1.1.2 lacks the security fixes of 1.1.3–1.1.6 (username-token padding oracle #1804, insecure X.509
 * user-token policies #1805, UASC chunk release #1800, monitored-item quota #1807); move up once 1.1.6 resolves.
 *
 * <p>The first server in a JVM takes about 3 s to construct (Milo's standard nodeset); later ones well under 1 s.
 * Milo's shared Netty resources outlive {@link #stop()}: call {@link #releaseSharedResources()} once at JVM end.
 */
public final class OpcUaPlantServer implements Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(OpcUaPlantServer.class);
    private static final String PRODUCT_URI = "urn:hilbench:plant-emulator";

    private final PointTable table;
    private final OpcUaServerSettings settings;
    private final PkiFolders pki;
    private OpcUaServer server;
    private volatile PlantNamespace namespace;
    private FileBasedTrustListManager trustList;
    private X509Certificate certificate;
    private List<String> endpointUrls = List.of();

    public OpcUaPlantServer(PointTable table, OpcUaServerSettings settings) {
        this.table = table;
        this.settings = settings;
        this.pki = new PkiFolders(settings.pkiDir());
    }

    public OpcUaServerSettings settings() { return settings; }

    /** Requests and errors per service of the plant namespace since this server started (zeros while stopped). */
    public OpcUaServiceCounters counters() {
        PlantNamespace ns = namespace;
        return ns != null ? ns.counters() : idleCounters;
    }

    private final OpcUaServiceCounters idleCounters = new OpcUaServiceCounters();

    public PkiFolders pki() { return pki; }

    /**
     * Checks the settings, creates or loads the certificate, binds. Refuses with an {@link IllegalStateException}
     * (a clear message, nothing bound) for trust-all beyond loopback, no endpoint left, or no way to log in.
     */
    @Override
    public synchronized void start() throws Exception {
        if (server != null) throw new IllegalStateException("OPC UA server already started");
        boolean loopback = settings.bindsLoopbackOnly();
        if (settings.trustAllClients() && !loopback) {
            throw new IllegalStateException("trust_all_clients is only allowed when the OPC UA server binds a loopback address, "
                    + "not " + settings.bindAddress() + ": trust client certificates with `bench pki trust FILE` instead");
        }
        boolean offerNone = settings.security().contains(OpcUaServerSettings.Security.NONE);
        if (offerNone && !loopback) {
            if (settings.allowNone()) {
                LOG.warn("OPC UA endpoint SecurityPolicy None is offered on {} beyond loopback (allow_none): "
                        + "traffic is neither signed nor encrypted", settings.bindAddress());
            } else {
                LOG.warn("OPC UA endpoint SecurityPolicy None is not offered on {}: binding beyond loopback needs allow_none to keep it",
                        settings.bindAddress());
                offerNone = false;
            }
        }
        boolean offerSecure = settings.security().contains(OpcUaServerSettings.Security.BASIC256SHA256_SIGN_AND_ENCRYPT);
        if (!offerNone && !offerSecure) {
            throw new IllegalStateException("no OPC UA endpoint left to offer on " + settings.bindAddress()
                    + " (None needs a loopback bind or allow_none; Basic256Sha256 is not enabled)");
        }
        // anonymous only on loopback and only on the None endpoint; username only over Sign&Encrypt
        boolean anonymous = settings.allowAnonymous() && loopback && offerNone;
        if (settings.allowAnonymous() && !anonymous) {
            LOG.warn("OPC UA anonymous login is not offered on {}: it is allowed only on a loopback bind with the SecurityPolicy None endpoint",
                    settings.bindAddress());
        }
        boolean username = !settings.users().isEmpty() && offerSecure;
        if (!settings.users().isEmpty() && !username) {
            LOG.warn("OPC UA username login is not offered: it needs the Basic256Sha256 SignAndEncrypt endpoint");
        }
        if (!anonymous && !username) {
            throw new IllegalStateException("OPC UA: no way to log in on " + settings.bindAddress() + ", nobody could log in (anonymous needs a loopback "
                    + "bind with SecurityPolicy None; username logins need users and the Basic256Sha256 endpoint)");
        }

        PkiFolders.OwnCertificate own = pki.loadOrCreateOwnCertificate(settings.applicationUri(), settings.applicationName(),
                PkiFolders.certificateHostnames(settings.endpointHostname(), settings.bindAddress()));
        certificate = own.certificate();
        KeyPair keyPair = own.keyPair();

        FileBasedTrustListManager trust = FileBasedTrustListManager.createAndInitialize(pki.root());
        try {
            FileBasedCertificateQuarantine quarantine = FileBasedCertificateQuarantine.create(pki.rejectedDir());
            CertificateValidator validator = settings.trustAllClients()
                    ? new CertificateValidator.InsecureCertificateValidator()
                    : new DefaultServerCertificateValidator(trust, quarantine);
            X509Certificate cert = certificate;
            RsaSha256CertificateFactory factory = new RsaSha256CertificateFactory() {
                @Override
                protected KeyPair createRsaSha256KeyPair() { return keyPair; }

                @Override
                protected X509Certificate[] createRsaSha256CertificateChain(KeyPair k) { return new X509Certificate[] {cert}; }
            };
            DefaultApplicationGroup group = DefaultApplicationGroup.createAndInitialize(trust, new MemoryCertificateStore(), factory, validator);

            EndpointConfig.Builder base = EndpointConfig.newBuilder()
                    .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                    .setBindAddress(settings.bindAddress())
                    .setBindPort(settings.bindPort())
                    .setHostname(settings.endpointHostname())
                    .setPath(settings.path())
                    .setCertificate(cert);
            // no X.509 user token policy anywhere; anonymous only on None (loopback), username only on Sign&Encrypt
            Set<EndpointConfig> endpoints = new LinkedHashSet<>();
            if (offerNone && anonymous) {
                endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                        .addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS).build());
            }
            if (offerSecure && (username || anonymous)) {
                EndpointConfig.Builder secure = base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                        .setSecurityMode(MessageSecurityMode.SignAndEncrypt);
                // an endpoint needs a token policy: without users, the secure endpoint still serves GetEndpoints and
                // secure channels, and its username policy refuses every login (no users)
                secure.addTokenPolicies(USER_TOKEN_POLICY_USERNAME);
                endpoints.add(secure.build());
            }
            OpcUaLimits lim = settings.limits();

            OpcUaServerConfig config = OpcUaServerConfig.builder()
                    .setApplicationUri(settings.applicationUri())
                    .setApplicationName(LocalizedText.english(settings.applicationName()))
                    .setProductUri(PRODUCT_URI)
                    .setEndpoints(endpoints)
                    .setCertificateManager(new DefaultCertificateManager(quarantine, group))
                    .setIdentityValidator(identityValidator(settings, anonymous))
                    .setLimits(limits(lim))
                    .setEncodingLimits(new EncodingLimits(OpcUaLimits.MAX_CHUNK_BYTES, lim.maxChunkCount(), lim.maxMessageBytes(),
                            EncodingLimits.DEFAULT_MAX_RECURSION_DEPTH))
                    .build();
            OpcUaServer s = new OpcUaServer(config, profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
            // publishing at half the asked interval, so a sample never waits a whole interval (SubdividedPublishing)
            s.addServiceSet(settings.path(), new SubdividedPublishing(
                    new org.eclipse.milo.opcua.sdk.server.servicesets.impl.DefaultSubscriptionServiceSet(s)));
            PlantNamespace ns = new PlantNamespace(s, settings.namespaceUri(), settings.rootFolderName(), table, settings.replicas());
            ns.startup();
            try {
                s.startup().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                ns.shutdown();
                s.shutdown().get(10, TimeUnit.SECONDS);
                throw new IllegalStateException("OPC UA server cannot bind " + settings.bindAddress() + ":" + settings.bindPort()
                        + ": " + e.getCause().getMessage(), e.getCause());
            }
            if (s.getBoundEndpoints().size() < endpoints.size()) {
                ns.shutdown();
                s.shutdown().get(10, TimeUnit.SECONDS);
                throw new IllegalStateException("OPC UA server bound only " + s.getBoundEndpoints().size() + " of " + endpoints.size()
                        + " endpoints on " + settings.bindAddress() + ":" + settings.bindPort() + " (port in use?)");
            }
            server = s;
            namespace = ns;
            trustList = trust;
            endpointUrls = endpoints.stream().map(e -> e.getEndpointUrl() + " [" + e.getSecurityPolicy().name() + "/" + e.getSecurityMode() + "]").toList();
            LOG.info("OPC UA server {} serving {} points{}: {}", endpointUrl(), ns.pointCount(),
                    ns.replicaCount() > 0 ? " and " + ns.replicaCount() + " replicas" : "", endpointUrls);
        } catch (Exception | Error e) {
            if (server == null) trust.close();
            throw e;
        }
    }

    /** Milo's limits interface answered from ours; everything not named keeps Milo's default. */
    private static OpcUaServerConfigLimits limits(OpcUaLimits l) {
        return new OpcUaServerConfigLimits() {
            @Override public UInteger getMaxSessions() { return uint(l.maxSessions()); }
            @Override public UInteger getMaxSubscriptionsPerSession() { return uint(l.maxSubscriptionsPerSession()); }
            @Override public UInteger getMaxSubscriptions() { return uint(l.maxSubscriptions()); }
            @Override public UInteger getMaxMonitoredItemsPerSession() { return uint(l.maxMonitoredItemsPerSession()); }
            @Override public UInteger getMaxMonitoredItems() { return uint(l.maxMonitoredItems()); }
        };
    }

    /** A hash to check unknown user names against, so their refusal takes as long as a wrong password's. */
    private static final String DUMMY_HASH = PasswordHash.hash("no such user".toCharArray());

    private static IdentityValidator identityValidator(OpcUaServerSettings settings, boolean anonymous) {
        List<IdentityValidator> validators = new ArrayList<>();
        if (anonymous) validators.add(AnonymousIdentityValidator.INSTANCE);
        if (!settings.users().isEmpty()) {
            Map<String, String> users = settings.users();
            validators.add(new UsernameIdentityValidator(c -> {
                String stored = users.get(c.getUsername());
                // PBKDF2 of the offered password against the salted hash, compared in constant time; an unknown user
                // costs the same derivation, so the time taken tells nothing
                boolean ok = PasswordHash.verify(c.getPassword(), stored != null ? stored : DUMMY_HASH);
                return ok && stored != null;
            }));
        }
        CompositeValidator tokens = new CompositeValidator(validators);
        // defence in depth: whatever the client claims, a token type is valid only on its kind of endpoint
        return new IdentityValidator() {
            @Override
            public Identity validateIdentityToken(Session session, UserIdentityToken token, UserTokenPolicy policy, SignatureData sig)
                    throws UaException {
                MessageSecurityMode mode = session.getEndpoint().getSecurityMode();
                if (token instanceof AnonymousIdentityToken && mode != MessageSecurityMode.None) {
                    LOG.info("OPC UA anonymous login refused on a {} endpoint (anonymous only on loopback None)", mode);
                    throw new UaException(StatusCodes.Bad_IdentityTokenRejected, "anonymous login only on the None endpoint");
                }
                if (token instanceof UserNameIdentityToken && mode != MessageSecurityMode.SignAndEncrypt) {
                    LOG.info("OPC UA username login refused on a {} endpoint (username only over SignAndEncrypt)", mode);
                    throw new UaException(StatusCodes.Bad_IdentityTokenRejected, "username login only over SignAndEncrypt");
                }
                if (token instanceof X509IdentityToken || token instanceof IssuedIdentityToken) {
                    LOG.info("OPC UA {} login refused: not offered", token.getClass().getSimpleName());
                    throw new UaException(StatusCodes.Bad_IdentityTokenRejected, "X.509 and issued user tokens are not accepted");
                }
                try {
                    return tokens.validateIdentityToken(session, token, policy, sig);
                } catch (UaException e) {
                    LOG.info("OPC UA login refused: {}", e.getStatusCode());
                    throw e;
                }
            }

            @Override
            public Set<UserTokenType> getSupportedTokenTypes() { return tokens.getSupportedTokenTypes(); }
        };
    }

    /** {@code opc.tcp://HOST:PORT/path} as advertised (HOST = the endpoint hostname). */
    public String endpointUrl() {
        return "opc.tcp://" + settings.endpointHostname() + ":" + settings.bindPort() + settings.path();
    }

    /** The server's application certificate (after {@link #start()}). */
    public X509Certificate certificate() { return certificate; }

    /** The endpoints offered, for `bench serve` to print. */
    public List<String> endpointDescriptions() { return endpointUrls; }

    public boolean isRunning() { return server != null; }

    @Override
    public synchronized void stop() throws Exception {
        if (server == null) return;
        try {
            namespace.shutdown();
            server.shutdown().get(10, TimeUnit.SECONDS);
        } finally {
            trustList.close();
            server = null;
            namespace = null;
            trustList = null;
            LOG.info("OPC UA server {} stopped", endpointUrl());
        }
    }

    /** Releases Milo's shared Netty event loops and timers; once, at JVM end, after every server and client stopped. */
    public static void releaseSharedResources() {
        Stack.releaseSharedResources();
    }
}
