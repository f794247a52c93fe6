package io.hilbench.runtime.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One client connection through a {@link FaultProxy} and its connection to the server behind. Two ways to carry it:
 * on the proxy's selector thread ({@link LinkLoop}: non-blocking channels, the fast path while bytes pass straight
 * through), or with two directions each pumped by its own thread (blocking sockets; what DELAY and BLACKHOLE need).
 * A connection starts on the selector unless such a fault is on, and moves to threads, once and for good, when the
 * selector sees traffic under one: the chunk it has just read (or the rest of a write it could not finish) becomes
 * the pump's first chunk, so no byte is lost or reordered. The client-to-server side first connects to the server,
 * so the accept thread never waits on it. An orderly end of stream is passed on as a half-close; the connection
 * closes when both directions have ended. An I/O error on either side resets both.
 */
final class ProxiedConnection {
    private static final System.Logger LOG = System.getLogger(ProxiedConnection.class.getName());
    /** Chunks a delay line holds per direction before its reader blocks (TCP-like back-pressure). */
    private static final int DELAY_LINE_CHUNKS = 256;

    final long id;
    private final FaultProxy proxy;
    private final SocketChannel clientChannel;
    private final SocketChannel serverChannel;
    private final Socket client;
    private final Socket server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger openDirections = new AtomicInteger(2);
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    ProxiedConnection(FaultProxy proxy, long id, SocketChannel client) {
        this.proxy = proxy;
        this.id = id;
        this.clientChannel = client;
        this.client = client.socket();
        SocketChannel s;
        try {
            s = SocketChannel.open();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("link proxy " + proxy.name() + ": cannot open a socket", e);
        }
        this.serverChannel = s;
        this.server = s.socket();
    }

    /** Carries the connection with two pump threads from the start (a DELAY or BLACKHOLE is on). */
    void start() {
        spawn("c2s", this::connectAndPump);
    }

    boolean isClosed() {
        return closed.get();
    }

    private void spawn(String suffix, Runnable body) {
        Thread thread = proxy.newThread(id + "-" + suffix, () -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(thread);
        thread.start();
    }

    private void connectAndPump() {
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(proxy.target(), FaultProxy.CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            if (!closed.get()) {
                proxy.upstreamFailed(this, e);
                close(true);
            }
            return;
        }
        if (closed.get()) {
            return;
        }
        Direction toClient = new Direction("s2c", server, client, proxy.bytesToClient);
        Direction toServer = new Direction("c2s", client, server, proxy.bytesToServer);
        spawn("s2c", () -> toClient.pump(null));
        toServer.pump(null);
    }

    // ---- the selector's fast path (called on the LinkLoop thread only) ------------------------------------------

    private SelectionKey clientKey;
    private SelectionKey serverKey;
    private boolean connected;
    private long connectDeadlineNanos;
    private final Fast c2s = new Fast("c2s", true);
    private final Fast s2c = new Fast("s2c", false);
    /** Set when the connection should move to pump threads; done by the loop after the batch of events. */
    private boolean migrating;

    /** Starts the non-blocking connect to the server and registers with the loop's selector. */
    void registerFast(Selector selector) throws IOException {
        clientChannel.configureBlocking(false);
        serverChannel.configureBlocking(false);
        clientChannel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        serverChannel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        connectDeadlineNanos = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(FaultProxy.CONNECT_TIMEOUT_MS);
        try {
            connected = serverChannel.connect(proxy.target());
        } catch (IOException e) {
            upstreamFailure(e);
            return;
        }
        serverKey = serverChannel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, this);
        clientKey = clientChannel.register(selector, 0, this);
        if (connected) afterConnect();
    }

    private void upstreamFailure(IOException e) {
        if (!closed.get()) {
            proxy.upstreamFailed(this, e);
            close(true);
        }
    }

    private void afterConnect() {
        if (proxy.needsThreads()) {
            migrating = true;
            return;
        }
        try {
            updateInterest();
        } catch (java.nio.channels.CancelledKeyException e) {
            close(true);
        }
    }

    /** The connect has not completed by its deadline (checked by the loop). */
    boolean connectTimedOut(long nowNanos) {
        if (connected || closed.get() || nowNanos < connectDeadlineNanos) return false;
        upstreamFailure(new java.net.SocketTimeoutException("connect timed out after " + FaultProxy.CONNECT_TIMEOUT_MS + " ms"));
        return true;
    }

    boolean connecting() {
        return !connected && !closed.get();
    }

    long connectDeadlineNanos() {
        return connectDeadlineNanos;
    }

    boolean migrating() {
        return migrating;
    }

    /** One ready key of this connection. */
    void onReady(SelectionKey key) {
        if (closed.get() || migrating || !key.isValid()) return;
        try {
            if (!connected) {
                if (key.channel() == serverChannel && key.isConnectable()) {
                    try {
                        if (!serverChannel.finishConnect()) return;
                    } catch (IOException e) {
                        upstreamFailure(e);
                        return;
                    }
                    connected = true;
                    afterConnect();
                }
                return;
            }
            boolean fromClient = key.channel() == clientChannel;
            Fast out = fromClient ? s2c : c2s; // the direction that writes to this channel
            Fast in = fromClient ? c2s : s2c;  // the direction that reads from it
            if (key.isWritable()) out.flush();
            if (key.isValid() && key.isReadable() && !closed.get()) in.read();
            if (!closed.get() && !migrating) updateInterest();
        } catch (IOException | java.nio.channels.CancelledKeyException e) {
            // a key cancelled under us: the connection was closed from another thread (DROP, stop)
            fail("fast path", e instanceof IOException io ? io : new IOException(e));
        }
    }

    private void updateInterest() {
        if (closed.get()) return;
        // set only on a change: each change costs the selector an epoll_ctl at its next select
        int clientOps = (c2s.canRead() ? SelectionKey.OP_READ : 0) | (s2c.pending ? SelectionKey.OP_WRITE : 0);
        int serverOps = (s2c.canRead() ? SelectionKey.OP_READ : 0) | (c2s.pending ? SelectionKey.OP_WRITE : 0);
        if (clientKey.interestOps() != clientOps) clientKey.interestOps(clientOps);
        if (serverKey.interestOps() != serverOps) serverKey.interestOps(serverOps);
    }

    /** Deregisters from the selector (the caller then runs selectNow), so the channels may block again. */
    void cancelKeys() {
        if (clientKey != null) clientKey.cancel();
        if (serverKey != null) serverKey.cancel();
    }

    /** After {@link #cancelKeys} and a selectNow: blocking channels and two pump threads from here on. */
    void migrate() {
        if (closed.get()) return;
        try {
            clientChannel.configureBlocking(true);
            serverChannel.configureBlocking(true);
        } catch (IOException e) {
            fail("handover to pump threads", e);
            return;
        }
        if (!connected) {
            // still connecting under a fault: let the pump thread finish the connect in blocking mode
            spawn("c2s", this::connectAndPump);
            return;
        }
        Direction toClient = new Direction("s2c", server, client, proxy.bytesToClient);
        Direction toServer = new Direction("c2s", client, server, proxy.bytesToServer);
        byte[] firstToServer = c2s.handOver();
        byte[] firstToClient = s2c.handOver();
        if (!s2c.done) spawn("s2c", () -> toClient.pump(firstToClient));
        if (!c2s.done) spawn("c2s", () -> toServer.pump(firstToServer));
    }

    /** One direction on the selector: reads into its buffer, writes it on, holds what the peer cannot take yet. */
    private final class Fast {
        private final String label;
        private final boolean toServer;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(FaultProxy.CHUNK_BYTES);
        /** Bytes read and not all written yet: reading stops until they are (TCP back-pressure). */
        boolean pending;
        /** End of stream passed on as a half-close. */
        boolean done;

        Fast(String label, boolean toServer) {
            this.label = label;
            this.toServer = toServer;
        }

        private SocketChannel from() { return toServer ? clientChannel : serverChannel; }

        private SocketChannel to() { return toServer ? serverChannel : clientChannel; }

        boolean canRead() {
            return !done && !pending;
        }

        void read() throws IOException {
            if (!canRead()) return;
            buffer.clear();
            int n = from().read(buffer);
            if (n == 0) return;
            if (n < 0) {
                if (proxy.needsThreads()) {
                    // an end of stream under a fault is held or delayed like a chunk: the pump reads it again
                    migrating = true;
                    return;
                }
                to().shutdownOutput();
                done = true;
                directionDone();
                return;
            }
            buffer.flip();
            if (proxy.needsThreads()) {
                pending = true; // the pump thread delivers it under the fault's rules
                migrating = true;
                return;
            }
            write();
        }

        void flush() throws IOException {
            if (!pending) return;
            if (proxy.needsThreads()) {
                migrating = true;
                return;
            }
            write();
        }

        private void write() throws IOException {
            int n = to().write(buffer);
            if (n > 0) (toServer ? proxy.bytesToServer : proxy.bytesToClient).add(n);
            pending = buffer.hasRemaining();
        }

        /** What this direction read and has not delivered, for the pump thread to deliver first; null when nothing. */
        byte[] handOver() {
            if (!pending || !buffer.hasRemaining()) return null;
            byte[] rest = new byte[buffer.remaining()];
            buffer.get(rest);
            pending = false;
            return rest;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * Closes both sockets once; with {@code reset} each side gets a TCP RST instead of an orderly end.
     *
     * @return true if this call closed it, false if it was closed already
     */
    boolean close(boolean reset) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        if (reset) {
            reset(client);
            reset(server);
        } else {
            closeQuietly(client);
            closeQuietly(server);
        }
        // wake delay writers parked on their queue and readers blocked handing a chunk to a full one
        for (Thread thread : threads) {
            if (thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
        proxy.closed(this);
        return true;
    }

    /** Closes a socket with SO_LINGER 0, so the peer sees a TCP RST. */
    static void reset(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // not connected or already closed: an ordinary close is all there is to do
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "close", e);
        }
    }

    private void directionDone() {
        if (openDirections.decrementAndGet() == 0) {
            close(false);
        }
    }

    private void fail(String where, Exception e) {
        if (!closed.get()) {
            LOG.log(System.Logger.Level.DEBUG, "link proxy {0}: connection {1} {2} ended: {3}",
                    proxy.name(), id, where, e.toString());
            close(true);
        }
    }

    /** One direction: reads chunks from one socket and delivers them to the other, directly or via a delay line. */
    private final class Direction {
        private final String label;
        private final Socket from;
        private final Socket to;
        private final LongAdder delivered;
        /** Created by the pump thread on the first delayed chunk; only the pump thread reads this field. */
        private DelayLine line;

        Direction(String label, Socket from, Socket to, LongAdder delivered) {
            this.label = label;
            this.from = from;
            this.to = to;
            this.delivered = delivered;
        }

        /** @param first bytes the selector read before handing the connection over, delivered first; or null */
        void pump(byte[] first) {
            byte[] buffer = new byte[Math.max(FaultProxy.CHUNK_BYTES, first == null ? 0 : first.length)];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                boolean handedOver = first != null;
                while (true) {
                    int n;
                    if (handedOver) {
                        System.arraycopy(first, 0, buffer, 0, first.length);
                        n = first.length;
                        handedOver = false;
                    } else {
                        n = in.read(buffer);
                    }
                    proxy.awaitFlow(ProxiedConnection.this); // a blackhole holds the chunk (or end of stream) here
                    if (closed.get()) {
                        return;
                    }
                    long delayNanos = proxy.delayNanos();
                    // while earlier chunks are still in the delay line, later ones queue behind them: order holds
                    if (delayNanos > 0 || (line != null && line.busy())) {
                        line().send(n < 0 ? null : Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos);
                        if (n < 0) {
                            return;
                        }
                    } else if (n < 0) {
                        to.shutdownOutput();
                        directionDone();
                        return;
                    } else {
                        out.write(buffer, 0, n);
                        delivered.add(n);
                    }
                }
            } catch (IOException | InterruptedException e) {
                fail(label, e);
            }
        }

        private DelayLine line() {
            if (line == null) {
                line = new DelayLine();
                spawn(label + "-delay", line::deliver);
            }
            return line;
        }

        /** Delivers chunks in arrival order, each no earlier than its due time. */
        private final class DelayLine {
            private record Chunk(byte[] bytes, long dueNanos) {
            }

            private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(DELAY_LINE_CHUNKS);
            /** Chunks handed in and not yet written; the pump writes directly only when this is 0. */
            private final AtomicInteger inFlight = new AtomicInteger();

            boolean busy() {
                return inFlight.get() > 0;
            }

            /** @param bytes a chunk, or null for the end of the stream */
            void send(byte[] bytes, long dueNanos) throws InterruptedException {
                inFlight.incrementAndGet();
                queue.put(new Chunk(bytes, dueNanos));
            }

            void deliver() {
                try {
                    OutputStream out = to.getOutputStream();
                    while (!closed.get()) {
                        Chunk chunk = queue.take();
                        long waitNanos;
                        while ((waitNanos = chunk.dueNanos() - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(this, waitNanos);
                            if (Thread.interrupted() || closed.get()) {
                                return;
                            }
                        }
                        proxy.awaitFlow(ProxiedConnection.this);
                        if (closed.get()) {
                            return;
                        }
                        if (chunk.bytes() == null) {
                            to.shutdownOutput();
                            inFlight.decrementAndGet();
                            directionDone();
                            return;
                        }
                        out.write(chunk.bytes());
                        delivered.add(chunk.bytes().length);
                        inFlight.decrementAndGet();
                    }
                } catch (InterruptedException e) {
                    // the connection is closing
                } catch (IOException e) {
                    fail(label + " delay line", e);
                }
            }
        }
    }
}
