package io.hilbench.adapters.opcua;

import io.hilbench.points.PointTableListener;
import io.hilbench.points.PointWrite;
import io.hilbench.points.TableState;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Samples the plant namespace's monitored items when the point table changes, instead of on Milo's own timer
 * (Milo 1.1.2's {@code SubscriptionModel}), so that every plant step reaches a subscription once.
 *
 * <p><b>Why.</b> With Milo's model three clocks of the same period ran free of each other: the plant step (absolute
 * deadlines every 100 ms), Milo's sampling timer (re-armed after each pass, so it slips by the pass and the wake-up
 * latency) and the subscription's publishing timer (re-armed likewise). Whenever the sampling phase slid across the
 * plant's, a pass read the same step twice and the next one skipped a step; whenever it slid across the publishing
 * phase, one publish window held no sample. Either way an item's two notifications came two periods apart plus the
 * timers' lateness: the 209–228 ms gaps measured at 100 ms (BENCHMARKS.md "OPC UA subscriptions").
 *
 * <p><b>Rule.</b> Items are grouped by sampling interval {@code I}; each group has a due time advancing by exactly
 * {@code I} per sample (a fixed rate, never faster than asked on average). A table change (a published step or an
 * applied write) samples every group whose due time is at most {@code I/2} away, so a plant stepping at {@code I}
 * is sampled at each step however its phase lies, and a faster plant at one step per {@code I}. A timer every
 * {@code I/2} samples a group whose window passed without a table change but whose state did change (a frozen or
 * thawed link, a scenario's set), and otherwise lets the due time move on. New, modified and re-enabled items are
 * sampled at once (their first notification). All sampling runs on one daemon thread, never on the step loop.
 */
final class PointSampler implements PointTableListener {
    private static final Logger LOG = LoggerFactory.getLogger(PointSampler.class);

    /** Reads the items of one session from one pinned state (the namespace's read without the client counters). */
    interface Reader {
        List<DataValue> read(Session session, List<ReadValueId> ids, TableState state);
    }

    private final Reader reader;
    private final Supplier<TableState> current;
    private final LongSupplier clockNs;
    private final ScheduledExecutorService thread;
    /** Sampling interval in whole ms (Milo rounds up likewise) to its group; touched on {@link #thread} only. */
    private final Map<Long, Group> groups = new HashMap<>();
    private volatile boolean closed;
    /** {@code groups.size()}, written on {@link #thread}, read by {@link #changed()} on any thread. */
    private volatile int groupCount;

    private final class Group {
        final long intervalNs;
        final Map<DataItem, Boolean> items = new LinkedHashMap<>();
        long nextDueNs;
        TableState lastState;
        ScheduledFuture<?> tick;

        Group(long intervalMs, long now) {
            this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
            this.nextDueNs = now + intervalNs;
        }
    }

    /**
     * @param reader  how to read items from a given state
     * @param current the state readers are served now ({@code table.state()})
     * @param clockNs a monotonic clock in ns ({@code System::nanoTime}; tests pass their own)
     * @param thread  the one thread all sampling runs on, or null for a new daemon thread
     */
    PointSampler(Reader reader, Supplier<TableState> current, LongSupplier clockNs, ScheduledExecutorService thread) {
        this.reader = reader;
        this.current = current;
        this.clockNs = clockNs;
        if (thread == null) {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "opcua-sampler");
                th.setDaemon(true);
                return th;
            });
            t.setRemoveOnCancelPolicy(true);
            thread = t;
        }
        this.thread = thread;
    }

    // --- table changes (any thread: hand over, never block) --------------------------------------------------------

    @Override
    public void published(TableState after) { changed(); }

    @Override
    public void written(TableState after, List<PointWrite> writes, String origin) { changed(); }

    private void changed() {
        // no monitored item: nothing to sample, and no hand-over (a wake-up of the sampler thread, a task object) on the
        // step loop's thread at every published step, right where the step's lateness is measured
        if (closed || groupCount == 0) return;
        run(this::onTableChanged);
    }

    // --- Milo's item callbacks --------------------------------------------------------------------------------------

    void created(List<DataItem> items) {
        List<DataItem> copy = List.copyOf(items);
        run(() -> {
            long now = clockNs.getAsLong();
            for (DataItem i : copy) group(i, now).items.put(i, Boolean.TRUE);
            sample(copy, current.get());
        });
    }

    void modified(List<DataItem> items) {
        List<DataItem> copy = List.copyOf(items);
        run(() -> {
            long now = clockNs.getAsLong();
            for (DataItem i : copy) {
                removeEverywhere(i);
                group(i, now).items.put(i, Boolean.TRUE);
            }
            sample(copy, current.get());
        });
    }

    void deleted(List<? extends DataItem> items) {
        List<DataItem> copy = List.copyOf(items);
        run(() -> copy.forEach(this::removeEverywhere));
    }

    /** Monitoring mode changed: items now sampling get a sample at once (disabled ones are skipped when sampled). */
    void modeChanged(List<DataItem> items) {
        List<DataItem> copy = List.copyOf(items);
        run(() -> sample(copy, current.get()));
    }

    /** Stops sampling; items are dropped (their sessions are closing with the server). */
    void shutdown() {
        closed = true;
        thread.shutdownNow();
    }

    /** Sampling passes run so far (for tests and the benchmark's explanation). */
    long passes() { return passes; }

    private volatile long passes;

    // --- on the sampler thread ---------------------------------------------------------------------------------------

    private void run(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("OPC UA sampling failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // shut down: nothing to sample any more
        }
    }

    private Group group(DataItem item, long now) {
        long ms = (long) Math.ceil(item.getSamplingInterval());
        if (ms < 1) ms = 1; // 0 = "as fast as practical": every table change (each change is at least one step apart)
        Group g = groups.get(ms);
        if (g == null) {
            Group created = new Group(ms, now);
            long half = Math.max(1, created.intervalNs / 2);
            created.tick = thread.scheduleAtFixedRate(() -> {
                try {
                    onTick(created);
                } catch (RuntimeException e) {
                    LOG.warn("OPC UA sampling failed", e);
                }
            }, half, half, TimeUnit.NANOSECONDS);
            groups.put(ms, created);
            groupCount = groups.size();
            g = created;
        }
        return g;
    }

    private void removeEverywhere(DataItem item) {
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext(); ) {
            Group g = it.next();
            g.items.remove(item);
            if (g.items.isEmpty()) {
                g.tick.cancel(false);
                it.remove();
                groupCount = groups.size();
            }
        }
    }

    /** A table change: sample each group whose due time is at most half an interval away. */
    void onTableChanged() {
        long now = clockNs.getAsLong();
        TableState s = current.get();
        for (Group g : groups.values()) {
            if (now - (g.nextDueNs - g.intervalNs / 2) >= 0) sampleGroup(g, s, now);
        }
    }

    /** The timer: a window that passed without a table change is sampled if the served state changed anyway. */
    void onTick(Group g) {
        long now = clockNs.getAsLong();
        if (now - (g.nextDueNs + g.intervalNs / 2) < 0) return;
        TableState s = current.get();
        if (s != g.lastState) {
            sampleGroup(g, s, now);
        } else {
            while (now - (g.nextDueNs + g.intervalNs / 2) >= 0) g.nextDueNs += g.intervalNs;
        }
    }

    private void sampleGroup(Group g, TableState s, long now) {
        sample(g.items.keySet(), s);
        g.lastState = s;
        g.nextDueNs += g.intervalNs;
        // fell more than half an interval behind (a held plant, a slow pass): the next due is one interval from now
        if (now - (g.nextDueNs - g.intervalNs / 2) > 0) g.nextDueNs = now + g.intervalNs;
    }

    /** Reads the items, session by session, all from {@code s}, and hands each its value. */
    private void sample(Collection<DataItem> items, TableState s) {
        Map<Session, List<DataItem>> bySession = new IdentityHashMap<>();
        for (DataItem i : items) {
            if (i.isSamplingEnabled()) bySession.computeIfAbsent(i.getSession(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Session, List<DataItem>> e : bySession.entrySet()) {
            List<DataItem> list = e.getValue();
            List<ReadValueId> ids = new ArrayList<>(list.size());
            for (DataItem i : list) ids.add(i.getReadValueId());
            List<DataValue> values = reader.read(e.getKey(), ids, s);
            for (int k = 0; k < list.size() && k < values.size(); k++) {
                DataItem item = list.get(k);
                DataValue v = values.get(k);
                TimestampsToReturn ts = item.getTimestampsToReturn();
                if (ts != null) {
                    v = AttributeId.Value.isEqual(item.getReadValueId().getAttributeId())
                            ? DataValue.derivedValue(v, ts) : DataValue.derivedNonValue(v, ts);
                }
                item.setValue(v);
            }
        }
        passes++;
    }

    /** {@link #onTick} for every group, on the caller's thread (tests run it on the sampler's thread). */
    void tickAll() {
        for (Group g : List.copyOf(groups.values())) onTick(g);
    }

    /** Groups and their sizes by interval in ms (tests). */
    Map<Long, Integer> groupSizes() {
        Map<Long, Integer> m = new HashMap<>();
        groups.forEach((k, g) -> m.put(k, g.items.size()));
        return m;
    }
}
