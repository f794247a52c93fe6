package io.hilbench.benchmarks;

import io.hilbench.console.ConsoleServer;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.rig.PlantModels;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.TimingLog;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The live console's cost to the real-time step loop (issue #16 "done when": less than 0.1 ms of p99 lateness at
 * 10 ms steps with two browsers open), measured in ONE run of the bench: the Solrød rig served in real time at 10 ms
 * steps with the console on, and the run cut into phases that alternate (so a change of the machine's load during the
 * run falls on every condition alike):
 * <ul>
 *   <li>{@code none}: no client of the console (the ticker builds no message);</li>
 *   <li>{@code 2 browsers}: two headless Chromium (Debian's, through chromedriver), one on the P&amp;ID and one on the
 *       trends page with four points trended, each with its own event stream;</li>
 *   <li>{@code 2 SSE}: two plain event-stream clients (the JDK's HttpClient reading {@code /api/stream}) and one
 *       {@code /metrics} scrape a second: the server's side of the cost without a browser's CPU.</li>
 * </ul>
 * Each phase's lateness figures are computed from the timing log's steps published within it (clients connected
 * before the phase starts, closed after it ends). The browsers' start is warm-up, outside the phase: a phase begins
 * only once both pages have drawn live values (and the trends page its four curves) and a settling pause has passed.
 * Each phase also reports the CPU seconds its browsers spent (every process under this JVM: chromedriver and its
 * Chromium processes, {@link ProcessHandle.Info#totalCpuDuration()}) and the JVM's own (the step loop, the console,
 * the clients of the SSE phase): unlike lateness, CPU seconds per phase mean something on a loaded machine.
 * More, shorter cycles ({@code "20 5"}) average the machine's drift over the conditions better than two long ones.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hilbench.benchmarks.ConsoleLatencyCost -Dexec.args="45 2"} (seconds per phase, cycles).
 */
public final class ConsoleLatencyCost {
    public static void main(String[] args) throws Exception {
        int phaseS = args.length > 0 ? Integer.parseInt(args[0]) : 45;
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Rig r = RigLoader.loadDefault(Path.of("rigs/solrod"));
        BenchAssembly bench = new BenchAssembly(r, PlantModels.create(r),
                BenchAssembly.Options.defaults().withPacing(Pacing.realtime()).withPorts(0, 0).withStepMs(10L));
        bench.start();
        bench.emulator().recorder().retainLatest(100_000);
        ConsoleServer console = new ConsoleServer(bench, new ConsoleServer.Settings("127.0.0.1", 0, null, "benchmark"));
        console.start();
        System.out.println("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());
        Thread.sleep(5_000);   // warm-up: JIT, first steps
        TimingLog log = bench.emulator().timingLog();
        List<String> names = new ArrayList<>();
        List<long[]> lateness = new ArrayList<>();
        String[] conditions = {"none", "2 browsers", "2 SSE + /metrics"};
        for (int c = 0; c < cycles; c++) {
            for (String condition : conditions) {
                AutoCloseable clients = switch (condition) {
                    case "2 browsers" -> browsers(console.url());
                    case "2 SSE + /metrics" -> sseClients(console.url());
                    default -> () -> { };
                };
                long browserCpu0 = childCpuNs(), jvmCpu0 = jvmCpuNs();
                int from = log.size();
                Thread.sleep(phaseS * 1000L);
                int to = log.size();
                long browserCpu = childCpuNs() - browserCpu0, jvmCpu = jvmCpuNs() - jvmCpu0;
                clients.close();
                long[] late = new long[to - from];
                int n = 0;
                for (int i = from; i < to; i++) {
                    long l = log.latenessNs(i);
                    if (l != TimingLog.NONE) late[n++] = l;
                }
                late = Arrays.copyOf(late, n);
                Arrays.sort(late);
                names.add(condition);
                lateness.add(late);
                System.out.printf("cycle %d %-18s %s  cpu browsers %.2f s, jvm %.2f s  load %s%n", c + 1, condition, stats(late),
                        browserCpu / 1e9, jvmCpu / 1e9, Files.readString(Path.of("/proc/loadavg")).trim());
                Thread.sleep(2_000);   // clients gone before the next phase
            }
        }
        System.out.println("pooled per condition:");
        for (String condition : conditions) {
            long[] all = new long[0];
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).equals(condition)) continue;
                long[] a = lateness.get(i);
                long[] m = Arrays.copyOf(all, all.length + a.length);
                System.arraycopy(a, 0, m, all.length, a.length);
                all = m;
            }
            Arrays.sort(all);
            System.out.printf("  %-18s %s%n", condition, stats(all));
        }
        console.stop();
        bench.stop();
        System.exit(0);
    }

    static String stats(long[] sorted) {
        if (sorted.length == 0) return "no steps";
        return String.format("steps %6d  p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms", sorted.length,
                q(sorted, 0.50) / 1e6, q(sorted, 0.99) / 1e6, q(sorted, 0.999) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    static long q(long[] sorted, double p) { return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)]; }

    /** CPU time of every live process under this JVM (chromedriver and the Chromium processes it started), ns. */
    static long childCpuNs() {
        return ProcessHandle.current().descendants().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /** CPU time of this JVM (step loop, console, the SSE clients), ns. */
    static long jvmCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Waits (at most 2 min) until the page shows what is awaited: warm-up stays outside the phase. */
    static void until(ChromeDriver d, java.util.function.Predicate<ChromeDriver> shown) throws InterruptedException {
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                if (shown.test(d)) return;
            } catch (RuntimeException notYet) {
                // the page is still loading
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the console page did not come up in 2 min");
    }

    static AutoCloseable browsers(String url) throws Exception {
        List<ChromeDriver> list = new ArrayList<>();
        for (String page : List.of("pid", "trends")) {
            ChromeOptions o = new ChromeOptions();
            o.setBinary("/usr/bin/chromium");
            o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("console-cost"));
            ChromeDriver d = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build(), o);
            d.get(url + "#" + page);
            // the page is up when its stream has drawn live values (the P&ID's PT-202, the header's plant time)
            until(d, x -> !x.findElement(By.id("plant-time")).getText().equals("–"));
            if (page.equals("pid")) until(d, x -> x.findElement(By.cssSelector("#pid-svg [data-tag='PT-202']")).getText().matches("PT-202 [0-9.]+ bar"));
            if (page.equals("trends")) {
                // four points trended: the canvas is redrawn as the console redraws trends
                List<String> tags = List.of("PT-202", "TT-272", "TT-301", "C-211.Speed");
                until(d, x -> x.findElements(By.cssSelector("#trend-points label")).size() > 4);
                for (String tag : tags) {
                    d.findElements(By.cssSelector("#trend-points label")).stream().filter(l -> l.getText().startsWith(tag + " "))
                            .findFirst().ifPresent(l -> l.findElement(By.tagName("input")).click());
                }
                until(d, x -> tags.stream().allMatch(t -> x.findElement(By.id("trend-legend")).getText().contains(t)));
            }
            list.add(d);
        }
        Thread.sleep(5000);   // both drawing; what their start left (compilation, caches) settled before the phase
        return () -> list.forEach(ChromeDriver::quit);
    }

    static AutoCloseable sseClients(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<InputStream> streams = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            streams.add(http.send(HttpRequest.newBuilder(URI.create(url + "api/stream")).build(), HttpResponse.BodyHandlers.ofInputStream()).body());
        }
        List<Thread> readers = new ArrayList<>();
        for (InputStream in : streams) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                try {
                    while (in.read(buf) >= 0) { }
                } catch (Exception gone) { }
            });
            t.setDaemon(true);
            t.start();
            readers.add(t);
        }
        Thread scraper = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    http.send(HttpRequest.newBuilder(URI.create(url + "metrics")).build(), HttpResponse.BodyHandlers.discarding());
                    Thread.sleep(1000);
                }
            } catch (Exception stop) { }
        });
        scraper.setDaemon(true);
        scraper.start();
        Thread.sleep(1000);
        return () -> {
            scraper.interrupt();
            for (InputStream in : streams) in.close();
        };
    }
}
