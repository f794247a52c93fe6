package io.hilbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hilbench.report.RunReport;
import io.hilbench.report.RunTotals;
import io.hilbench.report.evidence.EvidenceBundle;
import io.hilbench.report.evidence.EvidenceKeys;
import io.hilbench.report.evidence.EvidenceVerifier;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import io.hilbench.scenario.Replay;
import io.hilbench.scenario.VerdictLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code bench merge SHARD_DIR... --out DIR} (issue #17 item 2): joins the report folders of the shards of one run
 * ({@code bench run --shard K/N}) into one report folder, as if one run had run every scenario.
 *
 * <p>Each shard is taken from its <b>evidence bundle</b>, never from the loose files beside it: the bundle is verified
 * first (every hash, the Ed25519 signature, with {@code --trusted-key} the signer), so a shard whose files were changed
 * after signing is refused by name. The shards must be of the same run: the same bench jar, the same features, rig and
 * plant-model files (by their hashes in the manifests), the same run settings (pacing, seed, controller, variant, tags,
 * plant overrides), the same controller identity and operator fields; each of shards 0 … N−1 exactly once; and between
 * them every selected scenario exactly once (each shard's manifest lists the run's selected units and its own).
 *
 * <p>The joined folder has the layout of a parallel run ({@link UnitRuns}): verdicts.json written by the run's own
 * ledger writer (its totals counted again), the traces and judged traces, one folder per scenario; then the report
 * pages, the handover and the JUnit XML by {@link RunReport} and one evidence bundle by {@link EvidenceBundle}, newly
 * signed, which verifies with {@code bench verify-evidence --rejudge}. Exit: the merged run's (0 passed, 1 failed,
 * 3 inconclusive or errors), 2 when a shard is refused or the folder cannot be written (nothing claimed).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the report folders of the shards of one run (bench run --shard K/N) into one report, handover, JUnit XML, verdicts.json and one newly signed evidence bundle, after verifying each shard's bundle.")
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SHARD_DIR", description = "The shards' report folders (each with its evidence.zip), any order.")
    List<Path> shardDirs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The merged report folder (new or empty).")
    Path out;

    @Option(names = "--trusted-key", paramLabel = "FILE", description = "Public key (X.509 SPKI PEM) every shard must be signed with; a shard signed by another is refused.")
    Path trustedKey;

    @Option(names = "--sign-key", paramLabel = "FILE", description = "Ed25519 private key (PKCS#8 PEM) that signs the merged evidence.zip (default: this installation's key).")
    Path signKey;

    @Option(names = "--key-store", paramLabel = "DIR", description = "Folder of the per-installation signing key (default: $XDG_CONFIG_HOME/hilbench or ~/.config/hilbench).")
    Path keyStore;

    /** Run settings that differ between the shards of one run by design (counts, the shard itself, how many ran at once). */
    static final Set<String> PER_SHARD = Set.of("scenarios", "passed", "failed", "inconclusive", "errors", "exitCode", "shard", "shardUnits", "parallel");

    /** One verified shard: its folder, the bundle extracted, its manifest. */
    record Shard(Path dir, Path root, JsonNode manifest, int index, int count) {
        String name() { return dir.toString(); }
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PublicKey trusted = null;
        EvidenceKeys.Signer signer;
        try {
            if (trustedKey != null) trusted = EvidenceKeys.readPublicPem(trustedKey);
            signer = signKey != null ? EvidenceKeys.fromPkcs8Pem(signKey) : EvidenceKeys.installationKey(keyStore != null ? keyStore : EvidenceKeys.defaultStore());
        } catch (IOException e) {
            err.println("bench merge: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        List<Shard> shards = new ArrayList<>();
        try {
            try {
                for (Path d : shardDirs) {
                    Shard s = verified(d, trusted);
                    shards.add(s);
                    o.println("shard " + s.index() + "/" + s.count() + ": " + d + " verified (signer " + s.manifest().path("signer").path("fingerprint").asText() + ")");
                }
                sameRun(shards);
                List<String> missing = coverage(shards);
                if (!missing.isEmpty()) throw new Refused(String.join("; ", missing));
            } catch (Refused e) {
                err.println("bench merge: refused: " + e.getMessage() + "; nothing merged");
                return BenchCommand.USAGE;
            }
            Path dir;
            try {
                dir = ReportFolder.claimNamed(out);
            } catch (IOException e) {
                err.println("bench merge: " + ReportFolder.describe(e));
                return BenchCommand.USAGE;
            }
            return merge(shards, dir, signer, o, err);
        } catch (IOException e) {
            err.println("bench merge: " + e.getMessage());
            return BenchCommand.USAGE;
        } finally {
            for (Shard s : shards) deleteTree(s.root());
        }
    }

    /** A shard that cannot be merged: the message names it and why. */
    static final class Refused extends Exception {
        Refused(String message) { super(message); }
    }

    /** The shard's bundle verified and extracted. */
    private static Shard verified(Path dir, PublicKey trusted) throws Refused, IOException {
        Path zip = Files.isRegularFile(dir) ? dir : dir.resolve(EvidenceBundle.FILE);
        if (!Files.isRegularFile(zip)) throw new Refused("shard " + dir + " has no " + EvidenceBundle.FILE);
        EvidenceVerifier.Result r;
        try {
            r = EvidenceVerifier.verify(zip, trusted, null);
        } catch (IOException e) {
            throw new Refused("shard " + dir + ": " + e.getMessage());
        }
        if (!r.ok()) throw new Refused("shard " + dir + ": its evidence bundle does not verify: " + String.join("; ", r.problems()));
        Path root = Files.createTempDirectory("hilbench-merge");
        extract(zip, root);
        JsonNode manifest = new ObjectMapper().readTree(root.resolve(EvidenceBundle.MANIFEST).toFile());
        String shard = manifest.path("run").path("shard").asText("");
        if (!shard.matches("\\d+/\\d+")) {
            deleteTree(root);
            throw new Refused("shard " + dir + " is not a shard of a run (its manifest names no run.shard: run with bench run --shard K/N)");
        }
        String[] kn = shard.split("/");
        return new Shard(dir, root, manifest, Integer.parseInt(kn[0]), Integer.parseInt(kn[1]));
    }

    /** What must be equal between the shards of one run (class comment), as name → value. */
    static Map<String, String> identity(JsonNode m) {
        Map<String, String> id = new TreeMap<>();
        id.put("bench.version", m.path("bench").path("version").asText());
        id.put("bench.jarSha256", m.path("bench").path("jarSha256").asText());
        m.path("run").fields().forEachRemaining(e -> {
            if (!PER_SHARD.contains(e.getKey())) id.put("run." + e.getKey(), e.getValue().toString());
        });
        id.put("plantModel", m.path("plantModel").toString());
        id.put("controller.identity", m.path("controller").path("identity").asText());
        id.put("controller.operatorAdded", m.path("controller").path("operatorAdded").toString());
        for (JsonNode f : m.path("files")) {
            String p = f.path("path").asText();
            if (p.startsWith("features/") || p.startsWith("rigs/") || p.startsWith("plant-models/") || p.startsWith("plant-parameters/")) {
                id.put("file " + p, f.path("sha256").asText());
            }
        }
        return id;
    }

    /** The same run: identity equal to the first shard's, the same N, each index once. */
    private static void sameRun(List<Shard> shards) throws Refused {
        Shard first = shards.get(0);
        Map<String, String> want = identity(first.manifest());
        Map<Integer, Shard> byIndex = new TreeMap<>();
        for (Shard s : shards) {
            if (s.count() != first.count()) throw new Refused("shard " + s.name() + " is of " + s.count() + " shards, shard " + first.name() + " of " + first.count());
            Shard twice = byIndex.put(s.index(), s);
            if (twice != null) throw new Refused("shard " + s.name() + " is shard " + s.index() + "/" + s.count() + " a second time (also " + twice.name() + "): a shard is merged once");
            if (s == first) continue;
            Map<String, String> got = identity(s.manifest());
            Set<String> keys = new LinkedHashSet<>(want.keySet());
            keys.addAll(got.keySet());
            List<String> differ = keys.stream().filter(k -> !java.util.Objects.equals(want.get(k), got.get(k))).toList();
            if (!differ.isEmpty()) {
                throw new Refused("shard " + s.name() + " is not of the same run as " + first.name() + ": it differs in " + differ.size() + " item(s): "
                        + String.join(", ", differ.subList(0, Math.min(8, differ.size()))) + (differ.size() > 8 ? ", …" : ""));
            }
        }
        for (int k = 0; k < first.count(); k++) if (!byIndex.containsKey(k)) throw new Refused("shard " + k + "/" + first.count() + " is missing");
    }

    /** Every selected unit in exactly one shard, each shard's verdicts one per unit; the problems, else empty. */
    private static List<String> coverage(List<Shard> shards) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> selected = texts(shards.get(0).manifest().path("run").path("selectedUnits"));
        Map<String, String> owner = new LinkedHashMap<>();
        for (Shard s : shards) {
            List<String> mine = texts(s.manifest().path("run").path("shardUnits"));
            for (String u : mine) {
                String was = owner.put(u, s.name());
                if (was != null) problems.add("scenario " + u + " was run twice: by shard " + was + " and by shard " + s.name());
                if (!selected.contains(u)) problems.add("shard " + s.name() + " ran " + u + ", which the run did not select");
            }
            int records = VerdictLedger.readRecords(s.root().resolve("report").resolve(VerdictLedger.FILE)).size();
            if (records != mine.size()) problems.add("shard " + s.name() + " has " + records + " scenario record(s) for its " + mine.size() + " scenario(s)");
        }
        for (String u : selected) if (!owner.containsKey(u)) problems.add("scenario " + u + " is in no shard (missing)");
        return problems;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private int merge(List<Shard> shards, Path dir, EvidenceKeys.Signer signer, PrintWriter o, PrintWriter err) throws IOException {
        // the records and the unit folders, by the unit's number in the whole run (the features' order)
        TreeMap<String, VerdictLedger.ScenarioRecord> byFolder = new TreeMap<>(Comparator.comparingInt(MergeCommand::number).thenComparing(Comparator.naturalOrder()));
        for (Shard s : shards) {
            Path report = s.root().resolve("report");
            List<String> mine = texts(s.manifest().path("run").path("shardUnits"));
            List<VerdictLedger.ScenarioRecord> records = VerdictLedger.readRecords(report.resolve(VerdictLedger.FILE));
            for (int i = 0; i < mine.size(); i++) {
                String folder = mine.get(i).split(" ", 2)[0];
                byFolder.put(folder, records.get(i));
                Path unit = report.resolve(folder);
                if (Files.isDirectory(unit)) copyTree(unit, dir.resolve(folder));
            }
            copyFiles(report.resolve(io.hilbench.report.RunData.TRACES), dir.resolve(io.hilbench.report.RunData.TRACES), s);
            copyFiles(report.resolve(Replay.FOLDER), dir.resolve(Replay.FOLDER), s);
        }
        List<VerdictLedger.ScenarioRecord> records = new ArrayList<>(byFolder.values());
        VerdictLedger.replaceAll(records, dir);
        RunTotals t = RunTotals.of(records.stream().map(r -> r.outcome().label()).toList());

        Shard first = shards.stream().min(Comparator.comparingInt(Shard::index)).orElseThrow();
        JsonNode m = first.manifest();
        String rigName = m.path("run").path("rig").asText();
        Path features = first.root().resolve("features");
        Path rigDir = first.root().resolve("rigs").resolve(rigName);
        Path plantModels = first.root().resolve("plant-models");
        io.hilbench.rig.Rig rig;
        try {
            rig = RigLoader.loadDefault(rigDir);
        } catch (RigException e) {
            err.println("bench merge: the rig in shard " + first.name() + "'s bundle does not load: " + e.errors());
            return BenchCommand.USAGE;
        }
        try {
            RunReport.Written w = RunReport.write(dir, rigDir, features);
            for (String p : w.problems()) err.println("bench merge: report: " + p);
            CucumberHtmlWithPlots.Embedded c = CucumberHtmlWithPlots.write(dir);
            for (String p : c.problems()) err.println("bench merge: report: " + p);
        } catch (IOException | RuntimeException e) {
            err.println("bench merge: report pages not written: " + e.getMessage());
        }
        Map<String, Object> run = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> shardRun = new ObjectMapper().convertValue(m.path("run"), LinkedHashMap.class);
        for (Map.Entry<String, Object> e : shardRun.entrySet()) {
            if (e.getKey().equals("rig") || e.getKey().equals("rigFolder") || PER_SHARD.contains(e.getKey())) continue;
            run.put(e.getKey(), e.getValue());
        }
        run.put("scenarios", t.scenarios());
        run.put("passed", t.passed());
        run.put("failed", t.failed());
        run.put("inconclusive", t.inconclusive());
        run.put("errors", t.errors());
        run.put("exitCode", t.exitCode());
        List<Map<String, Object>> from = new ArrayList<>();
        for (Shard s : shards.stream().sorted(Comparator.comparingInt(Shard::index)).toList()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("shard", s.index() + "/" + s.count());
            f.put("signer", s.manifest().path("signer").path("fingerprint").asText());
            f.put("manifestSha256", EvidenceBundle.sha256Hex(s.root().resolve(EvidenceBundle.MANIFEST)));
            f.put("created", s.manifest().path("created").asText());
            from.add(f);
        }
        run.put("mergedFrom", from);
        Map<String, String> operator = new TreeMap<>();
        m.path("controller").path("operatorAdded").fields().forEachRemaining(e -> operator.put(e.getKey(), e.getValue().asText()));
        Path zip;
        try {
            zip = EvidenceBundle.write(new EvidenceBundle.Inputs(dir, features, rigDir, rigName, rig.plant().model(), rig.plant().parameters(),
                    Files.isDirectory(plantModels) ? plantModels : null, run, operator, Path.of("").toAbsolutePath()), signer);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(dir.resolve(EvidenceBundle.FILE + ".tmp"));
            err.println("bench merge: evidence bundle not written: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        o.println("merged " + shards.size() + " shard(s): " + t.describe());
        o.println("report: " + dir.resolve(io.hilbench.report.html.IndexPage.FILE));
        o.println("evidence: " + zip + " (signed by " + signer.fingerprint() + ")");
        o.flush();
        return t.exitCode();
    }

    /** The leading number of a unit folder ({@code 07-SU-04} → 7). */
    private static int number(String folder) {
        int dash = folder.indexOf('-');
        try {
            return Integer.parseInt(dash < 0 ? folder : folder.substring(0, dash));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static void copyFiles(Path from, Path to, Shard s) throws IOException {
        if (!Files.isDirectory(from)) return;
        Files.createDirectories(to);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
            for (Path f : files) {
                Path target = to.resolve(f.getFileName().toString());
                if (Files.exists(target)) throw new IOException(to.getFileName() + "/" + f.getFileName() + " of shard " + s.name() + " is already there from another shard");
                Files.copy(f, target);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    private static void extract(Path zip, Path root) throws IOException {
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (e.isDirectory()) continue;
                Path out = root.resolve(e.getName()).normalize();
                if (!out.startsWith(root)) throw new IOException(zip + ": unsafe path " + e.getName());
                Files.createDirectories(out.getParent());
                Files.copy(z, out);
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary folder left behind is no verdict
        }
    }
}
