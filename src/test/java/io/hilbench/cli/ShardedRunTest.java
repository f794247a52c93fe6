package io.hilbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hilbench.report.evidence.EvidenceBundle;
import io.hilbench.report.evidence.EvidenceKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17 items 1–2 and its "Done when" (three shard processes plus {@code bench merge} equal one sequential run),
 * the whole flow simulated on one machine: three short scenarios (SF-01's two example rows and SU-04, 8 plant minutes
 * each, the shortest of the suite) run once sequentially in this JVM, and once as three shard processes side by side
 * ({@code bench run --shard 0/3}, {@code --shard 2/3 --parallel 2}, and shard 1 of 3 from the environment variables a
 * Kubernetes Indexed Job sets); then {@code bench merge} of the three, given out of order. The merged run must equal
 * the sequential one: every trace and judged trace byte for byte, verdicts.json once the timing fields are set aside
 * (totals and exit code included); the merged bundle verifies with {@code --rejudge} and {@code --trusted-key}; a
 * tampered shard, a shard given twice and a missing shard are refused by name. (Each shard runs its unit as a child
 * bench run, so the byte-for-byte comparison also holds a child run against the sequential one.)
 */
class ShardedRunTest {
    private static final String TAGS = "@SU-04 or @SF-01";

    @TempDir
    static Path tmp;

    /** A failure keeps the runs' logs (unit.log, run.log, worker stderr, controller logs) under target/failed-runs/. */
    @RegisterExtension
    static final KeepRunLogsOnFailure keepLogs = new KeepRunLogsOnFailure(() -> tmp);

    private static Path keys;
    private static Path sequential;
    private static Path shard0;
    private static Path shard1;
    private static Path shard2;
    private static Path merged;
    private static int sequentialCode;
    private static int mergeCode;
    private static String mergeOut;
    private static final List<ProcessHandle> started = new ArrayList<>();

    @BeforeAll
    static void runSequentiallyThenAsThreeShardsAndMerge() throws Exception {
        keys = tmp.resolve("keys");
        sequential = tmp.resolve("sequential");
        shard0 = tmp.resolve("shard0");
        shard1 = tmp.resolve("shard1");
        shard2 = tmp.resolve("shard2");
        // the shards first, as processes (the second given its shard as a Kubernetes Indexed Job does)
        Process p0 = start(List.of("--shard", "0/3"), shard0, Map.of());
        Process p1 = start(List.of(), shard1, Map.of("JOB_COMPLETION_INDEX", "1", "BENCH_SHARD_COUNT", "3"));
        Process p2 = start(List.of("--shard", "2/3", "--parallel", "2"), shard2, Map.of());
        // the sequential run in this JVM meanwhile (lockstep: the load of the others changes no byte)
        var stdout = new ByteArrayOutputStream();
        var saved = System.out;
        System.setOut(new java.io.PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            sequentialCode = BenchCommand.commandLine().execute("run", "--tags", TAGS, "--report", sequential.toString(), "--key-store", keys.toString());
        } finally {
            System.setOut(saved);
        }
        System.out.print(stdout.toString(StandardCharsets.UTF_8));
        int c0 = p0.waitFor(), c1 = p1.waitFor(), c2 = p2.waitFor();
        assertThat(c0).as("shard 0 exit; its output:\n%s", read(tmp.resolve("shard0.out"))).isEqualTo(sequentialCode);
        assertThat(c1).as("shard 1 exit; its output:\n%s", read(tmp.resolve("shard1.out"))).isEqualTo(sequentialCode);
        assertThat(c2).as("shard 2 exit; its output:\n%s", read(tmp.resolve("shard2.out"))).isEqualTo(sequentialCode);
        merged = tmp.resolve("merged");
        Run m = bench("merge", shard2.toString(), shard0.toString(), shard1.toString(), "--out", merged.toString(), "--trusted-key", trustedKey(), "--key-store", keys.toString());
        mergeCode = m.code();
        mergeOut = m.out() + m.err();
        System.out.print(mergeOut);
    }

    @AfterAll
    static void stopLeftovers() {
        started.forEach(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void theShardsAreBudgetBalancedAndTheMergeEqualsTheSequentialRun() throws Exception {
        assertThat(sequentialCode).as("the reference controller passes SU-04 and SF-01").isZero();
        assertThat(mergeCode).as(mergeOut).isEqualTo(sequentialCode);
        // LPT on equal budgets: one scenario per shard, in the features' order
        assertThat(names(shard0)).containsExactly("01-SF-01");
        assertThat(names(shard1)).containsExactly("02-SF-01");
        assertThat(names(shard2)).containsExactly("03-SU-04");
        assertThat(comparable(merged)).isEqualTo(comparable(sequential));
        for (String folder : List.of("traces", "judged")) {
            Map<String, byte[]> a = files(sequential.resolve(folder)), b = files(merged.resolve(folder));
            assertThat(b.keySet()).as(folder).isEqualTo(a.keySet()).isNotEmpty();
            for (String f : a.keySet()) assertThat(b.get(f)).as(folder + "/" + f + " byte-identical").isEqualTo(a.get(f));
        }
        for (String page : List.of("report.html", "handover.html", "cucumber-junit.xml")) assertThat(merged.resolve(page)).isRegularFile();
    }

    @Test
    void theMergedBundleVerifiesWithRejudgeAndTheTrustedKey() throws Exception {
        Run v = bench("verify-evidence", "--rejudge", "--trusted-key", trustedKey(), merged.resolve(EvidenceBundle.FILE).toString());
        assertThat(v.code()).as(v.out()).isZero();
        assertThat(v.out()).contains("(trusted)").contains("re-judged to the same verdicts");
        JsonNode manifest = new ObjectMapper().readTree(io.hilbench.report.evidence.EvidenceVerifier.readEntry(merged.resolve(EvidenceBundle.FILE), EvidenceBundle.MANIFEST));
        assertThat(manifest.path("run").path("mergedFrom")).hasSize(3);
        assertThat(manifest.path("totals").path("scenarios").asInt()).isEqualTo(3);
    }

    @Test
    void aTamperedShardIsRefusedByName() throws Exception {
        Path bad = tmp.resolve("tampered-shard");
        Files.createDirectories(bad);
        // one verdict changed inside the bundle, hashes and signature left as they were
        rewriteZip(shard1.resolve(EvidenceBundle.FILE), bad.resolve(EvidenceBundle.FILE), "report/verdicts.json",
                s -> s.replaceFirst("\"outcome\" : \"passed\"", "\"outcome\" : \"failed\""));
        Run m = bench("merge", shard0.toString(), bad.toString(), shard2.toString(), "--out", tmp.resolve("merged-tampered").toString(), "--key-store", keys.toString());
        assertThat(m.code()).isEqualTo(BenchCommand.USAGE);
        assertThat(m.err()).contains("refused").contains("shard " + bad).contains("does not verify").contains("report/verdicts.json");
        assertThat(tmp.resolve("merged-tampered")).doesNotExist();
    }

    @Test
    void aDuplicatedShardAndAMissingShardAreRefusedByName() throws Exception {
        Path copy = tmp.resolve("shard0-copy");
        Files.createDirectories(copy);
        Files.copy(shard0.resolve(EvidenceBundle.FILE), copy.resolve(EvidenceBundle.FILE));
        Run twice = bench("merge", shard0.toString(), copy.toString(), shard1.toString(), shard2.toString(), "--out", tmp.resolve("merged-twice").toString(), "--key-store", keys.toString());
        assertThat(twice.code()).isEqualTo(BenchCommand.USAGE);
        assertThat(twice.err()).contains("shard " + copy + " is shard 0/3 a second time (also " + shard0 + ")");
        Run missing = bench("merge", shard0.toString(), shard2.toString(), "--out", tmp.resolve("merged-missing").toString(), "--key-store", keys.toString());
        assertThat(missing.code()).isEqualTo(BenchCommand.USAGE);
        assertThat(missing.err()).contains("shard 1/3 is missing");
        assertThat(tmp.resolve("merged-twice")).doesNotExist();
        assertThat(tmp.resolve("merged-missing")).doesNotExist();
    }

    // ------------------------------------------------------------------ helpers

    private static Process start(List<String> extra, Path report, Map<String, String> env) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"), BenchCommand.class.getName(), "run",
                "--tags", TAGS, "--report", report.toString(), "--key-store", keys.toString()));
        cmd.addAll(extra);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(report.getFileName() + ".out").toFile());
        pb.environment().remove("JOB_COMPLETION_INDEX");
        pb.environment().remove("BENCH_SHARD_COUNT");
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p.toHandle());
        return p;
    }

    private static String trustedKey() {
        return keys.resolve(EvidenceKeys.INSTALLATION_PUBLIC_KEY).toString();
    }

    private static String read(Path f) {
        try {
            String s = Files.readString(f);
            return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /** The unit folders (NN-REQ) of a shard's report folder. */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{2}-.*")).sorted().toList();
        }
    }

    /** verdicts.json without the timing fields (wall time, the timing log's figures). */
    private static JsonNode comparable(Path dir) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dir.resolve("verdicts.json").toFile());
        for (JsonNode s : root.path("scenarios")) {
            ((ObjectNode) s).remove("wallTimeS");
            ((ObjectNode) s.path("run")).remove("timing");
        }
        return root;
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) out.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return out;
    }

    private static void rewriteZip(Path from, Path to, String entry, java.util.function.UnaryOperator<String> edit) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from)); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    String edited = edit.apply(new String(data, StandardCharsets.UTF_8));
                    assertThat(edited).as("the edit changes " + entry).isNotEqualTo(new String(data, StandardCharsets.UTF_8));
                    data = edited.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
    }

    record Run(int code, String out, String err) {}

    private static Run bench(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = BenchCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
