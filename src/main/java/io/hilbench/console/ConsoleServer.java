package io.hilbench.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.Lifecycle;
import io.hilbench.runtime.TraceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live plant console (issue #16): an HTTP server of the JDK's own ({@code com.sun.net.httpserver}, no
 * dependency, nothing that could clash with Milo's Netty) serving, on loopback by default:
 * <ul>
 *   <li>{@code /} and {@code /static/*}: the pages (P&amp;ID, trends, events, faults), plain HTML, SVG, CSS and
 *       JavaScript bundled in the jar under {@code /console/}; nothing is fetched from the internet;</li>
 *   <li>{@code /api/stream}: Server-Sent Events, one message every 200 ms of wall time (5 a second) with the plant
 *       time, every point's value and quality, the controller state and the new events ({@link LiveMessages});</li>
 *   <li>{@code /api/points}, {@code /api/events}, {@code /api/trace.csv}: the point list, the run's events, the
 *       recorded trace of the current run;</li>
 *   <li>{@code /metrics}: Prometheus text ({@link Metrics});</li>
 *   <li>{@code POST /api/faults}: the faults panel ({@link FaultsPanel}), only when a token is given, and only with
 *       that token in the {@code X-Bench-Token} header.</li>
 * </ul>
 *
 * <p>Cost to the step loop: while a stream client listens, one ticker thread builds each message from the point table's live state and the
 * emulator's volatile fields; it never takes the step lock. Browsers are served by their own threads from the
 * message the ticker built, so a slow browser slows only itself.
 */
public final class ConsoleServer implements Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    /**
     * Wall time between live messages: 5 a second, the issue's floor. Was 10: every message costs each browser a JSON
     * parse, a delta merge and an animation frame of the P&amp;ID (the trends draw at most every 500 ms whatever the
     * rate), and the ticker a message build; a person reads a changing number no faster than a few times a second,
     * and the trends' pixel columns hold minutes. Halving the rate halves that per-message work (BENCHMARKS
     * "console4": Chromium CPU seconds per phase) on the same 2 cores as the step loop.
     */
    static final long TICK_MS = 200;

    /**
     * @param bindAddress where to listen (127.0.0.1 unless the rig says otherwise)
     * @param port        TCP port, 0 = a free one
     * @param faultsToken the faults panel's token, or null for no faults panel (run mode, certification)
     * @param portSource  what set the port, named in the error when it is taken (e.g. "rig key console.port")
     */
    public record Settings(String bindAddress, int port, String faultsToken, String portSource) {}

    /** The served bench, or null when the console follows a study ({@code bench simulate --pace}): no faults, no trace. */
    private final BenchAssembly bench;
    private final LiveSource source;
    private final Settings settings;
    private final LiveMessages messages;
    private final FaultsPanel faults;
    private final Object tick = new Object();
    private volatile LiveMessages.Tick latest;
    private volatile long latestSeq;
    private volatile boolean running;
    /** Open {@code /api/stream} connections; the ticker builds messages only while there is one. */
    private final AtomicInteger streamClients = new AtomicInteger();
    private HttpServer http;
    private ExecutorService pool;
    private ScheduledExecutorService ticker;

    public ConsoleServer(BenchAssembly bench, Settings settings) {
        this.bench = bench;
        this.source = LiveSource.of(bench);
        this.settings = settings;
        this.messages = new LiveMessages(source);
        this.faults = settings.faultsToken() == null ? null : new FaultsPanel(bench, settings.faultsToken());
    }

    /**
     * A console over a loop that is not a served bench ({@code bench simulate --pace}): P&amp;ID, trends, events and
     * {@code /metrics} of its plant and point table; no faults panel, no trace export (the study writes its CSV).
     */
    public ConsoleServer(LiveSource source, Settings settings) {
        if (settings.faultsToken() != null) throw new IllegalArgumentException("a faults panel needs a served bench");
        this.bench = null;
        this.source = source;
        this.settings = settings;
        this.messages = new LiveMessages(source);
        this.faults = null;
    }

    /** A fresh random token for the faults panel. */
    public static String newToken() { return FaultsPanel.newToken(); }

    @Override
    public synchronized void start() throws IOException {
        if (running) throw new IllegalStateException("console already started");
        try {
            http = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 16);
        } catch (BindException e) {
            throw new IOException("the console cannot listen on " + settings.bindAddress() + ":" + settings.port()
                    + ": the port is in use (" + settings.portSource() + "; choose another with --ui-port, or --no-ui)", e);
        }
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hilbench-console-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // each task first takes the console threads' nice increment (LoopScheduling.followConsoleNice; default none)
        http.setExecutor(task -> pool.execute(() -> {
            io.hilbench.runtime.LoopScheduling.followConsoleNice();
            task.run();
        }));
        http.createContext("/", this::page);
        http.createContext("/static/", this::page);
        http.createContext("/api/points", x -> send(x, 200, "application/json", messages.pointsJson()));
        http.createContext("/api/events", x -> send(x, 200, "application/json", eventsJson()));
        http.createContext("/api/trace.csv", this::traceCsv);
        http.createContext("/api/stream", this::stream);
        http.createContext("/api/info", x -> send(x, 200, "application/json", infoJson()));
        http.createContext("/api/faults", this::faults);
        http.createContext("/api/run", x -> send(x, 200, "application/json", runJson()));
        http.createContext("/metrics", x -> send(x, 200, "text/plain; version=0.0.4; charset=utf-8",
                bench != null ? Metrics.render(bench) : Metrics.render(source)));
        running = true;
        latest = messages.nextTick();
        latestSeq = 1;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hilbench-console-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        http.start();
        log.info("console serving {}", url());
    }

    @Override
    public synchronized void stop() {
        if (!running) return;
        running = false;
        ticker.shutdownNow();
        synchronized (tick) {
            tick.notifyAll();
        }
        http.stop(0);
        pool.shutdownNow();
    }

    /** The port it listens on (the free one it got when asked for 0). */
    public int port() { return http.getAddress().getPort(); }

    /** {@code http://HOST:PORT/}, as printed beside the Modbus and OPC UA endpoints. */
    public String url() {
        String host = settings.bindAddress();
        if (host.indexOf(':') >= 0) host = "[" + host + "]";
        return "http://" + host + ":" + port() + "/";
    }

    private void tick() {
        io.hilbench.runtime.LoopScheduling.followConsoleNice();
        // no stream client: nothing to build (a bench run in CI has none; a client gets a fresh message on connect)
        if (streamClients.get() == 0) return;
        try {
            synchronized (messages) {   // the ticker and a connecting client may both build one; published in the order built
                LiveMessages.Tick m = messages.nextTick();
                synchronized (tick) {
                    latest = m;
                    latestSeq++;
                    tick.notifyAll();
                }
            }
        } catch (RuntimeException e) {
            log.warn("console message failed", e);   // the next tick tries again; the scheduler must not stop
        }
    }

    // ------------------------------------------------------------------ handlers

    private void stream(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-cache");
        // no Content-Encoding: the JDK's server compresses nothing, and an event stream must not be buffered by one
        x.sendResponseHeaders(200, 0);
        long seen = 0;
        long lastTickSeq = -1;
        streamClients.incrementAndGet();
        tick();   // a fresh message now: the ticker builds none while no client listens
        try (OutputStream out = x.getResponseBody()) {
            out.write(("retry: 1000\n\n").getBytes(StandardCharsets.UTF_8));
            while (running) {
                LiveMessages.Tick m;
                long seq;
                synchronized (tick) {
                    while (running && latestSeq == seen) tick.wait(1000);
                    m = latest;
                    seq = latestSeq;
                }
                if (!running) break;
                io.hilbench.runtime.LoopScheduling.followConsoleNice();
                // the values that changed since the message this client has, or all of them when it has not the one
                // before (its first message, or it fell behind)
                String data = seen != 0 && m.seq == lastTickSeq + 1 ? m.delta() : m.full();
                lastTickSeq = m.seq;
                seen = seq;
                out.write(("id: " + seq + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the browser went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streamClients.decrementAndGet();
            x.close();
        }
    }

    private void faults(HttpExchange x) throws IOException {
        if (faults == null) {
            send(x, 404, "application/json", "{\"error\":\"no faults panel here: it is served by bench serve only\"}");
            return;
        }
        if (x.getRequestMethod().equals("GET")) {
            // whether a panel exists and what it injected; no token needed to look, only to act
            StringBuilder sb = new StringBuilder("{\"enabled\":true,\"sensor\":[");
            boolean first = true;
            for (var en : faults.activeSensorFaults().entrySet()) {
                if (!first) sb.append(',');
                first = false;
                sb.append("{\"id\":").append(en.getKey()).append(',');
                Json.key(sb, "text");
                Json.string(sb, en.getValue()).append('}');
            }
            sb.append("],\"links\":").append(bench.faultableLinks().size()).append('}');
            send(x, 200, "application/json", sb.toString());
            return;
        }
        if (!x.getRequestMethod().equals("POST")) {
            send(x, 405, "application/json", "{\"error\":\"POST an action\"}");
            return;
        }
        if (!faults.authorised(x.getRequestHeaders().getFirst("X-Bench-Token"))) {
            drain(x);
            send(x, 403, "application/json", "{\"error\":\"the faults panel needs the token bench serve printed at start (header X-Bench-Token)\"}");
            return;
        }
        Map<String, String> params = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        params.putAll(form(x.getRequestURI().getRawQuery()));
        try {
            send(x, 200, "application/json", faults.act(params));
        } catch (FaultsPanel.Refused e) {
            StringBuilder sb = new StringBuilder("{\"error\":");
            Json.string(sb, e.getMessage()).append('}');
            send(x, 400, "application/json", sb.toString());
        }
    }

    private void traceCsv(HttpExchange x) throws IOException {
        if (source.recorder() == null) {
            send(x, 404, "text/plain; charset=utf-8", "no trace here: a study (bench simulate) writes its decimated CSV to --out");
            return;
        }
        x.getResponseHeaders().set("Content-Type", "text/csv; charset=utf-8");
        x.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"trace.csv\"");
        x.sendResponseHeaders(200, 0);
        long everyMs = 1000;
        String q = x.getRequestURI().getRawQuery();
        if (q != null) {
            String every = form(q).get("every_ms");
            if (every != null) {
                try {
                    everyMs = Math.max(0, Long.parseLong(every));
                } catch (NumberFormatException ignored) {
                    // keep 1 s
                }
            }
        }
        try (Writer w = new OutputStreamWriter(x.getResponseBody(), StandardCharsets.UTF_8)) {
            source.recorder().writeCsv(w, everyMs);
        }
    }

    private void page(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (path.equals("/") || path.equals("/index.html")) path = "/static/index.html";
        if (!path.startsWith("/static/") || path.contains("..")) {
            send(x, 404, "text/plain; charset=utf-8", "not found: " + path);
            return;
        }
        String name = "/console/" + path.substring("/static/".length());
        try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
            if (in == null) {
                send(x, 404, "text/plain; charset=utf-8", "not found: " + path);
                return;
            }
            byte[] body = in.readAllBytes();
            x.getResponseHeaders().set("Content-Type", contentType(name));
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private String eventsJson() {
        io.hilbench.runtime.Recorder r = source.recorder();
        return r == null ? messages.studyEventsJson() : LiveMessages.allEventsJson(r);
    }

    /** The run view: the scenario plan, the one running, the finished ones with their verdicts (bench run only). */
    private String runJson() {
        io.hilbench.scenario.RunBoard.View v = io.hilbench.scenario.RunBoard.view();
        StringBuilder sb = new StringBuilder("{");
        Json.key(sb, "planned").append('[');
        for (int i = 0; i < v.planned().size(); i++) {
            if (i > 0) sb.append(',');
            Json.string(sb, v.planned().get(i));
        }
        sb.append("],");
        Json.key(sb, "current");
        if (v.current() == null) sb.append("null");
        else Json.string(sb, v.current());
        sb.append(',');
        Json.key(sb, "currentWallS").append(v.current() == null ? 0 : (System.currentTimeMillis() - v.currentWallStartMs()) / 1000.0).append(',');
        Json.key(sb, "plantTimeMs").append(source.plantTimeMs()).append(',');
        Json.key(sb, "pace");
        Json.string(sb, source.pace()).append(',');
        Json.key(sb, "feature");
        Json.string(sb, v.feature()).append(',');
        Json.key(sb, "currentStep").append(v.currentStep()).append(',');
        Json.key(sb, "steps").append('[');
        for (int i = 0; i < v.steps().size(); i++) {
            var st = v.steps().get(i);
            if (i > 0) sb.append(',');
            sb.append('{');
            Json.key(sb, "line").append(st.line()).append(',');
            Json.key(sb, "keyword");
            Json.string(sb, st.keyword()).append(',');
            Json.key(sb, "text");
            Json.string(sb, st.text()).append(',');
            Json.key(sb, "status");
            Json.string(sb, st.status()).append('}');
        }
        sb.append("],");
        Json.key(sb, "assertions").append('[');
        for (int i = 0; i < v.assertions().size(); i++) {
            var a = v.assertions().get(i);
            if (i > 0) sb.append(',');
            sb.append('{');
            Json.key(sb, "id");
            Json.string(sb, a.id()).append(',');
            Json.key(sb, "windowEndMs").append(a.windowEndMs()).append(',');
            Json.key(sb, "limits").append('{');
            boolean first = true;
            for (var en : new java.util.TreeMap<>(a.limits()).entrySet()) {
                if (!first) sb.append(',');
                first = false;
                Json.key(sb, en.getKey());
                Json.number(sb, en.getValue());
            }
            sb.append("}}");
        }
        sb.append("],");
        // the supply set-points given so far (°C): the trends draw the requirement's bands around them
        Json.key(sb, "setpoints").append('[');
        for (int i = 0; i < v.setpoints().size(); i++) {
            var sp = v.setpoints().get(i);
            if (i > 0) sb.append(',');
            sb.append('{');
            Json.key(sb, "t").append(sp.plantTimeMs()).append(',');
            Json.key(sb, "degC");
            Json.number(sb, io.hilbench.Units.kToDegC(sp.kelvin())).append('}');
        }
        sb.append("],");
        latenessHistogram(sb);
        Json.key(sb, "finished").append('[');
        for (int i = 0; i < v.finished().size(); i++) {
            var f = v.finished().get(i);
            if (i > 0) sb.append(',');
            sb.append('{');
            Json.key(sb, "name");
            Json.string(sb, f.name()).append(',');
            Json.key(sb, "requirement");
            Json.string(sb, f.requirement()).append(',');
            Json.key(sb, "outcome");
            Json.string(sb, f.outcome()).append(',');
            Json.key(sb, "plantMs").append(f.plantMs()).append(',');
            Json.key(sb, "wallMs").append(f.wallMs()).append(',');
            Json.key(sb, "verdicts").append('[');
            for (int k = 0; k < f.verdicts().size(); k++) {
                if (k > 0) sb.append(',');
                Json.string(sb, f.verdicts().get(k));
            }
            sb.append("]}");
        }
        return sb.append("]}").toString();
    }

    /** Upper bounds (ms) of the lateness histogram's bins; the last bin is everything above the last bound. */
    static final double[] LATENESS_BINS_MS = {0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100};
    /** Steps the run view's lateness histogram looks back over (at 100 ms steps: the last 10 min of wall time). */
    static final int HISTOGRAM_STEPS = 6000;

    /**
     * {@code "lateness":{"bins":[...],"counts":[...],"steps":N}} over the last {@link #HISTOGRAM_STEPS} steps of the
     * running emulator's timing log (paced modes; empty counts in lockstep, where no step has a deadline).
     */
    private void latenessHistogram(StringBuilder sb) {
        io.hilbench.runtime.TimingLog t = source.timingLog();
        long[] counts = new long[LATENESS_BINS_MS.length + 1];
        int n = 0;
        for (long l : t.latenessLatest(HISTOGRAM_STEPS)) {   // one copy under the lock, not one lock per row
            if (l == io.hilbench.runtime.TimingLog.NONE) continue;
            double ms = l / 1e6;
            int b = 0;
            while (b < LATENESS_BINS_MS.length && ms > LATENESS_BINS_MS[b]) b++;
            counts[b]++;
            n++;
        }
        Json.key(sb, "lateness").append("{");
        Json.key(sb, "binsMs").append('[');
        for (int i = 0; i < LATENESS_BINS_MS.length; i++) {
            if (i > 0) sb.append(',');
            Json.number(sb, LATENESS_BINS_MS[i]);
        }
        sb.append("],");
        Json.key(sb, "counts").append('[');
        for (int i = 0; i < counts.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(counts[i]);
        }
        sb.append("],");
        Json.key(sb, "steps").append(n).append("},");
    }

    private String infoJson() {
        StringBuilder sb = new StringBuilder("{");
        Json.key(sb, "rig");
        Json.string(sb, source.rigName()).append(',');
        Json.key(sb, "site");
        Json.string(sb, source.site()).append(',');
        Json.key(sb, "modbus");
        Json.string(sb, source.modbusEndpoint()).append(',');
        Json.key(sb, "opcua");
        Json.string(sb, source.opcuaEndpoint()).append(',');
        Json.key(sb, "stepMs").append(source.stepMs()).append(',');
        Json.key(sb, "faultsPanel").append(faults != null).append(',');
        Json.key(sb, "tickMs").append(TICK_MS);
        return sb.append('}').toString();
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) return "text/html; charset=utf-8";
        if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
        if (name.endsWith(".css")) return "text/css; charset=utf-8";
        if (name.endsWith(".svg")) return "image/svg+xml";
        if (name.endsWith(".json")) return "application/json";
        return "application/octet-stream";
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    private static void drain(HttpExchange x) throws IOException {
        x.getRequestBody().readAllBytes();
    }

    /** {@code a=1&b=x%20y} to a map (application/x-www-form-urlencoded). */
    static Map<String, String> form(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null || raw.isBlank()) return m;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k.trim(), v);
        }
        return m;
    }
}
