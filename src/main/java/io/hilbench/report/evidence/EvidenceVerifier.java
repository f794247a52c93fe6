package io.hilbench.report.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hilbench.report.RunTotals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks an evidence bundle (DESIGN §10, {@code bench verify-evidence}): the Ed25519 signature over the manifest's
 * exact bytes with the public key in the bundle, that the manifest names that key's fingerprint, every file's SHA-256
 * and size against the manifest, no file missing and none extra, and — with a trusted key — that the bundle was
 * signed by that key and no other. With a {@link Rejudger}, every assertion is evaluated again from the bundle's
 * traces with the limits of the bundle's requirements.yaml and compared with the verdicts in the (signed) manifest;
 * each scenario's outcome is derived again from its re-judged verdicts (an unjudged scenario keeps its inconclusive or
 * error) and compared with the manifest's and verdicts.json's, and the run's totals and exit code counted again and
 * compared with theirs, so a re-signed bundle cannot flip an outcome or a total unnoticed.
 * Every problem is reported, by file or assertion id; nothing stops at the first.
 */
public final class EvidenceVerifier {
    /** The report sub-folder of the judged traces and replay recipes (scenario.Replay.FOLDER). */
    public static final String JUDGED_FOLDER = "judged";
    private static final Set<String> OWN = Set.of(EvidenceBundle.MANIFEST, EvidenceBundle.SIGNATURE, EvidenceBundle.PUBLIC_KEY);

    /**
     * @param problems    every check that failed (empty: the bundle verifies)
     * @param fingerprint the fingerprint of the key in the bundle, or null when it has none readable
     * @param trusted     null without a trusted key; else whether the bundle's key is the trusted one
     * @param notes       what was checked, and what could not be re-judged and why
     */
    public record Result(List<String> problems, String fingerprint, Boolean trusted, List<String> notes, int filesChecked, int assertionsRejudged) {
        public boolean ok() { return problems.isEmpty(); }
    }

    private EvidenceVerifier() {}

    /**
     * Verifies {@code zip}.
     *
     * @param trustedKey the only key the bundle may be signed with, or null for any key (the fingerprint is printed)
     * @param rejudger   re-judges the assertions from the traces, or null to skip
     * @throws IOException when the file cannot be read as a zip at all (a usage error, not a verdict on the bundle)
     */
    public static Result verify(Path zip, PublicKey trustedKey, Rejudger rejudger) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, byte[]> own = new LinkedHashMap<>();
        Map<String, String[]> seen = new TreeMap<>(); // path → {sha256, bytes}
        Path extract = rejudger == null ? null : Files.createTempDirectory("hilbench-evidence");
        try {
            boolean any = false;
            try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
                ZipEntry e;
                while ((e = z.getNextEntry()) != null) {
                    any = true;
                    String name = e.getName();
                    if (e.isDirectory()) continue;
                    if (!safe(name)) {
                        problems.add("unsafe path in the bundle: '" + name + "' (absolute or with ..)");
                        continue;
                    }
                    if (seen.containsKey(name) || own.containsKey(name)) {
                        problems.add("file '" + name + "' appears twice in the bundle");
                        continue;
                    }
                    if (OWN.contains(name)) {
                        own.put(name, z.readAllBytes());
                        continue;
                    }
                    MessageDigest md = EvidenceBundle.sha256();
                    long size;
                    if (extract != null) {
                        Path out = extract.resolve(name);
                        Files.createDirectories(out.getParent());
                        try (OutputStream o = Files.newOutputStream(out)) {
                            size = new DigestInputStream(z, md).transferTo(o);
                        }
                    } else {
                        size = new DigestInputStream(z, md).transferTo(OutputStream.nullOutputStream());
                    }
                    seen.put(name, new String[]{HexFormat.of().formatHex(md.digest()), Long.toString(size)});
                }
            }
            if (!any) throw new IOException(zip + " is not a zip file (or is empty)");

            byte[] manifestBytes = own.get(EvidenceBundle.MANIFEST);
            if (manifestBytes == null) {
                problems.add("no " + EvidenceBundle.MANIFEST + " in the bundle: not an evidence bundle");
                return new Result(problems, null, trustedKey == null ? null : false, notes, 0, 0);
            }
            JsonNode manifest;
            try {
                manifest = new ObjectMapper().readTree(manifestBytes);
            } catch (IOException ex) {
                problems.add(EvidenceBundle.MANIFEST + " is not valid JSON: " + ex.getMessage());
                manifest = null;
            }

            // signature: the key in the bundle, over the manifest's exact bytes
            String fingerprint = null;
            Boolean trusted = null;
            PublicKey key = null;
            byte[] keyPem = own.get(EvidenceBundle.PUBLIC_KEY);
            if (keyPem == null) problems.add("no " + EvidenceBundle.PUBLIC_KEY + " in the bundle: the signer is unknown");
            else {
                try {
                    key = EvidenceKeys.parsePublicPem(new String(keyPem, StandardCharsets.US_ASCII), EvidenceBundle.PUBLIC_KEY);
                    fingerprint = EvidenceKeys.fingerprint(key);
                } catch (IOException ex) {
                    problems.add(ex.getMessage());
                }
            }
            byte[] sigText = own.get(EvidenceBundle.SIGNATURE);
            if (sigText == null) problems.add("no " + EvidenceBundle.SIGNATURE + " in the bundle: the manifest is unsigned");
            else if (key != null) {
                byte[] sig;
                try {
                    sig = Base64.getDecoder().decode(new String(sigText, StandardCharsets.US_ASCII).strip());
                } catch (IllegalArgumentException ex) {
                    sig = new byte[0];
                }
                if (!EvidenceKeys.verify(manifestBytes, sig, key)) {
                    problems.add("signature does not verify: " + EvidenceBundle.MANIFEST + " was changed after signing, or "
                            + EvidenceBundle.SIGNATURE + " is not the signature of " + fingerprint);
                } else {
                    notes.add("signature: Ed25519 over " + EvidenceBundle.MANIFEST + " verifies with the bundle's key " + fingerprint);
                }
            }
            if (manifest != null && fingerprint != null) {
                String claimed = manifest.path("signer").path("fingerprint").asText("");
                if (!claimed.equals(fingerprint)) problems.add("the manifest names signer " + claimed + " but the bundle's key is " + fingerprint);
            }
            if (trustedKey != null) {
                trusted = key != null && Arrays.equals(key.getEncoded(), trustedKey.getEncoded());
                if (!trusted) {
                    problems.add("untrusted signer: the bundle is signed by " + fingerprint + ", not by the trusted key " + EvidenceKeys.fingerprint(trustedKey));
                }
            }

            // files: every listed file present with its hash and size; nothing extra
            int checked = 0;
            if (manifest != null) {
                Set<String> listed = new LinkedHashSet<>();
                for (JsonNode f : manifest.path("files")) {
                    String path = f.path("path").asText();
                    listed.add(path);
                    String[] got = seen.get(path);
                    if (got == null) {
                        problems.add("missing file: " + path);
                        continue;
                    }
                    checked++;
                    if (!got[0].equals(f.path("sha256").asText())) {
                        problems.add("hash mismatch: " + path + " (manifest sha256 " + f.path("sha256").asText() + ", file " + got[0] + ")");
                    } else if (!got[1].equals(f.path("bytes").asText())) {
                        problems.add("size mismatch: " + path + " (manifest " + f.path("bytes").asText() + " bytes, file " + got[1] + ")");
                    }
                }
                for (String p : seen.keySet()) if (!listed.contains(p)) problems.add("extra file not in the manifest: " + p);
                notes.add("files: " + checked + " of " + listed.size() + " listed files checked against their SHA-256");
            }

            int rejudged = 0;
            if (rejudger != null && manifest != null) rejudged = rejudge(manifest, extract, rejudger, problems, notes);
            return new Result(List.copyOf(problems), fingerprint, trusted, List.copyOf(notes), checked, rejudged);
        } finally {
            if (extract != null) deleteTree(extract);
        }
    }

    private static int rejudge(JsonNode manifest, Path root, Rejudger rejudger, List<String> problems, List<String> notes) {
        String rigFolder = manifest.path("run").path("rigFolder").asText("");
        if (!safe(rigFolder) || rigFolder.isEmpty()) {
            problems.add("re-judge: the manifest names no rig folder (run.rigFolder)");
            return 0;
        }
        List<Rejudger.Scenario> again;
        try {
            again = rejudger.rejudge(root.resolve("features"), root.resolve(rigFolder), root.resolve("report").resolve(JUDGED_FOLDER));
        } catch (IOException | RuntimeException e) {
            problems.add("re-judge could not run: " + e.getMessage());
            return 0;
        }
        Map<String, Rejudger.Scenario> byUri = new LinkedHashMap<>();
        for (Rejudger.Scenario s : again) byUri.put(s.uri(), s);
        JsonNode ledger = readLedger(root, problems);
        int count = 0;
        Set<String> matched = new LinkedHashSet<>();
        List<String> derived = new ArrayList<>();
        int index = -1;
        for (JsonNode s : manifest.path("verdicts")) {
            index++;
            String uri = s.path("uri").asText();
            String name = s.path("scenario").asText();
            // a unit is scenario × corner (issue #17 item 3): the recipe of the same scenario at another corner is not its
            String unit = io.hilbench.runtime.TraceNames.unit(uri, s.path("corner").asText(io.hilbench.runtime.TraceNames.NOMINAL));
            Rejudger.Scenario r = byUri.get(unit);
            List<JsonNode> recorded = new ArrayList<>();
            s.path("assertions").forEach(recorded::add);
            boolean rejudgedHere = r != null && r.notRejudged() == null;
            String outcome = rejudgedHere ? RunTotals.outcomeOf(r.assertions().values().stream().map(Rejudger.Assertion::verdict).toList())
                    : unjudgedOutcome(s, recorded);
            derived.add(outcome);
            compareOutcome(index, name, uri, outcome, s, ledger, problems);
            if (r == null) {
                if (recorded.isEmpty()) notes.add("re-judge: '" + name + "' has no verdict to re-judge (" + s.path("error").asText("no assertion") + ")");
                else problems.add("re-judge: no replay recipe or judged trace for '" + name + "' (" + uri + ")");
                continue;
            }
            matched.add(unit);
            if (r.notRejudged() != null) {
                boolean allInconclusive = recorded.stream().allMatch(a -> a.path("verdict").asText().equals("inconclusive"));
                if (allInconclusive) notes.add("re-judge: '" + name + "' not re-judged: " + r.notRejudged());
                else problems.add("re-judge: '" + name + "' has judged verdicts in the manifest but cannot be re-judged: " + r.notRejudged());
                continue;
            }
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode a : recorded) {
                String id = a.path("id").asText();
                ids.add(id);
                Rejudger.Assertion got = r.assertions().get(id);
                if (got == null) {
                    problems.add("re-judge: " + id + " of '" + name + "' is in the manifest but was not re-judged");
                    continue;
                }
                count++;
                String was = a.path("verdict").asText();
                if (!was.equals(got.verdict())) {
                    problems.add("re-judge differs: " + id + " of '" + name + "': manifest " + was + ", re-judged " + got.verdict() + " (" + got.message() + ")");
                } else if (!a.path("message").asText().equals(got.message())) {
                    // same outcome, other evidence (times, values): the trace is not the one that was judged
                    problems.add("re-judge differs: " + id + " of '" + name + "': same verdict " + was + " but other evidence: manifest '"
                            + a.path("message").asText() + "', re-judged '" + got.message() + "'");
                }
                fields(id, name, a, got, problems);
                Map<String, Double> limits = new TreeMap<>();
                a.path("limits").fields().forEachRemaining(f -> limits.put(f.getKey(), f.getValue().asDouble()));
                if (!limits.equals(new TreeMap<>(got.limits()))) {
                    problems.add("re-judge differs: " + id + " of '" + name + "': manifest limits " + limits + ", requirements.yaml in the bundle gives " + new TreeMap<>(got.limits()));
                }
            }
            for (String id : r.assertions().keySet()) {
                if (!ids.contains(id)) problems.add("re-judge: " + id + " of '" + name + "' was re-judged but has no verdict in the manifest");
            }
        }
        for (Rejudger.Scenario r : again) {
            if (!matched.contains(r.uri()) && r.notRejudged() == null) problems.add("re-judge: '" + r.name() + "' (" + r.uri() + ") has a recipe but no verdicts in the manifest");
        }
        compareTotals(RunTotals.of(derived), manifest, ledger, problems);
        notes.add("re-judge: " + count + " assertion(s) evaluated again from the bundle's traces; " + derived.size()
                + " scenario outcome(s) and the run's totals derived again and compared with the manifest and " + EvidenceBundle.VERDICTS);
        return count;
    }

    /**
     * The verdict's expected, actual and plant time as the manifest states them, against the re-judged ones (a manifest
     * written before they were fields has none, and nothing is compared).
     */
    private static void fields(String id, String name, JsonNode a, Rejudger.Assertion got, List<String> problems) {
        if (!a.has("expected") && !a.has("actual") && !a.has("plantTimeS")) return;
        String expected = a.hasNonNull("expected") ? a.get("expected").asText() : null;
        String actual = a.hasNonNull("actual") ? a.get("actual").asText() : null;
        Long plantMs = a.path("plantTimeS").isNumber() ? Math.round(a.get("plantTimeS").asDouble() * 1000) : null;
        if (!java.util.Objects.equals(expected, got.expected())) {
            problems.add("re-judge differs: " + id + " of '" + name + "': manifest expected '" + expected + "', re-judged '" + got.expected() + "'");
        }
        if (!java.util.Objects.equals(actual, got.actual())) {
            problems.add("re-judge differs: " + id + " of '" + name + "': manifest actual '" + actual + "', re-judged '" + got.actual() + "'");
        }
        if (!java.util.Objects.equals(plantMs, got.plantTimeMs())) {
            problems.add("re-judge differs: " + id + " of '" + name + "': manifest plant time " + plantMs + " ms, re-judged " + got.plantTimeMs() + " ms");
        }
    }

    /** The bundle's report/verdicts.json, or a missing node (and a problem) when it has none readable. */
    private static JsonNode readLedger(Path root, List<String> problems) {
        Path f = root.resolve("report").resolve(EvidenceBundle.VERDICTS);
        try {
            return new ObjectMapper().readTree(f.toFile());
        } catch (IOException e) {
            problems.add("re-judge: report/" + EvidenceBundle.VERDICTS + " not readable in the bundle: " + e.getMessage());
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /**
     * The outcome of a scenario that the traces cannot judge again (its recipe says no verdict came from the trace: a
     * step error or an inconclusive run): from its recorded verdicts when it has some (an inconclusive scenario stays
     * inconclusive), else the recorded outcome, which can never be passed (nothing judged proves nothing).
     */
    private static String unjudgedOutcome(JsonNode s, List<JsonNode> recorded) {
        if (!recorded.isEmpty()) return RunTotals.outcomeOf(recorded.stream().map(a -> a.path("verdict").asText()).toList());
        String was = s.path("outcome").asText();
        return was.equals(RunTotals.PASSED) || was.isEmpty() ? RunTotals.INCONCLUSIVE : was;
    }

    /** The derived outcome against the manifest's and verdicts.json's, scenario by scenario (they are written in the same order). */
    private static void compareOutcome(int index, String name, String uri, String outcome, JsonNode s, JsonNode ledger, List<String> problems) {
        String inManifest = s.path("outcome").asText();
        if (!inManifest.equals(outcome)) {
            problems.add("re-judge differs: outcome of '" + name + "' (" + uri + "): manifest " + inManifest + ", re-derived " + outcome);
        }
        JsonNode l = ledger.path("scenarios").path(index);
        if (l.isMissingNode()) {
            if (!ledger.isMissingNode()) problems.add("re-judge: '" + name + "' is in the manifest but not in " + EvidenceBundle.VERDICTS);
            return;
        }
        if (!l.path("scenario").asText().equals(name) || !l.path("uri").asText().equals(uri)) {
            problems.add("re-judge: scenario " + (index + 1) + " is '" + name + "' in the manifest but '" + l.path("scenario").asText() + "' in " + EvidenceBundle.VERDICTS);
            return;
        }
        if (!l.path("outcome").asText().equals(outcome)) {
            problems.add("re-judge differs: outcome of '" + name + "' (" + uri + "): " + EvidenceBundle.VERDICTS + " " + l.path("outcome").asText() + ", re-derived " + outcome);
        }
    }

    /**
     * The run's totals and exit code counted again from the derived outcomes, against the manifest's totals, the
     * manifest's run settings (bench run's counts and exit code) and verdicts.json's totals: every figure named.
     */
    private static void compareTotals(RunTotals t, JsonNode manifest, JsonNode ledger, List<String> problems) {
        int ledgerScenarios = ledger.path("scenarios").size();
        if (!ledger.isMissingNode() && ledgerScenarios != t.scenarios()) {
            problems.add("re-judge: " + EvidenceBundle.VERDICTS + " holds " + ledgerScenarios + " scenario(s), the manifest " + t.scenarios());
        }
        Map<String, Integer> want = new LinkedHashMap<>();
        want.put("scenarios", t.scenarios());
        want.put("passed", t.passed());
        want.put("failed", t.failed());
        want.put("inconclusive", t.inconclusive());
        want.put("errors", t.errors());
        want.put("exitCode", t.exitCode());
        compareFigures("manifest totals", manifest.path("totals"), want, true, problems);
        compareFigures("manifest run", manifest.path("run"), want, false, problems);
        compareFigures(EvidenceBundle.VERDICTS + " totals", ledger.path("totals"), want, !ledger.isMissingNode(), problems);
    }

    /** Each figure of {@code node} against the re-derived one; a figure absent is a problem only when {@code required}. */
    private static void compareFigures(String where, JsonNode node, Map<String, Integer> want, boolean required, List<String> problems) {
        for (Map.Entry<String, Integer> e : want.entrySet()) {
            JsonNode got = node.path(e.getKey());
            if (got.isMissingNode() || got.isNull()) {
                if (required) problems.add("re-judge: " + where + " has no " + e.getKey() + " (re-derived " + e.getValue() + ")");
                continue;
            }
            if (!got.isInt() || got.asInt() != e.getValue()) {
                problems.add("re-judge differs: " + where + "." + e.getKey() + " is " + got.asText() + ", re-derived " + e.getValue()
                        + " (from the scenarios' outcomes" + (e.getKey().equals("exitCode") ? ", 1 failed before 3 inconclusive or error" : "") + ")");
            }
        }
    }

    private static boolean safe(String name) {
        if (name.startsWith("/") || name.startsWith("\\") || name.contains(":")) return false;
        for (String part : name.split("[/\\\\]")) if (part.equals("..")) return false;
        return true;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp folder left behind is no verdict
        }
    }

    /** Reads a bundle's manifest (for tests and tools that re-sign). */
    public static byte[] readEntry(Path zip, String name) throws IOException {
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) if (e.getName().equals(name)) return z.readAllBytes();
        }
        throw new IOException(zip + " has no entry " + name);
    }

}
