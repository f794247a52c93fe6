package io.hilbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hilbench.report.evidence.EvidenceBundle;
import io.hilbench.report.evidence.EvidenceKeys;
import io.hilbench.report.evidence.EvidenceVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence bundle end to end (DESIGN §10): one real {@code bench run} of SU-04 (ordered stop, the shortest
 * certification scenario: about 7 min of plant time) against the reference controller in lockstep writes a signed
 * evidence.zip; {@code bench verify-evidence} then must accept it as written and catch every kind of tampering a
 * third party could try — an edited file, an edited trace row, an edited verdict, a bundle re-signed by another key,
 * and a trace edited to change a verdict with hashes and signature recomputed, which only {@code --rejudge} can catch.
 * Exit codes of DESIGN §11: 0 verified, 1 a check failed, 2 usage error.
 */
class EvidenceBundleTest {
    @TempDir
    static Path tmp;

    private static Path bundle;
    private static Path keyStore;
    private static String runOutput;

    @BeforeAll
    static void runSu04AndWriteTheBundle() throws Exception {
        keyStore = tmp.resolve("keys");
        Path report = tmp.resolve("report");
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();
        var saved = System.out;
        var savedErr = System.err;
        int code;
        System.setOut(new java.io.PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            code = BenchCommand.commandLine().execute("run", "--tags", "@SU-04", "--report", report.toString(), "--key-store", keyStore.toString(),
                    "--firmware-hash", "sha256:0123abcd", "--controller-cert-thumbprint", "AB:CD:EF");
        } finally {
            System.setOut(saved);
            System.setErr(savedErr);
        }
        runOutput = stdout.toString(StandardCharsets.UTF_8);
        String errors = stderr.toString(StandardCharsets.UTF_8);
        System.out.print(runOutput);
        System.err.print(errors);
        // stderr carries the live progress and any "bench run: …" error line (an unwritten bundle says why there)
        assertThat(code).as("bench run @SU-04 passes with the reference controller:\n%s\nstderr, last lines:\n%s", runOutput, tail(errors, 30)).isZero();
        bundle = report.resolve(EvidenceBundle.FILE);
        assertThat(bundle).isRegularFile();
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }

    private record Run(int code, String out, String err) {}

    private static Run verify(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BenchCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> a = new ArrayList<>(List.of("verify-evidence"));
        a.addAll(List.of(args));
        int code = cl.execute(a.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static String installationFingerprint() throws IOException {
        return EvidenceKeys.fingerprint(EvidenceKeys.readPublicPem(keyStore.resolve(EvidenceKeys.INSTALLATION_PUBLIC_KEY)));
    }

    @Test
    void theBundleOfARealRunVerifiesAndReJudgesToTheSameVerdicts() throws Exception {
        Run r = verify("--rejudge", "--trusted-key", keyStore.resolve(EvidenceKeys.INSTALLATION_PUBLIC_KEY).toString(), bundle.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("signer: " + installationFingerprint() + " (trusted)")
                .contains("re-judge: 6 assertion(s) evaluated again")
                .contains("verified, 6 assertion(s) re-judged to the same verdicts");
        assertThat(runOutput).contains("signed by " + installationFingerprint());
    }

    @Test
    void theManifestHoldsWhatDesignSection10Lists() throws Exception {
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(entries(bundle).get(EvidenceBundle.MANIFEST));
        assertThat(m.path("bench").path("version").asText()).isNotEmpty();
        assertThat(m.path("git").path("commit").asText()).matches("[0-9a-f]{40}|unknown");
        assertThat(m.path("environment").path("jvm").asText()).contains("17");
        assertThat(m.path("run").path("pacing").asText()).isEqualTo("lockstep");
        assertThat(m.path("run").path("seed").asLong()).isEqualTo(20240601L);
        assertThat(m.path("verdicts").get(0).path("assertions").findValuesAsText("id"))
                .containsExactly("SU-04.reaches-full-load", "SU-04.unload", "SU-04.off", "SU-04.pump-overrun", "SU-04.no-trip", "SU-04.state");
        assertThat(m.path("verdicts").get(0).path("assertions").get(3).path("limits").path("pump_overrun_s").asDouble()).isEqualTo(60.0);
        assertThat(m.path("timing").get(0).path("figures").has("lateness")).isTrue();
        assertThat(m.path("plantModel").path("implementation").asText()).isEqualTo("io.hilbench.plant.site.SolrodPlant");
        assertThat(m.path("plantModel").path("assumptions").size()).isGreaterThan(3);
        assertThat(m.path("controller").path("identityIs").asText()).startsWith("self-declared");
        assertThat(m.path("controller").path("operatorAdded").path("firmwareHash").asText()).isEqualTo("sha256:0123abcd");
        assertThat(m.path("controller").path("operatorAdded").path("controllerCertThumbprint").asText()).isEqualTo("AB:CD:EF");
        List<String> paths = m.path("files").findValuesAsText("path");
        assertThat(paths).contains("features/requirements.yaml", "features/startup/ordered_stop.feature", "rigs/solrod/rig.yaml",
                "rigs/solrod/points.csv", "rigs/solrod/controller.csv", "plant-models/solrod/README.md", "plant-models/solrod/parameters.yaml",
                "plant-models/co2-heat-pump/parameters.yaml", "plant-models/tank/README.md", "report/verdicts.json",
                "report/cucumber-junit.xml");
        assertThat(paths).anyMatch(p -> p.startsWith("report/traces/") && p.endsWith(".csv"));
        assertThat(paths).anyMatch(p -> p.startsWith("report/judged/") && p.endsWith(".judged.csv"));
        assertThat(paths).anyMatch(p -> p.startsWith("report/judged/") && p.endsWith(".replay.json"));
        assertThat(paths).noneMatch(p -> p.endsWith(EvidenceBundle.FILE));
    }

    @Test
    void theReportLayerNamesTheScenarioLayersFilesAsTheScenarioLayerWritesThem() {
        // report may not import scenario (DESIGN §2), so the two names are written twice; this keeps them one
        assertThat(io.hilbench.report.evidence.EvidenceVerifier.JUDGED_FOLDER).isEqualTo(io.hilbench.scenario.Replay.FOLDER);
        assertThat(EvidenceBundle.VERDICTS).isEqualTo(io.hilbench.scenario.VerdictLedger.FILE);
    }

    @Test
    void anEditedFileIsCaughtByName() throws Exception {
        Path edited = rewrite("edited-file.zip", e -> {
            e.put("features/requirements.yaml", (new String(e.get("features/requirements.yaml"), StandardCharsets.UTF_8)
                    .replace("pump_overrun_s: 60", "pump_overrun_s: 6")).getBytes(StandardCharsets.UTF_8));
            return e;
        });
        Run r = verify(edited.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL hash mismatch: features/requirements.yaml");
    }

    @Test
    void anEditedTraceRowIsCaught() throws Exception {
        String judged = judgedTracePath();
        Path edited = rewrite("edited-row.zip", e -> {
            byte[] before = e.get(judged);
            byte[] after = editJudgedTrace(before, 100, "o:hp.compressor1.speedHz", "12.5");
            assertThat(after).as("one cell of row 100 changed").isNotEqualTo(before).hasSameSizeAs(before.length == after.length ? before : after);
            e.put(judged, after);
            return e;
        });
        Run r = verify(edited.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL hash mismatch: " + judged);
    }

    @Test
    void aMissingOrAnExtraFileIsCaught() throws Exception {
        Path edited = rewrite("missing-extra.zip", e -> {
            e.remove("rigs/solrod/points.csv");
            e.put("report/planted.txt", "not in the manifest".getBytes(StandardCharsets.UTF_8));
            return e;
        });
        Run r = verify(edited.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL missing file: rigs/solrod/points.csv").contains("FAIL extra file not in the manifest: report/planted.txt");
    }

    @Test
    void anEditedVerdictInTheManifestBreaksTheSignature() throws Exception {
        Path edited = rewrite("edited-verdict.zip", e -> {
            String m = new String(e.get(EvidenceBundle.MANIFEST), StandardCharsets.UTF_8);
            assertThat(m).contains("\"verdict\" : \"passed\"");
            e.put(EvidenceBundle.MANIFEST, m.replaceFirst("\"verdict\" : \"passed\"", "\"verdict\" : \"failed\"").getBytes(StandardCharsets.UTF_8));
            return e;
        });
        Run r = verify(edited.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL signature does not verify");
    }

    @Test
    void aBundleReSignedByAnotherKeyIsUntrustedAndShowsThatKeysFingerprint() throws Exception {
        var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        EvidenceKeys.Signer otherSigner = new EvidenceKeys.Signer(other.getPrivate(), other.getPublic());
        Path resigned = rewrite("resigned.zip", e -> resign(e, otherSigner, m -> m));

        // integrity alone holds (the forger recomputed everything) ...
        Run anyKey = verify(resigned.toString());
        assertThat(anyKey.code()).as(anyKey.out()).isZero();
        assertThat(anyKey.out()).contains("signer: " + otherSigner.fingerprint());
        // ... but it does not pass as the original once the verifier names the key it trusts
        Run trusted = verify("--trusted-key", keyStore.resolve(EvidenceKeys.INSTALLATION_PUBLIC_KEY).toString(), resigned.toString());
        assertThat(trusted.code()).isEqualTo(1);
        assertThat(trusted.out()).contains("signer: " + otherSigner.fingerprint() + " (UNTRUSTED)")
                .contains("FAIL untrusted signer: the bundle is signed by " + otherSigner.fingerprint() + ", not by the trusted key " + installationFingerprint());
    }

    @Test
    void aTraceEditedToChangeAVerdictAndReSignedIsCaughtOnlyByReJudging() throws Exception {
        // P-271 shown stopped at every step: SU-04.pump-overrun (P-271 runs >= 60 s after the last compressor stops)
        // cannot hold on that trace. Hashes and signature recomputed with the installation's own key, so only a
        // re-judge from the traces can tell.
        String judged = judgedTracePath();
        EvidenceKeys.Signer own = EvidenceKeys.installationKey(keyStore);
        Path forged = rewrite("forged-trace.zip", e -> {
            e.put(judged, editJudgedTrace(e.get(judged), -1, "o:hp.dhPump.running", "0.0"));
            return resign(e, own, m -> m);
        });
        assertThat(verify(forged.toString()).code()).as("hashes and signature were recomputed").isZero();
        Run r = verify("--rejudge", forged.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL re-judge differs: SU-04.pump-overrun of 'Operator stops the heat pump at full load': manifest passed, re-judged failed");
    }

    @Test
    void aLimitEditedInRequirementsYamlAndReSignedIsCaughtByReJudging() throws Exception {
        EvidenceKeys.Signer own = EvidenceKeys.installationKey(keyStore);
        Path forged = rewrite("forged-limit.zip", e -> {
            e.put("features/requirements.yaml", (new String(e.get("features/requirements.yaml"), StandardCharsets.UTF_8)
                    .replace("pump_overrun_s: 60", "pump_overrun_s: 6000")).getBytes(StandardCharsets.UTF_8));
            return resign(e, own, m -> m);
        });
        Run r = verify("--rejudge", forged.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL re-judge differs: SU-04.pump-overrun").contains("pump_overrun_s=6000.0");
    }

    @Test
    void anOutcomeOrATotalEditedAndReSignedWithTheSameKeyIsCaughtByReJudging() throws Exception {
        // issue #14 item 7: the scenario outcome and the run's totals are compared too, not only the assertions' verdicts
        EvidenceKeys.Signer own = EvidenceKeys.installationKey(keyStore);
        Path forged = rewrite("forged-outcome.zip", e -> resign(e, own, m -> {
            ((ObjectNode) m.path("verdicts").get(0)).put("outcome", "failed");
            ((ObjectNode) m.path("totals")).put("passed", 0).put("failed", 1).put("exitCode", 1);
            return m;
        }));
        assertThat(verify(forged.toString()).code()).as("hashes and signature were recomputed").isZero();
        Run r = verify("--rejudge", forged.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL re-judge differs: outcome of 'Operator stops the heat pump at full load'").contains("manifest failed, re-derived passed")
                .contains("FAIL re-judge differs: manifest totals.failed is 1, re-derived 0")
                .contains("FAIL re-judge differs: manifest totals.exitCode is 1, re-derived 0");
    }

    @Test
    void theRunsFilesAgreeWithEachOtherAndTheExitCode() throws Exception {
        Path report = bundle.getParent();
        JsonNode verdicts = new ObjectMapper().readTree(report.resolve("verdicts.json").toFile());
        assertThat(verdicts.path("totals").path("exitCode").asInt()).isZero();
        assertThat(verdicts.path("totals").path("passed").asInt()).isEqualTo(1);
        JsonNode v = verdicts.path("scenarios").get(0).path("verdicts").get(0);
        assertThat(v.has("expected")).isTrue();
        assertThat(v.has("plantTimeS")).isTrue();
        assertThat(Files.readString(report.resolve("cucumber-junit.xml"))).contains("tests=\"1\"").contains("failures=\"0\"").contains("skipped=\"0\"");
        assertThat(Files.readString(report.resolve("report.html"))).contains("1 scenario(s): 1 passed, 0 failed, 0 inconclusive, 0 error(s); exit code 0")
                .contains("agrees with the verdicts");
        JsonNode manifest = new ObjectMapper().readTree(EvidenceVerifier.readEntry(bundle, EvidenceBundle.MANIFEST));
        assertThat(manifest.path("totals")).isEqualTo(verdicts.path("totals"));
        assertThat(manifest.path("run").path("errors").asInt()).isZero();
        assertThat(runOutput).contains("1 scenario(s): 1 passed, 0 failed, 0 inconclusive, 0 error(s)");
    }

    @Test
    void aMissingBundleOrAnUnreadableTrustedKeyIsAUsageError() throws Exception {
        assertThat(verify(tmp.resolve("nope.zip").toString()).code()).isEqualTo(2);
        Path badKey = Files.writeString(tmp.resolve("bad.pem"), "not a key");
        Run r = verify("--trusted-key", badKey.toString(), bundle.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no '-----BEGIN PUBLIC KEY-----' block");
        Path notZip = Files.writeString(tmp.resolve("not.zip"), "plain text");
        assertThat(verify(notZip.toString()).code()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ helpers: what a forger would do

    private static String judgedTracePath() throws IOException {
        return entries(bundle).keySet().stream().filter(p -> p.endsWith(".judged.csv")).findFirst().orElseThrow();
    }

    /** Sets {@code column} to {@code value} in data row {@code row} (or every row for -1) of a judged trace. */
    private static byte[] editJudgedTrace(byte[] csv, int row, String column, String value) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        int c = List.of(lines[0].split(",")).indexOf(column);
        assertThat(c).as("judged trace has column %s: %s", column, lines[0]).isPositive();
        for (int i = 1; i < lines.length; i++) {
            if (row >= 0 && i != row + 1) continue;
            String[] cells = lines[i].split(",", -1);
            cells[c] = value;
            lines[i] = String.join(",", cells);
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) m.put(e.getName(), z.readAllBytes());
        }
        return m;
    }

    private interface Edit { Map<String, byte[]> apply(Map<String, byte[]> entries) throws Exception; }

    private static Path rewrite(String name, Edit edit) throws Exception {
        Map<String, byte[]> e = edit.apply(entries(bundle));
        Path out = tmp.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, byte[]> x : e.entrySet()) {
                z.putNextEntry(new ZipEntry(x.getKey()));
                z.write(x.getValue());
                z.closeEntry();
            }
        }
        return out;
    }

    /** Recomputes every file's hash and size in the manifest, names the new signer and signs it with {@code signer}. */
    private static Map<String, byte[]> resign(Map<String, byte[]> e, EvidenceKeys.Signer signer, UnaryOperator<ObjectNode> change) throws Exception {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = change.apply((ObjectNode) om.readTree(e.get(EvidenceBundle.MANIFEST)));
        ArrayNode files = m.putArray("files");
        for (Map.Entry<String, byte[]> x : e.entrySet()) {
            if (x.getKey().equals(EvidenceBundle.MANIFEST) || x.getKey().equals(EvidenceBundle.SIGNATURE) || x.getKey().equals(EvidenceBundle.PUBLIC_KEY)) continue;
            ObjectNode f = files.addObject();
            f.put("path", x.getKey());
            f.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(x.getValue())));
            f.put("bytes", x.getValue().length);
        }
        ((ObjectNode) m.path("signer")).put("fingerprint", signer.fingerprint());
        byte[] bytes = om.writeValueAsBytes(m);
        e.put(EvidenceBundle.MANIFEST, bytes);
        e.put(EvidenceBundle.SIGNATURE, Base64.getEncoder().encodeToString(EvidenceKeys.sign(bytes, signer.privateKey())).getBytes(StandardCharsets.US_ASCII));
        e.put(EvidenceBundle.PUBLIC_KEY, EvidenceKeys.publicPem(signer.publicKey()).getBytes(StandardCharsets.US_ASCII));
        return e;
    }
}
