package io.hilbench.report.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys of the evidence bundle (DESIGN §10), JDK built-in only ({@code Signature.getInstance("Ed25519")},
 * Java 15+): the user's key from a PKCS#8 PEM file, or a per-installation key generated on first use and kept in a
 * key store folder (default {@code $XDG_CONFIG_HOME/hilbench} or {@code ~/.config/hilbench}). Public keys travel as
 * X.509 SubjectPublicKeyInfo PEM; a key's fingerprint is the SHA-256 of that SPKI encoding, in hex.
 */
public final class EvidenceKeys {
    public static final String ALGORITHM = "Ed25519";
    /** The installation key's files in the key store. */
    public static final String INSTALLATION_KEY = "evidence-signing-key.pem";
    public static final String INSTALLATION_PUBLIC_KEY = "evidence-signing-key.pub.pem";

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /** A key pair that signs bundles. */
    public record Signer(PrivateKey privateKey, PublicKey publicKey) {
        public String fingerprint() { return EvidenceKeys.fingerprint(publicKey); }
    }

    private EvidenceKeys() {}

    /** The default key store: {@code $XDG_CONFIG_HOME/hilbench}, else {@code ~/.config/hilbench}. */
    public static Path defaultStore() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("hilbench");
    }

    /**
     * The per-installation key in {@code store}, generated on first use (private key readable by the owner only where
     * the file system allows it).
     */
    public static Signer installationKey(Path store) throws IOException {
        Path priv = store.resolve(INSTALLATION_KEY);
        if (Files.isRegularFile(priv) && Files.isRegularFile(store.resolve(INSTALLATION_PUBLIC_KEY))) return fromPkcs8Pem(priv);
        Files.createDirectories(store);
        // first use: two bench runs of one user starting together (a fresh HOME in CI, LockstepDeterminismTest's two
        // children) both found no key; the loser of an unlocked race wrote over the other's temporary file and exited 2.
        // One creates it under a file lock (processes) and this class's monitor (threads of one JVM); the other reads it.
        synchronized (EvidenceKeys.class) {
            try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(store.resolve(INSTALLATION_KEY + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 java.nio.channels.FileLock ignored = lockFile.lock()) {
                if (Files.isRegularFile(priv) && Files.isRegularFile(store.resolve(INSTALLATION_PUBLIC_KEY))) return fromPkcs8Pem(priv);
                KeyPair kp;
                try {
                    kp = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                } catch (GeneralSecurityException e) {
                    throw new IOException("this JVM cannot generate " + ALGORITHM + " keys: " + e.getMessage(), e);
                }
                Path tmp = store.resolve(INSTALLATION_KEY + ".tmp");
                Files.deleteIfExists(tmp);
                try {
                    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(tmp); // not a POSIX file system (Windows): the user profile's own ACLs apply
                }
                Files.writeString(tmp, privatePem(kp.getPrivate()), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
                // the public half first: a reader outside the lock that sees the private key finds its public half too
                Path pubTmp = store.resolve(INSTALLATION_PUBLIC_KEY + ".tmp");
                Files.writeString(pubTmp, publicPem(kp.getPublic()), StandardCharsets.US_ASCII);
                Files.move(pubTmp, store.resolve(INSTALLATION_PUBLIC_KEY), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, priv, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return new Signer(kp.getPrivate(), kp.getPublic());
            }
        }
    }

    /**
     * The user's key from a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}, e.g. from
     * {@code openssl genpkey -algorithm ed25519}). Its public half is derived from the 32-byte seed (RFC 8032 §5.1.5)
     * by the JDK's own generator fed that seed, and checked by a sign/verify round trip.
     */
    public static Signer fromPkcs8Pem(Path file) throws IOException {
        byte[] der = pemBlock(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY", file.toString());
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an " + ALGORITHM + " PKCS#8 private key (" + e.getMessage() + ")", e);
        }
        byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow(() -> new IOException(file + ": the private key hides its bytes"));
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
            g.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair kp = g.generateKeyPair();
            byte[] derived = ((EdECPrivateKey) kp.getPrivate()).getBytes().orElseThrow();
            if (!Arrays.equals(derived, seed)) throw new IOException(file + ": could not derive the public key of this private key");
            byte[] probe = "hilbench evidence key check".getBytes(StandardCharsets.US_ASCII);
            if (!verify(probe, sign(probe, key), kp.getPublic())) throw new IOException(file + ": the derived public key does not verify this key's signature");
            return new Signer(key, kp.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** A public key from an X.509 SPKI PEM file ({@code -----BEGIN PUBLIC KEY-----}). */
    public static PublicKey readPublicPem(Path file) throws IOException {
        return parsePublicPem(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    public static PublicKey parsePublicPem(String pem, String source) throws IOException {
        byte[] der = pemBlock(pem, "PUBLIC KEY", source);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(source + ": not an " + ALGORITHM + " public key (" + e.getMessage() + ")", e);
        }
    }

    public static String publicPem(PublicKey key) { return pem("PUBLIC KEY", key.getEncoded()); }

    public static String privatePem(PrivateKey key) { return pem("PRIVATE KEY", key.getEncoded()); }

    /** {@code SHA256:} and the hex SHA-256 of the key's SubjectPublicKeyInfo encoding. */
    public static String fingerprint(PublicKey key) {
        return "SHA256:" + HexFormat.of().formatHex(sha256(key.getEncoded()));
    }

    public static byte[] sign(byte[] data, PrivateKey key) throws GeneralSecurityException {
        Signature s = Signature.getInstance(ALGORITHM);
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    /** True when {@code signature} is the key's Ed25519 signature of {@code data}; false for any malformed signature. */
    public static boolean verify(byte[] data, byte[] signature, PublicKey key) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static byte[] sha256(byte[] data) {
        return EvidenceBundle.sha256().digest(data);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBlock(String text, String type, String source) throws IOException {
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(m.group(2).trim());
                } catch (IllegalArgumentException e) {
                    throw new IOException(source + ": the " + type + " block is not valid base64");
                }
            }
        }
        throw new IOException(source + ": no '-----BEGIN " + type + "-----' block (expected " + (type.equals("PUBLIC KEY") ? "an X.509 SPKI" : "a PKCS#8") + " PEM file)");
    }

    /** Hands the generator the seed it would otherwise draw at random (the only bytes an Ed25519 key pair draws). */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;
        private int used;

        SeedRandom(byte[] seed) { this.seed = seed.clone(); }

        @Override
        public void nextBytes(byte[] bytes) {
            if (used + bytes.length > seed.length) throw new IllegalStateException("the key generator asked for more than the 32-byte seed");
            System.arraycopy(seed, used, bytes, 0, bytes.length);
            used += bytes.length;
        }
    }
}
