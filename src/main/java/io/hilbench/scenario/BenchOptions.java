package io.hilbench.scenario;

import io.hilbench.runtime.Pacing;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a scenario run is run against (DESIGN §11 {@code bench run} options). {@link ScenarioRunner} sets them for the
 * glue; under {@code mvn verify} (the JUnit suite) they come from system properties {@code hilbench.rig},
 * {@code hilbench.features}, {@code hilbench.controller}, {@code hilbench.variant}, {@code hilbench.pace},
 * {@code hilbench.seed}, {@code hilbench.report}, with the defaults of the CI profile: the Solrød rig, the reference
 * controller, lockstep, reports in {@code target/cucumber}.
 *
 * @param rigDir      the rig folder
 * @param featuresDir the features folder (requirements.yaml inside it)
 * @param controller  the bundled reference controller (started as a child process) or an external one (the rig's endpoint)
 * @param variant     a known-bad variant of the reference controller, or null
 * @param pacing      lockstep, real time or accelerated
 * @param seed        the run seed, or null for the rig's
 * @param reportDir   where verdicts, traces and the controller's log go
 * @param plantParams the run's plant parameter overrides, {@code KEY=VALUE} as {@code --plant-param} takes them
 *                    (system property {@code hilbench.plantParams}: several separated by ';'); they win over the rig's
 * @param portOffset  every TCP port of the rig shifted by this much (the plant's servers and the controller's endpoint,
 *                    as {@code --port-offset} of serve and controller): how the shard K of a fleet reaches controller K
 *                    ({@code bench run --shard-port-stride}, issue #17 item 5); 0 for the rig as written
 * @param corner      the rig's parameter corner the plant runs at (rig.yaml {@code corners:}, issue #17 item 3;
 *                    system property {@code hilbench.corner}); {@code nominal} (the default): the rig as it is
 *
 * <p>Built with the seven-argument constructor (nominal corner, no plant parameters, ports as written) and the
 * {@code with…} methods ({@link #withPlantParams}, {@link #withPortOffset}, {@link #withCorner}, …), or the canonical one.
 */
public record BenchOptions(Path rigDir, Path featuresDir, ControllerKind controller, String variant, Pacing pacing, Long seed, Path reportDir,
                           List<String> plantParams, int portOffset, String corner) {
    public enum ControllerKind {
        REFERENCE, EXTERNAL;

        public static ControllerKind parse(String s) {
            for (ControllerKind k : values()) if (k.name().equalsIgnoreCase(s.trim())) return k;
            throw new IllegalArgumentException("controller '" + s + "' is not reference or external");
        }

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    private static final AtomicReference<BenchOptions> OVERRIDE = new AtomicReference<>();

    public BenchOptions(Path rigDir, Path featuresDir, ControllerKind controller, String variant, Pacing pacing, Long seed, Path reportDir) {
        this(rigDir, featuresDir, controller, variant, pacing, seed, reportDir, List.of(), 0, io.hilbench.rig.Corner.NOMINAL);
    }

    public BenchOptions {
        corner = corner == null || corner.isBlank() ? io.hilbench.rig.Corner.NOMINAL : corner.trim();
        plantParams = plantParams == null ? List.of() : List.copyOf(plantParams);
        Objects.requireNonNull(rigDir, "rigDir");
        Objects.requireNonNull(featuresDir, "featuresDir");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(reportDir, "reportDir");
        if (portOffset < 0) throw new IllegalArgumentException("--port-offset must be 0 or more, was " + portOffset);
        rigDir = rigDir.toAbsolutePath().normalize();
        featuresDir = featuresDir.toAbsolutePath().normalize();
        reportDir = reportDir.toAbsolutePath().normalize();
        variant = variant == null || variant.isBlank() || variant.trim().equalsIgnoreCase("reference") ? null : variant.trim();
        if (variant != null && controller == ControllerKind.EXTERNAL) {
            throw new IllegalArgumentException("--variant selects a variant of the reference controller; it cannot be combined with --controller external");
        }
    }

    /** The options in force: those set by {@link #use}, else the system properties (defaults of the CI profile). */
    public static BenchOptions current() {
        BenchOptions o = OVERRIDE.get();
        return o != null ? o : fromSystemProperties();
    }

    /** Sets the options for the glue (null: back to the system properties). */
    public static void use(BenchOptions options) { OVERRIDE.set(options); }

    public static BenchOptions fromSystemProperties() {
        String seed = System.getProperty("hilbench.seed");
        return new BenchOptions(
                Path.of(System.getProperty("hilbench.rig", "rigs/solrod")),
                Path.of(System.getProperty("hilbench.features", "features")),
                ControllerKind.parse(System.getProperty("hilbench.controller", "reference")),
                System.getProperty("hilbench.variant"),
                Pacing.parse(System.getProperty("hilbench.pace", "lockstep")),
                seed == null || seed.isBlank() ? null : Long.valueOf(seed.trim()),
                Path.of(System.getProperty("hilbench.report", "target/cucumber")),
                plantParamsProperty(System.getProperty("hilbench.plantParams")),
                0,
                System.getProperty("hilbench.corner"));
    }

    private static List<String> plantParamsProperty(String s) {
        if (s == null || s.isBlank()) return List.of();
        List<String> out = new java.util.ArrayList<>();
        for (String p : s.split(";")) if (!p.isBlank()) out.add(p.trim());
        return out;
    }

    /** Same bench (rig, controller, variant, pacing, seed, plant parameters): a running session can serve these options. */
    public boolean sameBench(BenchOptions o) {
        return o != null && rigDir.equals(o.rigDir) && featuresDir.equals(o.featuresDir) && controller == o.controller
                && Objects.equals(variant, o.variant) && pacing.equals(o.pacing) && Objects.equals(seed, o.seed)
                && plantParams.equals(o.plantParams) && portOffset == o.portOffset && corner.equals(o.corner);
    }

    public BenchOptions withReportDir(Path dir) { return new BenchOptions(rigDir, featuresDir, controller, variant, pacing, seed, dir, plantParams, portOffset, corner); }

    public BenchOptions withVariant(String v) { return new BenchOptions(rigDir, featuresDir, controller, v, pacing, seed, reportDir, plantParams, portOffset, corner); }

    public BenchOptions withFeaturesDir(Path dir) { return new BenchOptions(rigDir, dir, controller, variant, pacing, seed, reportDir, plantParams, portOffset, corner); }

    /** These options with the run's plant parameter overrides ({@code KEY=VALUE}, as {@code --plant-param} takes them). */
    public BenchOptions withPlantParams(List<String> params) { return new BenchOptions(rigDir, featuresDir, controller, variant, pacing, seed, reportDir, params, portOffset, corner); }

    /** These options with every TCP port of the rig shifted by {@code offset} (0: the rig as written). */
    public BenchOptions withPortOffset(int offset) { return new BenchOptions(rigDir, featuresDir, controller, variant, pacing, seed, reportDir, plantParams, offset, corner); }

    /** These options at another parameter corner of the rig (null or blank: nominal). */
    public BenchOptions withCorner(String c) { return new BenchOptions(rigDir, featuresDir, controller, variant, pacing, seed, reportDir, plantParams, portOffset, c); }
}
