package io.hilbench.console;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.hilbench.runtime.Pacing;
import io.hilbench.scenario.BenchOptions;
import io.hilbench.scenario.BenchSession;
import io.hilbench.scenario.PlantDriver;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * The live console in a real browser (issue #16 tests): Debian's headless Chromium, driven through its chromedriver by
 * Selenium, opens the console served over a bench session of the Solrød rig with the bundled reference controller in
 * lockstep, exactly as {@code bench run} assembles it (the controller a child process on its own supervisory link).
 * The test acts as the operator at the page:
 * <ol>
 *   <li>the P&amp;ID's values and the plant time change while the plant runs;</li>
 *   <li>the faults panel refuses an injection without the token, and with it injects a BAD sensor fault on PT-201
 *       that third-party clients read as bad: j2mod's Modbus master reads NaN, Milo's OPC UA client a Bad status;</li>
 *   <li>the controller, reading PT-201 bad, raises SENSOR_FAULT, and the page's alarms and events list shows it by
 *       name, with the controller's state.</li>
 * </ol>
 * Plant time moves only when the test runs the plant (lockstep), so what the page must show is decided by the test;
 * the waits (Awaitility) are generous bounds on a loaded machine, never a claim about speed. Screenshots of each page
 * are kept under {@code target/console-screenshots/}.
 *
 * <p>Skipped, with the reason, when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is absent (Debian's
 * {@code chromium} and {@code chromium-driver} packages; {@code .ci/run} installs both, so CI runs this test).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ConsoleBrowserTest {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Path SHOTS = Path.of("target", "console-screenshots");

    private static Path tmp;
    private static BenchSession session;
    private static PlantDriver plant;
    private static ConsoleServer console;
    private static String token;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no headless browser here: install Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver) as .ci/run does");
        tmp = Files.createTempDirectory("console-browser");
        session = BenchSession.obtain(new BenchOptions(Path.of("rigs/solrod"), Path.of("features"), BenchOptions.ControllerKind.REFERENCE,
                null, Pacing.lockstep(), null, tmp.resolve("report")));
        plant = session.beginScenario();
        token = ConsoleServer.newToken();
        console = new ConsoleServer(session.assembly(), new ConsoleServer.Settings("127.0.0.1", 0, token, "test"));
        console.start();
        browser = chromium(tmp.resolve("chromium-profile"));
        Files.createDirectories(SHOTS);
    }

    /** Debian's Chromium through Debian's chromedriver; no download, no browser profile of the user's. */
    public static ChromeDriver chromium(Path profile) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        return d;
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (console != null) console.stop();
        BenchSession.closeCurrent();
    }

    private static void shot(String name) throws Exception {
        File f = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void open(String page) {
        browser.get(console.url() + "#" + page);
        await("the page is connected to its stream").atMost(WAIT).ignoreExceptions()
                .until(() -> !browser.findElement(By.id("plant-time")).getText().equals("–"));
    }

    /** The texts of every value on the P&amp;ID (tag, value, unit, quality). */
    private static List<String> pidTexts() {
        return browser.findElements(By.cssSelector("#pid-svg [data-tag]")).stream().map(WebElement::getText).toList();
    }

    @Test
    @Order(1)
    void thePidShowsValuesThatChangeWhileThePlantRuns() throws Exception {
        open("pid");
        await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(By.cssSelector("#pid-svg [data-tag='PT-202']")).getText().matches("PT-202 [0-9.]+ bar"));
        session.controller().start();
        Set<List<String>> seen = new HashSet<>();
        seen.add(pidTexts());
        // the plant runs in slices of 30 s of plant time; after each the page catches up with the plant's clock and its
        // picture of the plant is kept: at least three different pictures (the page follows the plant, whatever the
        // machine's speed, because the plant waits for the test between slices)
        for (int slice = 0; slice < 20 && seen.size() < 3; slice++) {
            plant.runFor(Duration.ofSeconds(30));
            String clock = clock(plant.plantTimeMs());
            await("the page shows plant time " + clock).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> browser.findElement(By.id("plant-time")).getText().equals(clock));
            seen.add(pidTexts());
        }
        assertThat(seen).as("the P&ID's values changed as the plant ran").hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElement(By.id("controller-state")).getText()).as("the controller's state, by name").doesNotContain("not read");
        shot("pid");
    }

    @Test
    @Order(2)
    void aFaultNeedsTheTokenAndAnInjectedBadSensorReadsBadOverModbusAndOpcUa() throws Exception {
        open("faults");
        WebElement result = browser.findElement(By.id("fault-result"));
        browser.findElement(By.id("token")).clear();
        fillSensorFault("PT-201", "bad");
        browser.findElement(By.id("sf-inject")).click();
        await("the panel answers").atMost(WAIT).until(() -> !result.getText().isBlank());
        assertThat(result.getText()).as("no token: refused").startsWith("403");
        assertThat(session.assembly().emulator().sensorFaults()).as("nothing injected without the token").isEmpty();

        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sf-inject")).click();
        // lockstep: the plant is held by the test between its slices, and the panel applies a fault at a step boundary:
        // the plant runs on in slices of 5 s until the panel has answered
        runUntil(() -> result.getText().startsWith("200"), "the injection is answered");
        assertThat(browser.findElement(By.id("sf-active")).getText()).contains("bad on PT-201");

        assertThat(readFloatOverModbus("PT-201")).as("j2mod reads the BAD float32 as its bad_value, NaN").isNaN();
        DataValue v = readOverOpcUa("PT-201");
        assertThat(v.getStatusCode().isBad()).as("Milo's client reads a Bad status: %s", v.getStatusCode()).isTrue();

        open("pid");
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> browser.findElement(By.cssSelector("#pid-svg [data-tag='PT-201']")).getText().contains("[sensor fault]"));
        shot("pid-fault");
        String metrics = new String(java.net.URI.create(console.url() + "metrics").toURL().openStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(metrics).as("the OPC UA read and its Bad result are counted per service")
                .containsPattern("hilbench_opcua_requests_total\\{service=\"Read\"} [1-9]")
                .containsPattern("hilbench_opcua_errors_total\\{service=\"Read\"} [1-9]")
                .containsPattern("hilbench_modbus_function_requests_total\\{fc=\"4\",function=\"read_input_registers\"} [1-9]");
    }

    @Test
    @Order(3)
    void theAlarmTheControllerRaisesAppearsInThePageByName() throws Exception {
        open("events");
        // the controller reads PT-201 bad (a critical sensor): it raises SENSOR_FAULT; run the plant on until it has
        runUntil(() -> browser.findElement(By.id("events")).getText().contains("controller alarm SENSOR_FAULT raised"),
                "SENSOR_FAULT raised by the controller shows in the events list");
        // the header follows the stream: the next message carries the alarm the list shows
        await("the header names the active alarm").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> browser.findElement(By.id("controller-state")).getText().contains("SENSOR_FAULT"));
        assertThat(browser.findElement(By.id("events")).getText()).contains("console: sensor fault bad on PT-201 injected");
        // one list in plant-time order
        List<Long> times = browser.findElements(By.cssSelector("#events tbody tr")).stream().map(r -> Long.parseLong(r.getDomAttribute("data-t"))).toList();
        assertThat(times).isSorted();
        shot("events");
    }

    /**
     * Runs the plant (on this thread: the scenario's hold on the plant belongs to it) in slices of 5 s of plant time
     * until the page shows what is awaited, checking after each slice for up to a second of wall time (the page's
     * stream sends 10 messages a second); at most {@link #WAIT} in all.
     */
    private static void runUntil(java.util.concurrent.Callable<Boolean> shown, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            plant.runFor(Duration.ofSeconds(5));
            try {
                await(what).atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(shown);
                return;
            } catch (org.awaitility.core.ConditionTimeoutException notYet) {
                if (System.nanoTime() > deadline) throw new AssertionError("not shown within " + WAIT + " of wall time: " + what, notYet);
            }
        }
    }

    /** Plant time as the page prints it: h:mm:ss.d */
    static String clock(long ms) {
        long sec = ms / 1000;
        return String.format("%d:%02d:%02d.%d", sec / 3600, sec % 3600 / 60, sec % 60, ms % 1000 / 100);
    }

    private static void fillSensorFault(String tag, String kind) {
        WebElement t = browser.findElement(By.id("sf-tag"));
        t.clear();
        t.sendKeys(tag);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("sf-kind"))).selectByVisibleText(kind);
    }

    private static double readFloatOverModbus(String tag) throws Exception {
        var bench = session.assembly();
        String hostPort = bench.modbusHostPort();
        ModbusTCPMaster m = new ModbusTCPMaster(hostPort.substring(0, hostPort.lastIndexOf(':')),
                Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1)), 10_000, false);
        m.connect();
        try {
            InputRegister[] regs = m.readInputRegisters(1, bench.table().point(bench.table().indexOf(tag)).modbus().address(), 2);
            return Float.intBitsToFloat((regs[0].toUnsignedShort() << 16) | regs[1].toUnsignedShort());
        } finally {
            m.disconnect();
        }
    }

    private static DataValue readOverOpcUa(String tag) throws Exception {
        OpcUaClient c = OpcUaClient.create(session.assembly().opcuaEndpoint(),
                eps -> eps.stream().filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri())).findFirst(),
                t -> {},
                cfg -> cfg.setApplicationName(LocalizedText.english("console browser test client"))
                        .setApplicationUri("urn:hilbench:test:console-browser")
                        .setIdentityProvider(new AnonymousProvider())
                        .setRequestTimeout(uint(60_000)));
        try {
            c.connect();
            NodeId node = new NodeId(c.getNamespaceTable().getIndex("urn:hilbench:solrod"), tag);
            return c.readValues(0.0, TimestampsToReturn.Neither, List.of(node)).get(0);
        } finally {
            c.disconnect();
        }
    }
}
