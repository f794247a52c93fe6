package io.hilbench.adapters.opcua;

import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Period;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The OPC UA server's PKI folder (DESIGN §6): its own certificate, the client certificates it trusts, and the
 * ones it refused.
 *
 * <pre>
 * PKI_DIR/
 *   own/cert.der            the server's self-signed RSA-2048 certificate (DER), created on first start, reused after
 *   own/private/key.pem     its private key (PKCS#8 PEM, owner read/write only)
 *   trusted/certs/          trusted client certificates (DER or PEM); a running server picks new files up by itself
 *   trusted/crl/            CRLs of trusted certificates
 *   issuer/certs/, issuer/crl/   CA certificates and CRLs that complete a client's chain (not trusted by themselves)
 *   rejected/               client certificates the server refused (Bad_SecurityChecksFailed to the client)
 * </pre>
 * The {@code trusted/} and {@code issuer/} layout is Milo's {@code FileBasedTrustListManager}; {@code rejected/} is
 * its {@code FileBasedCertificateQuarantine}. {@link #trust(Path)} is what {@code bench pki trust FILE} runs.
 */
public final class PkiFolders {
    private static final Logger LOG = LoggerFactory.getLogger(PkiFolders.class);

    private final Path root;

    public PkiFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() { return root; }

    public Path ownDir() { return root.resolve("own"); }

    public Path ownCertificateFile() { return ownDir().resolve("cert.der"); }

    public Path ownPrivateKeyFile() { return ownDir().resolve("private").resolve("key.pem"); }

    public Path trustedDir() { return root.resolve("trusted"); }

    public Path trustedCertsDir() { return trustedDir().resolve("certs"); }

    public Path issuerDir() { return root.resolve("issuer"); }

    public Path rejectedDir() { return root.resolve("rejected"); }

    /** Creates the folder layout where it is missing. */
    public void createDirectories() throws IOException {
        for (Path d : List.of(ownDir().resolve("private"), trustedCertsDir(), trustedDir().resolve("crl"),
                issuerDir().resolve("certs"), issuerDir().resolve("crl"), rejectedDir())) {
            Files.createDirectories(d);
        }
    }

    /** The server's own key pair and certificate. */
    public record OwnCertificate(KeyPair keyPair, X509Certificate certificate, boolean created) {}

    /**
     * Loads the server's certificate from {@code own/}, or creates a self-signed RSA-2048 one there (SHA256withRSA,
     * valid 5 years) whose SAN URI is {@code applicationUri} and whose SAN names are {@code hostnames}. A stored
     * certificate whose SAN URI differs from {@code applicationUri} is refused: OPC UA clients check that the
     * application URI equals the certificate's (Part 4 §5.6.2), and silently replacing a certificate clients
     * already trust would break them; delete {@code own/} to create a new one.
     */
    public OwnCertificate loadOrCreateOwnCertificate(String applicationUri, String commonName, Set<String> hostnames)
            throws IOException, GeneralSecurityException {
        createDirectories();
        // Several processes may start a server on the same PKI folder at once (mvn verify runs test classes in parallel
        // forks, each with its reference controller child): an exclusive lock on own/.lock makes "create on first
        // start" happen once, so none reads a half-written key or finds only one of the two files. The JVM-wide monitor
        // first, because a second channel of the same JVM locking the same file throws OverlappingFileLockException.
        synchronized (PkiFolders.class) {
            try (FileChannel ch = FileChannel.open(ownDir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return loadOrCreateLocked(applicationUri, commonName, hostnames);
            }
        }
    }

    private OwnCertificate loadOrCreateLocked(String applicationUri, String commonName, Set<String> hostnames)
            throws IOException, GeneralSecurityException {
        Path certFile = ownCertificateFile();
        Path keyFile = ownPrivateKeyFile();
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            X509Certificate cert = readCertificate(certFile);
            PrivateKey key = readPrivateKey(keyFile);
            String san = CertificateUtil.getSanUri(cert).orElse("");
            if (!san.equals(applicationUri)) {
                throw new IllegalStateException("the certificate in " + certFile + " has application URI '" + san
                        + "' but the server is configured with '" + applicationUri
                        + "'; delete " + ownDir() + " to create a new certificate (clients must then trust it again)");
            }
            List<String> names = new ArrayList<>(CertificateUtil.getSanDnsNames(cert));
            names.addAll(CertificateUtil.getSanIpAddresses(cert));
            for (String h : hostnames) {
                if (!names.contains(h)) {
                    LOG.warn("OPC UA server certificate {} does not name host '{}' (it names {}); clients that check host names "
                            + "will refuse it; delete {} to create a new certificate", certFile, h, names, ownDir());
                }
            }
            return new OwnCertificate(new KeyPair(cert.getPublicKey(), key), cert, false);
        }
        if (Files.exists(certFile) != Files.exists(keyFile)) {
            throw new IllegalStateException("PKI folder " + ownDir() + " holds only one of cert.der and private/key.pem; "
                    + "restore the other or delete both to create a new certificate");
        }
        KeyPair kp = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        SelfSignedCertificateBuilder b = new SelfSignedCertificateBuilder(kp)
                .setCommonName(commonName)
                .setOrganization("hil-bench")
                .setApplicationUri(applicationUri)
                .setValidityPeriod(Period.ofYears(5));
        for (String h : hostnames) {
            if (isIpLiteral(h)) b.addIpAddress(h);
            else b.addDnsName(h);
        }
        X509Certificate cert;
        try {
            cert = b.build();
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot create the server certificate: " + e.getMessage(), e);
        }
        writePrivateKey(keyFile, kp.getPrivate());
        Files.write(certFile, cert.getEncoded());
        LOG.info("created OPC UA server certificate {} (SHA-1 {}) for {}", certFile, thumbprintHex(cert), applicationUri);
        return new OwnCertificate(kp, cert, true);
    }

    /** What {@link #trust(Path)} did. */
    public record TrustResult(Path from, Path to, boolean moved, String subject, String sha1Thumbprint) {
        /** One line for the operator. */
        public String describe() {
            return (moved ? "moved " : "copied ") + from + " -> " + to + " (" + subject + ", SHA-1 " + sha1Thumbprint + ")";
        }
    }

    /**
     * Trusts a client certificate: a file in {@code rejected/} (a bare file name is looked up there when it does not
     * exist as given) is moved to {@code trusted/certs/}; a file elsewhere is copied, so the operator's own file stays.
     * The file must hold an X.509 certificate (DER or PEM); it is stored as DER named by its SHA-1 thumbprint.
     *
     * @throws IllegalArgumentException with a one-line message when the file is missing or not a certificate
     */
    public TrustResult trust(Path file) throws IOException {
        Path source = file;
        if (!Files.exists(source) && file.getNameCount() == 1) source = rejectedDir().resolve(file);
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("no certificate file " + file
                    + (file.getNameCount() == 1 ? " (looked here and in " + rejectedDir() + ")" : ""));
        }
        source = source.toAbsolutePath().normalize();
        X509Certificate cert;
        try {
            cert = readCertificate(source);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(source + " is not an X.509 certificate (DER or PEM): " + e.getMessage());
        }
        createDirectories();
        String thumb = thumbprintHex(cert);
        Path target = trustedCertsDir().resolve(thumb + ".der");
        // Write to a temporary name first, then rename: the server's trust-list watcher must never read half a file.
        Path tmp = trustedCertsDir().resolve("." + thumb + ".tmp");
        try {
            Files.write(tmp, encoded(cert));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        boolean moved = source.startsWith(rejectedDir().toAbsolutePath().normalize()) && !source.equals(target);
        if (moved) Files.delete(source);
        // The quarantine may also hold the same certificate under another name (it names files by signature hash).
        for (Path r : rejected()) {
            try {
                if (thumbprintHex(readCertificate(r)).equals(thumb)) Files.deleteIfExists(r);
            } catch (GeneralSecurityException | IOException ignored) {
                // not a certificate: leave it for the operator
            }
        }
        TrustResult result = new TrustResult(source, target, moved, cert.getSubjectX500Principal().getName(), thumb);
        LOG.info("trusted OPC UA client certificate: {}", result.describe());
        return result;
    }

    /** Files in {@code rejected/}, oldest first. */
    public List<Path> rejected() throws IOException {
        if (!Files.isDirectory(rejectedDir())) return List.of();
        try (Stream<Path> s = Files.list(rejectedDir())) {
            return s.filter(Files::isRegularFile)
                    .sorted((a, b) -> {
                        try {
                            return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
                        } catch (IOException e) {
                            return a.compareTo(b);
                        }
                    })
                    .toList();
        }
    }

    /** The trusted client certificates on disk. */
    public List<X509Certificate> trustedCertificates() throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        if (!Files.isDirectory(trustedCertsDir())) return out;
        try (Stream<Path> s = Files.list(trustedCertsDir())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                try {
                    out.add(readCertificate(p));
                } catch (GeneralSecurityException e) {
                    LOG.warn("ignoring {}: not a certificate ({})", p, e.getMessage());
                }
            }
        }
        return out;
    }

    static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateUtil.decodeCertificate(in);
        } catch (UaException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    static String thumbprintHex(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate cert) throws IOException {
        try {
            return cert.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(file + " is not a PKCS#8 PEM private key");
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
            // keep its permissions
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
    }

    /** The host names a new certificate should name: the given ones plus localhost and 127.0.0.1. */
    static Set<String> certificateHostnames(String... hosts) {
        Set<String> s = new LinkedHashSet<>();
        for (String h : hosts) if (h != null && !h.isBlank() && !h.equals("0.0.0.0") && !h.equals("::")) s.add(h);
        s.add("localhost");
        s.add("127.0.0.1");
        return s;
    }

}
