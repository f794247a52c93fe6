package io.hilbench.cli;

import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** `bench pki trust FILE` (DESIGN §11): moves a rejected certificate into trusted/, exit 0; a bad FILE is one line and exit 2. */
class PkiCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new PkiCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static X509Certificate certificate() throws Exception {
        KeyPair kp = SelfSignedCertificateGenerator.generateRsaKeyPair(1024) /* only a file here: small key, fast test */;
        return new SelfSignedCertificateBuilder(kp).setCommonName("rejected client").setApplicationUri("urn:test:rejected").build();
    }

    @Test
    void trustMovesARejectedCertificateIntoTrusted() throws Exception {
        Path pki = tmp.resolve("pki");
        Files.createDirectories(pki.resolve("rejected"));
        X509Certificate cert = certificate();
        Path rejected = pki.resolve("rejected").resolve("client.der");
        Files.write(rejected, cert.getEncoded());

        assertThat(run("trust", "--pki-dir", pki.toString(), rejected.toString())).isZero();
        assertThat(rejected).doesNotExist();
        try (var files = Files.list(pki.resolve("trusted").resolve("certs"))) {
            assertThat(files.toList()).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(cert.getEncoded()));
        }
        assertThat(out.toString()).startsWith("moved ").contains("CN=rejected client");
    }

    @Test
    void trustCopiesAPemFileFromElsewhere() throws Exception {
        Path pki = tmp.resolve("pki");
        X509Certificate cert = certificate();
        Path pem = tmp.resolve("client.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        assertThat(run("trust", "--pki-dir", pki.toString(), pem.toString())).isZero();
        assertThat(pem).exists();
        assertThat(out.toString()).startsWith("copied ");
        try (var files = Files.list(pki.resolve("trusted").resolve("certs"))) {
            assertThat(files.toList()).hasSize(1);
        }
    }

    @Test
    void missingOrNonCertificateFileIsOneLineAndExitTwo() throws Exception {
        Path pki = tmp.resolve("pki");
        assertThat(run("trust", "--pki-dir", pki.toString(), tmp.resolve("nope.der").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("bench pki trust: no certificate file").doesNotContain("\n");

        Path junk = tmp.resolve("junk.der");
        Files.writeString(junk, "not a certificate");
        StringWriter e2 = err;
        e2.getBuffer().setLength(0);
        assertThat(run("trust", "--pki-dir", pki.toString(), junk.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).contains("is not an X.509 certificate").doesNotContain("\n");
        assertThat(junk).exists();
    }

    @Test
    void withoutPkiDirTheRigsPkiFolderIsUsedAndABareNameIsFoundInRejected() throws Exception {
        // a copy of the Solrød rig whose pki_dir points into the temp folder
        Path rig = tmp.resolve("solrod");
        Files.createDirectories(rig);
        for (String f : java.util.List.of("points.csv", "controller.csv")) Files.copy(Path.of("rigs/solrod", f), rig.resolve(f));
        Path pki = tmp.resolve("rig-pki");
        Files.writeString(rig.resolve("rig.yaml"), Files.readString(Path.of("rigs/solrod/rig.yaml")).replace("../../plant-models/", Path.of("plant-models").toAbsolutePath() + "/")
                .replace("  # pki_dir: ~/.hilbench/pki/solrod   (the default)", "  pki_dir: " + pki.toString().replace('\\', '/')));
        Files.createDirectories(pki.resolve("rejected"));
        Files.write(pki.resolve("rejected").resolve("plc.der"), certificate().getEncoded());

        assertThat(run("trust", "--rig", rig.toString(), "plc.der")).isZero();
        assertThat(pki.resolve("rejected").resolve("plc.der")).doesNotExist();
        try (var files = Files.list(pki.resolve("trusted").resolve("certs"))) {
            assertThat(files.toList()).hasSize(1);
        }
    }

    @Test
    void aBrokenRigIsAConfigurationError() throws Exception {
        assertThat(run("trust", "--rig", tmp.resolve("no-such-rig").toString(), "x.der")).isEqualTo(2);
        assertThat(err.toString()).contains("rig.yaml");
    }

    @Test
    void noSubcommandIsUsageError() {
        assertThat(run()).isEqualTo(2);
    }
}
