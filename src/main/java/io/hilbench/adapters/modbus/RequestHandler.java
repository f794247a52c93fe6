package io.hilbench.adapters.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import io.hilbench.points.Area;
import io.hilbench.points.ModbusLayout;
import io.hilbench.points.PointAccessException;
import io.hilbench.points.PointTable;
import io.hilbench.points.PointWrite;
import io.hilbench.points.TableState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Answers one Modbus request PDU from the point table: decodes it, lets {@link ModbusLayout} and
 * {@link PointTable#write} do all the point logic, and encodes the response or exception PDU. No sockets here;
 * {@link ModbusTcpServer} frames the PDUs.
 *
 * <p>Order of checks, as the state diagrams of Modbus Application Protocol V1.1b3 §6 and the codes of §7:
 * unit id known (else 0x0B, see {@link ModbusTcpServer}), function code supported (else 01), PDU structure and
 * quantity (else 03), addresses mapped and writable (else 02), value acceptable (else 03), then execute (an
 * unexpected failure: 04).
 *
 * <p>Each request pins {@link PointTable#state()} once and answers from that one state (DESIGN §3), and each
 * write request is staged whole and applied by one {@link PointTable#write} call, so a multi-point FC16 is applied
 * completely or not at all.
 *
 * <p>Thread-safe: no mutable state of its own; connections call it concurrently.
 */
final class RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
    /** Requests answered, and those answered with an exception response (for the console's {@code /metrics}). */
    final java.util.concurrent.atomic.LongAdder requests = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder exceptions = new java.util.concurrent.atomic.LongAdder();
    /** The same two counts per function code (index = the request's function code byte, 0..255; issue #16 item 7). */
    final java.util.concurrent.atomic.LongAdder[] requestsByFc = adders();
    final java.util.concurrent.atomic.LongAdder[] exceptionsByFc = adders();

    private static java.util.concurrent.atomic.LongAdder[] adders() {
        java.util.concurrent.atomic.LongAdder[] a = new java.util.concurrent.atomic.LongAdder[256];
        for (int i = 0; i < a.length; i++) a[i] = new java.util.concurrent.atomic.LongAdder();
        return a;
    }

    /** Quantity limits of V1.1b3 §6.1–6.4 (reads), §6.11 (FC15), §6.12 (FC16). */
    static final int MAX_READ_REGISTERS = 125;
    static final int MAX_READ_BITS = Modbus.MAX_BITS;          // 2000
    static final int MAX_WRITE_REGISTERS = 123;
    static final int MAX_WRITE_COILS = 1968;

    /** The largest response PDU: FC3/FC4 with 125 registers (1 + 1 + 250 bytes); an exception PDU is 2 bytes. */
    static final int MAX_RESPONSE_PDU = 2 + 2 * MAX_READ_REGISTERS;

    /** 0x0B, "gateway target device failed to respond" (V1.1b3 §7). */
    static final int GATEWAY_TARGET_FAILED = Modbus.GATEWAY_TARGET_NO_RESPONSE;

    private final PointTable table;
    private final ModbusLayout layout;
    private final LogLimiter refusedWriteLog;
    private final boolean[] knownUnit = new boolean[256];

    RequestHandler(PointTable table) {
        this(table, new LogLimiter());
    }

    RequestHandler(PointTable table, LogLimiter refusedWriteLog) {
        this.refusedWriteLog = refusedWriteLog;
        this.table = table;
        this.layout = table.modbus();
        for (int u : layout.units()) knownUnit[u] = true;
    }

    /** A request refused with an exception code; no stack trace, it is an answer, not a bug. */
    private static final class Refused extends Exception {
        final int code;

        Refused(int code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }
    }

    /**
     * Answers the request PDU {@code req[off, off+len)} (len >= 1) addressed to {@code unit}, writing the response
     * PDU into {@code out} from {@code outOff} (room for {@link #MAX_RESPONSE_PDU} bytes needed).
     *
     * @param peer the client's address, for the log and the write origin
     * @return the response PDU's length
     */
    int handle(int unit, byte[] req, int off, int len, byte[] out, int outOff, String peer) {
        int fc = req[off] & 0xFF;
        requests.increment();
        requestsByFc[fc].increment();
        try {
            if (!knownUnit[unit]) {
                throw new Refused(GATEWAY_TARGET_FAILED, "no unit " + unit + " on this server (units " + layout.units() + ")");
            }
            return switch (fc) {
                case Modbus.READ_COILS -> readBits(unit, Area.COIL, req, off, len, out, outOff);
                case Modbus.READ_INPUT_DISCRETES -> readBits(unit, Area.DISCRETE_INPUT, req, off, len, out, outOff);
                case Modbus.READ_HOLDING_REGISTERS -> readRegisters(unit, Area.HOLDING_REGISTER, req, off, len, out, outOff);
                case Modbus.READ_INPUT_REGISTERS -> readRegisters(unit, Area.INPUT_REGISTER, req, off, len, out, outOff);
                case Modbus.WRITE_COIL -> writeCoil(unit, req, off, len, out, outOff, peer);
                case Modbus.WRITE_SINGLE_REGISTER -> writeRegister(unit, req, off, len, out, outOff, peer);
                case Modbus.WRITE_MULTIPLE_COILS -> writeCoils(unit, req, off, len, out, outOff, peer);
                case Modbus.WRITE_MULTIPLE_REGISTERS -> writeRegisters(unit, req, off, len, out, outOff, peer);
                default -> throw new Refused(Modbus.ILLEGAL_FUNCTION_EXCEPTION, "function code " + fc + " is not supported");
            };
        } catch (Refused r) {
            exceptions.increment();
            exceptionsByFc[fc].increment();
            logRefused(peer, unit, fc, req, off, len, r.code, r.getMessage());
            return exception(out, outOff, fc, r.code);
        } catch (PointAccessException e) {
            exceptions.increment();
            exceptionsByFc[fc].increment();
            logRefused(peer, unit, fc, req, off, len, e.error().modbusExceptionCode(), e.getMessage());
            return exception(out, outOff, fc, e.error().modbusExceptionCode());
        } catch (RuntimeException e) {
            exceptions.increment();
            exceptionsByFc[fc].increment();
            // A bug or a failing listener: answer 04 (V1.1b3 §7 "an unrecoverable error occurred while the server was
            // attempting to perform the requested action") and keep the connection and the server running.
            log.error("internal failure serving FC{} unit {} address {} from {}: answered exception 04",
                    fc, unit, address(req, off, len), peer, e);
            return exception(out, outOff, fc, Modbus.SLAVE_DEVICE_FAILURE);
        }
    }

    private int readBits(int unit, Area area, byte[] req, int off, int len, byte[] out, int o)
            throws Refused, PointAccessException {
        requireLength(req, off, len, 5);
        int start = u16(req, off + 1);
        int qty = u16(req, off + 3);
        if (qty < 1 || qty > MAX_READ_BITS) throw new Refused(Modbus.ILLEGAL_VALUE_EXCEPTION, "quantity " + qty + " is outside 1.." + MAX_READ_BITS);
        TableState s = table.state(); // pinned once: the whole answer comes from this state
        boolean[] bits = layout.readBits(s, unit, area, start, qty);
        int bytes = (qty + 7) / 8;
        out[o] = req[off];
        out[o + 1] = (byte) bytes;
        for (int b = 0; b < bytes; b++) out[o + 2 + b] = 0;
        for (int i = 0; i < qty; i++) {
            if (bits[i]) out[o + 2 + (i >> 3)] |= (byte) (1 << (i & 7)); // first bit in the LSB (V1.1b3 §6.1)
        }
        return 2 + bytes;
    }

    private int readRegisters(int unit, Area area, byte[] req, int off, int len, byte[] out, int o)
            throws Refused, PointAccessException {
        requireLength(req, off, len, 5);
        int start = u16(req, off + 1);
        int qty = u16(req, off + 3);
        if (qty < 1 || qty > MAX_READ_REGISTERS) {
            throw new Refused(Modbus.ILLEGAL_VALUE_EXCEPTION, "quantity " + qty + " is outside 1.." + MAX_READ_REGISTERS);
        }
        TableState s = table.state(); // pinned once: a float's two words and every point come from one step
        int[] words = layout.readRegisters(s, unit, area, start, qty);
        out[o] = req[off];
        out[o + 1] = (byte) (2 * qty);
        for (int i = 0; i < qty; i++) {
            out[o + 2 + 2 * i] = (byte) (words[i] >> 8);
            out[o + 3 + 2 * i] = (byte) words[i];
        }
        return 2 + 2 * qty;
    }

    private int writeCoil(int unit, byte[] req, int off, int len, byte[] out, int o, String peer)
            throws Refused, PointAccessException {
        requireLength(req, off, len, 5);
        int address = u16(req, off + 1);
        int value = u16(req, off + 3);
        if (value != 0x0000 && value != 0xFF00) {
            throw new Refused(Modbus.ILLEGAL_VALUE_EXCEPTION, String.format("coil value 0x%04X is neither 0x0000 nor 0xFF00", value));
        }
        List<PointWrite> writes = layout.decodeCoilWrite(unit, address, new boolean[] {value == 0xFF00});
        table.write(writes, origin(peer));
        System.arraycopy(req, off, out, o, 5); // the normal response echoes the request (V1.1b3 §6.5)
        return 5;
    }

    private int writeRegister(int unit, byte[] req, int off, int len, byte[] out, int o, String peer)
            throws Refused, PointAccessException {
        requireLength(req, off, len, 5);
        int address = u16(req, off + 1);
        int value = u16(req, off + 3);
        List<PointWrite> writes = layout.decodeRegisterWrite(unit, address, new int[] {value});
        table.write(writes, origin(peer));
        System.arraycopy(req, off, out, o, 5); // echo (V1.1b3 §6.6)
        return 5;
    }

    private int writeCoils(int unit, byte[] req, int off, int len, byte[] out, int o, String peer)
            throws Refused, PointAccessException {
        requireAtLeast(req, off, len, 6);
        int start = u16(req, off + 1);
        int qty = u16(req, off + 3);
        int byteCount = req[off + 5] & 0xFF;
        if (qty < 1 || qty > MAX_WRITE_COILS) throw new Refused(Modbus.ILLEGAL_VALUE_EXCEPTION, "quantity " + qty + " is outside 1.." + MAX_WRITE_COILS);
        if (byteCount != (qty + 7) / 8) {
            throw new Refused(Modbus.ILLEGAL_VALUE_EXCEPTION, "byte count " + byteCount + " does not match quantity " + qty + " (needs " + (qty + 7) / 8 + ")");
        }
        if (len != 6 + byteCount) {
            throw new Refused(Modbus.ILLEGAL_VALUE_EXCEPTION, "PDU of " + len + " bytes does not carry byte count " + byteCount);
        }
        boolean[] bits = new boolean[qty];
        for (int i = 0; i < qty; i++) bits[i] = (req[off + 6 + (i >> 3)] & (1 << (i & 7))) != 0;
        List<PointWrite> writes = layout.decodeCoilWrite(unit, start, bits);
        table.write(writes, origin(peer)); // one call: all coils of the request or none
        System.arraycopy(req, off, out, o, 5); // FC, start, quantity (V1.1b3 §6.11)
        return 5;
    }

    private int writeRegisters(int unit, byte[] req, int off, int len, byte[] out, int o, String peer)
            throws Refused, PointAccessException {
        requireAtLeast(req, off, len, 6);
        int start = u16(req, off + 1);
        int qty = u16(req, off + 3);
        int byteCount = req[off + 5] & 0xFF;
        if (qty < 1 || qty > MAX_WRITE_REGISTERS) {
            throw new Refused(Modbus.ILLEGAL_VALUE_EXCEPTION, "quantity " + qty + " is outside 1.." + MAX_WRITE_REGISTERS);
        }
        if (byteCount != 2 * qty) {
            throw new Refused(Modbus.ILLEGAL_VALUE_EXCEPTION, "byte count " + byteCount + " does not match quantity " + qty + " (needs " + 2 * qty + ")");
        }
        if (len != 6 + byteCount) {
            throw new Refused(Modbus.ILLEGAL_VALUE_EXCEPTION, "PDU of " + len + " bytes does not carry byte count " + byteCount);
        }
        int[] words = new int[qty];
        for (int i = 0; i < qty; i++) words[i] = u16(req, off + 6 + 2 * i);
        List<PointWrite> writes = layout.decodeRegisterWrite(unit, start, words);
        table.write(writes, origin(peer)); // one call: every point of the request or none (DESIGN §3, lockstep Ack)
        System.arraycopy(req, off, out, o, 5); // FC, start, quantity (V1.1b3 §6.12)
        return 5;
    }

    /** A PDU whose size does not fit its function: 03, "the implied length is incorrect" (V1.1b3 §7, code 03). */
    private static void requireLength(byte[] req, int off, int len, int expected) throws Refused {
        if (len != expected) {
            throw new Refused(Modbus.ILLEGAL_VALUE_EXCEPTION, "PDU of " + len + " bytes; function " + (req[off] & 0xFF) + " takes " + expected);
        }
    }

    private static void requireAtLeast(byte[] req, int off, int len, int min) throws Refused {
        if (len < min) {
            throw new Refused(Modbus.ILLEGAL_VALUE_EXCEPTION, "PDU of " + len + " bytes; function " + (req[off] & 0xFF) + " takes at least " + min);
        }
    }

    private static int exception(byte[] out, int o, int fc, int code) {
        out[o] = (byte) (fc | Modbus.EXCEPTION_OFFSET);
        out[o + 1] = (byte) code;
        return 2;
    }

    private static String origin(String peer) {
        return "modbus " + peer;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static String address(byte[] req, int off, int len) {
        return len >= 3 ? Integer.toString(u16(req, off + 1)) : "-";
    }

    /**
     * Refusals are answers, not server faults: refused writes at INFO (a controller command did not reach the
     * plant, worth seeing), refused reads and unsupported functions at DEBUG (a SCADA scanning the map would
     * otherwise flood the log).
     */
    private void logRefused(String peer, int unit, int fc, byte[] req, int off, int len, int code, String reason) {
        boolean write = fc == Modbus.WRITE_COIL || fc == Modbus.WRITE_SINGLE_REGISTER
                || fc == Modbus.WRITE_MULTIPLE_COILS || fc == Modbus.WRITE_MULTIPLE_REGISTERS;
        if (write) {
            if (log.isInfoEnabled()) {
                long suppressed = refusedWriteLog.admit(); // capped: a hostile client must not flood the log
                if (suppressed < 0) return;
                log.info("refused FC{} unit {} address {} from {}: exception {}: {}{}", fc, unit, address(req, off, len), peer,
                        String.format("%02X", code), reason, LogLimiter.note(suppressed));
            }
        } else if (log.isDebugEnabled()) {
            log.debug("refused FC{} unit {} address {} from {}: exception {}: {}", fc, unit, address(req, off, len), peer,
                    String.format("%02X", code), reason);
        }
    }
}
