package io.hilbench.cli;

import io.hilbench.report.evidence.EvidenceKeys;
import io.hilbench.report.evidence.EvidenceVerifier;
import io.hilbench.report.evidence.Rejudger;
import io.hilbench.scenario.Replay;
import io.hilbench.scenario.judge.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench verify-evidence [--rejudge] [--trusted-key FILE] FILE.zip} (DESIGN §10, §11): checks every hash, that
 * no file is missing or extra, and the Ed25519 signature; prints the signer's fingerprint; with {@code --trusted-key}
 * a bundle signed by any other key is untrusted; with {@code --rejudge} every assertion is evaluated again from the
 * bundle's traces ({@link Replay}) and must reach the manifest's verdicts. Exit 0 verified, 1 a check failed, 2 usage.
 */
@Command(name = "verify-evidence", mixinStandardHelpOptions = true,
        description = "Verify an evidence bundle: hashes, files, Ed25519 signature, signer; optionally re-judge every assertion from its traces.")
public final class VerifyEvidenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rejudge", description = "Re-evaluate every assertion from the bundle's traces with the limits of its requirements.yaml; any different verdict fails.")
    boolean rejudge;

    @Option(names = "--trusted-key", paramLabel = "FILE", description = "Public key (X.509 SPKI PEM) the bundle must be signed with; any other signer is reported untrusted.")
    Path trustedKey;

    @Parameters(index = "0", paramLabel = "FILE.zip", description = "The evidence bundle.")
    Path bundle;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(bundle)) {
            err.println("bench verify-evidence: no file " + bundle);
            return BenchCommand.USAGE;
        }
        PublicKey trusted = null;
        if (trustedKey != null) {
            try {
                trusted = EvidenceKeys.readPublicPem(trustedKey);
            } catch (IOException e) {
                err.println("bench verify-evidence: --trusted-key: " + e.getMessage());
                return BenchCommand.USAGE;
            }
        }
        EvidenceVerifier.Result r;
        try {
            r = EvidenceVerifier.verify(bundle, trusted, rejudge ? VerifyEvidenceCommand::rejudgeWithReplay : null);
        } catch (IOException e) {
            err.println("bench verify-evidence: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        out.println("bundle: " + bundle);
        out.println("signer: " + (r.fingerprint() == null ? "unknown" : r.fingerprint())
                + (r.trusted() == null ? " (no --trusted-key given: the signature proves integrity, not who signed)" : r.trusted() ? " (trusted)" : " (UNTRUSTED)"));
        for (String n : r.notes()) out.println("  " + n);
        for (String p : r.problems()) out.println("FAIL " + p);
        out.println(r.ok() ? "verified" + (rejudge ? ", " + r.assertionsRejudged() + " assertion(s) re-judged to the same verdicts" : "")
                : r.problems().size() + " problem(s): the bundle does not verify");
        out.flush();
        return r.ok() ? BenchCommand.OK : BenchCommand.FAILED;
    }

    /** The re-judge of the scenario layer, adapted to the report layer's types (report may not import scenario). */
    static List<Rejudger.Scenario> rejudgeWithReplay(Path features, Path rig, Path traces) throws IOException {
        if (!Files.isDirectory(traces)) throw new IOException("the bundle has no report/" + Replay.FOLDER + " folder (judged traces and replay recipes)");
        return Replay.rejudge(features, rig, traces).stream().map(s -> {
            Map<String, Rejudger.Assertion> m = new LinkedHashMap<>();
            for (Map.Entry<String, Verdict> e : s.verdicts().entrySet()) {
                Verdict v = e.getValue();
                m.put(e.getKey(), new Rejudger.Assertion(v.outcome().label(), v.limits(), v.message(), v.expected(), v.actual(), v.plantTimeMs()));
            }
            return new Rejudger.Scenario(s.scenario(), s.uri(), m, s.notRejudged());
        }).toList();
    }
}
