package io.hilbench.runtime.link;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The selector thread of one {@link FaultProxy} ({@code link-proxy-<name>-io}): carries every connection whose bytes
 * pass straight through, on non-blocking channels. It runs only while it has connections (started by the first,
 * ended after the last closes), so an idle proxy holds just its accept thread. One thread instead of two per
 * connection: with 16 Modbus clients the proxy no longer costs 32 context switches a round trip on a 2-core machine
 * (issue #18 item 5). When it sees traffic on a connection while a DELAY or BLACKHOLE is on, it hands that connection
 * over to pump threads ({@link ProxiedConnection#migrate}).
 */
final class LinkLoop {
    private static final System.Logger LOG = System.getLogger(LinkLoop.class.getName());

    private final FaultProxy proxy;
    private final Queue<ProxiedConnection> incoming = new ConcurrentLinkedQueue<>();
    /** Guarded by this: the running thread and its selector, null when none runs. */
    private Thread thread;
    private Selector selector;

    LinkLoop(FaultProxy proxy) {
        this.proxy = proxy;
    }

    /** Hands a new connection to the loop, starting the loop's thread if none runs. */
    synchronized void add(ProxiedConnection connection) throws IOException {
        incoming.add(connection);
        if (thread == null) {
            selector = Selector.open();
            Selector mine = selector;
            thread = proxy.newThread("io", () -> run(mine));
            thread.start();
        } else {
            selector.wakeup();
        }
    }

    /** Wakes the loop (a fault changed, a connection closed elsewhere, the proxy stops). */
    synchronized void wakeup() {
        if (selector != null) selector.wakeup();
    }

    private void run(Selector sel) {
        Set<ProxiedConnection> carried = new HashSet<>();
        try {
            while (true) {
                synchronized (this) {
                    carried.removeIf(ProxiedConnection::isClosed);
                    if (carried.isEmpty() && incoming.isEmpty()) {
                        thread = null;
                        selector = null;
                        return;
                    }
                }
                register(sel, carried);
                long timeoutMs = 0;
                long now = System.nanoTime();
                for (ProxiedConnection c : carried) {
                    if (c.connecting()) {
                        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(c.connectDeadlineNanos() - now) + 1);
                        timeoutMs = timeoutMs == 0 ? left : Math.min(timeoutMs, left);
                    }
                }
                sel.select(timeoutMs);
                register(sel, carried);
                processSelected(sel);
                now = System.nanoTime();
                for (ProxiedConnection c : carried) c.connectTimedOut(now);
                // a fault that needs pump threads: hand over every connection that has traffic waiting, and idle ones
                // too (they would otherwise wait for traffic the selector no longer reads under the fault)
                List<ProxiedConnection> leaving = new ArrayList<>();
                boolean threaded = proxy.needsThreads();
                for (ProxiedConnection c : carried) {
                    if (!c.isClosed() && (c.migrating() || (threaded && !c.connecting()))) leaving.add(c);
                }
                if (!leaving.isEmpty()) {
                    for (ProxiedConnection c : leaving) c.cancelKeys();
                    sel.selectNow(); // deregisters the cancelled keys, so their channels may block again
                    for (ProxiedConnection c : leaving) {
                        carried.remove(c);
                        c.migrate();
                    }
                    processSelected(sel); // keys made ready by the selectNow above
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "link proxy " + proxy.name() + ": selector loop failed, its connections reset", e);
            for (ProxiedConnection c : carried) c.close(true);
            for (ProxiedConnection c; (c = incoming.poll()) != null; ) c.close(true);
            synchronized (this) {
                thread = null;
                selector = null;
            }
        } finally {
            try {
                sel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.TRACE, "closing selector", e);
            }
        }
    }

    /** Registers the connections handed in since the last turn (before selecting, or they would wait for an event). */
    private void register(Selector sel, Set<ProxiedConnection> carried) {
        for (ProxiedConnection c; (c = incoming.poll()) != null; ) {
            try {
                c.registerFast(sel);
            } catch (IOException e) {
                c.close(true);
            }
            carried.add(c);
        }
    }

    private static void processSelected(Selector sel) {
        Iterator<SelectionKey> it = sel.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            ((ProxiedConnection) key.attachment()).onReady(key);
        }
    }
}
