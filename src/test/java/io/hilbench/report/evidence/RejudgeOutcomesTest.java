package io.hilbench.report.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hilbench.report.OneTruthFixtureAccess;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
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
 * {@code --rejudge} compares every scenario's outcome and the run's totals (issue #14 item 7): a bundle of a hand-made
 * run with one scenario of each outcome, re-signed with the same key after an outcome or a total was edited, fails on
 * a line naming the scenario or the figure. The re-judge itself is a stand-in here (the report layer takes any
 * {@link Rejudger}); what is under test is the comparison.
 */
class RejudgeOutcomesTest {
    @TempDir
    static Path tmp;
    static Path bundle;
    static EvidenceKeys.Signer signer;

    @BeforeAll
    static void writeTheBundle() throws Exception {
        Path report = Files.createDirectories(tmp.resolve("report"));
        OneTruthFixtureAccess.write(report);
        var kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        signer = new EvidenceKeys.Signer(kp.getPrivate(), kp.getPublic());
        // a run with a plant parameter override: recorded in the manifest, and the bundle still verifies (issue #15 item 7)
        Rig rig = RigLoader.loadDefault(Path.of("rigs/solrod"))
                .withRunOverrides(io.hilbench.rig.PlantOverride.fromArguments(List.of("gasCooler.co2SideUaNominalWPerK=300000")));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("plantOverrides", io.hilbench.rig.PlantModels.describe(io.hilbench.rig.PlantModels.resolve(rig.plant().model(), rig.plant().overrides())));
        run.put("scenarios", 4);
        run.put("passed", 1);
        run.put("failed", 1);
        run.put("inconclusive", 1);
        run.put("errors", 1);
        run.put("exitCode", 1);
        bundle = EvidenceBundle.write(new EvidenceBundle.Inputs(report, Path.of("features"), Path.of("rigs/solrod").toAbsolutePath(), rig.name(), rig.plant().model(),
                rig.plant().parameters(), Path.of("plant-models"), run, Map.of(), null), signer);
    }

    /** A re-judged assertion as the scenario layer's verdict gives it (expected, actual and plant time parsed from the message). */
    static Rejudger.Assertion a(String verdict, Map<String, Double> limits, String message) {
        var v = new io.hilbench.scenario.judge.Verdict("X.y", io.hilbench.scenario.judge.Verdict.Outcome.valueOf(verdict.toUpperCase(java.util.Locale.ROOT)), limits, message);
        return new Rejudger.Assertion(verdict, limits, message, v.expected(), v.actual(), v.plantTimeMs());
    }

    /** The re-judge of an honest bundle: each judged scenario's verdicts as recorded; the inconclusive one not re-judged. */
    static List<Rejudger.Scenario> honest(Path features, Path rig, Path traces) {
        return List.of(
                new Rejudger.Scenario(OneTruthFixtureAccess.PASSED, "features/startup/stop.feature:5",
                        Map.of("SU-04.off", a("passed", Map.of(), "never C-1 on from 0:01:00.0 to the end of the run")), null),
                new Rejudger.Scenario(OneTruthFixtureAccess.FAILED, "features/protection/reduced_flow.feature:7",
                        Map.of("HP-01.below-switch", a("failed", Map.of("hp_switch_bar", 130.0),
                                "expected never PT-202 >= 130.00 bar from 0:00:00.0 to the end of the run; actual: PT-202 130.01 bar at plant time 0:04:02.8 (step 2428)")), null),
                new Rejudger.Scenario(OneTruthFixtureAccess.INCONCLUSIVE, "features/startup/cold_start.feature:4", Map.of(),
                        "no verdict of this scenario was judged on its trace (a step error or an inconclusive run)"),
                new Rejudger.Scenario(OneTruthFixtureAccess.ERROR, "features/defrost/defrost.feature:6", new LinkedHashMap<>(Map.of(
                        "DF-01.terminates", a("error", Map.of(), "the check threw java.lang.ArrayIndexOutOfBoundsException: Index 7 out of bounds for length 7"),
                        "DF-01.no-trip", a("passed", Map.of(), "never a safety-chain trip"))), null));
    }

    @Test
    void anHonestBundleReJudgesToTheSameOutcomesAndTotals() throws Exception {
        EvidenceVerifier.Result r = EvidenceVerifier.verify(bundle, null, RejudgeOutcomesTest::honest);
        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("4 scenario outcome(s) and the run's totals derived again"));
        String manifest = new String(EvidenceVerifier.readEntry(bundle, EvidenceBundle.MANIFEST), StandardCharsets.UTF_8);
        var m = new ObjectMapper().readTree(manifest);
        assertThat(m.path("totals").path("errors").asInt()).isEqualTo(1);
        assertThat(m.path("totals").path("exitCode").asInt()).isEqualTo(1);
        assertThat(m.path("verdicts").get(3).path("outcome").asText()).isEqualTo("error");
        assertThat(m.path("verdicts").get(1).path("assertions").get(0).path("plantTimeS").asDouble()).isEqualTo(242.8);
    }

    /** The manifest records the plant parameter overrides in force: key (with its file's prefix), value, source. */
    @Test
    void theManifestRecordsThePlantOverrides() throws Exception {
        var m = new ObjectMapper().readTree(EvidenceVerifier.readEntry(bundle, EvidenceBundle.MANIFEST));
        var o = m.path("run").path("plantOverrides");
        assertThat(o.size()).isEqualTo(1);
        assertThat(o.get(0).path("key").asText()).isEqualTo("heatPump.gasCooler.co2SideUaNominalWPerK");
        assertThat(o.get(0).path("value").asText()).isEqualTo("300000");
        assertThat(o.get(0).path("source").asText()).isEqualTo("--plant-param gasCooler.co2SideUaNominalWPerK");
        assertThat(m.path("plantModel").path("overrides").asText()).startsWith("1 value(s) set over the parameter files");
    }

    @Test
    void anOutcomeEditedInTheManifestAndReSignedFailsNamingTheScenario() throws Exception {
        Path forged = forge("outcome.zip", e -> e, m -> {
            ((ObjectNode) m.path("verdicts").get(3)).put("outcome", "passed");
            return m;
        });
        assertThat(EvidenceVerifier.verify(forged, null, null).problems()).as("hashes and signature recomputed").isEmpty();
        List<String> p = EvidenceVerifier.verify(forged, null, RejudgeOutcomesTest::honest).problems();
        assertThat(p).contains("re-judge differs: outcome of '" + OneTruthFixtureAccess.ERROR + "' (features/defrost/defrost.feature:6): manifest passed, re-derived error");
    }

    @Test
    void anInconclusiveScenarioMadePassedInVerdictsJsonAndTheManifestFailsNamingIt() throws Exception {
        Path forged = forge("inconclusive.zip", e -> {
            e.put("report/verdicts.json", json(e.get("report/verdicts.json"), m -> {
                ((ObjectNode) m.path("scenarios").get(2)).put("outcome", "passed");
                return m;
            }));
            return e;
        }, m -> {
            ((ObjectNode) m.path("verdicts").get(2)).put("outcome", "passed");
            return m;
        });
        List<String> p = EvidenceVerifier.verify(forged, null, RejudgeOutcomesTest::honest).problems();
        assertThat(p).contains("re-judge differs: outcome of '" + OneTruthFixtureAccess.INCONCLUSIVE + "' (features/startup/cold_start.feature:4): manifest passed, re-derived inconclusive")
                .contains("re-judge differs: outcome of '" + OneTruthFixtureAccess.INCONCLUSIVE + "' (features/startup/cold_start.feature:4): verdicts.json passed, re-derived inconclusive");
    }

    @Test
    void editedTotalsAndExitCodeFailNamingEachFigure() throws Exception {
        Path forged = forge("totals.zip", e -> {
            e.put("report/verdicts.json", json(e.get("report/verdicts.json"), m -> {
                ((ObjectNode) m.path("totals")).put("failed", 0).put("passed", 2).put("exitCode", 0);
                return m;
            }));
            return e;
        }, m -> {
            ((ObjectNode) m.path("totals")).put("failed", 0).put("passed", 2).put("exitCode", 0);
            ((ObjectNode) m.path("run")).put("exitCode", 0);
            return m;
        });
        List<String> p = EvidenceVerifier.verify(forged, null, RejudgeOutcomesTest::honest).problems();
        assertThat(p).anySatisfy(x -> assertThat(x).startsWith("re-judge differs: manifest totals.failed is 0, re-derived 1"))
                .anySatisfy(x -> assertThat(x).startsWith("re-judge differs: manifest totals.passed is 2, re-derived 1"))
                .anySatisfy(x -> assertThat(x).startsWith("re-judge differs: manifest totals.exitCode is 0, re-derived 1"))
                .anySatisfy(x -> assertThat(x).startsWith("re-judge differs: manifest run.exitCode is 0, re-derived 1"))
                .anySatisfy(x -> assertThat(x).startsWith("re-judge differs: verdicts.json totals.failed is 0, re-derived 1"));
    }

    @Test
    void anActualFieldEditedAndReSignedFailsNamingTheAssertion() throws Exception {
        Path forged = forge("actual.zip", e -> e, m -> {
            ((ObjectNode) m.path("verdicts").get(1).path("assertions").get(0)).put("actual", "PT-202 129.99 bar").put("plantTimeS", 10.0);
            return m;
        });
        List<String> p = EvidenceVerifier.verify(forged, null, RejudgeOutcomesTest::honest).problems();
        assertThat(p).anySatisfy(x -> assertThat(x).startsWith("re-judge differs: HP-01.below-switch of '" + OneTruthFixtureAccess.FAILED + "': manifest actual 'PT-202 129.99 bar'"))
                .anySatisfy(x -> assertThat(x).contains("manifest plant time 10000 ms, re-judged 242800 ms"));
    }

    @Test
    void aTraceThatReJudgesToAnotherOutcomeFailsOnTheOutcomeToo() throws Exception {
        Rejudger greener = (f, r, t) -> honest(f, r, t).stream().map(s -> !s.name().equals(OneTruthFixtureAccess.FAILED) ? s
                : new Rejudger.Scenario(s.name(), s.uri(), Map.of("HP-01.below-switch", a("passed", Map.of("hp_switch_bar", 130.0), "never")), null)).toList();
        List<String> p = EvidenceVerifier.verify(bundle, null, greener).problems();
        assertThat(p).anySatisfy(x -> assertThat(x).startsWith("re-judge differs: HP-01.below-switch of '" + OneTruthFixtureAccess.FAILED + "': manifest failed, re-judged passed"))
                .contains("re-judge differs: outcome of '" + OneTruthFixtureAccess.FAILED + "' (features/protection/reduced_flow.feature:7): manifest failed, re-derived passed")
                .anySatisfy(x -> assertThat(x).startsWith("re-judge differs: manifest totals.passed is 1, re-derived 2"));
    }

    // ------------------------------------------------------------------ what a forger holding the key would do

    private interface Edit { Map<String, byte[]> apply(Map<String, byte[]> entries) throws Exception; }

    private static byte[] json(byte[] in, UnaryOperator<ObjectNode> change) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        return om.writeValueAsBytes(change.apply((ObjectNode) om.readTree(in)));
    }

    /** Edits the entries and the manifest, recomputes every hash and re-signs with the bundle's own key. */
    private static Path forge(String name, Edit edit, UnaryOperator<ObjectNode> manifestChange) throws Exception {
        Map<String, byte[]> e = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(bundle))) {
            ZipEntry x;
            while ((x = z.getNextEntry()) != null) e.put(x.getName(), z.readAllBytes());
        }
        e = edit.apply(e);
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = manifestChange.apply((ObjectNode) om.readTree(e.get(EvidenceBundle.MANIFEST)));
        ArrayNode files = m.putArray("files");
        for (Map.Entry<String, byte[]> x : e.entrySet()) {
            if (x.getKey().equals(EvidenceBundle.MANIFEST) || x.getKey().equals(EvidenceBundle.SIGNATURE) || x.getKey().equals(EvidenceBundle.PUBLIC_KEY)) continue;
            ObjectNode f = files.addObject();
            f.put("path", x.getKey());
            f.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(x.getValue())));
            f.put("bytes", x.getValue().length);
        }
        byte[] bytes = om.writeValueAsBytes(m);
        e.put(EvidenceBundle.MANIFEST, bytes);
        e.put(EvidenceBundle.SIGNATURE, Base64.getEncoder().encodeToString(EvidenceKeys.sign(bytes, signer.privateKey())).getBytes(StandardCharsets.US_ASCII));
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
}
