package io.hilbench.runtime;

import io.hilbench.points.PointWrite;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The I/O watchdog of DESIGN §5: heartbeat must change; per-point failsafe; timeout in plant time; recovery. */
class WatchdogTest {
    /** A hang guard for plant-time waits, not a time limit: the loop may crawl on 2 loaded cores. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(10);

    @Test
    void aHeartbeatThatStopsChangingTripsAfterThePlantTimeTimeoutAndAChangeClearsIt() {
        IoWatchdog w = new IoWatchdog(5_000);
        w.reset(0, 0);
        assertThat(w.update(4_900, 0)).isFalse();
        assertThat(w.update(5_000, 0)).as("5 s of plant time without a change").isTrue();
        assertThat(w.update(5_100, 1)).as("any change clears it at once").isFalse();
        assertThat(w.update(10_000, 1)).isFalse();
        assertThat(w.update(10_100, 1)).isTrue();
        assertThat(new IoWatchdog(0).update(1_000_000, 0)).as("timeout 0 disables it").isFalse();
    }

    @Test
    void aTripSendsEveryActuatorToItsFailsafeAndPublishesTheFlagUntilTheHeartbeatReturns() throws Exception {
        LoopRig rig = new LoopRig();
        // 1 s watchdog = 10 steps of plant time
        Emulator emulator = rig.emulator(EmulatorConfig.defaults().withWatchdogTimeoutMs(1_000));
        TestController.Logic logic = (step, s, r) -> {
            // heartbeat changes every cycle before step 20 and from step 60 on; frozen in between
            double heartbeat = step < 20 ? step : step < 60 ? 20 : step;
            // the valve moves on while the heartbeat is frozen: "hold" must hold the value at the trip, not follow it
            return List.of(r.write("C-211.Enable", 1), r.write("C-211.SpeedSet", 40), r.write("P-271.Run", 1),
                    r.write("P-271.SpeedSet", 80), r.write("HV-221.OpeningSet", Math.min(100, 10 + step)),
                    r.write("BENCH.Heartbeat", heartbeat));
        };
        // what the table shows at step 45 (tripped since step 30), looked at on the loop thread when row 45 is recorded:
        // the table then holds step 45's frame and the controller's answer to it. On main the test took a hold "after
        // 4 s of plant time" from its own thread; on a loaded machine the loop could be past step 60 (cleared) by then
        double[] atStep45 = {Double.NaN, Double.NaN};
        emulator.addStepListener(row -> {
            if (row.step() == 45) {
                atStep45[0] = rig.value("BENCH.WatchdogTripped");
                atStep45[1] = rig.value("C-211.SpeedSet");
            }
        });
        emulator.start();
        try (TestController c = new TestController(rig, logic)) {
            assertThat(emulator.awaitPlantTime(8_000, HANG_GUARD)).isTrue();
        } finally {
            emulator.stop();
        }
        assertThat(atStep45[0]).as("BENCH.WatchdogTripped published while tripped").isEqualTo(1.0);
        // while tripped, the actuator points still read back the controller's last writes (output image)
        assertThat(atStep45[1]).isEqualTo(40.0);

        List<TraceRow> rows = emulator.recorder().rows();
        var cat = emulator.catalogue();
        int speed = cat.inputIndex("hp.compressor1.speedSetHz");
        int enable = cat.inputIndex("hp.compressor1.enable");
        int pump = cat.inputIndex("hp.dhPump.speedSetRatio");
        int pumpRun = cat.inputIndex("hp.dhPump.enable");
        int valve = cat.inputIndex("hp.hpValve.openingSetRatio");
        // last change at step 20 (t = 2.0 s): tripped from t = 3.0 s (step 30); the change at step 60 clears it
        for (TraceRow r : rows.subList(1, 80)) {
            long n = r.step();
            boolean tripped = n >= 30 && n < 60;
            assertThat(r.watchdogTripped()).as("tripped at step %d", n).isEqualTo(tripped);
            if (tripped) {
                assertThat(r.input(speed)).as("failsafe zero").isZero();
                assertThat(r.input(enable)).as("failsafe zero").isZero();
                assertThat(r.input(pump)).as("failsafe value 30 %%").isCloseTo(0.30, within(1e-12));
                assertThat(r.input(pumpRun)).as("failsafe hold").isEqualTo(1.0);
                assertThat(r.input(valve)).as("failsafe hold: the image when it tripped (written for step 30)").isCloseTo(0.40, within(1e-12));
            } else {
                assertThat(r.input(speed)).isEqualTo(40.0);
                assertThat(r.input(pump)).isCloseTo(0.80, within(1e-12));
                assertThat(r.input(valve)).isCloseTo(Math.min(100, 10 + n) / 100.0, within(1e-12));
            }
        }
        assertThat(emulator.recorder().events()).extracting(TraceEvent::text)
                .anyMatch(t -> t.startsWith("I/O watchdog tripped"))
                .anyMatch(t -> t.startsWith("I/O watchdog cleared"));
        // the plant saw it: the compressor stopped under failsafe and ran again after recovery
        int running = cat.outputIndex("hp.compressor1.running");
        assertThat(rows.get(45).trueValue(running)).isZero();
        assertThat(rows.get(79).trueValue(running)).isEqualTo(1.0);
    }

    @Test
    void aRigWithoutHeartbeatRunsWithoutWatchdog() throws Exception {
        LoopRig rig = new LoopRig(false);
        Emulator emulator = rig.emulator(EmulatorConfig.defaults().withWatchdogTimeoutMs(500));
        emulator.start();
        try (TestController c = new TestController(rig, (step, s, r) -> List.<PointWrite>of(r.write("C-211.SpeedSet", 30)))) {
            assertThat(emulator.awaitPlantTime(2_000, HANG_GUARD)).isTrue();
        } finally {
            emulator.stop();
        }
        assertThat(emulator.recorder().rows()).noneMatch(TraceRow::watchdogTripped);
    }
}
