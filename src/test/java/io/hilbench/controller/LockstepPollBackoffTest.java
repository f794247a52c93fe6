package io.hilbench.controller;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockstep poll's backoff ({@link ControllerRunner#lockstepPauseNs}): no added latency while a step is on time,
 * bounded added latency while it is late, few polls while the plant is held. Pure arithmetic on a simulated wait: no
 * wall clock.
 */
class LockstepPollBackoffTest {
    private static final long US = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void theFirstMillisecondAfterACyclePollsAtTheShortInterval() {
        for (long waited = 0; waited < MS; waited += 50 * US) {
            assertThat(ControllerRunner.lockstepPauseNs(waited)).as("waited %d ns", waited).isEqualTo(ControllerRunner.POLL_LOCKSTEP_NS);
        }
        assertThat(ControllerRunner.POLL_LOCKSTEP_NS).isEqualTo(200 * US);
    }

    @Test
    void aLateStepIsSeenAtMostAQuarterOfItsWaitLaterAndAtMostTheLongestPause() {
        for (long waited = MS; waited < 10_000 * MS; waited += 137 * US) {
            long pause = ControllerRunner.lockstepPauseNs(waited);
            assertThat(pause).as("waited %d ns", waited)
                    .isGreaterThanOrEqualTo(ControllerRunner.POLL_LOCKSTEP_NS)
                    .isLessThanOrEqualTo(Math.max(ControllerRunner.POLL_LOCKSTEP_NS, waited / 4))
                    .isLessThanOrEqualTo(ControllerRunner.POLL_LOCKSTEP_MAX_NS);
        }
        assertThat(ControllerRunner.lockstepPauseNs(60_000 * MS)).isEqualTo(ControllerRunner.POLL_LOCKSTEP_MAX_NS);
    }

    @Test
    void aPlantHeldForASecondCostsAboutOneHundredFortyPollsNotFiveThousand() {
        long polls = 0;
        for (long t = 0; t < 1000 * MS; t += ControllerRunner.lockstepPauseNs(t)) polls++;
        // 5 in the first ms, 16 while the pause grows to 8 ms (at 32 ms), then 121 at 8 ms
        assertThat(polls).isBetween(130L, 150L);
        assertThat(1000 * MS / ControllerRunner.POLL_LOCKSTEP_NS).as("the fixed 200 µs poll of before").isEqualTo(5000L);
    }
}
