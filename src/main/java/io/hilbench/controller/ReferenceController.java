package io.hilbench.controller;

import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;
import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.hilbench.controller.PlantTags.FSL271;
import static io.hilbench.controller.PlantTags.P271_RUNNING;
import static io.hilbench.controller.PlantTags.PSHH202;
import static io.hilbench.controller.PlantTags.PSLL201;
import static io.hilbench.controller.PlantTags.TSHH202;
import static io.hilbench.controller.PlantTags.TT272;

/**
 * The reference controller's logic: pure, single-threaded, no plant, no network, no wall clock. One call of
 * {@link #cycle} per controller cycle turns the inputs read and the supervisory commands taken into the actuator
 * values to write; time is the plant clock of the inputs ({@code BENCH.PlantTimeMs}).
 *
 * <h2>States (vendor codes of the Solrød controller map in brackets)</h2>
 * <pre>
 *  Off [0 Idle] --Start, permissives ok--> Starting [10 StartUp]
 *      Start refused (START_REFUSED, stays Off): a latched trip (state Tripped/Fault, or PSHH-202 / PSLL-201 /
 *      TSHH-202 set), or a permissive constant (every boolean 'constant' point: ES-101, C-21x.OilLevelOk,
 *      C-21x.VfdReady) not true.
 *  Starting, phase PROVING_FLOW: P-271 runs at its start speed, no compressor. Flow is proven when FSL-271 is clear
 *      and P-271 reports running for flowProofConfirmS. Not proven within flowProofTimeoutS: START_REFUSED, pump
 *      off, back to Off.
 *  Starting, phase COMPRESSOR_START: only now the lead compressor is enabled at compressorStartSpeedHz (≥ 40 Hz);
 *      it holds that until its speed feedback has been ≥ compressorStartMinHz for compressorStartHoldS (feedback
 *      missing: the hold counts from the enable). Feedback never reaches it within compressorStartTimeoutS: Fault.
 *  Running [20 Run]: PI on TT-272 against the supply set-point drives the lead compressor's speed within
 *      [compressorMinHz, compressorMaxHz] (bumpless from the start speed); HV-221, HV-222, section valves and fans at
 *      their fixed values.
 *  Stop (from Starting or Running) -> Stopping [40 RunDown]: compressor at minimum speed for stopMinSpeedHoldS, then
 *      off; P-271 overruns pumpOverrunS, then Off. A Stop before any compressor ran stops the pump at once (Off).
 *  Tripped [90 Trip], from any state: PSHH-202 (HP_TRIP), PSLL-201 (LP_TRIP), TSHH-202 (DISCHARGE_TRIP), or
 *      FSL-271 low for flowTripDelayS while a compressor is commanded (FLOW_TRIP). Compressors off at once, P-271
 *      overruns. Stays Tripped until Reset; Reset returns to Off only when no trip cause is still present.
 *  Fault [99 Fault]: the compressor did not come up to speed. Reset returns to Off.
 *  Reset also clears START_REFUSED; a Start that is accepted clears it too. Reset-to-initial: Off, alarms cleared,
 *      every timer and the PI reset, pump off at once.
 * </pre>
 * The P-271 overrun is independent of the state: after any compressor stop the pump keeps running for
 * {@code pumpOverrunS}, also in Off and Tripped.
 *
 * <p>A {@link Variant} removes exactly one of these behaviours.
 */
public final class ReferenceController {
    private static final Logger log = LoggerFactory.getLogger(ReferenceController.class);

    /** Version the controller declares in its identity (self-declared, DESIGN §10). */
    public static final String FIRMWARE_VERSION = "0.1.0";

    /** The alarms a Reset clears once their cause is gone. */
    private static final Set<AlarmMeaning> TRIP_ALARMS =
            EnumSet.of(AlarmMeaning.HP_TRIP, AlarmMeaning.LP_TRIP, AlarmMeaning.FLOW_TRIP, AlarmMeaning.DISCHARGE_TRIP);

    /** Where in Starting or Stopping the controller is. */
    public enum Phase { NONE, PROVING_FLOW, COMPRESSOR_START, CONTROL, RAMP_DOWN, OVERRUN }

    private final ControllerConfig config;
    private final Optional<Variant> variant;
    private final List<String> permissiveTags;
    private final int lead;

    private ControllerState state;
    private Phase phase;
    private final EnumSet<AlarmMeaning> alarms = EnumSet.noneOf(AlarmMeaning.class);
    private long lastTimeMs;
    private double phaseElapsedS;
    private double flowClearS;
    private boolean flowSeenClear;
    private double flowLowWhileRunningS;
    private double atStartSpeedS;
    private boolean reachedStartSpeed;
    private boolean compressorOn;
    private double speedSetHz;
    private double integralHz;
    private double overrunLeftS;
    private String lastEvent = "";

    /**
     * @param permissiveTags the boolean constant points that must all be true before a start (see
     *                       {@link #permissiveTags(List)})
     */
    public ReferenceController(ControllerConfig config, Optional<Variant> variant, List<String> permissiveTags) {
        this.config = Objects.requireNonNull(config, "config");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.permissiveTags = List.copyOf(permissiveTags);
        this.lead = config.leadCompressor();
        resetToInitial();
    }

    /** The start permissives of a plant point map: every boolean {@code constant} point (E-stop healthy, oil level, VFD ready). */
    public static List<String> permissiveTags(List<PointDefinition> plantPoints) {
        return plantPoints.stream().filter(p -> p.kind() == PointKind.CONSTANT && p.isBoolean()).map(PointDefinition::tag).toList();
    }

    public ControllerConfig config() { return config; }

    public Optional<Variant> variant() { return variant; }

    public ControllerState state() { return state; }

    public Phase phase() { return phase; }

    /** Active alarms (a copy). */
    public Set<AlarmMeaning> alarms() { return alarms.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(alarms)); }

    /** The last state change or refusal, for logs and diagnostics. */
    public String lastEvent() { return lastEvent; }

    /** Back to the initial state: Off, no alarm, every timer and the supply loop reset, everything off. */
    public void resetToInitial() {
        state = ControllerState.OFF;
        phase = Phase.NONE;
        alarms.clear();
        lastTimeMs = -1;
        phaseElapsedS = 0;
        flowClearS = 0;
        flowSeenClear = false;
        flowLowWhileRunningS = 0;
        atStartSpeedS = 0;
        reachedStartSpeed = false;
        compressorOn = false;
        speedSetHz = 0;
        integralHz = 0;
        overrunLeftS = 0;
        event("reset to initial");
    }

    /**
     * One controller cycle: advance timers by the plant time since the last cycle, check trips, run the state
     * machine, apply the commands, and return the actuator values to write.
     */
    public Outputs cycle(Inputs in, Commands cmd) {
        if (cmd.resetToInitial()) resetToInitial();
        long now = in.plantTimeMs();
        double dtS = lastTimeMs < 0 || now < lastTimeMs ? 0.0 : (now - lastTimeMs) / 1000.0; // a plant restart: no time passed
        lastTimeMs = now;

        overrunLeftS = Math.max(0.0, overrunLeftS - dtS);
        checkTrips(in, dtS);
        advance(in, dtS, cmd.supplyTemperatureSetDegC());
        if (cmd.reset()) reset(in);
        if (cmd.start()) start(in);
        if (cmd.stop()) stop();
        return outputs();
    }

    // ---- trips -------------------------------------------------------------------------------------------------

    private void checkTrips(Inputs in, double dtS) {
        if (in.isTrue(PSHH202)) trip(AlarmMeaning.HP_TRIP, "PSHH-202 HP switch tripped");
        if (in.isTrue(PSLL201)) trip(AlarmMeaning.LP_TRIP, "PSLL-201 LP switch tripped");
        if (in.isTrue(TSHH202)) trip(AlarmMeaning.DISCHARGE_TRIP, "TSHH-202 discharge temperature trip");
        if (compressorOn && !flowSwitchClear(in)) {
            flowLowWhileRunningS += dtS;
            if (flowLowWhileRunningS >= config.flowTripDelayS() - 1e-9) {
                trip(AlarmMeaning.FLOW_TRIP, String.format(java.util.Locale.ROOT, "FSL-271 DH flow low for %.1f s with a compressor running", flowLowWhileRunningS));
            }
        } else {
            flowLowWhileRunningS = 0;
        }
    }

    private void trip(AlarmMeaning meaning, String why) {
        boolean newAlarm = alarms.add(meaning);
        if (state != ControllerState.TRIPPED) {
            compressorOff();
            state = ControllerState.TRIPPED;
            phase = Phase.NONE;
            event("tripped: " + why);
        } else if (newAlarm) {
            event("further trip: " + why);
        }
    }

    private static boolean tripCausePresent(Inputs in) {
        return in.isTrue(PSHH202) || in.isTrue(PSLL201) || in.isTrue(TSHH202);
    }

    // ---- state machine ------------------------------------------------------------------------------------------

    private void advance(Inputs in, double dtS, double supplySetDegC) {
        switch (state) {
            case STARTING -> {
                phaseElapsedS += dtS;
                if (phase == Phase.PROVING_FLOW) proveFlow(in, dtS);
                else if (phase == Phase.COMPRESSOR_START) holdStartSpeed(in, dtS);
            }
            case RUNNING -> control(in, dtS, supplySetDegC);
            case STOPPING -> {
                phaseElapsedS += dtS;
                if (phase == Phase.RAMP_DOWN && phaseElapsedS >= config.stopMinSpeedHoldS() - 1e-9) {
                    compressorOff();
                    phase = Phase.OVERRUN;
                    phaseElapsedS = 0;
                    event("compressors off; P-271 overrun " + config.pumpOverrunS() + " s");
                } else if (phase == Phase.OVERRUN && overrunLeftS <= 0) {
                    state = ControllerState.OFF;
                    phase = Phase.NONE;
                    event("stopped: P-271 overrun done");
                }
            }
            default -> { } // Off, Tripped, Fault: only the pump overrun runs
        }
    }

    private void proveFlow(Inputs in, double dtS) {
        if (flowProven(in)) {
            // counted from the first cycle that saw it clear: the proof covers only time actually observed clear
            if (flowSeenClear) flowClearS += dtS;
            flowSeenClear = true;
        } else {
            flowSeenClear = false;
            flowClearS = 0.0;
        }
        if (!flowSeenClear) {
            if (phaseElapsedS >= config.flowProofTimeoutS() - 1e-9) refuseForFlow();
            return;
        }
        if (flowClearS >= config.flowProofConfirmS() - 1e-9) {
            enterCompressorStart();
            event(String.format(java.util.Locale.ROOT, "DH flow proven (FSL-271 clear for %.1f s); lead compressor C-21%d enabled at %.1f Hz",
                    flowClearS, lead, config.compressorStartSpeedHz()));
        } else if (phaseElapsedS >= config.flowProofTimeoutS() - 1e-9) {
            refuseForFlow();
        }
    }

    private void refuseForFlow() {
        alarms.add(AlarmMeaning.START_REFUSED);
        state = ControllerState.OFF;
        phase = Phase.NONE;
        event("start refused: DH flow not proven within " + config.flowProofTimeoutS() + " s");
    }

    private void enterCompressorStart() {
        phase = Phase.COMPRESSOR_START;
        phaseElapsedS = 0;
        atStartSpeedS = 0;
        reachedStartSpeed = false;
        compressorOn = true;
        speedSetHz = config.compressorStartSpeedHz();
    }

    private void holdStartSpeed(Inputs in, double dtS) {
        speedSetHz = config.compressorStartSpeedHz();
        String feedback = PlantTags.compressorSpeed(lead);
        boolean atSpeed = in.isGood(feedback) ? in.value(feedback) >= config.compressorStartMinHz() - 1e-9 : true;
        if (atSpeed) {
            // the cycle the feedback first shows the speed counts from there on: the hold is at least the rule's time
            if (reachedStartSpeed) atStartSpeedS += dtS;
            reachedStartSpeed = true;
        } else {
            atStartSpeedS = 0;
        }
        if (reachedStartSpeed && atStartSpeedS >= config.compressorStartHoldS() - 1e-9) {
            state = ControllerState.RUNNING;
            phase = Phase.CONTROL;
            integralHz = speedSetHz; // bumpless: the loop starts from the start speed (its P part is added next cycle)
            event(String.format(java.util.Locale.ROOT, "running: C-21%d held >= %.0f Hz for %.1f s; supply loop active",
                    lead, config.compressorStartMinHz(), atStartSpeedS));
        } else if (!reachedStartSpeed && phaseElapsedS >= config.compressorStartTimeoutS() - 1e-9) {
            compressorOff();
            state = ControllerState.FAULT;
            phase = Phase.NONE;
            event("fault: C-21" + lead + " did not reach " + config.compressorStartMinHz() + " Hz within " + config.compressorStartTimeoutS() + " s");
        }
    }

    /** Supply-temperature PI (parallel form, integral clamped to the speed range as anti-windup). */
    private void control(Inputs in, double dtS, double supplySetDegC) {
        double set = Double.isFinite(supplySetDegC) ? supplySetDegC : config.supplyTemperatureSetDefaultDegC();
        if (!in.isGood(TT272)) return; // supply unreadable: hold the speed (SENSOR_FAULT handling comes with its requirement)
        double errorK = set - in.value(TT272);
        double kp = config.supplyKpHzPerK();
        integralHz = clamp(integralHz + kp * errorK * dtS / config.supplyTiS(), config.compressorMinHz(), config.compressorMaxHz());
        speedSetHz = clamp(kp * errorK + integralHz, config.compressorMinHz(), config.compressorMaxHz());
    }

    private void reset(Inputs in) {
        boolean refusedCleared = alarms.remove(AlarmMeaning.START_REFUSED);
        if (state == ControllerState.TRIPPED) {
            if (tripCausePresent(in)) {
                event("reset refused: a safety switch is still tripped (reset it on site first)");
                return;
            }
            alarms.removeAll(TRIP_ALARMS);
            state = ControllerState.OFF;
            phase = Phase.NONE;
            event("reset: trip cleared, Off");
        } else if (state == ControllerState.FAULT) {
            state = ControllerState.OFF;
            phase = Phase.NONE;
            event("reset: fault cleared, Off");
        } else if (refusedCleared) {
            event("reset: START_REFUSED cleared");
        }
    }

    private void start(Inputs in) {
        if (state == ControllerState.STARTING || state == ControllerState.RUNNING) return; // already on its way
        String refusal = null;
        if (state == ControllerState.TRIPPED) refusal = "a trip is latched (" + alarms + "); reset first";
        else if (state == ControllerState.FAULT) refusal = "the controller is in Fault; reset first";
        else if (state == ControllerState.STOPPING) refusal = "the heat pump is still stopping";
        else if (tripCausePresent(in)) refusal = "a safety switch is tripped";
        else {
            for (String tag : permissiveTags) {
                if (!in.isTrue(tag)) {
                    refusal = "permissive " + tag + " is not healthy";
                    break;
                }
            }
        }
        if (refusal != null) {
            alarms.add(AlarmMeaning.START_REFUSED);
            event("start refused: " + refusal);
            return;
        }
        alarms.remove(AlarmMeaning.START_REFUSED);
        state = ControllerState.STARTING;
        phaseElapsedS = 0;
        flowClearS = 0;
        flowSeenClear = false;
        if (variant.orElse(null) == Variant.NO_FLOW_PROOF) {
            enterCompressorStart(); // the known-bad variant: compressor together with the pump, no flow proof
            event("starting (variant no-flow-proof): P-271 and lead compressor together");
        } else {
            phase = Phase.PROVING_FLOW;
            event("starting: P-271 on, proving DH flow");
        }
    }

    private void stop() {
        if (state == ControllerState.RUNNING || (state == ControllerState.STARTING && compressorOn)) {
            state = ControllerState.STOPPING;
            phase = Phase.RAMP_DOWN;
            phaseElapsedS = 0;
            speedSetHz = config.compressorMinHz();
            event("stopping: compressors to minimum speed");
        } else if (state == ControllerState.STARTING) {
            state = ControllerState.OFF; // no compressor ran: nothing to carry away, the pump stops at once
            phase = Phase.NONE;
            event("stopped before any compressor ran");
        }
    }

    private void compressorOff() {
        if (compressorOn) overrunLeftS = config.pumpOverrunS();
        compressorOn = false;
        speedSetHz = 0;
    }

    // ---- outputs ------------------------------------------------------------------------------------------------

    private Outputs outputs() {
        boolean starting = state == ControllerState.STARTING;
        boolean pumpOn = starting || state == ControllerState.RUNNING
                || (state == ControllerState.STOPPING && phase == Phase.RAMP_DOWN) || overrunLeftS > 0;
        double pumpSpeed = !pumpOn ? 0 : starting && phase == Phase.PROVING_FLOW ? config.pumpStartSpeedPct() : config.pumpRunSpeedPct();
        Outputs.Builder b = Outputs.builder()
                .set(PlantTags.P271_RUN, pumpOn)
                .set(PlantTags.P271_SPEED_SET, pumpSpeed);
        for (int n = 1; n <= 4; n++) {
            boolean on = compressorOn && n == lead;
            b.set(PlantTags.compressorEnable(n), on).set(PlantTags.compressorSpeedSet(n), on ? round01(speedSetHz) : 0.0);
        }
        b.set(PlantTags.HV221_OPENING_SET, compressorOn ? config.hpValveOpeningPct() : 0.0);
        b.set(PlantTags.HV222_OPENING_SET, compressorOn ? config.bypassValveOpeningPct() : 0.0);
        for (int s = 1; s <= 4; s++) {
            b.set(PlantTags.sectionValve(s), compressorOn).set(PlantTags.fanSpeedSet(s), compressorOn ? config.fanSpeedPct() : 0.0);
        }
        return b.build();
    }

    /** Flow proven for the start: FSL-271 clear and, where the map has it, P-271 reporting running. */
    private static boolean flowProven(Inputs in) {
        return flowSwitchClear(in) && (!in.has(P271_RUNNING) || in.isTrue(P271_RUNNING));
    }

    /** FSL-271 readable and not low. */
    private static boolean flowSwitchClear(Inputs in) {
        return in.isGood(FSL271) && in.value(FSL271) == 0.0;
    }

    private void event(String what) {
        lastEvent = what;
        log.info("controller: {} (state {}, alarms {})", what, state == null ? "-" : state.label(), alarms);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Set-points go out with 0.1 resolution (the map's scale); rounding here keeps the trace free of 45.000000001. */
    private static double round01(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
