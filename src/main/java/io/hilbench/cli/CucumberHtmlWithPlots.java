package io.hilbench.cli;

import io.cucumber.htmlformatter.MessagesToHtmlWriter;
import io.cucumber.messages.NdjsonToMessageIterable;
import io.cucumber.messages.ndjson.Deserializer;
import io.cucumber.messages.ndjson.Serializer;
import io.cucumber.messages.types.Attachment;
import io.cucumber.messages.types.AttachmentContentEncoding;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.TestCase;
import io.cucumber.messages.types.TestCaseStarted;
import io.cucumber.messages.types.TestStep;
import io.cucumber.messages.types.TestStepFinished;
import io.cucumber.messages.types.TestStepResult;
import io.cucumber.messages.types.TestStepResultStatus;
import io.cucumber.messages.types.Timestamp;
import io.hilbench.report.JunitXml;
import io.hilbench.report.RunData;
import io.hilbench.report.RunReport;
import io.hilbench.report.RunTotals;
import io.hilbench.scenario.ScenarioRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Cucumber's HTML report with each judged scenario's plot in it (issue #9 item 1). The plots are drawn by
 * {@link RunReport} after the run, and scenario may not import report (DESIGN §2), so no hook can attach them while
 * Cucumber writes; instead the run also writes Cucumber's message stream ({@value ScenarioRunner#MESSAGES}) and this
 * renders {@code cucumber.html} again from it with Cucumber's own html-formatter, adding one {@link Attachment}
 * (image/svg+xml) per scenario that has a plot, linked to its test case started and its last Gherkin step (where the
 * verdicts were judged) as the message protocol requires of a step attachment.
 *
 * <p>The page says what verdicts.json says (issue #14 item 7): Cucumber knows passed and failed only, so a scenario
 * that ended INCONCLUSIVE or with an ERROR of the bench threw, and its step or hook was FAILED. In the page such a
 * step is SKIPPED, with a text attachment that names the outcome and its reason (exit 3: repeat the run, the
 * controller was not judged to fail). A FAILED scenario's steps stay as Cucumber wrote them.
 *
 * <p>The message stream itself is left as Cucumber wrote it, so rendering again ({@code bench report --from}) gives the
 * same page, with each plot once. A certification run writes one message stream per scenario sub-folder
 * ({@link ScenarioRunner#runPlan}); each of those pages is rendered again the same way.
 */
public final class CucumberHtmlWithPlots {
    private static final Logger log = LoggerFactory.getLogger(CucumberHtmlWithPlots.class);
    public static final String HTML = "cucumber.html";
    public static final String SVG = "image/svg+xml";

    /** What was rendered: the pages rewritten, how many plots went in, and what could not (named, never skipped silently). */
    public record Embedded(List<Path> pages, int attached, List<String> problems) {
        public Embedded {
            pages = List.copyOf(pages);
            problems = List.copyOf(problems);
        }
    }

    /** One stream of messages and the page rendered from it. */
    private record MessageStream(Path ndjson, Path html, List<Envelope> envelopes) {}

    /** A test case started, where its plot goes: the test step and its start time. */
    private record Target(String testCaseStartedId, String testStepId, Path svg, String fileName) {}

    /** A test case whose scenario ended inconclusive or with a bench error: its failed steps become skipped. */
    private record Relabel(String label, String reason) {
        String text() {
            return label + ": " + reason + " (verdicts.json outcome '" + label.toLowerCase(java.util.Locale.ROOT)
                    + "': exit 3, not a failure of the controller; Cucumber reported this step as failed)";
        }
    }

    private CucumberHtmlWithPlots() {}

    /**
     * Renders every {@code cucumber.html} of the report folder (top level and one level of sub-folders) again from its
     * message stream, with the plots {@link RunReport#write} left in {@value RunReport#PLOTS}/.
     *
     * @throws IOException when verdicts.json is missing or unreadable, or a page cannot be written; a message stream
     *                     that cannot be read is named in the problems and its page left as it was
     */
    public static Embedded write(Path reportDir) throws IOException {
        RunData run = RunData.read(reportDir);
        List<String> problems = new ArrayList<>();
        List<MessageStream> streams = new ArrayList<>();
        for (Path ndjson : messageFiles(reportDir)) {
            try {
                streams.add(new MessageStream(ndjson, ndjson.resolveSibling(HTML), read(ndjson)));
            } catch (IOException | RuntimeException e) {
                problems.add(reportDir.relativize(ndjson) + " not readable (" + e.getMessage() + "): its " + HTML + " left without plots");
            }
        }
        if (streams.isEmpty()) {
            if (problems.isEmpty()) problems.add("no " + ScenarioRunner.MESSAGES + " in " + reportDir + " (a run from before the plots were embedded): " + HTML + " left without plots");
            return new Embedded(List.of(), 0, problems);
        }
        // every test case started, in run order, across the streams: scenario i of verdicts.json is the first not yet
        // taken with its feature file and name (an outline runs the same name several times, in order)
        List<Map.Entry<MessageStream, TestCaseStarted>> started = new ArrayList<>();
        Map<MessageStream, Index> indexes = new LinkedHashMap<>();
        for (MessageStream s : streams) {
            Index ix = new Index(s.envelopes());
            indexes.put(s, ix);
            for (TestCaseStarted t : ix.started) started.add(Map.entry(s, t));
        }
        Map<MessageStream, Map<String, Target>> targets = new HashMap<>();
        Map<MessageStream, Map<String, Relabel>> relabels = new HashMap<>();
        boolean[] taken = new boolean[started.size()];
        Path plots = reportDir.resolve(RunReport.PLOTS);
        for (int i = 0; i < run.scenarios().size(); i++) {
            RunData.ScenarioData sd = run.scenarios().get(i);
            String id = sd.id(i);
            Path svg = plots.resolve(id + ".svg");
            boolean notJudged = sd.outcome().equals(RunTotals.INCONCLUSIVE) || sd.outcome().equals(RunTotals.ERROR);
            // RunReport already named why a scenario has no plot
            if (!Files.isRegularFile(svg) && !notJudged) continue;
            String featureUri = sd.uri().replaceFirst(":\\d+$", "");
            int k = -1;
            for (int j = 0; j < started.size() && k < 0; j++) {
                if (taken[j]) continue;
                Index ix = indexes.get(started.get(j).getKey());
                Pickle p = ix.pickleOf(started.get(j).getValue());
                if (p != null && p.getUri().equals(featureUri) && p.getName().equals(sd.name())) k = j;
            }
            if (k < 0) {
                problems.add(id + ": no test case of '" + sd.name() + "' in the message stream: " + (Files.isRegularFile(svg) ? "its plot is not in " + HTML
                        : "its " + sd.outcome() + " outcome is not marked in " + HTML));
                continue;
            }
            taken[k] = true;
            MessageStream s = started.get(k).getKey();
            TestCaseStarted t = started.get(k).getValue();
            if (notJudged) {
                relabels.computeIfAbsent(s, x -> new HashMap<>()).put(t.getId(),
                        new Relabel(sd.outcome().toUpperCase(java.util.Locale.ROOT), JunitXml.reason(sd, sd.outcome())));
            }
            if (!Files.isRegularFile(svg)) continue;
            String step = indexes.get(s).attachStep(t);
            if (step == null) {
                problems.add(id + ": its test case has no step to attach the plot to");
                continue;
            }
            targets.computeIfAbsent(s, x -> new HashMap<>()).put(t.getId(), new Target(t.getId(), step, svg, svg.getFileName().toString()));
        }
        List<Path> pages = new ArrayList<>();
        int attached = 0;
        for (MessageStream s : streams) {
            Map<String, Target> forStream = targets.getOrDefault(s, Map.of());
            attached += render(s, forStream, relabels.getOrDefault(s, Map.of()), problems);
            pages.add(s.html());
        }
        for (String p : problems) log.warn("cucumber.html: {}", p);
        return new Embedded(pages, attached, problems);
    }

    /** {@value ScenarioRunner#MESSAGES} of the folder, then those of its sub-folders in name order. */
    private static List<Path> messageFiles(Path reportDir) throws IOException {
        List<Path> out = new ArrayList<>();
        Path top = reportDir.resolve(ScenarioRunner.MESSAGES);
        if (Files.isRegularFile(top)) out.add(top);
        try (Stream<Path> sub = Files.list(reportDir)) {
            sub.filter(Files::isDirectory).sorted().map(d -> d.resolve(ScenarioRunner.MESSAGES)).filter(Files::isRegularFile).forEach(out::add);
        }
        return out;
    }

    private static List<Envelope> read(Path ndjson) throws IOException {
        List<Envelope> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(ndjson);
             NdjsonToMessageIterable it = new NdjsonToMessageIterable(in, new Deserializer())) {
            for (Envelope e : it) out.add(e);
        }
        return out;
    }

    /** Writes the page next to a temporary name, then moves it over the old one: a failure leaves Cucumber's page intact. */
    private static int render(MessageStream s, Map<String, Target> targets, Map<String, Relabel> relabels, List<String> problems) throws IOException {
        Path tmp = s.html().resolveSibling(HTML + ".tmp");
        Map<String, Target> pending = new LinkedHashMap<>(targets);
        Map<String, Timestamp> stepStart = new HashMap<>();
        int attached = 0;
        Serializer serializer = new Serializer();
        try (OutputStream out = Files.newOutputStream(tmp);
             MessagesToHtmlWriter w = new MessagesToHtmlWriter(out, serializer::writeValue)) {
            for (Envelope e : s.envelopes()) {
                if (e.getTestStepStarted().isPresent()) {
                    var st = e.getTestStepStarted().get();
                    stepStart.put(st.getTestCaseStartedId() + "/" + st.getTestStepId(), st.getTimestamp());
                }
                // the attachment goes inside its step (between its started and finished), or, when the run ended
                // before the step finished, before its test case (or the run) finishes
                String due = e.getTestStepFinished().map(f -> {
                    Target t = pending.get(f.getTestCaseStartedId());
                    return t != null && t.testStepId().equals(f.getTestStepId()) ? t.testCaseStartedId() : null;
                }).orElseGet(() -> e.getTestCaseFinished().map(f -> pending.containsKey(f.getTestCaseStartedId()) ? f.getTestCaseStartedId() : null).orElse(null));
                if (due != null) {
                    attached += attach(w, pending.remove(due), stepStart, problems);
                }
                if (e.getTestRunFinished().isPresent()) {
                    for (Target t : List.copyOf(pending.values())) attached += attach(w, pending.remove(t.testCaseStartedId()), stepStart, problems);
                }
                w.write(relabelled(w, e, relabels, stepStart));
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(s.html() + " not rendered again from " + s.ndjson().getFileName() + ": " + e.getMessage(), e);
        }
        for (Target t : pending.values()) problems.add(t.fileName() + ": the message stream ends before its test case does: not in " + HTML);
        try {
            Files.move(tmp, s.html(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, s.html(), StandardCopyOption.REPLACE_EXISTING);
        }
        return attached;
    }

    /**
     * A failed step of a test case whose scenario was not judged, as skipped, after a text attachment that says why;
     * any other envelope as it is.
     */
    private static Envelope relabelled(MessagesToHtmlWriter w, Envelope e, Map<String, Relabel> relabels, Map<String, Timestamp> stepStart) throws IOException {
        if (e.getTestStepFinished().isEmpty()) return e;
        TestStepFinished f = e.getTestStepFinished().get();
        Relabel r = relabels.get(f.getTestCaseStartedId());
        TestStepResult result = f.getTestStepResult();
        if (r == null || result.getStatus() != TestStepResultStatus.FAILED) return e;
        w.write(Envelope.of(new Attachment(r.text(), AttachmentContentEncoding.IDENTITY, null, "text/plain", null, f.getTestCaseStartedId(),
                f.getTestStepId(), null, null, null, stepStart.get(f.getTestCaseStartedId() + "/" + f.getTestStepId()))));
        return Envelope.of(new TestStepFinished(f.getTestCaseStartedId(), f.getTestStepId(),
                new TestStepResult(result.getDuration(), r.text() + result.getMessage().map(m -> "\n\n" + m).orElse(""), TestStepResultStatus.SKIPPED, null),
                f.getTimestamp()));
    }

    private static int attach(MessagesToHtmlWriter w, Target t, Map<String, Timestamp> stepStart, List<String> problems) throws IOException {
        byte[] svg;
        try {
            svg = Files.readAllBytes(t.svg());
        } catch (IOException e) {
            problems.add(t.fileName() + ": not readable (" + e.getMessage() + "): not in " + HTML);
            return 0;
        }
        // base64: Cucumber's report shows an image attachment only when it is base64-encoded (as Scenario.attach does)
        w.write(Envelope.of(new Attachment(Base64.getEncoder().encodeToString(svg), AttachmentContentEncoding.BASE64, t.fileName(), SVG,
                null, t.testCaseStartedId(), t.testStepId(), null, null, null, stepStart.get(t.testCaseStartedId() + "/" + t.testStepId()))));
        return 1;
    }

    /** Pickles, test cases and test cases started of one stream. */
    private static final class Index {
        final Map<String, Pickle> pickles = new HashMap<>();
        final Map<String, TestCase> testCases = new HashMap<>();
        final List<TestCaseStarted> started = new ArrayList<>();

        Index(List<Envelope> envelopes) {
            for (Envelope e : envelopes) {
                e.getPickle().ifPresent(p -> pickles.put(p.getId(), p));
                e.getTestCase().ifPresent(t -> testCases.put(t.getId(), t));
                e.getTestCaseStarted().ifPresent(started::add);
            }
        }

        Pickle pickleOf(TestCaseStarted t) {
            TestCase c = testCases.get(t.getTestCaseId());
            return c == null ? null : pickles.get(c.getPickleId());
        }

        /** The last Gherkin step of the test case (its Then steps judge the verdicts), else its last step of any kind. */
        String attachStep(TestCaseStarted t) {
            TestCase c = testCases.get(t.getTestCaseId());
            if (c == null || c.getTestSteps().isEmpty()) return null;
            List<TestStep> steps = c.getTestSteps();
            for (int i = steps.size() - 1; i >= 0; i--) {
                if (steps.get(i).getPickleStepId().isPresent()) return steps.get(i).getId();
            }
            return Objects.requireNonNull(steps.get(steps.size() - 1).getId());
        }
    }
}
