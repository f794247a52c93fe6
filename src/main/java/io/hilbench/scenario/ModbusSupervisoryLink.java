package io.hilbench.scenario;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import io.hilbench.points.BaseType;
import io.hilbench.points.Codec;
import io.hilbench.points.ModbusAddress;
import io.hilbench.points.PointDefinition;
import io.hilbench.rig.ControllerSection;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The supervisory interface over Modbus TCP (j2mod master), addresses and codecs from the rig's controller map (the
 * same {@link Codec} the servers use). One request per point: the supervisory map is small and read a few points at
 * a time. Retries are set after {@code connect()} (library notes §2: before it they are ignored).
 */
public final class ModbusSupervisoryLink implements SupervisoryLink {
    private final String host;
    private final int port;
    private final ModbusTCPMaster master;
    private final Map<String, PointDefinition> points = new HashMap<>();

    private ModbusSupervisoryLink(String host, int port, ModbusTCPMaster master, java.util.Collection<PointDefinition> map) {
        this.host = host;
        this.port = port;
        this.master = master;
        for (PointDefinition p : map) points.put(p.tag(), p);
    }

    public static ModbusSupervisoryLink connect(String host, int port, ControllerSection section) throws IOException {
        return connect(host, port, section.points());
    }

    /** A link over any point map (the preflight reads the plant's map through the bench's own server with it). */
    public static ModbusSupervisoryLink connect(String host, int port, java.util.Collection<PointDefinition> map) throws IOException {
        ModbusTCPMaster m = new ModbusTCPMaster(host, port, (int) REQUEST_TIMEOUT.toMillis(), true);
        try {
            m.connect();
            m.setRetries(1);
        } catch (Exception e) {
            m.disconnect();
            throw new IOException("cannot connect to the controller at modbus tcp://" + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new ModbusSupervisoryLink(host, port, m, map);
    }

    private PointDefinition point(String tag) {
        PointDefinition p = points.get(tag);
        if (p == null) throw new IllegalArgumentException("the controller map has no point " + tag);
        if (p.modbus() == null) throw new IllegalArgumentException("controller point " + tag + " has no Modbus address");
        return p;
    }

    @Override
    public synchronized double[] read(List<String> tags) throws IOException {
        double[] out = new double[tags.size()];
        for (int i = 0; i < out.length; i++) out[i] = readOne(point(tags.get(i)));
        return out;
    }

    private double readOne(PointDefinition p) throws IOException {
        ModbusAddress a = p.modbus();
        try {
            switch (a.area()) {
                case COIL -> {
                    BitVector b = master.readCoils(a.unitId(), a.address(), 1);
                    return b.getBit(0) ? 1 : 0;
                }
                case DISCRETE_INPUT -> {
                    BitVector b = master.readInputDiscretes(a.unitId(), a.address(), 1);
                    return b.getBit(0) ? 1 : 0;
                }
                default -> {
                    int[] words = words(a, a.registerCount());
                    if (a.isBitInRegister()) return (words[0] >> a.bit() & 1) == 1 ? 1 : 0;
                    return Codec.toEngineering(p, Codec.decode(a.type(), a.order(), words, 0));
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Modbus read of " + p.tag() + " (" + a + ") failed: " + e.getMessage(), e);
        }
    }

    private int[] words(ModbusAddress a, int count) throws Exception {
        InputRegister[] regs = switch (a.area()) {
            case HOLDING_REGISTER -> master.readMultipleRegisters(a.unitId(), a.address(), count);
            default -> master.readInputRegisters(a.unitId(), a.address(), count);
        };
        int[] w = new int[regs.length];
        for (int i = 0; i < w.length; i++) w[i] = regs[i].getValue() & 0xFFFF;
        return w;
    }

    @Override
    public synchronized String readText(String tag) throws IOException {
        PointDefinition p = point(tag);
        ModbusAddress a = p.modbus();
        if (a.type().base() != BaseType.STRING) return Double.toString(readOne(p));
        try {
            return Codec.decodeString(a.type().stringLength(), a.order(), words(a, a.registerCount()), 0);
        } catch (Exception e) {
            throw new IOException("Modbus read of " + tag + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void write(String tag, double value) throws IOException {
        PointDefinition p = point(tag);
        ModbusAddress a = p.modbus();
        try {
            switch (a.area()) {
                case COIL -> master.writeCoil(a.unitId(), a.address(), value != 0.0);
                case HOLDING_REGISTER -> {
                    int[] w = new int[a.registerCount()];
                    Codec.encode(a.type(), a.order(), Codec.toRaw(p, a.type(), value), w, 0);
                    Register[] regs = new Register[w.length];
                    for (int i = 0; i < w.length; i++) regs[i] = new SimpleRegister(w[i]);
                    master.writeMultipleRegisters(a.unitId(), a.address(), regs);
                }
                default -> throw new IllegalArgumentException("controller point " + tag + " (" + a + ") is read-only");
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Modbus write of " + tag + " = " + value + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.Optional<Probe> probe(String tag) {
        PointDefinition p = point(tag);
        try {
            if (p.isString()) readText(tag);
            else readOne(p);
            return java.util.Optional.empty();
        } catch (IOException e) {
            // an exception response (V1.1b3 §7: 02 illegal address, ...) means the device answered and the map is wrong
            boolean answered = e.getCause() instanceof com.ghgande.j2mod.modbus.ModbusSlaveException;
            return java.util.Optional.of(new Probe(p.modbus().toString(), e.getMessage(), answered));
        }
    }

    @Override
    public String protocol() { return "modbus"; }

    @Override
    public String describe() { return "modbus tcp://" + host + ":" + port; }

    @Override
    public void close() {
        master.disconnect();
    }
}
