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
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.hilbench.controller.PlantTags.FSL271;
import static io.hilbench.controller.PlantTags.P271_RUNNING;
import static io.hilbench.controller.PlantTags.PSHH202;
import static io.hilbench.controller.PlantTags.PSLL201;
import static io.hilbench.controller.PlantTags.PT201;
import static io.hilbench.controller.PlantTags.PT202;
import static io.hilbench.controller.PlantTags.TSHH202;
import static io.hilbench.controller.PlantTags.TT202;
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
 *  Starting, phase WAITING_FOR_COMPRESSOR: flow proven, but every compressor is held off by its anti-short-cycle
 *      timers (minimum off time, starts per hour): the pump runs and the lead starts as soon as one may. FSL-271
 *      low again: back to PROVING_FLOW.
 *  Starting, phase COMPRESSOR_START: only now the lead compressor is enabled at compressorStartSpeedHz (≥ 40 Hz);
 *      it holds that until its speed feedback has been ≥ compressorStartMinHz for compressorStartHoldS (feedback
 *      missing: the hold counts from the enable). Feedback never reaches it within compressorStartTimeoutS: Fault.
 *  Running [20 Run]: capacity control with compressor staging and the P-271 trim (below); HV-221 at its opening
 *      with the high-pressure limiter; HV-222 at its opening with the receiver-pressure limiter; section valves and
 *      fans on the capacity demand ({@link FanSpeedControl}).
 *  Stop (from Starting or Running) -> Stopping [40 RunDown]: every running compressor to minimum speed; each goes
 *      off once it has run stopMinSpeedHoldS at minimum and compressorMinRunS since its start, at the latest
 *      stopMaxS after the command; P-271 overruns pumpOverrunS after the last one, then Off. A Stop before any
 *      compressor ran stops the pump at once (Off).
 *  Tripped [90 Trip], from any state: PSHH-202 (HP_TRIP), PSLL-201 (LP_TRIP), TSHH-202 (DISCHARGE_TRIP), or
 *      FSL-271 low for flowTripDelayS while a compressor is commanded (FLOW_TRIP). Compressors off at once, P-271
 *      overruns. Stays Tripped until Reset; Reset returns to Off only when no trip cause is still present.
 *  Fault [99 Fault]: the lead compressor did not come up to speed, or a critical sensor faulted (safe stop). Reset
 *      returns to Off (after a sensor fault only once the sensor is healthy).
 *  Reset also clears START_REFUSED; a Start that is accepted clears it too. Reset-to-initial: Off, alarms cleared,
 *      every timer, count and loop reset, pump off at once.
 * </pre>
 * The P-271 overrun is independent of the state: after the last compressor goes off the pump keeps running for
 * {@code pumpOverrunS}, also in Off and Tripped; it ends early when the DH return is hotter than the gas-cooler outlet
 * (TT-271 above TT-272 by more than 1 K): the water would then heat the stopped high side, trapped behind HV-221.
 *
 * <h2>Supply-temperature control: capacity on TT-272, P-271 trims only when capacity runs out</h2>
 * The domain notes (§2.3) give the heat pump's supply temperature two manipulated variables, compressor speed/stages
 * and the DH water flow (pump VFD). This controller uses them in split range, with one owner at a time:
 * <ol>
 *   <li><b>Capacity.</b> A PI on TT-272 against the set-point gives the capacity demand D, in Hz of total speed of
 *       the released compressors. Compressors in their start hold keep their start speed; the released ones share
 *       the rest equally (equalised speeds): f = (D − Σ f_hold) / k. D and its integral are clamped to what the
 *       running compressors can do, [Σ f_hold + k·f_min, Σ f_hold + k·f_max] (anti-windup). Starting or stopping a
 *       compressor keeps D, so a stage change is bumpless. Tuning: IMC with λ = τ on the heat pump as the DH side
 *       sees it (about 0.125 K per Hz of total speed at nominal flow, τ ≈ 60 s).</li>
 *   <li><b>Staging</b> (domain notes §2.4: lead/lag with runtime equalisation, minimum ON/OFF times, 30–120 s
 *       stage-in delay; §3 step 4: every start ≥ 40 Hz for ≥ 10 s, stage further compressors after a delay). Stage
 *       up: the released compressors within stageMarginHz of maximum for stageUpDelayS, no compressor in its start
 *       hold, and the supply more than stageErrorK below the set-point — or held there only by P-271 trimmed more
 *       than stageUpTrimPct. The compressor started is the available one with the least run time (ties: from the
 *       lead on); it runs its own start hold. Stage down: released ones within stageMarginHz of minimum for
 *       stageDownDelayS with the supply more than stageErrorK above; the one stopped is the released one with the
 *       most run time among those past compressorMinRunS. The last compressor stops only with the supply
 *       lastCompressorStopAboveK above the set-point, and one restarts when the supply falls
 *       lastCompressorRestartBelowK below it. A compressor may start only when its minimum off time has passed
 *       and it has had fewer than compressorStartsPerHourMax starts in the last hour; a VFD fault or a missing
 *       permissive of its own (C-21n.*) keeps it out. When several rules overlap, the longest wins (Danfoss
 *       AK-PC 772A, domain notes §2.4).</li>
 *   <li><b>P-271 trim.</b> Only while the released compressors are at maximum (the capacity loop saturated), a
 *       second PI (velocity form) lowers P-271 below its run speed, down to pumpMinSpeedPct, to hold the supply
 *       temperature with less flow: the network gets less heat at the right temperature rather than full flow
 *       too cold (the rest-of-plant dispatcher covers the remainder, DESIGN §5). While capacity is not at maximum
 *       the trim unwinds (at once when the supply is above the set-point, else at pumpTrimBleedPctPerS), so the
 *       capacity loop owns the temperature and the pump returns to nominal flow (mid-ranging). This is what lets
 *       the supply settle when the compressors cannot lift the full flow (a colder day, a compressor held off by
 *       its timers), and it is what calls the next stage. The pump never goes below pumpMinSpeedPct, far above the
 *       flow switch's 25 %. When an air section leaves service for its defrost while the trim owns the temperature,
 *       the trim steps the pump down by pumpDefrostFeedForwardRatio at once (feed-forward: a fifth of the heat goes
 *       with the section) instead of waiting for the supply to fall.</li>
 * </ol>
 *
 * <h2>HV-221 high-pressure limiter</h2>
 * HV-221 follows the optimal-pressure loop ({@link HighPressureLoop}, Liao et al. 2000, capped at 120 bar) while Running
 * in control, and hpValveOpeningPct otherwise; on top of that base opening, unless PT-202,
 * anticipated hpLimitLeadS ahead from its filtered rate of rise, is above hpLimitSetBar; then a PI (anti-windup: its
 * integral within [0, 100 % − the fixed opening]) opens it further — the water-cooled analogue of Danfoss's "Pc max"
 * limit (domain notes §5). The anticipation matters at start: the pressure climbs from standstill in seconds, and a
 * limiter that waited for the set-point would open the valve only after the pressure had passed it. It keeps PT-202 under the controllers'
 * aim of 120 bar (DESIGN §5) at a high DH return, where the fixed opening would take the pressure to the HP switch.
 * With no compressor on HV-221 is closed, except that a high side left at 118 bar or more (a trip near the HP switch:
 * its CO2 is trapped, issue #15 item 2) is vented 20 % into the receiver until PT-202 is below 110 bar, so the HP
 * switch's site reset (below 120 bar) can be taken.
 *
 * <h2>Protection (issue 7 item 5; domain notes §5)</h2>
 * <ul>
 *   <li><b>Soft high pressure</b>, before the hardwired HP switch: the HV-221 limiter above (122 bar), then a speed cap
 *       on every released compressor that falls while PT-202 is above hpUnloadSetBar (123 bar) and recovers
 *       slowly below it (no staging up while it holds; at minimum speed a compressor is shed), then the Pc max
 *       cut-out at hpCutOutBar (127 bar): every compressor off, HP_TRIP latched (Danfoss AK-PC 772A 'Pc max').</li>
 *   <li><b>Discharge temperature</b>: the same cap falls while TT-202 is above dischargeUnloadSetDegC (135 °C; Bitzer
 *       warns at 140, trips at 150). TT-202 faulted: the cap is at most dischargeSensorFaultMaxHz (degraded).</li>
 *   <li><b>Sensor plausibility</b> ({@link SensorMonitor}: BAD, out of the map's range, faster than physics, frozen).
 *       A critical sensor's fault (PT-202, PT-201, TT-272, TT-271, FT-271) is a safe stop: every compressor off at
 *       once, SENSOR_FAULT, state Fault; Start refused (START_REFUSED) and Reset without effect until the sensor is
 *       healthy again, then Reset returns to Off. A non-critical one raises SENSOR_FAULT while it lasts.</li>
 *   <li><b>Communication loss</b>: {@link #linkLost} (the runner's failed or timed-out request) or BENCH.WatchdogTripped
 *       read while running raises COMM_LOSS (acknowledged by Reset once the link is back). The first cycle back
 *       counts every compressor stopped by the plant's watchdog from that moment and, from Starting or Running,
 *       restarts through the start sequence — flow proof, then the minimum off time — without a trip.</li>
 *   <li><b>Trips</b> stay latched until Reset; Reset is refused while a safety switch is still set.</li>
 * </ul>
 * Every alarm is kept with the plant time it was raised and cleared ({@link #alarmList}, {@link #alarmLog}); the
 * active set goes to the supervisory alarm word with the DESIGN §7 meanings.
 *
 * <p>A {@link Variant} removes exactly one of these behaviours.
 */
public final class ReferenceController {
    private static final Logger log = LoggerFactory.getLogger(ReferenceController.class);

    /** Version the controller declares in its identity (self-declared, DESIGN §10). */
    public static final String FIRMWARE_VERSION = "0.2.0";

    /** The drops-dh-pump variant stops P-271 this long after a start, s. */
    static final double DROPS_DH_PUMP_AFTER_S = 12 * 60;

    /** Compressors of the Solrød rig (C-211..C-214), for the constructor that is not given a count. */
    public static final int SOLROD_COMPRESSORS = 4;

    /** Air evaporator sections the controller opens while a compressor runs (XV-231..XV-234, F-251..F-254). */
    private static final int SECTIONS = 4;

    /** The alarms a Reset clears once their cause is gone. */
    private static final Set<AlarmMeaning> TRIP_ALARMS =
            EnumSet.of(AlarmMeaning.HP_TRIP, AlarmMeaning.LP_TRIP, AlarmMeaning.FLOW_TRIP, AlarmMeaning.DISCHARGE_TRIP);

    /** Where in Starting, Running or Stopping the controller is. */
    public enum Phase { NONE, PROVING_FLOW, WAITING_FOR_COMPRESSOR, COMPRESSOR_START, CONTROL, RAMP_DOWN, OVERRUN }

    private final ControllerConfig config;
    private final Optional<Variant> variant;
    private final List<String> permissiveTags;
    private final Compressor[] compressors;
    /** The tags of {@link #outputs}, built once. */
    private final Outputs.Layout outputLayout;
    /** The input tags every cycle reads, resolved once per inputs layout (compressor n at [n - 1]). */
    private final InputSlot watchdogTripped = new InputSlot(PlantTags.WATCHDOG_TRIPPED), pshh202 = new InputSlot(PSHH202),
            psll201 = new InputSlot(PSLL201), tshh202 = new InputSlot(TSHH202), pt202 = new InputSlot(PT202), tt202 = new InputSlot(TT202),
            tt272 = new InputSlot(TT272), pt201 = new InputSlot(PT201), tt271 = new InputSlot(PlantTags.TT271), fsl271 = new InputSlot(FSL271), p271Running = new InputSlot(P271_RUNNING), ft271 = new InputSlot(PlantTags.FT271);
    private final InputSlot[] compressorFault;
    private final InputSlot[] compressorSpeed;

    private ControllerState state;
    private Phase phase;
    private final EnumSet<AlarmMeaning> alarms = EnumSet.noneOf(AlarmMeaning.class);
    private long lastTimeMs;
    private double clockS;
    private double phaseElapsedS;
    private double flowClearS;
    private boolean flowSeenClear;
    private double flowLowWhileRunningS;
    private Compressor lead;
    private double demandHz;
    private double integralHz;
    private double pumpTrimPct;
    /** The section the defrost had at the last capacity-loop cycle (0: none), to see one begin. */
    private int lastDefrostSection;
    private double lastErrorK;
    private double stageUpS;
    private double stageDownS;
    private double hpLimitIntegralPct;
    private double hpValvePct;
    /** HV-222 opening, % (the fixed opening, or more while the receiver is above its aim). */
    /** PT-202 through the rate filter, bar; NaN until the first reading with a compressor on. */
    private double hpRateFilterBar;
    private double overrunLeftS;
    /** The ignores-setpoint-change variant: the set-point taken while Off (NaN before the first cycle). */
    private double heldSetpointDegC = Double.NaN;
    private String lastEvent = "";

    // protection
    private final SensorMonitor monitor;
    /** A critical sensor fault happened and has not been reset (with the sensor healthy) since. */
    private boolean sensorFaultLatched;
    /** The speed cap of the soft high-pressure and discharge-temperature unloading, Hz per compressor. */
    private double speedCapHz;
    /**
     * The heat source's speed ceiling, Hz per compressor: the maximum the capacity loop, staging and the P-271 trim
     * work to (the tank source's lower one, {@link SourceConfig#tankSourceMaxHz()}), rate-limited toward
     * {@link SourceSelector#ceilingTargetHz}.
     */
    private double sourceCeilingHz;
    /** PT-202 anticipated hpLimitLeadS ahead (filtered rate), bar; NaN when unreadable or no compressor on. */
    private double hpAnticipatedBar = Double.NaN;
    /** The plant link was lost (told by the runner, or BENCH.WatchdogTripped read) and no cycle has run since. */
    private boolean commLost;
    /** Time in Tripped, s (the restarts-after-trip variant). */
    private double trippedS;
    /** Reached Running since the last reset-to-initial (the state-stuck-running variant). */
    private boolean hasRun;
    /** Plant time since the last accepted start, s (the drops-dh-pump variant). */
    private double sinceStartS;
    /** The highest FT-271 since the last accepted start, m³/h (the trips-on-low-flow variant). */
    private double flowSeenMaxM3h;

    // defrost, heat source, pressure loops, SHORT_CYCLE (issue 7 items 1-4)
    private final PlantLoopsConfig loops;
    private final DefrostSequencer defrost;
    private final FanSpeedControl fans;
    private final SourceSelector sources;
    private final TankCharging tankCharging;
    private final HighPressureLoop hpLoop;
    private final ReceiverPressureLoop receiverLoop;
    /** The HV-221 opening the limiter adds to: the optimal-pressure loop's, or the fixed one. */
    private double hpBasePct;
    private double bypassPct;
    /** Plant times (s of clockS) at which a wanted start was first held back by the anti-short-cycle timers. */
    private final java.util.ArrayDeque<Double> startBlocks = new java.util.ArrayDeque<>();
    private boolean startBlockedNow;
    private boolean startBlockedLastCycle;

    // alarm list
    private static final int ALARM_HISTORY_MAX = 256;
    private final java.util.Map<AlarmMeaning, AlarmRecord> activeAlarms = new java.util.EnumMap<>(AlarmMeaning.class);
    private final java.util.ArrayDeque<AlarmRecord> alarmHistory = new java.util.ArrayDeque<>();

    /**
     * The controller for the Solrød rig's four compressors. Prefer {@link #forPlant}, which counts them in the rig.
     *
     * @param permissiveTags the boolean constant points that must all be true before a start (see
     *                       {@link #permissiveTags(List)})
     */
    public ReferenceController(ControllerConfig config, Optional<Variant> variant, List<String> permissiveTags) {
        this(config, variant, permissiveTags, SOLROD_COMPRESSORS);
    }

    /**
     * @param permissiveTags  the boolean constant points that must all be true before a start (see
     *                        {@link #permissiveTags(List)}); those of one compressor ({@code C-21n.}...) also keep
     *                        that compressor from starting while false
     * @param compressorCount compressors C-211..C-21N the controller sequences (see {@link #compressorCount(List)})
     */
    public ReferenceController(ControllerConfig config, Optional<Variant> variant, List<String> permissiveTags, int compressorCount) {
        this(config, variant, permissiveTags, compressorCount, java.util.Map.of());
    }

    /**
     * @param sensorRanges tag → {min, max} of the plant map's sensors, for the range check of {@link SensorMonitor};
     *                     empty: every watched tag the inputs carry is checked without a range
     */
    public ReferenceController(ControllerConfig config, Optional<Variant> variant, List<String> permissiveTags, int compressorCount,
                               java.util.Map<String, double[]> sensorRanges) {
        this(config, PlantLoopsConfig.defaults(), variant, permissiveTags, compressorCount, sensorRanges);
    }

    /** @param loops defrost, source selection, pressure loops and SHORT_CYCLE settings */
    public ReferenceController(ControllerConfig config, PlantLoopsConfig loops, Optional<Variant> variant, List<String> permissiveTags,
                               int compressorCount, java.util.Map<String, double[]> sensorRanges) {
        this.loops = Objects.requireNonNull(loops, "loops");
        this.defrost = new DefrostSequencer(loops.defrost(), variant, SECTIONS);
        this.fans = new FanSpeedControl(loops.fans());
        this.sources = new SourceSelector(loops.source(), variant);
        this.tankCharging = new TankCharging(loops.tankCharging());
        this.hpLoop = new HighPressureLoop(loops.pressure());
        this.receiverLoop = new ReceiverPressureLoop(loops.pressure());
        this.monitor = new SensorMonitor(Objects.requireNonNull(config, "config"), sensorRanges);
        this.config = Objects.requireNonNull(config, "config");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.permissiveTags = List.copyOf(permissiveTags);
        if (compressorCount < 1 || compressorCount > 9) {
            throw new IllegalArgumentException("compressorCount must be 1..9 (C-211..C-219), was " + compressorCount);
        }
        if (config.leadCompressor() > compressorCount) {
            throw new IllegalArgumentException("leadCompressor " + config.leadCompressor() + " is beyond the " + compressorCount + " compressors");
        }
        this.compressors = new Compressor[compressorCount];
        for (int i = 0; i < compressorCount; i++) compressors[i] = new Compressor(i + 1);
        this.outputLayout = outputLayout(compressorCount);
        this.compressorFault = InputSlot.numbered(compressorCount, PlantTags::compressorFault);
        this.compressorSpeed = InputSlot.numbered(compressorCount, PlantTags::compressorSpeed);
        resetToInitial();
    }

    /** The controller for a plant point map: its permissives and its compressor count. */
    public static ReferenceController forPlant(ControllerConfig config, Optional<Variant> variant, List<PointDefinition> plantPoints) {
        return forPlant(config, PlantLoopsConfig.defaults(), variant, plantPoints);
    }

    /** The controller for a plant point map, with the given defrost, source and pressure-loop settings. */
    public static ReferenceController forPlant(ControllerConfig config, PlantLoopsConfig loops, Optional<Variant> variant, List<PointDefinition> plantPoints) {
        return new ReferenceController(config, loops, variant, permissiveTags(plantPoints), compressorCount(plantPoints), SensorMonitor.ranges(plantPoints));
    }

    /** The start permissives of a plant point map: every boolean {@code constant} point (E-stop healthy, oil level, VFD ready). */
    public static List<String> permissiveTags(List<PointDefinition> plantPoints) {
        return plantPoints.stream().filter(p -> p.kind() == PointKind.CONSTANT && p.isBoolean()).map(PointDefinition::tag).toList();
    }

    /**
     * The compressors of a plant point map: N where C-211..C-21N each have an enable and a speed set-point actuator
     * (counting stops at the first gap).
     *
     * @throws IllegalArgumentException when the map has not even C-211
     */
    public static int compressorCount(List<PointDefinition> plantPoints) {
        Set<String> actuators = new java.util.HashSet<>();
        for (PointDefinition p : plantPoints) if (p.kind() == PointKind.ACTUATOR) actuators.add(p.tag());
        int n = 0;
        while (n < 9 && actuators.contains(PlantTags.compressorEnable(n + 1)) && actuators.contains(PlantTags.compressorSpeedSet(n + 1))) n++;
        if (n == 0) throw new IllegalArgumentException("the plant map has no compressor: no actuators " + PlantTags.compressorEnable(1) + " and " + PlantTags.compressorSpeedSet(1));
        return n;
    }

    public ControllerConfig config() { return config; }

    public Optional<Variant> variant() { return variant; }

    /**
     * The state as reported: Running while a section defrosts is reported as Defrosting (DESIGN §7). The
     * state-stuck-running variant reports Running once it has run, whatever its state.
     */
    public ControllerState state() {
        if (state == ControllerState.RUNNING) hasRun = true;
        if (hasRun && variant.orElse(null) == Variant.STATE_STUCK_RUNNING) return ControllerState.RUNNING;
        return state == ControllerState.RUNNING && defrost.active() ? ControllerState.DEFROSTING : state;
    }

    /** The defrost sequencer (its sections' steps, for diagnostics and tests). */
    public DefrostSequencer defrost() { return defrost; }

    /** The heat-source selection. */
    public SourceSelector sources() { return sources; }

    /** The optimal-pressure loop of HV-221. */
    public HighPressureLoop highPressureLoop() { return hpLoop; }

    public Phase phase() { return phase; }

    public int compressorCount() { return compressors.length; }

    /** Compressors commanded to run now. */
    public int compressorsOn() {
        int k = 0;
        for (Compressor c : compressors) if (c.isOn()) k++;
        return k;
    }

    /** The supply loop's capacity demand, Hz of total compressor speed (0 with no compressor running). */
    public double capacityDemandHz() { return demandHz; }

    /** How far P-271 is trimmed below its run speed, % of speed. */
    public double pumpTrimPct() { return pumpTrimPct; }

    /** Active alarms (a copy). */
    public Set<AlarmMeaning> alarms() { return alarms.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(alarms)); }

    /** The active alarms with the plant time each was raised, oldest first. */
    public List<AlarmRecord> alarmList() {
        return activeAlarms.values().stream().sorted(java.util.Comparator.comparingLong(AlarmRecord::raisedAtMs)).toList();
    }

    /** The alarm log: cleared alarms (raised and cleared stamps, the last 256) then the active ones. */
    public List<AlarmRecord> alarmLog() {
        List<AlarmRecord> l = new java.util.ArrayList<>(alarmHistory);
        l.addAll(alarmList());
        return l;
    }

    /** The speed cap of the soft high-pressure / discharge-temperature unloading, Hz (the VFD maximum when not unloading). */
    public double speedCapHz() { return speedCapHz; }

    /** The heat source's speed ceiling, Hz per compressor (the VFD maximum except on the tank source alone). */
    public double sourceCeilingHz() { return sourceCeilingHz; }

    /** The watched sensors faulted now, with the reason (empty when all are plausible). */
    public List<String> sensorFaults() { return monitor.describeFaults(); }

    /**
     * The plant link is lost (the runner's own I/O failed or timed out). Raises COMM_LOSS (stamped with the last plant
     * time seen); the next cycle, once the link is back, treats every compressor as stopped by the plant's I/O watchdog
     * and restarts through the start sequence, so the minimum off time counts from the link's return.
     */
    public void linkLost(String why) {
        if (variant.orElse(null) == Variant.NO_COMM_LOSS_HANDLING) return;
        if (!commLost) {
            commLost = true;
            raise(AlarmMeaning.COMM_LOSS, "plant link lost: " + why);
            event("plant link lost: " + why);
        }
    }

    /** The last state change or refusal, for logs and diagnostics. */
    public String lastEvent() { return lastEvent; }

    /** Back to the initial state: Off, no alarm, every timer, count and loop reset, everything off. */
    public void resetToInitial() {
        state = ControllerState.OFF;
        phase = Phase.NONE;
        alarms.clear();
        activeAlarms.clear();
        alarmHistory.clear();
        monitor.reset();
        sensorFaultLatched = false;
        commLost = false;
        trippedS = 0;
        hasRun = false;
        sinceStartS = 0;
        flowSeenMaxM3h = 0;
        speedCapHz = config.compressorMaxHz();
        sourceCeilingHz = config.compressorMaxHz();
        hpAnticipatedBar = Double.NaN;
        lastTimeMs = -1;
        clockS = 0;
        phaseElapsedS = 0;
        flowClearS = 0;
        flowSeenClear = false;
        flowLowWhileRunningS = 0;
        for (Compressor c : compressors) c.resetToInitial();
        lead = null;
        defrost.reset();
        fans.reset();
        sources.reset();
        tankCharging.reset();
        startBlocks.clear();
        startBlockedNow = startBlockedLastCycle = false;
        resetLoops();
        overrunLeftS = 0;
        ventingHighSide = false;
        event("reset to initial");
    }

    private void resetLoops() {
        resetSupplyLoops();
        hpLimitIntegralPct = 0;
        hpValvePct = config.hpValveOpeningPct();
        hpRateFilterBar = Double.NaN;
        hpBasePct = config.hpValveOpeningPct();
        hpLoop.reset(config.hpValveOpeningPct());
        bypassPct = config.bypassValveOpeningPct();
        receiverLoop.reset(config.bypassValveOpeningPct());
    }

    /** The capacity PI, the pump trim and the staging timers (not the HV-221 limiter, which runs from the first compressor on). */
    private void resetSupplyLoops() {
        demandHz = 0;
        integralHz = 0;
        pumpTrimPct = 0;
        lastDefrostSection = 0;
        lastErrorK = Double.NaN;
        stageUpS = 0;
        stageDownS = 0;
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
        clockS += dtS;
        sinceStartS += dtS;
        for (Compressor c : compressors) c.advance(dtS, clockS);

        overrunLeftS = Math.max(0.0, overrunLeftS - dtS);
        endOverrunOnHotReturn(in);
        ventTrappedHighSide(in);
        if (!commLost && watchdogTripped.isTrue(in) && (anyCompressorOn() || state == ControllerState.STARTING || state == ControllerState.RUNNING)) {
            linkLost("BENCH.WatchdogTripped: the plant's I/O watchdog put the actuators at their fail-safe values");
        }
        if (commLost) {
            recoverFromCommLoss();
            dtS = 0.0; // the time the link was down is no time the sequence observed (flow proof, timeouts start now)
        }
        monitorSensors(in, dtS);
        checkTrips(in, dtS);
        sourceCeiling(dtS);
        advance(in, dtS, setpointFor(cmd.supplyTemperatureSetDegC()));
        anticipatePressure(in, dtS);
        unload(in, dtS);
        pressureLoops(in, dtS);
        hpLimiter(in, dtS);
        sectionsAndSources(in, dtS);
        shortCycleAlarm();
        if (variant.orElse(null) == Variant.RESTARTS_AFTER_TRIP) restartAfterTrip(in, dtS);
        if (cmd.reset()) reset(in);
        if (cmd.start()) start(in);
        if (cmd.stop()) stop();
        return outputs();
    }

    // ---- trips -------------------------------------------------------------------------------------------------

    private void checkTrips(Inputs in, double dtS) {
        if (pshh202.isTrue(in)) trip(AlarmMeaning.HP_TRIP, "PSHH-202 HP switch tripped");
        if (psll201.isTrue(in)) trip(AlarmMeaning.LP_TRIP, "PSLL-201 LP switch tripped");
        if (tshh202.isTrue(in)) trip(AlarmMeaning.DISCHARGE_TRIP, "TSHH-202 discharge temperature trip");
        if (hpUnloading() && anyCompressorOn() && monitor.readable(in, PT202) && pt202.value(in) >= config.hpCutOutBar() - 1e-9) {
            trip(AlarmMeaning.HP_TRIP, String.format(Locale.ROOT, "PT-202 %.1f bar at the Pc max cut-out (%.1f bar): every compressor cut out",
                    in.value(PT202), config.hpCutOutBar()));
        }
        if (variant.orElse(null) == Variant.TRIPS_ON_LOW_FLOW && anyCompressorOn() && ft271.isGood(in)) {
            flowSeenMaxM3h = Math.max(flowSeenMaxM3h, ft271.value(in));
            if (ft271.value(in) < 0.6 * flowSeenMaxM3h) {
                trip(AlarmMeaning.FLOW_TRIP, String.format(Locale.ROOT, "FT-271 %.1f m³/h below 60 %% of the %.1f m³/h seen (variant trips-on-low-flow)",
                        ft271.value(in), flowSeenMaxM3h));
            }
        }
        if (anyCompressorOn() && !flowSwitchClear(in)) {
            flowLowWhileRunningS += dtS;
            if (flowLowWhileRunningS >= config.flowTripDelayS() - 1e-9) {
                trip(AlarmMeaning.FLOW_TRIP, String.format(Locale.ROOT, "FSL-271 DH flow low for %.1f s with a compressor running", flowLowWhileRunningS));
            }
        } else {
            flowLowWhileRunningS = 0;
        }
    }

    private void trip(AlarmMeaning meaning, String why) {
        boolean newAlarm = raise(meaning, why);
        if (state != ControllerState.TRIPPED) {
            allCompressorsOff();
            state = ControllerState.TRIPPED;
            phase = Phase.NONE;
            trippedS = 0;
            event("tripped: " + why);
        } else if (newAlarm) {
            event("further trip: " + why);
        }
    }

    private boolean tripCausePresent(Inputs in) {
        return pshh202.isTrue(in) || psll201.isTrue(in) || tshh202.isTrue(in);
    }

    // ---- state machine ------------------------------------------------------------------------------------------

    private void advance(Inputs in, double dtS, double supplySetDegC) {
        switch (state) {
            case STARTING -> {
                phaseElapsedS += dtS;
                switch (phase) {
                    case PROVING_FLOW -> proveFlow(in, dtS);
                    case WAITING_FOR_COMPRESSOR -> waitForCompressor(in);
                    case COMPRESSOR_START -> holdLead(in, dtS);
                    default -> { }
                }
            }
            case RUNNING -> {
                control(in, dtS, Double.isFinite(supplySetDegC) ? supplySetDegC : config.supplyTemperatureSetDefaultDegC());
            }
            case STOPPING -> {
                phaseElapsedS += dtS;
                if (phase == Phase.RAMP_DOWN) {
                    rampDown(in, dtS);
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
            String proof = String.format(Locale.ROOT, "DH flow proven (FSL-271 clear for %.1f s)", flowClearS);
            Compressor next = nextToStart(in);
            if (next == null) {
                phase = Phase.WAITING_FOR_COMPRESSOR;
                phaseElapsedS = 0;
                event(proof + "; every compressor is held off by its anti-short-cycle timers, waiting");
            } else {
                startLead(next);
                event(proof + String.format(Locale.ROOT, "; lead compressor C-21%d enabled at %.1f Hz", next.number, config.compressorStartSpeedHz()));
            }
        } else if (phaseElapsedS >= config.flowProofTimeoutS() - 1e-9) {
            refuseForFlow();
        }
    }

    private void waitForCompressor(Inputs in) {
        if (flowRequired() && !flowProven(in)) {
            phase = Phase.PROVING_FLOW;
            phaseElapsedS = 0;
            flowSeenClear = false;
            flowClearS = 0;
            event("DH flow lost while waiting for a compressor: proving flow again");
            return;
        }
        Compressor next = nextToStart(in);
        if (next != null) {
            startLead(next);
            event(String.format(Locale.ROOT, "anti-short-cycle timers passed; lead compressor C-21%d enabled at %.1f Hz", next.number, config.compressorStartSpeedHz()));
        }
    }

    private void refuseForFlow() {
        raise(AlarmMeaning.START_REFUSED, "DH flow not proven within " + config.flowProofTimeoutS() + " s");
        state = ControllerState.OFF;
        phase = Phase.NONE;
        event("start refused: DH flow not proven within " + config.flowProofTimeoutS() + " s");
    }

    private void startLead(Compressor c) {
        phase = Phase.COMPRESSOR_START;
        phaseElapsedS = 0;
        lead = c;
        c.start(clockS, config.compressorStartSpeedHz());
        if (variant.orElse(null) == Variant.STARTS_ALL_AT_ONCE) {
            for (Compressor other : compressors) if (!other.isOn()) other.start(clockS, config.compressorStartSpeedHz());
        }
    }

    private void holdLead(Inputs in, double dtS) {
        int result = holdStartSpeed(lead, in, dtS);
        if (result > 0) {
            state = ControllerState.RUNNING;
            phase = Phase.CONTROL;
            resetSupplyLoops();
            demandHz = integralHz = config.compressorStartSpeedHz(); // bumpless: the loop starts from the start speed
            event(String.format(Locale.ROOT, "running: C-21%d held >= %.0f Hz for %.1f s; supply loop active",
                    lead.number, config.compressorStartMinHz(), lead.atStartSpeedS));
        } else if (result < 0) {
            allCompressorsOff();
            state = ControllerState.FAULT;
            phase = Phase.NONE;
            event("fault: C-21" + lead.number + " did not reach " + config.compressorStartMinHz() + " Hz within " + config.compressorStartTimeoutS() + " s");
        }
    }

    /**
     * The start rule of one compressor (Bitzer, domain notes §2.4): it runs at the start speed until its speed
     * feedback has been at or above compressorStartMinHz for compressorStartHoldS (no feedback: counted from the
     * enable). Returns 1 when released, -1 when the feedback never got there within compressorStartTimeoutS, else 0.
     */
    private int holdStartSpeed(Compressor c, Inputs in, double dtS) {
        c.speedSetHz = config.compressorStartSpeedHz();
        InputSlot feedback = compressorSpeed[c.number - 1];
        boolean atSpeed = !feedback.isGood(in) || feedback.value(in) >= config.compressorStartMinHz() - 1e-9;
        if (atSpeed) {
            // the cycle the feedback first shows the speed counts from there on: the hold is at least the rule's time
            if (c.reachedStartSpeed) c.atStartSpeedS += dtS;
            c.reachedStartSpeed = true;
        } else {
            c.atStartSpeedS = 0;
        }
        if (c.reachedStartSpeed && c.atStartSpeedS >= config.compressorStartHoldS() - 1e-9) {
            c.mode = Compressor.Mode.RELEASED;
            return 1;
        }
        if (!c.reachedStartSpeed && c.sinceStartS >= config.compressorStartTimeoutS() - 1e-9) return -1;
        return 0;
    }

    // ---- running: capacity, staging, pump trim ------------------------------------------------------------------

    private void control(Inputs in, double dtS, double supplySetDegC) {
        // lag compressors in their start hold; a VFD fault drops a compressor (the staging replaces it)
        for (Compressor c : compressors) {
            if (c.isOn() && compressorFault[c.number - 1].isTrue(in)) {
                stopCompressor(c);
                event("C-21" + c.number + " stopped: VFD fault");
            } else if (c.mode == Compressor.Mode.START_HOLD) {
                int r = holdStartSpeed(c, in, dtS);
                if (r > 0) {
                    event(String.format(Locale.ROOT, "C-21%d held >= %.0f Hz for %.1f s; released to the supply loop", c.number, config.compressorStartMinHz(), c.atStartSpeedS));
                } else if (r < 0) {
                    stopCompressor(c);
                    c.failedToStart = true;
                    event("C-21" + c.number + " did not reach " + config.compressorStartMinHz() + " Hz within " + config.compressorStartTimeoutS()
                            + " s: stopped, left out until Reset");
                }
            }
        }
        if (!tt272.isGood(in)) { // supply unreadable: hold the speeds (SENSOR_FAULT handling comes with its requirement)
            distribute();
            return;
        }
        double errorK = supplySetDegC - tt272.value(in); // positive: supply too cold
        // the tank-charging strategy (off unless configured): a charged tank stops the heat pump through the low-load
        // path (every compressor to minimum, then stopped one by one past its minimum run time) and holds the restart;
        // a charged tank with a warm bottom is still work while the water evaporator alone would be the source (the
        // solar lift, TankChargingConfig#bottomWarmDegC)
        String chargeEventBefore = tankCharging.lastEvent();
        boolean tankCharged = tankCharging.update(in, supplySetDegC, sources.choice(in) == SourceSelector.Source.TANK);
        logChange(tankCharging.lastEvent(), chargeEventBefore);

        double holdHz = 0;
        int holding = 0;
        int released = 0;
        for (Compressor c : compressors) {
            if (c.mode == Compressor.Mode.START_HOLD) {
                holdHz += c.speedSetHz;
                holding++;
            } else if (c.mode == Compressor.Mode.RELEASED) {
                released++;
            }
        }

        if (released == 0) {
            // only compressors in their start hold (their speed is the rule's), or none at all (low load standby)
            demandHz = integralHz = holdHz;
            pumpTrimPct = unwindTrim(pumpTrimPct, errorK, dtS);
            lastErrorK = errorK;
            stageUpS = stageDownS = 0;
            if (holding == 0 && !tankCharged && errorK >= config.lastCompressorRestartBelowK() - 1e-9) {
                Compressor next = nextToStart(in);
                if (next != null) {
                    next.start(clockS, config.compressorStartSpeedHz());
                    event(String.format(Locale.ROOT, "supply %.1f K below the set-point: C-21%d started again at %.1f Hz", errorK, next.number, config.compressorStartSpeedHz()));
                }
            }
            return;
        }

        // capacity PI, clamped to what the running compressors can do (anti-windup on the integral and the output)
        double minHz = holdHz + released * config.compressorMinHz();
        double maxHz = holdHz + released * Math.min(ceilingHz(), speedCapHz);
        double kp = config.supplyKpHzPerK();
        // no speed added into a flooded suction on the tank source (SourceConfig#tankCapacityHoldSuctionBar): the
        // regulator has cut the water evaporator, and more speed there raises PT-202, not the heat
        boolean holdCapacity = sources.tankInUse() && pt201.isGood(in) && pt201.value(in) > sources.config().tankCapacityHoldSuctionBar();
        double integralBefore = integralHz, demandBefore = demandHz;
        integralHz = clamp(integralHz + kp * errorK * dtS / config.supplyTiS(), minHz, maxHz);
        demandHz = clamp(kp * errorK + integralHz, minHz, maxHz);
        if (holdCapacity) {
            integralHz = Math.max(minHz, Math.min(integralHz, integralBefore));
            demandHz = Math.max(minHz, Math.min(demandHz, demandBefore));
        }
        if (tankCharged) integralHz = demandHz = minHz;   // nothing to charge: unload to minimum, then stage down
        double eachHz = (demandHz - holdHz) / released;
        boolean atMax = eachHz >= ceilingHz() - config.stageMarginHz() - 1e-9;
        boolean atMin = eachHz <= config.compressorMinHz() + config.stageMarginHz() + 1e-9;

        // P-271 trim: the velocity-form PI owns the temperature only while capacity is exhausted: the released
        // compressors at maximum and no further one allowed to start (all running, or held off by timers or faults)
        double trimMaxPct = config.pumpRunSpeedPct() - config.pumpMinSpeedPct();
        Compressor next = atMax && holding == 0 ? nextToStart(in) : null;
        boolean exhausted = atMax && holding == 0 && next == null;
        // an air section leaving service for its defrost takes about a fifth of the heat at once: cut the flow with it
        // (feed-forward), rather than let the supply fall until the PI sees it
        int defrosting = defrost.activeSection();
        boolean defrostBegan = defrosting != 0 && defrosting != lastDefrostSection && sources.airInUse();
        lastDefrostSection = defrosting;
        if (exhausted) {
            double deltaK = Double.isNaN(lastErrorK) ? 0.0 : errorK - lastErrorK;
            pumpTrimPct += config.pumpTrimKpPctPerK() * (deltaK + errorK * dtS / config.pumpTrimTiS());
            if (defrostBegan) {
                pumpTrimPct += Math.max(config.pumpMinSpeedPct(), config.pumpRunSpeedPct() - pumpTrimPct) * config.pumpDefrostFeedForwardRatio();
            }
            pumpTrimPct = clamp(pumpTrimPct, 0.0, trimMaxPct);
        } else {
            pumpTrimPct = unwindTrim(pumpTrimPct, errorK, dtS);
        }
        lastErrorK = errorK;

        // staging
        // no stage-up into a flooded suction on the tank source (SourceConfig#tankStageUpMaxSuctionBar; off by default)
        boolean suctionFlooded = sources.tankInUse() && pt201.isGood(in) && pt201.value(in) > sources.config().tankStageUpMaxSuctionBar();
        boolean wantUp = atMax && holding == 0 && !suctionFlooded
                && (errorK > config.stageErrorK() || pumpTrimPct > config.stageUpTrimPct());
        boolean last = released == 1;
        boolean wantDown = atMin && holding == 0
                && (tankCharged || -errorK > (last ? config.lastCompressorStopAboveK() : config.stageErrorK()));
        if (tankCharged) wantUp = false;
        stageUpS = wantUp ? stageUpS + dtS : 0;
        stageDownS = wantDown ? stageDownS + dtS : 0;
        if (wantUp && stageUpS >= stageUpDelayS() - 1e-9) {
            if (next != null) { // none available (timers, faults): the timer stays run out and the next free one starts
                next.start(clockS, config.compressorStartSpeedHz());
                stageUpS = 0;
                event(String.format(Locale.ROOT, "stage up: C-21%d started at %.1f Hz (supply %.2f K below the set-point, P-271 trimmed %.1f %%)",
                        next.number, config.compressorStartSpeedHz(), errorK, pumpTrimPct));
            }
        } else if (wantDown && stageDownS >= stageDownDelayS() - 1e-9) {
            Compressor victim = nextToStop();
            if (victim != null) { // none past its minimum run time: the timer stays run out
                stopCompressor(victim);
                stageDownS = 0;
                if (last) {
                    demandHz = integralHz = 0;
                    event(tankCharged
                            ? String.format(Locale.ROOT, "tank charged: last compressor C-21%d stopped; P-271 keeps running until the tank is to charge", victim.number)
                            : String.format(Locale.ROOT, "low load: last compressor C-21%d stopped (supply %.2f K above the set-point); P-271 keeps running", victim.number, -errorK));
                } else {
                    event(String.format(Locale.ROOT, "stage down: C-21%d stopped (supply %.2f K above the set-point)", victim.number, -errorK));
                }
            }
        }
        distribute();
    }

    /** The trim while the compressors are not at maximum: back toward nominal flow, at once when the supply is warm. */
    private double unwindTrim(double trimPct, double errorK, double dtS) {
        double t = trimPct - config.pumpTrimBleedPctPerS() * dtS;
        if (errorK < 0) t += config.pumpTrimKpPctPerK() * errorK * dtS / config.pumpTrimTiS();
        return Math.max(0.0, t);
    }

    /** Set-points from the demand: start speed in the hold, the equal share when released, minimum in a run-down. */
    private void distribute() {
        double holdHz = 0;
        int released = 0;
        for (Compressor c : compressors) {
            if (c.mode == Compressor.Mode.START_HOLD) holdHz += c.speedSetHz;
            else if (c.mode == Compressor.Mode.RELEASED) released++;
        }
        if (released == 0) return;
        double each = clamp((demandHz - holdHz) / released, config.compressorMinHz(), Math.min(ceilingHz(), speedCapHz));
        if (variant.orElse(null) == Variant.NO_MODULATION) each = Math.min(ceilingHz(), speedCapHz); // the known-bad variant: on/off only
        for (Compressor c : compressors) if (c.mode == Compressor.Mode.RELEASED) c.speedSetHz = each;
    }

    /**
     * The compressor to start next: allowed by its timers (minimum off time, starts per hour), no VFD fault, its own
     * permissives true; the least run time first, ties from the lead on. Null when none may start.
     */
    private Compressor nextToStart(Inputs in) {
        Compressor best = null;
        int n = compressors.length;
        boolean timerBlocked = false;
        for (int i = 0; i < n; i++) {
            Compressor c = compressors[(config.leadCompressor() - 1 + i) % n];
            if (!c.isOn() && !c.failedToStart && !c.timersAllowStart(minOffS(), startsPerHourMax())) timerBlocked = true;
            if (!c.timersAllowStart(minOffS(), startsPerHourMax())) continue;
            if (compressorFault[c.number - 1].isTrue(in) || !ownPermissivesHealthy(in, c.number)) continue;
            if (best == null || c.runTotalS < best.runTotalS - 1e-9) best = c;
        }
        if (best == null && timerBlocked) startBlockedNow = true;
        return best;
    }

    private boolean ownPermissivesHealthy(Inputs in, int number) {
        String prefix = PlantTags.compressorPrefix(number);
        for (String tag : permissiveTags) if (tag.startsWith(prefix) && !in.isTrue(tag)) return false;
        return true;
    }

    /** The released compressor past its minimum run time with the most run time (ties: the highest number); or null. */
    private Compressor nextToStop() {
        Compressor best = null;
        for (Compressor c : compressors) {
            if (c.mode != Compressor.Mode.RELEASED || c.sinceStartS < minRunS() - 1e-9) continue;
            if (best == null || c.runTotalS >= best.runTotalS - 1e-9) best = c;
        }
        return best;
    }

    // ---- HV-221 --------------------------------------------------------------------------------------------------

    /**
     * PT-202 anticipated hpLimitLeadS ahead: PT-202 + lead · dPT-202/dt, the rate through a first-order filter of
     * hpLimitRateFilterS. NaN with no compressor on or PT-202 unreadable (the filter restarts after that).
     */
    private void anticipatePressure(Inputs in, double dtS) {
        if (!anyCompressorOn() || !pt202.isGood(in) || monitor.faulted(PT202)) {
            hpAnticipatedBar = Double.NaN;
            if (!anyCompressorOn()) hpRateFilterBar = Double.NaN;
            return;
        }
        double pressureBar = pt202.value(in);
        if (Double.isNaN(hpRateFilterBar)) hpRateFilterBar = pressureBar;
        hpRateFilterBar += (pressureBar - hpRateFilterBar) * (1.0 - Math.exp(-dtS / config.hpLimitRateFilterS()));
        double rateBarPerS = (pressureBar - hpRateFilterBar) / config.hpLimitRateFilterS();
        hpAnticipatedBar = pressureBar + config.hpLimitLeadS() * rateBarPerS;
    }

    /**
     * HV-221: the fixed opening, opened further by a PI while the anticipated pressure is above hpLimitSetBar; the
     * integral stays within [0, 100 % − the fixed opening] (anti-windup). PT-202 unreadable: the opening is held.
     */
    private void hpLimiter(Inputs in, double dtS) {
        if (!anyCompressorOn() || !hpUnloading()) {
            hpLimitIntegralPct = 0;
            hpValvePct = hpBasePct;
            return;
        }
        if (Double.isNaN(hpAnticipatedBar)) return; // pressure unreadable: hold the opening (the sensor fault stops us)
        double excessBar = hpAnticipatedBar - config.hpLimitSetBar();
        double kp = config.hpLimitKpPctPerBar();
        double room = 100.0 - hpBasePct;
        hpLimitIntegralPct = clamp(hpLimitIntegralPct + kp * excessBar * dtS / config.hpLimitTiS(), 0.0, room);
        hpValvePct = hpBasePct + clamp(kp * excessBar + hpLimitIntegralPct, 0.0, room);
    }

    /**
     * Soft high-pressure and discharge-temperature unloading before the hardwired trips (domain notes §5: Danfoss
     * 'Pc max' and 'Sd max' limits, Bitzer 140/150 °C): a cap on every released compressor's speed that falls while
     * PT-202 (measured, not anticipated: the anticipation overshoots at every start, where the HV-221 limiter acts) is
     * above hpUnloadSetBar (hpUnloadHzPerBarS per bar) or TT-202 above
     * dischargeUnloadSetDegC (dischargeUnloadHzPerKS per K), and rises back at unloadRecoverHzPerS once both are below
     * their set-point less the hysteresis. The capacity PI is clamped to the cap (anti-windup), and no compressor is
     * staged in while it holds. With the cap at minimum speed and the pressure still above the set-point, the released
     * compressor with the most run time (past its minimum run) is shed. TT-202 faulted: the cap is at most
     * dischargeSensorFaultMaxHz (degraded operation).
     */
    private void unload(Inputs in, double dtS) {
        double max = config.compressorMaxHz();
        if (!anyCompressorOn()) {
            speedCapHz = max;
            return;
        }
        double downHz = 0;
        boolean recover = true;
        if (hpUnloading() && !Double.isNaN(hpAnticipatedBar)) {
            // on the measured pressure: the anticipated one overshoots at every start, which the HV-221 limiter is for
            double excess = pt202.value(in) - config.hpUnloadSetBar();
            if (excess > 0) downHz += config.hpUnloadHzPerBarS() * excess * dtS;
            if (excess > -config.hpUnloadHysteresisBar()) recover = false;
        }
        boolean dischargeBlind = monitor.faulted(TT202) || !tt202.has(in);
        if (!dischargeBlind && tt202.isGood(in)) {
            double excess = tt202.value(in) - config.dischargeUnloadSetDegC();
            if (excess > 0) downHz += config.dischargeUnloadHzPerKS() * excess * dtS;
            if (excess > -DISCHARGE_HYSTERESIS_K) recover = false;
        }
        if (downHz > 0) speedCapHz -= downHz;
        else if (recover) speedCapHz += config.unloadRecoverHzPerS() * dtS;
        speedCapHz = clamp(speedCapHz, config.compressorMinHz(), max);
        if (monitor.faulted(TT202)) speedCapHz = Math.min(speedCapHz, Math.max(config.compressorMinHz(), config.dischargeSensorFaultMaxHz()));
        if (downHz > 0 && speedCapHz <= config.compressorMinHz() + 1e-9 && state == ControllerState.RUNNING && compressorsOn() > 1) {
            Compressor victim = nextToStop();
            if (victim != null) {
                stopCompressor(victim);
                event(String.format(Locale.ROOT, "unloading: every compressor at minimum and still above the limit (PT-202 %.1f bar, TT-202 %.1f °C): C-21%d shed",
                        in.value(PT202), in.value(TT202), victim.number));
            }
        }
    }

    /**
     * The heat source's speed ceiling toward {@link SourceSelector#ceilingTargetHz} at
     * {@link SourceSelector#CEILING_RATE_HZ_PER_S} (the source chosen last cycle); never below compressorMinHz. On
     * the tank source alone it keeps the CO2 flow at the gas cooler's nominal one ({@link SourceConfig#tankSourceMaxHz()}).
     */
    private void sourceCeiling(double dtS) {
        double target = Math.max(config.compressorMinHz(), sources.ceilingTargetHz(config.compressorMaxHz()));
        double step = SourceSelector.CEILING_RATE_HZ_PER_S * dtS;
        sourceCeilingHz = clamp(target, sourceCeilingHz - step, sourceCeilingHz + step);
    }

    /** The most a released compressor may run at for capacity: the VFD maximum or the source's lower ceiling, Hz. */
    private double ceilingHz() {
        return Math.min(config.compressorMaxHz(), sourceCeilingHz);
    }

    /** Reset of the discharge-temperature unloading: the cap recovers only this far below its set-point, K (Bitzer: trip 150, reset 135). */
    private static final double DISCHARGE_HYSTERESIS_K = 5.0;

    private boolean hpUnloading() {
        return variant.orElse(null) != Variant.NO_HP_UNLOAD;
    }

    // ---- pressure loops, defrost, heat source, SHORT_CYCLE (issue 7 items 1-4) ------------------------------------

    /**
     * HV-221's base opening from the optimal-pressure loop ({@link HighPressureLoop}, Liao 2000, capped at the aim)
     * while Running in control — the limiter adds to it — and HV-222 from the receiver loop while a compressor runs.
     * The no-hp-unload variant keeps HV-221 at its fixed opening (it removes the high-pressure control: this loop, the
     * limiter, the unloading and the Pc max cut-out; see {@link Variant#NO_HP_UNLOAD}).
     */
    private void pressureLoops(Inputs in, double dtS) {
        boolean control = state == ControllerState.RUNNING && phase == Phase.CONTROL && anyCompressorOn();
        if (control && loops.pressure().optimalPressureEnabled() && hpUnloading()) {
            hpBasePct = hpLoop.update(in, dtS, sources.waterEvaporatorOnly());
        } else {
            hpBasePct = config.hpValveOpeningPct();
            hpLoop.reset(config.hpValveOpeningPct());
        }
        if (anyCompressorOn()) {
            bypassPct = receiverLoop.update(in, dtS);
        } else {
            bypassPct = config.bypassValveOpeningPct();
            receiverLoop.reset(config.bypassValveOpeningPct());
        }
    }

    /** Source selection, then defrost of the air sections (one at a time), DEFROST_MAX_TIME on a maximum-time end. */
    private void sectionsAndSources(Inputs in, double dtS) {
        boolean hotGas = state == ControllerState.RUNNING && anyCompressorOn();
        sources.update(in, dtS, anyCompressorOn());
        logChange(sources.lastEvent(), lastSourceEvent);
        lastSourceEvent = sources.lastEvent();
        // the PDT-23s readings of this cycle were taken at the speed written last cycle
        defrost.update(in, dtS, hotGas, sources.airInUse(), fans.speedPct() / 100.0);
        fans.update(capacityRatio(), anyCompressorOn() && sources.airInUse(), dtS);
        logChange(defrost.lastEvent(), lastDefrostEvent);
        lastDefrostEvent = defrost.lastEvent();
        if (defrost.takeMaxTimeEvents() > 0) {
            DefrostSequencer.Defrost d = defrost.lastDefrost();
            raise(AlarmMeaning.DEFROST_MAX_TIME, "defrost of section " + (d == null ? "?" : d.section()) + " ended on its maximum time "
                    + loops.defrost().defrostMaxS() + " s (coil sensor did not reach " + loops.defrost().terminationDegC() + " °C)");
        }
    }

    /** Commanded compressor speed over the installed maximum (every compressor at compressorMaxHz), 0–1. */
    private double capacityRatio() {
        double hz = 0;
        for (Compressor c : compressors) if (c.isOn()) hz += c.speedSetHz;
        return hz / (compressors.length * config.compressorMaxHz());
    }

    /** The evaporator fans' speed for sections in service, %; 0 while the air evaporator is not evaporating. */
    public double fanSpeedPct() { return fans.speedPct(); }

    private String lastSourceEvent = "";
    private String lastDefrostEvent = "";

    private void logChange(String now, String before) {
        if (!now.isEmpty() && !now.equals(before)) event(now);
    }

    /**
     * SHORT_CYCLE (DESIGN §7; domain notes §5 "too many starts per hour"): a wanted compressor start held back by the
     * anti-short-cycle timers counts once per episode (at most one per minimum off time); shortCycleBlocksPerHour episodes within an hour raise it. Reset
     * acknowledges it.
     */
    private void shortCycleAlarm() {
        boolean blocked = startBlockedNow;
        startBlockedNow = false;
        // one episode per minimum off time at most: a demand flickering at a stage threshold is one request, not many
        boolean newEpisode = startBlocks.isEmpty() || clockS - startBlocks.peekLast() >= config.compressorMinOffS() - 1e-9;
        if (blocked && !startBlockedLastCycle && newEpisode) startBlocks.addLast(clockS);
        startBlockedLastCycle = blocked;
        while (!startBlocks.isEmpty() && startBlocks.peekFirst() < clockS - Compressor.HOUR_S) startBlocks.removeFirst();
        if (startBlocks.size() >= loops.shortCycleBlocksPerHour() && raise(AlarmMeaning.SHORT_CYCLE,
                startBlocks.size() + " compressor starts held back by the anti-short-cycle timers within an hour")) {
            event("SHORT_CYCLE: demand is cycling faster than the compressors may");
        }
    }

    // ---- protection -----------------------------------------------------------------------------------------------

    private boolean stopsOnSensorFault() {
        return variant.orElse(null) != Variant.IGNORES_SENSOR_FAULT;
    }

    /**
     * Sensor plausibility ({@link SensorMonitor}). A critical sensor's fault latches, raises SENSOR_FAULT and is a safe
     * stop: every compressor off at once (P-271 overruns), state Fault; no start until the sensor is healthy and a
     * Reset. A non-critical one raises SENSOR_FAULT while it lasts (degraded operation).
     */
    private void monitorSensors(Inputs in, double dtS) {
        double totalHz = 0;
        for (Compressor c : compressors) totalHz += c.isOn() ? c.speedSetHz : 0;
        monitor.update(in, dtS, totalHz);
        if (monitor.criticalFaulted() && !sensorFaultLatched) {
            sensorFaultLatched = true;
            String what = "critical sensor fault " + monitor.describeFaults();
            raise(AlarmMeaning.SENSOR_FAULT, what);
            log.warn("controller at plant time {} ms: {}", lastTimeMs, what);
            boolean active = anyCompressorOn() || state == ControllerState.STARTING || state == ControllerState.RUNNING || state == ControllerState.STOPPING;
            if (stopsOnSensorFault() && active) {
                allCompressorsOff();
                state = ControllerState.FAULT;
                phase = Phase.NONE;
                event("safe stop: " + what);
            } else {
                event(what + (active ? " (variant ignores-sensor-fault: running on)" : ""));
            }
        }
        if (monitor.anyFaulted()) {
            if (raise(AlarmMeaning.SENSOR_FAULT, "sensor fault " + monitor.describeFaults())) event("degraded operation: sensor fault " + monitor.describeFaults());
        } else if (!sensorFaultLatched) {
            clearAlarm(AlarmMeaning.SENSOR_FAULT);
        }
    }

    /**
     * The first cycle after the plant link came back: the plant's I/O watchdog has stopped every compressor (fail-safe),
     * so the controller counts them stopped now (their minimum off time runs from here, not from before the loss) and,
     * if it was Starting or Running, restarts through the start sequence (flow proof, anti-short-cycle timers); no trip.
     */
    private void recoverFromCommLoss() {
        commLost = false;
        boolean wasOn = anyCompressorOn();
        allCompressorsOff();
        resetLoops();
        if (state == ControllerState.RUNNING || state == ControllerState.STARTING) {
            state = ControllerState.STARTING;
            phase = Phase.PROVING_FLOW;
            phaseElapsedS = 0;
            flowSeenClear = false;
            flowClearS = 0;
            event("plant link back: compressors counted stopped by the watchdog; restarting through the start sequence (minimum off time from now)");
        } else if (state == ControllerState.STOPPING) {
            phase = Phase.OVERRUN;
            phaseElapsedS = 0;
            event("plant link back while stopping: compressors off, P-271 overrun");
        } else if (wasOn) {
            event("plant link back: compressors counted stopped by the watchdog");
        }
    }

    /** The restarts-after-trip variant: restartAfterTripS after a trip, clear it and restart the lead compressor at once. */
    private void restartAfterTrip(Inputs in, double dtS) {
        if (state != ControllerState.TRIPPED) return;
        trippedS += dtS;
        if (trippedS < config.restartAfterTripS() - 1e-9) return;
        Compressor next = nextToStart(in);
        if (next == null) return;
        for (AlarmMeaning m : TRIP_ALARMS) clearAlarm(m);
        state = ControllerState.STARTING;
        startLead(next);
        event("variant restarts-after-trip: trip cleared by itself, C-21" + next.number + " restarted");
    }

    // ---- alarm list -----------------------------------------------------------------------------------------------

    /**
     * The supply-at-band-edge variant's bias below the set-point, K: 0.85 K keeps the true supply 0.15 K inside SU-01's
     * ±1 K settle band at the nominal plant (the reference settles within 0.02 K of what it reads: BENCHMARKS.md "Sensor
     * corners") and puts it 0.15 K outside when TT-272 reads high by its class-A band, 0.30 K at 75 °C.
     */
    static final double BAND_EDGE_BIAS_K = 0.85;

    /**
     * The set-point the loops follow: the commanded one, except that the ignores-setpoint-change variant keeps the one
     * of its start and the supply-at-band-edge variant aims {@link #BAND_EDGE_BIAS_K} below it.
     */
    private double setpointFor(double commandedDegC) {
        if (variant.orElse(null) == Variant.SUPPLY_AT_BAND_EDGE) return commandedDegC - BAND_EDGE_BIAS_K;
        if (variant.orElse(null) != Variant.IGNORES_SETPOINT_CHANGE) return commandedDegC;
        if (state == ControllerState.OFF || Double.isNaN(heldSetpointDegC)) heldSetpointDegC = commandedDegC;
        return heldSetpointDegC;
    }

    /** Raises the alarm (stamped with the current plant time) unless active; true when it was not active. */
    private boolean raise(AlarmMeaning m, String text) {
        if (m == AlarmMeaning.START_REFUSED && variant.orElse(null) == Variant.SILENT_START_REFUSAL) return false;
        if (!alarms.add(m)) return false;
        activeAlarms.put(m, new AlarmRecord(m, Math.max(0, lastTimeMs), -1, text));
        return true;
    }

    /** Clears the alarm (stamped) if active; true when it was. */
    private boolean clearAlarm(AlarmMeaning m) {
        if (!alarms.remove(m)) return false;
        AlarmRecord r = activeAlarms.remove(m);
        if (r != null) {
            alarmHistory.addLast(r.clearedAt(Math.max(0, lastTimeMs)));
            while (alarmHistory.size() > ALARM_HISTORY_MAX) alarmHistory.removeFirst();
        }
        return true;
    }

    // ---- anti-short-cycle timers (the short-cycles variant has none) ---------------------------------------------

    private double minOffS() { return variant.orElse(null) == Variant.SHORT_CYCLES ? 0.0 : config.compressorMinOffS(); }

    private double minRunS() { return variant.orElse(null) == Variant.SHORT_CYCLES ? 0.0 : config.compressorMinRunS(); }

    private double stageUpDelayS() { return variant.orElse(null) == Variant.SHORT_CYCLES ? 0.0 : config.stageUpDelayS(); }

    private double stageDownDelayS() { return variant.orElse(null) == Variant.SHORT_CYCLES ? 0.0 : config.stageDownDelayS(); }

    private int startsPerHourMax() { return variant.orElse(null) == Variant.SHORT_CYCLES ? Integer.MAX_VALUE : config.compressorStartsPerHourMax(); }

    // ---- commands -------------------------------------------------------------------------------------------------

    private void reset(Inputs in) {
        boolean refusedCleared = clearAlarm(AlarmMeaning.START_REFUSED);
        if (clearAlarm(AlarmMeaning.DEFROST_MAX_TIME)) event("reset: DEFROST_MAX_TIME acknowledged");
        if (clearAlarm(AlarmMeaning.SHORT_CYCLE)) event("reset: SHORT_CYCLE acknowledged");
        startBlocks.clear();
        for (Compressor c : compressors) c.failedToStart = false;
        if (!commLost) clearAlarm(AlarmMeaning.COMM_LOSS);
        if (sensorFaultLatched && !monitor.criticalFaulted()) {
            sensorFaultLatched = false;
            if (!monitor.anyFaulted()) clearAlarm(AlarmMeaning.SENSOR_FAULT);
            event("reset: critical sensors healthy, sensor fault cleared");
        } else if (sensorFaultLatched) {
            event("reset: a critical sensor is still faulted " + monitor.describeFaults());
        }
        if (state == ControllerState.TRIPPED) {
            if (tripCausePresent(in)) {
                event("reset refused: a safety switch is still tripped (reset it on site first)");
                return;
            }
            for (AlarmMeaning m : TRIP_ALARMS) clearAlarm(m);
            state = ControllerState.OFF;
            phase = Phase.NONE;
            event("reset: trip cleared, Off");
        } else if (state == ControllerState.FAULT) {
            if (sensorFaultLatched) return; // stays in Fault until the critical sensor is healthy
            state = ControllerState.OFF;
            phase = Phase.NONE;
            event("reset: fault cleared, Off");
        } else if (refusedCleared) {
            event("reset: START_REFUSED cleared");
        }
    }

    private void start(Inputs in) {
        if (variant.orElse(null) == Variant.NEVER_STARTS) return; // the known-bad variant takes no start at all
        if (state == ControllerState.STARTING || state == ControllerState.RUNNING) return; // already on its way
        String refusal = null;
        if (state == ControllerState.TRIPPED) refusal = "a trip is latched (" + alarms + "); reset first";
        else if (state == ControllerState.FAULT) refusal = "the controller is in Fault; reset first";
        else if (state == ControllerState.STOPPING) refusal = "the heat pump is still stopping";
        else if (tripCausePresent(in)) refusal = "a safety switch is tripped";
        else if (sensorFaultLatched && stopsOnSensorFault()) refusal = "a critical sensor fault is latched " + monitor.describeFaults() + "; reset once the sensor is healthy";
        else {
            for (String tag : permissiveTags) {
                if (!in.isTrue(tag)) {
                    refusal = "permissive " + tag + " is not healthy";
                    break;
                }
            }
        }
        if (refusal != null) {
            raise(AlarmMeaning.START_REFUSED, "start refused: " + refusal);
            event("start refused: " + refusal);
            return;
        }
        clearAlarm(AlarmMeaning.START_REFUSED);
        state = ControllerState.STARTING;
        sinceStartS = 0;
        flowSeenMaxM3h = 0;
        phaseElapsedS = 0;
        flowClearS = 0;
        flowSeenClear = false;
        resetLoops();
        if (!flowRequired()) {
            // the known-bad variant: lead compressor together with the pump, no flow proof
            Compressor next = nextToStart(in);
            if (next == null) {
                phase = Phase.WAITING_FOR_COMPRESSOR;
                event("starting (variant no-flow-proof): P-271 on, waiting for the anti-short-cycle timers");
            } else {
                startLead(next);
                event("starting (variant no-flow-proof): P-271 and lead compressor C-21" + next.number + " together");
            }
        } else {
            phase = Phase.PROVING_FLOW;
            event("starting: P-271 on, proving DH flow");
        }
    }

    private void stop() {
        boolean starting = state == ControllerState.STARTING;
        if (state == ControllerState.RUNNING || starting) {
            if (anyCompressorOn() && variant.orElse(null) == Variant.HARD_STOP) {
                allCompressorsOff(); // the known-bad variant: no unload to minimum speed
                state = ControllerState.STOPPING;
                phase = Phase.OVERRUN;
                phaseElapsedS = 0;
                event("stopping (variant hard-stop): every compressor off at once");
            } else if (anyCompressorOn()) {
                for (Compressor c : compressors) c.runDown(config.compressorMinHz());
                state = ControllerState.STOPPING;
                phase = Phase.RAMP_DOWN;
                phaseElapsedS = 0;
                event("stopping: compressors to minimum speed");
            } else if (starting) {
                state = ControllerState.OFF; // no compressor ran: nothing to carry away, the pump stops at once
                phase = Phase.NONE;
                event("stopped before any compressor ran");
            } else {
                state = ControllerState.STOPPING; // Running at low load with every compressor off: only the overrun is left
                phase = Phase.OVERRUN;
                phaseElapsedS = 0;
                event("stopping: no compressor running; P-271 overrun " + overrunLeftS + " s left");
            }
        }
    }

    /**
     * Stopping: each compressor off after its minimum-speed hold and its minimum run (at the latest stopMaxS). The hold
     * counts while the speed feedback is at the minimum (within 1 Hz; a missing feedback counts from the command): the
     * VFD ramps down over tens of seconds, and a hold counted from the command switched compressors off at 40 Hz,
     * before they had unloaded (SU-04.unload judges the speed reached, issue 14).
     */
    private void rampDown(Inputs in, double dtS) {
        for (Compressor c : compressors) {
            if (c.mode != Compressor.Mode.RUN_DOWN) continue;
            InputSlot feedback = compressorSpeed[c.number - 1];
            if (!feedback.isGood(in) || feedback.value(in) <= config.compressorMinHz() + 1.0) c.runDownS += dtS;
            boolean held = c.runDownS >= config.stopMinSpeedHoldS() - 1e-9 && c.sinceStartS >= minRunS() - 1e-9;
            if (held || phaseElapsedS >= config.stopMaxS() - 1e-9) stopCompressor(c);
        }
        if (!anyCompressorOn()) {
            phase = Phase.OVERRUN;
            phaseElapsedS = 0;
            event("compressors off; P-271 overrun " + config.pumpOverrunS() + " s");
        }
    }

    private void stopCompressor(Compressor c) {
        if (c.stop() && !anyCompressorOn()) overrunLeftS = variant.orElse(null) == Variant.NO_PUMP_OVERRUN ? 0.0 : config.pumpOverrunS();
    }

    private void allCompressorsOff() {
        for (Compressor c : compressors) stopCompressor(c);
        demandHz = integralHz = 0;
    }

    private boolean anyCompressorOn() {
        for (Compressor c : compressors) if (c.isOn()) return true;
        return false;
    }

    private boolean flowRequired() {
        return variant.orElse(null) != Variant.NO_FLOW_PROOF;
    }

    // ---- outputs ------------------------------------------------------------------------------------------------

    /**
     * The tags {@link #outputs} names, in the order it fills them: one layout for every cycle, so each cycle fills an
     * array and the I/O resolves its points to slots once.
     */
    private static Outputs.Layout outputLayout(int compressorCount) {
        List<String> tags = new java.util.ArrayList<>();
        tags.add(PlantTags.P271_RUN);
        tags.add(PlantTags.P271_SPEED_SET);
        for (int n = 1; n <= compressorCount; n++) {
            tags.add(PlantTags.compressorEnable(n));
            tags.add(PlantTags.compressorSpeedSet(n));
        }
        tags.add(PlantTags.HV221_OPENING_SET);
        tags.add(PlantTags.HV222_OPENING_SET);
        for (int s = 1; s <= SECTIONS; s++) {
            tags.add(PlantTags.sectionValve(s));
            tags.add(PlantTags.defrostValve(s));
            tags.add(PlantTags.fanSpeedSet(s));
        }
        tags.add(PlantTags.XV261_OPEN);
        tags.add(PlantTags.P261_RUN);
        tags.add(PlantTags.P261_SPEED_SET);
        return new Outputs.Layout(tags);
    }

    private Outputs outputs() {
        boolean starting = state == ControllerState.STARTING;
        boolean anyOn = anyCompressorOn();
        boolean pumpOn = starting || state == ControllerState.RUNNING || anyOn || overrunLeftS > 0;
        if (variant.orElse(null) == Variant.DROPS_DH_PUMP && sinceStartS >= DROPS_DH_PUMP_AFTER_S && state != ControllerState.OFF) pumpOn = false;
        double pumpSpeed;
        if (!pumpOn) pumpSpeed = 0;
        else if (starting && phase == Phase.PROVING_FLOW) pumpSpeed = config.pumpStartSpeedPct();
        else if (state == ControllerState.RUNNING) pumpSpeed = Math.max(config.pumpMinSpeedPct(), config.pumpRunSpeedPct() - pumpTrimPct);
        else pumpSpeed = config.pumpRunSpeedPct();
        // filled in outputLayout's order
        double[] v = new double[outputLayout.size()];
        int k = 0;
        v[k++] = on(pumpOn);
        v[k++] = round01(pumpSpeed);
        for (Compressor c : compressors) {
            v[k++] = on(c.isOn());
            v[k++] = c.isOn() ? round01(c.speedSetHz) : 0.0;
        }
        v[k++] = anyOn ? round01(hpValvePct) : ventingHighSide ? VENT_OPENING_PCT : 0.0;
        v[k++] = anyOn ? round01(bypassPct) : 0.0;
        boolean airEvaporating = anyOn && sources.airInUse();
        for (int s = 1; s <= SECTIONS; s++) {
            v[k++] = on(defrost.sectionValveOpen(s, airEvaporating));
            v[k++] = on(anyOn && defrost.hotGasValveOpen(s));
            v[k++] = variant.orElse(null) == Variant.DEAD_FANS ? 0.0 : defrost.fanSpeedPct(s, airEvaporating, round01(fans.speedPct()));
        }
        v[k++] = on(sources.xv261Open());
        v[k++] = on(sources.tankPumpOn());
        v[k] = sources.tankPumpSpeedPct();
        return Outputs.of(outputLayout, v);
    }

    private static double on(boolean on) {
        return on ? 1.0 : 0.0;
    }

    /** Flow proven for the start: FSL-271 clear and, where the map has it, P-271 reporting running. */
    private boolean flowProven(Inputs in) {
        return flowSwitchClear(in) && (!p271Running.has(in) || p271Running.isTrue(in));
    }

    /** FSL-271 readable and not low. */
    private boolean flowSwitchClear(Inputs in) {
        return fsl271.isGood(in) && fsl271.value(in) == 0.0;
    }

    /**
     * The P-271 overrun carries the stopped gas cooler's heat away with the DH return; a return hotter than the water
     * leaving the gas cooler (TT-271 above TT-272 by {@value #HOT_RETURN_MARGIN_K} K) would pump heat in instead, into
     * CO2 that is trapped behind the closed HV-221 at standstill: dense CO2 warmed at constant volume lifts PSV-202
     * (issue #15 item 2; HP-03). The overrun ends then. The pumps-hot-return variant runs it to its end.
     */
    private void endOverrunOnHotReturn(Inputs in) {
        if (overrunLeftS <= 0 || anyCompressorOn() || variant.orElse(null) == Variant.PUMPS_HOT_RETURN) return;
        if (!tt271.isGood(in) || !tt272.isGood(in)) return;
        double returnC = tt271.value(in), supplyC = tt272.value(in);
        if (returnC > supplyC + HOT_RETURN_MARGIN_K) {
            overrunLeftS = 0;
            event(String.format(Locale.ROOT, "P-271 overrun ended: DH return %.1f °C hotter than the gas-cooler outlet %.1f °C (would heat the stopped high side)", returnC, supplyC));
        }
    }

    /**
     * At standstill HV-221 is closed, so the high side keeps what it held at the stop (issue #15 item 2): after a trip
     * near the HP switch it can stay above the switch's 120 bar reset pressure and the site reset is refused for good.
     * With no compressor on and a healthy PT-202 at or above {@value #VENT_OPEN_BAR} bar, HV-221 opens
     * {@value #VENT_OPENING_PCT} % into the receiver until PT-202 is below {@value #VENT_CLOSE_BAR} bar.
     */
    private void ventTrappedHighSide(Inputs in) {
        if (anyCompressorOn() || !pt202.isGood(in) || monitor.faulted(PT202)) {
            ventingHighSide = false;
            return;
        }
        double bar = pt202.value(in);
        if (!ventingHighSide && bar >= VENT_OPEN_BAR) {
            ventingHighSide = true;
            event(String.format(Locale.ROOT, "HV-221 venting the stopped high side to the receiver: PT-202 %.1f bar", bar));
        } else if (ventingHighSide && bar < VENT_CLOSE_BAR) {
            ventingHighSide = false;
        }
    }

    private boolean ventingHighSide;
    static final double VENT_OPEN_BAR = 118.0;
    static final double VENT_CLOSE_BAR = 110.0;
    static final double VENT_OPENING_PCT = 20.0;

    /** TT-271 above TT-272 by more than this ends the P-271 overrun, K. */
    static final double HOT_RETURN_MARGIN_K = 1.0;

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
