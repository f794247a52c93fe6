package io.hilbench.adapters.modbus;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/** A hand-built MBAP client for what j2mod's master will not send: malformed headers, split and pipelined frames. */
final class RawModbusClient implements AutoCloseable {
    /** A received frame: MBAP header fields and the PDU. */
    record Frame(int transactionId, int protocolId, int unit, byte[] pdu) {
        boolean isException() { return (pdu[0] & 0x80) != 0; }

        int exceptionCode() { return pdu[1] & 0xFF; }
    }

    /** How long a read may wait before the test counts the server as hung. */
    static final int HANG_GUARD_MS = 60_000;

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawModbusClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true); // each write its own segment, so split frames really arrive split
        // a hang guard, not a time limit: what a test asks for (served, closed, answered) arrives or the test fails on
        // the answer itself; 2 s here failed tests on 2 loaded cores where a thread waited its turn that long
        socket.setSoTimeout(HANG_GUARD_MS);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] frame(int tid, int protocolId, int length, int unit, byte... pdu) {
        ByteBuffer b = ByteBuffer.allocate(7 + pdu.length);
        b.putShort((short) tid).putShort((short) protocolId).putShort((short) length).put((byte) unit).put(pdu);
        return b.array();
    }

    static byte[] request(int tid, int unit, byte... pdu) {
        return frame(tid, 0, pdu.length + 1, unit, pdu);
    }

    /** FC with a 16-bit address and a 16-bit quantity or value, e.g. FC3 start count. */
    static byte[] pdu(int fc, int address, int quantityOrValue, byte... rest) {
        ByteBuffer b = ByteBuffer.allocate(5 + rest.length);
        b.put((byte) fc).putShort((short) address).putShort((short) quantityOrValue).put(rest);
        return b.array();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Frame read() throws IOException {
        int tid = in.readUnsignedShort();
        int pid = in.readUnsignedShort();
        int len = in.readUnsignedShort();
        int unit = in.readUnsignedByte();
        byte[] pdu = new byte[len - 1];
        in.readFully(pdu);
        return new Frame(tid, pid, unit, pdu);
    }

    Frame exchange(byte[] request) throws IOException {
        send(request);
        return read();
    }

    /** True when nothing arrives within {@code ms} (the connection still open). */
    boolean silentFor(int ms) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(ms);
        try {
            int b = in.read();
            if (b < 0) throw new EOFException("server closed the connection");
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    /** True when the server closed the connection (EOF or reset) before sending anything. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException e) { // connection reset
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
