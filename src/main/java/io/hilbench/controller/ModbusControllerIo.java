package io.hilbench.controller;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import io.hilbench.points.Area;
import io.hilbench.points.BaseType;
import io.hilbench.points.BenchVariable;
import io.hilbench.points.Codec;
import io.hilbench.points.ModbusAddress;
import io.hilbench.points.PointDefinition;
import io.hilbench.runtime.Quality;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@link ControllerIo} over Modbus TCP with j2mod's {@link ModbusTCPMaster}, decoding and encoding with the rig's
 * plant point map through {@link Codec} (the same codec the plant's server uses).
 *
 * <p><b>Bulk requests.</b> The readable points are grouped per unit and area into runs of contiguous mapped
 * addresses, at most 125 registers (FC3/FC4) or 2000 bits (FC1/FC2) each (Modbus Application Protocol V1.1b3
 * §6.1–6.4); a gap starts a new run, since an unmapped address would fail the whole request (exception 02). On the
 * Solrød map a cycle reads four blocks (unit 1 ir 0–55, ir 100–106, di 0–20; unit 2 ir 0–7). The actuators are
 * written the same way (FC15 ≤ 1968 coils, FC16 ≤ 123 registers): coils first, then register runs, the run that holds
 * {@code BENCH.Ack} last (on Solrød one FC15 of coils 0–14 and one FC16 of hr 0–14).
 *
 * <p><b>Link handling</b> (library notes §2): retries are set after {@code connect()} (before it they are silently
 * ignored) to 1, so a dead link costs one timeout, not five; after an IO failure j2mod still reports the socket as
 * connected, so this class drops the master and {@link #isOpen()} turns false, and the runner reconnects with backoff.
 */
public final class ModbusControllerIo implements ControllerIo {
    /** Read limits (V1.1b3 §6.1–6.4) and write limits (§6.11, §6.12). */
    static final int MAX_READ_REGISTERS = 125;
    static final int MAX_READ_BITS = 2000;
    static final int MAX_WRITE_REGISTERS = 123;
    static final int MAX_WRITE_COILS = 1968;

    /** One point inside a block: its slot in the inputs (or -1 for an output block) and its offset in the block. */
    private record Member(PointDefinition point, int slot, int offset) {}

    /** One request's worth of contiguous addresses. */
    private record Block(int unit, Area area, int start, int count, List<Member> members) {
        boolean holds(PointDefinition p) {
            return members.stream().anyMatch(m -> m.point == p);
        }

        @Override
        public String toString() {
            return "unit " + unit + " " + area.code() + " " + start + ".." + (start + count - 1);
        }
    }

    private final String host;
    private final int port;
    private volatile int timeoutMs;
    private final Map<String, Integer> inputIndex;
    private final List<Block> readBlocks;
    private final List<Block> pollBlocks;
    private final List<Block> writeBlocks;
    private final Block ackBlock;
    private final PointDefinition stepPoint, timePoint, modePoint, ackPoint, heartbeatPoint;
    private ModbusTCPMaster master;
    /**
     * The clock blocks of the last {@link #poll()}, reused once by the {@link #read()} that follows it: the runner
     * polls, sees a new step and reads, and the poll's blocks are the read's first request again (one request of seven
     * per lockstep step saved; in lockstep the plant holds the snapshot until the Ack, so it is the same data).
     */
    private double[] polledValues;
    /** Read requests sent since construction (diagnostics and tests). */
    private long readRequestsSent;
    private Quality[] polledQualities;

    /**
     * @param plantPoints the rig's plant point map ({@code rig.points()}); it must map {@code bench.step} and
     *                    {@code bench.plantTimeMs} on Modbus
     * @param timeout     how long one request may take before the link counts as lost
     */
    public ModbusControllerIo(String host, int port, List<PointDefinition> plantPoints, Duration timeout) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("plant Modbus port must be 1..65535, was " + port);
        this.port = port;
        this.timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        List<PointDefinition> onModbus = plantPoints.stream().filter(p -> p.modbus() != null).toList();
        stepPoint = bench(onModbus, BenchVariable.STEP);
        timePoint = bench(onModbus, BenchVariable.PLANT_TIME_MS);
        modePoint = bench(onModbus, BenchVariable.MODE);
        ackPoint = bench(onModbus, BenchVariable.ACK);
        heartbeatPoint = bench(onModbus, BenchVariable.HEARTBEAT);
        if (stepPoint == null || timePoint == null) {
            throw new IllegalArgumentException("the plant map has no BENCH.Step / BENCH.PlantTimeMs on Modbus (bench.step, bench.plantTimeMs): the controller has no clock");
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        List<PointDefinition> inputs = new ArrayList<>();
        for (PointDefinition p : onModbus) {
            if (PlantPointMap.isInput(p)) {
                index.put(p.tag(), inputs.size());
                inputs.add(p);
            }
        }
        this.inputIndex = Collections.unmodifiableMap(index);
        this.readBlocks = blocks(inputs, index, true);
        List<Block> poll = new ArrayList<>();
        for (Block b : readBlocks) {
            if (b.holds(stepPoint) || b.holds(timePoint) || (modePoint != null && b.holds(modePoint))) poll.add(b);
        }
        this.pollBlocks = List.copyOf(poll);
        List<PointDefinition> outputs = new ArrayList<>();
        for (PointDefinition p : onModbus) {
            if (PlantPointMap.isOutput(p) || p == ackPoint || p == heartbeatPoint) outputs.add(p);
        }
        List<Block> writes = new ArrayList<>(blocks(outputs, Map.of(), false));
        // coils first, then registers; the block holding the Ack goes last (DESIGN §4 step 2)
        writes.sort(Comparator.comparing((Block b) -> ackPoint != null && b.holds(ackPoint)).thenComparing(b -> !b.area().isBitArea()));
        this.writeBlocks = List.copyOf(writes);
        this.ackBlock = ackPoint == null ? null : writes.stream().filter(b -> b.holds(ackPoint)).findFirst().orElse(null);
    }

    private static PointDefinition bench(List<PointDefinition> points, BenchVariable v) {
        return points.stream().filter(p -> p.benchVariable() == v).findFirst().orElse(null);
    }

    /** Groups points per unit and area into runs of contiguous addresses within the request limits. */
    private static List<Block> blocks(List<PointDefinition> points, Map<String, Integer> slots, boolean read) {
        Map<String, List<PointDefinition>> byArea = new TreeMap<>();
        for (PointDefinition p : points) {
            ModbusAddress a = p.modbus();
            byArea.computeIfAbsent(String.format("%03d-%d", a.unitId(), a.area().ordinal()), k -> new ArrayList<>()).add(p);
        }
        List<Block> out = new ArrayList<>();
        for (List<PointDefinition> list : byArea.values()) {
            list.sort(Comparator.comparingInt((PointDefinition p) -> p.modbus().address()).thenComparingInt(p -> p.modbus().bit()));
            Area area = list.get(0).modbus().area();
            int max = area.isBitArea() ? (read ? MAX_READ_BITS : MAX_WRITE_COILS) : (read ? MAX_READ_REGISTERS : MAX_WRITE_REGISTERS);
            int start = -1, end = -1; // [start, end)
            List<PointDefinition> pending = new ArrayList<>();
            for (PointDefinition p : list) {
                ModbusAddress a = p.modbus();
                int pEnd = a.address() + a.registerCount();
                boolean fits = start >= 0 && a.address() <= end && Math.max(end, pEnd) - start <= max;
                if (!fits) {
                    if (start >= 0) out.add(block(a.unitId(), area, start, end, pending, slots));
                    start = a.address();
                    end = pEnd;
                    pending = new ArrayList<>();
                } else {
                    end = Math.max(end, pEnd);
                }
                pending.add(p);
            }
            if (start >= 0) out.add(block(list.get(0).modbus().unitId(), area, start, end, pending, slots));
        }
        return List.copyOf(out);
    }

    private static Block block(int unit, Area area, int start, int end, List<PointDefinition> points, Map<String, Integer> slots) {
        List<Member> members = new ArrayList<>();
        for (PointDefinition p : points) members.add(new Member(p, slots.getOrDefault(p.tag(), -1), p.modbus().address() - start));
        return new Block(unit, area, start, end - start, List.copyOf(members));
    }

    /** The read requests of one cycle, for diagnostics and tests (e.g. "unit 1 ir 0..55"). */
    public List<String> readRequests() { return readBlocks.stream().map(Block::toString).toList(); }

    /** Read requests (FC01–FC04) sent so far, polls included: for diagnostics and tests. */
    public long readRequestsSent() { return readRequestsSent; }

    /** The write requests of one commit, in order, the Ack's last. */
    public List<String> writeRequests() { return writeBlocks.stream().map(Block::toString).toList(); }

    @Override
    public void open() throws ControllerIoException {
        close();
        ModbusTCPMaster m = new ModbusTCPMaster(host, port, timeoutMs, false);
        try {
            m.connect();
            m.setRetries(1); // after connect(): connect() creates the transaction and resets retries
        } catch (Exception e) {
            m.disconnect();
            throw new ControllerIoException("cannot connect to the plant at " + describe() + ": " + e.getMessage(), true, e);
        }
        master = m;
    }

    @Override
    public boolean isOpen() { return master != null; }

    /** Applies at once (j2mod sets the socket's SO_TIMEOUT for the next transaction) and to later connections. */
    @Override
    public void requestTimeout(Duration timeout) {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (ms == timeoutMs) return;
        timeoutMs = ms;
        ModbusTCPMaster m = master;
        if (m != null) m.setTimeout(ms);
    }

    /** The current per-request timeout, ms (tests). */
    int requestTimeoutMs() { return timeoutMs; }

    @Override
    public BenchClock poll() throws ControllerIoException {
        double[] values = new double[inputIndex.size()];
        Quality[] qualities = new Quality[inputIndex.size()];
        polledValues = null;
        for (Block b : pollBlocks) readBlock(b, values, qualities);
        polledValues = values;
        polledQualities = qualities;
        return new BenchClock(step(values), time(values), lockstep(values, qualities));
    }

    @Override
    public Inputs read() throws ControllerIoException {
        double[] polled = polledValues;
        Quality[] polledQ = polledQualities;
        polledValues = null;
        polledQualities = null;
        double[] values = new double[inputIndex.size()];
        Quality[] qualities = new Quality[inputIndex.size()];
        for (Block b : readBlocks) {
            if (polled != null && pollBlocks.contains(b)) {
                for (Member mem : b.members) {
                    values[mem.slot] = polled[mem.slot];
                    qualities[mem.slot] = polledQ[mem.slot];
                }
            } else {
                readBlock(b, values, qualities);
            }
        }
        return new Inputs(step(values), time(values), lockstep(values, qualities), inputIndex, values, qualities);
    }

    private long step(double[] values) { return (long) values[inputIndex.get(stepPoint.tag())]; }

    private long time(double[] values) { return (long) values[inputIndex.get(timePoint.tag())]; }

    private boolean lockstep(double[] values, Quality[] qualities) {
        if (modePoint == null) return true;
        int i = inputIndex.get(modePoint.tag());
        return PlantPointMap.isLockstep(modePoint, qualities[i] == Quality.BAD ? Double.NaN : values[i]);
    }

    private void readBlock(Block b, double[] values, Quality[] qualities) throws ControllerIoException {
        ModbusTCPMaster m = requireOpen();
        readRequestsSent++;
        try {
            if (b.area.isBitArea()) {
                BitVector bits = b.area == Area.COIL ? m.readCoils(b.unit, b.start, b.count) : m.readInputDiscretes(b.unit, b.start, b.count);
                for (Member mem : b.members) {
                    values[mem.slot] = bits.getBit(mem.offset) ? 1.0 : 0.0;
                    qualities[mem.slot] = Quality.GOOD;
                }
                return;
            }
            InputRegister[] regs = b.area == Area.INPUT_REGISTER
                    ? m.readInputRegisters(b.unit, b.start, b.count)
                    : m.readMultipleRegisters(b.unit, b.start, b.count);
            if (regs.length != b.count) {
                throw new ControllerIoException("plant answered " + regs.length + " registers for " + b + " (" + b.count + " asked)", true, null);
            }
            int[] words = new int[regs.length];
            for (int i = 0; i < regs.length; i++) words[i] = regs[i].toUnsignedShort();
            for (Member mem : b.members) decode(mem, words, values, qualities);
        } catch (ModbusException e) {
            throw failure("read " + b, e);
        }
    }

    private static void decode(Member mem, int[] words, double[] values, Quality[] qualities) {
        PointDefinition p = mem.point;
        ModbusAddress a = p.modbus();
        if (a.isBitInRegister()) {
            values[mem.slot] = (words[mem.offset] >> a.bit() & 1) != 0 ? 1.0 : 0.0;
            qualities[mem.slot] = Quality.GOOD;
            return;
        }
        double raw = Codec.decode(a.type(), a.order(), words, mem.offset);
        boolean bad = Double.isNaN(p.badRaw()) ? Double.isNaN(raw) : raw == p.badRaw();
        if (a.type().base() == BaseType.BOOL) bad = false;
        values[mem.slot] = bad ? Double.NaN : Codec.toEngineering(p, raw);
        qualities[mem.slot] = bad ? Quality.BAD : Quality.GOOD;
    }

    @Override
    public void commit(Outputs outputs, int heartbeat, long ack) throws ControllerIoException {
        ModbusTCPMaster m = requireOpen();
        for (Block b : writeBlocks) {
            try {
                if (b.area == Area.COIL) {
                    BitVector bits = new BitVector(b.count);
                    for (Member mem : b.members) bits.setBit(mem.offset, PlantPointMap.clampToLimits(mem.point, outputs.value(mem.point.tag())) != 0.0);
                    m.writeMultipleCoils(b.unit, b.start, bits);
                } else {
                    int[] words = new int[b.count];
                    for (Member mem : b.members) encode(mem, outputs, heartbeat, ack, words);
                    Register[] regs = new Register[words.length];
                    for (int i = 0; i < words.length; i++) regs[i] = new SimpleRegister(words[i]);
                    m.writeMultipleRegisters(b.unit, b.start, regs);
                }
            } catch (ModbusException e) {
                throw failure("write " + b, e);
            }
        }
    }

    private void encode(Member mem, Outputs outputs, int heartbeat, long ack, int[] words) {
        PointDefinition p = mem.point;
        ModbusAddress a = p.modbus();
        double value;
        if (p == ackPoint) value = ack;
        else if (p == heartbeatPoint) value = heartbeat & 0xFFFF;
        else value = PlantPointMap.clampToLimits(p, outputs.value(p.tag()));
        if (a.isBitInRegister()) {
            if (value != 0.0) words[mem.offset] |= 1 << a.bit();
            return;
        }
        double raw = p == ackPoint || p == heartbeatPoint ? value : Codec.toRaw(p, a.type(), value);
        Codec.encode(a.type(), a.order(), raw, words, mem.offset);
    }

    @Override
    public long readAck() throws ControllerIoException {
        // the cycle that may follow must not reuse a poll from before this read: a new run may have been published in
        // between, and its first cycle would take the old step's clock with the new run's inputs
        polledValues = null;
        polledQualities = null;
        if (ackPoint == null) return -1;
        ModbusTCPMaster m = requireOpen();
        ModbusAddress a = ackPoint.modbus();
        try {
            Register[] regs = m.readMultipleRegisters(a.unitId(), a.address(), a.registerCount());
            int[] words = new int[regs.length];
            for (int i = 0; i < regs.length; i++) words[i] = regs[i].toUnsignedShort();
            return (long) Codec.decode(a.type(), a.order(), words, 0);
        } catch (ModbusException e) {
            throw failure("read BENCH.Ack", e);
        }
    }

    /** An exception response leaves the link up; anything else (timeout, reset, EOF) counts as a lost link. */
    private ControllerIoException failure(String what, ModbusException e) {
        if (e instanceof ModbusSlaveException se) {
            return new ControllerIoException("plant refused " + what + ": Modbus exception " + se.getType() + " (" + se.getMessage() + ")", false, e);
        }
        close();
        return new ControllerIoException("plant link lost on " + what + " at " + describe() + ": " + e.getMessage(), true, e);
    }

    private ModbusTCPMaster requireOpen() throws ControllerIoException {
        ModbusTCPMaster m = master;
        if (m == null) throw new ControllerIoException("not connected to the plant at " + describe(), true, null);
        return m;
    }

    @Override
    public String describe() {
        return "modbus tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void close() {
        ModbusTCPMaster m = master;
        master = null;
        polledValues = null;
        polledQualities = null;
        if (m != null) m.disconnect();
    }
}
