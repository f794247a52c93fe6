package io.hilbench.runtime.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
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
 * One client connection through a {@link FaultProxy} and its connection to the server behind: two directions.
 * With a server behind TCP each direction is pumped by its own thread; the client-to-server thread first connects
 * to the server, so the accept thread never waits on it. With an {@link InProcessServer} there is one thread: it
 * reads the client, hands the bytes to the server's session and writes the answers back itself (no hand-off, which
 * is what made the proxied Modbus path slower than the server alone); under a DELAY each direction's delay line adds
 * its writer thread as with TCP. An orderly end of stream is passed on as a half-close; the connection closes when
 * both directions have ended. An I/O error on either side resets both.
 */
final class ProxiedConnection {
    private static final System.Logger LOG = System.getLogger(ProxiedConnection.class.getName());
    /** Chunks a delay line holds per direction before its reader blocks (TCP-like back-pressure). */
    private static final int DELAY_LINE_CHUNKS = 256;

    final long id;
    private final FaultProxy proxy;
    private final Socket client;
    private final Socket server = new Socket();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger openDirections = new AtomicInteger(2);
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** The in-process server's session (null with a server behind TCP, and until opened). */
    private volatile InProcessServer.Session session;

    ProxiedConnection(FaultProxy proxy, long id, Socket client) {
        this.proxy = proxy;
        this.id = id;
        this.client = client;
    }

    void start() {
        spawn("c2s", proxy.inProcessServer() == null ? this::connectAndPump : this::openAndServe);
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
        Direction toClient = new Direction("s2c", server, new SocketEnd(client, proxy.bytesToClient));
        Direction toServer = new Direction("c2s", client, new SocketEnd(server, proxy.bytesToServer));
        spawn("s2c", toClient::pump);
        toServer.pump();
    }

    /** The in-process variant of {@link #connectAndPump}: this thread reads the client and writes the answers too. */
    private void openAndServe() {
        try {
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            fail("c2s", e);
            return;
        }
        InProcessServer.Session opened = proxy.inProcessServer().open(peer());
        if (opened == null) {
            close(false); // refused, e.g. over the server's connection cap: the server would have closed it at once
            return;
        }
        session = opened;
        if (closed.get()) { // a DROP or stop() closed the connection while the session opened: close() missed it
            opened.close();
            return;
        }
        Direction toClient = new Direction("s2c", null, new SocketEnd(client, proxy.bytesToClient));
        Direction toServer = new Direction("c2s", client, new SessionEnd(opened, toClient));
        toServer.pump();
    }

    private String peer() {
        return client.getInetAddress().getHostAddress() + ":" + client.getPort();
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
        InProcessServer.Session s = session;
        if (s != null) {
            s.close();
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

    /** Where a direction's bytes go once the link lets them through. */
    private interface End {
        /** Delivers a chunk; false when the receiver has ended the stream (nothing more is delivered). */
        boolean deliver(byte[] bytes, int offset, int length) throws IOException, InterruptedException;

        /** Delivers the end of the stream. */
        void end() throws IOException, InterruptedException;
    }

    /** A socket's output: a chunk is written, the end of stream is a half-close (TCP FIN). */
    private final class SocketEnd implements End {
        private final Socket to;
        private final LongAdder delivered;
        private OutputStream out;

        SocketEnd(Socket to, LongAdder delivered) {
            this.to = to;
            this.delivered = delivered;
        }

        @Override
        public boolean deliver(byte[] bytes, int offset, int length) throws IOException {
            if (out == null) {
                out = to.getOutputStream();
            }
            out.write(bytes, offset, length);
            delivered.add(length);
            return true;
        }

        @Override
        public void end() throws IOException {
            to.shutdownOutput();
            directionDone();
        }
    }

    /**
     * The in-process server: the client's bytes go to its session, and its answers pass back through the
     * server-to-client direction (held, delayed or written now, as the link decides), in order, before the next
     * chunk is taken. Its end of stream is this direction's end; the server ending the connection (a malformed
     * frame) ends both directions once the answers before it have reached the client.
     */
    private final class SessionEnd implements End {
        private final InProcessServer.Session session;
        private final Direction toClient;
        private final InProcessServer.Answers answers;
        private boolean ended;

        SessionEnd(InProcessServer.Session session, Direction toClient) {
            this.session = session;
            this.toClient = toClient;
            this.answers = (bytes, offset, length) -> {
                try {
                    toClient.offer(bytes, offset, length);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("connection closing");
                }
            };
        }

        @Override
        public boolean deliver(byte[] bytes, int offset, int length) throws IOException, InterruptedException {
            if (ended) {
                return false;
            }
            proxy.bytesToServer.add(length);
            if (session.accept(bytes, offset, length, answers)) {
                return true;
            }
            finish();
            return false;
        }

        @Override
        public void end() throws IOException, InterruptedException {
            if (!ended) {
                finish();
            }
        }

        /** The server's side is done: its end of stream goes to the client after its answers, and this direction ends. */
        private void finish() throws IOException, InterruptedException {
            ended = true;
            session.close();
            toClient.offer(null, 0, -1);
            directionDone();
        }
    }

    /**
     * One direction: takes chunks (read by its pump thread, or offered by the in-process server) and passes them to
     * its {@link End}, directly or via a delay line.
     */
    private final class Direction {
        private final String label;
        /** The socket the pump reads; null for the in-process server's answers, which are offered. */
        private final Socket from;
        private final End end;
        /**
         * Created on the first delayed chunk. Only one thread offers at a time (the pump; for the in-process
         * server's answers the thread delivering to it, which the c2s delay line's in-flight count serialises),
         * volatile for the hand-over between those.
         */
        private volatile DelayLine line;

        Direction(String label, Socket from, End end) {
            this.label = label;
            this.from = from;
            this.end = end;
        }

        void pump() {
            byte[] buffer = new byte[FaultProxy.CHUNK_BYTES];
            try {
                InputStream in = from.getInputStream();
                while (true) {
                    int n = in.read(buffer);
                    if (!offer(buffer, 0, n) || n < 0) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                fail(label, e);
            }
        }

        /**
         * Passes one chunk on as the link decides: held while a blackhole is on, through the delay line under a
         * DELAY (or while earlier chunks are still in it, so order holds), delivered now otherwise.
         *
         * @param length the chunk's length, negative for the end of the stream
         * @return false when nothing more is to be taken in this direction (closed, ended, or the receiver ended it)
         */
        boolean offer(byte[] bytes, int offset, int length) throws IOException, InterruptedException {
            proxy.awaitFlow(ProxiedConnection.this); // a blackhole holds the chunk (or end of stream) here
            if (closed.get()) {
                return false;
            }
            long delayNanos = proxy.delayNanos();
            DelayLine current = line;
            if (delayNanos > 0 || (current != null && current.busy())) {
                line().send(length < 0 ? null : Arrays.copyOfRange(bytes, offset, offset + length), System.nanoTime() + delayNanos);
                return length >= 0;
            } else if (length < 0) {
                end.end();
                return false;
            } else {
                return end.deliver(bytes, offset, length);
            }
        }

        private DelayLine line() {
            DelayLine current = line;
            if (current == null) {
                current = new DelayLine();
                line = current;
                spawn(label + "-delay", current::deliver);
            }
            return current;
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
                boolean open = true;
                try {
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
                            if (open) {
                                end.end();
                            }
                            inFlight.decrementAndGet();
                            return;
                        }
                        // once the receiver has ended the stream, later chunks are dropped as it would drop them
                        if (open) {
                            open = end.deliver(chunk.bytes(), 0, chunk.bytes().length);
                        }
                        inFlight.decrementAndGet();
                    }
                } catch (InterruptedException | InterruptedIOException e) {
                    // the connection is closing
                } catch (IOException e) {
                    fail(label + " delay line", e);
                }
            }
        }
    }
}
