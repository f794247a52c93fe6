package io.hilbench.adapters.opcua;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Salted PBKDF2 password hashes for OPC UA username logins, so a users file never holds a password. Format (one
 * string): {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}, salt and hash in base64 without padding. PBKDF2 with
 * HMAC-SHA-256 as RFC 8018 §5.2; 210,000 iterations as OWASP's Password Storage Cheat Sheet recommends for
 * PBKDF2-HMAC-SHA256 (2023); 16-byte random salt, 32-byte hash. {@code bench pki hash-password} makes one.
 */
public final class PasswordHash {
    public static final String SCHEME = "pbkdf2-sha256";
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16, HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private PasswordHash() {}

    /** A new hash of the password with a fresh random salt. */
    public static String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    static String hash(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return SCHEME + ":" + iterations + ":" + B64.encodeToString(salt) + ":" + B64.encodeToString(derive(password, salt, iterations, HASH_BYTES));
    }

    /** True when the text has the hash format (it says nothing about the password). */
    public static boolean isHash(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {}

    private static Parsed parse(String s) {
        String[] f = s == null ? new String[0] : s.split(":", -1);
        if (f.length != 4 || !SCHEME.equals(f[0])) throw new IllegalArgumentException("not a " + SCHEME + " hash");
        int it;
        try {
            it = Integer.parseInt(f[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations are not a number");
        }
        if (it < 10_000 || it > 10_000_000) throw new IllegalArgumentException("iterations must be 10,000..10,000,000");
        byte[] salt = Base64.getDecoder().decode(f[2]);
        byte[] hash = Base64.getDecoder().decode(f[3]);
        if (salt.length < 8 || hash.length < 16) throw new IllegalArgumentException("salt or hash too short");
        return new Parsed(it, salt, hash);
    }

    /** Whether the password matches the stored hash; compared in constant time. False for a malformed hash. */
    public static boolean verify(String password, String stored) {
        if (password == null) return false;
        Parsed p;
        try {
            p = parse(stored);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(p.hash(), derive(password.toCharArray(), p.salt(), p.iterations(), p.hash().length));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, bytes * 8)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        }
    }
}
