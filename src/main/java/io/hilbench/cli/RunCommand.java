package io.hilbench.cli;

import io.hilbench.controller.Variant;
import io.hilbench.rig.RigError;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Pacing;
import io.hilbench.scenario.BenchOptions;
import io.hilbench.scenario.BenchSession;
import io.hilbench.scenario.CertificationPlan;
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

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintStream out = System.out;
        BenchOptions options;
        CertificationPlan plan = null;
        boolean certification = false;
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
            if (certification || dryRun) {
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
        out.println("bench run: rig " + rig + ", " + options.controller().label() + " controller"
                + (options.variant() == null ? "" : " variant " + options.variant()) + ", " + options.pacing()
                + (tags == null ? "" : ", tags " + tags) + ", features " + options.featuresDir());
        ScenarioRunner.Result result;
        try {
            result = plan != null ? ScenarioRunner.runPlan(options, plan, tags, out) : ScenarioRunner.run(options, tags, out);
        } catch (IOException e) {
            err.println("bench run: " + e.getMessage());
            return BenchCommand.USAGE;
        } finally {
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

    private static boolean variantKnown(String name) {
        return Variant.byName(name).isPresent();
    }
}
