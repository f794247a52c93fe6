package io.hilbench.controller;

import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;
import io.hilbench.runtime.Quality;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference controller's protection logic without plant physics or network ({@link SimPlant}): sensor
 * plausibility (range, BAD, rate, frozen) with the critical/non-critical split, the time-stamped alarm list, the
 * comm-loss recovery, the discharge unloading, and what each protection variant removes. Requirements cited: DESIGN §8
 * SF-01, CL-01, HP-02, SU-02; domain notes §5 (Danfoss Sd max / Bitzer discharge limits).
 */
class ProtectionLogicTest {
    private static final double SETPOINT = 75.0;
    private static final ControllerConfig CFG = ControllerConfig.defaults();
    /** PT-202's range in the Solrød map (0–160 bar), given to the controller as the map would. */
    private static final Map<String, double[]> RANGES = Map.of(PlantTags.PT202, new double[] {0, 160}, PlantTags.TT272, new double[] {0, 100},
            PlantTags.TT202, new double[] {-20, 200});

    private final SimPlant plant = new SimPlant();
    private ReferenceController controller = controller(Optional.empty());
    private final List<Outputs> outs = new ArrayList<>();

    private static ReferenceController controller(Optional<Variant> v) {
        return new ReferenceController(CFG, v, SimPlant.PERMISSIVES, 4, RANGES);
    }

    private Outputs cycle(Commands c) {
        Outputs o = controller.cycle(plant.inputs(), c);
        outs.add(o);
        plant.step(o);
        return o;
    }

    private void run(double s) {
        for (long i = 0, n = Math.round(s / SimPlant.STEP_S); i < n; i++) cycle(Commands.none(SETPOINT));
    }

    private static boolean on(Outputs o, int n) {
        return o.isOn(PlantTags.compressorEnable(n)) || o.value(PlantTags.compressorSpeedSet(n)) > 0;
    }

    private static boolean anyCompressor(Outputs o) {
        for (int n = 1; n <= 4; n++) if (o.isOn(PlantTags.compressorEnable(n)) || o.value(PlantTags.compressorSpeedSet(n)) > 0) return true;
        return false;
    }

    private Outputs last() { return outs.get(outs.size() - 1); }

    /** Running with a healthy PT-202 and TT-202 for 10 min (two compressors at least). */
    private void running() {
        plant.extra.put(PlantTags.PT202, 100.0);
        plant.extra.put(PlantTags.TT202, 100.0);
        cycle(Commands.none(SETPOINT).withStart());
        run(600);
        assertThat(controller.state()).isEqualTo(ControllerState.RUNNING);
        assertThat(controller.compressorsOn()).isPositive();
    }

    @Test
    void aBadCriticalSensorIsASafeStopWithAStampedSensorFaultAndNoRestartUntilHealthyAndReset() {
        // SF-01: PT-202 BAD -> compressors commanded off and SENSOR_FAULT within 10 s; no restart until healthy AND reset
        running();
        long badAtMs = plant.timeMs;
        plant.extraQuality.put(PlantTags.PT202, Quality.BAD);
        run(CFG.sensorFaultDelayS() + 0.5);
        assertThat(anyCompressor(last())).as("compressors commanded off").isFalse();
        assertThat(controller.state()).isEqualTo(ControllerState.FAULT);
        AlarmRecord fault = controller.alarmList().stream().filter(a -> a.meaning() == AlarmMeaning.SENSOR_FAULT).findFirst().orElseThrow();
        assertThat(fault.raisedAtMs() - badAtMs).as("SENSOR_FAULT stamped with plant time, ms after the fault").isBetween(0L, 10_000L);
        assertThat(fault.text()).contains("PT-202").contains("bad quality");
        assertThat(fault.active()).isTrue();

        cycle(Commands.none(SETPOINT).withReset());
        cycle(Commands.none(SETPOINT).withStart());
        run(60);
        assertThat(controller.state()).as("a reset while the sensor is bad leaves the Fault").isEqualTo(ControllerState.FAULT);
        assertThat(outs.stream().skip(outs.size() - 600)).noneMatch(ProtectionLogicTest::anyCompressor);

        plant.extraQuality.remove(PlantTags.PT202);
        run(CFG.sensorHealthyS() + 1);
        assertThat(controller.state()).as("healthy again, but no reset yet: still Fault").isEqualTo(ControllerState.FAULT);
        long resetAtMs = plant.timeMs;
        cycle(Commands.none(SETPOINT).withReset());
        assertThat(controller.state()).isEqualTo(ControllerState.OFF);
        assertThat(controller.alarms()).doesNotContain(AlarmMeaning.SENSOR_FAULT);
        AlarmRecord cleared = controller.alarmLog().stream().filter(a -> a.meaning() == AlarmMeaning.SENSOR_FAULT).findFirst().orElseThrow();
        assertThat(cleared.clearedAtMs()).as("cleared stamp: the reset's plant time").isEqualTo(resetAtMs);
        cycle(Commands.none(SETPOINT).withStart());
        assertThat(controller.state()).isEqualTo(ControllerState.STARTING);
    }

    @Test
    void anOutOfRangeReadingIsAFaultButAReadingJustInsideTheRangeIsNot() {
        // Off, PT-202 just above the transmitter's 160 bar but inside the margin (float rounding at a limit): no fault
        plant.extra.put(PlantTags.PT202, 160.0 + 0.5 * 160 * CFG.sensorRangeMarginPct() / 100);
        run(30);
        assertThat(controller.alarms()).doesNotContain(AlarmMeaning.SENSOR_FAULT);
        plant.extra.put(PlantTags.PT202, 100.0);
        run(30);
        controller = controller(Optional.empty());
        running();
        plant.extra.put(PlantTags.PT202, 170.0); // beyond the transmitter's 160 bar (and faster than physics)
        run(CFG.sensorFaultDelayS() + 0.5);
        assertThat(controller.sensorFaults()).anyMatch(f -> f.startsWith("PT-202") && f.contains("out of range"));
        assertThat(controller.alarms()).contains(AlarmMeaning.SENSOR_FAULT);
        assertThat(anyCompressor(last())).isFalse();
        assertThat(controller.alarms()).as("an impossible reading is no HP trip (the Pc max cut-out ignores it)").doesNotContain(AlarmMeaning.HP_TRIP);
    }

    @Test
    void aJumpFasterThanPhysicsOnACriticalSensorIsAFaultButNotInItsFirstReadings() {
        // the first readings after a start of the controller may jump from the map's initial value: not rate-checked
        plant.extra.put(PlantTags.PT202, 35.0);
        cycle(Commands.none(SETPOINT));
        plant.extra.put(PlantTags.PT202, 100.0);
        run(30);
        assertThat(controller.alarms()).doesNotContain(AlarmMeaning.SENSOR_FAULT);
        // armed: a one-cycle spike of 50 bar (500 bar/s > 100 bar/s) keeps it suspect for sensorHealthyS -> fault
        plant.extra.put(PlantTags.PT202, 150.0);
        cycle(Commands.none(SETPOINT));
        plant.extra.put(PlantTags.PT202, 100.0);
        run(CFG.sensorFaultDelayS() + 0.5);
        assertThat(controller.sensorFaults()).anyMatch(f -> f.startsWith("PT-202") && f.contains("rate"));
        assertThat(controller.alarms()).contains(AlarmMeaning.SENSOR_FAULT);
    }

    @Test
    void aSupplyReadingFrozenWhileTheCompressorsMoveIsAFaultAtSteadySpeedItIsNot() {
        running();
        // frozen at a constant while the compressors run steadily: a steady plant may repeat a value, no fault
        plant.supplyFrozenAt = plant.supplyDegC;
        run(CFG.sensorFrozenS() + 10);
        assertThat(controller.alarms()).as("frozen at steady speed: no fault").doesNotContain(AlarmMeaning.SENSOR_FAULT);
        // now the set-point moves 10 K down: the loop takes the speeds down by more than 10 Hz and TT-272 does not answer
        for (long i = 0; i < Math.round((CFG.sensorFrozenS() + 60) / SimPlant.STEP_S); i++) cycle(Commands.none(SETPOINT - 10));
        assertThat(controller.alarmList()).as("SENSOR_FAULT for a frozen TT-272")
                .anyMatch(a -> a.meaning() == AlarmMeaning.SENSOR_FAULT && a.text().contains("TT-272") && a.text().contains("frozen"));
        assertThat(controller.state()).as("TT-272 is critical: safe stop").isEqualTo(ControllerState.FAULT);
    }

    @Test
    void aBadDischargeSensorIsDegradedOperationNotAStop() {
        running();
        plant.extraQuality.put(PlantTags.TT202, Quality.BAD);
        run(30);
        assertThat(controller.state()).as("TT-202 is not critical").isEqualTo(ControllerState.RUNNING);
        assertThat(controller.alarms()).contains(AlarmMeaning.SENSOR_FAULT);
        assertThat(controller.speedCapHz()).as("speed capped while the discharge unloading is blind").isLessThanOrEqualTo(CFG.dischargeSensorFaultMaxHz());
        plant.extraQuality.remove(PlantTags.TT202);
        run(CFG.sensorHealthyS() + 1);
        assertThat(controller.alarms()).as("a non-critical fault clears by itself once healthy").doesNotContain(AlarmMeaning.SENSOR_FAULT);
    }

    @Test
    void aHotDischargeLowersTheSpeedCapAndItRecoversOnceCool() {
        // domain notes §5: within 10 K of Sd max reduce capacity (Bitzer: warn 140, trip 150 °C)
        running();
        plant.extra.put(PlantTags.TT202, CFG.dischargeUnloadSetDegC() + 5);
        run(20);
        double cap = controller.speedCapHz();
        assertThat(cap).isLessThan(CFG.compressorMaxHz() - 10);
        for (int n = 1; n <= 4; n++) assertThat(last().value(PlantTags.compressorSpeedSet(n))).isLessThanOrEqualTo(Math.max(cap, CFG.compressorStartSpeedHz()) + 0.05);
        plant.extra.put(PlantTags.TT202, CFG.dischargeUnloadSetDegC() - 10);
        run(60);
        assertThat(controller.speedCapHz()).isGreaterThan(cap);
    }

    @Test
    void aLostLinkRaisesAStampedCommLossAndTheRestartWaitsTheMinimumOffTimeFromTheReturn() {
        // CL-01: COMM_LOSS; after the link returns, restart without a trip, respecting the minimum off time
        running();
        long lostAtMs = plant.timeMs - 100; // the last cycle's plant time
        controller.linkLost("test: request timed out");
        assertThat(controller.alarms()).contains(AlarmMeaning.COMM_LOSS);
        assertThat(controller.alarmList().stream().filter(a -> a.meaning() == AlarmMeaning.COMM_LOSS).findFirst().orElseThrow().raisedAtMs()).isEqualTo(lostAtMs);
        // 30 s of plant time pass with no cycle (the plant's watchdog stopped the compressors)
        for (int i = 0; i < 300; i++) plant.step(Outputs.builder().set(PlantTags.P271_RUN, true).set(PlantTags.P271_SPEED_SET, 100).build());
        plant.watchdogTripped = true;
        Outputs back = cycle(Commands.none(SETPOINT));
        plant.watchdogTripped = false;
        assertThat(anyCompressor(back)).as("first cycle back: compressors counted stopped").isFalse();
        assertThat(controller.state()).isEqualTo(ControllerState.STARTING);
        int backIndex = outs.size() - 1;
        run(CFG.compressorMinOffS() + 60);
        // every compressor that ran before the loss stays off for the minimum off time counted from the return
        // (the plant's watchdog stopped it some time during the loss; the return is the latest that can have been)
        int judged = 0;
        for (int n = 1; n <= 4; n++) {
            if (!on(outs.get(backIndex - 1), n)) continue;
            judged++;
            for (int i = backIndex; i < outs.size(); i++) {
                if (on(outs.get(i), n)) {
                    assertThat((i - backIndex) * SimPlant.STEP_S).as("C-21%d off after the return, s", n).isGreaterThanOrEqualTo(CFG.compressorMinOffS() - 1e-6);
                    break;
                }
            }
        }
        assertThat(judged).isPositive();
        assertThat(outs.subList(backIndex, outs.size())).as("restarted").anyMatch(ProtectionLogicTest::anyCompressor);
        assertThat(controller.alarms()).doesNotContain(AlarmMeaning.HP_TRIP, AlarmMeaning.FLOW_TRIP, AlarmMeaning.LP_TRIP, AlarmMeaning.DISCHARGE_TRIP);
        cycle(Commands.none(SETPOINT).withReset());
        assertThat(controller.alarms()).as("COMM_LOSS is acknowledged by a Reset once the link is back").doesNotContain(AlarmMeaning.COMM_LOSS);
    }

    @Test
    void theWatchdogTrippedPointAloneRaisesCommLoss() {
        running();
        plant.watchdogTripped = true;
        cycle(Commands.none(SETPOINT));
        plant.watchdogTripped = false;
        assertThat(controller.alarms()).contains(AlarmMeaning.COMM_LOSS);
        assertThat(anyCompressor(last())).isFalse();
    }

    @Test
    void theNoCommLossHandlingVariantRaisesNothingAndResumesAtOnce() {
        controller = controller(Optional.of(Variant.NO_COMM_LOSS_HANDLING));
        running();
        controller.linkLost("test");
        for (int i = 0; i < 300; i++) plant.step(Outputs.builder().set(PlantTags.P271_RUN, true).set(PlantTags.P271_SPEED_SET, 100).build());
        plant.watchdogTripped = true;
        Outputs back = cycle(Commands.none(SETPOINT));
        assertThat(controller.alarms()).doesNotContain(AlarmMeaning.COMM_LOSS);
        assertThat(anyCompressor(back)).as("commands its compressors again at once").isTrue();
    }

    @Test
    void theIgnoresSensorFaultVariantAlarmsButKeepsRunning() {
        controller = controller(Optional.of(Variant.IGNORES_SENSOR_FAULT));
        running();
        plant.extraQuality.put(PlantTags.PT202, Quality.BAD);
        run(30);
        assertThat(controller.alarms()).contains(AlarmMeaning.SENSOR_FAULT);
        assertThat(controller.state()).isEqualTo(ControllerState.RUNNING);
        assertThat(anyCompressor(last())).isTrue();
    }

    @Test
    void theRestartsAfterTripVariantRestartsWhileTheHpSwitchIsStillTripped() {
        // HP-02.no-restart: the reference stays Tripped until a Reset (refused while the switch is set)
        running();
        plant.hpSwitch = true;
        run(CFG.restartAfterTripS() + CFG.compressorMinOffS() + 30);
        assertThat(controller.state()).isEqualTo(ControllerState.TRIPPED);
        assertThat(outs.stream().skip(outs.size() - 1000)).noneMatch(ProtectionLogicTest::anyCompressor);

        controller = controller(Optional.of(Variant.RESTARTS_AFTER_TRIP));
        plant.hpSwitch = false;
        outs.clear();
        running();
        plant.hpSwitch = true;
        int tripAt = outs.size();
        run(CFG.restartAfterTripS() + CFG.compressorMinOffS() + 30);
        assertThat(outs.subList(tripAt + 10, outs.size())).as("a compressor commanded again with PSHH-202 still set").anyMatch(ProtectionLogicTest::anyCompressor);
    }

    @Test
    void startRefusedWhileACriticalSensorFaultIsLatchedEvenFromOff() {
        // SU-02-like: a start with a latched cause is refused with START_REFUSED, no compressor
        plant.extra.put(PlantTags.PT202, 50.0);
        plant.extraQuality.put(PlantTags.PT202, Quality.BAD);
        run(5);
        cycle(Commands.none(SETPOINT).withStart());
        assertThat(controller.alarms()).contains(AlarmMeaning.START_REFUSED, AlarmMeaning.SENSOR_FAULT);
        assertThat(controller.state()).isEqualTo(ControllerState.OFF);
        assertThat(controller.alarmList()).extracting(AlarmRecord::meaning).containsExactly(AlarmMeaning.SENSOR_FAULT, AlarmMeaning.START_REFUSED);
    }
}
