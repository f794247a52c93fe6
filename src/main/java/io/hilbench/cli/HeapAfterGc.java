package io.hilbench.cli;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The heap in use after this JVM's own garbage collections, for {@code bench soak} (issue #18 item 4), without forcing
 * one. A forced full collection (what the soak did until session 11) stops every thread, the plant's step loop
 * included: at ×40 it paused the loop 45–97 ms once a plant minute, and that pause was every minute's lateness p99, so
 * the soak measured its own probe. Here a listener on the collectors' notifications
 * ({@link GarbageCollectionNotificationInfo}) sums the heap pools' usage after each collection (young, mixed or full);
 * {@link #takeLowest()} hands out the lowest such figure since the previous call. Old-generation garbage waits for the
 * next mixed or full collection, so single figures saw-tooth; the soak judges quarter means over hundreds of samples,
 * where a saw-tooth averages out and a leak does not.
 */
final class HeapAfterGc implements NotificationListener, AutoCloseable {
    private static final long NONE = Long.MAX_VALUE;

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final AtomicLong lowestSinceTaken = new AtomicLong(NONE);
    private final AtomicLong latest = new AtomicLong(NONE);
    private final AtomicLong collections = new AtomicLong();

    /** Listens to every collector of this JVM until {@link #close()}. */
    HeapAfterGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(this, null, null);
                emitters.add(e);
            }
        }
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        record(heapAfter(info.getGcInfo().getMemoryUsageAfterGc()));
    }

    /** Sum of the heap pools' used bytes in a collection's after-usage map. */
    long heapAfter(Map<String, MemoryUsage> afterGc) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : afterGc.entrySet()) {
            if (heapPools.contains(pool.getKey())) used += pool.getValue().getUsed();
        }
        return used;
    }

    /** One collection's after-figure (the listener's path; a test feeds figures here). */
    void record(long heapUsedBytes) {
        collections.incrementAndGet();
        latest.set(heapUsedBytes);
        lowestSinceTaken.accumulateAndGet(heapUsedBytes, Math::min);
    }

    /**
     * The lowest heap-after-collection since the previous call; the latest one when no collection ran in between;
     * {@code fallbackBytes} (the heap in use now, an upper bound) before the first collection of the JVM.
     */
    long takeLowest(long fallbackBytes) {
        long lowest = lowestSinceTaken.getAndSet(NONE);
        if (lowest != NONE) return lowest;
        long last = latest.get();
        return last != NONE ? last : fallbackBytes;
    }

    /** Collections seen since this listener was added. */
    long collections() {
        return collections.get();
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
