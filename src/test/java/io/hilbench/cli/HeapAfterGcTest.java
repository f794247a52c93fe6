package io.hilbench.cli;

import org.junit.jupiter.api.Test;

import java.lang.management.MemoryUsage;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The soak's heap figure from the JVM's own collections (HeapAfterGc), no forced GC in the soak itself. */
class HeapAfterGcTest {
    @Test
    void handsOutTheLowestFigureSinceTheLastReadThenTheLatest() {
        try (HeapAfterGc h = new HeapAfterGc()) {
            long before = h.collections();
            h.takeLowest(123); // whatever the JVM collected before: cleared
            h.record(300);
            h.record(100);
            h.record(200);
            assertThat(h.takeLowest(999)).isEqualTo(100);
            // nothing recorded since: the latest collection's figure, not the fallback
            long latest = h.takeLowest(999);
            assertThat(latest).isLessThanOrEqualTo(200); // 200, or lower if the JVM collected meanwhile
            assertThat(h.collections() - before).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void beforeAnyCollectionTheFallbackIsUsed() {
        HeapAfterGc h = new HeapAfterGc();
        h.close(); // no listener: only figures recorded by hand
        assertThat(h.takeLowest(4242)).isEqualTo(4242);
    }

    @Test
    void sumsOnlyTheHeapPools() {
        try (HeapAfterGc h = new HeapAfterGc()) {
            MemoryUsage mb = new MemoryUsage(0, 1 << 20, 1 << 20, 1 << 20);
            Map<String, MemoryUsage> after = new java.util.HashMap<>();
            java.lang.management.ManagementFactory.getMemoryPoolMXBeans().forEach(p -> after.put(p.getName(), mb));
            long heapPools = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).count();
            long nonHeap = after.size() - heapPools;
            assertThat(nonHeap).as("this JVM has non-heap pools (metaspace, code cache) to leave out").isPositive();
            assertThat(h.heapAfter(after)).isEqualTo(heapPools << 20);
        }
    }

    @Test
    void aCollectionOfThisJvmReachesTheListener() {
        try (HeapAfterGc h = new HeapAfterGc()) {
            long before = h.collections();
            System.gc(); // the test may force one; the soak never does
            await().atMost(java.time.Duration.ofSeconds(60)).until(() -> h.collections() > before);
            long v = h.takeLowest(-1);
            assertThat(v).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().totalMemory());
        }
    }
}
