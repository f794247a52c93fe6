package io.hilbench.cli;

import io.hilbench.controller.Variant;
import io.hilbench.rig.RigError;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Pacing;
import io.hilbench.scenario.BenchOptions;
import io.hilbench.scenario.BenchSession;
import io.hilbench.scenario.Preflight;
import io.hilbench.scenario.judge.Inconclusive;
import io.hilbench.scenario.Requirements;
import io.hilbench.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/**
 * {@code bench run}: runs the features against the plant emulator and a controller (DESIGN §8, §11), one scenario
 * at a time, through the JUnit Platform launcher ({@link ScenarioRunner}). Exit 0 all passed, 1 any failed, 3 none
 * failed but some inconclusive, 2 usage or configuration error (2 before 1 before 3).
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

    @Option(names = "--pace", paramLabel = "lockstep|realtime|accelerated:K", defaultValue = "lockstep", description = "Pacing (default: ${DEFAULT-VALUE}).")
    String pace;

    @Option(names = "--tags", paramLabel = "EXPR", description = "Cucumber tag expression, e.g. \"@SU-01 and not @slow\".")
    String tags;

    @Option(names = "--report", paramLabel = "DIR", description = "Report folder (default: reports/<rig>-<UTC time>/).")
    Path report;

    @Option(names = "--seed", paramLabel = "N", description = "Run seed (default: the rig's).")
    Long seed;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintStream out = System.out;
        BenchOptions options;
        try {
            Pacing pacing = Pacing.parse(pace);
            BenchOptions.ControllerKind kind = BenchOptions.ControllerKind.parse(controller);
            var r = RigLoader.loadDefault(rig);
            if (r.controller().isEmpty()) {
                err.println("bench run: rig " + r.name() + " has no controller section: scenarios need the controller's supervisory map");
                return BenchCommand.USAGE;
            }
            Path featuresDir = ScenarioRunner.resolveFeatures(features);
            Requirements.load(featuresDir);
            Path reportDir = report != null ? report
                    : Path.of("reports", r.name() + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
            options = new BenchOptions(rig, featuresDir, kind, variant, pacing, seed, reportDir);
        } catch (RigException e) {
            for (RigError error : e.errors()) err.println(error);
            err.println(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors") + " in rig " + rig);
            return BenchCommand.USAGE;
        } catch (IllegalArgumentException | IOException e) {
            err.println("bench run: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        if (options.variant() != null && !variantKnown(options.variant())) {
            err.println("bench run: unknown variant '" + options.variant() + "' (known: " + String.join(", ", Variant.names()) + ")");
            return BenchCommand.USAGE;
        }
        out.println("bench run: rig " + rig + ", " + options.controller().label() + " controller"
                + (options.variant() == null ? "" : " variant " + options.variant()) + ", " + options.pacing()
                + (tags == null ? "" : ", tags " + tags) + ", features " + options.featuresDir());
        // the bench and the controller first, then the preflight: every mapped point of both sides answers
        try {
            java.nio.file.Files.createDirectories(options.reportDir());
            BenchSession session = BenchSession.obtain(options);
            out.print(session.preflight().format());
            // live progress of each scenario on stderr (stdout keeps the per-scenario result lines)
            BenchSession.liveProgress(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true));
        } catch (BenchSession.PreflightFailed e) {
            err.print(e.report().format());
            err.println("bench run: preflight failed: no scenario was run (exit " + e.report().exitCode()
                    + (e.report().exitCode() == Preflight.CONFIGURATION ? ": the maps do not match the plant or the controller" : ": the controller does not answer") + ")");
            err.flush();
            BenchSession.closeCurrent();
            return e.report().exitCode();
        } catch (Inconclusive e) {
            err.println("bench run: " + e.getMessage());
            BenchSession.closeCurrent();
            return BenchCommand.INCONCLUSIVE;
        } catch (Exception e) {
            err.println("bench run: the bench could not start: " + e);
            BenchSession.closeCurrent();
            return BenchCommand.USAGE;
        }
        ScenarioRunner.Result result;
        try {
            result = ScenarioRunner.run(options, tags, out);
        } catch (IOException e) {
            err.println("bench run: " + e.getMessage());
            return BenchCommand.USAGE;
        } finally {
            BenchSession.liveProgress(null);
            BenchSession.closeCurrent();
        }
        out.printf("%d scenario(s): %d passed, %d failed, %d inconclusive%n", result.total(), result.passed(), result.failed(), result.inconclusive());
        out.println("report: " + result.reportDir());
        out.flush();
        if (result.total() == 0) {
            err.println("bench run: no scenario ran" + (tags == null ? "" : " (tags " + tags + " matched none)"));
            return BenchCommand.USAGE;
        }
        return result.exitCode();
    }

    private static boolean variantKnown(String name) {
        return Variant.byName(name).isPresent();
    }
}
