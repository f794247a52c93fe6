package io.hilbench.rig;

import io.hilbench.adapters.modbus.ModbusServerConfig;
import io.hilbench.adapters.modbus.ModbusTcpServer;
import io.hilbench.adapters.opcua.OpcUaPlantServer;
import io.hilbench.adapters.opcua.OpcUaServerSettings;
import io.hilbench.plant.PlantModel;
import io.hilbench.points.PointTable;
import io.hilbench.points.TablePlantIo;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.EmulatorConfig;
import io.hilbench.runtime.Lifecycle;
import io.hilbench.runtime.LinkFaultState;
import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.link.FaultProxy;
import io.hilbench.runtime.link.LinkFault;
import io.hilbench.runtime.link.LinkFaults;
import io.hilbench.runtime.link.LinkProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One bench for one rig, wired (DESIGN §3, §6): the plant and its step loop, the point table, the Modbus TCP and
 * OPC UA servers over that one table, and a fault proxy of ours in front of each server so I/O link faults can be
 * injected into open sessions. Started in that order, stopped in reverse (Milo's Lifecycle habit).
 *
 * <p>With proxies, the Modbus server binds a free loopback port and its proxy the rig's port; Milo binds
 * 127.0.0.2 on the rig's OPC UA port and advertises the rig's address, where the proxy listens (Milo 1.1.2
 * advertises its bound port, so the proxy must use the same port on another address). A rig bound beyond
 * loopback is served directly: the proxies are for bench-side fault injection on loopback.
 */
public final class BenchAssembly implements Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(BenchAssembly.class);
    private static final String MILO_PRIVATE_ADDRESS = "127.0.0.2";

    /**
     * What the command line may override of the rig.
     *
     * @param pacing      pacing mode (the rig's lockstep setting decides when null: lockstep if enabled, else real time)
     * @param seed        run seed, or null for the rig's
     * @param linkProxies put a fault proxy in front of each server (needed for link-fault scenarios)
     * @param modbusPort  Modbus port, or null for the rig's; 0 = a free port
     * @param opcuaPort   OPC UA port, or null for the rig's; 0 = a free port
     * @param stepMs      plant time per step, or null for the rig's
     */
    public record Options(Pacing pacing, Long seed, boolean linkProxies, Integer modbusPort, Integer opcuaPort, Long stepMs) {
        public static Options defaults() {
            return new Options(null, null, true, null, null, null);
        }

        public Options withPacing(Pacing p) { return new Options(p, seed, linkProxies, modbusPort, opcuaPort, stepMs); }

        public Options withSeed(Long s) { return new Options(pacing, s, linkProxies, modbusPort, opcuaPort, stepMs); }

        public Options withLinkProxies(boolean on) { return new Options(pacing, seed, on, modbusPort, opcuaPort, stepMs); }

        public Options withPorts(Integer modbus, Integer opcua) { return new Options(pacing, seed, linkProxies, modbus, opcua, stepMs); }

        public Options withStepMs(Long ms) { return new Options(pacing, seed, linkProxies, modbusPort, opcuaPort, ms); }
    }

    private final Rig rig;
    private final Options options;
    private final PointTable table;
    private final TablePlantIo plantIo;
    private final EmulatorConfig config;
    private PlantModel currentPlant;
    private volatile Emulator emulator;
    private final LinkFaultState linkState = new LinkFaultState();
    private final List<Lifecycle> started = new ArrayList<>();
    private ModbusTcpServer modbus;
    private OpcUaPlantServer opcua;
    private LinkFaults linkFaults;
    private String modbusEndpoint;
    private String opcuaEndpoint;

    public BenchAssembly(Rig rig, PlantModel plant, Options options) {
        this.rig = rig;
        this.options = options;
        this.currentPlant = plant;
        this.table = new PointTable(rig.points(), plant.catalogue());
        this.plantIo = new TablePlantIo(table, plant.catalogue());
        Pacing pacing = options.pacing() != null ? options.pacing()
                : rig.lockstep().enabled() ? Pacing.lockstep() : Pacing.realtime();
        EmulatorConfig config = EmulatorConfig.defaults()
                .withStepMs(options.stepMs() != null ? options.stepMs() : rig.stepMs())
                .withPacing(pacing)
                .withAckTimeout(Duration.ofMillis(Math.round(rig.lockstep().ackTimeoutS() * 1000)))
                .withWatchdogTimeoutMs(rig.watchdog().enabled() ? Math.round(rig.watchdog().timeoutS() * 1000) : 0)
                .withLatenessP99LimitNs(Math.round(rig.realtime().latenessP99LimitMs() * 1e6))
                .withSeed(options.seed() != null ? options.seed() : rig.seed());
        this.config = config;
        this.emulator = new Emulator(plant, plantIo, config, linkState);
    }

    public Rig rig() { return rig; }

    /** A parameter corner's sensor errors (issue #17 item 3), scheduled on every run's emulator before it starts. */
    private List<io.hilbench.runtime.faults.SensorFault> standingSensorFaults = List.of();

    /**
     * Sensor errors every run of this bench starts with and keeps (a corner's sensors within their accuracy class,
     * {@link SensorCorners}): scheduled on the current emulator now (call before {@link #start()}) and on each fresh
     * one of {@link #newRun} before anything else, so they take the first fault ids (seeded noise, same every run).
     */
    public synchronized void standingSensorFaults(List<io.hilbench.runtime.faults.SensorFault> faults) {
        standingSensorFaults = List.copyOf(faults);
        for (var f : standingSensorFaults) emulator.addSensorFault(f);
    }

    /** The plant of the current run (a fresh one after each {@link #newRun}). */
    public synchronized PlantModel plant() { return currentPlant; }

    public PointTable table() { return table; }

    /** The current run's step loop (a new one after each {@link #newRun}). */
    public Emulator emulator() { return emulator; }

    /**
     * Replaces the current run by a fresh one (DESIGN §7: each scenario gets a re-initialised plant): stops the
     * current step loop, builds a new plant from the rig's model ({@link PlantModels}) and a new {@link Emulator}
     * with its own recorder and timing log over the same point table, servers and link-fault state, lets
     * {@code prepare} register extension columns (or take a {@link Emulator#hold()}) before it starts, and starts it
     * at step 0, plant time 0. The controller keeps its connections: it sees plant time go back to 0 and the Ack
     * reset, i.e. a new run. Any link fault still active is cleared first.
     *
     * @param seed    the new run's seed
     * @param prepare called with the new, not yet started emulator (may be null)
     * @return the new, running emulator
     */
    public synchronized Emulator newRun(long seed, java.util.function.Consumer<Emulator> prepare) throws Exception {
        Emulator old = emulator;
        int slot = started.indexOf(old);
        if (slot < 0) throw new IllegalStateException("the bench is not started");
        clearLinkFault(null);
        old.stop();
        PlantModel fresh = PlantModels.create(rig);
        Emulator next = new Emulator(fresh, plantIo, config.withSeed(seed), linkState);
        next.loopScheduling(old.loopSchedulingRequest());   // a new run's loop asks what the bench was started with
        for (var f : standingSensorFaults) next.addSensorFault(f);
        if (prepare != null) prepare.accept(next);
        next.start();
        currentPlant = fresh;
        emulator = next;
        started.set(slot, next);
        return next;
    }

    /** {@link #newRun(long, java.util.function.Consumer)} without preparation. */
    public Emulator newRun(long seed) throws Exception {
        return newRun(seed, null);
    }

    /** {@code modbus tcp://HOST:PORT}, as a controller should dial it (the proxy's address when proxied). */
    public String modbusEndpoint() { return modbusEndpoint; }

    /** The {@code opc.tcp://} endpoint URL a client should use. */
    public String opcuaEndpoint() { return opcuaEndpoint; }

    /** Host:port of the Modbus endpoint, for {@code --plant-modbus}. */
    public String modbusHostPort() { return modbusEndpoint.substring("modbus tcp://".length()); }

    @Override
    public synchronized void start() throws Exception {
        try {
            try {
                startModbus();
            } catch (Exception e) {
                throw portInUse(e, "Modbus", rig.modbus().bindAddress(), options.modbusPort() != null ? options.modbusPort() : rig.modbus().port(),
                        options.modbusPort() != null ? "--modbus-port" : "rig " + rig.name() + " key modbus.port");
            }
            try {
                startOpcUa();
            } catch (Exception e) {
                throw portInUse(e, "OPC UA", rig.opcua().bindAddress(), options.opcuaPort() != null ? options.opcuaPort() : rig.opcua().port(),
                        options.opcuaPort() != null ? "--opcua-port" : "rig " + rig.name() + " key opcua.port");
            }
            emulator.start();
            started.add(emulator);
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    /**
     * A start failure whose cause is a taken port, restated with the port and what set it (issue #16 item 10: the
     * bare "Address already in use" named neither); any other failure unchanged.
     */
    private static Exception portInUse(Exception e, String protocol, String address, int port, String source) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return new IOException(protocol + " cannot listen on " + address + ":" + port + ": the port is in use (" + source
                        + "; another bench or server holds it)", e);
            }
        }
        return e;
    }

    private boolean proxied(String bindAddress) throws IOException {
        return options.linkProxies() && InetAddress.getByName(bindAddress).isLoopbackAddress();
    }

    private void startModbus() throws Exception {
        Rig.ModbusServer m = rig.modbus();
        int port = options.modbusPort() != null ? options.modbusPort() : m.port();
        Map<LinkProtocol, FaultProxy> proxies = new EnumMap<>(LinkProtocol.class);
        if (proxied(m.bindAddress())) {
            modbus = new ModbusTcpServer(table, new ModbusServerConfig(m.bindAddress(), 0, m.maxConnections(), Duration.ZERO));
            modbus.start();
            started.add(modbus);
            // the proxy serves its clients from the server in this JVM (no loopback hop: issue #18 item 5); the
            // server's own port stays open on loopback for diagnostics
            FaultProxy proxy = new FaultProxy("modbus", new InetSocketAddress(m.bindAddress(), port),
                    new InetSocketAddress(m.bindAddress(), modbus.port()), modbus.inProcess());
            proxy.start();
            started.add(proxy);
            proxies.put(LinkProtocol.MODBUS, proxy);
            modbusEndpoint = "modbus tcp://" + m.bindAddress() + ":" + proxy.port();
        } else {
            modbus = new ModbusTcpServer(table, new ModbusServerConfig(m.bindAddress(), port, m.maxConnections(), Duration.ZERO));
            modbus.start();
            started.add(modbus);
            modbusEndpoint = modbus.endpoint();
        }
        linkFaults = proxies.isEmpty() ? null : new LinkFaults(proxies);
    }

    private void startOpcUa() throws Exception {
        Rig.OpcUaServer o = rig.opcua();
        int port = options.opcuaPort() != null ? options.opcuaPort() : o.port();
        if (port == 0) port = freePort(o.bindAddress());
        boolean proxied = proxied(o.bindAddress()) && !o.bindAddress().equals(MILO_PRIVATE_ADDRESS);
        Set<OpcUaServerSettings.Security> security = EnumSet.noneOf(OpcUaServerSettings.Security.class);
        for (Rig.SecurityPolicy p : o.securityPolicies()) {
            security.add(p == Rig.SecurityPolicy.NONE ? OpcUaServerSettings.Security.NONE
                    : OpcUaServerSettings.Security.BASIC256SHA256_SIGN_AND_ENCRYPT);
        }
        OpcUaServerSettings settings = OpcUaServerSettings
                .loopback(port, o.path(), o.namespaceUri(), "urn:hilbench:" + rig.name() + ":plant", o.pkiDirectory())
                .withBind(proxied ? MILO_PRIVATE_ADDRESS : o.bindAddress(), port, o.bindAddress())
                .withSecurity(security, o.allowNone())
                .withTrustAllClients(o.trustAllClients())
                .withIdentity(o.anonymous(), OpcUaUsers.load(o.users()))
                .withApplicationName("HIL bench plant emulator (" + rig.name() + ")")
                .withLimits(o.limits())
                .withReplicas(o.replicas());
        opcua = new OpcUaPlantServer(table, settings);
        opcua.start();
        started.add(opcua);
        opcuaEndpoint = opcua.endpointUrl();
        if (proxied) {
            FaultProxy proxy = new FaultProxy("opcua", o.bindAddress(), port, MILO_PRIVATE_ADDRESS, port);
            proxy.start();
            started.add(proxy);
            Map<LinkProtocol, FaultProxy> proxies = new EnumMap<>(LinkProtocol.class);
            if (linkFaults != null) for (LinkProtocol p : linkFaults.protocols()) proxies.put(p, linkFaults.proxy(p));
            proxies.put(LinkProtocol.OPC_UA, proxy);
            linkFaults = new LinkFaults(proxies);
        }
        if (linkFaults != null) {
            linkFaults.onFreeze((protocol, frozen) -> {
                if (frozen) table.freezeReaders();
                else table.thawReaders();
            });
        }
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    /** The Modbus TCP server (behind its proxy when proxied), for its request counters; null before start. */
    public ModbusTcpServer modbusServer() { return modbus; }

    /** The plant's OPC UA server (null before start). */
    public OpcUaPlantServer opcuaServer() { return opcua; }

    /** The link-fault proxy of a protocol, or null when that link is not proxied (for its connection counters). */
    public synchronized FaultProxy linkProxy(LinkProtocol protocol) {
        return linkFaults == null || !linkFaults.protocols().contains(protocol) ? null : linkFaults.proxy(protocol);
    }

    /** The protocols whose links can be faulted (those served through a proxy). */
    public Set<LinkProtocol> faultableLinks() {
        return linkFaults == null ? Set.of() : linkFaults.protocols();
    }

    /**
     * Injects an I/O link fault now, on one protocol or (null) on every proxied one, and tells the step loop so it
     * paces in real time while the controller cannot Ack (DESIGN §4 item 9). Durations are the caller's: the
     * scenario layer clears the fault at a plant-time boundary.
     */
    public synchronized void injectLinkFault(LinkProtocol protocol, LinkFault kind, long delayMs) {
        if (linkFaults == null) {
            throw new IllegalStateException("no link is proxied: start the bench with link proxies on a loopback rig");
        }
        for (LinkProtocol p : protocol == null ? linkFaults.protocols() : Set.of(protocol)) {
            linkFaults.inject(p, kind, delayMs);
            linkState.activate(linkName(p));
        }
    }

    /** Ends link faults on one protocol or (null) on all. */
    public synchronized void clearLinkFault(LinkProtocol protocol) {
        if (linkFaults == null) return;
        for (LinkProtocol p : protocol == null ? linkFaults.protocols() : Set.of(protocol)) {
            if (linkFaults.proxy(p).fault().isPresent()) {
                linkFaults.clear(p);
                linkState.clear(linkName(p));
            }
        }
    }

    private static String linkName(LinkProtocol p) {
        return p.name().toLowerCase(java.util.Locale.ROOT) + " link fault";
    }

    @Override
    public synchronized void stop() throws Exception {
        Lifecycle.stopInReverse(started, (l, e) -> log.warn("stopping {} failed: {}", l.getClass().getSimpleName(), e.toString()));
    }
}
