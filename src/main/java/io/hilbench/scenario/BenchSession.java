package io.hilbench.scenario;

import io.hilbench.rig.BenchAssembly;
import io.hilbench.rig.ControllerSection;
import io.hilbench.rig.ControllerState;
import io.hilbench.rig.PlantModels;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.Pacing;
import io.hilbench.scenario.judge.Inconclusive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The bench for a whole run of scenarios (one per JVM at a time; scenarios run one after another): the plant
 * assembly with link-fault proxies on free ports, the controller (the reference controller as a child process, or an
 * external one at the rig's endpoint) and the driver's supervisory connection. Started on the first scenario, kept
 * for the run (the OPC UA server and the controller take seconds to start), closed by {@link #closeCurrent()} or
 * the JVM shutdown hook.
 *
 * <p><b>Between scenarios</b> (DESIGN §7): the controller is returned to Off — with {@code reset-to-initial} where the
 * rig maps it (pulsed before the new run, so the controller's first cycle of the new run is already Off); otherwise
 * stop, reset, the minimum off time of SU-03 in plant time — and each scenario gets a fresh plant run
 * ({@link BenchAssembly#newRun}). The controller's state must then read Off, else the scenario is inconclusive.
 */
public final class BenchSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BenchSession.class);
    private static BenchSession current;
    private static Thread shutdownHook;

    /** Replaced (same bench, another report folder) by {@link #obtain}: traces and verdicts go where the run that asked for the session says. */
    private volatile BenchOptions options;
    private final Rig rig;
    private final ControllerSection controllerMap;
    private final Requirements requirements;
    private final BenchAssembly assembly;
    private final PlantSignals signals;
    private ControllerProcess controllerProcess;
    private ControllerDriver controller;
    private String identity = "";
    private int runs;
    private Preflight.Report preflight;
    /** Where live progress goes (bench run: stderr); null: none (the JUnit suite). */
    private static volatile java.io.PrintStream liveProgress;
    private LiveProgress ticker;

    private BenchSession(BenchOptions options) throws Exception {
        this.options = options;
        // the run's --plant-param after the rig's plant.overrides (issue #15 item 7)
        // and the corner's between the two (issue #17 item 3): rig < corner < run
        this.rig = RigLoader.loadDefault(options.rigDir()).atCorner(options.corner())
                .withRunOverrides(io.hilbench.rig.PlantOverride.fromArguments(options.plantParams()))
                .withPortOffset(options.portOffset());
        this.controllerMap = rig.controller().orElseThrow(() ->
                new IllegalStateException("rig " + rig.name() + " has no controller section: scenarios need the controller's supervisory map (DESIGN §7)"));
        this.requirements = Requirements.load(options.featuresDir());
        boolean reference = options.controller() == BenchOptions.ControllerKind.REFERENCE;
        BenchAssembly.Options o = BenchAssembly.Options.defaults().withPacing(options.pacing()).withSeed(options.seed()).withLinkProxies(true);
        // the reference controller is started by us and told the plant's address: free ports; an external one dials the rig's
        if (reference) o = o.withPorts(0, 0);
        this.assembly = new BenchAssembly(rig, PlantModels.create(rig), o);
        // a corner's sensor errors within their accuracy classes: what the controller reads moves, the truth does not
        assembly.standingSensorFaults(io.hilbench.rig.SensorCorners.faults(rig, options.corner()));
        this.signals = new PlantSignals(rig, assembly.plant().catalogue());
        // the plant starts first (the controller needs its address); the Ack timeout starts when the controller is ready
        assembly.emulator().holdAckTimer();
        io.hilbench.runtime.Emulator.Hold placeholderHeld = null;
        try {
            assembly.start();
            // the placeholder run is held at its first step (issue #17 item 1, branch perf): it exists so the controller
            // finds a plant and the preflight reads both sides; its trace is discarded. Running free, it stepped in
            // lockstep for as long as the controller's start, the supervisory connection and the preflight took (2,183
            // steps in one unit's log), plant and handshake CPU paid again by every unit of a parallel run.
            placeholderHeld = assembly.emulator().hold();
            connectController(reference);
            assembly.emulator().startAckTimer();
            // before any scenario: every mapped point of the plant side and the controller side answers (issue #9 item 4)
            preflight = Preflight.check(rig, assembly, controllerMap, controller.link());
            log.info("{}", preflight.format().trim());
            if (!preflight.ok()) throw new PreflightFailed(preflight);
            // the placeholder run of start() has served its purpose (the controller found the plant): each scenario gets its own
            placeholderHeld.close();
            placeholderHeld = null;
            assembly.emulator().stop();
        } catch (Exception e) {
            if (placeholderHeld != null) placeholderHeld.close();
            close();
            throw e;
        }
    }

    private void connectController(boolean reference) throws Exception {
        String endpoint;
        if (reference) {
            Path logFile = controllerLogFile(options);
            try {
                controllerProcess = ControllerProcess.start(options.rigDir(), assembly.modbusHostPort(), options.variant(), logFile, ControllerProcess.NO_PROGRESS_LIMIT);
            } catch (IOException e) {
                throw new Inconclusive("controller unreachable: " + e.getMessage());
            }
            endpoint = controllerMap.protocol() == ControllerSection.Protocol.OPCUA ? controllerProcess.opcuaEndpoint() : controllerProcess.modbusEndpoint();
            if (endpoint == null) throw new Inconclusive("controller unreachable: the reference controller printed no " + controllerMap.protocol() + " supervisory endpoint");
        } else {
            endpoint = controllerMap.endpoint();
        }
        SupervisoryLink link;
        try {
            link = connect(endpoint);
        } catch (IOException e) {
            throw new Inconclusive("controller unreachable: " + e.getMessage());
        }
        controller = new ControllerDriver(controllerMap, link);
        try {
            identity = controller.identity();
        } catch (IOException e) {
            identity = "(identity unreadable: " + e.getMessage() + ")";
        }
        log.info("controller {} at {} (self-declared)", identity, link.describe());
    }

    /** The reference controller's log in the options' report folder: {@code controller[-VARIANT][@CORNER].log}. */
    static Path controllerLogFile(BenchOptions options) {
        return options.reportDir().resolve("controller" + (options.variant() == null ? "" : "-" + options.variant())
                + (io.hilbench.rig.Corner.NOMINAL.equals(options.corner()) ? "" : "@" + options.corner()) + ".log");
    }

    /**
     * The reference controller's output from now on in {@code options}' report folder (a parallel run's worker, issue
     * #17: the next unit on this session gets its own slice of the controller's log in its own folder). Nothing for an
     * external controller.
     */
    public synchronized void continueControllerLogIn(BenchOptions options) throws IOException {
        if (controllerProcess != null) controllerProcess.continueLogIn(controllerLogFile(options));
    }

    private SupervisoryLink connect(String endpoint) throws IOException {
        if (endpoint.startsWith("opc.tcp://")) return OpcUaSupervisoryLink.connect(endpoint, controllerMap);
        // modbus tcp://HOST:PORT unit N, or the rig's modbus-tcp://HOST:PORT
        String hp = endpoint.replaceFirst("^modbus[ -]tcp://", "").split(" ")[0];
        URI u = URI.create("tcp://" + hp);
        return ModbusSupervisoryLink.connect(u.getHost(), u.getPort(), controllerMap);
    }

    /** The preflight failed: the run does not start (bench run exits {@link Preflight.Report#exitCode()}). */
    public static final class PreflightFailed extends RuntimeException {
        private final transient Preflight.Report report;

        PreflightFailed(Preflight.Report report) {
            // a controller that does not answer is inconclusive (DESIGN §8); the prefix lets the runner tell it apart
            super((report.exitCode() == Preflight.UNREACHABLE ? Inconclusive.PREFIX + " controller unreachable: " : "preflight failed: ")
                    + System.lineSeparator() + report.format());
            this.report = report;
        }

        public Preflight.Report report() { return report; }
    }

    /** The preflight of this session (every mapped point answered, or the session would not exist). */
    public Preflight.Report preflight() { return preflight; }

    /** Live progress of each scenario on this stream, about once a second of wall time (null: off). */
    public static void liveProgress(java.io.PrintStream out) { liveProgress = out; }

    /**
     * The session for these options: the running one when it serves the same bench, else a new one (the old one
     * closed). A session that cannot start (a controller that does not get ready, a failed preflight) fails the scenario
     * that asked for it; the next scenario tries again. On main the failure was kept and rethrown to every later
     * scenario, so one controller slow to start on a loaded machine failed all 18 scenarios of the suite.
     */
    public static synchronized BenchSession obtain(BenchOptions options) throws Exception {
        if (current != null && !current.options.sameBench(options)) {
            closeCurrent();
        } else if (current != null && !current.options.reportDir().equals(options.reportDir())) {
            // the same bench for another run: its traces, judged traces and verdicts.json go to that run's report folder.
            // Kept on main, the first run's folder took them, so a bench run after a Cucumber run in the same JVM found
            // no verdicts.json in its own folder and wrote no report and no evidence (exit 2, seen in CI on
            // EvidenceBundleTest). An external controller's log stays in the folder the process was started with.
            current.options = options;
        }
        if (current == null) {
            current = new BenchSession(options);
            if (shutdownHook == null) {
                shutdownHook = new Thread(BenchSession::closeCurrent, "bench-session-shutdown");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
        }
        return current;
    }

    /** The running session, if any. */
    public static synchronized Optional<BenchSession> running() { return Optional.ofNullable(current); }

    /** Closes the running session (controller process stopped, servers stopped). Safe to call twice. */
    public static synchronized void closeCurrent() {
        if (current != null) {
            BenchSession s = current;
            current = null;
            s.close();
        }
    }

    public BenchOptions options() { return options; }

    public Rig rig() { return rig; }

    public Requirements requirements() { return requirements; }

    public ControllerDriver controller() { return controller; }

    public PlantSignals signals() { return signals; }

    public BenchAssembly assembly() { return assembly; }

    /** The controller's self-declared identity (name and firmware). */
    public String identity() { return identity; }

    public Optional<ControllerProcess> controllerProcess() { return Optional.ofNullable(controllerProcess); }

    /**
     * An inconclusive reason with the cause added when the bench's controller child died (issue #18 item 3): "controller
     * not responding at step N" alone did not say that the process was gone.
     */
    public String explain(String reason) {
        String gone = controllerProcess == null ? "" : controllerProcess.exitDescription();
        return gone.isEmpty() || reason.contains(gone) ? reason : reason + " – " + gone;
    }

    /**
     * A fresh plant run for the next scenario, with the controller back in Off, held at step 0 (lockstep).
     *
     * @throws Inconclusive when the controller cannot be returned to Off or does not answer
     */
    public synchronized PlantDriver beginScenario() throws Exception {
        if (controllerProcess != null && !controllerProcess.isAlive()) {
            throw new Inconclusive("controller unreachable: " + controllerProcess.exitDescription());
        }
        long seed = options.seed() != null ? options.seed() : rig.seed();
        boolean toInitial = controller.hasResetToInitial();
        controller.useGate(null);   // no run is live: the pulse waits in the supervisory table for the next run's first cycle
        if (toInitial) {
            // the controller may still be computing the last step the previous run published: a pulse written now could be
            // taken in that cycle (with the old run's inputs) instead of the new run's first one. Its Ack says it is done.
            awaitLastAck(assembly.emulator());
            controller.resetToInitial();   // taken in the controller's first cycle of the new run
        }
        PlantDriver[] driver = new PlantDriver[1];
        Emulator e = assembly.newRun(seed, em -> {
            controller.addTraceColumns(em, rig.lockstep().supervisoryEverySteps());
            AirSourceRating.addTo(em, assembly.plant());   // SO-01's reference COP, when the plant has the CO2 rating model
            driver[0] = new PlantDriver(assembly, em, signals);
            driver[0].holdBeforeStart();
        });
        runs++;
        PlantDriver plant = driver[0];
        controller.useGate(plant);
        java.io.PrintStream progress = liveProgress;
        if (progress != null) ticker = LiveProgress.start(progress, plant, signals, controllerMap);
        if (!toInitial) {
            controller.stop();
            controller.reset();
            double minOffS = requirements.find("SU-03").map(r -> r.limits().getOrDefault("min_off_s", 180.0)).orElse(180.0);
            plant.runFor(Duration.ofMillis(Math.round(minOffS * 1000)));
        }
        final ControllerState[] state = new ControllerState[1];
        plant.between(() -> state[0] = controller.state().orElse(null));
        if (state[0] != ControllerState.OFF) {
            throw new Inconclusive("reset between scenarios failed: the controller reads " + (state[0] == null ? "a state not in the rig's table" : state[0].label())
                    + " instead of Off after " + (toInitial ? "reset-to-initial" : "stop, reset and the minimum off time"));
        }
        log.debug("run {} started with seed {} ({})", runs, seed, e.config().pacing());
        return plant;
    }

    /**
     * Waits (at most the Ack timeout, the one documented wall-clock limit) until the controller has acknowledged the last
     * step a stopped run published, so no cycle of the old run is in flight; returns at once when the old run was not
     * lockstep or the controller has gone silent (the new run will say so).
     */
    private void awaitLastAck(Emulator old) throws InterruptedException {
        if (old.config().pacing().kind() != Pacing.Kind.LOCKSTEP) return;
        int ackPoint = assembly.table().benchPoint(io.hilbench.points.BenchVariable.ACK);
        if (ackPoint < 0) return;
        long step = old.step() & 0xFFFF_FFFFL;
        long deadline = System.nanoTime() + old.config().ackTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            double ack = assembly.table().liveState().value(ackPoint);
            if (!Double.isNaN(ack) && (long) ack == step) return;
            if (controllerProcess != null && !controllerProcess.isAlive()) return;
            Thread.sleep(1);
        }
        log.warn("the controller did not acknowledge step {} of the previous run within {} s", step, old.config().ackTimeout().toSeconds());
    }

    /** Ends a scenario's run: lets the plant go and stops its loop (the trace stays readable). */
    public void endScenario(PlantDriver plant) {
        if (ticker != null) {
            ticker.close();
            ticker = null;
        }
        if (plant == null) return;
        controller.useGate(null);
        plant.release();
        try {
            plant.emulator().stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Pacing pacing() { return options.pacing(); }

    @Override
    public void close() {
        if (controller != null) controller.link().close();
        if (controllerProcess != null) controllerProcess.close();
        try {
            assembly.stop();
        } catch (Exception e) {
            log.warn("stopping the bench: {}", e.toString());
        }
    }
}
