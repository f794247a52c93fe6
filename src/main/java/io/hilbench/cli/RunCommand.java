package io.hilbench.cli;

import io.hilbench.controller.Variant;
import io.hilbench.report.RunReport;
import io.hilbench.report.html.IndexPage;
import io.hilbench.rig.RigError;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Pacing;
import io.hilbench.scenario.BenchOptions;
import io.hilbench.scenario.BenchSession;
import io.hilbench.scenario.CertificationPlan;
import io.hilbench.scenario.Preflight;
import io.hilbench.scenario.judge.Inconclusive;
import io.hilbench.scenario.Requirements;
import io.hilbench.scenario.RunUnits;
import io.hilbench.scenario.ScenarioRunner;
import io.hilbench.scenario.VerdictLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hilbench.report.evidence.EvidenceBundle;
import io.hilbench.report.evidence.EvidenceKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;

/**
 * {@code bench run}: runs the features against the plant emulator and a controller (DESIGN §8, §11), one scenario
 * at a time, through the JUnit Platform launcher ({@link ScenarioRunner}). Exit 0 all passed, 1 any failed, 3 none
 * failed but some inconclusive or ended in a bench error (a check that threw), 2 usage or configuration error (2 before
 * 1 before 3). The exit code is the one verdicts.json's totals state (the same ledger, the same rule).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the scenarios (features) against the plant emulator and a controller; write the report.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rig", paramLabel = "DIR", defaultValue = "rigs/solrod", description = "Rig folder (default: ${DEFAULT-VALUE}).")
    Path rig;

    @Option(names = "--features", paramLabel = "DIR", description = "Features folder (default: ./features, else the copy inside the jar).")
    Path features;

    @Option(names = "--controller", paramLabel = "reference|external", defaultValue = "reference",
            description = "The bundled reference controller (started as a child process on free ports) or an external one at the rig's endpoint (default: ${DEFAULT-VALUE}).")
    String controller;

    @Option(names = "--variant", paramLabel = "NAME", description = "A known-bad variant of the reference controller (see bench controller --list-variants).")
    String variant;

    @Option(names = "--pace", paramLabel = "lockstep|realtime|accelerated:K",
            description = "Pacing (default: lockstep; realtime with --profile certification).")
    String pace;

    @Option(names = "--profile", paramLabel = "certification",
            description = "certification: real time by default, the @certification scenarios (unless --tags), ordered to minimise waiting; prints the plan and the expected duration before it starts.")
    String profile;

    @Option(names = "--dry-run", description = "Print the plan (order, budgets, expected duration) and exit without running.")
    boolean dryRun;

    @Option(names = "--tags", paramLabel = "EXPR", description = "Cucumber tag expression, e.g. \"@SU-01 and not @slow\".")
    String tags;

    @Option(names = "--report", paramLabel = "DIR", description = "Report folder (default: reports/<rig>-<UTC time>/).")
    Path report;

    @Option(names = "--seed", paramLabel = "N", description = "Run seed (default: the rig's).")
    Long seed;

    @Option(names = "--sign-key", paramLabel = "FILE", description = "Ed25519 private key (PKCS#8 PEM) that signs evidence.zip (default: this installation's key, generated on first use in --key-store).")
    Path signKey;

    @Option(names = "--key-store", paramLabel = "DIR", description = "Folder of the per-installation signing key (default: $XDG_CONFIG_HOME/hilbench or ~/.config/hilbench).")
    Path keyStore;

    @Option(names = "--firmware-hash", paramLabel = "HASH", description = "Operator-added: hash of the controller's firmware image (recorded in the evidence manifest as given).")
    String firmwareHash;

    @Option(names = "--controller-cert-thumbprint", paramLabel = "THUMBPRINT", description = "Operator-added: thumbprint of the controller's certificate (recorded in the evidence manifest as given).")
    String certThumbprint;

    @Option(names = "--operator", paramLabel = "FILE", description = "Operator-added fields: a YAML mapping of names to text values, recorded in the evidence manifest.")
    Path operatorFile;

    @Option(names = "--parallel", paramLabel = "N|auto", arity = "0..1", fallbackValue = "auto",
            description = "Run N scenarios at once in N worker processes, each keeping its own plant, servers on free ports and reference controller"
                    + " from one scenario to the next (longest budget first, the next one to whichever worker is free);"
                    + " one report folder and one evidence bundle at the end, verdicts and traces identical to a sequential run."
                    + " --parallel alone (auto): min(cores, (memory - 1 GiB) / 1 GiB), at least 1. Without --parallel: one at a time, in this JVM.")
    String parallel;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Run shard K (zero-based, 0 <= K < N) of N: a deterministic, budget-balanced part of the selected scenarios"
                    + " (longest plant-time budget first). Default: $JOB_COMPLETION_INDEX/$BENCH_SHARD_COUNT when both are set. Join the shards with bench merge.")
    String shard;

    @Option(names = "--port-offset", paramLabel = "N", defaultValue = "0",
            description = "Shift every TCP port of the rig by N (Rig ports: plant Modbus, OPC UA, console, the controller endpoint), so two benches share a machine;"
                    + " with --controller external the plant's fixed ports and the endpoint dialled move, with the reference controller (free ports) the console's (default: ${DEFAULT-VALUE}).")
    int portOffset;

    @Option(names = "--shard-port-stride", paramLabel = "S", defaultValue = "0",
            description = "With --shard K/N: shift the rig's ports by a further K*S, so shard K drives controller K of a fleet (bench controller --port-offset K*S, or rig K of a pool behind ports base+K*S)."
                    + " Required with --controller external and N > 1 (default: 0).")
    int shardPortStride;

    /** The shard this run is (from --shard or the environment), or null. */
    private RunUnits.Shard shardSel;

    @Option(names = "--unit", paramLabel = "FILE:LINE", hidden = true,
            description = "Internal (a parallel or sharded run's child): run the one scenario at FILE:LINE; no report pages, no evidence bundle.")
    String unit;

    @Option(names = "--worker", hidden = true,
            description = "Internal (a parallel or sharded run's worker): run the units the parent writes on stdin, one after another on one bench session; no report pages, no evidence bundle.")
    boolean worker;

    @Option(names = "--corners", description = "Run the selected scenarios at every parameter corner of the rig (rig.yaml corners:, nominal first): corner x scenario is the unit; every verdict records its corner.")
    boolean allCorners;

    @Option(names = "--corner", paramLabel = "NAME", description = "Run the selected scenarios at this parameter corner of the rig (repeatable; nominal is the rig as it is).")
    java.util.List<String> cornerNames = new java.util.ArrayList<>();

    @picocli.CommandLine.Mixin
    PlantParamOptions plantParams = new PlantParamOptions();

    @picocli.CommandLine.Mixin
    ConsoleOptions consoleOptions = new ConsoleOptions();

    /** The run's log file while it runs (null: a dry run, or not yet claimed). */
    private RunLog runLog;

    @Override
    public Integer call() {
        try {
            return runAndReport();
        } finally {
            if (runLog != null) runLog.close();
            runLog = null;
        }
    }

    private Integer runAndReport() {
        PrintWriter err = spec.commandLine().getErr();
        PrintStream out = System.out;
        BenchOptions options;
        io.hilbench.rig.Rig loadedRig;
        EvidenceKeys.Signer signer;
        Map<String, String> operator;
        CertificationPlan plan = null;
        boolean certification = false;
        java.util.List<String> corners;
        if (profile != null) {
            if (!profile.trim().equalsIgnoreCase("certification")) {
                err.println("bench run: unknown profile '" + profile + "' (known: certification)");
                return BenchCommand.USAGE;
            }
            certification = true;
            if (tags == null) tags = CERTIFICATION_TAGS;
        }
        try {
            Pacing pacing = Pacing.parse(pace != null ? pace : certification ? "realtime" : "lockstep");
            shardSel = unit != null || worker ? null : shard != null ? RunUnits.Shard.parse(shard) : RunUnits.Shard.fromEnv(System.getenv()).orElse(null);
            if (shardPortStride < 0) throw new IllegalArgumentException("--shard-port-stride must be 0 or more, was " + shardPortStride);
            int offset = portOffset + (shardSel == null ? 0 : shardSel.index() * shardPortStride);
            BenchOptions.ControllerKind kind = BenchOptions.ControllerKind.parse(controller);
            // the run's --plant-param checked against the parameter files now, before anything starts (exit 2)
            var r = plantParams.apply(RigLoader.loadDefault(rig)).withPortOffset(offset);
            loadedRig = r;
            if (r.controller().isEmpty()) {
                err.println("bench run: rig " + r.name() + " has no controller section: scenarios need the controller's supervisory map");
                return BenchCommand.USAGE;
            }
            Path featuresDir = ScenarioRunner.resolveFeatures(features);
            Requirements.load(featuresDir);
            // claimed atomically now (never shared with another run); a dry run writes nothing, so claims nothing
            // a worker writes only into the unit folders its parent names: the run's folder is the parent's, never claimed here
            Path reportDir = dryRun ? (report != null ? report : Path.of("reports", r.name() + "-dry-run"))
                    : worker ? workerReportFolder() : claimReportFolder(r.name(), err);
            if (reportDir == null) return BenchCommand.USAGE;
            corners = corners(r);
            options = new BenchOptions(rig, featuresDir, kind, variant, pacing, seed, reportDir, plantParams.values, offset, corners.get(0));
            // the signing key and the operator's fields are checked before any scenario runs: a bad key is a usage error, not a lost run
            // (a dry run signs nothing: no installation key is created for it)
            signer = dryRun || unit != null || worker ? null
                    : signKey != null ? EvidenceKeys.fromPkcs8Pem(signKey) : EvidenceKeys.installationKey(keyStore != null ? keyStore : EvidenceKeys.defaultStore());
            operator = operatorFields();
            if (certification || dryRun) {
                if (corners.size() > 1) throw new IllegalArgumentException("--corners/--corner runs more than one corner; the certification plan and --dry-run take one (give one --corner)");
                plan = CertificationPlan.of(featuresDir, tags, resetAllowanceMin(r, featuresDir));
            }
        } catch (RigException e) {
            for (RigError error : e.errors()) err.println(error);
            err.println(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors") + " in rig " + rig);
            return BenchCommand.USAGE;
        } catch (IllegalArgumentException | IOException | io.cucumber.tagexpressions.TagExpressionException e) {
            err.println("bench run: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        UnitPlan units;
        try {
            units = unitPlan(options, loadedRig, corners, err);
        } catch (IllegalArgumentException | IOException e) {
            err.println("bench run: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        if (units == null) return BenchCommand.USAGE;
        if (plan != null) {
            // printed before anything starts (DESIGN §7): the operator sees the order and how long to stay
            out.print(plan.describe(options.pacing().toString()));
            out.flush();
            if (dryRun) return plan.order().isEmpty() ? BenchCommand.USAGE : BenchCommand.OK;
        }
        if (options.variant() != null && !variantKnown(options.variant())) {
            err.println("bench run: unknown variant '" + options.variant() + "' (known: " + String.join(", ", Variant.names()) + ")");
            return BenchCommand.USAGE;
        }
        // a worker of a parallel or sharded run (UnitWorker): its units' output goes to their folders, its stdout is the parent's channel
        if (worker) return UnitWorker.serve(options, tags);
        out.println("bench run: rig " + rig + ", " + options.controller().label() + " controller"
                + (options.variant() == null ? "" : " variant " + options.variant()) + ", " + options.pacing()
                + (tags == null ? "" : ", tags " + tags) + ", features " + options.featuresDir()
                + (portOffset == 0 ? "" : ", ports shifted by " + portOffset));
        // the bench's INFO log goes to the report folder from here on; the terminal keeps results, progress and warnings
        runLog = RunLog.start(options.reportDir());
        if (runLog != null) out.println("log: " + options.reportDir().resolve(RunLog.FILE) + " (the bench's log; warnings also here)");
        out.flush();
        if (options.controller() == BenchOptions.ControllerKind.EXTERNAL) {
            // an external controller dials the rig's fixed ports: a second run on them refuses here, naming the port
            java.util.List<FixedPorts.Endpoint> busy = FixedPorts.busy(FixedPorts.of(loadedRig));
            if (!busy.isEmpty()) {
                err.println("bench run: " + FixedPorts.busyMessage(busy));
                return BenchCommand.USAGE;
            }
        }
        if (units.active()) return runUnits(units, options, loadedRig, operator, signer, out, err);
        // SIGINT/SIGTERM from here on (the bench's start, the preflight, the scenarios): a partial report marked
        // interrupted, no evidence bundle, exit 2 (issue #18 item 3)
        RunInterruption interruption = RunInterruption.install(options.reportDir(), options.rigDir(), options.featuresDir(),
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true));
        // the bench and the controller first, then the preflight: every mapped point of both sides answers
        io.hilbench.console.ConsoleServer console = null;
        try {
            java.nio.file.Files.createDirectories(options.reportDir());
            BenchSession session = BenchSession.obtain(options);
            // the live console (no faults panel in a run: the scenarios own the faults)
            console = unit != null ? null : consoleOptions.start(session.assembly(), null, err, true);
            if (console != null) out.println("console " + console.url());
            out.print(session.preflight().format());
            // live progress of each scenario on stderr (stdout keeps the per-scenario result lines)
            BenchSession.liveProgress(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true));
        } catch (BenchSession.PreflightFailed e) {
            err.print(e.report().format());
            err.println(preflightFailed(e.report()));
            err.flush();
            BenchSession.closeCurrent();
            interruption.done(e.report().exitCode());
            return e.report().exitCode();
        } catch (Inconclusive e) {
            err.println("bench run: " + e.getMessage());
            BenchSession.closeCurrent();
            interruption.done(BenchCommand.INCONCLUSIVE);
            return BenchCommand.INCONCLUSIVE;
        } catch (Exception e) {
            if (bindFailure(e) && options.controller() == BenchOptions.ControllerKind.EXTERNAL) {
                err.println("bench run: the bench could not start: " + FixedPorts.busyMessage(FixedPorts.of(loadedRig)) + " (" + e + ")");
                BenchSession.closeCurrent();
                interruption.done(BenchCommand.USAGE);
                return BenchCommand.USAGE;
            }
            err.println("bench run: the bench could not start: " + e);
            if (console != null) console.stop();
            BenchSession.closeCurrent();
            interruption.done(BenchCommand.USAGE);
            return BenchCommand.USAGE;
        }
        ScenarioRunner.Result result;
        boolean ran = false;
        try {
            result = unit != null ? ScenarioRunner.runOne(options, unitFeature(), unitLine(), tags, out)
                    : plan != null ? ScenarioRunner.runPlan(options, plan, tags, out)
                    : corners.size() > 1 || !corners.get(0).equals(io.hilbench.rig.Corner.NOMINAL) ? ScenarioRunner.runCorners(options, corners, tags, out)
                    : ScenarioRunner.run(options, tags, out);
            ran = true;
        } catch (IOException e) {
            if (VerdictLedger.writeFailure().isPresent()) {
                // the report folder was lost between its claim and the first scenario (removed, replaced, disk full):
                // the same end as a write failing later in the run, never a bare I/O message (issue #18 item 3)
                out.println("bench run: no scenario ran: REPORT FOLDER UNWRITABLE (exit " + VerdictLedger.INTERRUPTED_EXIT + ")");
                int code = reportFolderUnwritable(options, options.reportDir(), out, err);
                interruption.done(code);
                return code;
            }
            err.println("bench run: " + e.getMessage());
            interruption.done(BenchCommand.USAGE);
            return BenchCommand.USAGE;
        } catch (RuntimeException | Error e) {
            interruption.done(BenchCommand.USAGE); // not a signal: the hook must not mark this folder at the JVM's end
            throw e;
        } finally {
            BenchSession.liveProgress(null);
            if (console != null && !ran) console.stop();
            BenchSession.closeCurrent();
        }
        if (!interruption.finishing()) RunInterruption.awaitHalt();
        int code;
        try {
            code = finish(options, loadedRig, result, operator, signer, out, err);
        } finally {
            // the console serves on while the report and the evidence are written, so the run view shows the last
            // scenario's verdicts (the bench behind it has stopped: its page says so)
            if (console != null) console.stop();
        }
        interruption.done(code);
        return code;
    }

    /** The report pages and the evidence bundle of a run whose scenarios all ran; returns the exit code. */
    /**
     * Ends a run whose report folder took no more writes (VerdictLedger's write failure): the terminal's streams flushed
     * first, then RunInterruption says so on the process's stderr and keeps what it can; exit 2.
     */
    private static int reportFolderUnwritable(BenchOptions options, Path reportDir, PrintStream out, PrintWriter err) {
        out.flush();
        err.flush();
        RunInterruption.reportFolderUnwritable(reportDir, options.rigDir(), options.featuresDir(), VerdictLedger.writeFailure().get(),
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true));
        return VerdictLedger.INTERRUPTED_EXIT;
    }

    private int finish(BenchOptions options, io.hilbench.rig.Rig loadedRig, ScenarioRunner.Result result, Map<String, String> operator,
                       EvidenceKeys.Signer signer, PrintStream out, PrintWriter err) {
        return finish(options, loadedRig, result, operator, signer, Map.of(), out, err);
    }

    private int finish(BenchOptions options, io.hilbench.rig.Rig loadedRig, ScenarioRunner.Result result, Map<String, String> operator,
                       EvidenceKeys.Signer signer, Map<String, Object> extraRunFacts, PrintStream out, PrintWriter err) {
        if (VerdictLedger.writeFailure().isPresent()) {
            // disk full or the folder unwritable mid-run: the evidence is incomplete, so the run ends as an interrupted
            // one (verdicts.json marked if the folder takes it now, else removed), no evidence bundle, exit 2 (issue #18 item 3).
            // The summary says so, not "N passed, M failed": the run claims no result (on a full disk it read "2
            // scenario(s): 1 passed, 1 failed", Cucumber's failed report files counted as a second, failed scenario)
            out.printf("%d scenario(s) ran: REPORT FOLDER UNWRITABLE, no result claimed (exit %d)%n", VerdictLedger.records().size(),
                    VerdictLedger.INTERRUPTED_EXIT);
            return reportFolderUnwritable(options, result.reportDir(), out, err);
        }
        out.printf("%d scenario(s): %d passed, %d failed, %d inconclusive, %d error(s)%n", result.total(), result.passed(), result.failed(), result.inconclusive(),
                result.errors());
        if (unit != null) {
            // a unit of a parallel or sharded run: its parent joins the units and writes the report and the evidence
            out.flush();
            return result.total() == 0 ? BenchCommand.USAGE : result.exitCode();
        }
        if (result.total() > 0) writeReport(result.reportDir(), options, err, progress(System.err));
        out.println("report: " + result.reportDir() + (Files.isRegularFile(result.reportDir().resolve(IndexPage.FILE)) ? "/" + IndexPage.FILE : ""));
        if (result.total() > 0) {
            try {
                if (runLog != null) runLog.endFile();   // the bundle hashes and copies run.log: no line may arrive meanwhile
                System.err.println("writing the evidence bundle…");
                Path zip = EvidenceBundle.write(evidenceInputs(options, loadedRig, result, operator, extraRunFacts), signer);
                out.println("evidence: " + zip + " (signed by " + signer.fingerprint() + ")");
            } catch (IOException | RuntimeException e) {
                out.flush();
                try {
                    Files.deleteIfExists(result.reportDir().resolve(EvidenceBundle.FILE + ".tmp")); // never a partial bundle left behind
                } catch (IOException cannot) {
                    err.println("bench run: a partial " + EvidenceBundle.FILE + ".tmp could not be removed: " + cannot.getMessage());
                }
                err.println("bench run: evidence bundle not written: " + e.getMessage());
                return BenchCommand.USAGE;
            }
        }
        out.flush();
        if (result.total() == 0) {
            err.println("bench run: no scenario ran" + (tags == null ? "" : " (tags " + tags + " matched none)"));
            return BenchCommand.USAGE;
        }
        return result.exitCode();
    }

    /**
     * The corners this run runs, in order (issue #17 item 3): {@code --corners} every corner of the rig, nominal first;
     * {@code --corner NAME} those named; neither: nominal only. Each named corner must exist, and every corner run is
     * checked against the parameter files now (errors name rig.yaml's line and {@code corners.<name>.overrides.<key>}).
     *
     * @throws RigException          a corner whose overrides the parameter files refuse
     * @throws IllegalArgumentException an unknown corner, or --corners with --corner
     */
    private java.util.List<String> corners(io.hilbench.rig.Rig r) throws RigException {
        java.util.List<String> all = r.corners().stream().map(io.hilbench.rig.Corner::name).toList();
        java.util.List<String> chosen;
        if (allCorners && !cornerNames.isEmpty()) throw new IllegalArgumentException("give --corners (all) or --corner NAME, not both");
        if (allCorners) chosen = all;
        else if (!cornerNames.isEmpty()) {
            chosen = new java.util.ArrayList<>();
            for (String n : cornerNames) {
                if (!all.contains(n)) throw new IllegalArgumentException("rig " + r.name() + " has no corner '" + n + "' (its corners: " + String.join(", ", all) + ")");
                if (!chosen.contains(n)) chosen.add(n);
            }
        } else chosen = java.util.List.of(io.hilbench.rig.Corner.NOMINAL);
        io.hilbench.rig.PlantModels.checkCorners(r, chosen);
        return java.util.List.copyOf(chosen);
    }

    /** A start that failed because a server port was taken (a BindException anywhere in the causes). */
    private static boolean bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof java.net.BindException) return true;
        return false;
    }

    /**
     * The run's own report folder, created atomically (ReportFolder): a new reports/&lt;rig&gt;-&lt;time&gt;[-N], or the named one
     * when it is new or empty. Null (after saying why on stderr) when it cannot be claimed: unwritable, full, not empty.
     */
    private Path claimReportFolder(String rigName, PrintWriter err) {
        try {
            return report != null ? ReportFolder.claimNamed(report) : ReportFolder.createDefault(Path.of("reports"), rigName, ZonedDateTime.now(ZoneOffset.UTC));
        } catch (IOException e) {
            err.println("bench run: " + ReportFolder.describe(e) + "; no scenario was run");
            return null;
        }
    }

    /**
     * The line bench run ends a failed preflight with: exit 2 only when a device answered with an error (the maps do
     * not match), exit 3 when nothing answered on a side (unreachable or timed out), saying which side.
     */
    static String preflightFailed(Preflight.Report report) {
        return "bench run: preflight failed: no scenario was run (exit " + report.exitCode() + ": " + report.reason() + ")";
    }

    /** The operator's fields: --operator FILE (a flat YAML mapping) and the two named options, which win over the file. */
    private Map<String, String> operatorFields() throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (operatorFile != null) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(operatorFile.toFile());
            if (root == null || !root.isObject()) throw new IOException(operatorFile + ": expected a mapping of names to values (e.g. firmware_hash: sha256:...)");
            for (var it = root.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isValueNode()) throw new IOException(operatorFile + ": " + e.getKey() + " must be a single value, not a list or mapping");
                m.put(e.getKey(), e.getValue().asText());
            }
        }
        if (firmwareHash != null) m.put("firmwareHash", firmwareHash);
        if (certThumbprint != null) m.put("controllerCertThumbprint", certThumbprint);
        return m;
    }

    private EvidenceBundle.Inputs evidenceInputs(BenchOptions o, io.hilbench.rig.Rig r, ScenarioRunner.Result result, Map<String, String> operator) {
        return evidenceInputs(o, r, result, operator, Map.of());
    }

    private EvidenceBundle.Inputs evidenceInputs(BenchOptions o, io.hilbench.rig.Rig r, ScenarioRunner.Result result, Map<String, String> operator,
                                                 Map<String, Object> extra) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("pacing", o.pacing().toString());
        run.put("seed", o.seed() != null ? o.seed() : r.seed());
        run.put("stepMs", r.stepMs());
        run.put("controller", o.controller().label());
        run.put("variant", o.variant() == null ? "none" : o.variant());
        run.put("tags", tags == null ? ScenarioRunner.DEFAULT_TAGS : tags);
        run.put("scenarios", result.total());
        run.put("passed", result.passed());
        run.put("failed", result.failed());
        run.put("inconclusive", result.inconclusive());
        run.put("errors", result.errors());
        run.put("exitCode", result.exitCode());
        run.put("latenessP99LimitMs", r.realtime().latenessP99LimitMs());
        run.put("plantOverrides", plantOverrides(r));
        run.putAll(extra);
        // the parameter corners the units ran at, with their overrides and sources (issue #17 item 3); a parallel run or
        // a shard gives those of its whole selection (extra), the same in every shard of one run
        if (!run.containsKey("corners")) run.put("corners", cornersRun(r, o, result));
        Path rigDir = Files.isRegularFile(o.rigDir()) ? o.rigDir().toAbsolutePath().getParent() : o.rigDir().toAbsolutePath();
        return new EvidenceBundle.Inputs(o.reportDir(), o.featuresDir(), rigDir, r.name(), r.plant().model(), r.plant().parameters(),
                plantModelsDir(rigDir), run, operator, Path.of("").toAbsolutePath());
    }

    /**
     * The plant parameter overrides the run's plant was built with (the rig's plant.overrides and --plant-param,
     * after precedence) as the manifest records them: key, value, source. Checked before the run started.
     */
    static java.util.List<Map<String, Object>> plantOverrides(io.hilbench.rig.Rig r) {
        try {
            return io.hilbench.rig.PlantModels.describe(io.hilbench.rig.PlantModels.resolve(r.plant().model(), r.plant().overrides()));
        } catch (RigException e) {
            throw new IllegalStateException("plant overrides were checked before the run: " + e.getMessage(), e);
        }
    }

    /** Per corner that ran: its name, description, source and overrides ({@code key}, {@code value}, {@code source}: rig.yaml's line). */
    static java.util.List<Map<String, Object>> cornersRun(io.hilbench.rig.Rig r, BenchOptions o, ScenarioRunner.Result result) {
        java.util.Set<String> ran = new java.util.LinkedHashSet<>();
        for (VerdictLedger.ScenarioRecord rec : VerdictLedger.records()) ran.add(VerdictLedger.cornerOf(rec));
        if (ran.isEmpty()) ran.add(o.corner());
        return describeCorners(r, ran);
    }

    /** {@code names} as the manifest's {@code run.corners} records them (each corner's description, source and overrides). */
    static java.util.List<Map<String, Object>> describeCorners(io.hilbench.rig.Rig r, java.util.Collection<String> ran) {
        java.util.List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (String name : ran) {
            io.hilbench.rig.Corner c = r.corner(name).orElse(null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            if (c != null) {
                m.put("description", c.description());
                m.put("source", c.source());
                java.util.List<Map<String, Object>> ov = new java.util.ArrayList<>();
                for (io.hilbench.rig.PlantOverride po : c.overrides()) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("key", po.key());
                    e.put("value", po.value());
                    e.put("source", po.source());
                    ov.add(e);
                }
                m.put("overrides", ov);
                if (c.sensors() != null) {
                    // a sensor corner (issue #17 item 3): the readings' offset and noise in multiples of each accuracy
                    // class; the noise is seeded from the run's seed (run.seed)
                    java.util.Map<String, Object> se = new java.util.LinkedHashMap<>();
                    se.put("offset", c.sensors().offset());
                    se.put("noise", c.sensors().noise());
                    se.put("tags", c.sensors().tagOffsets());
                    m.put("sensors", se);
                }
            }
            out.add(m);
        }
        return out;
    }

    /** plant-models/ beside the rig's rigs/ folder, else in the working directory, else none. */
    private static Path plantModelsDir(Path rigDir) {
        Path up = rigDir.getParent() == null ? null : rigDir.getParent().getParent();
        if (up != null && Files.isDirectory(up.resolve("plant-models"))) return up.resolve("plant-models");
        Path here = Path.of("plant-models");
        return Files.isDirectory(here) ? here : null;
    }

    /**
     * The units of a parallel or sharded run (issue #17): the selected scenarios in the features' order (at the nominal
     * corner), this shard's part of them, and how many run at once. Not active (a plain run in this JVM) without
     * --parallel N > 1 and without a shard; a unit's own child run is never active. Null after saying why when the
     * combination is refused.
     */
    record UnitPlan(boolean active, List<RunUnits.Unit> all, List<RunUnits.Unit> mine, RunUnits.Shard shard, int parallel, double resetAllowanceMin,
                    double realtimeMinPerS) {}

    private UnitPlan unitPlan(BenchOptions options, io.hilbench.rig.Rig r, java.util.List<String> corners, PrintWriter err) throws IOException {
        if (worker) {
            if (unit != null || parallel != null || shard != null || corners.size() > 1 || dryRun || profile != null) {
                throw new IllegalArgumentException("--worker is a worker's own option: not with --unit, --parallel, --shard, --corners, --dry-run or --profile");
            }
            return new UnitPlan(false, List.of(), List.of(), null, 1, 0, 0);
        }
        if (unit != null) {
            if (parallel != null || shard != null) throw new IllegalArgumentException("--unit is a child run's own option: not with --parallel or --shard");
            unitFeature();
            return new UnitPlan(false, List.of(), List.of(), null, 1, 0, 0);
        }
        int n = parallel == null ? 1 : parallel.trim().equalsIgnoreCase("auto") ? UnitRuns.machineDefault() : parsePositive(parallel);
        RunUnits.Shard s = shardSel;
        if (options.controller() == BenchOptions.ControllerKind.EXTERNAL && (n > 1 || (s != null && s.count() > 1 && shardPortStride == 0))) {
            // item 5: one external controller endpoint serves one run at a time; the units would drive it at once
            err.println("bench run: --controller external drives the one controller at the rig's endpoint (" + r.controller().map(c -> c.endpoint()).orElse("?")
                    + "): " + (n > 1 ? "--parallel " + n + " would run " + n + " scenarios on it at once" : "shard " + s + " of " + s.count()
                    + " would share it with the other shards") + "; refused. Give each shard its own controller: --shard-port-stride S puts shard K"
                    + " on the rig's ports + K*S (controller K of a fleet), or run the reference controller, one per unit (README, \"A controller per shard\").");
            return null;
        }
        if (n <= 1 && s == null) return new UnitPlan(false, List.of(), List.of(), null, 1, 0, 0);
        double reset = resetAllowanceMin(r, options.featuresDir());
        // scenario x corner is the unit a parallel run and a shard take (issue #17 items 2, 3)
        List<RunUnits.Unit> all = RunUnits.units(CertificationPlan.inFeatureOrder(options.featuresDir(), tags), corners);
        // a unit's real-time part (@realtime-Ns: CL-01's link fault) weighs by the run's pacing, the same in every shard
        double realtimeMinPerS = RunUnits.realtimeWeightMinPerS(options.pacing());
        List<RunUnits.Unit> mine = s == null ? all : RunUnits.shard(all, s, reset, realtimeMinPerS);
        return new UnitPlan(true, all, mine, s, Math.max(1, n), reset, realtimeMinPerS);
    }

    private static int parsePositive(String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--parallel wants a whole number of 1 or more, or auto; was '" + v + "'");
    }

    /** A worker's base report folder: the parent's run folder, given with --report (the worker writes none of its own files there). */
    private Path workerReportFolder() {
        if (report == null) throw new IllegalArgumentException("--worker needs --report (the run's folder)");
        return report;
    }

    private Path unitFeature() {
        int colon = unit.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("--unit wants FILE:LINE, was '" + unit + "'");
        return Path.of(unit.substring(0, colon));
    }

    private int unitLine() {
        return Integer.parseInt(unit.substring(unit.lastIndexOf(':') + 1));
    }

    /** The arguments every unit's child run gets (the parent's run settings): rig, features, controller, pacing, seed, tags, plant parameters. */
    private List<String> childArgs(BenchOptions o) {
        List<String> a = new ArrayList<>(List.of("--rig", o.rigDir().toString(), "--features", o.featuresDir().toString(),
                "--controller", o.controller().label(), "--pace", o.pacing().toString()));
        if (o.variant() != null) a.addAll(List.of("--variant", o.variant()));
        if (o.seed() != null) a.addAll(List.of("--seed", o.seed().toString()));
        if (tags != null) a.addAll(List.of("--tags", tags));
        for (String p : o.plantParams()) a.addAll(List.of("--plant-param", p));
        if (o.portOffset() != 0) a.addAll(List.of("--port-offset", Integer.toString(o.portOffset())));
        return a;
    }

    /** A parallel or sharded run: the units as child runs, joined into the report folder, then the report and the evidence as for any run. */
    private int runUnits(UnitPlan u, BenchOptions options, io.hilbench.rig.Rig loadedRig, Map<String, String> operator, EvidenceKeys.Signer signer,
                         PrintStream out, PrintWriter err) {
        out.printf(Locale.ROOT, "%s%d scenario(s) of %d selected, %d at a time (%.0f plant min of budgets)%n",
                u.shard() == null ? "" : "shard " + u.shard() + ": ", u.mine().size(), u.all().size(), u.parallel(),
                RunUnits.loadMin(u.mine(), u.all(), u.resetAllowanceMin(), u.realtimeMinPerS()));
        out.flush();
        if (u.mine().isEmpty()) {
            err.println("bench run: " + (u.all().isEmpty() ? "no scenario selected" + (tags == null ? "" : " (tags " + tags + " matched none)")
                    : "shard " + u.shard() + " has no scenario: " + u.all().size() + " scenario(s) for " + u.shard().count() + " shards"));
            return BenchCommand.USAGE;
        }
        UnitRuns.Outcome o;
        // SIGINT/SIGTERM while the units run: the children (and through their own hooks their controllers) are stopped,
        // the units that finished are joined, and the report folder is marked interrupted with their verdicts; no
        // evidence bundle, exit 2, as for a run in this JVM (RunInterruption)
        UnitRuns.Live live = new UnitRuns.Live();
        RunInterruption interruption = RunInterruption.installForUnits(options.reportDir(), options.rigDir(), options.featuresDir(),
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true), (cutOff, neverRan) ->
                        VerdictLedger.replaceAll(UnitRuns.stop(live, u.mine(), options.reportDir(), UNIT_STOP_WAIT_S, cutOff, neverRan), options.reportDir()));
        try {
            o = UnitRuns.run(u.mine(), u.resetAllowanceMin(), u.realtimeMinPerS(), u.parallel(), childArgs(options), options.reportDir(), out, live, interruption::finishing);
            if (o == null) RunInterruption.awaitHalt();   // the hook owns the folder now and ends the JVM
            VerdictLedger.replaceAll(o.records(), options.reportDir());
        } catch (IOException e) {
            interruption.done(BenchCommand.USAGE);
            err.println("bench run: " + e.getMessage() + "; no report, no evidence bundle");
            return BenchCommand.USAGE;
        } catch (InterruptedException e) {
            interruption.done(BenchCommand.USAGE);
            Thread.currentThread().interrupt();
            err.println("bench run: interrupted; no report, no evidence bundle");
            return BenchCommand.USAGE;
        } catch (RuntimeException | Error e) {
            interruption.done(BenchCommand.USAGE);
            throw e;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("parallel", u.parallel());
        // the corners of the whole selection, not only those this shard's units ran: one run's shards agree on them
        facts.put("corners", describeCorners(loadedRig, new java.util.LinkedHashSet<>(u.all().stream().map(RunUnits.Unit::corner).toList())));
        if (portOffset != 0) facts.put("portOffset", portOffset);
        if (u.shard() != null) {
            if (shardPortStride != 0) facts.put("shardPortStride", shardPortStride);
            facts.put("shard", u.shard().toString());
            facts.put("shardUnits", u.mine().stream().map(x -> x.folder() + " " + x.key()).toList());
            facts.put("selectedUnits", u.all().stream().map(x -> x.folder() + " " + x.key()).toList());
        }
        int code = finish(options, loadedRig, o.result(options.reportDir()), operator, signer, facts, out, err);
        interruption.done(code);
        return code;
    }

    /** How long a signalled parallel run waits for each unit's child to mark its folder and stop its controller, s. */
    static final long UNIT_STOP_WAIT_S = 60;

    /** The tags the certification profile runs when none are given. */
    static final String CERTIFICATION_TAGS = "@certification and not @pending";

    /**
     * Plant minutes the bench waits before each scenario (BenchSession.beginScenario): none when the rig's controller
     * map has reset-to-initial, else SU-03's minimum off time.
     */
    static double resetAllowanceMin(io.hilbench.rig.Rig r, Path featuresDir) throws IOException {
        boolean toInitial = r.controller().map(c -> c.command(io.hilbench.rig.ControllerSection.CommandName.RESET_TO_INITIAL) != null).orElse(false);
        if (toInitial) return 0;
        double minOffS = Requirements.load(featuresDir).find("SU-03").map(q -> q.limits().getOrDefault("min_off_s", 180.0)).orElse(180.0);
        return minOffS / 60.0;
    }

    /** report.html, plots, the handover report and cucumber.html with the plots (issue #9); a report that cannot be written leaves the verdicts and exit code as they are. */
    private static void writeReport(Path reportDir, BenchOptions options, PrintWriter err, java.util.function.Consumer<String> progress) {
        try {
            RunReport.Written w = RunReport.write(reportDir, options.rigDir(), options.featuresDir(), progress);
            for (String p : w.problems()) err.println("bench run: report: " + p);
        } catch (IOException | RuntimeException e) {
            err.println("bench run: report pages not written: " + e.getMessage() + " (render them again with bench report --from " + reportDir + ")");
        }
        try {
            // after the plots exist: Cucumber's page again, with each scenario's plot attached (issue #9)
            progress.accept("cucumber.html with the plots");
            CucumberHtmlWithPlots.Embedded c = CucumberHtmlWithPlots.write(reportDir);
            for (String p : c.problems()) err.println("bench run: report: " + p);
        } catch (IOException | RuntimeException e) {
            err.println("bench run: plots not embedded in " + CucumberHtmlWithPlots.HTML + ": " + e.getMessage());
        }
        err.flush();
    }

    /**
     * "rendering report…" and then each step with the seconds since it began, on the terminal's stderr (issue #16
     * item 10: the report of a long run rendered for over a minute in silence).
     */
    static java.util.function.Consumer<String> progress(PrintStream to) {
        long t0 = System.nanoTime();
        to.println("rendering report…");
        return step -> {
            to.printf(java.util.Locale.ROOT, "  rendering report: %s (%.0f s)%n", step, (System.nanoTime() - t0) / 1e9);
            to.flush();
        };
    }

    private static boolean variantKnown(String name) {
        return Variant.byName(name).isPresent();
    }
}
