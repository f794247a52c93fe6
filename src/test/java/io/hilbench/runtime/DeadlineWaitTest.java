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
}
