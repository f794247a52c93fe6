package io.hilbench.cli;

import io.hilbench.points.PointDefinition;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.rig.PlantModels;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigError;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.Pacing;
import io.hilbench.scenario.ControllerProcess;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * {@code bench soak --hours H [--pace realtime|accelerated:K] [--out DIR]}: serves the rig as {@code bench serve} does
 * (link proxies on), with the reference controller polling it as its own process through the Modbus proxy and a SCADA
 * client subscribed to every OPC UA node, for H hours of plant time; samples heap after GC, threads, file
 * descriptors and step lateness p99 every plant minute ({@link SoakSampler}) into {@code soak.csv}, plots them into
 * {@code soak.png} and judges them flat within 5 % with no trace row lost (issue #18 item 4). Exit 0 when flat and
 * nothing lost, 1 when not, 3 when the emulator or the controller ended early.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Serve with the reference controller polling and a SCADA client subscribed to every node for H plant hours; sample heap, threads, fds and lateness every plant minute.")
public final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rig", paramLabel = "DIR", defaultValue = "rigs/solrod", description = "Rig folder (default: ${DEFAULT-VALUE}).")
    Path rig;

    @Option(names = "--hours", paramLabel = "H", required = true, description = "Plant hours to run (fractions allowed).")
    double hours;

    @Option(names = "--pace", paramLabel = "MODE", defaultValue = "realtime",
            description = "realtime or accelerated:K (default: ${DEFAULT-VALUE}).")
    String pace;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "soak", description = "Folder for soak.csv, soak.png, controller.log (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sample-every-s", paramLabel = "S", defaultValue = "60", description = "Plant seconds between samples (default: ${DEFAULT-VALUE}).")
    long sampleEveryS;

    @Option(names = "--warmup-samples", paramLabel = "N", defaultValue = "5", description = "Samples left out of the flatness judgement (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--scada-publishing-ms", paramLabel = "MS", defaultValue = "1000", description = "SCADA subscription's publishing and sampling interval (default: ${DEFAULT-VALUE}).")
    double scadaMs;

    @Option(names = "--retain-s", paramLabel = "S", defaultValue = "60",
            description = "Plant seconds of trace kept in memory, 1x to 2x (bench serve keeps 3600; default: ${DEFAULT-VALUE}).")
    long retainS;

    @Option(names = "--no-controller", description = "Without the reference controller (the plant runs on its failsafe inputs).")
    boolean noController;

    @Option(names = "--no-scada", description = "Without the SCADA client.")
    boolean noScada;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Pacing pacing;
        Rig r;
        try {
            pacing = Pacing.parse(pace);
            if (pacing.toString().equals("lockstep")) throw new IllegalArgumentException("a soak is paced: realtime or accelerated:K");
            if (!(hours > 0)) throw new IllegalArgumentException("--hours must be > 0");
            if (sampleEveryS < 1) throw new IllegalArgumentException("--sample-every-s must be >= 1");
            r = RigLoader.loadDefault(rig);
        } catch (RigException e) {
            for (RigError error : e.errors()) err.println(error);
            return BenchCommand.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("bench soak: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        Files.createDirectories(out);
        // free ports for every server: a soak runs beside benches and CI on the same machine
        BenchAssembly bench = new BenchAssembly(r, PlantModels.create(r),
                BenchAssembly.Options.defaults().withPacing(pacing).withLinkProxies(true).withPorts(0, 0));
        bench.start();
        Emulator e = bench.emulator();
        long stepMs = e.config().stepMs();
        // memory bounded as bench serve bounds it (serve keeps an hour): the trace and timing rows of the last
        // --retain-s plant seconds kept, older ones counted as dropped. Short by default, so that the sawtooth of the
        // retention (1x to 2x the rows) stays small beside the heap and the steady state shows within minutes
        e.recorder().retainLatest((int) Math.max(1, retainS * 1000 / stepMs));
        e.timingLog().retainLatest((int) Math.max(1, Math.max(retainS, 2 * sampleEveryS) * 1000 / stepMs));
        ControllerProcess controller = null;
        OpcUaClient scada = null;
        AtomicLong notifications = new AtomicLong();
        int code;
        try {
            o.println("soak: " + bench.modbusEndpoint() + ", " + bench.opcuaEndpoint() + ", pace " + pacing + ", step " + stepMs + " ms, "
                    + hours + " plant h, a sample every " + sampleEveryS + " plant s into " + out.resolve("soak.csv"));
            o.flush();
            if (!noController) {
                controller = ControllerProcess.start(rig, bench.modbusHostPort(), null, out.resolve("controller.log"), ControllerProcess.NO_PROGRESS_LIMIT);
                o.println("soak: reference controller pid " + controller.pid() + " polling " + bench.modbusHostPort());
            }
            if (!noScada) {
                scada = connect(bench.opcuaEndpoint());
                int items = subscribeAll(scada, r, scadaMs, notifications);
                o.println("soak: SCADA client subscribed to " + items + " nodes at " + scadaMs + " ms");
            }
            o.flush();
            code = soak(o, err, bench, controller, notifications);
        } finally {
            if (scada != null) {
                try {
                    scada.disconnect();
                } catch (Exception ignored) {
                    // stopping anyway
                }
            }
            if (controller != null) controller.close();
            bench.stop();
        }
        return code;
    }

    private int soak(PrintWriter o, PrintWriter err, BenchAssembly bench, ControllerProcess controller, AtomicLong notifications) throws Exception {
        Emulator e = bench.emulator();
        var memory = ManagementFactory.getMemoryMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        var os = ManagementFactory.getOperatingSystemMXBean();
        HeapAfterGc heapAfterGc = new HeapAfterGc();
        SoakSampler sampler = new SoakSampler(new SoakSampler.Probe() {
            @Override public long plantTimeMs() { return e.plantTimeMs(); }
            @Override public long step() { return e.step(); }
            @Override public long heapAfterGcBytes() {
                // the JVM's own collections, none forced: a forced full GC stopped the plant's loop once a sample and
                // became every sample's lateness p99 (HeapAfterGc)
                return heapAfterGc.takeLowest(memory.getHeapMemoryUsage().getUsed());
            }
            @Override public int threads() { return threads.getThreadCount(); }
            @Override public long openFileDescriptors() {
                return os instanceof com.sun.management.UnixOperatingSystemMXBean u ? u.getOpenFileDescriptorCount() : -1;
            }
            @Override public long[] latenessAfterStep(long step) { return e.timingLog().latenessAfterStep(step); }
            @Override public long traceRowsTotal() { return e.recorder().size() + e.recorder().droppedRows(); }
            @Override public long scadaNotifications() { return notifications.get(); }
        });
        // the soak's hours count from here: the plant has already run while the controller and the client started
        long t0 = e.plantTimeMs();
        long endPlantMs = t0 + (long) (hours * 3_600_000);
        long everyMs = sampleEveryS * 1000;
        long wall0 = System.nanoTime();
        long next = t0 + everyMs;
        String ended = null;
        try (heapAfterGc; Writer csv = Files.newBufferedWriter(out.resolve("soak.csv"), StandardCharsets.UTF_8)) {
            csv.write(SoakSampler.Sample.CSV_HEADER + "\n");
            csv.write(sampler.sample((System.nanoTime() - wall0) / 1_000_000).csv() + "\n");
            csv.flush();
            while (true) {
                Thread.sleep(Math.max(1, Math.min(200, stepMsWall(bench))));
                if (!e.status().running()) {
                    ended = "the emulator ended: " + e.status();
                    break;
                }
                if (controller != null && !controller.isAlive()) {
                    ended = "the reference controller ended: " + controller.exitDescription();
                    break;
                }
                long t = e.plantTimeMs();
                if (t < next) continue;
                SoakSampler.Sample s = sampler.sample((System.nanoTime() - wall0) / 1_000_000);
                csv.write(s.csv() + "\n");
                csv.flush();
                next += everyMs * Math.max(1, (t - next) / everyMs + 1);
                if (s.index() % 60 == 0) {
                    o.printf(java.util.Locale.ROOT, "soak: plant %.2f h, heap %.1f MB, %d threads, %d fds, lateness p99 %.3f ms, %d lost rows, %d notifications%n",
                            s.plantTimeMs() / 3.6e6, s.heapAfterGcBytes() / 1048576.0, s.threads(), s.openFileDescriptors(), s.latenessP99Ms(), s.lostTraceRows(), s.scadaNotifications());
                    o.flush();
                }
                if (t >= endPlantMs) break;
            }
        }
        List<SoakSampler.Sample> samples = sampler.samples();
        o.println("soak: heap after GC from the JVM's own " + heapAfterGc.collections() + " collections, none forced");
        plot(samples, out.resolve("soak.png"), "bench soak " + pace + ", " + rig.getFileName());
        o.println("soak: " + samples.size() + " samples in " + out.resolve("soak.csv") + ", plot " + out.resolve("soak.png"));
        if (samples.size() - warmup < 4) {
            err.println("bench soak: too few samples to judge" + (ended == null ? "" : "; " + ended));
            return BenchCommand.INCONCLUSIVE;
        }
        SoakSampler.Summary sum = SoakSampler.summarize(samples, warmup, 0.05);
        sum.trends().forEach(t -> o.println("  " + t));
        o.println("  lost trace rows " + sum.lostTraceRows());
        o.println("soak: " + (sum.passed() ? "flat, nothing lost" : "NOT flat or rows lost"));
        ServeCommand.printTiming(o, bench);
        o.flush();
        if (ended != null) {
            err.println("bench soak: ended early: " + ended);
            return BenchCommand.INCONCLUSIVE;
        }
        return sum.passed() ? BenchCommand.OK : BenchCommand.FAILED;
    }

    /** Wall ms of one plant step at this pace (the sampling loop's poll period). */
    private long stepMsWall(BenchAssembly bench) {
        double factor = Pacing.parse(pace).toString().equals("realtime") ? 1 : Double.parseDouble(pace.substring(pace.indexOf(':') + 1));
        return (long) Math.max(1, bench.emulator().config().stepMs() / factor);
    }

    static OpcUaClient connect(String url) throws Exception {
        OpcUaClient c = OpcUaClient.create(url,
                eps -> eps.stream().filter(ep -> SecurityPolicy.None.getUri().equals(ep.getSecurityPolicyUri())).findFirst(),
                t -> {},
                cfg -> cfg.setApplicationName(LocalizedText.english("hil-bench soak SCADA client"))
                        .setApplicationUri("urn:hilbench:soak:scada")
                        .setIdentityProvider(new AnonymousProvider())
                        .setRequestTimeout(uint(30_000)));
        c.connect();
        return c;
    }

    /** One subscription with a data item on every point the rig serves over OPC UA; returns how many. */
    static int subscribeAll(OpcUaClient c, Rig r, double intervalMs, AtomicLong notifications) throws Exception {
        OpcUaSubscription sub = new OpcUaSubscription(c, intervalMs);
        sub.create();
        // the table read with retries, not the one Milo read once at session start (a timed-out read there keeps
        // namespace 0 alone: OpcUaNamespaceTables)
        var index = io.hilbench.adapters.opcua.OpcUaNamespaceTables.read(c, "the soak's OPC UA server").getIndex(r.opcua().namespaceUri());
        if (index == null) throw new java.io.IOException("the soak's OPC UA server does not serve namespace " + r.opcua().namespaceUri());
        int ns = index.intValue();
        int n = 0;
        for (PointDefinition p : r.points()) {
            if (p.opcuaPath() == null) continue;
            OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(new NodeId(ns, p.tag()));
            item.setSamplingInterval(intervalMs);
            item.setDataValueListener((it, dv) -> notifications.incrementAndGet());
            sub.addMonitoredItem(item);
            n++;
        }
        sub.synchronizeMonitoredItems();
        return n;
    }

    /** Four stacked panels against plant hours: heap after GC, threads and fds, lateness p99, notifications per sample. */
    static void plot(List<SoakSampler.Sample> samples, Path png, String title) throws IOException {
        NumberAxis hoursAxis = new NumberAxis("plant time (h)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(hoursAxis);
        plot.add(panel(samples, "heap after GC (MB)", List.of("heap"), List.of(s -> s.heapAfterGcBytes() / 1048576.0)), 1);
        plot.add(panel(samples, "count", List.of("threads", "open fds"), List.of(s -> s.threads(), s -> s.openFileDescriptors())), 1);
        plot.add(panel(samples, "lateness p99 (ms)", List.of("lateness p99"), List.of(SoakSampler.Sample::latenessP99Ms)), 1);
        plot.add(panel(samples, "lost rows", List.of("lost trace rows"), List.of(s -> s.lostTraceRows())), 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        try (var os = Files.newOutputStream(png)) {
            ChartUtils.writeChartAsPNG(os, chart, 960, 900);
        }
    }

    private static XYPlot panel(List<SoakSampler.Sample> samples, String label, List<String> names, List<ToDoubleFunction<SoakSampler.Sample>> fs) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int k = 0; k < names.size(); k++) {
            XYSeries series = new XYSeries(names.get(k), false, true);
            for (SoakSampler.Sample s : samples) series.add(s.plantTimeMs() / 3.6e6, fs.get(k).applyAsDouble(s));
            data.addSeries(series);
        }
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(true);
        XYPlot p = new XYPlot(data, null, y, new XYLineAndShapeRenderer(true, false));
        p.setBackgroundPaint(java.awt.Color.WHITE);
        p.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        return p;
    }
}
