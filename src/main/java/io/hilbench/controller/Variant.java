package io.hilbench.controller;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Known-bad variants of the reference controller (DESIGN §7): each removes exactly one required behaviour, so the
 * expected-failure matrix can check that the scenario for that behaviour catches it (on its named assertion).
 * The reference controller itself is no variant: it is what runs when none is selected.
 */
public enum Variant {
    /**
     * Starts the lead compressor together with P-271, without waiting for FSL-271 to prove DH flow (and so without
     * the flow-proof timeout's START_REFUSED). Must be caught by {@code SU-01.flow-proof}.
     */
    NO_FLOW_PROOF("no-flow-proof", "noflowpf", "starts the lead compressor together with P-271, without waiting for DH flow proof (FSL-271 clear)"),
    /**
     * No high-pressure control at all: HV-221 stays at its fixed opening (no optimal-pressure loop and no limiter on top
     * of it), no speed unloading and no Pc max cut-out: PT-202 is left to the hardwired HP switch. One behaviour, the
     * controller's hold on the high pressure: measured in session 4, removing only the protection on top of the
     * optimal-pressure loop (capped at the 120 bar aim) is invisible on this plant — HP-04 at a 55 °C return peaks at
     * 122.6 bar with the loop alone — so the variant that the self-test can catch takes the loop with it. Must be
     * caught by {@code HP-04.pressure}.
     */
    NO_HP_UNLOAD("no-hp-unload", "nohpunl", "no high-pressure control: HV-221 at its fixed opening (no optimal-pressure loop, no limiter), no speed unloading, no Pc max cut-out"),
    /**
     * Treats a trip as self-resetting: restartAfterTripS after a trip it clears the trip alarms and restarts the lead
     * compressor at once, whether the cause persists or not, without a Reset. Must be caught by
     * {@code HP-02.no-restart}.
     */
    RESTARTS_AFTER_TRIP("restarts-after-trip", "rstrtrip", "restarts by itself after a trip, without waiting for the cause to clear or a Reset"),
    /**
     * Watches its sensors and raises SENSOR_FAULT, but never stops for a critical sensor fault (and does not refuse a
     * start for one): it keeps running on a bad PT-202. Must be caught by {@code SF-01.stop}.
     */
    IGNORES_SENSOR_FAULT("ignores-sensor-fault", "ignsensr", "keeps the compressors running on a faulted critical sensor (bad PT-202); only the alarm is raised"),
    /**
     * Refuses a start while a permissive is missing, as the reference does, but never raises START_REFUSED: the
     * operator is not told why nothing happens. Must be caught by {@code SU-02.start-refused}.
     */
    SILENT_START_REFUSAL("silent-start-refusal", "silentrf", "refuses a start without a permissive but raises no START_REFUSED alarm"),
    /**
     * No P-271 overrun: the DH pump stops together with the last compressor, leaving the hot gas cooler without flow.
     * Must be caught by {@code SU-04.pump-overrun}.
     */
    NO_PUMP_OVERRUN("no-pump-overrun", "nopmpovr", "stops P-271 together with the last compressor (no pump overrun)"),
    /**
     * Follows the supply set-point it had when it started; a change while it runs is ignored until it is Off again.
     * Must be caught by {@code LD-01.settle}.
     */
    IGNORES_SETPOINT_CHANGE("ignores-setpoint-change", "ignsetpt", "keeps the supply set-point of its start; a change while running is ignored"),
    /**
     * No anti-short-cycle protection: no minimum off time, no minimum run time, no starts-per-hour limit, and no
     * stage-in/stage-out delay (a compressor is started or stopped the cycle the demand calls for it — the delays are
     * what keeps staging from following a demand that cycles faster than the timers). Must be caught by {@code SU-03}
     * (its minimum-off, minimum-run or starts-per-hour assertion).
     */
    SHORT_CYCLES("short-cycles", "shortcyc", "no minimum off/run time, starts-per-hour limit or staging delay: compressors follow a cycling demand"),
    /**
     * Does not notice that its plant link was lost: no COMM_LOSS alarm, and when the link returns it carries on
     * commanding the compressors it had running, ignoring the stop the watchdog made (and so the minimum off time).
     * Must be caught by {@code CL-01.alarm} and {@code CL-01.min-off}.
     */
    NO_COMM_LOSS_HANDLING("no-comm-loss-handling", "nocomlos", "no COMM_LOSS alarm; after a lost plant link it resumes at once, ignoring the minimum off time"),
    /**
     * A defrost ends only on its coil temperature: no maximum-time termination and so no DEFROST_MAX_TIME. With a coil
     * sensor stuck cold the hot gas never stops and the section never returns to service. Must be caught by DF-03
     * (its end-within-maximum, alarm and back-in-service assertions).
     */
    NO_DEFROST_TERMINATION("no-defrost-termination", "nodftrm", "no maximum-time termination of a defrost (ends only on coil temperature), no DEFROST_MAX_TIME"),
    /**
     * Defrosts every section on a fixed timer whatever the frost sensing says (demand initiation removed). Must be
     * caught by DF-02 (no defrost at +8 °C / 50 % RH).
     */
    DEFROSTS_WITHOUT_FROST("defrosts-without-frost", "dfnofrst", "defrosts each section on a fixed timer whether or not it has frost"),
    /**
     * Never leaves the air source: no tank or combined source, whatever the tank and the sun. Must be caught by SO-01
     * (tank source selected within 10 min).
     */
    NO_SOURCE_SWITCH("no-source-switch", "nosrcsw", "always on the air source: never selects the tank (or both)"),
    /**
     * Ignores the tank-source minimum once on the tank: stays on a spent tank however cold its bottom gets (the entry
     * threshold still applies). Must be caught by SO-02 (back to the air source within 10 min).
     */
    IGNORES_TANK_MINIMUM("ignores-tank-minimum", "notankmn", "stays on the tank source below the tank-source minimum"),
    /**
     * Takes no start command at all: it stays Off, raises nothing and runs nothing (a start interlock wired wrong). The
     * scenarios' preconditions ("running at full load", "settled", "running") must FAIL on it, named, and the steady
     * windows that count from a start (HP-04, SU-03) must not pass on a heat pump that never ran.
     */
    NEVER_STARTS("never-starts", "nostart", "ignores the start command: stays Off, no alarm, nothing runs"),
    /**
     * P-271 drops out 12 minutes of plant time after a start (a run timer that stops the DH pump): the controller then
     * trips itself on FLOW_TRIP and stays off until reset. Must fail the {@code in-service} assertion of the scenario it is in.
     */
    DROPS_DH_PUMP("drops-dh-pump", "dhpmpdrp", "stops P-271 12 min after a start: trips itself on FLOW_TRIP and stays off"),
    /**
     * Its state word sticks at Running once it has been Running (until reset-to-initial), whatever happens after: a trip,
     * an ordered stop. Must fail {@code HP-02.state} and {@code SU-04.state}.
     */
    STATE_STUCK_RUNNING("state-stuck-running", "stucksta", "reports Running once it has run, after a trip or a stop too"),
    /**
     * Never runs the air evaporator fans (fan speed set-point 0): on the air source the evaporators lose their airflow and
     * the heat pump cannot reach its set-point. Must fail the "settled" precondition where the air carries the load
     * ({@code LD-01.settles}, {@code DF-03.settles}).
     */
    DEAD_FANS("dead-fans", "deadfans", "never runs the evaporator fans: no evaporator capacity on the air source"),
    /** Stops every compressor at once on a Stop command: no unload to minimum speed first. Must fail {@code SU-04.unload}. */
    HARD_STOP("hard-stop", "hardstop", "stops the compressors at once on Stop, without unloading to minimum speed"),
    /** Starts every available compressor together with the lead: no staging. Must fail {@code SU-01.staging}. */
    STARTS_ALL_AT_ONCE("starts-all-at-once", "allatonc", "starts every compressor together with the lead (no staging one at a time)"),
    /** Never initiates a defrost (no demand, no timer): must fail {@code DF-01.defrosts} and {@code DF-03.defrost-starts}. */
    NEVER_DEFROSTS("never-defrosts", "nodefrst", "never starts a defrost, however frosted the coils"),
    /**
     * Trips on FLOW_TRIP when FT-271 falls below 60 % of the highest DH flow it saw since the start (a flow trip set far
     * above the flow switch's 25 %): it stops at a reduced flow it must ride through. Must fail {@code HP-01.in-service}.
     */
    /**
     * Runs its released compressors only at their maximum speed: capacity by staging alone, on or off. Must fail
     * {@code SU-03.modulation}.
     */
    NO_MODULATION("no-modulation", "nomodul", "runs the compressors only at maximum speed: capacity by staging alone"),
    TRIPS_ON_LOW_FLOW("trips-on-low-flow", "lowflotr", "trips on FLOW_TRIP below 60 % of the DH flow seen since the start, far above the flow switch"),
    /**
     * Runs P-271's overrun to its end whatever the DH return: with the return hotter than the water leaving the gas
     * cooler the overrun pumps heat into the stopped gas cooler, whose CO2 is trapped behind a closed HV-221 (issue #15
     * item 2: dense CO2 warmed by hot water lifts PSV-202). Must be caught by {@code HP-03.no-relief}.
     */
    PUMPS_HOT_RETURN("pumps-hot-return", "hotretpm", "keeps P-271's overrun running with the DH return hotter than the gas-cooler outlet: heats the trapped high side"),
    /**
     * Regulates the supply {@value ReferenceController#BAND_EDGE_BIAS_K} K below its set-point: a firmware "energy-saving
     * dead band" that unloads as soon as TT-272 reads within it of the set-point, tuned to sit inside the ±1 K acceptance
     * band (SU-01.settle, LD-01.settle) with no margin left for the supply sensor's own error. TT-272 is an IEC 60751
     * class A Pt100 (points.csv {@code accuracy}): ±(0.15 + 0.002·75) = ±0.30 K at 75 °C. At the nominal plant the true
     * supply settles 0.85 K low and passes; at the rig corner {@code sensors-high} (every sensor reading high by its whole
     * class, the truth unchanged) it settles 0.85 + 0.30 = 1.15 K low and must fail {@code SU-01.settle} there
     * (issue #17 item 3: "a controller that passes only at the nominal plant is visible as such";
     * features/expected-failures.yaml {@code at_corners}).
     */
    SUPPLY_AT_BAND_EDGE("supply-at-band-edge", "bandedge", "regulates the supply 0.85 K below its set-point, inside the ±1 K band with no margin for TT-272's ±0.3 K class");

    private final String cliName;
    private final String shortTag;
    private final String description;

    Variant(String cliName, String shortTag, String description) {
        this.cliName = cliName;
        this.shortTag = shortTag;
        this.description = description;
    }

    /** The name on the command line ({@code --variant no-flow-proof}). */
    public String cliName() { return cliName; }

    /** At most 8 characters, appended to the self-declared firmware version so a variant never poses as the reference. */
    public String shortTag() { return shortTag; }

    public String description() { return description; }

    /** The variant of a command-line name (case-insensitive), or empty. */
    public static Optional<Variant> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.cliName.equals(n)).findFirst();
    }

    /** Every variant's command-line name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Variant::cliName).toList();
    }
}
