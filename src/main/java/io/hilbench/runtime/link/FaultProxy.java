package io.hilbench.runtime.link;

import io.hilbench.runtime.Lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of one protocol server that can inject the I/O link faults of DESIGN §6 into open
 * sessions, which neither j2mod nor Milo can do. It listens on the rig's advertised address and port; the real
 * server listens on a private loopback address or port (for OPC UA, Milo binds e.g. 127.0.0.2 on the same port
 * and advertises the proxy's hostname). Traffic is forwarded byte for byte; the proxy knows no protocol.
 *
 * <p><b>In-process server</b> (the Modbus link since issue #18 item 5): given an {@link InProcessServer}, the proxy
 * hands the client's bytes to the server's session in its own thread and writes the answers back, instead of
 * relaying them over a second TCP connection to the server's port; every fault below acts on the same two byte
 * streams at the same points (a chunk read from the client is held, delayed or delivered to the server; an answer
 * is held, delayed or delivered to the client), so a client cannot tell the two apart except by speed.
 *
 * <p><b>Fault semantics</b> (one fault at a time; {@link #apply} replaces the current one, {@link #clear} ends it;
 * the proxy has no timer, since fault durations count plant time and the fault schedule calls these at plant-time
 * boundaries):
 * <ul>
 *   <li>{@link LinkFault#DROP}: every open connection is reset now, on both sides (SO_LINGER 0, so client and
 *       server each see a TCP RST rather than an orderly end). For the fault's duration new connections are
 *       <em>refused</em>: the listening socket is closed, so a client's connect fails at once with "connection
 *       refused", as when the device behind the link is unreachable and its port closed; connections still
 *       waiting in the backlog are reset. We refuse rather than accept-and-close so that no client ever sees a
 *       connect succeed during the fault. On clear the proxy listens again on the same port (SO_REUSEADDR; it
 *       retries for up to 2 s if the port is briefly taken, and throws if it stays taken; so give rigs a fixed
 *       port outside the ephemeral range).</li>
 *   <li>{@link LinkFault#BLACKHOLE}: connections stay open and nothing is forwarded in either direction; new
 *       connections are accepted (and connected to the server behind) but get nothing. Bytes are <em>held</em>,
 *       not discarded: each direction stops after reading at most one chunk, the rest waits in the kernel's socket
 *       buffers (so a sender eventually blocks, as with TCP over a dead path), and an end of stream is held too.
 *       When the fault ends, held bytes are delivered in order on every connection that survived, as TCP
 *       retransmission would after a network outage; a client whose own timeout closed its connection meanwhile
 *       simply reconnects.</li>
 *   <li>{@link LinkFault#DELAY}: every chunk read in either direction is delivered {@code delayMs} after it was
 *       read (at least; the wake-up adds tens of microseconds), so a round trip grows by 2 × delayMs. Order is
 *       preserved, also when the delay changes or ends while chunks are in flight: later chunks queue behind
 *       earlier ones. Chunks are not serialised by the delay: pipelined traffic keeps its throughput.</li>
 *   <li>{@link LinkFault#FREEZE}: traffic passes through unchanged; the point table does the freezing
 *       (see {@link LinkFaults#onFreeze}).</li>
 * </ul>
 *
 * <p><b>Threads</b>: one accept thread, and two daemon pump threads per connection (blocking sockets, TCP_NODELAY
 * on both sides, 16 KiB buffer per direction), one with an in-process server; a delay adds one writer thread per
 * direction of a connection, started the first time that direction carries a delayed chunk. Threads are named
 * {@code link-proxy-<name>-…}. {@link #stop()} closes the listener and every connection and joins every thread.
 * A proxy starts once.
 */
public final class FaultProxy implements Lifecycle {
    private static final System.Logger LOG = System.getLogger(FaultProxy.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    static final int CHUNK_BYTES = 16 * 1024;
    /** A pump needs little stack; a hint to the JVM, keeps 2 threads per connection cheap. */
    private static final long THREAD_STACK_BYTES = 256 * 1024;
    private static final int BACKLOG = 128;
    static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final long REBIND_PATIENCE_MS = 2_000;
    private static final long STOP_JOIN_MS = 5_000;

    private enum Phase { NEW, RUNNING, STOPPED }

    private final String name;
    private final InetSocketAddress listenAddress;
    private final InetSocketAddress target;
    /** Serves the clients in this JVM when not null; {@link #target} is then only named in logs. */
    private final InProcessServer inProcess;

    /** Guards the phase, the listener, fault transitions and the admission of connections. */
    private final Object lock = new Object();
    /** Monitor on which pumps wait out a blackhole; notified on every transition and every connection close. */
    private final Object gate = new Object();
    private Phase phase = Phase.NEW;
    private ServerSocket listener;
    /** The thread accepting on {@link #listener}; joined after the listener closes (see {@link #closeListener}). */
    private Thread acceptor;
    private volatile int port = -1;
    /** Null while traffic flows. Written under {@link #lock}, read by the pumps on every chunk. */
    private volatile ActiveLinkFault fault;

    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextConnectionId = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong upstreamFailures = new AtomicLong();
    final LongAdder bytesToServer = new LongAdder();
    final LongAdder bytesToClient = new LongAdder();

    /**
     * @param name          short name for threads and logs, e.g. {@code modbus} ([A-Za-z0-9_.-], at most 32)
     * @param listenAddress where clients connect (the rig's advertised address); port 0 picks a free port
     * @param target        where the protocol server really listens
     */
    public FaultProxy(String name, InetSocketAddress listenAddress, InetSocketAddress target) {
        this(name, listenAddress, target, null);
    }

    /**
     * A proxy serving its clients from a server in this JVM (see the class comment).
     *
     * @param target   where that server also listens on its own (named in logs; the proxy never connects to it)
     * @param inProcess the server the clients' bytes are handed to; null to relay to {@code target} over TCP
     */
    public FaultProxy(String name, InetSocketAddress listenAddress, InetSocketAddress target, InProcessServer inProcess) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(target, "target");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("proxy name must be 1-32 of [A-Za-z0-9_.-], was '" + name + "'");
        }
        if (listenAddress.isUnresolved()) {
            throw new IllegalArgumentException("listen address " + listenAddress.getHostString() + " does not resolve");
        }
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("target address " + target.getHostString() + " does not resolve");
        }
        if (target.getPort() == 0) {
            throw new IllegalArgumentException("target port must be 1-65535, was 0");
        }
        if (listenAddress.equals(target)) {
            throw new IllegalArgumentException("proxy " + name + " would listen on its own target " + target);
        }
        this.name = name;
        this.listenAddress = listenAddress;
        this.target = target;
        this.inProcess = inProcess;
    }

    /** Convenience: {@code new FaultProxy("modbus", "127.0.0.1", 502, "127.0.0.2", 502)}. */
    public FaultProxy(String name, String listenHost, int listenPort, String targetHost, int targetPort) {
        this(name, new InetSocketAddress(listenHost, listenPort), new InetSocketAddress(targetHost, targetPort));
    }

    @Override
    public void start() throws IOException {
        synchronized (lock) {
            if (phase != Phase.NEW) {
                throw new IllegalStateException("link proxy " + name + " was already started; a FaultProxy starts once");
            }
            ServerSocket bound = bind(listenAddress.getPort());
            port = bound.getLocalPort();
            listener = bound;
            phase = Phase.RUNNING;
            startAccepting(bound);
        }
        LOG.log(System.Logger.Level.DEBUG, "link proxy {0} listening on {1}:{2,number,#} for {3}",
                name, listenAddress.getAddress().getHostAddress(), port, target);
    }

    @Override
    public void stop() throws InterruptedException {
        synchronized (lock) {
            if (phase != Phase.RUNNING) {
                phase = Phase.STOPPED;
                return;
            }
            phase = Phase.STOPPED;
            closeListener();
            for (ProxiedConnection connection : List.copyOf(connections)) {
                connection.close(true);
            }
        }
        wakePumps();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_JOIN_MS);
        while (!threads.isEmpty()) {
            for (Thread thread : List.copyOf(threads)) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    LOG.log(System.Logger.Level.WARNING, "link proxy {0}: threads still running after stop: {1}",
                            name, threads.stream().map(Thread::getName).toList());
                    return;
                }
                thread.join(leftMs);
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "link proxy {0} stopped", name);
    }

    /**
     * Applies a fault now, replacing the current one. For {@link LinkFault#DELAY} {@code delayMs} is the one-way
     * latency (1..600000); for every other kind it must be 0.
     *
     * @throws IllegalArgumentException for a kind/delay combination that makes no sense
     * @throws IllegalStateException    when the proxy is not running
     * @throws UncheckedIOException     when ending a DROP, the port cannot be listened on again (the DROP stays)
     */
    public void apply(LinkFault kind, long delayMs) {
        transition(new ActiveLinkFault(kind, delayMs));
    }

    /** Applies a fault without a delay (DROP, BLACKHOLE, FREEZE). */
    public void apply(LinkFault kind) {
        transition(ActiveLinkFault.of(kind));
    }

    /** Ends the current fault, if any: traffic flows again (after a DROP, new connections are accepted again). */
    public void clear() {
        transition(null);
    }

    private void transition(ActiveLinkFault next) {
        ActiveLinkFault previous;
        Thread closedAcceptor = null;
        synchronized (lock) {
            if (phase != Phase.RUNNING) {
                throw new IllegalStateException("link proxy " + name + " is not running (" + phase + ")");
            }
            previous = fault;
            boolean wasDrop = isDrop(previous);
            if (isDrop(next)) {
                fault = next;
                if (!wasDrop) {
                    closedAcceptor = closeListener();
                    for (ProxiedConnection connection : List.copyOf(connections)) {
                        if (connection.close(true)) {
                            dropped.incrementAndGet();
                        }
                    }
                }
            } else {
                if (wasDrop) {
                    listenAgain();
                }
                fault = next;
            }
        }
        wakePumps();
        awaitListenerClosed(closedAcceptor);
        // DEBUG: the fault schedule records faults in the trace with their plant time
        LOG.log(System.Logger.Level.DEBUG, "link proxy {0}: {1} -> {2}", name, describe(previous), describe(next));
    }

    private static boolean isDrop(ActiveLinkFault f) {
        return f != null && f.kind() == LinkFault.DROP;
    }

    private static String describe(ActiveLinkFault f) {
        if (f == null) {
            return "no fault";
        }
        return f.kind() == LinkFault.DELAY ? "DELAY " + f.delayMs() + " ms" : f.kind().name();
    }

    /** The fault now applied, if any. */
    public Optional<ActiveLinkFault> fault() {
        return Optional.ofNullable(fault);
    }

    public String name() {
        return name;
    }

    /** The port clients connect to: the one given, or the free port picked at start. */
    public int port() {
        int p = port;
        if (p < 0) {
            throw new IllegalStateException("link proxy " + name + " has no port before start()");
        }
        return p;
    }

    /** Where clients connect (with the actual port once started). */
    public InetSocketAddress listenAddress() {
        return port < 0 ? listenAddress : new InetSocketAddress(listenAddress.getAddress(), port);
    }

    public InetSocketAddress target() {
        return target;
    }

    /** The server this proxy serves its clients from in this JVM, or null when it relays to {@link #target()}. */
    InProcessServer inProcessServer() {
        return inProcess;
    }

    public ProxyCounters counters() {
        return new ProxyCounters(accepted.get(), connections.size(), dropped.get(), upstreamFailures.get(),
                bytesToServer.sum(), bytesToClient.sum());
    }

    // ---- listening -------------------------------------------------------------------------------------------

    private ServerSocket bind(int onPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(listenAddress.getAddress(), onPort), BACKLOG);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** After a DROP: listen on the same port again; retries briefly in case the port is momentarily taken. */
    private void listenAgain() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REBIND_PATIENCE_MS);
        while (true) {
            try {
                ServerSocket bound = bind(port);
                listener = bound;
                startAccepting(bound);
                return;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("link proxy " + name + " cannot listen on port " + port
                            + " again after a drop; the link stays down", e);
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while listening again on port " + port, ie);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("link proxy " + name + " cannot listen on port " + port
                        + " again after a drop; the link stays down", e);
            }
        }
    }

    /**
     * Closes the listening socket and returns its accept thread, which the caller joins outside {@link #lock}
     * ({@link #admit} takes the lock). While that thread is blocked in accept(), the JDK defers the real close
     * of the socket until the thread wakes, and until then the kernel still completes handshakes; so a DROP is
     * only in force once the accept thread has ended.
     */
    private Thread closeListener() {
        ServerSocket socket = listener;
        Thread thread = acceptor;
        listener = null;
        acceptor = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing listener of " + name, e);
            }
        }
        return thread;
    }

    private void awaitListenerClosed(Thread closedAcceptor) {
        if (closedAcceptor == null || closedAcceptor == Thread.currentThread()) {
            return;
        }
        try {
            closedAcceptor.join(STOP_JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closedAcceptor.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "link proxy {0}: accept thread still running {1} ms after its listener closed",
                    name, STOP_JOIN_MS);
        }
    }

    private void startAccepting(ServerSocket socket) {
        acceptor = newThread("accept", () -> acceptLoop(socket));
        acceptor.start();
    }

    private void acceptLoop(ServerSocket socket) {
        while (true) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                // e.g. out of file descriptors: keep serving, but do not spin
                LOG.log(System.Logger.Level.WARNING, "link proxy " + name + ": accept failed, retrying", e);
                try {
                    TimeUnit.MILLISECONDS.sleep(50);
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            admit(client);
        }
    }

    private void admit(Socket client) {
        synchronized (lock) {
            // the check and the registration happen under the lock a DROP takes, so no connection slips past one
            if (phase != Phase.RUNNING || isDrop(fault)) {
                ProxiedConnection.reset(client);
                return;
            }
            ProxiedConnection connection = new ProxiedConnection(this, nextConnectionId.incrementAndGet(), client);
            connections.add(connection);
            accepted.incrementAndGet();
            connection.start();
        }
    }

    // ---- called by connections -------------------------------------------------------------------------------

    /** Returns at once unless a blackhole is on; then waits until it ends or the connection closes. */
    void awaitFlow(ProxiedConnection connection) throws InterruptedException {
        if (!blackholed()) {
            return;
        }
        synchronized (gate) {
            while (blackholed() && !connection.isClosed()) {
                gate.wait();
            }
        }
    }

    private boolean blackholed() {
        ActiveLinkFault f = fault;
        return f != null && f.kind() == LinkFault.BLACKHOLE;
    }

    /** The one-way delay now in force, 0 when none. */
    long delayNanos() {
        ActiveLinkFault f = fault;
        return f != null && f.kind() == LinkFault.DELAY ? TimeUnit.MILLISECONDS.toNanos(f.delayMs()) : 0;
    }

    private void wakePumps() {
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    void closed(ProxiedConnection connection) {
        connections.remove(connection);
        wakePumps();
    }

    void upstreamFailed(ProxiedConnection connection, IOException e) {
        upstreamFailures.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "link proxy {0}: connection {1} cannot reach {2}: {3}",
                name, connection.id, target, e.toString());
    }

    /** A daemon thread named for this proxy, tracked until it ends so {@link #stop()} can join it. */
    Thread newThread(String suffix, Runnable body) {
        Thread thread = new Thread(null, () -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, "link-proxy-" + name + "-" + suffix, THREAD_STACK_BYTES);
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    /** Names of this proxy's threads still running (for diagnostics and tests). */
    List<String> liveThreadNames() {
        List<String> names = new ArrayList<>();
        for (Thread thread : threads) {
            names.add(thread.getName());
        }
        return names;
    }

    @Override
    public String toString() {
        return "FaultProxy[" + name + " " + listenAddress() + " -> " + target + (inProcess == null ? "" : " (in process)")
                + ", " + describe(fault) + "]";
    }
}
