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
 * {@link ReferenceController#cycle}. Requirements cited are DESIGN §8 (SU-01, SU-02, SU-03, SU-04, HP-02); the limits the
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

        boolean on(int n) { return out.isOn(PlantTags.compressorEnable(n)); }

        int onCount() {
            int k = 0;
            for (int n = 1; n <= 4; n++) if (on(n)) k++;
            return k;
        }

        /** Compressors commanded at the start speed (in their start hold or just released at it). */
        int holding() {
            int k = 0;
            for (int n = 1; n <= 4; n++) if (on(n) && out.value(PlantTags.compressorSpeedSet(n)) == ControllerConfig.defaults().compressorStartSpeedHz()) k++;
            return k;
        }

        double totalSpeedSetHz() {
            double t = 0;
            for (int n = 1; n <= 4; n++) t += out.value(PlantTags.compressorSpeedSet(n));
            return t;
        }

        double totalSpeedHz() {
            double t = 0;
            for (int n = 1; n <= 4; n++) t += in.value(PlantTags.compressorSpeed(n));
            return t;
        }
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
    void theOverrunEndsWhenTheDhReturnIsHotterThanTheGasCoolerOutletAndTheVariantPumpsOn() {
        // issue #15 item 2 / HP-03: after a trip, hot return water pumped through the stopped gas cooler would heat the
        // CO2 trapped behind HV-221; the reference ends P-271's overrun, the pumps-hot-return variant runs it to its end
        for (Optional<Variant> v : List.of(Optional.<Variant>empty(), Optional.of(Variant.PUMPS_HOT_RETURN))) {
            SimPlant sim = new SimPlant();
            ReferenceController c = new ReferenceController(ControllerConfig.defaults(), v, SimPlant.PERMISSIVES);
            sim.extra.put(PlantTags.TT271, 40.0);
            Outputs out = c.cycle(sim.inputs(), Commands.none(SETPOINT).withStart());
            sim.step(out);
            for (int i = 0; i < 3000; i++) { out = c.cycle(sim.inputs(), Commands.none(SETPOINT)); sim.step(out); }
            assertThat(c.state()).as("running before the trip").isEqualTo(ControllerState.RUNNING);
            sim.hpSwitch = true;
            for (int i = 0; i < 10; i++) { out = c.cycle(sim.inputs(), Commands.none(SETPOINT)); sim.step(out); }
            assertThat(out.isOn(PlantTags.P271_RUN)).as("overrun running after the trip (%s)", v).isTrue();
            sim.extra.put(PlantTags.TT271, sim.supplyDegC + 5.0);
            for (int i = 0; i < 20; i++) { out = c.cycle(sim.inputs(), Commands.none(SETPOINT)); sim.step(out); }
            if (v.isEmpty()) {
                assertThat(out.isOn(PlantTags.P271_RUN)).as("reference: P-271 stopped on a return 5 K hotter than TT-272").isFalse();
            } else {
                assertThat(out.isOn(PlantTags.P271_RUN)).as("pumps-hot-return: P-271 still overrunning").isTrue();
            }
        }
    }

    @Test
    void aStoppedHighSideAbove118BarIsVentedThroughHv221UntilBelow110Bar() {
        // issue #15 item 2: the trapped high side of a trip near the HP switch would stay above its 120 bar reset
        plant.extra.put(PlantTags.PT202, 100.0);
        startAndRunUntilRunning();
        run(30);
        plant.hpSwitch = true;
        run(1);
        assertThat(controller.state()).isEqualTo(ControllerState.TRIPPED);
        assertThat(trace.get(trace.size() - 1).out().value(PlantTags.HV221_OPENING_SET)).as("HV-221 closed at 100 bar, stopped").isEqualTo(0.0);
        for (double bar = 100.0; bar <= 121.0; bar += 0.5) { plant.extra.put(PlantTags.PT202, bar); cycle(Commands.none(SETPOINT)); }
        assertThat(trace.get(trace.size() - 1).out().value(PlantTags.HV221_OPENING_SET)).as("venting at 121 bar").isEqualTo(ReferenceController.VENT_OPENING_PCT);
        for (double bar = 121.0; bar >= 111.0; bar -= 0.5) { plant.extra.put(PlantTags.PT202, bar); cycle(Commands.none(SETPOINT)); }
        assertThat(trace.get(trace.size() - 1).out().value(PlantTags.HV221_OPENING_SET)).as("still venting at 111 bar (hysteresis)").isEqualTo(ReferenceController.VENT_OPENING_PCT);
        for (double bar = 111.0; bar >= 108.0; bar -= 0.5) { plant.extra.put(PlantTags.PT202, bar); cycle(Commands.none(SETPOINT)); }
        assertThat(trace.get(trace.size() - 1).out().value(PlantTags.HV221_OPENING_SET)).as("closed below 110 bar").isEqualTo(0.0);
        assertThat(controller.state()).as("venting is no restart").isEqualTo(ControllerState.TRIPPED);
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
    void theCapacityDemandRisesBelowTheSetPointAndFallsAboveAndTheSupplySettlesOnIt() {
        // the sim needs 140 Hz of total speed for 75 °C (0.25 K/Hz from 40 °C): more than one compressor
        startAndRunUntilRunning();
        run(900);
        assertThat(plant.supplyDegC).as("supply settles on 75 °C").isCloseTo(75.0, org.assertj.core.data.Offset.offset(0.5));
        double demandAt75 = controller.capacityDemandHz();
        assertThat(demandAt75).as("total speed for 75 °C").isCloseTo(140.0, org.assertj.core.data.Offset.offset(5.0));
        for (int i = 0; i < 12_000; i++) cycle(Commands.none(60.0)); // above the new set-point: the sim needs 80 Hz for 60 °C
        assertThat(controller.capacityDemandHz()).isLessThan(demandAt75);
        assertThat(plant.supplyDegC).as("supply settles on 60 °C").isCloseTo(60.0, org.assertj.core.data.Offset.offset(0.5));
    }

    /**
     * SourceConfig#tankCapacityHoldSuctionBar (issue #15; off by default, on here): on the tank source with PT-201 above the water evaporator's
     * regulator cap the capacity loop adds no speed, however cold the supply (the year study's trips: the regulator cut
     * the duty, the loop answered with speed, PT-202 went to the cut-out); back in the band it adds speed again.
     */
    @Test
    void onTheTankSourceTheCapacityLoopAddsNoSpeedWhileTheSuctionIsAboveTheRegulatorsCap() {
        // the hold is off by default (an experiment): on here at 45.2 bar
        PlantLoopsConfig loops = PlantLoopsConfig.defaults();
        loops = loops.withSource(loops.source().withTankCapacityHoldSuctionBar(45.2));
        controller = new ReferenceController(ControllerConfig.defaults(), loops, Optional.empty(), SimPlant.PERMISSIVES, 4, java.util.Map.of());
        plant.extra.put(PlantTags.TT306, 35.0);   // 35 °C tank bottom against 0 °C air: the tank is the source
        plant.extra.put(PlantTags.TT101, 0.0);
        plant.extra.put(PlantTags.PT201, 46.0);   // flooded: above the 45 bar cap
        startAndRunUntilRunning();
        double before = controller.capacityDemandHz();
        double highest = before;
        for (int i = 0; i < 600; i++) {         // 60 s with the supply ~35 K below the set-point
            cycle(Commands.none(SETPOINT));
            highest = Math.max(highest, controller.capacityDemandHz());
        }
        assertThat(SETPOINT - plant.supplyDegC).as("the supply is still far below the set-point").isGreaterThan(10.0);
        assertThat(highest).as("demand while PT-201 is 46 bar (%.2f Hz at Running)", before).isLessThanOrEqualTo(before);
        plant.extra.put(PlantTags.PT201, 44.0);   // back inside the regulator's band
        run(10);
        assertThat(controller.capacityDemandHz()).as("demand 10 s after PT-201 fell to 44 bar").isGreaterThan(before + 1.0);
    }

    // ---- staging (domain notes §2.4: lead/lag, stage-in delay, minimum on/off times; §3 step 4) -------------------

    /** The cycle at which compressor n was first commanded on after {@code fromS}, or null. */
    private Row firstStart(int n, double fromS) {
        for (int i = 1; i < trace.size(); i++) {
            Row r = trace.get(i);
            if (r.timeS() >= fromS && r.on(n) && !trace.get(i - 1).on(n)) return r;
        }
        return null;
    }

    @Test
    void aLagCompressorStartsOnlyAfterTheRunningOneSatAtMaximumForTheStageUpDelayWithTheSupplyStillCold() {
        ControllerConfig cfg = ControllerConfig.defaults();
        startAndRunUntilRunning();
        run(300);
        Row lag = firstStart(2, 0);
        assertThat(lag).as("C-212 started").isNotNull();
        // every cycle in the stage-up delay before it (the delay's first cycle is the one that saw the condition first): C-211 at maximum (within the margin) and the supply below the set-point
        List<Row> window = trace.stream().filter(r -> r.timeS() > lag.timeS() - cfg.stageUpDelayS() + 1e-6 && r.timeS() < lag.timeS()).toList();
        assertThat(window).isNotEmpty().allSatisfy(r -> {
            assertThat(r.out().value(PlantTags.compressorSpeedSet(1))).isGreaterThanOrEqualTo(cfg.compressorMaxHz() - cfg.stageMarginHz());
            assertThat(r.in().value(PlantTags.TT272)).isLessThan(SETPOINT - cfg.stageErrorK());
        });
        assertThat(lag.out().value(PlantTags.compressorSpeedSet(2))).as("the lag starts at its start speed").isEqualTo(cfg.compressorStartSpeedHz());
    }

    @Test
    void stagingIsBumplessAndTheReleasedCompressorsRunAtEqualSpeeds() {
        // a stage change keeps the capacity demand: a new compressor's start speed comes off the running ones, and a
        // stopped one's share goes to the others, so the total commanded speed does not jump in the cycle a compressor
        // starts or stops (beyond what the PI itself moves in one 0.1 s cycle); the released ones share equally
        startAndRunUntilRunning();
        run(400);
        for (int i = 0; i < 9_000; i++) cycle(Commands.none(50.0)); // stage down again
        int changes = 0;
        double worst = 0;
        for (int i = 1; i < trace.size(); i++) {
            Row a = trace.get(i - 1), b = trace.get(i);
            if (a.state() != ControllerState.RUNNING || b.state() != ControllerState.RUNNING || a.onCount() == b.onCount()) continue;
            changes++;
            worst = Math.max(worst, Math.abs(b.totalSpeedSetHz() - a.totalSpeedSetHz()));
        }
        assertThat(changes).as("stage changes up and down").isGreaterThanOrEqualTo(3);
        assertThat(worst).as("largest jump of total commanded speed when a compressor starts or stops, Hz").isLessThan(2.0);
        double start = ControllerConfig.defaults().compressorStartSpeedHz();
        assertThat(trace).filteredOn(r -> r.state() == ControllerState.RUNNING).allSatisfy(r -> {
            java.util.Set<Double> released = new java.util.HashSet<>();
            for (int n = 1; n <= 4; n++) {
                double v = r.out().value(PlantTags.compressorSpeedSet(n));
                if (r.on(n) && v != start) released.add(v);
            }
            assertThat(released).as("distinct speeds of the released compressors at %.1f s", r.timeS()).hasSizeLessThanOrEqualTo(1);
        });
    }

    @Test
    void everyCompressorStartHoldsAtLeast40HzForAtLeast10SecondsOfFeedbackBeforeTheLoopTakesIt() {
        // Bitzer (domain notes §2.4): >= 40 Hz for >= 10 s at every start, the lag compressors' as much as the lead's
        startAndRunUntilRunning();
        run(600);
        int checked = 0;
        for (int n = 1; n <= 4; n++) {
            Row start = firstStart(n, 0);
            if (start == null) continue;
            int i0 = trace.indexOf(start);
            int reached = -1;
            int released = -1;
            for (int i = i0; i < trace.size(); i++) {
                Row r = trace.get(i);
                if (reached < 0 && r.in().value(PlantTags.compressorSpeed(n)) >= 40.0) reached = i;
                if (r.out().value(PlantTags.compressorSpeedSet(n)) != ControllerConfig.defaults().compressorStartSpeedHz()) {
                    released = i;
                    break;
                }
            }
            assertThat(reached).as("C-21%d reached 40 Hz", n).isGreaterThanOrEqualTo(0);
            assertThat(released).as("C-21%d released to the loop", n).isGreaterThan(reached);
            assertThat(trace.get(released).timeS() - trace.get(reached).timeS()).as("C-21%d seconds at >= 40 Hz before release", n).isGreaterThanOrEqualTo(10.0);
            for (int i = reached; i < released; i++) assertThat(trace.get(i).in().value(PlantTags.compressorSpeed(n))).isGreaterThanOrEqualTo(40.0);
            checked++;
        }
        assertThat(checked).as("compressors started and checked").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aCompressorStopsWhenTheReleasedOnesSatAtMinimumForTheStageDownDelayWithTheSupplyWarm() {
        ControllerConfig cfg = ControllerConfig.defaults();
        startAndRunUntilRunning();
        run(900);
        int before = controller.compressorsOn();
        assertThat(before).isGreaterThanOrEqualTo(2);
        double lowered = trace.get(trace.size() - 1).timeS();
        for (int i = 0; i < 6_000; i++) cycle(Commands.none(50.0)); // 10 K: 40 Hz in all, less than two at minimum
        Row firstStop = null;
        for (int i = 1; i < trace.size() && firstStop == null; i++) {
            if (trace.get(i).timeS() > lowered && trace.get(i).onCount() < trace.get(i - 1).onCount()) firstStop = trace.get(i);
        }
        assertThat(firstStop).as("a stage down").isNotNull();
        Row stop = firstStop;
        List<Row> window = trace.stream().filter(r -> r.timeS() > stop.timeS() - cfg.stageDownDelayS() + 1e-6 && r.timeS() < stop.timeS()).toList();
        assertThat(window).isNotEmpty().allSatisfy(r -> {
            for (int n = 1; n <= 4; n++) {
                if (r.on(n)) assertThat(r.out().value(PlantTags.compressorSpeedSet(n))).isLessThanOrEqualTo(cfg.compressorMinHz() + cfg.stageMarginHz());
            }
            assertThat(r.in().value(PlantTags.TT272)).isGreaterThan(50.0 + cfg.stageErrorK());
        });
        assertThat(controller.compressorsOn()).isLessThan(before);
        assertThat(plant.supplyDegC).as("supply settles on 50 °C with fewer compressors").isCloseTo(50.0, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void aStoppedCompressorRestartsOnlyAfterItsMinimumOffTimeAndTheOthersCarryTheLoadMeanwhile() {
        // SU-03 min-off: >= 180 s between stop and start (controller: 190 s). Two compressors, so the stopped one is
        // the only one that could come back; while it may not, P-271 trims to hold the supply (capacity exhausted)
        ControllerConfig cfg = ControllerConfig.defaults();
        controller = new ReferenceController(cfg, Optional.empty(), SimPlant.PERMISSIVES, 2);
        startAndRunUntilRunning();
        run(600);
        assertThat(controller.compressorsOn()).isEqualTo(2);
        Row found = null;
        for (int i = 0; i < 6_000 && found == null; i++) {
            Row r = cycle(Commands.none(45.0));
            if (r.onCount() == 1) found = r;
        }
        assertThat(found).as("one compressor staged down").isNotNull();
        Row stop = found;
        int stopped = stop.on(1) ? 2 : 1;
        run(400); // set-point 75 again: the demand wants it back at once
        Row restart = firstStart(stopped, stop.timeS());
        assertThat(restart).as("C-21%d restarted", stopped).isNotNull();
        assertThat(restart.timeS() - stop.timeS()).as("off time of C-21%d, s", stopped).isGreaterThanOrEqualTo(cfg.compressorMinOffS());
        // meanwhile the remaining compressor at maximum and P-271 trimmed, never below its minimum speed
        assertThat(trace.stream().filter(r -> r.timeS() > stop.timeS() + 60 && r.timeS() < restart.timeS()))
                .anySatisfy(r -> assertThat(r.out().value(PlantTags.P271_SPEED_SET)).isLessThan(cfg.pumpRunSpeedPct()))
                .allSatisfy(r -> assertThat(r.out().value(PlantTags.P271_SPEED_SET)).isGreaterThanOrEqualTo(cfg.pumpMinSpeedPct()));
    }

    @Test
    void stagingDownWaitsForTheMinimumRunTime() {
        // SU-03 min-run: a stage-down due at once still waits until the compressor has run its minimum time
        ControllerConfig cfg = ControllerConfig.defaults().toBuilder().compressorMinRunS(600).build();
        controller = new ReferenceController(cfg, Optional.empty(), SimPlant.PERMISSIVES, 2);
        startAndRunUntilRunning();
        run(150);
        assertThat(controller.compressorsOn()).isEqualTo(2);
        for (int i = 0; i < 9_000; i++) cycle(Commands.none(45.0)); // far above: stage down wanted after 120 s
        for (int n = 1; n <= 2; n++) {
            Row start = firstStart(n, 0);
            Row stopRow = null;
            for (int i = trace.indexOf(start) + 1; i < trace.size() && stopRow == null; i++) if (!trace.get(i).on(n)) stopRow = trace.get(i);
            if (stopRow != null) {
                assertThat(stopRow.timeS() - start.timeS()).as("C-21%d run time before its stage-down, s", n).isGreaterThanOrEqualTo(600.0);
            }
        }
        assertThat(controller.compressorsOn()).as("staged down in the end").isEqualTo(1);
    }

    @Test
    void noCompressorStartsMoreOftenThanTheStartsPerHourLimitUnderFastDemandCycling() {
        // SU-03 starts per hour: with the off and run timers shortened, fast demand cycling would restart compressors
        // every few minutes; the controller's starts-per-hour budget (5) must cap each one in any 3600 s
        ControllerConfig cfg = ControllerConfig.defaults().toBuilder().compressorMinOffS(5).compressorMinRunS(5)
                .stageUpDelayS(5).stageDownDelayS(5).build();
        controller = new ReferenceController(cfg, Optional.empty(), SimPlant.PERMISSIVES, 2);
        startAndRunUntilRunning();
        for (int k = 0; k < 40; k++) { // 40 × (90 s high + 90 s low) = 2 h of cycling
            for (int i = 0; i < 900; i++) cycle(Commands.none(75.0));
            for (int i = 0; i < 900; i++) cycle(Commands.none(42.0));
        }
        int mostInAnHour = 0;
        for (int n = 1; n <= 2; n++) {
            List<Double> starts = new ArrayList<>();
            for (int i = 1; i < trace.size(); i++) if (trace.get(i).on(n) && !trace.get(i - 1).on(n)) starts.add(trace.get(i).timeS());
            for (int a = 0; a < starts.size(); a++) {
                int inHour = 0;
                for (int b = a; b < starts.size() && starts.get(b) - starts.get(a) <= 3600.0; b++) inHour++;
                mostInAnHour = Math.max(mostInAnHour, inHour);
            }
        }
        assertThat(mostInAnHour).as("most starts of one compressor in any hour (window closed at both ends)")
                .isEqualTo(cfg.compressorStartsPerHourMax()); // the cap was reached (so it was tested) and never exceeded
    }

    @Test
    void stopTakesEveryRunningCompressorToMinimumThenOffAndOverrunsTheDhPump() {
        // SU-04 with several compressors: all at minimum speed at once, all off within 120 s, P-271 >= 60 s after the
        // last one stopped
        ControllerConfig cfg = ControllerConfig.defaults();
        startAndRunUntilRunning();
        run(900);
        assertThat(controller.compressorsOn()).isGreaterThanOrEqualTo(2);
        Row stop = cycle(Commands.none(SETPOINT).withStop());
        for (int n = 1; n <= 4; n++) {
            if (stop.on(n)) assertThat(stop.out().value(PlantTags.compressorSpeedSet(n))).as("C-21%d at minimum", n).isEqualTo(cfg.compressorMinHz());
        }
        run(400);
        Row allOff = trace.stream().filter(r -> r.timeS() > stop.timeS() && r.onCount() == 0).findFirst().orElseThrow();
        assertThat(allOff.timeS() - stop.timeS()).isBetween(cfg.stopMinSpeedHoldS(), 120.0);
        Row stopped = trace.stream().filter(r -> r.timeS() >= allOff.timeS() && r.totalSpeedHz() == 0.0).findFirst().orElseThrow();
        Row pumpOff = trace.stream().filter(r -> r.timeS() > allOff.timeS() && !r.out().isOn(PlantTags.P271_RUN)).findFirst().orElseThrow();
        assertThat(pumpOff.timeS() - stopped.timeS()).as("P-271 overrun after the last compressor stopped").isGreaterThanOrEqualTo(60.0);
        assertThat(controller.state()).isEqualTo(ControllerState.OFF);
    }

    @Test
    void aStopRightAfterALagStartKeepsItAtMinimumUntilItsMinimumRunButNeverBeyondTheStopLimit() {
        ControllerConfig cfg = ControllerConfig.defaults();
        startAndRunUntilRunning();
        Row lag = null;
        for (int i = 0; i < 3000 && lag == null; i++) {
            Row r = cycle(Commands.none(SETPOINT));
            if (r.on(2)) lag = r;
        }
        assertThat(lag).isNotNull();
        run(20);
        Row stop = cycle(Commands.none(SETPOINT).withStop());
        run(300);
        Row c212Off = trace.stream().filter(r -> r.timeS() > stop.timeS() && !r.on(2)).findFirst().orElseThrow();
        double expected = Math.min(lag.timeS() + cfg.compressorMinRunS(), stop.timeS() + cfg.stopMaxS());
        assertThat(c212Off.timeS()).as("C-212 off at its minimum run, capped by stopMaxS").isCloseTo(expected, org.assertj.core.data.Offset.offset(0.25));
        assertThat(c212Off.timeS() - stop.timeS()).isLessThanOrEqualTo(120.0);
    }

    @Test
    void atLowLoadTheLastCompressorStopsWithTheDhPumpKeptRunningAndRestartsAfterItsMinimumOffTime() {
        // one compressor at minimum speed gives 6 K of lift in the sim: a 42 °C set-point is below what it can turn
        // down to, so the heat pump cycles its last compressor (Running, P-271 on), as slowly as the timers say
        ControllerConfig cfg = ControllerConfig.defaults();
        startAndRunUntilRunning();
        for (int i = 0; i < 24_000; i++) cycle(Commands.none(42.0));
        Row lastStop = null;
        for (int i = 1; i < trace.size() && lastStop == null; i++) {
            if (trace.get(i).onCount() == 0 && trace.get(i - 1).onCount() == 1 && trace.get(i).state() == ControllerState.RUNNING) lastStop = trace.get(i);
        }
        assertThat(lastStop).as("the last compressor stopped at low load").isNotNull();
        Row stop = lastStop;
        int stopped = 0;
        for (int n = 1; n <= 4; n++) if (trace.get(trace.indexOf(stop) - 1).on(n)) stopped = n;
        Row restart = firstStart(stopped, stop.timeS());
        Row anyRestart = trace.stream().filter(r -> r.timeS() > stop.timeS() && r.onCount() > 0).findFirst().orElseThrow();
        assertThat(anyRestart.in().value(PlantTags.TT272)).as("restarted only below the set-point").isLessThan(42.0);
        if (restart != null) assertThat(restart.timeS() - stop.timeS()).isGreaterThanOrEqualTo(cfg.compressorMinOffS());
        assertThat(trace.stream().filter(r -> r.timeS() >= stop.timeS() && r.timeS() < anyRestart.timeS()))
                .allSatisfy(r -> {
                    assertThat(r.state()).isEqualTo(ControllerState.RUNNING);
                    assertThat(r.out().isOn(PlantTags.P271_RUN)).as("P-271 keeps the DH flow").isTrue();
                });
        assertThat(anyRestart.out().value(PlantTags.compressorSpeedSet(firstOn(anyRestart)))).as("the restart runs its start hold")
                .isEqualTo(cfg.compressorStartSpeedHz());
    }

    private static int firstOn(Row r) {
        for (int n = 1; n <= 4; n++) if (r.on(n)) return n;
        return -1;
    }

    @Test
    void theCompressorCountComesFromThePointMap() throws Exception {
        io.hilbench.rig.Rig rig = io.hilbench.rig.RigLoader.loadDefault(java.nio.file.Path.of("rigs/solrod"));
        assertThat(ReferenceController.compressorCount(rig.points())).isEqualTo(4);
        assertThat(ReferenceController.forPlant(ControllerConfig.defaults(), Optional.empty(), rig.points()).compressorCount()).isEqualTo(4);
        List<io.hilbench.points.PointDefinition> two = rig.points().stream()
                .filter(p -> !p.tag().startsWith("C-213.") && !p.tag().startsWith("C-214.")).toList();
        assertThat(ReferenceController.compressorCount(two)).isEqualTo(2);
        List<io.hilbench.points.PointDefinition> none = rig.points().stream().filter(p -> !p.tag().startsWith("C-21")).toList();
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> ReferenceController.compressorCount(none))
                .withMessageContaining("C-211.Enable");
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
        assertThat(Variant.names()).containsExactly("no-flow-proof", "no-hp-unload", "restarts-after-trip", "ignores-sensor-fault",
                "silent-start-refusal", "no-pump-overrun", "ignores-setpoint-change", "short-cycles", "no-comm-loss-handling", "no-defrost-termination", "defrosts-without-frost",
                "no-source-switch", "ignores-tank-minimum", "never-starts", "drops-dh-pump", "state-stuck-running", "dead-fans", "hard-stop",
                "starts-all-at-once", "never-defrosts", "no-modulation", "trips-on-low-flow", "pumps-hot-return", "supply-at-band-edge");
        // the short tag goes into the firmware version string: at most 8 characters, unique
        assertThat(java.util.Arrays.stream(Variant.values()).map(Variant::shortTag)).allMatch(t -> t.length() <= 8).doesNotHaveDuplicates();
        assertThat(Variant.byName("No-Flow-Proof")).contains(Variant.NO_FLOW_PROOF);
        assertThat(Variant.byName("reference")).isEmpty();
    }
}
