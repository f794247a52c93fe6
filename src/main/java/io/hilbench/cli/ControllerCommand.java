package io.hilbench.cli;

import io.hilbench.adapters.modbus.ModbusServerConfig;
import io.hilbench.adapters.opcua.OpcUaPlantServer;
import io.hilbench.adapters.opcua.OpcUaServerSettings;
import io.hilbench.controller.ControllerConfig;
import io.hilbench.controller.ControllerRunner;
import io.hilbench.controller.ControllerIo;
import io.hilbench.controller.ModbusControllerIo;
import io.hilbench.controller.OpcUaControllerIo;
import io.hilbench.controller.ReferenceController;
import io.hilbench.controller.SupervisoryServer;
import io.hilbench.controller.Variant;
import io.hilbench.rig.ControllerSection;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigError;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Lifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bench controller [--rig DIR] [--variant NAME] [--list-variants] [--plant-modbus HOST:PORT]
 * [--plant-opcua URL] [--supervisory-opcua-port N] [--supervisory-modbus-port N]}: runs the bundled reference
 * controller as its own process (DESIGN §7) against the plant's Modbus TCP server (or its OPC UA server with
 * {@code --plant-opcua}: Read/Write in lockstep, {@link OpcUaControllerIo}), serving its supervisory interface
 * generated from the rig's controller map. Prints one line per supervisory endpoint
 * ({@code supervisory modbus tcp://127.0.0.1:PORT unit 1}), the plant line ({@code plant modbus tcp://HOST:PORT}),
 * then {@code ready}, and runs until Ctrl-C (stopping in reverse order). Exit 2 on a usage or configuration error.
 */
@Command(name = "controller", mixinStandardHelpOptions = true,
        description = "Run the reference controller (its own process) against the plant, with its supervisory interface.")
public final class ControllerCommand implements Callable<Integer> {
    static final String NAME = "HILbench RefCtl";

    @Spec
    CommandSpec spec;

    @Option(names = "--rig", paramLabel = "DIR", defaultValue = "rigs/solrod", description = "Rig folder (default: ${DEFAULT-VALUE}).")
    Path rig;

    @Option(names = "--variant", paramLabel = "NAME", description = "Run a known-bad variant (see --list-variants) instead of the reference controller.")
    String variant;

    @Option(names = "--list-variants", description = "Print the known-bad variants (name, then what each removes and which requirement's assertion catches it, from features/expected-failures.yaml) and exit.")
    boolean listVariants;

    @Option(names = "--plant-modbus", paramLabel = "HOST:PORT", description = "The plant's Modbus TCP server (default: the rig's modbus bind and port).")
    String plantModbus;

    @Option(names = "--plant-opcua", paramLabel = "URL", description = "The plant's OPC UA server (opc.tcp://HOST:PORT/PATH): plant I/O over OPC UA Read/Write in lockstep, nodes nsu=<rig namespace_uri>;s=<tag>; instead of Modbus.")
    String plantOpcua;

    @Option(names = "--supervisory-opcua-port", paramLabel = "N", description = "Port of the supervisory OPC UA server (0 = any free port; default: the rig's controller endpoint).")
    Integer supervisoryOpcuaPort;

    @Option(names = "--supervisory-modbus-port", paramLabel = "N", description = "Port of the supervisory Modbus mirror (0 = any free port; default: the rig's controller mirror endpoint).")
    Integer supervisoryModbusPort;

    @Option(names = "--exit-with-parent", hidden = true,
            description = "Stop when the parent process ends or stdin closes (the bench starts its child controller so: no orphan when the bench is killed).")
    boolean exitWithParent;

    /** Counted down when the controller should stop (Ctrl-C's shutdown hook, or a test). */
    final CountDownLatch stopRequested = new CountDownLatch(1);
    /** Counted down once the controller is serving (tests). */
    final CountDownLatch ready = new CountDownLatch(1);

    @picocli.CommandLine.Option(names = "--port-offset", paramLabel = "N", defaultValue = "0",
            description = "Shift every TCP port of the rig (plant Modbus, OPC UA, console, the controller's endpoint and supervisory ports) by N, so two benches share a machine (default: ${DEFAULT-VALUE}).")
    int portOffset;

    /**
     * The variants as {@code --list-variants} prints them (issue #16 item 10, the README's "removes / caught by" table):
     * each name on a line of its own, then, indented, what it removes (the variant's own description) and the
     * requirements and assertions that must catch it (the expected-failure matrix, {@code features/expected-failures.yaml}).
     */
    static String describeVariants(Map<String, List<String>> caughtBy) {
        StringBuilder b = new StringBuilder();
        for (Variant v : Variant.values()) {
            b.append(v.cliName()).append('\n');
            b.append("    removes:   ").append(v.description()).append('\n');
            List<String> c = caughtBy.get(v.cliName());
            b.append("    caught by: ").append(c == null || c.isEmpty() ? "(no pair in " + io.hilbench.scenario.ExpectedFailures.FILE + ")" : String.join("; ", c)).append('\n');
        }
        return b.toString();
    }

    /** variant name -> "REQ: REQ.assertion[, …]" from the features' expected-failure matrix; empty (said on stderr) when it cannot be read. */
    private static Map<String, List<String>> variantCatches(PrintWriter err) {
        Map<String, Map<String, List<String>>> byVariant = new java.util.LinkedHashMap<>();
        try {
            Path features = io.hilbench.scenario.ScenarioRunner.resolveFeatures(null);
            var requirements = io.hilbench.scenario.Requirements.load(features);
            for (var e : io.hilbench.scenario.ExpectedFailures.load(features, requirements)) {
                byVariant.computeIfAbsent(e.variant(), k -> new java.util.LinkedHashMap<>()).computeIfAbsent(e.requirement(), k -> new ArrayList<>()).add(e.assertionId());
            }
            // a variant caught only at a rig corner (at_corners, issue #17 item 3): "SU-01 @sensors-high: SU-01.settle"
            for (var e : io.hilbench.scenario.ExpectedFailures.atCorners(features, requirements)) {
                byVariant.computeIfAbsent(e.variant(), k -> new java.util.LinkedHashMap<>())
                        .computeIfAbsent(e.requirement() + " @" + e.corner(), k -> new ArrayList<>()).add(e.assertionId());
            }
        } catch (IOException | RuntimeException e) {
            err.println("bench controller: which requirement catches each variant is unknown: " + e.getMessage());
        }
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        byVariant.forEach((variant, reqs) -> out.put(variant, reqs.entrySet().stream().map(r -> r.getKey() + ": " + String.join(", ", r.getValue())).toList()));
        return out;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listVariants) {
            out.print(describeVariants(variantCatches(err)));
            out.flush();
            return BenchCommand.OK;
        }
        Optional<Variant> v = Optional.empty();
        if (variant != null && !variant.isBlank() && !variant.trim().equalsIgnoreCase("reference")) {
            v = Variant.byName(variant);
            if (v.isEmpty()) {
                err.println("bench controller: unknown variant '" + variant + "' (known: " + String.join(", ", Variant.names()) + ")");
                return BenchCommand.USAGE;
            }
        }
        if (plantOpcua != null) {
            if (plantModbus != null) {
                err.println("bench controller: give the plant as --plant-modbus HOST:PORT or as --plant-opcua URL, not both");
                return BenchCommand.USAGE;
            }
            URI u;
            try {
                u = new URI(plantOpcua.trim());
            } catch (java.net.URISyntaxException e) {
                u = null;
            }
            if (u == null || !"opc.tcp".equals(u.getScheme()) || u.getHost() == null || u.getPort() <= 0) {
                err.println("bench controller: --plant-opcua: expected opc.tcp://HOST:PORT[/PATH], was '" + plantOpcua + "'");
                return BenchCommand.USAGE;
            }
        }
        Rig r;
        try {
            r = RigLoader.loadDefault(rig).withPortOffset(portOffset);
        } catch (RigException e) {
            for (RigError error : e.errors()) err.println(error);
            err.println(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors") + " in rig " + rig);
            return BenchCommand.USAGE;
        }
        catch (IllegalArgumentException e) {
            err.println("bench controller: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        if (r.controller().isEmpty()) {
            err.println("bench controller: rig " + r.name() + " has no controller section: the reference controller serves its supervisory interface from it");
            return BenchCommand.USAGE;
        }
        ControllerSection section = r.controller().get();

        HostPort plant;
        HostPort supervisoryModbus;
        try {
            plant = plantModbus != null ? HostPort.parse(plantModbus, "--plant-modbus")
                    : new HostPort(connectable(r.modbus().bindAddress()), r.modbus().port());
            if (plant.port() == 0 && plantOpcua == null) throw new IllegalArgumentException("the rig's plant Modbus port is 0 (any free port): give the plant's actual port with --plant-modbus HOST:PORT");
            supervisoryModbus = supervisoryModbusEndpoint(section);
            if (supervisoryModbusPort != null) {
                if (supervisoryModbusPort < 0 || supervisoryModbusPort > 65535) throw new IllegalArgumentException("--supervisory-modbus-port must be 0..65535, was " + supervisoryModbusPort);
                supervisoryModbus = new HostPort(supervisoryModbus == null ? "127.0.0.1" : supervisoryModbus.host(), supervisoryModbusPort);
            }
            if (supervisoryOpcuaPort != null && (supervisoryOpcuaPort < 0 || supervisoryOpcuaPort > 65535)) {
                throw new IllegalArgumentException("--supervisory-opcua-port must be 0..65535, was " + supervisoryOpcuaPort);
            }
        } catch (IllegalArgumentException e) {
            err.println("bench controller: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        OpcUaServerSettings opcua;
        try {
            opcua = supervisoryOpcUa(r, section, supervisoryOpcuaPort);
        } catch (IllegalArgumentException | IOException e) {
            err.println("bench controller: supervisory OPC UA: " + e.getMessage());
            return BenchCommand.USAGE;
        }
        if (supervisoryModbus == null && opcua == null) {
            err.println("bench controller: rig " + r.name() + " names no supervisory endpoint for the controller: give --supervisory-opcua-port N or --supervisory-modbus-port N");
            return BenchCommand.USAGE;
        }

        String firmware = ReferenceController.FIRMWARE_VERSION + v.map(x -> "+" + x.shortTag()).orElse("");
        ReferenceController logic = ReferenceController.forPlant(ControllerConfig.defaults(), v, r.points());
        SupervisoryServer supervisory = new SupervisoryServer(section, NAME, firmware);
        if (opcua != null) {
            supervisory.serve(new OpcUaPlantServer(supervisory.table(), opcua));
            supervisory.addEndpointLine("supervisory opc.tcp://" + opcua.endpointHostname() + ":" + opcua.bindPort() + opcua.path());
        }
        if (supervisoryModbus != null) supervisory.serveModbus(ModbusServerConfig.of(supervisoryModbus.host(), supervisoryModbus.port()));
        // the lockstep limit until the first poll tells the pacing: a loaded bench may be slow to answer the first request
        // (OPC UA keeps it until a reconnect, Milo fixing the timeout per client; see ControllerRunner)
        ControllerIo io = plantOpcua != null
                ? new OpcUaControllerIo(plantOpcua.trim(), r.opcua().namespaceUri(), r.points(), ControllerRunner.LOCKSTEP_LINK_SILENCE)
                : new ModbusControllerIo(plant.host(), plant.port(), r.points(), ControllerRunner.LOCKSTEP_LINK_SILENCE);
        ControllerRunner runner = new ControllerRunner(io, logic, supervisory);

        List<Lifecycle> started = new ArrayList<>();
        Thread hook = new Thread(stopRequested::countDown, "controller-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (exitWithParent) watchParent(err);
        try {
            try {
                supervisory.start();
                started.add(supervisory);
            } catch (Exception e) {
                err.println("bench controller: cannot serve the supervisory interface: " + e.getMessage());
                return BenchCommand.USAGE;
            }
            runner.start();
            started.add(runner);
            supervisory.endpointLines().forEach(out::println);
            out.println("plant " + io.describe() + v.map(x -> " variant " + x.cliName()).orElse(""));
            out.println("ready");
            out.flush();
            ready.countDown();
            stopRequested.await();
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).stop();
                } catch (Exception e) {
                    err.println("bench controller: stopping " + started.get(i).getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            if (opcua != null) OpcUaPlantServer.releaseSharedResources();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what brought us here
            }
            err.flush();
        }
        return BenchCommand.OK;
    }

    /**
     * Children die with their parent (issue #18 item 3): a bench killed outright (SIGKILL, a CI timeout killing
     * {@code mvn verify}) runs no shutdown hook, and its controller ran on as an orphan. The child therefore stops by
     * itself when either sign of its parent's end comes: its stdin (a pipe from the parent) reaches end of file, or the
     * parent process it started under exits. Either one counts down {@link #stopRequested}: the normal, ordered stop.
     */
    private void watchParent(PrintWriter err) {
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing: anything read is ignored; end of file is the signal
                }
            } catch (IOException e) {
                // a broken pipe says the same as end of file
            }
            err.println("bench controller: stdin closed (the parent process is gone): stopping");
            err.flush();
            stopRequested.countDown();
        }, "controller-parent-stdin");
        stdin.setDaemon(true);
        stdin.start();
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            err.println("bench controller: parent process " + parent.pid() + " exited: stopping");
            err.flush();
            stopRequested.countDown();
        }));
    }

    /** The controller's Modbus endpoint from the rig: its endpoint when the protocol is Modbus, else the mirror; null when none. */
    private static HostPort supervisoryModbusEndpoint(ControllerSection section) {
        String url = section.protocol() == ControllerSection.Protocol.MODBUS ? section.endpoint() : section.mirrorEndpoint();
        if (url == null || !url.startsWith(ControllerSection.Protocol.MODBUS.scheme() + "://")) return null;
        URI u = URI.create(url);
        return new HostPort(u.getHost() == null ? "127.0.0.1" : u.getHost(), u.getPort() < 0 ? 502 : u.getPort());
    }

    /**
     * The supervisory OPC UA server's settings: host, port and path from the rig's controller endpoint (or its mirror),
     * the port replaced by {@code --supervisory-opcua-port} (0 = a free port, probed first: Milo advertises the port it
     * binds, so it cannot be given 0). Security, trust and PKI follow the rig's plant OPC UA section; the PKI folder is
     * the plant's with {@code -controller} appended, so the two servers keep separate certificates. Null when neither
     * the rig nor the command line asks for OPC UA.
     */
    private static OpcUaServerSettings supervisoryOpcUa(Rig r, ControllerSection section, Integer portOverride) throws IOException {
        String url = section.protocol() == ControllerSection.Protocol.OPCUA ? section.endpoint() : section.mirrorEndpoint();
        boolean fromRig = url != null && url.startsWith(ControllerSection.Protocol.OPCUA.scheme() + "://");
        if (!fromRig && portOverride == null) return null;
        String host = "127.0.0.1";
        int port = 4841;
        String path = "/controller";
        if (fromRig) {
            URI u = URI.create(url);
            if (u.getHost() != null) host = u.getHost();
            if (u.getPort() > 0) port = u.getPort();
            if (u.getPath() != null && !u.getPath().isBlank()) path = u.getPath();
        }
        if (portOverride != null) port = portOverride;
        if (port == 0) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
                port = probe.getLocalPort();
            }
        }
        Rig.OpcUaServer plant = r.opcua();
        EnumSet<OpcUaServerSettings.Security> security = EnumSet.noneOf(OpcUaServerSettings.Security.class);
        for (Rig.SecurityPolicy p : plant.securityPolicies()) {
            security.add(p == Rig.SecurityPolicy.NONE ? OpcUaServerSettings.Security.NONE : OpcUaServerSettings.Security.BASIC256SHA256_SIGN_AND_ENCRYPT);
        }
        Path pki = plant.pkiDirectory().resolveSibling(plant.pkiDirectory().getFileName() + "-controller");
        return new OpcUaServerSettings(host, port, host, path, "urn:hilbench:" + r.name() + ":controller", NAME + " (" + r.name() + ")",
                "urn:hilbench:" + r.name() + ":reference-controller", security, plant.allowNone(), plant.trustAllClients(), pki,
                true, Map.of(), "Controller", null, null);
    }

    /** A wildcard bind address is no address to connect to: use loopback. */
    private static String connectable(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1" : bind;
    }

    record HostPort(String host, int port) {
        static HostPort parse(String text, String option) {
            String t = text.trim();
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon == t.length() - 1) throw new IllegalArgumentException(option + " '" + text + "' is not HOST:PORT");
            String host = t.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            int port;
            try {
                port = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " '" + text + "': port '" + t.substring(colon + 1) + "' is not a whole number");
            }
            if (port < 1 || port > 65535) throw new IllegalArgumentException(option + " '" + text + "': port must be 1..65535");
            return new HostPort(host, port);
        }
    }
}
