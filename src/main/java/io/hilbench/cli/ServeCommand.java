package io.hilbench.cli;

import io.hilbench.points.PointDefinition;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.rig.PlantModels;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigError;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bench serve [--rig DIR] [--pace realtime|accelerated:K|lockstep]}: runs the plant emulator and serves its
 * points over Modbus TCP and OPC UA at once until Ctrl-C (DESIGN §11). Prints the endpoints first, then a summary
 * of the point map. Real time by default: a PLC under test connects and runs at its own pace.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the plant emulator and serve its points over Modbus TCP and OPC UA until Ctrl-C.")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rig", paramLabel = "DIR", defaultValue = "rigs/solrod", description = "Rig folder (default: ${DEFAULT-VALUE}).")
    Path rig;

    @Option(names = "--pace", paramLabel = "MODE", defaultValue = "realtime",
            description = "realtime, accelerated:K or lockstep (default: ${DEFAULT-VALUE}).")
    String pace;

    @Option(names = "--no-link-proxies", description = "Serve directly, without the fault proxies (no I/O link fault injection).")
    boolean noLinkProxies;

    @Option(names = "--modbus-port", paramLabel = "PORT", description = "Override the rig's Modbus port (0 = a free port).")
    Integer modbusPort;

    @Option(names = "--opcua-port", paramLabel = "PORT", description = "Override the rig's OPC UA port (0 = a free port).")
    Integer opcuaPort;

    @Option(names = "--step-ms", paramLabel = "MS", description = "Override the rig's plant time per step, e.g. 10 for the real-time benchmark.")
    Long stepMs;

    @Option(names = "--loop-slice-us", paramLabel = "US",
            description = "Paced modes: the time slice the step loop's thread asks Linux (>= 6.12, EEVDF) for, so that it is put on a core sooner "
                    + "when its deadline comes; 0 = ask nothing (default: -Dhilbench.loopSliceUs, else 300).")
    Long loopSliceUs;

    @Option(names = "--wake-guard-us", paramLabel = "US|auto",
            description = "Paced modes: how long before each step's deadline the step loop stops sleeping and spins (its wake-up guard; "
                    + "costs up to that much CPU per step). auto = follow the measured wake-up delay of this host, 200 us to 40 %% of a step "
                    + "(at most 5 ms): for a virtual machine or a busy one; pair with --rt-priority (default: -Dhilbench.wakeGuardUs, else 200).")
    String wakeGuardUs;

    @Option(names = "--rt-priority", paramLabel = "N",
            description = "Paced modes: run the step loop's thread SCHED_FIFO at priority N (1-99); needs CAP_SYS_NICE, else the slice is used "
                    + "and said (default: off).")
    Integer rtPriority;

    @picocli.CommandLine.Mixin
    PlantParamOptions plantParams = new PlantParamOptions();

    @picocli.CommandLine.Mixin
    ConsoleOptions consoleOptions = new ConsoleOptions();

    @picocli.CommandLine.Option(names = "--port-offset", paramLabel = "N", defaultValue = "0",
            description = "Shift every TCP port of the rig (plant Modbus, OPC UA, console, the controller's endpoint and supervisory ports) by N, so two benches share a machine (default: ${DEFAULT-VALUE}).")
    int portOffset;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Pacing pacing;
        try {
            pacing = Pacing.parse(pace);
        } catch (IllegalArgumentException e) {
            err.println("bench serve: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        Rig r;
        try {
            r = plantParams.apply(RigLoader.loadDefault(rig)).withPortOffset(portOffset);
        } catch (RigException e) {
            for (RigError error : e.errors()) err.println(error);
            return BenchCommand.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("bench serve: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        // what it is doing while it comes up (issue #16 item 10: serve could take minutes to come up in silence)
        err.println("bench serve: rig " + r.name() + " loaded (" + r.points().size() + " points" + (portOffset == 0 ? "" : ", ports shifted by " + portOffset)
                + "); building plant model " + r.plant().model() + "…");
        err.flush();
        io.hilbench.runtime.LoopScheduling.Request scheduling;
        try {
            io.hilbench.runtime.LoopScheduling.Request d = io.hilbench.runtime.LoopScheduling.Request.defaults();
            scheduling = new io.hilbench.runtime.LoopScheduling.Request(loopSliceUs != null ? loopSliceUs * 1000L : d.sliceNs(),
                    rtPriority != null ? rtPriority : d.rtPriority());
        } catch (IllegalArgumentException e) {
            err.println("bench serve: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        java.util.OptionalLong guardUs = null;   // null: the default; empty: auto
        try {
            if (wakeGuardUs != null) guardUs = io.hilbench.runtime.Emulator.parseWakeGuardUs(wakeGuardUs, "--wake-guard-us");
        } catch (IllegalArgumentException e) {
            err.println("bench serve: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        BenchAssembly bench = new BenchAssembly(r, PlantModels.create(r),
                BenchAssembly.Options.defaults().withPacing(pacing).withLinkProxies(!noLinkProxies).withPorts(modbusPort, opcuaPort).withStepMs(stepMs));
        bench.emulator().loopScheduling(scheduling);
        if (guardUs != null && guardUs.isEmpty()) bench.emulator().wakeGuardAuto();
        else if (guardUs != null) bench.emulator().wakeGuardNs(guardUs.getAsLong() * 1000L);
        err.println("bench serve: starting Modbus TCP on " + planned(r.modbus() == null ? null : r.modbus().bindAddress(), modbusPort, r.modbus() == null ? 0 : r.modbus().port())
                + " and OPC UA on " + planned(r.opcua() == null ? null : r.opcua().bindAddress(), opcuaPort, r.opcua() == null ? 0 : r.opcua().port())
                + " (the OPC UA server makes its certificate on first use: up to a minute on a busy machine)…");
        err.flush();
        Thread waiting = daemon("bench-serve-starting", () -> {
            long t0 = System.nanoTime();
            try {
                while (true) {
                    Thread.sleep(10_000);
                    err.printf(java.util.Locale.ROOT, "bench serve: still starting (%.0f s)…%n", (System.nanoTime() - t0) / 1e9);
                    err.flush();
                }
            } catch (InterruptedException done) {
                // started or failed
            }
        });
        try {
            bench.start();
        } catch (Exception e) {
            waiting.interrupt();
            err.println("bench serve: cannot start: " + e.getMessage());
            bench.stop();
            return BenchCommand.USAGE;
        } finally {
            waiting.interrupt();
        }
        // the live console: its faults panel needs the token printed below (serve mode only)
        String token = io.hilbench.console.ConsoleServer.newToken();
        io.hilbench.console.ConsoleServer console;
        try {
            console = consoleOptions.start(bench, token, err, false);
        } catch (java.io.IOException e) {
            err.println("bench serve: " + e.getMessage());
            bench.stop();
            return BenchCommand.USAGE;
        }
        // a commissioning session runs for hours: keep the last hour of the trace, not every step since start
        bench.emulator().recorder().retainLatest((int) Math.max(1, 3_600_000 / bench.emulator().config().stepMs()));
        // and the timing log likewise (the printed lateness then covers the last hour or two): 40 bytes a step otherwise
        bench.emulator().timingLog().retainLatest((int) Math.max(1, 3_600_000 / bench.emulator().config().stepMs()));
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean shuttingDown = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(() -> {
            shuttingDown.set(true);
            try {
                printTiming(out, bench);
                if (console != null) console.stop();
                bench.stop();
            } catch (Exception e) {
                err.println("bench serve: stop failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "bench-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        for (int unit : r.modbusUnits()) out.println(bench.modbusEndpoint() + " unit " + unit);
        out.println(bench.opcuaEndpoint());
        if (console != null) {
            out.println("console " + console.url() + " (faults panel token " + token + ")");
        }
        out.println("pace " + pacing + ", step " + bench.emulator().config().stepMs() + " ms, plant model " + r.plant().model()
                + (noLinkProxies ? ", no link proxies" : ", link proxies on"));
        out.println("step loop: " + bench.emulator().loopSchedulingDescription(Duration.ofSeconds(5))
                + "; wake-up guard " + bench.emulator().wakeGuardDescription());
        printSummary(out, r);
        out.println("serving; Ctrl-C to stop" + (pacing.paced() ? "; lateness every " + LATENESS_EVERY_S + " s on stderr" : ""));
        out.flush();
        if (pacing.paced()) startLatenessTicker(bench, err);
        RunStatus status = bench.emulator().awaitEnd(Duration.ofDays(3650));
        if (shuttingDown.get()) {
            // Ctrl-C: the hook stops the bench; a real-time run whose p99 lateness was over the rig's limit ends
            // INCONCLUSIVE (DESIGN §4), which the hook's timing lines show
            stopped.await();
            if (status.inconclusive()) err.println("bench serve: run " + status.reason());
            return status.inconclusive() ? BenchCommand.INCONCLUSIVE : BenchCommand.OK;
        }
        // the emulator ended by itself (e.g. the plant failed): stop everything now
        err.println("bench serve: emulator ended " + status);
        Runtime.getRuntime().removeShutdownHook(hook);
        printTiming(out, bench);
        if (console != null) console.stop();
        bench.stop();
        return status.inconclusive() ? BenchCommand.INCONCLUSIVE : BenchCommand.FAILED;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Seconds between two live lateness lines. */
    static final int LATENESS_EVERY_S = 10;

    /** "127.0.0.1:1502", the port an option gives, or "a free port" for 0. */
    private static String planned(String bind, Integer option, int rigPort) {
        int p = option != null ? option : rigPort;
        return (bind == null ? "127.0.0.1" : bind) + ":" + (p == 0 ? "(a free port)" : Integer.toString(p));
    }

    /**
     * Live lateness (issue #16 item 10: serve reported it only when stopped): every {@link #LATENESS_EVERY_S} s of wall
     * time, the plant time and the lateness of the steps published since the last line, against the rig's p99 limit.
     */
    private static Thread startLatenessTicker(BenchAssembly bench, PrintWriter err) {
        double limitMs = bench.rig().realtime().latenessP99LimitMs();
        return daemon("bench-serve-lateness", () -> {
            int from = 0;
            try {
                while (true) {
                    Thread.sleep(LATENESS_EVERY_S * 1000L);
                    var log = bench.emulator().timingLog();
                    int to = log.size();
                    String line = latenessLine(log, Math.min(from, to), to, bench.emulator().plantTimeMs(), limitMs);
                    from = to;
                    err.println(line);
                    err.flush();
                }
            } catch (InterruptedException stop) {
                // the bench stops
            }
        });
    }

    /** The live line: plant time, and the lateness of timing rows [from, to) with the limit it is held to. */
    static String latenessLine(io.hilbench.runtime.TimingLog log, int from, int to, long plantTimeMs, double p99LimitMs) {
        long[] v = new long[Math.max(0, to - from)];
        int n = 0;
        for (int i = from; i < to; i++) {
            long l = log.latenessNs(i);
            if (l != io.hilbench.runtime.TimingLog.NONE) v[n++] = l;
        }
        String plant = "plant " + io.hilbench.runtime.PlantTimeFormat.format(plantTimeMs);
        if (n == 0) return plant + "  lateness: no step published since the last line";
        v = java.util.Arrays.copyOf(v, n);
        java.util.Arrays.sort(v);
        double p99 = v[Math.max(0, Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1))] / 1e6;
        double max = v[n - 1] / 1e6;
        return String.format(java.util.Locale.ROOT, "%s  lateness of the last %d steps: p99 %.3f ms, max %.3f ms (limit p99 %.1f ms%s)",
                plant, n, p99, max, p99LimitMs, p99 > p99LimitMs ? ": OVER" : "");
    }

    /**
     * Wall-clock figures of the run so far (the timing log, never the trace): lateness of each step's publication
     * against its absolute deadline, and the drift of the last step (DESIGN §9 real-time bar: p99 <= 1 ms, no drift).
     */
    static void printTiming(PrintWriter out, BenchAssembly bench) {
        var t = bench.emulator().timingLog();
        if (t.size() < 2) return;
        long stepMs = bench.emulator().config().stepMs();
        int last = t.size() - 1;
        double spanS = (t.wallNs(last) - t.wallNs(0)) / 1e9;
        out.println("timing: " + t.size() + " steps of " + stepMs + " ms over " + String.format("%.1f", spanS) + " s wall");
        out.println("  lateness " + t.lateness());
        out.println("  last step published " + String.format("%.3f", t.latenessNs(last) / 1e6) + " ms after its deadline (drift)");
        out.flush();
    }

    private static void printSummary(PrintWriter out, Rig r) {
        Map<String, Integer> byFolder = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        for (PointDefinition p : r.points()) {
            byKind.merge(p.kind().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            String folder = p.opcuaPath() == null ? "(Modbus only)" : p.opcuaPath();
            int slash = folder.indexOf('/', folder.indexOf('/') + 1);
            byFolder.merge(slash > 0 ? folder.substring(0, slash) : folder, 1, Integer::sum);
        }
        out.println("points: " + r.points().size() + " (" + r.modbusPointCount() + " Modbus, " + r.opcuaPointCount() + " OPC UA) " + byKind);
        byFolder.forEach((k, v) -> out.println(String.format("  %-32s %3d", k, v)));
    }
}
