package io.hilbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hilbench.report.evidence.EvidenceBundle;
import io.hilbench.report.evidence.EvidenceKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parameter corners end to end (issue #17 item 3): one real {@code bench run} of SU-04 (the shortest certification
 * scenario) at two corners of the Solrød rig, nominal and {@code dh-pump-slow-run-down}, in lockstep against the
 * reference controller. Corner × scenario is the unit: two records in verdicts.json, each verdict naming its corner,
 * two traces, the corner × requirement matrix in report.html, the handover and the evidence manifest, and the bundle
 * re-judges each unit with its own corner. Whether SU-04 passes at the slow run-down is not asserted here (that is
 * the controller's business, BENCHMARKS.md reports it); the records must agree with the exit code.
 *
 * <p>Corner × scenario is also the unit a shard takes: the same two corners run meanwhile as two shard processes
 * ({@code --shard 0/2}, {@code --shard 1/2}, one unit each), and {@code bench merge} of them equals the run in one
 * JVM: the same records in the same order with their corners, the same matrix, the traces byte for byte.
 */
class CornersRunTest {
    @TempDir
    static Path tmp;

    /** A failure keeps the runs' logs (unit.log, run.log, worker stderr, controller logs) under target/failed-runs/. */
    @RegisterExtension
    static final KeepRunLogsOnFailure keepLogs = new KeepRunLogsOnFailure(() -> tmp);

    private static Path report;
    private static Path keyStore;
    private static int code;
    private static String output;
    private static Path merged;
    private static int mergeCode;
    private static String mergeOut;
    private static final List<ProcessHandle> started = new ArrayList<>();
    private static final List<String> TWO_CORNERS = List.of("--tags", "@SU-04", "--corner", "nominal", "--corner", "dh-pump-slow-run-down");

    @BeforeAll
    static void runSu04AtTwoCorners() throws Exception {
        report = tmp.resolve("report");
        keyStore = tmp.resolve("keys");
        // the two shards first, as processes, while this JVM runs both corners itself (lockstep: the load changes no byte)
        Process[] shards = {shard(0), shard(1)};
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();
        var saved = System.out;
        var savedErr = System.err;
        System.setOut(new java.io.PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            code = BenchCommand.commandLine().execute("run", "--tags", "@SU-04", "--corner", "nominal", "--corner", "dh-pump-slow-run-down",
                    "--report", report.toString(), "--key-store", keyStore.toString(), "--no-ui");
        } finally {
            System.setOut(saved);
            System.setErr(savedErr);
        }
        output = stdout.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertThat(code).as("bench run exits 0 or 1 (all judged):\n%s\n%s", output, err.substring(Math.max(0, err.length() - 3000))).isIn(0, 1);
        for (int k = 0; k < 2; k++) {
            int c = shards[k].waitFor();
            assertThat(c).as("shard %d exit; its output:\n%s", k, tail(tmp.resolve("shard" + k + ".out"))).isEqualTo(code);
        }
        merged = tmp.resolve("merged");
        StringWriter mo = new StringWriter(), me = new StringWriter();
        CommandLine cl = BenchCommand.commandLine();
        cl.setOut(new PrintWriter(mo, true));
        cl.setErr(new PrintWriter(me, true));
        mergeCode = cl.execute("merge", tmp.resolve("shard1").toString(), tmp.resolve("shard0").toString(), "--out", merged.toString(),
                "--trusted-key", keyStore.resolve(EvidenceKeys.INSTALLATION_PUBLIC_KEY).toString(), "--key-store", keyStore.toString());
        mergeOut = mo + "\n" + me;
    }

    @AfterAll
    static void stopLeftovers() {
        started.forEach(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(ProcessHandle::destroyForcibly);
    }

    private static Process shard(int k) throws java.io.IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"), BenchCommand.class.getName(), "run"));
        cmd.addAll(TWO_CORNERS);
        cmd.addAll(List.of("--shard", k + "/2", "--report", tmp.resolve("shard" + k).toString(), "--key-store", keyStore.toString(), "--no-ui"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("shard" + k + ".out").toFile());
        pb.environment().remove("JOB_COMPLETION_INDEX");
        pb.environment().remove("BENCH_SHARD_COUNT");
        Process p = pb.start();
        started.add(p.toHandle());
        return p;
    }

    private static String tail(Path f) {
        try {
            String s = Files.readString(f);
            return s.length() > 12000 ? s.substring(s.length() - 12000) : s;
        } catch (java.io.IOException e) {
            return "(" + e + ")";
        }
    }

    @Test
    void theCornerUnitsShardedAndMergedEqualTheRunInOneJvm() throws Exception {
        assertThat(mergeCode).as(mergeOut).isEqualTo(code);
        ObjectMapper json = new ObjectMapper();
        JsonNode one = json.readTree(report.resolve("verdicts.json").toFile()), joined = json.readTree(merged.resolve("verdicts.json").toFile());
        List<String> a = new ArrayList<>(), b = new ArrayList<>();
        for (JsonNode s : one.path("scenarios")) a.add(s.path("corner").asText() + " " + s.path("outcome").asText() + " " + s.path("verdicts"));
        for (JsonNode s : joined.path("scenarios")) b.add(s.path("corner").asText() + " " + s.path("outcome").asText() + " " + s.path("verdicts"));
        assertThat(b).as("records, corners, verdicts in order").isEqualTo(a).hasSize(2);
        assertThat(joined.path("totals")).isEqualTo(one.path("totals"));
        // the matrix survives the merge: in the merged pages and the newly signed manifest, as in the run's own
        JsonNode m1 = json.readTree(entry(report.resolve(EvidenceBundle.FILE), EvidenceBundle.MANIFEST));
        JsonNode m2 = json.readTree(entry(merged.resolve(EvidenceBundle.FILE), EvidenceBundle.MANIFEST));
        assertThat(m2.path("cornerMatrix")).isEqualTo(m1.path("cornerMatrix"));
        assertThat(m2.path("cornerMatrix").path("corners")).hasSize(2);
        for (String page : List.of("report.html", "handover.html")) {
            assertThat(Files.readString(merged.resolve(page))).as(page).contains("Parameter corners × requirements").contains("<th>dh-pump-slow-run-down</th>");
        }
        try (var files = Files.list(report.resolve("traces"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".csv"))::iterator) {
                assertThat(Files.readAllBytes(merged.resolve("traces").resolve(f.getFileName()))).as("traces/" + f.getFileName()).isEqualTo(Files.readAllBytes(f));
            }
        }
        StringWriter out = new StringWriter();
        CommandLine cl = BenchCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("verify-evidence", "--rejudge", "--trusted-key", keyStore.resolve(EvidenceKeys.INSTALLATION_PUBLIC_KEY).toString(),
                merged.resolve(EvidenceBundle.FILE).toString())).as(out.toString()).isZero();
    }

    @Test
    void everyVerdictRecordsItsCornerAndEachUnitKeepsItsOwnTrace() throws Exception {
        JsonNode v = new ObjectMapper().readTree(report.resolve("verdicts.json").toFile());
        JsonNode scenarios = v.path("scenarios");
        assertThat(scenarios).hasSize(2);
        List<String> corners = new ArrayList<>();
        for (JsonNode s : scenarios) {
            corners.add(s.path("corner").asText());
            assertThat(s.path("requirement").asText()).isEqualTo("SU-04");
            assertThat(s.path("run").path("corner").asText()).isEqualTo(s.path("corner").asText());
            assertThat(s.path("verdicts")).isNotEmpty().allSatisfy(a -> assertThat(a.path("corner").asText()).isEqualTo(s.path("corner").asText()));
        }
        assertThat(corners).containsExactly("nominal", "dh-pump-slow-run-down");
        assertThat(v.path("totals").path("scenarios").asInt()).isEqualTo(2);
        assertThat(v.path("totals").path("exitCode").asInt()).isEqualTo(code);
        try (var files = Files.list(report.resolve("traces"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).toList())
                    .contains("SU-04-operator-stops-the-heat-pump-at-full-load.csv", "SU-04-operator-stops-the-heat-pump-at-full-load@dh-pump-slow-run-down.csv");
        }
        assertThat(output).contains("corner nominal", "corner dh-pump-slow-run-down", "[2/2] SU-04");
    }

    @Test
    void theReportTheHandoverAndTheManifestShowTheCornerByRequirementMatrix() throws Exception {
        String index = Files.readString(report.resolve("report.html"));
        String handover = Files.readString(report.resolve("handover.html"));
        for (String page : List.of(index, handover)) {
            assertThat(page).contains("Parameter corners × requirements").contains("<th>nominal</th>").contains("<th>dh-pump-slow-run-down</th>");
        }
        // the report folder's JUnit XML is written from the verdicts: one test case per unit, the corner in its classname
        assertThat(index).contains("agrees with the verdicts");
        assertThat(Files.readString(report.resolve("cucumber-junit.xml"))).contains("classname=\"SU-04\"")
                .contains("classname=\"SU-04 @ dh-pump-slow-run-down\"");
        JsonNode manifest = new ObjectMapper().readTree(entry(report.resolve(EvidenceBundle.FILE), EvidenceBundle.MANIFEST));
        assertThat(manifest.path("cornerMatrix").path("corners").toString()).isEqualTo("[\"nominal\",\"dh-pump-slow-run-down\"]");
        assertThat(manifest.path("cornerMatrix").path("requirements").path("SU-04").path("nominal").asText()).isIn("passed", "failed");
        assertThat(manifest.path("verdicts").get(1).path("corner").asText()).isEqualTo("dh-pump-slow-run-down");
        JsonNode cornersRun = manifest.path("run").path("corners");
        assertThat(cornersRun).hasSize(2);
        assertThat(cornersRun.get(1).path("overrides").get(0).path("key").asText()).isEqualTo("dhPumpRunDownTimeConstantS");
        assertThat(cornersRun.get(1).path("overrides").get(0).path("source").asText()).contains("rig.yaml:");
    }

    @Test
    void theBundleReJudgesEachUnitWithItsCorner() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BenchCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int verified = cl.execute("verify-evidence", "--rejudge", "--trusted-key", keyStore.resolve(EvidenceKeys.INSTALLATION_PUBLIC_KEY).toString(),
                report.resolve(EvidenceBundle.FILE).toString());
        assertThat(verified).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("re-judged to the same verdicts");
    }

    private static byte[] entry(Path zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) if (e.getName().equals(name)) return in.readAllBytes();
        }
        throw new AssertionError(name + " not in " + zip);
    }
}
