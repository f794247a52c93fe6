package io.hilbench.scenario;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bundled reference controller as a child process (DESIGN §7: its own process), started with this JVM's java
 * binary and class path ({@code bench controller}; works from the jar and under Surefire), on free supervisory ports,
 * pointed at the plant with {@code --plant-modbus}. Its output (stdout and stderr) goes to a log file beside the
 * report; the endpoint lines it prints ({@code supervisory opc.tcp://…}, {@code supervisory modbus tcp://… unit 1})
 * and {@code ready} are read from it. Stopped with SIGTERM (the controller's shutdown hook stops it cleanly), then
 * forcibly after a grace period.
 */
public final class ControllerProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControllerProcess.class);
    /** The CLI entry point, named as text: {@code scenario} never imports {@code cli} (DESIGN §2). */
    static final String MAIN_CLASS = "io.hilbench.cli.BenchCommand";
    /** {@code bench controller}'s option that makes it stop when its parent process ends or its stdin closes. */
    static final String EXIT_WITH_PARENT = "--exit-with-parent";

    private final Process process;
    /** Destroys the child when this JVM shuts down (SIGTERM, SIGINT, System.exit) before {@link #close}; null once closed. */
    private volatile Thread shutdownHook;
    /** Where the child's output goes now ({@link #continueLogIn} moves it on). */
    private final LogSink sink;
    private final String opcuaEndpoint;
    private final String modbusEndpoint;

    /** The class data archive lease this child was started with (see {@link SharedClassArchive}). */
    private final SharedClassArchive.Lease archiveLease;

    private ControllerProcess(Process process, Thread shutdownHook, LogSink sink, String opcuaEndpoint, String modbusEndpoint,
                              SharedClassArchive.Lease archiveLease) {
        this.archiveLease = archiveLease;
        this.process = process;
        this.shutdownHook = shutdownHook;
        this.sink = sink;
        this.opcuaEndpoint = opcuaEndpoint;
        this.modbusEndpoint = modbusEndpoint;
    }

    /**
     * The controller JVM's own options (issue #17 item 1, branch perf): {@link #DEFAULT_JVM_OPTIONS}, or the environment
     * variable {@value #JVM_OPTIONS_ENV} when set (blank: none), for measuring alternatives without a rebuild.
     */
    static final String JVM_OPTIONS_ENV = "BENCH_CONTROLLER_JVM_OPTIONS";
    /**
     * The controller child's JVM options (BENCHMARKS.md, "Per-unit CPU: class data archives and the controller's JVM
     * (parperf2)"): C1 only and the serial collector. The controller's work per cycle is small and its start is a large
     * share of its CPU: C2 compiled its start-up code for seconds that the loop never pays back, and G1's concurrent
     * threads cost more than a few ms of serial young collections in a heap this small. Neither can change a value: Java
     * arithmetic is strict (JEP 306) whichever compiler runs it; traces checked byte-identical with {@code cmp}.
     */
    static final String DEFAULT_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    /** The run's archive of the controller JVM's classes; null while not yet asked for. */
    private static SharedClassArchive archive;

    private static synchronized SharedClassArchive archive() {
        if (archive == null) archive = new SharedClassArchive(SharedClassArchive.runFolder(System.getenv()), "controller", true);
        return archive;
    }

    /** The controller child's JVM options: {@value #JVM_OPTIONS_ENV} when set, else {@link #DEFAULT_JVM_OPTIONS}. */
    static List<String> jvmOptions(java.util.Map<String, String> env) {
        return splitJvmOptions(env.getOrDefault(JVM_OPTIONS_ENV, DEFAULT_JVM_OPTIONS));
    }

    /** JVM options given as one string (an environment variable's value): split on white space; blank gives none. */
    public static List<String> splitJvmOptions(String options) {
        String v = options.trim();
        return v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
    }

    /** The command line that starts {@code bench controller} in a new JVM like this one. */
    static List<String> command(Path rigDir, String plantModbus, String variant) {
        return command(rigDir, plantModbus, variant, List.of());
    }

    /** As {@link #command(Path, String, String)}, with the class data archive's options after the JVM options. */
    static List<String> command(Path rigDir, String plantModbus, String variant, List<String> archiveOptions) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions(System.getenv()));
        cmd.addAll(archiveOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS, "controller",
                "--rig", rigDir.toString(), "--plant-modbus", plantModbus,
                "--supervisory-opcua-port", "0", "--supervisory-modbus-port", "0", EXIT_WITH_PARENT));
        if (variant != null) cmd.addAll(List.of("--variant", variant));
        return cmd;
    }

    /**
     * How long the child may show no progress at all (no output line, no CPU time) before it counts as hung. Progress,
     * not a fixed start-up budget: on main a fixed 90 s ran out on a loaded machine (load ~35) for a child that was
     * merely starved of CPU, and every scenario of the run failed with it.
     */
    public static final Duration NO_PROGRESS_LIMIT = Duration.ofSeconds(60);
    /** The last resort for a child that keeps working without ever getting ready (a loop): ten minutes. */
    public static final Duration READY_CEILING = Duration.ofMinutes(10);
    /** CPU time the child must add to count as progress (a sleeping JVM's housekeeping stays below it). */
    static final Duration CPU_PROGRESS = Duration.ofMillis(20);

    /**
     * Starts the controller and waits for {@code ready} while it makes progress: it gives up when the child exits, shows
     * no progress (no new output line and less than {@link #CPU_PROGRESS} more CPU time) for {@code noProgressLimit}, or
     * is still not ready after {@link #READY_CEILING}.
     *
     * @throws IOException when it exits, stalls or never gets ready (its last log lines in the message)
     */
    public static ControllerProcess start(Path rigDir, String plantModbus, String variant, Path logFile, Duration noProgressLimit) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        SharedClassArchive cds = archive();
        SharedClassArchive.Lease lease = cds.lease(!"no".equalsIgnoreCase(System.getenv().getOrDefault(SharedClassArchive.DUMP_ENV, "")));
        List<String> cmd = command(rigDir, plantModbus, variant, lease.options());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = cds.start(pb, lease);
        // children die with their parent (issue #18 item 3): a bench stopped by a signal or System.exit stops its
        // controller here; one killed outright (SIGKILL, a CI timeout) cannot run a hook, and the child sees its stdin
        // close and its parent go (ControllerCommand's --exit-with-parent) and stops itself
        Thread hook = new Thread(() -> stopChild(p, STOP_GRACE_S), "controller-process-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LogSink out = new LogSink(logFile);
        out.println("# " + String.join(" ", cmd.stream().map(a -> a.contains(" ") ? "'" + a + "'" : a).toList()));
        Deque<String> tail = new ArrayDeque<>();
        String[] endpoints = new String[2];
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        AtomicLong lines = new AtomicLong();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.println(line);
                    lines.incrementAndGet();
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 20) tail.removeFirst();
                    }
                    if (line.startsWith("supervisory opc.tcp://")) endpoints[0] = line.substring("supervisory ".length()).trim();
                    else if (line.startsWith("supervisory modbus tcp://")) endpoints[1] = line.substring("supervisory ".length()).trim();
                    else if (line.trim().equals("ready")) ready.complete(true);
                }
            } catch (IOException e) {
                out.println("# log pump: " + e);
            } finally {
                ready.complete(false);
                out.close();
            }
        }, "controller-log");
        pump.setDaemon(true);
        pump.start();
        String why = awaitReady(ready, new Progress(p.toHandle(), lines), noProgressLimit, READY_CEILING);
        if (why != null) {
            p.destroyForcibly();
            removeHook(hook);
            cds.ended(lease, false, null);
            String last;
            synchronized (tail) {
                last = String.join("\n  ", tail);
            }
            throw new IOException("the reference controller did not get ready: " + why + (p.isAlive() || why.contains("exited") ? "" : " (it exited)")
                    + "; log " + logFile + ":\n  " + last);
        }
        log.info("reference controller{} ready (pid {}): {} {}; log {}", variant == null ? "" : " variant " + variant, p.pid(), endpoints[0], endpoints[1], logFile);
        return new ControllerProcess(p, hook, out, endpoints[0], endpoints[1], lease);
    }

    /**
     * The child's log file, which can move on to another file while the child runs: a worker of a parallel run keeps
     * one controller for many units and gives each unit folder its own slice of the log ({@link #continueLogIn}).
     * Every line goes whole to one file: the pump and a move take the same lock.
     */
    static final class LogSink {
        private Path file;
        private PrintWriter writer;
        private boolean closed;

        LogSink(Path file) throws IOException {
            this.file = file;
            this.writer = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
        }

        synchronized void println(String line) {
            if (!closed) writer.println(line);
        }

        synchronized Path file() { return file; }

        /** From now on into {@code next} (created, or truncated), which begins with a line naming the file before. */
        synchronized void moveTo(Path next, String header) throws IOException {
            if (next.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) return;
            Files.createDirectories(next.toAbsolutePath().getParent());
            PrintWriter w = new PrintWriter(Files.newBufferedWriter(next, StandardCharsets.UTF_8), true);
            w.println(header + " (the lines before: " + file + ")");
            if (!closed) {
                writer.println("# continued in " + next);
                writer.close();
            }
            writer = w;
            file = next;
            if (closed) {
                w.close();
            }
        }

        synchronized void close() {
            closed = true;
            writer.close();
        }
    }

    /**
     * The child's output from now on in {@code file} (issue #17: a parallel run's worker runs unit after unit on one
     * controller; each unit's folder gets the lines of its own unit, as a child run per unit had them). A child that has
     * exited leaves the new file with its first line only.
     */
    public void continueLogIn(Path file) throws IOException {
        sink.moveTo(file, "# the reference controller, pid " + process.pid() + ", still running: its output from here on");
    }

    /** What tells a starting child's progress: output lines and CPU time. */
    interface ProgressSource {
        /** A number that grows while the child works (lines × 1e12 + CPU ns is fine); -1 when it has exited. */
        long mark();
    }

    private record Progress(ProcessHandle child, AtomicLong lines) implements ProgressSource {
        @Override
        public long mark() {
            if (!child.isAlive()) return -1;
            long cpuNs = child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            // one line counts as much as a whole CPU_PROGRESS step: either kind of progress resets the stall clock
            return lines.get() * CPU_PROGRESS.toNanos() + cpuNs;
        }
    }

    /**
     * Waits for {@code ready} while {@code progress} keeps moving (by at least {@link #CPU_PROGRESS} within
     * {@code noProgressLimit}); null when ready, else why not.
     */
    static String awaitReady(CompletableFuture<Boolean> ready, ProgressSource progress, Duration noProgressLimit, Duration ceiling) {
        long start = System.nanoTime();
        long lastMark = progress.mark();
        long lastProgressNs = start;
        while (true) {
            Boolean ok;
            try {
                ok = ready.get(250, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                ok = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting";
            } catch (java.util.concurrent.ExecutionException e) {
                return "its log could not be read: " + e.getCause();
            }
            if (ok != null) return ok ? null : "its output ended before it printed ready (it exited)";
            long now = System.nanoTime();
            long mark = progress.mark();
            if (mark < 0) return "it exited";
            if (mark - lastMark >= CPU_PROGRESS.toNanos()) {
                lastMark = mark;
                lastProgressNs = now;
            } else if (now - lastProgressNs > noProgressLimit.toNanos()) {
                return "no progress (no output, no CPU time) for " + noProgressLimit.toSeconds() + " s";
            }
            if (now - start > ceiling.toNanos()) return "still not ready after " + ceiling.toMinutes() + " min although it kept working";
        }
    }

    /** {@code opc.tcp://…} of its supervisory OPC UA server, or null. */
    public String opcuaEndpoint() { return opcuaEndpoint; }

    /** {@code modbus tcp://HOST:PORT unit N} of its supervisory Modbus server, or null. */
    public String modbusEndpoint() { return modbusEndpoint; }

    public Path logFile() { return sink.file(); }

    public long pid() { return process.pid(); }

    public boolean isAlive() { return process.isAlive(); }

    /**
     * Why the child is gone, for an inconclusive verdict's reason: "" while it runs, else its exit code (137: killed by
     * SIGKILL, 143: SIGTERM) and its log.
     */
    public String exitDescription() {
        if (process.isAlive()) return "";
        int code = process.exitValue();
        String signal = code > 128 && code < 160 ? " (killed by signal " + (code - 128) + ")" : "";
        return "the reference controller process (pid " + process.pid() + ") exited with code " + code + signal + "; log " + sink.file();
    }

    @Override
    public void close() {
        Thread hook = shutdownHook;
        shutdownHook = null;
        if (hook != null) removeHook(hook);
        // a child writing its class data archive as it exits needs longer: 50 s wall for its 23 MB at load 25, niced
        boolean clean = stopChild(process, archiveLease.dumping() ? DUMP_GRACE_S : STOP_GRACE_S);
        if (archiveLease.dumping()) {
            // its archive is written as it exits: published only after a clean exit (SIGTERM's 143 or its own 0)
            archive().ended(archiveLease, clean && !process.isAlive() && process.exitValue() != 137, System.getProperty("java.class.path"));
        }
    }

    /** How long a SIGTERMed controller may take to exit before it is killed, s. */
    static final long STOP_GRACE_S = 10;
    /** The same for the one that writes the run's class data archive as it exits (see {@link SharedClassArchive}), s. */
    static final long DUMP_GRACE_S = 180;

    /**
     * SIGTERM (the controller's own shutdown hook stops it cleanly), then SIGKILL after a grace period; false when it
     * had to be killed.
     */
    private static boolean stopChild(Process process, long graceS) {
        if (!process.isAlive()) return true;
        process.destroy();
        try {
            if (!process.waitFor(graceS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is shutting down: the hook runs (or ran) and stops the child
        }
    }
}
