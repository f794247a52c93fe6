package io.hilbench.scenario;

import io.hilbench.rig.AlarmMeaning;
import io.hilbench.scenario.Timeline.Kind;
import io.hilbench.scenario.judge.Assertion;
import io.hilbench.scenario.judge.AssertionBook;
import io.hilbench.scenario.judge.HeatPumpSignals;
import io.hilbench.scenario.judge.Judgement;
import io.hilbench.scenario.judge.ProtectionChecks;
import io.hilbench.scenario.judge.SequenceChecks;
import io.hilbench.scenario.judge.ServiceChecks;
import io.hilbench.scenario.judge.TraceAssertions;
import io.hilbench.scenario.judge.TraceView;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.hilbench.scenario.Quantities.plantTime;

/**
 * The assertions of SU-02, SU-03, SU-04, HP-01..HP-04, SF-01, CL-01 and LD-01 as the {@code Then} steps register them
 * (DESIGN §8), one class per requirement like SU-01's {@link StartupRequirement}: limits from requirements.yaml only,
 * windows in plant time from the scenario's {@link Timeline} (start command, stimulus, reset), judged on the trace at
 * the end of the scenario by the pure checks of {@link SequenceChecks} and {@link ProtectionChecks}. Each registration
 * writes the resolved limits to the step output.
 */
public final class ProtectionRequirements {
    private ProtectionRequirements() {}

    /** What every requirement class is built from. */
    public record Context(Requirements requirements, AssertionBook book, HeatPumpSignals signals, Timeline timeline, Consumer<String> log) {}

    /** The shared part: the requirement's limits, registration with the resolved limits logged. */
    public abstract static class Base {
        protected final Requirements.Requirement req;
        protected final Context ctx;
        protected final HeatPumpSignals s;
        protected final Timeline tl;

        Base(Context ctx, String id) {
            this.ctx = ctx;
            this.req = ctx.requirements().get(id);
            this.s = ctx.signals();
            this.tl = ctx.timeline();
        }

        protected double limit(String key) { return req.limit(key); }

        protected Map<String, Double> limits(String... keys) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (String k : keys) m.put(k, req.limit(k));
            return m;
        }

        protected void register(String suffix, Map<String, Double> limits, long windowEndMs, Function<TraceView, Judgement> check) {
            String id = req.assertion(req.id() + "." + suffix);
            ctx.book().register(new Assertion(id, limits, windowEndMs, check));
            ctx.log().accept(id + " registered: " + req.assertions().get(id) + (limits.isEmpty() ? "" : " with limits " + limits + " (" + Requirements.FILE + ")")
                    + ", judged on the trace up to plant time " + plantTime(windowEndMs));
        }

        protected long start(String why) { return tl.require(tl.last(Kind.START), "start command ('the operator starts the heat pump') for " + why).plantTimeMs(); }

        protected long stimulus(Kind kind, String why) { return tl.require(tl.first(kind), why).plantTimeMs(); }

        protected static long ms(double s) { return Math.round(s * 1000); }

        protected static long minutes(double min) { return Math.round(min * 60_000); }

        /**
         * {@code <id>.state} after a trip: Tripped or Fault with one of {@code alarms} within state_within_s of the
         * compressors' stop after {@code stimulusMs}, held until the operator's reset after the cause cleared.
         */
        protected void trippedState(long stimulusMs, String clearedStep, AlarmMeaning... alarms) {
            long cleared = tl.require(tl.firstAtOrAfter(Kind.FAULT_CLEARED, stimulusMs), clearedStep).plantTimeMs();
            long reset = resetAfter(cleared);
            double within = limit("state_within_s");
            register("state", limits("state_within_s"), reset == TraceAssertions.END ? cleared : reset,
                    t -> ServiceChecks.trippedUntilReset(t, s, stimulusMs, within, reset, alarms));
        }

        /** The first controller reset at or after {@code fromMs}, or {@link TraceAssertions#END} when there was none. */
        protected long resetAfter(long fromMs) { return tl.firstAtOrAfter(Kind.RESET, fromMs).map(Timeline.Entry::plantTimeMs).orElse(TraceAssertions.END); }
    }

    /** SU-02: start refused while a permissive is missing (P-271 failed, a latched HP trip). */
    public static final class StartRefusal extends Base {
        public StartRefusal(Context c) { super(c, "SU-02"); }

        /**
         * The refused start: the last start command before the operator's reset that follows the fix (before that
         * reset, the last start command). A start in a Given that set up the cause (a running heat pump tripped) is
         * not the refused one.
         */
        public long refusedStartMs() {
            return tl.require(tl.lastBefore(Kind.START, Kind.RESET), "start command while the cause is present").plantTimeMs();
        }

        /** The plant time until which the start must stay refused (the When step waits for it). */
        public long refusalWindowEndMs() { return refusedStartMs() + minutes(limit("no_compressor_for_min")); }

        public void noCompressor() {
            long from = refusedStartMs();
            double min = limit("no_compressor_for_min");
            register("no-compressor", limits("no_compressor_for_min"), from + minutes(min), t -> SequenceChecks.noCompressor(t, s, from, min));
        }

        public void startRefused() {
            long from = refusedStartMs();
            double sec = limit("start_refused_within_s");
            register("start-refused", limits("start_refused_within_s"), from + ms(sec), t -> SequenceChecks.startRefused(t, s, from, sec));
        }

        public void restart() {
            long from = start("the restart");
            if (tl.all(Kind.START).size() < 2 || tl.last(Kind.RESET).isEmpty()) {
                throw new IllegalStateException("SU-02.restart needs a reset and a second start command after the cause is fixed");
            }
            double min = limit("restart_within_min");
            register("restart", limits("restart_within_min"), from + minutes(min), t -> SequenceChecks.restart(t, s, from, min));
        }
    }

    /** SU-03: anti-short-cycle at low load, over the whole run from the first start command. */
    public static final class ShortCycle extends Base {
        public ShortCycle(Context c) { super(c, "SU-03"); }

        private long from() { return tl.require(tl.first(Kind.START), "start command").plantTimeMs(); }

        public void minOff() {
            long from = from();
            double v = limit("min_off_s");
            register("min-off", limits("min_off_s"), from, t -> SequenceChecks.minOff(t, s, from, v));
        }

        public void minRun() {
            long from = from();
            double v = limit("min_run_s");
            register("min-run", limits("min_run_s"), from, t -> SequenceChecks.minRun(t, s, from, v));
        }

        public void startsPerHour() {
            long from = from();
            int v = (int) limit("max_starts_per_h");
            register("starts-per-hour", limits("max_starts_per_h"), from, t -> SequenceChecks.startsPerHour(t, s, from, v));
        }

        /** SU-03.modulation: at part load a compressor runs modulated below its maximum (at or below modulated_below_hz) for modulated_for_s. */
        public void modulation() {
            long from = from();
            double hz = limit("modulated_below_hz"), sec = limit("modulated_for_s");
            register("modulation", limits("modulated_below_hz", "modulated_for_s"), from, t -> ServiceChecks.modulated(t, s, from, hz, sec));
        }

        /** SU-03.cycles: the demand cycling stopped and restarted a compressor (else the timers had nothing to judge). */
        public void cycles() {
            long from = from();
            register("cycles", Map.of(), from, t -> ServiceChecks.stopsAndRestarts(t, s, from));
        }
    }

    /** SU-04: ordered stop at full load, from the stop command. */
    public static final class OrderedStop extends Base {
        public OrderedStop(Context c) { super(c, "SU-04"); }

        private long stop() { return tl.require(tl.last(Kind.STOP), "stop command ('the operator stops the heat pump')").plantTimeMs(); }

        /** SU-04.unload: an ordered unload, each running compressor through the minimum speed before it goes off (a hard stop fails). */
        public void unload() {
            long from = stop();
            double hz = limit("min_speed_hz");
            double sec = limit("min_speed_within_s");
            register("unload", limits("min_speed_hz", "min_speed_within_s"), from + ms(sec), t -> ServiceChecks.orderedUnload(t, s, from, hz, sec));
        }

        /** SU-04.state: Stopping or Off from state_within_s after the stop command, Off by state_off_within_s, never Off with a compressor turning. */
        public void state() {
            long from = stop();
            double within = limit("state_within_s"), off = limit("state_off_within_s");
            register("state", limits("state_within_s", "state_off_within_s"), from + ms(off), t -> ServiceChecks.offAfterStop(t, s, from, within, off));
        }

        public void off() {
            long from = stop();
            double sec = limit("off_within_s");
            register("off", limits("off_within_s"), from + ms(sec), t -> SequenceChecks.off(t, s, from, sec));
        }

        public void pumpOverrun() {
            long from = stop();
            double off = limit("off_within_s");
            double run = limit("pump_overrun_s");
            register("pump-overrun", limits("pump_overrun_s"), from + ms(off + run), t -> SequenceChecks.pumpOverrun(t, s, from, run));
        }

        public void noTrip() {
            long from = stop();
            register("no-trip", Map.of(), from, t -> SequenceChecks.noTrip(t, s, 0));
        }
    }

    /** HP-01: DH flow reduced (above the flow switch) at full load. */
    public static final class ReducedFlow extends Base {
        public ReducedFlow(Context c) { super(c, "HP-01"); }

        private long stimulus() { return stimulus(Kind.FAULT, "reduced DH flow ('DH flow through the heat pump falls to … of nominal')"); }

        public void belowSwitch() {
            long from = stimulus();
            double bar = limit("hp_switch_bar");
            register("below-switch", limits("hp_switch_bar"), from, t -> ProtectionChecks.belowSwitch(t, s, 0, bar));
        }

        public void unload() {
            long from = stimulus();
            double after = limit("settle_after_s");
            double bar = limit("soft_limit_bar");
            register("unload", limits("settle_after_s", "soft_limit_bar"), from + ms(after),
                    t -> ProtectionChecks.pressureAtMost(t, s, from + ms(after), TraceAssertions.END, bar));
        }

        public void noTrip() {
            register("no-trip", Map.of(), stimulus(), t -> SequenceChecks.noTrip(t, s, 0));
        }

        /** HP-01.in-service: the heat pump stays in service at reduced flow (a stop the scenario did not ask for is no protection). */
        public void inService() {
            long from = tl.require(tl.last(Kind.CONDITION), "full load ('the heat pump is running at full load')").plantTimeMs();
            long pause = ms(limit("pause_max_s"));
            register("in-service", limits("pause_max_s"), stimulus(), t -> ServiceChecks.inService(t, s, from, 0, TraceAssertions.END, pause));
        }
    }

    /** HP-02: DH flow lost at full load. */
    public static final class FlowLoss extends Base {
        public FlowLoss(Context c) { super(c, "HP-02"); }

        private long stimulus() { return stimulus(Kind.FAULT, "loss of DH flow ('DH flow through the heat pump is lost')"); }

        public void stop() {
            long from = stimulus();
            double sec = limit("stop_within_s");
            register("stop", limits("stop_within_s"), from + ms(sec), t -> ProtectionChecks.flowLossStop(t, s, from, sec));
        }

        public void alarm() {
            long from = stimulus();
            double stop = limit("stop_within_s");
            double sec = limit("alarm_within_s");
            register("alarm", limits("alarm_within_s"), from + ms(stop + sec), t -> ProtectionChecks.flowLossAlarm(t, s, from, sec));
        }

        public void noRestart() {
            long from = stimulus();
            long cleared = tl.require(tl.firstAtOrAfter(Kind.FAULT_CLEARED, from), "return of DH flow ('DH flow through the heat pump returns')").plantTimeMs();
            long reset = resetAfter(cleared);
            register("no-restart", Map.of(), reset == TraceAssertions.END ? cleared : reset,
                    t -> ProtectionChecks.noRestartBeforeReset(t, s, from, reset, "DH flow lost"));
        }

        /** HP-02.state: Tripped (or Fault) with FLOW_TRIP or HP_TRIP within state_within_s of the stop, held until the reset. */
        public void state() {
            trippedState(stimulus(), "return of DH flow ('DH flow through the heat pump returns')", AlarmMeaning.FLOW_TRIP, AlarmMeaning.HP_TRIP);
        }

        public void restart() {
            long from = start("the restart after the reset");
            if (from < stimulus()) throw new IllegalStateException("HP-02.restart needs a start command after the flow loss");
            double min = limit("restart_within_min");
            register("restart", limits("restart_within_min"), from + minutes(min), t -> SequenceChecks.restart(t, s, from, min));
        }
    }

    /** HP-03: HP valve stuck closed at full load. */
    public static final class StuckValve extends Base {
        public StuckValve(Context c) { super(c, "HP-03"); }

        private long stimulus() { return stimulus(Kind.FAULT, "stuck HP valve ('the HP valve HV-221 sticks closed')"); }

        public void noRelief() {
            register("no-relief", Map.of(), stimulus(), t -> ProtectionChecks.noRelief(t, s, 0));
        }

        public void heldOrTripped() {
            long from = stimulus();
            long reset = resetAfter(from);
            double bar = limit("soft_limit_bar");
            register("held-or-tripped", limits("soft_limit_bar"), from, t -> ProtectionChecks.heldOrTripped(t, s, from, reset, bar));
        }
    }

    /** HP-04: high DH return for an hour from the start command. */
    public static final class HighReturn extends Base {
        public HighReturn(Context c) { super(c, "HP-04"); }

        public void pressure() {
            long from = start("HP-04");
            double h = limit("duration_h");
            double bar = limit("soft_limit_bar");
            long until = from + Math.round(h * 3_600_000);
            register("pressure", limits("duration_h", "soft_limit_bar"), until, t -> ProtectionChecks.pressureAtMost(t, s, from, until, bar));
        }

        public void noTrip() {
            long from = start("HP-04");
            long until = from + Math.round(limit("duration_h") * 3_600_000);
            register("no-trip", limits("duration_h"), until, t -> TraceAssertions.never(t, s.safetyChainTripped(t), from, until));
        }

        /** HP-04.in-service: the heat pump ran at the high return: Running within running_within_min of the start, in service for the hour. */
        public void inService() {
            long from = start("HP-04");
            double running = limit("running_within_min");
            long until = from + Math.round(limit("duration_h") * 3_600_000);
            long pause = ms(limit("pause_max_s"));
            register("in-service", limits("duration_h", "running_within_min", "pause_max_s"), until, t -> ServiceChecks.inService(t, s, from, minutes(running), until, pause));
        }
    }

    /** SF-01: the gas-cooler pressure sensor faulted at full load. */
    public static final class SensorFault extends Base {
        public SensorFault(Context c) { super(c, "SF-01"); }

        private long stimulus() { return stimulus(Kind.FAULT, "sensor fault ('PT-202 goes bad')"); }

        public void stop() {
            long from = stimulus();
            double sec = limit("stop_within_s");
            register("stop", limits("stop_within_s"), from + ms(sec), t -> ProtectionChecks.commandedOff(t, s, from, sec));
        }

        public void alarm() {
            long from = stimulus();
            double sec = limit("alarm_within_s");
            register("alarm", limits("alarm_within_s"), from + ms(sec), t -> ProtectionChecks.alarmWithin(t, s, AlarmMeaning.SENSOR_FAULT, from, ms(sec)));
        }

        public void noRestart() {
            long from = stimulus();
            long healthy = tl.require(tl.firstAtOrAfter(Kind.FAULT_CLEARED, from), "healthy sensor again ('… is healthy again')").plantTimeMs();
            long reset = resetAfter(healthy);
            register("no-restart", Map.of(), reset == TraceAssertions.END ? healthy : reset,
                    t -> ProtectionChecks.noRestartBeforeReset(t, s, from, reset, "sensor fault"));
        }

        /** SF-01.state: Fault (or Tripped) with SENSOR_FAULT within state_within_s of the safe stop, held until the reset. */
        public void state() {
            trippedState(stimulus(), "healthy sensor again ('… is healthy again')", AlarmMeaning.SENSOR_FAULT);
        }
    }

    /** CL-01: the I/O link lost (blackholed) at full load. */
    public static final class CommLoss extends Base {
        public CommLoss(Context c) { super(c, "CL-01"); }

        private long lost() { return stimulus(Kind.LINK_LOST, "I/O link fault ('the I/O link to the plant is blackholed for …')"); }

        private long restored() { return stimulus(Kind.LINK_RESTORED, "restored I/O link"); }

        /** CL-01.failsafe: what the controller commands when the link returns (every compressor off: the watchdog's stop taken as a stop). */
        public void failsafe() {
            long a = lost();
            long b = restored();
            double min = limit("restart_within_min");
            register("failsafe", Map.of(), b + minutes(min), t -> ProtectionChecks.resumesFromFailsafe(t, s, a, b));
        }

        public void alarm() {
            long a = lost();
            long b = restored();
            double min = limit("restart_within_min");
            register("alarm", Map.of(), b + minutes(min), t -> ProtectionChecks.alarmWithin(t, s, AlarmMeaning.COMM_LOSS, a, b + minutes(min) - a));
        }

        public void restart() {
            long b = restored();
            double min = limit("restart_within_min");
            register("restart", limits("restart_within_min"), b + minutes(min), t -> {
                Judgement noTrip = SequenceChecks.noTrip(t, s, 0);
                if (noTrip.outcome() != io.hilbench.scenario.judge.Verdict.Outcome.PASSED) return noTrip;
                return SequenceChecks.restart(t, s, b, min);
            });
        }

        public void minOff() {
            long a = lost();
            double v = limit("min_off_s");
            long b = restored();
            register("min-off", limits("min_off_s"), b + minutes(limit("restart_within_min")), t -> SequenceChecks.minOff(t, s, a, v));
        }
    }

    /** LD-01: set-point step, then a load step (air −5 K). */
    public static final class LoadStep extends Base {
        public LoadStep(Context c) { super(c, "LD-01"); }

        private Timeline.Entry setpointStep() {
            return tl.require(tl.all(Kind.SETPOINT).stream().filter(e -> e.plantTimeMs() > tl.require(tl.first(Kind.START), "start command").plantTimeMs()).findFirst(),
                    "set-point change after the start ('the supply setpoint is changed to …')");
        }

        public void settle() {
            Timeline.Entry e = setpointStep();
            double min = limit("settle_within_min");
            double band = limit("settle_band_k");
            double dwell = limit("settle_dwell_s");
            register("settle", limits("settle_within_min", "settle_band_k", "settle_dwell_s"), e.plantTimeMs() + minutes(min) + ms(dwell),
                    t -> SequenceChecks.settle(t, s, e.plantTimeMs(), e.valueSi(), min, band, dwell));
        }

        public void loadStep() {
            Timeline.Entry sp = setpointStep();
            Timeline.Entry air = tl.require(tl.firstAtOrAfter(Kind.WEATHER, sp.plantTimeMs()), "weather change after the set-point step ('the air temperature falls by … K')");
            double min = limit("load_step_window_min");
            double band = limit("load_step_band_k");
            double setK = tl.all(Kind.SETPOINT).stream().filter(e -> e.plantTimeMs() <= air.plantTimeMs()).reduce((a, b) -> b).orElse(sp).valueSi();
            register("load-step", limits("load_step_window_min", "load_step_band_k"), air.plantTimeMs() + minutes(min),
                    t -> SequenceChecks.loadStep(t, s, air.plantTimeMs(), setK, min, band));
        }
    }

    static String describe(double v) { return String.format(Locale.ROOT, "%.1f", v); }
}
