package io.hilbench.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The paced loop's wait on a fake clock (deterministic, no wall time): it parks only to {@code guard} before the
 * deadline, spins the rest, never returns before the deadline, counts what it spun, and sees a stop request.
 */
class DeadlineWaitTest {
    /** A clock that advances 1 µs per read, and by the parked time (plus a chosen oversleep) per park. */
    private static final class FakeTime {
        long now;
        long oversleepNs;
        final List<Long> parks = new ArrayList<>();

        long read() { return now += 1_000; }

        void park(long ns) {
            parks.add(ns);
            now += ns + oversleepNs;
        }
    }

    @Test
    void parksToTheGuardThenSpinsToTheDeadlineAndCountsTheSpin() {
        FakeTime t = new FakeTime();
        DeadlineWait w = new DeadlineWait(200_000, t::read, t::park);
        long deadline = 10_000_000;
        long woke = w.until(deadline, () -> false);
        assertThat(t.parks).as("one park, to 200 µs before the deadline").containsExactly(10_000_000L - 1_000 - 200_000);
        assertThat(woke).isGreaterThanOrEqualTo(deadline).isLessThan(deadline + 1_000);
        // spun from the first read inside the guard to the deadline: the guard less the clock's 1 µs steps
        assertThat(w.spunNs()).isBetween(198_000L, 200_000L);
    }

    @Test
    void aWakeUpLaterThanTheGuardSpinsNothingAndReportsTheLateness() {
        FakeTime t = new FakeTime();
        t.oversleepNs = 700_000;   // the thread got a core 700 µs after its timer
        DeadlineWait w = new DeadlineWait(200_000, t::read, t::park);
        long woke = w.until(10_000_000, () -> false);
        assertThat(woke - 10_000_000).as("wake-up lateness: oversleep less the guard, plus one clock read").isEqualTo(501_000);
        assertThat(w.spunNs()).isZero();
    }

    @Test
    void guardZeroParksToTheDeadlineLikeThePlainWait() {
        FakeTime t = new FakeTime();
        DeadlineWait w = new DeadlineWait(0, t::read, t::park);
        long woke = w.until(120_000_000, () -> false);
        // long waits are cut into parks of at most 50 ms, so a stop request is seen
        assertThat(t.parks).containsExactly(50_000_000L, 50_000_000L, 120_000_000L - 3_000 - 100_000_000L);
        assertThat(woke).isGreaterThanOrEqualTo(120_000_000);
        assertThat(w.spunNs()).isZero();
    }

    @Test
    void aPassedDeadlineReturnsAtOnceAndAStopEndsTheWait() {
        FakeTime t = new FakeTime();
        t.now = 5_000_000;
        DeadlineWait w = new DeadlineWait(200_000, t::read, t::park);
        assertThat(w.until(1_000_000, () -> false)).isEqualTo(5_001_000);
        assertThat(t.parks).isEmpty();
        assertThat(w.until(90_000_000, () -> true)).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> new DeadlineWait(-1, t::read, t::park)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A parker whose oversleep follows a script (ns per park), cycling. */
    private static final class ScriptedTime {
        long now;
        final long[] oversleeps;
        int k;

        ScriptedTime(long... oversleeps) { this.oversleeps = oversleeps; }

        long read() { return now += 1_000; }

        void park(long ns) { now += ns + oversleeps[k++ % oversleeps.length]; }
    }

    @Test
    void theAdaptiveGuardFollowsTheOversleepTailAndThenNoWakeUpIsLate() {
        // one park in 64 oversleeps 1.5 ms, the rest 50 µs: 1.6 % of parks, inside the 99.8 ‰ the guard follows
        long[] script = new long[64];
        java.util.Arrays.fill(script, 50_000L);
        script[17] = 1_500_000L;
        ScriptedTime t = new ScriptedTime(script);
        DeadlineWait w = new DeadlineWait(200_000, t::read, t::park);
        w.adaptive(200_000, 4_000_000);
        assertThat(w.isAdaptive()).isTrue();
        long deadline = 0, lateSum = 0;
        int late = 0;
        for (int step = 0; step < 2_048; step++) {
            deadline += 10_000_000;
            long woke = w.until(deadline, () -> false);
            assertThat(woke).isGreaterThanOrEqualTo(deadline);
            if (step >= 1_024 && woke - deadline > 2_000) { late++; lateSum += woke - deadline; }
            t.now = Math.max(t.now, woke);
        }
        // the guard: the 3rd largest of the window (1.5 ms, plus the fake clock's 1 us read) x 5/4 + 100 us
        assertThat(w.guardNs()).isEqualTo(1_501_000L * 5 / 4 + 100_000);
        assertThat(late).as("wake-ups later than 2 us once the guard has adapted (sum %d ns)", lateSum).isZero();
        assertThat(w.describe()).isEqualTo("adaptive 200..4000 us (now 1976 us)");
    }

    @Test
    void theAdaptiveGuardStaysWithinItsBoundsAndAFixedGuardEndsIt() {
        ScriptedTime quiet = new ScriptedTime(10_000L);
        DeadlineWait w = new DeadlineWait(200_000, quiet::read, quiet::park);
        w.adaptive(200_000, 4_000_000);
        long deadline = 0;
        for (int step = 0; step < 512; step++) w.until(deadline += 10_000_000, () -> false);
        assertThat(w.guardNs()).as("a quiet host: the floor").isEqualTo(200_000);

        ScriptedTime host = new ScriptedTime(9_000_000L);   // every park 9 ms late: beyond the ceiling
        DeadlineWait h = new DeadlineWait(200_000, host::read, host::park);
        h.adaptive(200_000, 4_000_000);
        deadline = 0;
        for (int step = 0; step < 512; step++) {
            long woke = h.until(deadline += 10_000_000, () -> false);
            host.now = Math.max(host.now, woke);
            deadline = Math.max(deadline, woke);
        }
        assertThat(h.guardNs()).as("the ceiling bounds the spin's CPU").isEqualTo(4_000_000);

        h.guardNs(300_000);
        assertThat(h.isAdaptive()).isFalse();
        assertThat(h.describe()).isEqualTo("300 us");
        assertThatThrownBy(() -> h.adaptive(500_000, 100_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGuardRisesAtOnceOnAnUncoveredOversleepAndComesDownSlowly() {
        long[] script = new long[8_192];   // longer than the test: the 2 ms comes once
        java.util.Arrays.fill(script, 20_000L);
        script[300] = 2_000_000L;   // one 2 ms oversleep after 300 quiet parks
        ScriptedTime t = new ScriptedTime(script);
        DeadlineWait w = new DeadlineWait(200_000, t::read, t::park);
        w.adaptive(200_000, 4_000_000);
        long deadline = 0;
        for (int step = 0; step <= 300; step++) w.until(deadline += 10_000_000, () -> false);
        assertThat(w.guardNs()).as("raised by the one oversleep, before any recompute").isEqualTo(2_001_000L * 5 / 4 + 100_000);
        long raised = w.guardNs();
        for (int step = 301; step < 384; step++) w.until(deadline += 10_000_000, () -> false);
        // the recompute at park 384: 99.8 permille of 384 is the window's largest, the 2 ms itself: no change
        assertThat(w.guardNs()).isEqualTo(raised);
        for (int step = 384; step < 512; step++) w.until(deadline += 10_000_000, () -> false);
        // at park 512 it is the 2nd largest, a quiet 21 us: the target is the 200 us floor, and the guard comes down a
        // quarter of the way
        assertThat(w.guardNs()).isEqualTo(raised - (raised - 200_000) / 4);
        for (int step = 512; step < 512 + 128 * 40; step++) w.until(deadline += 10_000_000, () -> false);
        assertThat(w.guardNs()).as("settled at the floor after the oversleep left the window").isEqualTo(200_000);
    }
}
