package io.hilbench.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timing log's figures, now computed on a copy outside its lock, and the newest rows read in one copy (what the
 * console reads every second): the same numbers as before, including after rows were dropped for a long session.
 */
class TimingLogTest {
    @Test
    void figuresAndTheNewestRowsAreThoseOfTheRowsKept() {
        TimingLog t = new TimingLog();
        t.retainLatest(100);
        // lateness 1..250 µs, every tenth step without a deadline
        for (int i = 1; i <= 250; i++) t.appendPaced(i, i * 1000L, i % 10 == 0 ? TimingLog.NONE : i * 1000L, 5);
        // 200 rows reached 2·100: the oldest 100 dropped at once, 150 kept (rows 101..250)
        assertThat(t.size()).isEqualTo(150);
        assertThat(t.droppedRows()).isEqualTo(100);
        TimingLog.Stats s = t.lateness();
        assertThat(s.count()).as("150 rows, 15 without a deadline").isEqualTo(135);
        assertThat(s.maxNs()).isEqualTo(249_000);
        assertThat(s.p50Ns()).as("nearest rank: the 68th of the 135 values 101..249 µs without the tens").isEqualTo(175_000);
        assertThat(t.compute().count()).isEqualTo(150);
        assertThat(t.ackRoundTrip().count()).as("a paced study has no Ack").isZero();

        long[] latest = t.latenessLatest(3);
        assertThat(latest).containsExactly(248_000, 249_000, TimingLog.NONE);
        assertThat(t.latenessLatest(1000)).as("at most the rows kept").hasSize(150);
        t.clear();
        assertThat(t.latenessLatest(10)).isEmpty();
        assertThat(t.lateness().count()).isZero();
    }
}
