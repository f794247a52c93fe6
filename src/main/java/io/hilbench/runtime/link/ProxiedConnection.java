package io.hilbench.runtime.link;

import java.io.IOException;
import java.io.InputStream;
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
 * One client connection through a {@link FaultProxy} and its connection to the server behind: two directions,
 * each pumped by its own thread. The client-to-server thread first connects to the server, so the accept thread
 * never waits on it. An orderly end of stream is passed on as a half-close; the connection closes when both
 * directions have ended. An I/O error on either side resets both.
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

    ProxiedConnection(FaultProxy proxy, long id, Socket client) {
        this.proxy = proxy;
        this.id = id;
        this.client = client;
    }

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
        spawn("s2c", toClient::pump);
        toServer.pump();
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

        void pump() {
            byte[] buffer = new byte[FaultProxy.CHUNK_BYTES];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    int n = in.read(buffer);
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
