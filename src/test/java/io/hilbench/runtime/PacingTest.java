package io.hilbench.runtime;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real time and accelerated pacing (DESIGN §4): absolute deadlines, so a late step is followed by catching up rather
 * than by a shifted schedule (no drift); lateness recorded per step in the timing log, never in the trace. The
 * assertions are structural (never early, deadlines fixed by the step number), not timing thresholds that could flake.
 */
class PacingTest {

    @Test
    void realTimeRunsOnAbsoluteDeadlinesAndRecordsLatenessPerStep() throws Exception {
        LoopRig rig = new LoopRig();
        long stepMs = 10;
        Emulator emulator = rig.emulator(EmulatorConfig.defaults().withPacing(Pacing.realtime()).withStepMs(stepMs)
                .withWatchdogTimeoutMs(0).withLatenessP99LimitNs(Long.MAX_VALUE));
        emulator.start();
        assertThat(emulator.awaitPlantTime(100, Duration.ofSeconds(20))).isTrue();
        // hold the plant for 60 ms: the next step is late, and the steps after it run back to back to catch up
        long heldAtStep;
        try (Emulator.Hold h = emulator.hold()) {
            heldAtStep = emulator.step();
            long until = System.nanoTime() + 60_000_000L;
            while (System.nanoTime() < until) Thread.onSpinWait();
        }
        assertThat(emulator.awaitPlantTime(400, Duration.ofSeconds(20))).isTrue();
        emulator.stop();

        TimingLog log = emulator.timingLog();
        long stepNs = stepMs * 1_000_000L;
        int lateIndex = -1;
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.step(i)).isEqualTo(i);
            // step i+1 is published at or after its absolute deadline (i+1)·step from the start, never early
            assertThat(log.latenessNs(i)).as("lateness of step %d", i).isGreaterThanOrEqualTo(0);
            // the wake-up part (the guarded wait never returns before the deadline) is part of the lateness
            assertThat(log.wakeNs(i)).as("wake-up of step %d", i).isBetween(0L, log.latenessNs(i));
            assertThat(log.wallNs(i)).as("wall time of step %d", i).isGreaterThanOrEqualTo((i + 1) * stepNs);
            if (log.step(i) == heldAtStep) lateIndex = i;
        }
        assertThat(lateIndex).isNotNegative();
        long late = log.latenessNs(lateIndex);
        assertThat(late).as("the held step is late by about the hold").isGreaterThan(30_000_000L);
        // no drift: the deadline of later steps did not move by the hold, so lateness shrinks as the loop catches up
        long minAfter = Long.MAX_VALUE;
        for (int i = lateIndex + 1; i < log.size(); i++) minAfter = Math.min(minAfter, log.latenessNs(i));
        assertThat(minAfter).isLessThan(late - stepNs);
        TimingLog.Stats stats = log.lateness();
        assertThat(stats.count()).isEqualTo(log.size());
        assertThat(stats.p99Ns()).isGreaterThanOrEqualTo(stats.p50Ns());
        assertThat(stats.maxNs()).isGreaterThanOrEqualTo(late);
        assertThat(log.ackRoundTrip().count()).as("no Ack in real time").isZero();
        assertThat(rig.value("BENCH.Mode")).isEqualTo(Pacing.Kind.REALTIME.code());
        StringWriter csv = new StringWriter();
        log.writeCsv(csv);
        assertThat(csv.toString()).startsWith("step,wallNs,latenessNs,ackRoundTripNs,computeNs\n0,");
    }

    @Test
    void acceleratedRunsPlantTimeKTimesWallTime() throws Exception {
        LoopRig rig = new LoopRig();
        // 100 ms of plant time per step at ×20: a deadline every 5 ms of wall time
        Emulator emulator = rig.emulator(EmulatorConfig.defaults().withPacing(Pacing.accelerated(20)).withWatchdogTimeoutMs(0));
        emulator.start();
        assertThat(emulator.awaitPlantTime(3_000, Duration.ofSeconds(20))).isTrue();
        emulator.stop();
        TimingLog log = emulator.timingLog();
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.wallNs(i)).as("wall time of step %d", i).isGreaterThanOrEqualTo((i + 1) * 5_000_000L);
        }
        assertThat(emulator.status().state()).isEqualTo(RunStatus.State.STOPPED);
    }

    @Test
    void unpacedRunsAsFastAsThePlantSteps() throws Exception {
        LoopRig rig = new LoopRig();
        Emulator emulator = rig.emulator(EmulatorConfig.defaults().withPacing(Pacing.unpaced()).withWatchdogTimeoutMs(0));
        emulator.start();
        assertThat(emulator.awaitPlantTime(600_000, Duration.ofSeconds(20))).as("10 min of plant time").isTrue();
        emulator.stop();
        assertThat(emulator.timingLog().lateness().count()).isZero();
    }

    @Test
    void realTimeLatenessOverTheRigsLimitMakesTheRunInconclusive() throws Exception {
        LoopRig rig = new LoopRig();
        Emulator emulator = rig.emulator(EmulatorConfig.defaults().withPacing(Pacing.realtime()).withStepMs(5)
                .withWatchdogTimeoutMs(0).withLatenessP99LimitNs(1));
        emulator.start();
        try (Emulator.Hold h = emulator.hold()) {
            long until = System.nanoTime() + 30_000_000L; // 6 steps late: p99 over a 1 ns limit whatever the machine
            while (System.nanoTime() < until) Thread.onSpinWait();
        }
        assertThat(emulator.awaitPlantTime(50, Duration.ofSeconds(20))).isTrue();
        emulator.stop();
        assertThat(emulator.status().inconclusive()).isTrue();
        assertThat(emulator.status().reason()).contains("p99 lateness").contains("over the limit");
    }

    @Test
    void pacesParseFromTheCommandLineForm() {
        assertThat(Pacing.parse("realtime")).isEqualTo(Pacing.realtime());
        assertThat(Pacing.parse("lockstep").kind()).isEqualTo(Pacing.Kind.LOCKSTEP);
        assertThat(Pacing.parse("accelerated:10")).isEqualTo(Pacing.accelerated(10));
        assertThat(Pacing.parse("accelerated:max").toString()).isEqualTo("accelerated:max");
        assertThatThrownBy(() -> Pacing.parse("accelerated:fast")).hasMessageContaining("'fast' is not a number");
        assertThatThrownBy(() -> Pacing.parse("slow")).hasMessageContaining("realtime, lockstep or accelerated:K");
        assertThatThrownBy(() -> Pacing.accelerated(0)).hasMessageContaining("> 0");
    }
}
