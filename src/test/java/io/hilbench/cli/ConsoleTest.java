package io.hilbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.hilbench.console.ConsoleServer;
import io.hilbench.points.PointWrite;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.rig.PlantModels;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.Quality;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The live console (issue #16) served over a lockstep bench of the Solrød rig, talked to by a real HTTP client on
 * 127.0.0.1 (the JDK's HttpClient) as a browser would: the event stream carries plant time that advances as the test
 * acknowledges steps, and the rig's tags with their units; {@code /metrics} is valid Prometheus text; the faults
 * endpoint refuses without the token and with it injects a fault a Modbus client sees; {@code --no-ui} opens no
 * port; a taken port is refused with a message naming it.
 *
 * <p>Plant time moves only when the test writes BENCH.Ack (lockstep), so what the stream must show is decided by the
 * test, not by the machine's speed. The wall-time bounds are hang guards only.
 */
class ConsoleTest {
    private static final Duration GUARD = Duration.ofSeconds(300);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path tmp;
    private static BenchAssembly bench;
    private static ConsoleServer console;
    private static String token;
    private static HttpClient http;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("console");
        // a copy of the Solrød rig whose PKI lives in the temp folder, so the test writes nothing under ~/.hilbench
        Path rig = tmp.resolve("solrod");
        Files.createDirectories(rig);
        for (String f : List.of("points.csv", "controller.csv")) Files.copy(Path.of("rigs/solrod", f), rig.resolve(f));
        Files.writeString(rig.resolve("rig.yaml"), Files.readString(Path.of("rigs/solrod/rig.yaml"))
                .replace("../../plant-models/", Path.of("plant-models").toAbsolutePath() + "/")
                .replace("  # pki_dir: ~/.hilbench/pki/solrod   (the default)", "  pki_dir: " + tmp.resolve("pki").toString().replace('\\', '/')));
        Rig r = RigLoader.loadDefault(rig);
        bench = new BenchAssembly(r, PlantModels.create(r), BenchAssembly.Options.defaults().withPacing(Pacing.lockstep()).withPorts(0, 0));
        bench.emulator().holdAckTimer();   // the test acknowledges when it wants the plant to move
        bench.start();
        token = ConsoleServer.newToken();
        console = new ConsoleServer(bench, new ConsoleServer.Settings("127.0.0.1", 0, token, "test"));
        console.start();
        base = URI.create(console.url());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) console.stop();
        if (bench != null) bench.stop();
    }

    /** Acknowledges {@code n} steps the way a controller does (BENCH.Ack = the step published) and waits for each. */
    private static void advance(int n) throws Exception {
        int ack = bench.table().indexOf("BENCH.Ack");
        Emulator e = bench.emulator();
        for (int k = 0; k < n; k++) {
            long step = e.step();
            long t = e.plantTimeMs();
            bench.table().write(List.of(PointWrite.of(ack, step)), "test controller");
            assertThat(e.awaitPlantTime(t + 1, GUARD)).as("plant time passes %d ms after the Ack of step %d", t, step).isTrue();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(GUARD).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postFault(String body, String tokenHeader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/faults")).timeout(GUARD)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (tokenHeader != null) b.header("X-Bench-Token", tokenHeader);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theStreamCarriesAdvancingPlantTimeAndEveryTagWithItsUnitAndQuality() throws Exception {
        JsonNode points = JSON.readTree(get("/api/points").body());
        Map<String, JsonNode> byTag = new HashMap<>();
        points.forEach(p -> byTag.put(p.get("tag").asText(), p));
        assertThat(byTag).containsKeys("PT-202", "TT-232", "C-211.Speed", "PSHH-202", "FSL-271");
        assertThat(byTag.get("PT-202").get("unit").asText()).isEqualTo("bar");
        assertThat(byTag.get("C-211.Speed").get("unit").asText()).isEqualTo("Hz");
        int pt202 = indexOf(points, "PT-202");

        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(base.resolve("/api/stream")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        try (Stream<String> lines = stream.body()) {
            Iterator<String> it = lines.filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).iterator();
            assertTimeoutPreemptively(GUARD, () -> {
                JsonNode first = JSON.readTree(it.next());
                assertThat(first.get("v").size()).as("a value for every point").isEqualTo(points.size());
                assertThat(first.get("q").asText()).hasSize(points.size()).matches("[GUBF]+");
                assertThat(first.get("v").get(pt202).isNumber()).as("PT-202 carries a number").isTrue();
                assertThat(first.get("latenessP99Ms").isNull()).as("no lateness in lockstep: nothing is paced").isTrue();
                long t0 = first.get("t").asLong();
                advance(20);   // 20 steps of 100 ms of plant time
                long last = t0;
                long seqBefore = first.get("seq").asLong();
                while (last < t0 + 2000) {
                    JsonNode m = JSON.readTree(it.next());
                    apply(first, m);
                    assertThat(m.get("t").asLong()).as("plant time never goes back within a run").isGreaterThanOrEqualTo(last);
                    assertThat(m.get("seq").asLong()).isGreaterThan(seqBefore);
                    seqBefore = m.get("seq").asLong();
                    last = m.get("t").asLong();
                }
                assertThat(last).isEqualTo(t0 + 2000);
                // after its first message a client gets only what changed ("d": index -> value); applied to the first
                // message's values they are what a new client's first (full) message holds at the same plant time
                assertThat(deltaApplied).as("messages after the first carry changes only").isNotNull();
                HttpResponse<Stream<String>> again = http.send(HttpRequest.newBuilder(base.resolve("/api/stream")).build(),
                        HttpResponse.BodyHandlers.ofLines());
                try (Stream<String> lines2 = again.body()) {
                    JsonNode fresh = JSON.readTree(lines2.filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6));
                    assertThat(fresh.get("t").asLong()).as("the plant is held: same plant time").isEqualTo(last);
                    assertThat(fresh.get("v")).as("full values = first values + every delta").isEqualTo(deltaApplied);
                }
            });
        }
    }

    /** The first message's values with every later message's changes applied (null until a delta was seen). */
    private static com.fasterxml.jackson.databind.node.ArrayNode deltaApplied;

    private static void apply(JsonNode first, JsonNode m) {
        if (m.has("v")) {
            deltaApplied = (com.fasterxml.jackson.databind.node.ArrayNode) m.get("v").deepCopy();
            return;
        }
        if (deltaApplied == null) deltaApplied = (com.fasterxml.jackson.databind.node.ArrayNode) first.get("v").deepCopy();
        m.get("d").fields().forEachRemaining(e -> deltaApplied.set(Integer.parseInt(e.getKey()), e.getValue()));
    }

    // Prometheus text exposition format 0.0.4: metric and label names, escaped label values, Go float values
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*)?\\})? (\\S+)( -?\\d+)?");

    @Test
    void metricsAreValidPrometheusTextWithPlantSignalsAndRequestCounters() throws Exception {
        // one Modbus request first, so the request counter has something to count
        String hostPort = bench.modbusHostPort();
        ModbusTCPMaster m = new ModbusTCPMaster(hostPort.substring(0, hostPort.lastIndexOf(':')),
                Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1)), 10_000, false);
        m.connect();
        try {
            m.readInputRegisters(1, 0, 2);
        } finally {
            m.disconnect();
        }
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Map<String, Double> samples = new HashMap<>();
        assertThat(r.body()).endsWith("\n");
        for (String line : r.body().split("\n", -1)) {
            if (line.isEmpty()) continue;
            Matcher h = HELP.matcher(line);
            Matcher t = TYPE.matcher(line);
            Matcher s = SAMPLE.matcher(line);
            if (h.matches()) {
                assertThat(helped.add(h.group(1))).as("one HELP per family: %s", line).isTrue();
            } else if (t.matches()) {
                assertThat(types.put(t.group(1), t.group(2))).as("one TYPE per family, before its samples: %s", line).isNull();
                assertThat(samples.keySet()).noneMatch(k -> k.startsWith(t.group(1) + "{") || k.equals(t.group(1)));
            } else if (s.matches()) {
                String name = s.group(1);
                String family = types.containsKey(name) ? name : name.replaceFirst("_(sum|count|bucket)$", "");
                assertThat(types).as("sample of a declared family: %s", line).containsKey(family);
                double v = switch (s.group(4)) {
                    case "NaN" -> Double.NaN;
                    case "+Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(s.group(4));
                };
                assertThat(samples.put(name + (s.group(2) == null ? "" : s.group(2)), v)).as("no duplicate series: %s", line).isNull();
            } else {
                throw new AssertionError("not a line of the Prometheus text format: " + line);
            }
        }
        assertThat(types).containsEntry("hilbench_plant_time_seconds", "gauge")
                .containsEntry("hilbench_modbus_requests_total", "counter").containsEntry("hilbench_step_lateness_seconds", "summary");
        assertThat(samples).containsKey("hilbench_point_value{tag=\"PT-202\",unit=\"bar\"}");
        assertThat(samples.get("hilbench_plant_time_seconds")).isEqualTo(bench.emulator().plantTimeMs() / 1000.0);
        assertThat(samples.get("hilbench_modbus_requests_total")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void theSampleGrafanaDashboardQueriesOnlyMetricsTheConsoleExports() throws Exception {
        Set<String> families = new HashSet<>();
        for (String line : get("/metrics").body().split("\n")) {
            Matcher t = TYPE.matcher(line);
            if (t.matches()) families.add(t.group(1));
        }
        JsonNode dashboard = JSON.readTree(Path.of("docs/grafana/hilbench-console.json").toFile());
        Set<String> queried = new HashSet<>();
        Pattern metric = Pattern.compile("hilbench_[a-z_]+");
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = metric.matcher(target.get("expr").asText());
                while (m.find()) queried.add(m.group());
            }
        }
        assertThat(queried).isNotEmpty();
        assertThat(families).containsAll(queried);
    }

    @Test
    void faultsNeedTheTokenAndAnInjectedSensorFaultReadsBadOverModbus() throws Exception {
        assertThat(postFault("action=inject&type=sensor&tag=PT-202&kind=bad", null).statusCode()).isEqualTo(403);
        assertThat(postFault("action=inject&type=sensor&tag=PT-202&kind=bad", "not-the-token").statusCode()).isEqualTo(403);
        int pt202 = bench.table().indexOf("PT-202");
        assertThat(bench.table().liveState().quality(pt202)).as("nothing injected by a refused request").isEqualTo(Quality.GOOD);

        HttpResponse<String> r = postFault("action=inject&type=sensor&tag=PT-202&kind=bad", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long id = JSON.readTree(r.body()).get("id").asLong();
        advance(2);   // the fault applies from the next published step
        assertThat(bench.table().liveState().quality(pt202)).isEqualTo(Quality.BAD);
        assertThat(readPt202OverModbus()).as("a BAD float32 reads NaN over Modbus (its bad_value)").isNaN();
        assertThat(bench.emulator().recorder().events()).anySatisfy(ev -> assertThat(ev.text()).contains("console: sensor fault bad on PT-202 injected"));
        JsonNode live = JSON.readTree(get("/api/faults").body());
        assertThat(live.get("sensor").get(0).get("id").asLong()).isEqualTo(id);

        assertThat(postFault("action=clear&type=sensor&id=" + id, token).statusCode()).isEqualTo(200);
        advance(2);
        assertThat(bench.table().liveState().quality(pt202)).isEqualTo(Quality.GOOD);
        assertThat(readPt202OverModbus()).isBetween(0.0, 160.0);
        assertThat(postFault("action=inject&type=sensor&tag=NO-SUCH&kind=bad", token).statusCode()).isEqualTo(400);
    }

    private static double readPt202OverModbus() throws Exception {
        String hostPort = bench.modbusHostPort();
        ModbusTCPMaster m = new ModbusTCPMaster(hostPort.substring(0, hostPort.lastIndexOf(':')),
                Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1)), 10_000, false);
        m.connect();
        try {
            InputRegister[] regs = m.readInputRegisters(1, bench.table().point(bench.table().indexOf("PT-202")).modbus().address(), 2);
            int bits = (regs[0].toUnsignedShort() << 16) | regs[1].toUnsignedShort();
            return Float.intBitsToFloat(bits);
        } finally {
            m.disconnect();
        }
    }

    @Test
    void aTakenPortIsRefusedWithAMessageNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ConsoleServer second = new ConsoleServer(bench, new ConsoleServer.Settings("127.0.0.1", port, null, "rig solrod key console.port"));
            assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("console.port").hasMessageContaining("--ui-port");
        }
    }

    @Test
    void aTakenModbusPortStopsTheBenchWithAMessageNamingThePortAndItsSource() throws Exception {
        // issue #16 item 10: "Address already in use" alone named neither the port nor where it was set
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            BenchAssembly second = new BenchAssembly(bench.rig(), PlantModels.create(bench.rig()),
                    BenchAssembly.Options.defaults().withPacing(Pacing.realtime()).withPorts(port, 0));
            try {
                assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                        .hasMessageContaining("Modbus").hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("--modbus-port");
            } finally {
                second.stop();
            }
        }
    }

    @Test
    void noUiOpensNoPortAndUiPortServesTheConsole() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        ServeCommand off = CommandLine.populateCommand(new ServeCommand(), "--no-ui", "--ui-port", Integer.toString(free));
        assertThat(off.consoleOptions.start(bench, token, new java.io.PrintWriter(java.io.Writer.nullWriter()), false)).as("--no-ui starts no console").isNull();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), free).close()).isInstanceOf(ConnectException.class);

        ServeCommand on = CommandLine.populateCommand(new ServeCommand(), "--ui-port", Integer.toString(free));
        ConsoleServer c = on.consoleOptions.start(bench, null, new java.io.PrintWriter(java.io.Writer.nullWriter()), false);
        try {
            assertThat(c.port()).isEqualTo(free);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(c.url())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("/static/console.js").doesNotContain("http://", "https://");
            HttpResponse<String> faults = http.send(HttpRequest.newBuilder(URI.create(c.url() + "api/faults"))
                    .POST(HttpRequest.BodyPublishers.ofString("action=reset")).header("X-Bench-Token", token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(faults.statusCode()).as("a console without a token (bench run) has no faults panel").isEqualTo(404);
        } finally {
            c.stop();
        }
    }

    @Test
    void byDefaultTheConsoleIsNotReachableBeyondLoopback() throws Exception {
        // the faults panel can change the plant: the rig's default bind is 127.0.0.1, and only --ui-bind widens it
        InetAddress outside = null;
        for (var nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) continue;
            for (var a : java.util.Collections.list(nif.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress()) outside = a;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(outside != null, "this machine has no non-loopback IPv4 address to try");
        ServeCommand serve = CommandLine.populateCommand(new ServeCommand(), "--ui-port", "0");
        ConsoleServer c = serve.consoleOptions.start(bench, token, new java.io.PrintWriter(java.io.Writer.nullWriter()), false);
        try {
            InetAddress target = outside;
            assertThat(c.url()).startsWith("http://127.0.0.1:");
            assertThatThrownBy(() -> new Socket(target, c.port()).close()).isInstanceOf(ConnectException.class);
        } finally {
            c.stop();
        }
        // only --ui-bind widens it: bound to that address, the console answers there
        ServeCommand wide = CommandLine.populateCommand(new ServeCommand(), "--ui-port", "0", "--ui-bind", outside.getHostAddress());
        java.io.StringWriter warning = new java.io.StringWriter();
        ConsoleServer w = wide.consoleOptions.start(bench, token, new java.io.PrintWriter(warning), false);
        try {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(w.url())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(warning.toString()).as("a bind beyond loopback is warned about").contains("beyond loopback");
        } finally {
            w.stop();
        }
    }

    private static int indexOf(JsonNode points, String tag) {
        for (int i = 0; i < points.size(); i++) if (points.get(i).get("tag").asText().equals(tag)) return i;
        throw new AssertionError("no point " + tag);
    }
}
