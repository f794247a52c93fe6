package io.hilbench.adapters.opcua;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the plant's OPC UA server is bound, advertised and secured (DESIGN §6 "OPC UA").
 *
 * <p><b>Bind address, hostname and port.</b> Milo 1.1.2 binds {@code bindAddress:bindPort} and advertises
 * {@code opc.tcp://endpointHostname:bindPort/path} in its endpoint descriptions ({@code EndpointConfig.getEndpointUrl()}
 * is built from the hostname and the <em>bind</em> port). So the advertised host can differ from the bound one, but
 * the advertised port cannot differ from the bound port: there is no separate advertised port in Milo 1.1.2. A fault
 * proxy in front of the server therefore listens on the advertised host with the <em>same</em> port, and Milo binds
 * another address, e.g. Milo on {@code 127.0.0.2:P} advertising {@code 127.0.0.1}, the proxy on {@code 127.0.0.1:P}.
 * Port 0 is refused: Milo would advertise port 0 (tests probe a free port with {@code ServerSocket(0)} first).
 *
 * @param bindAddress      address Milo binds (e.g. 127.0.0.1, 127.0.0.2, 0.0.0.0)
 * @param bindPort         TCP port Milo binds and advertises, 1..65535
 * @param endpointHostname host advertised in endpoint URLs (the fault proxy's address when one sits in front)
 * @param path             endpoint path, e.g. {@code /solrod} (a leading '/' is added when missing)
 * @param namespaceUri     URI of the plant namespace; NodeIds are {@code nsu=<namespaceUri>;s=<tag>}
 * @param applicationName  server application name
 * @param applicationUri   server application URI; equals the SAN URI of the server certificate
 * @param security         endpoints to offer
 * @param allowNone        keep the None endpoint when bound beyond loopback (logged as a WARN)
 * @param trustAllClients  accept every client certificate without the trust list; loopback binds only
 * @param pkiDir           the PKI folder ({@link PkiFolders})
 * @param allowAnonymous   accept anonymous sessions
 * @param users            user name to salted password hash ({@link PasswordHash}) for username sessions; the caller
 *                         loads them from a users file or the environment, never from the rig; a clear-text password
 *                         is refused
 * @param rootFolderName   the folder under Objects that holds the plant tree
 * @param limits           sessions, subscriptions, monitored items and message size ({@link OpcUaLimits})
 * @param replicas         extra read-only copies of points for load tests ({@link OpcUaReplicas}); null = none
 */
public record OpcUaServerSettings(
        String bindAddress,
        int bindPort,
        String endpointHostname,
        String path,
        String namespaceUri,
        String applicationName,
        String applicationUri,
        Set<Security> security,
        boolean allowNone,
        boolean trustAllClients,
        Path pkiDir,
        boolean allowAnonymous,
        Map<String, String> users,
        String rootFolderName,
        OpcUaLimits limits,
        OpcUaReplicas replicas) {

    /** Endpoint security offered. */
    public enum Security {
        /** SecurityPolicy None, MessageSecurityMode None */
        NONE,
        /** SecurityPolicy Basic256Sha256, MessageSecurityMode SignAndEncrypt */
        BASIC256SHA256_SIGN_AND_ENCRYPT
    }

    public OpcUaServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(namespaceUri, "namespaceUri");
        Objects.requireNonNull(applicationUri, "applicationUri");
        Objects.requireNonNull(pkiDir, "pkiDir");
        if (bindPort < 1 || bindPort > 65535) {
            throw new IllegalArgumentException("bindPort must be 1..65535, was " + bindPort
                    + " (Milo advertises the bound port, so 0 cannot be used: probe a free port first)");
        }
        endpointHostname = endpointHostname == null || endpointHostname.isBlank() ? bindAddress : endpointHostname;
        path = path == null || path.isBlank() ? "/" : (path.startsWith("/") ? path : "/" + path);
        applicationName = applicationName == null || applicationName.isBlank() ? "HIL bench plant emulator" : applicationName;
        security = security == null || security.isEmpty() ? EnumSet.allOf(Security.class) : Collections.unmodifiableSet(EnumSet.copyOf(security));
        users = users == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(users));
        rootFolderName = rootFolderName == null || rootFolderName.isBlank() ? "Plant" : rootFolderName;
        limits = limits == null ? OpcUaLimits.DEFAULTS : limits;
        replicas = replicas == null ? OpcUaReplicas.NONE : replicas;
        if (namespaceUri.isBlank()) throw new IllegalArgumentException("namespaceUri must not be empty");
        if (applicationUri.isBlank()) throw new IllegalArgumentException("applicationUri must not be empty");
        for (var e : users.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) throw new IllegalArgumentException("a user name is empty");
            if (e.getValue() == null || e.getValue().isEmpty()) throw new IllegalArgumentException("user " + e.getKey() + " has an empty password");
            if (!PasswordHash.isHash(e.getValue())) {
                throw new IllegalArgumentException("user " + e.getKey() + ": a clear-text password is not accepted; store a "
                        + PasswordHash.SCHEME + " hash (bench pki hash-password)");
            }
        }
    }

    /**
     * Loopback defaults: bind and advertise 127.0.0.1, None and Basic256Sha256 endpoints, anonymous allowed, client
     * certificates checked against the trust list.
     */
    public static OpcUaServerSettings loopback(int port, String path, String namespaceUri, String applicationUri, Path pkiDir) {
        return new OpcUaServerSettings("127.0.0.1", port, "127.0.0.1", path, namespaceUri, null, applicationUri,
                EnumSet.allOf(Security.class), false, false, pkiDir, true, Map.of(), "Plant", OpcUaLimits.DEFAULTS, OpcUaReplicas.NONE);
    }

    public OpcUaServerSettings withBind(String address, int port, String hostname) {
        return new OpcUaServerSettings(address, port, hostname, path, namespaceUri, applicationName, applicationUri,
                security, allowNone, trustAllClients, pkiDir, allowAnonymous, users, rootFolderName, limits, replicas);
    }

    public OpcUaServerSettings withSecurity(Set<Security> s, boolean allowNoneBeyondLoopback) {
        return new OpcUaServerSettings(bindAddress, bindPort, endpointHostname, path, namespaceUri, applicationName,
                applicationUri, s, allowNoneBeyondLoopback, trustAllClients, pkiDir, allowAnonymous, users, rootFolderName, limits, replicas);
    }

    public OpcUaServerSettings withTrustAllClients(boolean trustAll) {
        return new OpcUaServerSettings(bindAddress, bindPort, endpointHostname, path, namespaceUri, applicationName,
                applicationUri, security, allowNone, trustAll, pkiDir, allowAnonymous, users, rootFolderName, limits, replicas);
    }

    public OpcUaServerSettings withIdentity(boolean anonymous, Map<String, String> userPasswords) {
        return new OpcUaServerSettings(bindAddress, bindPort, endpointHostname, path, namespaceUri, applicationName,
                applicationUri, security, allowNone, trustAllClients, pkiDir, anonymous, userPasswords, rootFolderName, limits, replicas);
    }

    public OpcUaServerSettings withLimits(OpcUaLimits l) {
        return new OpcUaServerSettings(bindAddress, bindPort, endpointHostname, path, namespaceUri, applicationName,
                applicationUri, security, allowNone, trustAllClients, pkiDir, allowAnonymous, users, rootFolderName, l, replicas);
    }

    public OpcUaServerSettings withReplicas(OpcUaReplicas r) {
        return new OpcUaServerSettings(bindAddress, bindPort, endpointHostname, path, namespaceUri, applicationName,
                applicationUri, security, allowNone, trustAllClients, pkiDir, allowAnonymous, users, rootFolderName, limits, r);
    }

    public OpcUaServerSettings withApplicationName(String name) {
        return new OpcUaServerSettings(bindAddress, bindPort, endpointHostname, path, namespaceUri, name,
                applicationUri, security, allowNone, trustAllClients, pkiDir, allowAnonymous, users, rootFolderName, limits, replicas);
    }

    /** True when the bind address is a loopback address (127.0.0.0/8, ::1, localhost). */
    public boolean bindsLoopbackOnly() {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Passwords masked: settings get logged. */
    @Override
    public String toString() {
        return "OpcUaServerSettings[bind=" + bindAddress + ":" + bindPort + ", hostname=" + endpointHostname + ", path=" + path
                + ", namespaceUri=" + namespaceUri + ", applicationUri=" + applicationUri + ", security=" + security
                + ", allowNone=" + allowNone + ", trustAllClients=" + trustAllClients + ", pkiDir=" + pkiDir
                + ", allowAnonymous=" + allowAnonymous + ", users=" + users.keySet() + ", root=" + rootFolderName + ", limits=" + limits + ", replicas=" + replicas + "]";
    }
}
