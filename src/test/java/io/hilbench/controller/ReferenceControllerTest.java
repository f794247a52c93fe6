package io.hilbench.controller;

import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference controller's logic, without plant or network: a {@link SimPlant} of a few lines and the pure
 * {@link ReferenceController#cycle}. Requirements cited are DESIGN §8 (SU-01, SU-02, SU-04, HP-02); the limits the
 * scenarios judge live in requirements.yaml — these tests check the behaviour's order and shape with the controller's
 * own defaults.
 */
class ReferenceControllerTest {
    private static final double SETPOINT = 75.0;

    /** One recorded cycle: what the controller saw and what it commanded. */
    record Row(double timeS, Inputs in, Outputs out, ControllerState state, java.util.Set<AlarmMeaning> alarms) {
        boolean compressorCommanded() {
            for (int n = 1; n <= 4; n++) {
                if (out.isOn(PlantTags.compressorEnable(n)) || out.value(PlantTags.compressorSpeedSet(n)) > 0) return true;
            }
            return false;
        }

        boolean flowSwitchClear() { return in.value(PlantTags.FSL271) == 0.0; }
    }

    private final SimPlant plant = new SimPlant();
    private ReferenceController controller = new ReferenceController(ControllerConfig.defaults(), Optional.empty(), SimPlant.PERMISSIVES);
    private final List<Row> trace = new ArrayList<>();

    private Row cycle(Commands cmds) {
        Inputs in = plant.inputs();
        Outputs out = controller.cycle(in, cmds);
        Row r = new Row(plant.timeMs / 1000.0, in, out, controller.state(), controller.alarms());
        trace.add(r);
        plant.step(out);
        return r;
    }

    private void run(double seconds) {
        long steps = Math.round(seconds / SimPlant.STEP_S);
        for (long i = 0; i < steps; i++) cycle(Commands.none(SETPOINT));
    }

    private void start() { cycle(Commands.none(SETPOINT).withStart()); }

    private void startAndRunUntilRunning() {
        start();
        for (int i = 0; i < 2000 && controller.state() != ControllerState.RUNNING; i++) cycle(Commands.none(SETPOINT));
        assertThat(controller.state()).as("state after the start sequence").isEqualTo(ControllerState.RUNNING);
    }

    @Test
    void noCompressorIsCommandedBeforeDhFlowIsProven() {
        // SU-01.flow-proof: DH flow proven (FSL-271 clear) before any compressor is commanded to run
        startAndRunUntilRunning();
        Row firstCompressor = trace.stream().filter(Row::compressorCommanded).findFirst().orElseThrow();
        Row firstPump = trace.stream().filter(r -> r.out().isOn(PlantTags.P271_RUN)).findFirst().orElseThrow();
        assertThat(firstPump.timeS()).as("P-271 starts before the compressor").isLessThan(firstCompressor.timeS());
        // every cycle in the confirm window before the first compressor command saw FSL-271 clear
        double confirm = ControllerConfig.defaults().flowProofConfirmS();
        List<Row> window = trace.stream().filter(r -> r.timeS() >= firstCompressor.timeS() - confirm && r.timeS() <= firstCompressor.timeS()).toList();
        assertThat(window).isNotEmpty();
        assertThat(window.stream().filter(r -> !r.flowSwitchClear()).map(Row::timeS).toList()).as("cycles with FSL-271 low in the confirm window").isEmpty();
        assertThat(trace.stream().filter(r -> r.timeS() < firstCompressor.timeS()).noneMatch(Row::compressorCommanded)).isTrue();
    }

    @Test
    void leadCompressorRunsAtLeast40HzForAtLeast10SecondsBeforeTheLoopTakesIt() {
        // SU-01 / domain notes §2.4 (Bitzer): run at >= 40 Hz for >= 10 s at start before releasing to the capacity PID
        startAndRunUntilRunning();
        Row firstCompressor = trace.stream().filter(Row::compressorCommanded).findFirst().orElseThrow();
        assertThat(firstCompressor.out().value(PlantTags.compressorSpeedSet(1))).isGreaterThanOrEqualTo(40.0);
        // the feedback interval at >= 40 Hz, from when it first reaches 40 Hz until the loop releases it (state RUNNING)
        Row reached = trace.stream().filter(r -> r.in().value(PlantTags.compressorSpeed(1)) >= 40.0).findFirst().orElseThrow();
        Row running = trace.stream().filter(r -> r.state() == ControllerState.RUNNING).findFirst().orElseThrow();
        assertThat(running.timeS() - reached.timeS()).as("seconds at >= 40 Hz before release").isGreaterThanOrEqualTo(10.0);
        assertThat(trace.stream().filter(r -> r.timeS() >= firstCompressor.timeS() && r.timeS() < running.timeS()))
                .allSatisfy(r -> assertThat(r.out().value(PlantTags.compressorSpeedSet(1))).isGreaterThanOrEqualTo(40.0));
    }

    @Test
    void startIsRefusedWhenFlowNeverProves() {
        // SU-02: P-271 failed -> no compressor commanded for 5 min; START_REFUSED within 60 s
        plant.pumpFailed = true;
        start();
        run(300);
        assertThat(trace).noneMatch(Row::compressorCommanded);
        Row refused = trace.stream().filter(r -> r.alarms().contains(AlarmMeaning.START_REFUSED)).findFirst().orElseThrow();
        assertThat(refused.timeS()).isLessThanOrEqualTo(60.0);
        assertThat(controller.state()).isEqualTo(ControllerState.OFF);
        assertThat(trace.get(trace.size() - 1).out().isOn(PlantTags.P271_RUN)).as("pump stopped after the refusal").isFalse();
    }

    @Test
    void startWithALatchedHpTripIsRefusedAndSucceedsAfterTheCauseIsFixedAndReset() {
        // SU-02, second half: a latched HP trip refuses the start; after the switch is reset on site and the
        // controller reset, the start succeeds
        plant.hpSwitch = true;
        start();
        run(60);
        assertThat(trace).noneMatch(Row::compressorCommanded);
        assertThat(controller.alarms()).contains(AlarmMeaning.START_REFUSED, AlarmMeaning.HP_TRIP);
        assertThat(controller.state()).isEqualTo(ControllerState.TRIPPED);

        cycle(Commands.none(SETPOINT).withReset());
        assertThat(controller.state()).as("reset refused while PSHH-202 is still tripped").isEqualTo(ControllerState.TRIPPED);

        plant.hpSwitch = false; // reset on site
        cycle(Commands.none(SETPOINT).withReset());
        assertThat(controller.state()).isEqualTo(ControllerState.OFF);
        assertThat(controller.alarms()).isEmpty();
        startAndRunUntilRunning();
    }

    @Test
    void startIsRefusedWhileAPermissiveIsUnhealthy() {
        // domain notes §3 step 1: permissives (E-stop healthy, oil level, VFD ready) before any start
        plant.permissivesHealthy = false;
        start();
        run(10);
        assertThat(controller.state()).isEqualTo(ControllerState.OFF);
        assertThat(controller.alarms()).contains(AlarmMeaning.START_REFUSED);
        assertThat(trace).noneMatch(r -> r.out().isOn(PlantTags.P271_RUN));
    }

    @Test
    void anHpTripStopsTheCompressorAtOnceAndStaysTrippedUntilReset() {
        startAndRunUntilRunning();
        run(30);
        plant.hpSwitch = true;
        Row tripped = cycle(Commands.none(SETPOINT));
        assertThat(tripped.state()).isEqualTo(ControllerState.TRIPPED);
        assertThat(tripped.alarms()).contains(AlarmMeaning.HP_TRIP);
        assertThat(tripped.compressorCommanded()).as("compressor off in the cycle that saw the trip").isFalse();
        plant.hpSwitch = false; // even with the cause gone, a trip is latched until Reset
        run(120);
        assertThat(controller.state()).isEqualTo(ControllerState.TRIPPED);
        cycle(Commands.none(SETPOINT).withStart());
        assertThat(controller.state()).isEqualTo(ControllerState.TRIPPED);
        assertThat(controller.alarms()).contains(AlarmMeaning.START_REFUSED);
        assertThat(trace.stream().filter(r -> r.timeS() > tripped.timeS())).noneMatch(Row::compressorCommanded);
        cycle(Commands.none(SETPOINT).withReset());
        assertThat(controller.state()).isEqualTo(ControllerState.OFF);
        assertThat(controller.alarms()).isEmpty();
    }

    @Test
    void lostDhFlowWhileRunningTripsOnFlowTrip() {
        // HP-02: DH flow lost at load -> compressors stopped, FLOW_TRIP
        startAndRunUntilRunning();
        plant.pumpFailed = true;
        run(10);
        assertThat(controller.state()).isEqualTo(ControllerState.TRIPPED);
        assertThat(controller.alarms()).contains(AlarmMeaning.FLOW_TRIP);
        assertThat(trace.get(trace.size() - 1).compressorCommanded()).isFalse();
    }

    @Test
    void stopRampsToMinimumThenOffAndTheDhPumpOverrunsAtLeast60Seconds() {
        // SU-04: compressors at minimum speed within 60 s and off within 120 s; P-271 runs >= 60 s after the last
        // compressor stops
        startAndRunUntilRunning();
        run(60);
        Row stop = cycle(Commands.none(SETPOINT).withStop());
        assertThat(stop.state()).isEqualTo(ControllerState.STOPPING);
        assertThat(stop.out().value(PlantTags.compressorSpeedSet(1))).isEqualTo(ControllerConfig.defaults().compressorMinHz());
        run(300);
        Row off = trace.stream().filter(r -> r.timeS() > stop.timeS() && !r.compressorCommanded()).findFirst().orElseThrow();
        assertThat(off.timeS() - stop.timeS()).isLessThanOrEqualTo(120.0);
        // the compressor has actually stopped (feedback 0) at some point; the pump must run >= 60 s beyond it
        Row stopped = trace.stream().filter(r -> r.timeS() >= off.timeS() && r.in().value(PlantTags.compressorSpeed(1)) == 0.0).findFirst().orElseThrow();
        Row pumpOff = trace.stream().filter(r -> r.timeS() > off.timeS() && !r.out().isOn(PlantTags.P271_RUN)).findFirst().orElseThrow();
        assertThat(pumpOff.timeS() - stopped.timeS()).as("P-271 overrun after the compressor stopped").isGreaterThanOrEqualTo(60.0);
        assertThat(controller.state()).isEqualTo(ControllerState.OFF);
        assertThat(controller.alarms()).isEmpty();
    }

    @Test
    void theSupplyLoopRaisesSpeedBelowTheSetPointAndLowersItAbove() {
        startAndRunUntilRunning();
        run(600);
        double belowSpeed = trace.get(trace.size() - 1).out().value(PlantTags.compressorSpeedSet(1));
        // the sim plant gives 40 + 0.5 K/Hz: 75 °C needs 70 Hz, so below the set-point the loop sits at the top
        assertThat(belowSpeed).isEqualTo(ControllerConfig.defaults().compressorMaxHz());
        for (int i = 0; i < 12_000; i++) cycle(Commands.none(60.0)); // above the new set-point; the sim needs 40 Hz for 60 °C
        double aboveSpeed = trace.get(trace.size() - 1).out().value(PlantTags.compressorSpeedSet(1));
        assertThat(aboveSpeed).isLessThan(belowSpeed).isGreaterThanOrEqualTo(ControllerConfig.defaults().compressorMinHz());
        assertThat(plant.supplyDegC).as("supply settles on the set-point").isCloseTo(60.0, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void timeIsThePlantClock_cyclesWithoutPlantTimeAdvanceNoTimer() {
        // DESIGN §4: the controller takes its time from BENCH.PlantTimeMs, never from the wall clock — a plant held
        // between steps (lockstep) must not see its flow proof time out however often the controller cycles
        start();
        plant.pumpFailed = true;
        Inputs held = plant.inputs();
        for (int i = 0; i < 10_000; i++) controller.cycle(held, Commands.none(SETPOINT));
        assertThat(controller.state()).isEqualTo(ControllerState.STARTING);
        assertThat(controller.alarms()).doesNotContain(AlarmMeaning.START_REFUSED);
    }

    @Test
    void resetToInitialReturnsToOffWithEverythingOffAndNoAlarm() {
        startAndRunUntilRunning();
        plant.hpSwitch = true;
        run(1);
        plant.hpSwitch = false;
        Row r = cycle(Commands.none(SETPOINT).withResetToInitial());
        assertThat(r.state()).isEqualTo(ControllerState.OFF);
        assertThat(r.alarms()).isEmpty();
        assertThat(r.compressorCommanded()).isFalse();
        assertThat(r.out().isOn(PlantTags.P271_RUN)).as("no overrun after reset-to-initial").isFalse();
        startAndRunUntilRunning(); // the same controller serves the next scenario
    }

    @Test
    void variantNoFlowProofCommandsTheCompressorBeforeFlowIsProven() {
        // the known-bad variant must really lack the behaviour SU-01.flow-proof checks
        controller = new ReferenceController(ControllerConfig.defaults(), Optional.of(Variant.NO_FLOW_PROOF), SimPlant.PERMISSIVES);
        Row first = cycle(Commands.none(SETPOINT).withStart());
        assertThat(first.out().isOn(PlantTags.P271_RUN)).isTrue();
        assertThat(first.compressorCommanded()).as("compressor in the same cycle as the pump").isTrue();
        assertThat(first.flowSwitchClear()).as("FSL-271 still low").isFalse();
    }

    @Test
    void variantNamesAreListedAndFound() {
        assertThat(Variant.names()).containsExactly("no-flow-proof");
        assertThat(Variant.byName("No-Flow-Proof")).contains(Variant.NO_FLOW_PROOF);
        assertThat(Variant.byName("reference")).isEmpty();
    }
}
