package io.hilbench.report.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signing keys of the evidence bundle (DESIGN §10): the user's PKCS#8 key with its public half derived (RFC 8032
 * §5.1.5: the public key is a function of the 32-byte seed), the per-installation key generated once and reused,
 * the fingerprint as SHA-256 of the SPKI encoding, and clear errors for files that are not keys.
 */
class EvidenceKeysTest {
    @TempDir
    Path tmp;

    @Test
    void aUsersPkcs8KeyYieldsItsOwnPublicHalf() throws Exception {
        var kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = Files.writeString(tmp.resolve("user.pem"), EvidenceKeys.privatePem(kp.getPrivate()));
        EvidenceKeys.Signer s = EvidenceKeys.fromPkcs8Pem(pem);
        // the derived public key is the generator's own, byte for byte, and verifies the user's signatures
        assertThat(s.publicKey().getEncoded()).isEqualTo(kp.getPublic().getEncoded());
        byte[] data = "manifest".getBytes(StandardCharsets.UTF_8);
        assertThat(EvidenceKeys.verify(data, EvidenceKeys.sign(data, s.privateKey()), kp.getPublic())).isTrue();
        assertThat(EvidenceKeys.verify("other".getBytes(StandardCharsets.UTF_8), EvidenceKeys.sign(data, s.privateKey()), kp.getPublic())).isFalse();
    }

    @Test
    void theInstallationKeyIsGeneratedOnceAndReused() throws Exception {
        Path store = tmp.resolve("config").resolve("hilbench");
        EvidenceKeys.Signer first = EvidenceKeys.installationKey(store);
        EvidenceKeys.Signer second = EvidenceKeys.installationKey(store);
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(EvidenceKeys.readPublicPem(store.resolve(EvidenceKeys.INSTALLATION_PUBLIC_KEY)).getEncoded()).isEqualTo(first.publicKey().getEncoded());
        if (Files.getFileStore(store).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(store.resolve(EvidenceKeys.INSTALLATION_KEY)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    /**
     * Two bench runs of one user started together on a fresh HOME (CI, LockstepDeterminismTest's children) both create
     * the installation key: one must create it and every caller get that same key (an unlocked first use made one of
     * them exit 2). Threads of one JVM here; the file lock covers processes the same way.
     */
    @Test
    void runsStartingTogetherShareOneInstallationKey() throws Exception {
        Path store = tmp.resolve("fresh-home").resolve("hilbench");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<String>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(pool.submit(() -> {
                    start.await();
                    return EvidenceKeys.installationKey(store).fingerprint();
                }));
            }
            start.countDown();
            java.util.Set<String> fingerprints = new java.util.HashSet<>();
            for (var f : all) fingerprints.add(f.get());
            assertThat(fingerprints).hasSize(1);
            assertThat(EvidenceKeys.fingerprint(EvidenceKeys.readPublicPem(store.resolve(EvidenceKeys.INSTALLATION_PUBLIC_KEY)))).isEqualTo(fingerprints.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFingerprintIsTheSha256OfTheSpki() throws Exception {
        var kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(kp.getPublic().getEncoded()));
        assertThat(EvidenceKeys.fingerprint(kp.getPublic())).isEqualTo("SHA256:" + hex);
    }

    @Test
    void filesThatAreNotKeysGetAClearError() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.pem"), "hello");
        assertThatThrownBy(() -> EvidenceKeys.fromPkcs8Pem(junk)).hasMessageContaining("no '-----BEGIN PRIVATE KEY-----' block");
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024); // only parsed, never used: small and fast
        Path rsaPem = Files.writeString(tmp.resolve("rsa.pem"), EvidenceKeys.privatePem(rsa.generateKeyPair().getPrivate()));
        assertThatThrownBy(() -> EvidenceKeys.fromPkcs8Pem(rsaPem)).hasMessageContaining("not an Ed25519 PKCS#8 private key");
    }
}
