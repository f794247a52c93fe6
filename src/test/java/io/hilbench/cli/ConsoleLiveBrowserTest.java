package io.hilbench.cli;

import io.hilbench.console.ConsoleBrowserTest;
import io.hilbench.study.Simulation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium over the two loops {@link io.hilbench.console.ConsoleBrowserTest} does not
 * cover (issue #16 items 1 and 6), one browser for both:
 * <ol>
 *   <li>{@code bench simulate --pace}: the console's URL is printed at start, and the P&amp;ID and a trend follow the
 *       study while it runs;</li>
 *   <li>a real {@code bench run --tags @SU-04} in lockstep in its own JVM: the run view shows the plan, the Gherkin step
 *       running highlighted and moving on, and the verdict when the scenario is judged.</li>
 * </ol>
 * What is asserted is what the page shows as the loops move; the waits are generous bounds for a loaded machine,
 * never a claim about speed. Skipped with the reason when Debian's chromium or chromedriver is absent.
 */
class ConsoleLiveBrowserTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static Path tmp;
    private static ChromeDriver browser;
    private static final List<ProcessHandle> started = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ConsoleBrowserTest.CHROMIUM) && Files.isExecutable(ConsoleBrowserTest.CHROMEDRIVER),
                "no headless browser here: install Debian's chromium and chromium-driver as .ci/run does");
        tmp = Files.createTempDirectory("console-live");
        browser = ConsoleBrowserTest.chromium(tmp.resolve("chromium-profile"));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        });
    }

    private static void shot(String name) throws Exception {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> pidTexts() {
        return browser.findElements(By.cssSelector("#pid-svg [data-tag]")).stream().map(WebElement::getText).toList();
    }

    @Test
    void aPacedSimulationServesTheConsoleAndItsPidAndTrendsFollowTheStudy() throws Exception {
        CommandLine cl = BenchCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        SimulateCommand cmd = cl.getSubcommands().get("simulate").getCommand();
        CompletableFuture<Simulation> began = new CompletableFuture<>();
        cmd.onStart = began::complete;
        ExecutorService runner = Executors.newSingleThreadExecutor();
        // 24 plant hours at 60x would take 24 min of wall time: the pace holds it back, the test stops it once seen
        Future<Integer> exit = runner.submit(() -> cl.execute("simulate", "--weather", "winter-design-day", "--start", "06:00",
                "--hours", "24", "--step-s", "1", "--pace", "accelerated:60", "--ui-port", "0", "--out", tmp.resolve("study.csv").toString()));
        try {
            Simulation sim = began.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            String url = cmd.console.url();
            assertThat(out.toString()).as("the URL is printed before the first step").contains("paced accelerated:60, console " + url);

            browser.get(url + "#pid");
            Set<List<String>> seen = new HashSet<>();
            await("the P&ID follows the study").atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                List<String> texts = pidTexts();
                if (texts.stream().anyMatch(t -> t.matches("PT-202 [0-9.]+ bar"))) seen.add(texts);
                return seen.size() >= 3;
            });
            assertThat(browser.findElement(By.id("pace")).getText()).isEqualTo("accelerated:60");
            assertThat(browser.findElement(By.id("controller-state")).getText()).as("the study's controller state").doesNotContain("not read");
            shot("simulate-pid");

            // a scenario's supply band on the board (as World puts it there in bench run): SO-02's ±3 K around 75 °C
            io.hilbench.scenario.RunBoardFixture.scenarioWith("SO-02.supply", java.util.Map.of("supply_band_k", 3.0), 348.15);
            browser.get(url + "#trends");
            await("the point list").atMost(WAIT).ignoreExceptions()
                    .until(() -> browser.findElements(By.cssSelector("#trend-points label")).stream().anyMatch(l -> l.getText().startsWith("TT-272 ")));
            browser.findElements(By.cssSelector("#trend-points label")).stream().filter(l -> l.getText().startsWith("TT-272 "))
                    .findFirst().orElseThrow().findElement(By.tagName("input")).click();
            // a trend needs two samples: the legend names the point once the curve is drawn, and the clock moves on
            String clock = browser.findElement(By.id("plant-time")).getText();
            await("TT-272 trended").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> browser.findElement(By.id("trend-legend")).getText().contains("TT-272 [°C]")
                            && !browser.findElement(By.id("plant-time")).getText().equals(clock));
            await("the supply band drawn around the set-point").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> browser.findElement(By.id("trend-legend")).getText().contains("SO-02.supply supply_band_k = ±3 K")
                            && bandPixels() > 5000);
            shot("simulate-trends");
            assertThat(sim.running()).as("still paced, not finished").isTrue();
            sim.requestStop();
            assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
            assertThat(sim.livePlantTimeMs()).as("stopped early: the pace held it back").isLessThan(24 * 3_600_000L);
            assertThat(sim.timingLog().size()).as("lateness recorded per paced step").isPositive();
        } finally {
            io.hilbench.scenario.RunBoardFixture.clear();
            runner.shutdownNow();
        }
    }

    /**
     * Pixels of the trend canvas in the band's translucent green (rgba(46,125,50,0.12): getImageData gives the colour
     * unpremultiplied with alpha about 31); the set-point's dotted line in the same green is opaque but for its edges,
     * a few hundred pixels at most, where the band covers tens of thousands.
     */
    private static long bandPixels() {
        Object n = browser.executeScript("const c = document.getElementById('trend-canvas'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let k = 0; for (let i = 0; i < d.length; i += 4) { const r = d[i], g = d[i + 1], b = d[i + 2], a = d[i + 3];"
                + " if (a > 0 && a < 80 && g > r + 40 && g > b + 40) k++; } return k;");
        return ((Number) n).longValue();
    }

    @Test
    void theRunViewFollowsARealBenchRunStepByStepToItsVerdict() throws Exception {
        Path report = tmp.resolve("report");
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), BenchCommand.class.getName(), "run", "--tags", "@SU-04", "--pace", "accelerated:10", "--report", report.toString(),
                "--key-store", tmp.resolve("keys").toString(), "--ui-port", "0")
                .redirectOutput(tmp.resolve("run.out").toFile()).redirectError(tmp.resolve("run.err").toFile());
        Process run = b.start();
        started.add(run.toHandle());
        Pattern console = Pattern.compile("console (http://127\\.0\\.0\\.1:\\d+/)");
        String url = await("the run prints its console URL").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Matcher m = console.matcher(Files.readString(tmp.resolve("run.out")));
            return m.find() ? m.group(1) : null;
        }, u -> u != null);
        // paced at 10x real time (never faster, whatever the load): the full-load step lasts >= 20 s of wall time, so the
        // browser sees it running; in lockstep it could be over before the page first loads
        browser.get(url + "#run");
        // each poll keeps the step highlighted and the classes of two steps: the long one (the plant driven to full load)
        // and the operator's stop after it; the page refreshes its run view every second
        Set<String> currentSteps = new java.util.LinkedHashSet<>();
        List<String> progress = new ArrayList<>();
        String fullLoad = "And the heat pump is running at full load", stop = "When the operator stops the heat pump";
        await("the scenario's verdict appears in the run view").atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            // one script reads every step's text and class at once: the page re-renders the run view every second, and
            // element by element a poll could read the highlight from one rendering and the classes from the next (or
            // hit a stale element and lose the poll)
            @SuppressWarnings("unchecked")
            List<List<String>> steps = (List<List<String>>) browser.executeScript(
                    "return Array.from(document.querySelectorAll('#run-steps li')).map(li => [li.innerText.trim(), li.className]);");
            String snapshot = "";
            for (List<String> li : steps) {
                if (li.get(1).contains("step-current")) currentSteps.add(li.get(0));
                if (li.get(0).equals(fullLoad) || li.get(0).equals(stop)) snapshot += li.get(1) + ";";
            }
            if (progress.isEmpty() || !progress.get(progress.size() - 1).equals(snapshot)) progress.add(snapshot);
            List<WebElement> outcome = browser.findElements(By.cssSelector("#run-plan tbody tr td:nth-child(3)"));
            return !outcome.isEmpty() && outcome.get(0).getText().matches("passed|failed|inconclusive|error");
        });
        shot("run-view");
        String plan = browser.findElement(By.id("run-plan")).getText();
        assertThat(plan).as("the plan names the scenario, its requirement and its verdicts")
                .contains("Operator stops the heat pump at full load").contains("SU-04").contains("passed").containsPattern("SU-04\\.[a-z-]+: passed");
        assertThat(browser.findElement(By.id("run-assertions")).getText()).as("the registered assertions show their verdicts once judged")
                .contains("SU-04.unload: passed").doesNotContain("judged at the end of the scenario");
        assertThat(currentSteps).as("the step that drives the plant to full load was seen highlighted while it ran").contains(fullLoad);
        assertThat(currentSteps).allMatch(s -> s.matches("(Given|When|Then|And|But) .+"));
        // the highlight moved on: full load running (stop pending), later both passed
        int running = progress.indexOf("step-running step-current;step-pending;");
        assertThat(running).as("seen: full load running, the stop pending (%s)", progress).isNotNegative();
        assertThat(progress.subList(running, progress.size())).as("then both passed (%s)", progress).contains("step-passed;step-passed;");
        assertThat(run.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the run ends").isTrue();
        assertThat(run.exitValue()).as("SU-04 passes against the reference controller").isZero();
    }
}
