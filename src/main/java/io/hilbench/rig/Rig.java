package io.hilbench.rig;

import io.hilbench.points.PointDefinition;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A loaded and validated rig (rig.yaml and its point maps; {@code rigs/README.md} documents the format).
 * Immutable; built only by {@link RigLoader}, so a {@code Rig} in hand is a rig without errors.
 *
 * @param name          rig name (also the default PKI folder name)
 * @param site          site the rig stands for
 * @param description   free text
 * @param directory     the rig's folder
 * @param plant         the plant model it runs
 * @param stepMs        plant time per step, ms
 * @param seed          seed of every random choice (noise, weather), so runs repeat
 * @param pointMaps     the plant point-map files, in order
 * @param points        every plant point of all maps, in file and row order
 * @param modbus        the plant's Modbus TCP server
 * @param opcua         the plant's OPC UA server
 * @param watchdog      the I/O watchdog (DESIGN §5)
 * @param lockstep      the lockstep handshake (DESIGN §4)
 * @param realtime      real-time pacing limits
 * @param controller    the controller under test's supervisory interface, when the rig maps one
 * @param console       the live plant console's HTTP address (DESIGN §11; {@code bench serve/run} may override it)
 */
public record Rig(
        String name,
        String site,
        String description,
        Path directory,
        PlantReference plant,
        int stepMs,
        long seed,
        List<Path> pointMaps,
        List<PointDefinition> points,
        ModbusServer modbus,
        OpcUaServer opcua,
        Watchdog watchdog,
        Lockstep lockstep,
        Realtime realtime,
        Optional<ControllerSection> controller,
        Console console) {

    /** The rig without a console section: the console on 127.0.0.1 at {@link Console#DEFAULT_PORT}. */
    public Rig(String name, String site, String description, Path directory, PlantReference plant, int stepMs, long seed,
               List<Path> pointMaps, List<PointDefinition> points, ModbusServer modbus, OpcUaServer opcua, Watchdog watchdog,
               Lockstep lockstep, Realtime realtime, Optional<ControllerSection> controller) {
        this(name, site, description, directory, plant, stepMs, seed, pointMaps, points, modbus, opcua, watchdog, lockstep,
                realtime, controller, Console.defaults());
    }

    public Rig {
        Objects.requireNonNull(name, "name");
        pointMaps = List.copyOf(pointMaps);
        points = List.copyOf(points);
        controller = controller == null ? Optional.empty() : controller;
    }

    /**
     * @param model      folder name under {@code plant-models/}
     * @param parameters a parameter file that overrides the model's defaults, or null
     * @param overrides  parameter values set on top of the parameter files, in order (a later one for the same
     *                   parameter wins): the rig's {@code plant.overrides}, then a run's {@code --plant-param}s
     *                   ({@link #withRunOverrides}); checked when the plant is built ({@link PlantModels#parameters})
     */
    public record PlantReference(String model, Path parameters, List<PlantOverride> overrides, List<Corner> corners) {
        public PlantReference {
            overrides = overrides == null ? List.of() : List.copyOf(overrides);
            corners = corners == null ? List.of() : List.copyOf(corners);
        }

        public PlantReference(String model, Path parameters, List<PlantOverride> overrides) {
            this(model, parameters, overrides, List.of());
        }

        public PlantReference(String model, Path parameters) {
            this(model, parameters, List.of());
        }
    }

    /**
     * The rig's parameter corners (rig.yaml {@code corners:}, issue #17 item 3), {@link Corner#NOMINAL} first: what
     * {@code bench run --corners} runs.
     */
    public List<Corner> corners() {
        List<Corner> all = new java.util.ArrayList<>();
        all.add(Corner.nominal());
        all.addAll(plant.corners());
        return List.copyOf(all);
    }

    /** The corner of that name ({@link Corner#NOMINAL} included). */
    public Optional<Corner> corner(String cornerName) {
        return corners().stream().filter(c -> c.name().equals(cornerName)).findFirst();
    }

    /**
     * This rig at a corner: the corner's overrides after the rig's own {@code plant.overrides} (the corner's win), before
     * any run's {@code --plant-param} ({@link #withRunOverrides}, applied after this). Nominal: the rig as it is.
     *
     * @throws IllegalArgumentException a corner the rig does not define (the message lists those it does)
     */
    public Rig atCorner(String cornerName) {
        if (cornerName == null || cornerName.equals(Corner.NOMINAL)) return this;
        Corner c = corner(cornerName).orElseThrow(() -> new IllegalArgumentException("rig " + name + " has no corner '" + cornerName
                + "' (its corners: " + String.join(", ", corners().stream().map(Corner::name).toList()) + ")"));
        List<PlantOverride> all = new java.util.ArrayList<>(plant.overrides());
        all.addAll(c.overrides());
        return new Rig(name, site, description, directory, new PlantReference(plant.model(), plant.parameters(), all, plant.corners()), stepMs, seed,
                pointMaps, points, modbus, opcua, watchdog, lockstep, realtime, controller, console);
    }

    /**
     * This rig with a run's plant parameter overrides ({@code --plant-param}) after its own {@code plant.overrides}:
     * the run's win. Not yet checked: {@link PlantModels#parameters} checks them against the parameter files.
     */
    public Rig withRunOverrides(List<PlantOverride> runOverrides) {
        if (runOverrides == null || runOverrides.isEmpty()) return this;
        List<PlantOverride> all = new java.util.ArrayList<>(plant.overrides());
        all.addAll(runOverrides);
        return new Rig(name, site, description, directory, new PlantReference(plant.model(), plant.parameters(), all, plant.corners()), stepMs, seed,
                pointMaps, points, modbus, opcua, watchdog, lockstep, realtime, controller, console);
    }

    /**
     * This rig with every TCP port shifted by {@code offset} ({@code --port-offset N}, so two benches share a machine):
     * the plant's Modbus and OPC UA ports, the console's, and the controller's endpoint and mirror endpoint. A port 0
     * (any free port) stays 0.
     *
     * @throws IllegalArgumentException a negative offset, or one that puts a port above 65535 (the message names it)
     */
    public Rig withPortOffset(int offset) {
        if (offset < 0) throw new IllegalArgumentException("--port-offset must be 0 or more, was " + offset);
        if (offset == 0) return this;
        ModbusServer m = modbus == null ? null : new ModbusServer(modbus.bindAddress(), shifted(modbus.port(), offset, "modbus.port"), modbus.maxConnections());
        OpcUaServer o = opcua == null ? null : new OpcUaServer(opcua.bindAddress(), shifted(opcua.port(), offset, "opcua.port"), opcua.path(),
                opcua.namespaceUri(), opcua.securityPolicies(), opcua.allowNone(), opcua.trustAllClients(), opcua.pkiDirectory(), opcua.anonymous(), opcua.users());
        Console c = console == null ? null : new Console(console.bindAddress(), shifted(console.port(), offset, "console.port"));
        Optional<ControllerSection> ctl = controller.map(s -> new ControllerSection(s.protocol(),
                shiftedUrl(s.endpoint(), offset, "controller.endpoint"), s.mirrorEndpoint() == null ? null : shiftedUrl(s.mirrorEndpoint(), offset, "controller.mirror_endpoint"),
                s.pointMap(), s.points(), s.commands(), s.setpoints(), s.state(), s.alarms(), s.identityName(), s.identityFirmware(), s.simulationActive()));
        return new Rig(name, site, description, directory, plant, stepMs, seed, pointMaps, points, m, o, watchdog, lockstep, realtime, ctl, c);
    }

    private static int shifted(int port, int offset, String key) {
        if (port == 0) return 0;
        long p = (long) port + offset;
        if (p > 65535) throw new IllegalArgumentException("--port-offset " + offset + " puts " + key + " " + port + " at " + p + ", above 65535");
        return (int) p;
    }

    /** {@code scheme://host:port[/path]} with its port shifted. */
    private static String shiftedUrl(String url, int offset, String key) {
        java.net.URI u;
        try {
            u = new java.net.URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(key + " '" + url + "' is not a URL: cannot shift its port", e);
        }
        if (u.getPort() <= 0) return url;
        int p = shifted(u.getPort(), offset, key);
        String authority = u.getRawAuthority();
        String before = url.trim();
        int at = before.indexOf(authority);
        String newAuthority = authority.substring(0, authority.lastIndexOf(':') + 1) + p;
        return before.substring(0, at) + newAuthority + before.substring(at + authority.length());
    }

    /**
     * @param bindAddress    address the server listens on (default 127.0.0.1)
     * @param port           TCP port; 0 = any free port (the server prints the one it got)
     * @param maxConnections connections served at once
     */
    public record ModbusServer(String bindAddress, int port, int maxConnections) {}

    /**
     * The live plant console (rig key {@code console}).
     *
     * @param bindAddress address the console's HTTP server listens on (default 127.0.0.1: loopback only)
     * @param port        TCP port; 0 = any free port (the bench prints the one it got)
     */
    public record Console(String bindAddress, int port) {
        public static final int DEFAULT_PORT = 8480;

        public static Console defaults() { return new Console("127.0.0.1", DEFAULT_PORT); }
    }

    /** OPC UA security policies a rig may offer. */
    public enum SecurityPolicy {
        /** no security (loopback, or with {@code allow_none: true}) */
        NONE,
        /** Basic256Sha256, Sign & Encrypt */
        BASIC256SHA256
    }

    /**
     * @param bindAddress      address the server listens on (default 127.0.0.1)
     * @param port             TCP port; 0 = any free port
     * @param path             endpoint path, e.g. {@code /hilbench}
     * @param namespaceUri     namespace of the point nodes ({@code nsu=<uri>;s=<tag>})
     * @param securityPolicies offered policies, in order
     * @param allowNone        None is offered although the bind address is not loopback
     * @param trustAllClients  accept any client certificate (loopback only)
     * @param pkiDirectory     the server's PKI folder (own certificate, trusted, rejected)
     * @param anonymous        anonymous login allowed
     * @param users            where the username/password list comes from, or null for no username login
     */
    public record OpcUaServer(String bindAddress, int port, String path, String namespaceUri,
                              List<SecurityPolicy> securityPolicies, boolean allowNone, boolean trustAllClients,
                              Path pkiDirectory, boolean anonymous, UsersSource users,
                              io.hilbench.adapters.opcua.OpcUaLimits limits, io.hilbench.adapters.opcua.OpcUaReplicas replicas) {
        public OpcUaServer {
            securityPolicies = List.copyOf(securityPolicies);
            limits = limits == null ? io.hilbench.adapters.opcua.OpcUaLimits.DEFAULTS : limits;
            replicas = replicas == null ? io.hilbench.adapters.opcua.OpcUaReplicas.NONE : replicas;
        }

        /** The default limits ({@code OpcUaLimits.DEFAULTS}) and no replicas. */
        public OpcUaServer(String bindAddress, int port, String path, String namespaceUri,
                           List<SecurityPolicy> securityPolicies, boolean allowNone, boolean trustAllClients,
                           Path pkiDirectory, boolean anonymous, UsersSource users) {
            this(bindAddress, port, path, namespaceUri, securityPolicies, allowNone, trustAllClients, pkiDirectory, anonymous, users, null, null);
        }

        /** {@code opc.tcp://bind:port/path}. */
        public String endpointUrl() {
            String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
            return "opc.tcp://" + host + ":" + port + path;
        }
    }

    /**
     * The user list for username login: a file (one {@code user:password} or hashed entry per line — the OPC UA
     * adapter defines the format) or an environment variable holding that text. Never a password in the rig.
     *
     * @param file   the users file, or null
     * @param envVar the variable's name, or null
     */
    public record UsersSource(Path file, String envVar) {
        @Override
        public String toString() { return file != null ? file.toString() : "env:" + envVar; }
    }

    /**
     * @param enabled  the watchdog runs (needs a BENCH.Heartbeat point)
     * @param timeoutS plant-time seconds without a heartbeat change before actuators go to their failsafe
     */
    public record Watchdog(boolean enabled, double timeoutS) {}

    /**
     * @param enabled              the rig can run in lockstep (needs BENCH.Step, PlantTimeMs, Ack, Mode points)
     * @param ackTimeoutS          wall seconds to wait for the controller's Ack before the run is inconclusive
     * @param supervisoryEverySteps read the controller's state and alarms after every n-th step (DESIGN §4 step 6)
     */
    public record Lockstep(boolean enabled, double ackTimeoutS, int supervisoryEverySteps) {}

    /** @param latenessP99LimitMs a real-time run whose step lateness p99 exceeds this is inconclusive */
    public record Realtime(double latenessP99LimitMs) {}

    /** Modbus unit ids that carry plant points. */
    public Set<Integer> modbusUnits() {
        Set<Integer> units = new TreeSet<>();
        for (PointDefinition p : points) if (p.modbus() != null) units.add(p.modbus().unitId());
        return units;
    }

    public long modbusPointCount() {
        return points.stream().filter(p -> p.modbus() != null).count();
    }

    public long opcuaPointCount() {
        return points.stream().filter(p -> p.opcuaPath() != null).count();
    }

    public Optional<PointDefinition> point(String tag) {
        return points.stream().filter(p -> p.tag().equals(tag)).findFirst();
    }
}
