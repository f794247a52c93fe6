package io.hilbench.adapters.modbus;

import io.hilbench.points.PointTable;
import io.hilbench.runtime.Lifecycle;
import io.hilbench.runtime.link.InProcessServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Modbus TCP server over the {@link PointTable} (DESIGN §6): every unit id of the table's Modbus layout, function
 * codes 1, 2, 3, 4, 5, 6, 15 and 16. It maps, never computes: {@code ModbusLayout} and {@link PointTable#write} do
 * the point logic; every request pins one table state and answers from it alone (DESIGN §3).
 *
 * <h2>Exception codes (Modbus Application Protocol V1.1b3 §7)</h2>
 * <table>
 *   <tr><th>code</th><th>when</th></tr>
 *   <tr><td>01 illegal function</td><td>any function code other than 1, 2, 3, 4, 5, 6, 15, 16</td></tr>
 *   <tr><td>02 illegal data address</td><td>an unmapped address anywhere in the range, a range past 65535, a
 *       write to a read-only point (sensor, status, constant, read-only bench point), a write covering part of a
 *       multi-register point (nothing of the request is applied)</td></tr>
 *   <tr><td>03 illegal data value</td><td>quantity outside 1–125 registers / 1–2000 bits (reads), 1–123 (FC16),
 *       1–1968 (FC15); a byte count not matching the quantity; a PDU whose size does not fit its function ("the
 *       implied length is incorrect", §7); FC5 value other than 0x0000/0xFF00; a value the point rejects (out of
 *       [min, max] with {@code on_out_of_range=reject}, not representable, not an enum code); nothing applied</td></tr>
 *   <tr><td>04 server device failure</td><td>an unexpected exception while serving (logged at ERROR with its
 *       stack trace); the connection and the server stay up. A write's outcome is then unknown to the client</td></tr>
 *   <tr><td>0B gateway target failed to respond</td><td>a unit id with no points on this server</td></tr>
 * </table>
 *
 * <p><b>Unknown unit id: 0x0B, not 02.</b> This server plays a remote-I/O coupler that fronts several units
 * (like a gateway), and a wrong unit id is a configuration error of the client, not a wrong register: answering
 * 02 would send the commissioning engineer looking through the register map of a unit that does not exist,
 * while 0x0B names the actual fault ("nothing answers behind that unit id"). Unit ids are taken literally (no
 * alias of 0 or 255 to unit 1), so a rig's map is the whole truth.
 *
 * <h2>Framing (MBAP, Modbus Messaging on TCP/IP Implementation Guide V1.0b §3.1.3)</h2>
 * Our own small front end reads the stream: the protocol id must be 0 and the length field 2..254 (unit id plus a
 * PDU of 1..253 bytes). A header breaking either rule means the client does not speak Modbus TCP or the stream
 * lost its framing: nothing after it can be trusted to start a frame, so that connection is closed (logged at
 * INFO) and no other connection is affected. A frame whose length promises more than has arrived waits for the
 * rest (frames split over TCP segments are reassembled); several frames in one segment are answered in order,
 * each from its own pinned state. A connection closed mid-frame is simply cleaned up.
 *
 * <p><b>Why our own front end and PDU codec instead of j2mod's slave and request classes.</b> j2mod stays the
 * project's Modbus library (its constants here, its master as the test client and in the controller), but its
 * slave cannot answer 03 from a setter, writes FC16 register by register (a rejected register leaves a partial
 * write), and leaks a watchdog thread per connection (library notes §2). Its request classes do not help either:
 * {@code WriteCoilRequest.readData} turns any value other than 0xFF00 into "off" (we must answer 03),
 * {@code WriteMultipleRegistersRequest.readData} reads the address as a signed short and trusts the byte count
 * without checking it against the quantity, and none checks the quantity limits. Encoding the eight PDUs directly
 * is a few lines each, allocation-light on the FC3 hot path, and gives exactly the codes above.
 *
 * <h2>Threading: one platform thread per connection, capped at {@code maxConnections}</h2>
 * Blocking sockets, one thread each (Java 17 has no virtual threads), started by one accept thread; connection
 * threads are daemons named {@code modbus-conn-PORT-PEER}. A stalled half-sent frame blocks only its own thread, so
 * other clients are never held up. A Modbus client has at most a handful of connections (a controller, a SCADA,
 * test masters), so a thread each costs nothing worth an NIO selector's complexity, and a blocking read/answer/write
 * loop gives the lowest latency per request on loopback. The cap bounds threads and file descriptors: a connection
 * beyond it is accepted and closed at once (logged at INFO), which a client sees immediately, unlike j2mod's silent
 * queue. Sockets get TCP_NODELAY (answers are small and must not wait for Nagle) and SO_KEEPALIVE; an optional idle
 * timeout reaps peers that vanished without FIN. A thread ends when its connection ends, so short connections
 * leave no threads behind.
 *
 * <p>Lifecycle: single use; {@link #start()} binds and returns once listening, {@link #stop()} closes the listener
 * and every open connection and waits (bounded) for their threads.
 */
public final class ModbusTcpServer implements Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(ModbusTcpServer.class);

    /** MBAP header: transaction id, protocol id, length (2 bytes each) and unit id. */
    private static final int MBAP_HEADER = 7;
    /** Length field limits: unit id + PDU of 1..253 bytes (the 260-byte ADU of the implementation guide). */
    private static final int MIN_LENGTH = 2;
    private static final int MAX_LENGTH = 254;
    private static final int MAX_ADU = 6 + MAX_LENGTH;
    private static final int BACKLOG = 100;
    private static final long STOP_JOIN_MS = 2000;

    private final PointTable table;
    private final ModbusServerConfig config;
    private final RequestHandler handler;
    private final Semaphore slots;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Sessions open through {@link #inProcess()}; their sockets are the proxy's, which closes them. */
    private final AtomicInteger inProcessSessions = new AtomicInteger();
    /** Caps INFO lines about malformed frames and refused connections, which clients cause (see {@link LogLimiter}). */
    private final LogLimiter connectionLog = new LogLimiter();

    private volatile ServerSocket serverSocket;
    private volatile Thread acceptThread;
    private volatile boolean running;
    private volatile boolean started;

    public ModbusTcpServer(PointTable table, ModbusServerConfig config) {
        this.table = Objects.requireNonNull(table, "table");
        this.config = Objects.requireNonNull(config, "config");
        this.handler = new RequestHandler(table);
        this.slots = new Semaphore(config.maxConnections());
    }

    @Override
    public synchronized void start() throws IOException {
        if (started) throw new IllegalStateException("a ModbusTcpServer starts once");
        started = true;
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), BACKLOG);
        } catch (IOException e) {
            ss.close();
            throw new IOException("Modbus TCP server cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        serverSocket = ss;
        running = true;
        Thread t = new Thread(this::acceptLoop, "modbus-accept-" + ss.getLocalPort());
        t.setDaemon(true);
        acceptThread = t;
        t.start();
        // debug: behind a fault proxy this is the inner port, which no client should dial; the commands print the
        // endpoint to dial themselves (issue #16 item 10: serve printed the inner port as "listening")
        log.debug("Modbus TCP server listening on {}, units {}, at most {} connections",
                endpoint(), table.modbus().units(), config.maxConnections());
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (!running) return;
        running = false;
        closeQuietly(serverSocket);
        Thread at = acceptThread;
        if (at != null) at.join(STOP_JOIN_MS); // after this no connection is added any more
        for (Connection c : connections) closeQuietly(c.socket);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_JOIN_MS);
        for (Connection c : connections) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) c.thread.join(left);
        }
        log.debug("Modbus TCP server on port {} stopped", serverSocket.getLocalPort());
    }

    /** The bound port (the free port chosen when the config asked for 0). */
    public int port() {
        ServerSocket ss = serverSocket;
        if (ss == null) throw new IllegalStateException("not started");
        return ss.getLocalPort();
    }

    /** {@code modbus tcp://HOST:PORT}, as {@code bench serve} prints it. */
    public String endpoint() {
        ServerSocket ss = serverSocket;
        if (ss == null) throw new IllegalStateException("not started");
        String host = ss.getInetAddress().getHostAddress();
        if (host.indexOf(':') >= 0) host = "[" + host + "]";
        return "modbus tcp://" + host + ":" + ss.getLocalPort();
    }

    /** Requests answered since construction (exception responses included). */
    public long requestCount() { return handler.requests.sum(); }

    /** Requests answered with a Modbus exception response since construction. */
    public long exceptionCount() { return handler.exceptions.sum(); }

    /** Requests with this function code answered since construction (exception responses included). */
    public long requestCount(int functionCode) { return handler.requestsByFc[functionCode & 0xFF].sum(); }

    /** Requests with this function code answered with an exception response since construction. */
    public long exceptionCount(int functionCode) { return handler.exceptionsByFc[functionCode & 0xFF].sum(); }

    /** Connections open now, on this server's port and through {@link #inProcess()} (for diagnostics and tests). */
    public int connectionCount() {
        return connections.size() + inProcessSessions.get();
    }

    private void acceptLoop() {
        ServerSocket ss = serverSocket;
        while (running) {
            Socket s;
            try {
                s = ss.accept();
            } catch (IOException e) {
                if (!running) break;
                log.warn("Modbus TCP accept on port {} failed: {}", ss.getLocalPort(), e.toString());
                pauseAfterAcceptFailure(); // e.g. out of file descriptors: do not spin
                continue;
            }
            String peer = peerOf(s);
            if (!slots.tryAcquire()) {
                long suppressed = connectionLog.admit();
                if (suppressed >= 0) {
                    log.info("refused Modbus TCP connection from {}: already {} connections open (max_connections){}",
                            peer, config.maxConnections(), LogLimiter.note(suppressed));
                }
                closeQuietly(s);
                continue;
            }
            Connection c = new Connection(s, peer);
            Thread t = new Thread(c, "modbus-conn-" + ss.getLocalPort() + "-" + peer);
            t.setDaemon(true);
            c.thread = t;
            connections.add(c);
            try {
                t.start();
            } catch (Throwable e) { // e.g. OutOfMemoryError: unable to create native thread
                connections.remove(c);
                slots.release();
                closeQuietly(s);
                log.warn("Modbus TCP connection from {} dropped: cannot start its thread: {}", peer, e.toString());
            }
        }
    }

    /** One client connection: reassembles MBAP frames from the stream and answers them in order. */
    private final class Connection implements Runnable {
        final Socket socket;
        final String peer;
        volatile Thread thread;

        Connection(Socket socket, String peer) {
            this.socket = socket;
            this.peer = peer;
        }

        @Override
        public void run() {
            log.debug("Modbus TCP connection from {} opened", peer);
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.setSoTimeout((int) config.idleTimeout().toMillis());
                serve(socket.getInputStream(), socket.getOutputStream());
            } catch (SocketTimeoutException e) {
                log.info("closed Modbus TCP connection from {}: idle for {} ms", peer, config.idleTimeout().toMillis());
            } catch (IOException e) {
                if (running) log.debug("Modbus TCP connection from {} ended: {}", peer, e.toString());
            } catch (RuntimeException e) {
                log.error("Modbus TCP connection from {} failed; closing it", peer, e);
            } finally {
                closeQuietly(socket);
                connections.remove(this);
                slots.release();
            }
        }

        private void serve(InputStream in, OutputStream out) throws IOException {
            Framer framer = new Framer(peer);
            while (true) {
                // read straight into the framer's buffer: no copy on the direct path
                int n = in.read(framer.buf, framer.filled, framer.buf.length - framer.filled);
                if (n < 0) {
                    framer.closedByClient();
                    return;
                }
                framer.filled += n;
                if (!framer.answerComplete(out::write)) return;
            }
        }
    }

    /**
     * The MBAP front end of one connection, shared by the server's own connections and the in-process sessions a
     * link-fault proxy opens ({@link #inProcess()}): a buffer holding at most one partial frame after each call,
     * and the answers to the complete frames before it.
     */
    private final class Framer {
        // Room for a partial frame plus many pipelined ones; after compaction less than one ADU is left over,
        // so there is always space to read into.
        final byte[] buf = new byte[4096];
        private final byte[] resp = new byte[8192];
        private final String peer;
        int filled;

        Framer(String peer) {
            this.peer = peer;
        }

        void closedByClient() {
            if (filled > 0) log.debug("Modbus TCP connection from {} closed mid-frame ({} bytes pending)", peer, filled);
            else log.debug("Modbus TCP connection from {} closed", peer);
        }

        /**
         * Answers every complete frame in {@code buf[0, filled)}, in order, then keeps only the partial frame after
         * them.
         *
         * @return false when a malformed header ended the connection (the answers before it have been written)
         */
        boolean answerComplete(InProcessServer.Answers out) throws IOException {
            int pos = 0;
            int respLen = 0;
            while (filled - pos >= 6) {
                int protocolId = u16(buf, pos + 2);
                int length = u16(buf, pos + 4);
                if (protocolId != 0 || length < MIN_LENGTH || length > MAX_LENGTH) {
                    if (respLen > 0) out.write(resp, 0, respLen); // answers to the good frames before it
                    long suppressed = connectionLog.admit(); // capped: a hostile client must not flood the log
                    if (suppressed >= 0) {
                        log.info("closed Modbus TCP connection from {}: malformed MBAP header (protocol id {}, length {}; "
                                + "expected protocol id 0 and length {}..{}){}", peer, protocolId, length, MIN_LENGTH, MAX_LENGTH,
                                LogLimiter.note(suppressed));
                    }
                    return false;
                }
                int frame = 6 + length;
                if (filled - pos < frame) break; // wait for the rest of this frame
                if (respLen + MBAP_HEADER + RequestHandler.MAX_RESPONSE_PDU > resp.length) {
                    out.write(resp, 0, respLen);
                    respLen = 0;
                }
                int unit = buf[pos + 6] & 0xFF;
                int pduLen = handler.handle(unit, buf, pos + MBAP_HEADER, length - 1, resp, respLen + MBAP_HEADER, peer);
                resp[respLen] = buf[pos];         // transaction id echoed
                resp[respLen + 1] = buf[pos + 1];
                resp[respLen + 2] = 0;            // protocol id
                resp[respLen + 3] = 0;
                resp[respLen + 4] = (byte) ((pduLen + 1) >> 8);
                resp[respLen + 5] = (byte) (pduLen + 1);
                resp[respLen + 6] = (byte) unit;  // unit id echoed
                respLen += MBAP_HEADER + pduLen;
                pos += frame;
            }
            if (respLen > 0) out.write(resp, 0, respLen);
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, filled - pos);
                filled -= pos;
            }
            assert filled < MAX_ADU;
            return true;
        }
    }

    /**
     * This server as an {@link InProcessServer}: a link-fault proxy in the same JVM hands it its clients' bytes and
     * passes the answers back, with no loopback connection to this server's port in between (issue #18 item 5).
     * Each session takes one of the {@code maxConnections} slots while open, as a connection of its own would; a
     * session beyond the cap is refused (logged at INFO like a refused connection). Framing, answers, exception
     * codes, logs and counters are exactly those of a direct connection: both run the same {@code Framer}.
     */
    public InProcessServer inProcess() {
        return peer -> {
            if (!running) return null;
            if (!slots.tryAcquire()) {
                long suppressed = connectionLog.admit();
                if (suppressed >= 0) {
                    log.info("refused Modbus TCP connection from {} (through the link proxy): already {} connections open "
                            + "(max_connections){}", peer, config.maxConnections(), LogLimiter.note(suppressed));
                }
                return null;
            }
            log.debug("Modbus TCP connection from {} opened (through the link proxy)", peer);
            Framer framer = new Framer(peer);
            AtomicBoolean open = new AtomicBoolean(true);
            inProcessSessions.incrementAndGet();
            return new InProcessServer.Session() {
                @Override
                public boolean accept(byte[] bytes, int offset, int length, InProcessServer.Answers answers) throws IOException {
                    while (length > 0) {
                        // after answerComplete less than one ADU is left, so at least 4096 - 259 bytes are free
                        int n = Math.min(length, framer.buf.length - framer.filled);
                        System.arraycopy(bytes, offset, framer.buf, framer.filled, n);
                        framer.filled += n;
                        offset += n;
                        length -= n;
                        if (!framer.answerComplete(answers)) return false;
                    }
                    return true;
                }

                @Override
                public void close() {
                    if (open.compareAndSet(true, false)) {
                        framer.closedByClient();
                        inProcessSessions.decrementAndGet();
                        slots.release();
                    }
                }
            };
        };
    }

    private static void pauseAfterAcceptFailure() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static String peerOf(Socket s) {
        return s.getInetAddress().getHostAddress() + ":" + s.getPort();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
