package io.hilbench.adapters.opcua;

import io.hilbench.points.PointTable;
import io.hilbench.points.TableState;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * The OPC UA sampler on a clock the test moves (no wall time): at a plant step equal to the sampling interval every
 * step is sampled exactly once whatever the phase and jitter (the cause of the 209–228 ms gaps was a sampling timer
 * sliding across the step); at faster steps it samples once per interval on average; a state change without a table
 * event is caught by the timer; a new item gets its first value at once.
 */
class PointSamplerTest {
    private static final long MS = 1_000_000L;

    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final PointTable table = TestPlant.table();
    private final List<Long> sampledSteps = new ArrayList<>();
    private final PointSampler sampler = new PointSampler(this::read, table::state, now::get, thread);
    private long step;

    @AfterEach
    void stop() {
        sampler.shutdown();
    }

    /** Answers BENCH.Step from the pinned state (the namespace's read does the same through the filter chain). */
    private List<DataValue> read(Session session, List<ReadValueId> ids, TableState s) {
        List<DataValue> out = new ArrayList<>();
        for (ReadValueId ignored : ids) out.add(new DataValue(new Variant(s.value(table.indexOf("BENCH.Step")))));
        return out;
    }

    /** A monitored item that records the step of each value it is handed. */
    private final class Item implements DataItem {
        final double intervalMs;

        Item(double intervalMs) { this.intervalMs = intervalMs; }

        @Override public void setValue(DataValue v) { sampledSteps.add(((Number) v.value().value()).longValue()); }
        @Override public void setQuality(StatusCode q) {}
        @Override public double getSamplingInterval() { return intervalMs; }
        @Override public UInteger getId() { return uint(1); }
        @Override public Session getSession() { return null; }
        @Override public UInteger getSubscriptionId() { return uint(1); }
        @Override public ReadValueId getReadValueId() {
            return new ReadValueId(NodeId.NULL_VALUE, AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE);
        }
        @Override public TimestampsToReturn getTimestampsToReturn() { return TimestampsToReturn.Neither; }
        @Override public boolean isSamplingEnabled() { return true; }
    }

    /** Runs on the sampler's thread and waits: the test and the sampler never interleave. */
    private void onSampler(Runnable r) throws Exception {
        thread.submit(r).get(60, TimeUnit.SECONDS);
    }

    /** The plant publishes its next step at the test clock's {@code atMs}. */
    private void stepAt(long atMs) throws Exception {
        onSampler(() -> {
            now.set(atMs * MS);
            TestPlant.publish(table, new TestPlant.Frame(++step, step * 100, new double[TestPlant.OUTPUTS.size()],
                    filledQualities()));
            sampler.onTableChanged();
        });
    }

    private static io.hilbench.runtime.Quality[] filledQualities() {
        io.hilbench.runtime.Quality[] q = new io.hilbench.runtime.Quality[TestPlant.OUTPUTS.size()];
        java.util.Arrays.fill(q, io.hilbench.runtime.Quality.GOOD);
        return q;
    }

    private void create(double intervalMs, long atMs) throws Exception {
        onSampler(() -> now.set(atMs * MS));
        sampler.created(List.of(new Item(intervalMs)));
        onSampler(() -> {});
    }

    /**
     * The table tells the sampler of every published step on the step loop's thread (at 10 ms steps, 100 times a
     * second). With no monitored item there is nothing to sample: no task may be handed to the sampler thread (a
     * wake-up and a task object per step in the real-time loop's lateness window, BENCHMARKS "console4"). With one,
     * each step is handed over as before.
     */
    @Test
    void aPublishedStepWakesTheSamplerOnlyWhenAnItemIsMonitored() throws Exception {
        onSampler(() -> {});
        long before = thread.getTaskCount();
        for (int k = 0; k < 5; k++) sampler.published(table.state());
        assertThat(thread.getTaskCount()).as("tasks handed to the sampler thread with no item").isEqualTo(before);

        create(100, 1_000);
        long withItem = thread.getTaskCount();
        sampler.published(table.state());
        onSampler(() -> {});
        assertThat(thread.getTaskCount()).as("the published step and the test's own wait").isEqualTo(withItem + 2);
    }

    @Test
    void aPlantSteppingAtTheIntervalIsSampledAtEveryStepWhateverItsPhaseAndJitter() throws Exception {
        create(100, 1_000);
        assertThat(sampledSteps).as("first value at once").containsExactly(0L);
        // steps every 100 ms starting 3 ms after the item was created (the phase Milo's timer slid into), with up to
        // ±40 ms of lateness, alternating early and late: every step must be sampled once and only once
        long[] jitter = {0, 40, -40, 35, -35, 0, 1, -1, 39, -39, 20, 0};
        for (int k = 0; k < 60; k++) stepAt(1_003 + 100L * (k + 1) + jitter[k % jitter.length]);
        List<Long> expected = new ArrayList<>();
        for (long s = 0; s <= 60; s++) expected.add(s);
        assertThat(sampledSteps).containsExactlyElementsOf(expected);
    }

    @Test
    void aFasterPlantIsSampledOncePerIntervalOnAverage() throws Exception {
        create(100, 1_000);
        for (int k = 1; k <= 1_000; k++) stepAt(1_000 + 10L * k); // 10 s at 10 ms steps
        // 1 initial sample + one per 100 ms of the 10 s
        assertThat(sampledSteps).hasSizeBetween(100, 101);
        for (int i = 2; i < sampledSteps.size(); i++) {
            assertThat(sampledSteps.get(i) - sampledSteps.get(i - 1)).as("steps between samples").isEqualTo(10L);
        }
    }

    @Test
    void aChangeWithoutATableEventIsCaughtByTheTimerAndNoChangeIsNotResampled() throws Exception {
        create(100, 1_000);
        stepAt(1_100);
        assertThat(sampledSteps).containsExactly(0L, 1L);
        // the served state changes without a publish event (a thawed link): the tick after the window samples it
        onSampler(() -> {
            TestPlant.publish(table, new TestPlant.Frame(++step, step * 100, new double[TestPlant.OUTPUTS.size()], filledQualities()));
            now.set(1_260 * MS);
            sampler.tickAll();
        });
        assertThat(sampledSteps).containsExactly(0L, 1L, 2L);
        // nothing changes any more: ticks move the due time on without reading
        for (long t = 1_300; t <= 2_000; t += 50) {
            long at = t;
            onSampler(() -> {
                now.set(at * MS);
                sampler.tickAll();
            });
        }
        assertThat(sampledSteps).containsExactly(0L, 1L, 2L);
    }

    @Test
    void itemsAreGroupedByIntervalAndDeletedItemsStopBeingSampled() throws Exception {
        Item fast = new Item(100);
        Item slow = new Item(1_000);
        sampler.created(List.of(fast, slow));
        onSampler(() -> {});
        assertThat(sampler.groupSizes()).containsEntry(100L, 1).containsEntry(1_000L, 1);
        sampler.deleted(List.of(fast, slow));
        onSampler(() -> {});
        assertThat(sampler.groupSizes()).isEmpty();
        int before = sampledSteps.size();
        stepAt(5_000);
        assertThat(sampledSteps).hasSize(before);
    }
}
