package io.hilbench.runtime.faults;

import io.hilbench.plant.SignalCatalogue;
import io.hilbench.runtime.Quality;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sensor faults of a run, applied on the way out (DESIGN §3 step 3): the trace keeps the true value and the
 * published one. Each fault draws its noise from its own generator, seeded from the run seed and the fault's
 * sequence number, so the same seed gives the same noise whatever other faults run.
 *
 * <p>Threads: a scenario thread adds and clears faults while the loop thread applies them; both lock this.
 */
public final class FaultSchedule {
    private final SignalCatalogue catalogue;
    private final List<Entry> entries = new ArrayList<>();
    private long seed;
    private long nextId = 1;

    private static final class Entry {
        final long id;
        final SensorFault fault;
        final int outputIndex;
        SplittableRandom random;
        boolean active;
        boolean finished;
        double startValue = Double.NaN;
        long firstStepMs;

        Entry(long id, SensorFault fault, int outputIndex, SplittableRandom random) {
            this.id = id;
            this.fault = fault;
            this.outputIndex = outputIndex;
            this.random = random;
        }
    }

    public FaultSchedule(SignalCatalogue catalogue, long seed) {
        this.catalogue = catalogue;
        this.seed = seed;
    }

    /**
     * Start of a run: reseeds, and returns every fault scheduled so far to "not started" (faults scheduled before
     * the run stay scheduled; ended ones are dropped).
     */
    public synchronized void reset(long seed) {
        this.seed = seed;
        entries.removeIf(e -> e.finished);
        for (Entry e : entries) {
            e.active = false;
            e.startValue = Double.NaN;
            e.random = random(e.id);
        }
    }

    // golden-ratio increment: well-spread seeds for consecutive ids (as SplittableRandom's own gamma)
    private SplittableRandom random(long id) {
        return new SplittableRandom(seed + id * 0x9E3779B97F4A7C15L);
    }

    /**
     * Schedules a fault; returns its id for {@link #clear}.
     *
     * @throws IllegalArgumentException when the plant has no such output
     */
    public synchronized long add(SensorFault fault) {
        int index = catalogue.outputIndex(fault.output());
        if (index < 0) throw new IllegalArgumentException("sensor fault on unknown plant output '" + fault.output() + "'");
        long id = nextId++;
        entries.add(new Entry(id, fault, index, random(id)));
        return id;
    }

    /** Ends a fault at the next step (its end event is recorded then); unknown ids are ignored. */
    public synchronized void clear(long id) {
        for (Entry e : entries) if (e.id == id) e.finished = true;
    }

    /** Ends every fault at the next step. */
    public synchronized void clearAll() {
        for (Entry e : entries) e.finished = true;
    }

    /** The faults scheduled or active now. */
    public synchronized List<SensorFault> faults() {
        List<SensorFault> out = new ArrayList<>();
        for (Entry e : entries) if (!e.finished) out.add(e.fault);
        return out;
    }

    /**
     * Applies the faults active at {@code plantTimeMs}: {@code published} and {@code qualities} start as the true
     * values and GOOD and are changed in place; starts and ends are appended to {@code events}.
     *
     * @return true when any fault changed a value or a quality
     */
    /** True when no fault is scheduled, active or waiting to end: {@link #apply} would change nothing. */
    public synchronized boolean isEmpty() { return entries.isEmpty(); }

    public synchronized boolean apply(long plantTimeMs, double[] trueValues, double[] published, Quality[] qualities, List<String> events) {
        boolean any = false;
        for (var it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            boolean on = !e.finished && e.fault.activeAt(plantTimeMs);
            String name = e.fault.output();
            if (on && !e.active) {
                e.active = true;
                e.startValue = trueValues[e.outputIndex];
                e.firstStepMs = plantTimeMs;
                events.add("sensor fault start: " + name + " " + e.fault.kind());
            } else if (!on && e.active) {
                e.active = false;
                events.add("sensor fault end: " + name + " " + e.fault.kind());
            }
            if (e.active) {
                int i = e.outputIndex;
                double elapsedS = (plantTimeMs - e.firstStepMs) / 1000.0;
                published[i] = e.fault.kind().apply(published[i], e.startValue, elapsedS, e.random);
                Quality q = e.fault.kind().quality();
                if (q.ordinal() > qualities[i].ordinal()) qualities[i] = q;
                any = true;
            }
            boolean over = e.fault.durationMs() != SensorFault.UNTIL_CLEARED
                    && plantTimeMs - e.fault.startMs() >= e.fault.durationMs();
            if (!e.active && (e.finished || over)) it.remove();
        }
        return any;
    }
}
