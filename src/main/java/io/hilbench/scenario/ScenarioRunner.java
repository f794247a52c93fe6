package io.hilbench.scenario;

import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionParser;
import io.hilbench.scenario.judge.Inconclusive;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.platform.launcher.EngineFilter.includeEngines;

/**
 * Runs feature files through the JUnit Platform launcher with the Cucumber engine, in this JVM: the one launching
 * code behind {@code bench run}, the expected-failure matrix test and (for its configuration keys) the
 * {@code mvn verify} suite. Scenarios run one at a time (they share one plant and one controller). Reports in the
 * report folder: Cucumber HTML, JSON and JUnit XML, {@value VerdictLedger#FILE}, traces, the controller's log.
 */
public final class ScenarioRunner {
    /** The glue packages (steps, hooks, parameter types). */
    public static final String GLUE = "io.hilbench.scenario.steps";

    /**
     * The filter when none is given: every scenario except those tagged {@code @pending}, which wait for a controller
     * behaviour that has not landed yet (features/README.md lists them). An explicit tag expression replaces it.
     */
    public static final String DEFAULT_TAGS = "not @pending";

    /**
     * Cucumber's message stream (ndjson) beside cucumber.html: the CLI renders cucumber.html again from it with each
     * scenario's plot attached, once the report has drawn them (scenario may not import report, DESIGN §2).
     */
    public static final String MESSAGES = "cucumber.ndjson";

    /**
     * How a run ended, and the exit code of DESIGN §8 (0 passed, 1 failed, 3 inconclusive or bench errors only): the
     * same counts and the same rule ({@link VerdictLedger.Totals#exitCode}) as the totals of verdicts.json.
     */
    public record Result(int total, int passed, int failed, int inconclusive, int errors, Path reportDir, List<ScenarioResult> scenarios) {
        public int exitCode() { return VerdictLedger.Totals.exitCode(failed, inconclusive, errors); }
    }

    public record ScenarioResult(String name, VerdictLedger.ScenarioOutcome outcome, String message) {}

    private ScenarioRunner() {}

    /**
     * Which selected scenarios of the current run have not finished: the one running and those not started, in run
     * order (what an interrupted run's report lists as cut off and never run). Updated by the launcher listener.
     */
    public record Unfinished(String running, List<String> notStarted) {}

    private static final Map<String, String> PENDING = new LinkedHashMap<>();
    private static String running = "";

    private static synchronized void planned(Map<String, String> keyToName) {
        PENDING.clear();
        PENDING.putAll(keyToName);
        running = "";
    }

    private static synchronized void started(String key, String name) {
        PENDING.remove(key);
        running = name;
    }

    private static synchronized void finished() {
        running = "";
    }

    /** The current (or last) run's unfinished scenarios. */
    public static synchronized Unfinished unfinished() {
        return new Unfinished(running, List.copyOf(PENDING.values()));
    }

    /**
     * Runs the features with the options (which the glue reads through {@link BenchOptions#current()}).
     *
     * @param tags     Cucumber tag expression, or null for all
     * @param progress where the per-scenario progress lines go (null: nowhere)
     */
    public static Result run(BenchOptions options, String tags, PrintStream progress) throws IOException {
        return run(options, DiscoverySelectors.selectDirectory(options.featuresDir().toFile()), tags, progress);
    }

    /**
     * Runs the one scenario at {@code feature}:{@code line} (a unit of a parallel or sharded run, issue #17), writing
     * Cucumber's files, verdicts.json and the traces into the options' report folder as {@link #run} does.
     */
    public static Result runOne(BenchOptions options, Path feature, int line, String tags, PrintStream progress) throws IOException {
        return run(options, DiscoverySelectors.selectFile(feature.toFile(), org.junit.platform.engine.discovery.FilePosition.from(line)), tags, progress);
    }

    private static Result run(BenchOptions options, org.junit.platform.engine.DiscoverySelector selector, String tags, PrintStream progress) throws IOException {
        VerdictLedger.clear();
        reportFolder(options.reportDir());
        planned(Map.of());
        RunBoard.clear();
        BenchOptions.use(options);
        try {
            Path report = options.reportDir();
            LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selector)
                    .filters(includeEngines("cucumber"))
                    .configurationParameters(configuration(report));
            b.configurationParameter("cucumber.filter.tags", effectiveTags(tags));
            LauncherDiscoveryRequest request = b.build();
            Progress listener = new Progress(progress, effectiveTags(tags), report);
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, listener);
            return listener.result(report);
        } finally {
            BenchOptions.use(null);
        }
    }

    /**
     * Runs the scenarios of a {@link CertificationPlan} in the plan's order: one launcher request per scenario, selected
     * by its feature file and line (Cucumber's own discovery would order them by file), into one report folder and one
     * result. {@code tags} is the expression the plan was made with (it filters again, so the plan and the run agree).
     */
    public static Result runPlan(BenchOptions options, CertificationPlan plan, String tags, PrintStream progress) throws IOException {
        VerdictLedger.clear();
        reportFolder(options.reportDir());
        RunBoard.clear();
        BenchOptions.use(options);
        try {
            Path report = options.reportDir();
            Progress listener = new Progress(progress, effectiveTags(tags), report);
            listener.fixedTotal = plan.order().size();
            RunBoard.plan(plan.order().stream().map(CertificationPlan.Entry::name).toList());
            Launcher launcher = LauncherFactory.create();
            Map<String, String> keys = new LinkedHashMap<>();
            for (int i = 0; i < plan.order().size(); i++) keys.put("plan:" + (i + 1), plan.order().get(i).name());
            planned(keys);
            int k = 0;
            for (CertificationPlan.Entry e : plan.order()) {
                k++;
                started("plan:" + k, e.name());
                // one report file set per scenario: Cucumber's plugins write per launcher request
                Map<String, String> config = configuration(report.resolve(String.format(Locale.ROOT, "%02d-%s", k,
                        e.requirement().isEmpty() ? "scenario" : e.requirement())));
                LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                        .selectors(DiscoverySelectors.selectFile(e.feature().toFile(), org.junit.platform.engine.discovery.FilePosition.from(e.line())))
                        .filters(includeEngines("cucumber"))
                        .configurationParameters(config)
                        .configurationParameter("cucumber.filter.tags", effectiveTags(tags))
                        .build();
                launcher.execute(request, listener);
                finished();
            }
            return listener.result(report);
        } finally {
            BenchOptions.use(null);
        }
    }

    /**
     * Runs the selected scenarios at each parameter corner of the rig, in the order given (issue #17 item 3): corner ×
     * scenario is the unit. One ledger, one report folder: every record names its corner, each corner's traces carry
     * it in their names ({@code …@corner.csv}); Cucumber's own files of the nominal corner go in the report folder,
     * those of another corner in {@code corners/<name>/}. Each corner gets its own bench session (its plant built with
     * the corner's overrides, a fresh controller).
     */
    public static Result runCorners(BenchOptions options, List<String> corners, String tags, PrintStream progress) throws IOException {
        VerdictLedger.clear();
        reportFolder(options.reportDir());
        planned(Map.of());
        RunBoard.clear();
        try {
            Path report = options.reportDir();
            Progress listener = new Progress(progress, effectiveTags(tags), report);
            listener.repeats = corners.size();
            Launcher launcher = LauncherFactory.create();
            for (String corner : corners) {
                BenchOptions.use(options.withCorner(corner));
                if (progress != null) progress.println("corner " + corner);
                Path cucumberDir = corner.equals(io.hilbench.runtime.TraceNames.NOMINAL) ? report : report.resolve("corners").resolve(corner);
                reportFolder(cucumberDir);
                LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                        .selectors(DiscoverySelectors.selectDirectory(options.featuresDir().toFile()))
                        .filters(includeEngines("cucumber"))
                        .configurationParameters(cornerConfiguration(cucumberDir, report.resolve("corners").resolve(corner)))
                        .configurationParameter("cucumber.filter.tags", effectiveTags(tags))
                        .build();
                launcher.execute(request, listener);
            }
            return listener.result(report);
        } finally {
            BenchOptions.use(null);
        }
    }

    /**
     * Cucumber's configuration for one corner of a corners run: as {@link #configuration}, but its JUnit XML always in
     * {@code corners/<name>/}, so the report folder's own {@code cucumber-junit.xml} is written from verdicts.json
     * with every unit of every corner (Cucumber's file of the nominal corner alone would disagree with the verdicts).
     */
    static Map<String, String> cornerConfiguration(Path cucumberDir, Path junitDir) throws IOException {
        Files.createDirectories(junitDir);
        Map<String, String> c = configuration(cucumberDir);
        c.put("cucumber.plugin", c.get("cucumber.plugin").replace("junit:" + cucumberDir.resolve("cucumber-junit.xml"), "junit:" + junitDir.resolve("cucumber-junit.xml")));
        return c;
    }

    /** The tag expression a run filters with: the given one, or {@link #DEFAULT_TAGS}. */
    static String effectiveTags(String tags) {
        return tags != null && !tags.isBlank() ? tags : DEFAULT_TAGS;
    }

    /**
     * The scenarios of a test plan that a Cucumber tag expression selects: what the progress counter counts. Cucumber
     * applies {@code cucumber.filter.tags} while it executes (the filtered scenarios are reported skipped, some only
     * after the selected ones ran), so the plan's test count alone includes scenarios that will not run. A scenario's
     * JUnit tags are its Cucumber tags (feature and rule tags inherited) without the '@'.
     */
    static List<TestIdentifier> selected(TestPlan plan, String tags) {
        Expression expression = TagExpressionParser.parse(effectiveTags(tags));
        List<TestIdentifier> out = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                if (!id.isTest()) continue;
                List<String> scenarioTags = id.getTags().stream().map(t -> "@" + t.getName()).toList();
                if (expression.evaluate(scenarioTags)) out.add(id);
            }
        }
        return out;
    }

    /**
     * The run's report folder (or a folder in it), made if it is missing. It was claimed writable before the bench
     * started, so a failure here means it was lost since (removed or replaced, the disk full): that is recorded as the
     * run's report-folder write failure before the exception goes on, so {@code bench run} ends "REPORT FOLDER
     * UNWRITABLE" (exit 2) as for any later write, not with a bare I/O message (issue #18 item 3; what the removed
     * UnwritableReportFolderTest met under load when its folder vanished right after the preflight).
     */
    static void reportFolder(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            VerdictLedger.reportWriteFailed(dir, e);
            throw e;
        }
    }

    /**
     * The I/O failure in {@code t}'s causes (an {@link IOException}, or the one inside an
     * {@link java.io.UncheckedIOException}), or null. Cucumber's report plugins (HTML, JSON, JUnit XML, messages) open
     * their files when the run starts and write most of them when it ends; their failure fails the engine itself.
     */
    static IOException ioCause(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x instanceof IOException io) return io;
        }
        return null;
    }

    /** Cucumber's configuration for a run writing into {@code report}: glue, plugins, one scenario at a time. */
    public static Map<String, String> configuration(Path report) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("cucumber.glue", GLUE);
        c.put("cucumber.plugin", String.join(", ",
                "html:" + report.resolve("cucumber.html"),
                "json:" + report.resolve("cucumber.json"),
                "junit:" + report.resolve("cucumber-junit.xml"),
                "message:" + report.resolve(MESSAGES),
                RunBoardPlugin.class.getName()));   // the console's run view: the Gherkin and the step running
        c.put("cucumber.publish.quiet", "true");
        c.put("cucumber.execution.parallel.enabled", "false");
        c.put("cucumber.junit-platform.naming-strategy", "long");
        c.put("cucumber.snippet-type", "camelcase");
        return c;
    }

    /**
     * The features folder: {@code dir} when given, else {@code ./features} when it holds requirements.yaml, else the
     * copy inside the jar, extracted to a temporary folder (DESIGN §11).
     */
    public static Path resolveFeatures(Path dir) throws IOException {
        if (dir != null) {
            if (!Files.isRegularFile(dir.resolve(Requirements.FILE))) throw new IOException("features folder " + dir.toAbsolutePath() + " has no " + Requirements.FILE);
            return dir;
        }
        Path local = Path.of("features");
        if (Files.isRegularFile(local.resolve(Requirements.FILE))) return local;
        URL marker = ScenarioRunner.class.getClassLoader().getResource("features/" + Requirements.FILE);
        if (marker == null) throw new IOException("no ./features folder and no features inside the jar");
        try {
            URI uri = marker.toURI();
            if (uri.getScheme().equals("file")) return Path.of(uri).getParent();
            Path target = Files.createTempDirectory("hilbench-features");
            try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                Path root = fs.getPath("/features");
                try (Stream<Path> all = Files.walk(root)) {
                    for (Path p : (Iterable<Path>) all::iterator) {
                        Path out = target.resolve(root.relativize(p).toString());
                        if (Files.isDirectory(p)) Files.createDirectories(out);
                        else try (InputStream in = Files.newInputStream(p)) {
                            Files.copy(in, out);
                        }
                    }
                }
            }
            return target;
        } catch (URISyntaxException e) {
            throw new IOException("cannot read the features inside the jar: " + e.getMessage(), e);
        }
    }

    /**
     * Counts scenarios and prints {@code [1/1] SU-01 Cold start … passed (25 min plant, 14.2 s)}. A scenario's outcome
     * is the one its {@link VerdictLedger} record says (the truth every document is written from), not the status of
     * the JUnit test: the test's throwable decides only for a scenario that left no record (it ended before the glue's
     * {@code @After} hook), and then a record is added for it, so the ledger, its totals and the exit code count the
     * same scenarios.
     */
    static final class Progress implements TestExecutionListener {
        private final PrintStream out;
        private final String tags;
        /** Where the ledger is rewritten when the launcher corrects or adds a record; null: the ledger is not touched. */
        private final Path reportDir;
        /** Per running test, the number of ledger records when it started: a record added since is its own. */
        private final Map<String, Integer> ledgerAtStart = new LinkedHashMap<>();
        /** The scenarios counted in {@link #total}: those the tag filter selects. */
        private final java.util.Set<String> counted = new java.util.HashSet<>();
        private final List<ScenarioResult> results = new ArrayList<>();
        private final Map<String, Long> startNs = new LinkedHashMap<>();
        private TestPlan plan;
        private int total;
        /** When > 0, the number of scenarios across several launcher requests (a plan run). */
        private int fixedTotal;
        /** How many times the selected scenarios run (the corners of a corners run): the counter counts every unit. */
        private int repeats = 1;
        private int done;

        Progress(PrintStream out, String tags) {
            this(out, tags, null);
        }

        Progress(PrintStream out, String tags, Path reportDir) {
            this.out = out;
            this.tags = tags;
            this.reportDir = reportDir;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
            if (fixedTotal > 0) {
                total = fixedTotal;
                return;
            }
            // counted after the tag filter, before anything runs: a single selected scenario prints [1/1]
            counted.clear();
            Map<String, String> keys = new LinkedHashMap<>();
            for (TestIdentifier id : selected(testPlan, tags)) {
                counted.add(id.getUniqueId());
                keys.put(id.getUniqueId(), shortName(id.getDisplayName()));
            }
            total = counted.size() * repeats;
            planned(keys);
            RunBoard.plan(new ArrayList<>(keys.values()));   // the console's run view
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                if (fixedTotal == 0) started(id.getUniqueId(), shortName(id.getDisplayName()));
                RunBoard.started(shortName(id.getDisplayName()));
                startNs.put(id.getUniqueId(), System.nanoTime());
                ledgerAtStart.put(id.getUniqueId(), VerdictLedger.records().size());
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            // a selected scenario skipped after all (e.g. by the engine): not run, no longer counted; one the tag filter
            // left out was never counted
            if (id.isTest() && fixedTotal == 0 && counted.remove(id.getUniqueId())) {
                total--;
                started(id.getUniqueId(), "");
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult r) {
            if (!id.isTest()) {
                if (r.getStatus() == TestExecutionResult.Status.FAILED && id.getParentId().isEmpty()) {
                    String msg = r.getThrowable().map(Throwable::toString).orElse("engine failed");
                    IOException io = r.getThrowable().map(ScenarioRunner::ioCause).orElse(null);
                    if (reportDir != null && (io != null || VerdictLedger.writeFailure().isPresent())) {
                        // Cucumber could not write its report files (disk full, the folder gone): not a scenario that
                        // failed but the run's report folder lost; bench run ends REPORT FOLDER UNWRITABLE (issue #18
                        // item 3; counted as a failed scenario before, the full disk's run read "1 passed, 1 failed")
                        VerdictLedger.reportWriteFailed(reportDir, io != null ? io : new IOException(msg));
                        if (out != null) out.println("error: Cucumber's report files could not be written: " + msg);
                        return;
                    }
                    // the engine itself failed (e.g. a feature that does not parse): count it as a failure
                    results.add(new ScenarioResult(id.getDisplayName(), VerdictLedger.ScenarioOutcome.FAILED, msg));
                    addRecord(id.getDisplayName(), VerdictLedger.ScenarioOutcome.FAILED, "the Cucumber engine failed: " + msg);
                    if (out != null) out.println("error: " + msg);
                }
                return;
            }
            done++;
            if (fixedTotal == 0) finished();
            String message = r.getThrowable().map(t -> t.getMessage() == null ? t.toString() : t.getMessage()).orElse("");
            String name = id.getDisplayName();
            VerdictLedger.ScenarioRecord rec = ownRecord(id, r);
            VerdictLedger.ScenarioOutcome o = rec != null ? rec.outcome() : fromStatus(r);
            if (rec == null) addRecord(shortName(name), o, message.isEmpty() ? null : message);
            results.add(new ScenarioResult(name, o, message));
            RunBoard.finished(shortName(name), rec, o.label());
            if (out == null) return;
            long wallMs = (System.nanoTime() - startNs.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
            String req = rec == null || rec.requirement().isEmpty() ? "" : rec.requirement() + " ";
            String plantMin = rec == null ? "" : String.format(Locale.ROOT, "%.0f min plant, ", rec.plantMs() / 60_000.0);
            out.printf(Locale.ROOT, "[%d/%d] %s%s … %s (%s%.1f s)%n", done, Math.max(total, done), req, shortName(name), o.label(), plantMin, wallMs / 1000.0);
            // its verdict lines: each assertion, its verdict and the plant time the judge gives (the run's log has the rest)
            if (rec != null) {
                for (io.hilbench.scenario.judge.Verdict v : rec.verdicts()) {
                    out.printf(Locale.ROOT, "      %-28s %s%s%n", v.id(), v.outcome().label(),
                            v.plantTimeMs() == null ? "" : " at plant time " + io.hilbench.runtime.PlantTimeFormat.format(v.plantTimeMs()));
                }
            }
            if (o != VerdictLedger.ScenarioOutcome.PASSED && !message.isEmpty()) {
                for (String line : message.split("\n")) out.println("      " + line);
            }
            out.flush();
        }

        /** The outcome of a test that left no ledger record, from its JUnit status and throwable. */
        static VerdictLedger.ScenarioOutcome fromStatus(TestExecutionResult r) {
            return switch (r.getStatus()) {
                case SUCCESSFUL -> VerdictLedger.ScenarioOutcome.INCONCLUSIVE; // ran, but nothing was judged: never green
                case ABORTED -> VerdictLedger.ScenarioOutcome.INCONCLUSIVE;
                case FAILED -> r.getThrowable().map(Inconclusive::is).orElse(false)
                        ? VerdictLedger.ScenarioOutcome.INCONCLUSIVE : VerdictLedger.ScenarioOutcome.FAILED;
            };
        }

        /**
         * The ledger record the glue wrote for this test (the last one added since it started), or null. A step that
         * threw {@link Inconclusive} (a precondition not reached, a wall-time guard) ends the scenario before judging;
         * the glue's {@code @After} hook cannot see that exception (Cucumber's Scenario does not expose it) and records
         * "a step failed": the launcher can, and corrects the record to inconclusive with the step's reason.
         */
        private VerdictLedger.ScenarioRecord ownRecord(TestIdentifier id, TestExecutionResult r) {
            if (reportDir == null) return null;
            int before = ledgerAtStart.getOrDefault(id.getUniqueId(), Integer.MAX_VALUE);
            List<VerdictLedger.ScenarioRecord> all = VerdictLedger.records();
            if (all.size() <= before) return null;
            int index = all.size() - 1;
            VerdictLedger.ScenarioRecord rec = all.get(index);
            Throwable t = r.getThrowable().orElse(null);
            if (rec.outcome() == VerdictLedger.ScenarioOutcome.FAILED && rec.verdicts().isEmpty() && t != null && Inconclusive.is(t)) {
                String reason = inconclusiveMessage(t);
                rec = new VerdictLedger.ScenarioRecord(rec.name(), rec.requirement(), rec.uri(), VerdictLedger.ScenarioOutcome.INCONCLUSIVE, rec.plantMs(),
                        rec.wallMs(), rec.verdicts(), reason, rec.run());
                try {
                    VerdictLedger.replace(index, rec, reportDir);
                } catch (IOException e) {
                    if (out != null) out.println("error: " + VerdictLedger.FILE + " not rewritten: " + e.getMessage());
                }
            }
            return rec;
        }

        private static String inconclusiveMessage(Throwable t) {
            for (Throwable x = t; x != null; x = x.getCause()) {
                if (x.getMessage() != null && x.getMessage().startsWith(Inconclusive.PREFIX)) return x.getMessage();
            }
            return t.toString();
        }

        /** A record for a test that ended without one (so the ledger counts every scenario the run counts). */
        private void addRecord(String name, VerdictLedger.ScenarioOutcome o, String error) {
            if (reportDir == null) return;
            try {
                VerdictLedger.add(new VerdictLedger.ScenarioRecord(name, "", "", o, 0, 0, List.of(),
                        error == null ? "the scenario ended before its verdicts were recorded" : error, Map.of()), reportDir);
            } catch (IOException e) {
                if (out != null) out.println("error: " + VerdictLedger.FILE + " not rewritten: " + e.getMessage());
            }
        }

        private static String shortName(String longName) {
            int i = longName.lastIndexOf(" - ");
            return i < 0 ? longName : longName.substring(i + 3);
        }

        Result result(Path report) {
            VerdictLedger.Totals t = VerdictLedger.Totals.of(results.stream().map(ScenarioResult::outcome).toList());
            return new Result(t.scenarios(), t.passed(), t.failed(), t.inconclusive(), t.errors(), report, List.copyOf(results));
        }
    }
}
