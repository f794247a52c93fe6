package io.hilbench.controller;

import io.hilbench.adapters.modbus.ModbusServerConfig;
import io.hilbench.adapters.modbus.ModbusTcpServer;
import io.hilbench.points.PointAccessException;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointTable;
import io.hilbench.points.PointTableListener;
import io.hilbench.points.PointWrite;
import io.hilbench.points.TableState;
import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerSection;
import io.hilbench.rig.ControllerSection.CommandName;
import io.hilbench.rig.ControllerSection.Semantics;
import io.hilbench.rig.ControllerState;
import io.hilbench.runtime.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The reference controller's supervisory interface, generated from the rig's controller map (DESIGN §7): one
 * {@link PointTable} over the map's points, served with the same protocol servers as the plant (Modbus TCP now, OPC UA
 * when its adapter is merged). Nothing here is specific to the Solrød map: tags, state codes and alarm bits all come
 * from the rig's {@code controller:} section, so the same controller can be presented as another vendor's would be.
 *
 * <p><b>Commands.</b> {@code pulse}: the bench writes true; the controller takes it in its next cycle and writes
 * false back. A pulse written while the controller is between reading and clearing is not lost: a table listener
 * notes the version of every non-zero write, and a write newer than the last one taken counts as a new command.
 * {@code level} start/stop/reset act on the rising edge. {@code method} (OPC UA methods) is not offered yet and is
 * refused when the server is built. {@code mode} is accepted and ignored (the reference controller runs in Auto only).
 *
 * <p><b>Status.</b> State as the rig's vendor code (the first vendor value mapped to each state), alarms as bits or
 * whole points per the rig's alarm table, identity strings, and {@code simulation_active}, set true when the server
 * starts (the reference controller is wired to the bench, never to live plant) and false when it stops.
 */
public final class SupervisoryServer implements Supervisory, Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(SupervisoryServer.class);
    static final String ORIGIN = "controller";
    /** The commands the controller acts on, in the order it takes them. */
    private static final List<CommandName> ACTED_ON = List.of(CommandName.RESET_TO_INITIAL, CommandName.RESET, CommandName.START, CommandName.STOP);
    /** The states the reference controller goes through; the rig must map each. */
    private static final Set<ControllerState> USED_STATES = EnumSet.of(ControllerState.OFF, ControllerState.STARTING,
            ControllerState.RUNNING, ControllerState.STOPPING, ControllerState.TRIPPED, ControllerState.FAULT);

    private final ControllerSection section;
    private final PointTable table;
    private final Map<CommandName, Integer> commandPoint = new EnumMap<>(CommandName.class);
    private final Map<CommandName, Semantics> semantics = new EnumMap<>(CommandName.class);
    private final AtomicLongArray latchedVersion = new AtomicLongArray(CommandName.values().length);
    private final long[] takenVersion = new long[CommandName.values().length];
    private final boolean[] levelBefore = new boolean[CommandName.values().length];
    private final int supplySetPoint;
    private final int statePoint;
    private final Map<ControllerState, Integer> vendorCode = new EnumMap<>(ControllerState.class);
    private final Map<AlarmMeaning, ControllerSection.AlarmRef> alarmRefs;
    private final List<Integer> alarmPoints = new ArrayList<>();
    private final String name;
    private final String firmware;
    private final List<Lifecycle> servers = new ArrayList<>();
    private final List<String> endpoints = new ArrayList<>();
    private ModbusTcpServer modbus;
    private final List<Lifecycle> started = new ArrayList<>();

    /**
     * @param name     self-declared controller name ({@code identity.name})
     * @param firmware self-declared firmware version ({@code identity.firmware})
     */
    public SupervisoryServer(ControllerSection section, String name, String firmware) {
        this.section = Objects.requireNonNull(section, "section");
        this.name = Objects.requireNonNull(name, "name");
        this.firmware = Objects.requireNonNull(firmware, "firmware");
        // controller.* bindings name no plant signal, so the catalogue is empty
        this.table = PointTable.withoutPlant(section.points());
        for (CommandName c : CommandName.values()) {
            ControllerSection.Command cmd = section.command(c);
            if (cmd == null) continue;
            if (cmd.semantics() == Semantics.METHOD && c != CommandName.MODE) {
                throw new IllegalArgumentException("controller command " + c.key() + " (" + cmd.tag()
                        + ") uses method semantics: the reference controller offers pulse and level commands only (OPC UA methods come with the controller issue)");
            }
            commandPoint.put(c, index(cmd.tag()));
            semantics.put(c, cmd.semantics());
        }
        String sp = section.setpoints().get(ControllerSection.SetpointName.SUPPLY_TEMPERATURE);
        this.supplySetPoint = sp == null ? -1 : index(sp);
        this.statePoint = index(section.state().tag());
        section.state().values().forEach((code, st) -> vendorCode.putIfAbsent(st, code));
        EnumSet<ControllerState> missing = EnumSet.copyOf(USED_STATES);
        missing.removeAll(vendorCode.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the rig's state table (" + section.state().tag() + ") maps no vendor value to " + missing
                    + ": the reference controller goes through " + USED_STATES);
        }
        this.alarmRefs = section.alarms();
        for (ControllerSection.AlarmRef r : alarmRefs.values()) {
            int i = index(r.tag());
            if (!alarmPoints.contains(i)) alarmPoints.add(i);
        }
        table.addListener(new PointTableListener() {
            @Override
            public void written(TableState after, List<PointWrite> writes, String origin) {
                if (ORIGIN.equals(origin)) return;
                for (PointWrite w : writes) {
                    if (w.value() == 0.0) continue;
                    commandPoint.forEach((c, idx) -> {
                        if (idx == w.pointIndex()) latchedVersion.accumulateAndGet(c.ordinal(), after.version(), Math::max);
                    });
                }
            }
        });
    }

    private int index(String tag) {
        int i = table.indexOf(tag);
        if (i < 0) throw new IllegalArgumentException("controller map has no point " + tag);
        return i;
    }

    /** The supervisory point table (what both protocol servers serve). */
    public PointTable table() { return table; }

    /** Serves the table on Modbus TCP (the rig's mirror endpoint, or a port of the command line). Call before {@link #start()}. */
    public SupervisoryServer serveModbus(ModbusServerConfig config) {
        if (modbus != null) throw new IllegalStateException("Modbus is served once");
        modbus = new ModbusTcpServer(table, config);
        servers.add(modbus);
        return this;
    }

    /** Adds another server over {@link #table()} (e.g. the OPC UA adapter), started after the ones before it. */
    public SupervisoryServer serve(Lifecycle server) {
        servers.add(Objects.requireNonNull(server, "server"));
        return this;
    }

    /** The Modbus server, once {@link #serveModbus} was called. */
    public ModbusTcpServer modbus() { return modbus; }

    @Override
    public synchronized void start() throws Exception {
        List<PointWrite> identity = new ArrayList<>();
        identity.add(text(section.identityName(), name));
        identity.add(text(section.identityFirmware(), firmware));
        identity.add(PointWrite.of(statePointIndex(), vendorCode.get(ControllerState.OFF)));
        identity.add(PointWrite.of(index(section.simulationActive()), 1.0));
        table.write(identity, ORIGIN);
        try {
            for (Lifecycle s : servers) {
                s.start();
                started.add(s);
            }
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    private int statePointIndex() { return statePoint; }

    private PointWrite text(String tag, String value) {
        int i = index(tag);
        PointDefinition p = table.point(i);
        int max = p.modbus() != null && p.isString() ? p.modbus().type().stringLength() : Integer.MAX_VALUE;
        return new PointWrite(i, 0, value.length() > max ? value.substring(0, max) : value);
    }

    @Override
    public synchronized void stop() throws Exception {
        try {
            table.write(List.of(PointWrite.of(index(section.simulationActive()), 0.0)), ORIGIN);
        } catch (PointAccessException e) {
            log.warn("could not clear {}: {}", section.simulationActive(), e.getMessage());
        }
        Lifecycle.stopInReverse(started, (l, e) -> log.warn("stopping {} failed: {}", l.getClass().getSimpleName(), e.toString()));
    }

    @Override
    public Commands takeCommands() {
        TableState s = table.state();
        boolean[] taken = new boolean[CommandName.values().length];
        List<PointWrite> clears = new ArrayList<>();
        for (CommandName c : ACTED_ON) {
            Integer idx = commandPoint.get(c);
            if (idx == null) continue;
            int k = c.ordinal();
            boolean set = s.value(idx) != 0.0;
            if (semantics.get(c) == Semantics.LEVEL) {
                taken[k] = set && !levelBefore[k];
                levelBefore[k] = set;
                continue;
            }
            long latched = latchedVersion.get(k);
            if (set || latched > takenVersion[k]) {
                taken[k] = true;
                takenVersion[k] = Math.max(latched, s.version());
                clears.add(PointWrite.of(idx, 0.0));
            }
        }
        if (!clears.isEmpty()) {
            try {
                table.write(clears, ORIGIN);
            } catch (PointAccessException e) {
                log.warn("could not clear the commands taken: {}", e.getMessage());
            }
        }
        double set = supplySetPoint < 0 ? Double.NaN : s.value(supplySetPoint);
        Commands cmds = new Commands(taken[CommandName.START.ordinal()], taken[CommandName.STOP.ordinal()],
                taken[CommandName.RESET.ordinal()], taken[CommandName.RESET_TO_INITIAL.ordinal()], set);
        if (cmds.any()) log.info("supervisory commands taken: {}", cmds);
        return cmds;
    }

    @Override
    public void publish(ControllerState state, Set<AlarmMeaning> alarms) {
        Integer code = vendorCode.get(state);
        Map<Integer, Double> values = new LinkedHashMap<>();
        if (code != null) values.put(statePoint, (double) code);
        else log.warn("state {} has no vendor code in the rig's state table; {} unchanged", state.label(), section.state().tag());
        Map<Integer, Long> words = new HashMap<>();
        for (int i : alarmPoints) words.put(i, 0L);
        alarmRefs.forEach((meaning, ref) -> {
            if (!alarms.contains(meaning)) return;
            int i = table.indexOf(ref.tag());
            words.merge(i, ref.isBit() ? 1L << ref.bit() : 1L, (a, b) -> ref.isBit() ? a | b : 1L);
        });
        words.forEach((i, w) -> values.put(i, (double) w));
        TableState s = table.state();
        List<PointWrite> writes = new ArrayList<>();
        values.forEach((i, v) -> {
            if (s.value(i) != v) writes.add(PointWrite.of(i, v));
        });
        if (writes.isEmpty()) return;
        try {
            table.write(writes, ORIGIN);
        } catch (PointAccessException e) {
            log.warn("could not publish the controller state: {}", e.getMessage());
        }
    }

    /** One line per served endpoint, e.g. {@code supervisory modbus tcp://127.0.0.1:1503 unit 1}; after {@link #start()}. */
    public List<String> endpointLines() {
        List<String> lines = new ArrayList<>(endpoints);
        if (modbus != null) {
            lines.add(0, "supervisory " + modbus.endpoint() + " unit " + String.join(",", table.modbus().units().stream().map(String::valueOf).toList()));
        }
        return lines;
    }

    /** Adds an endpoint line for a server added with {@link #serve} (e.g. {@code supervisory opc.tcp://...}). */
    public void addEndpointLine(String line) { endpoints.add(line); }
}
