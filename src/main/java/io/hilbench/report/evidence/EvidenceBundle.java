package io.hilbench.report.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code evidence.zip} into a run's report folder (DESIGN §10): the files themselves — features (with
 * requirements.yaml), the rig (rig.yaml and point maps), the plant model's documentation and parameters, the report
 * (verdicts, traces and judged traces, Cucumber reports, logs) — and {@value #MANIFEST}: SHA-256 and size of each file,
 * bench jar hash and version, git commit, JVM and OS, run settings (pacing, seed, rig), lateness statistics, verdicts
 * with the limits used per assertion id (outcome per scenario, expected, actual and plant time per assertion, the run's
 * totals and exit code as verdicts.json states them), plant model and its assumptions, the controller's identity (marked
 * self-declared) and what the operator adds. The manifest's exact bytes are signed with Ed25519 ({@value #SIGNATURE},
 * base64) and the signer's public key is included ({@value #PUBLIC_KEY}, X.509 SPKI PEM).
 *
 * <p>Bundle layout: {@code features/…}, {@code rigs/<rig>/…}, {@code plant-models/<folder>/…},
 * {@code plant-parameters/<file>} (only when the rig's parameter file lies outside the rig folder), {@code report/…}.
 */
public final class EvidenceBundle {
    private static final Logger log = LoggerFactory.getLogger(EvidenceBundle.class);

    public static final String FILE = "evidence.zip";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String PUBLIC_KEY = "signer-public-key.pem";
    public static final String FORMAT = "hilbench-evidence/1";
    /** The verdict file the scenario layer writes in the report folder (VerdictLedger.FILE). */
    public static final String VERDICTS = "verdicts.json";

    /**
     * What goes into a bundle.
     *
     * @param reportDir       the run's report folder (the bundle is written into it; its own {@value #FILE} is never included)
     * @param featuresDir     the features folder the run used
     * @param rigDir          the rig folder
     * @param rigName         the rig's name
     * @param plantModel      the rig's {@code plant.model}
     * @param plantParameters the rig's plant parameter file, or null
     * @param plantModelsDir  the plant-models folder, or null when not at hand
     * @param run             run settings for the manifest (pacing, seed, controller, variant, tags, exit code …)
     * @param operator        fields the operator adds (firmware image hash, controller certificate thumbprint …)
     * @param workDir         where to look for the git commit (the bench's checkout), or null
     */
    public record Inputs(Path reportDir, Path featuresDir, Path rigDir, String rigName, String plantModel, Path plantParameters,
                         Path plantModelsDir, Map<String, Object> run, Map<String, String> operator, Path workDir) {
        public Inputs {
            run = new LinkedHashMap<>(run);
            operator = new TreeMap<>(operator);
        }
    }

    private EvidenceBundle() {}

    /** Writes {@code reportDir/evidence.zip} signed by {@code signer}; returns its path. */
    public static Path write(Inputs in, EvidenceKeys.Signer signer) throws IOException {
        Path zip = in.reportDir().resolve(FILE);
        Map<String, Path> files = collect(in);
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode manifest = manifest(m, in, files, signer);
        byte[] manifestBytes = m.writeValueAsBytes(manifest);
        byte[] signature;
        try {
            signature = EvidenceKeys.sign(manifestBytes, signer.privateKey());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the manifest: " + e.getMessage(), e);
        }
        Path tmp = in.reportDir().resolve(FILE + ".tmp");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(tmp))) {
            put(z, MANIFEST, manifestBytes);
            put(z, SIGNATURE, (Base64.getEncoder().encodeToString(signature) + "\n").getBytes(StandardCharsets.US_ASCII));
            put(z, PUBLIC_KEY, EvidenceKeys.publicPem(signer.publicKey()).getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, Path> e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                Files.copy(e.getValue(), z);
                z.closeEntry();
            }
        }
        Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
        log.info("evidence bundle {} ({} files, signer {})", zip, files.size(), signer.fingerprint());
        return zip;
    }

    private static void put(ZipOutputStream z, String name, byte[] data) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(data);
        z.closeEntry();
    }

    /** Bundle path → file on disk, sorted by bundle path. */
    static Map<String, Path> collect(Inputs in) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        addTree(files, "features", in.featuresDir(), null);
        addTree(files, "rigs/" + in.rigName(), in.rigDir(), null);
        if (in.plantParameters() != null && !in.plantParameters().toAbsolutePath().normalize().startsWith(in.rigDir().toAbsolutePath().normalize())) {
            files.put("plant-parameters/" + in.plantParameters().getFileName(), in.plantParameters());
        }
        PlantModelInfo pm = PlantModelInfo.of(in.plantModel(), in.plantModelsDir());
        for (Path f : pm.folders()) addTree(files, "plant-models/" + f.getFileName(), f, null);
        Path self = in.reportDir().resolve(FILE);
        addTree(files, "report", in.reportDir(), p -> p.equals(self) || p.getFileName().toString().equals(FILE + ".tmp"));
        return files;
    }

    private static void addTree(Map<String, Path> files, String prefix, Path dir, java.util.function.Predicate<Path> skip) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) throw new IOException(prefix + ": folder " + dir + " not found");
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                if (!Files.isRegularFile(p) || (skip != null && skip.test(p))) continue;
                String rel = dir.relativize(p).toString().replace('\\', '/');
                files.put(prefix + "/" + rel, p);
            }
        }
    }

    private static ObjectNode manifest(ObjectMapper m, Inputs in, Map<String, Path> files, EvidenceKeys.Signer signer) throws IOException {
        ObjectNode root = m.createObjectNode();
        root.put("format", FORMAT);
        root.put("created", Instant.now().toString());
        root.put("certifies", "the controller identified below, as run against the plant model below with the rig and requirements in this bundle; nothing more");

        ObjectNode bench = root.putObject("bench");
        bench.put("version", benchVersion());
        Path jar = benchJar();
        if (jar != null) {
            bench.put("jar", jar.getFileName().toString());
            bench.put("jarSha256", sha256Hex(jar));
        } else {
            bench.put("jar", "unknown (the bench ran from a classes folder, not a jar)");
            bench.put("jarSha256", "unknown");
        }
        ObjectNode git = root.putObject("git");
        String[] commit = gitCommit(in.workDir());
        git.put("commit", commit[0]);
        git.put("uncommittedChanges", commit[1]);

        ObjectNode env = root.putObject("environment");
        env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")");
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));

        ObjectNode run = root.putObject("run");
        run.put("rig", in.rigName());
        run.put("rigFolder", "rigs/" + in.rigName());
        for (Map.Entry<String, Object> e : in.run().entrySet()) run.set(e.getKey(), m.valueToTree(e.getValue()));

        JsonNode ledger = readVerdicts(m, in.reportDir());
        ArrayNode verdicts = root.putArray("verdicts");
        ArrayNode timing = root.putArray("timing");
        java.util.Set<String> identities = new java.util.LinkedHashSet<>();
        double p99Max = Double.NaN;
        for (JsonNode s : ledger.path("scenarios")) {
            ObjectNode v = verdicts.addObject();
            v.put("scenario", s.path("scenario").asText());
            v.put("requirement", s.path("requirement").asText());
            v.put("uri", s.path("uri").asText());
            // the parameter corner of the unit (scenario × corner, issue #17 item 3)
            v.put("corner", s.path("corner").asText(io.hilbench.runtime.TraceNames.NOMINAL));
            v.put("outcome", s.path("outcome").asText());
            if (s.hasNonNull("error")) v.put("error", s.path("error").asText());
            ArrayNode as = v.putArray("assertions");
            for (JsonNode a : s.path("verdicts")) {
                ObjectNode o = as.addObject();
                o.put("id", a.path("id").asText());
                o.put("verdict", a.path("verdict").asText());
                o.set("limits", a.path("limits"));
                o.put("message", a.path("message").asText());
                for (String field : new String[]{"expected", "actual", "plantTimeS"}) if (a.has(field)) o.set(field, a.get(field));
            }
            JsonNode r = s.path("run");
            String id = r.path("identitySelfDeclared").asText("");
            if (!id.isEmpty()) identities.add(id);
            ObjectNode t = timing.addObject();
            t.put("scenario", s.path("scenario").asText());
            t.put("plantTimeS", s.path("plantTimeS").asDouble());
            t.put("wallTimeS", s.path("wallTimeS").asDouble());
            t.set("figures", r.path("timing"));
            JsonNode p99 = r.path("timing").path("lateness").path("p99Ms");
            if (p99.isNumber() && r.path("timing").path("lateness").path("count").asInt() > 0) {
                p99Max = Double.isNaN(p99Max) ? p99.asDouble() : Math.max(p99Max, p99.asDouble());
            }
        }
        // the corner × requirement matrix when the run ran parameter corners (issue #17 item 3): requirement → corner → outcome
        List<io.hilbench.report.CornerMatrix.Unit> units = new ArrayList<>();
        ledger.path("scenarios").forEach(s -> units.add(new io.hilbench.report.CornerMatrix.Unit(s.path("requirement").asText(""),
                s.path("corner").asText(io.hilbench.runtime.TraceNames.NOMINAL), s.path("outcome").asText())));
        io.hilbench.report.CornerMatrix matrix = io.hilbench.report.CornerMatrix.of(units);
        if (matrix.hasCorners()) {
            ObjectNode cm = root.putObject("cornerMatrix");
            cm.set("corners", m.valueToTree(matrix.corners()));
            cm.set("requirements", m.valueToTree(matrix.cells()));
        }
        // the run's totals and exit code as verdicts.json states them, counted again from its scenarios when it states none
        List<String> outcomes = new ArrayList<>();
        ledger.path("scenarios").forEach(s -> outcomes.add(s.path("outcome").asText()));
        io.hilbench.report.RunTotals counted = io.hilbench.report.RunTotals.of(outcomes);
        JsonNode stated = ledger.path("totals");
        root.set("totals", stated.isObject() ? stated.deepCopy() : m.valueToTree(counted));
        ObjectNode lateness = root.putObject("lateness");
        if (Double.isNaN(p99Max)) lateness.put("p99MaxMs", "not applicable (no step had a deadline: lockstep pacing)");
        else lateness.put("p99MaxMs", p99Max);
        lateness.put("perScenario", "see timing[].figures.lateness (wall-clock figures from the timing log, never the trace)");

        PlantModelInfo pm = PlantModelInfo.of(in.plantModel(), in.plantModelsDir());
        ObjectNode plant = root.putObject("plantModel");
        plant.put("model", pm.model());
        plant.put("implementation", pm.implementation());
        plant.put("version", "bench " + benchVersion() + " (the model ships inside the bench; it has no version of its own)");
        ArrayNode docs = plant.putArray("documentation");
        MessageDigest md = sha256();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            if (!e.getKey().startsWith("plant-models/") && !e.getKey().startsWith("plant-parameters/")) continue;
            docs.add(e.getKey());
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update(sha256Hex(e.getValue()).getBytes(StandardCharsets.US_ASCII));
        }
        plant.put("documentationSha256", HexFormat.of().formatHex(md.digest()));
        if (in.plantParameters() != null && io.hilbench.rig.PlantModels.isBundled(in.plantParameters())) {
            // a rig copied out of rigs/ runs with the jar's copy: say so (the file itself is in plant-parameters/)
            plant.put("parameters", in.plantParameters().getFileName() + " (the bench's bundled plant-models/"
                    + in.plantParameters().getParent().getFileName() + "/parameters.yaml: the rig's plant.parameters path was not found)");
        } else if (in.plantParameters() != null) plant.put("parameters", in.plantParameters().getFileName().toString());
        else plant.put("parameters", "the model's built-in defaults (the rig names no parameter file)");
        // values set over the parameter files (rig plant.overrides, --plant-param): listed in run.plantOverrides
        Object overrides = in.run().get("plantOverrides");
        int overrideCount = overrides instanceof java.util.Collection<?> c ? c.size() : 0;
        plant.put("overrides", overrideCount == 0 ? "none: the parameter files as they are in this bundle"
                : overrideCount + " value(s) set over the parameter files: see run.plantOverrides (key, value, source)");
        ArrayNode assumptions = plant.putArray("assumptions");
        pm.assumptions().forEach(assumptions::add);

        ObjectNode controller = root.putObject("controller");
        controller.put("identity", identities.isEmpty() ? "unknown (not read)" : String.join("; ", identities));
        controller.put("identityIs", "self-declared: what the controller reported over its supervisory interface, not verified by the bench");
        ObjectNode op = controller.putObject("operatorAdded");
        in.operator().forEach(op::put);
        if (in.operator().isEmpty()) controller.put("operatorAddedNote", "none given (bench run --firmware-hash, --controller-cert-thumbprint, --operator FILE)");

        ObjectNode signerNode = root.putObject("signer");
        signerNode.put("algorithm", EvidenceKeys.ALGORITHM);
        signerNode.put("publicKey", PUBLIC_KEY);
        signerNode.put("fingerprint", signer.fingerprint());

        ArrayNode list = root.putArray("files");
        for (Map.Entry<String, Path> e : files.entrySet()) {
            ObjectNode f = list.addObject();
            f.put("path", e.getKey());
            f.put("sha256", sha256Hex(e.getValue()));
            f.put("bytes", Files.size(e.getValue()));
        }
        return root;
    }

    private static JsonNode readVerdicts(ObjectMapper m, Path reportDir) throws IOException {
        Path f = reportDir.resolve(VERDICTS);
        if (!Files.isRegularFile(f)) throw new IOException("no " + VERDICTS + " in " + reportDir + ": no scenario was judged, nothing to certify");
        return m.readTree(f.toFile());
    }

    /** The bench version: {@link io.hilbench.BenchVersion} (the jar manifest's Implementation-Version), as --version and the report print it. */
    public static String benchVersion() {
        return io.hilbench.BenchVersion.get();
    }

    /** The jar this class was loaded from, or null when it ran from a classes folder. */
    static Path benchJar() {
        try {
            var src = EvidenceBundle.class.getProtectionDomain().getCodeSource();
            if (src == null) return null;
            Path p = Path.of(src.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {commit, "true"/"false"/"unknown"}: HEAD of the git checkout at {@code dir}, "unknown" when there is none or git is missing. */
    static String[] gitCommit(Path dir) {
        if (dir == null) return new String[]{"unknown", "unknown"};
        String head = git(dir, "rev-parse", "HEAD");
        if (head == null || !head.matches("[0-9a-f]{40}")) return new String[]{"unknown", "unknown"};
        String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return new String[]{head, status == null ? "unknown" : String.valueOf(!status.isEmpty())};
    }

    private static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    public static String sha256Hex(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
