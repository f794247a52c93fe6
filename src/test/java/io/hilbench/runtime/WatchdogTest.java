package io.hilbench.runtime;

import io.hilbench.points.PointWrite;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The I/O watchdog of DESIGN §5: heartbeat must change; per-point failsafe; timeout in plant time; recovery. */
class WatchdogTest {

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
        emulator.start();
        TestController.Logic logic = (step, s, r) -> {
            // heartbeat changes every cycle before step 20 and from step 60 on; frozen in between
            double heartbeat = step < 20 ? step : step < 60 ? 20 : step;
            // the valve moves on while the heartbeat is frozen: "hold" must hold the value at the trip, not follow it
            return List.of(r.write("C-211.Enable", 1), r.write("C-211.SpeedSet", 40), r.write("P-271.Run", 1),
                    r.write("P-271.SpeedSet", 80), r.write("HV-221.OpeningSet", Math.min(100, 10 + step)),
                    r.write("BENCH.Heartbeat", heartbeat));
        };
        boolean flagSeen = false;
        try (TestController c = new TestController(rig, logic)) {
            assertThat(emulator.awaitPlantTime(4_000, Duration.ofSeconds(20))).isTrue();
            // while tripped, the actuator points still read back the controller's last writes (output image)
            try (Emulator.Hold h = emulator.hold()) {
                flagSeen = rig.value("BENCH.WatchdogTripped") == 1.0;
                assertThat(rig.value("C-211.SpeedSet")).isEqualTo(40.0);
            }
            assertThat(emulator.awaitPlantTime(8_000, Duration.ofSeconds(20))).isTrue();
        } finally {
            emulator.stop();
        }
        assertThat(flagSeen).as("BENCH.WatchdogTripped published while tripped").isTrue();

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
            assertThat(emulator.awaitPlantTime(2_000, Duration.ofSeconds(20))).isTrue();
        } finally {
            emulator.stop();
        }
        assertThat(emulator.recorder().rows()).noneMatch(TraceRow::watchdogTripped);
    }
}
