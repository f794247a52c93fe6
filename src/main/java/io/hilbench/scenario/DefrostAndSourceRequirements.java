package io.hilbench.scenario;

import io.hilbench.scenario.Timeline.Kind;
import io.hilbench.scenario.judge.DefrostChecks;
import io.hilbench.scenario.judge.DefrostSignals;
import io.hilbench.scenario.judge.ServiceChecks;
import io.hilbench.scenario.judge.SourceChecks;
import io.hilbench.scenario.judge.SourceSignals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The assertions of DF-01..DF-03 (defrost) and SO-01..SO-02 (tank source) as the {@code Then} steps register them
 * (DESIGN §8), like {@link ProtectionRequirements}: limits from requirements.yaml only, windows in plant time from the
 * scenario's {@link Timeline}, judged at the end on the trace by {@link DefrostChecks} and {@link SourceChecks}.
 */
public final class DefrostAndSourceRequirements {
    private DefrostAndSourceRequirements() {}

    /**
     * Where a steady run's window begins: the last precondition reached ("settled at its supply setpoint", "running
     * at full load") or else the first start command.
     */
    static long runStart(Timeline tl) {
        return tl.last(Kind.CONDITION).or(() -> tl.first(Kind.START)).map(Timeline.Entry::plantTimeMs)
                .orElseThrow(() -> new IllegalStateException("the scenario has no start ('the operator starts the heat pump') or running precondition"));
    }

    /**
     * The plant time the scenario's last initial condition (tank profile, frost, imposed weather or DH return) was applied,
     * plus nothing: a reference read at the first row after it sees the condition. 0 when the scenario set none.
     */
    static long initialConditionsMs(Timeline tl) {
        return tl.last(Kind.INITIAL).map(e -> e.plantTimeMs() + 1).orElse(0L);
    }

    /** The supply set-point in force at {@code atMs} (the last set-point step at or before it). */
    static double setpointAt(Timeline tl, long atMs) {
        return tl.all(Kind.SETPOINT).stream().filter(e -> e.plantTimeMs() <= atMs).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("the scenario sets no supply set-point ('the supply setpoint is …')")).valueSi();
    }

    /** DF-01: demand defrost at 0 °C / 90 % RH at full load, over {@code duration_h} from the run's start. */
    public static final class DemandDefrost extends ProtectionRequirements.Base {
        private final DefrostSignals d;

        public DemandDefrost(ProtectionRequirements.Context c, DefrostSignals d) {
            super(c, "DF-01");
            this.d = d;
        }

        private long from() { return runStart(tl); }

        private long until() { return from() + Math.round(limit("duration_h") * 3_600_000); }

        public void beforeCapacityLoss() {
            long a = from(), b = until();
            double pct = limit("capacity_loss_max_pct");
            register("before-capacity-loss", limits("duration_h", "capacity_loss_max_pct"), b, t -> DefrostChecks.beforeCapacityLoss(t, d, a, b, pct));
        }

        public void oneAtATime() {
            long a = from(), b = until();
            int max = (int) limit("max_sections_defrosting");
            register("one-at-a-time", limits("duration_h", "max_sections_defrosting"), b, t -> DefrostChecks.oneAtATime(t, d, a, b, max));
        }

        public void othersEvaporate() {
            long a = from(), b = until();
            register("others-evaporate", limits("duration_h"), b, t -> DefrostChecks.othersEvaporate(t, d, a, b));
        }

        public void defrostDuration() {
            long a = from(), b = until();
            double max = limit("defrost_max_min");
            register("defrost-duration", limits("duration_h", "defrost_max_min"), b, t -> DefrostChecks.defrostDuration(t, d, a, b, max));
        }

        public void frostRemoved() {
            long a = from(), b = until();
            double left = limit("frost_left_max_pct");
            register("frost-removed", limits("duration_h", "frost_left_max_pct"), b, t -> DefrostChecks.frostRemoved(t, d, a, b, left));
        }

        public void supply() {
            long a = from(), b = until();
            double below = limit("supply_below_setpoint_max_k");
            double setK = setpointAt(tl, a);
            register("supply", limits("duration_h", "supply_below_setpoint_max_k"), b, t -> DefrostChecks.supplyAtLeast(t, s, a, b, setK, below));
        }

        public void noTrip() {
            long a = from(), b = until();
            register("no-trip", limits("duration_h"), b, t -> DefrostChecks.noTrip(t, s, a, b));
        }

        /** DF-01.defrosts: every section defrosted at least once in the window (the stimulus took effect; the other assertions have defrosts to judge). */
        public void defrosts() {
            long a = from(), b = until();
            register("defrosts", limits("duration_h"), b, t -> DefrostChecks.everySectionDefrosts(t, d, a, b));
        }

        /** DF-01.in-service: in service (Running or Defrosting, a compressor turning) through the whole window. */
        public void inService() {
            long a = from(), b = until();
            long pause = ms(limit("pause_max_s"));
            register("in-service", limits("duration_h", "pause_max_s"), b, t -> ServiceChecks.inService(t, s, a, 0, b, pause));
        }
    }

    /** DF-02: no defrost without frost (+8 °C, 50 % RH) over {@code duration_h}; a fallback only while frost sensing is faulted. */
    public static final class NoFrostNoDefrost extends ProtectionRequirements.Base {
        private final DefrostSignals d;

        public NoFrostNoDefrost(ProtectionRequirements.Context c, DefrostSignals d) {
            super(c, "DF-02");
            this.d = d;
        }

        public void noDefrost() {
            long a = runStart(tl);
            long b = a + Math.round(limit("duration_h") * 3_600_000);
            // frost sensing invalid: from each fault on a coil sensor or coil dP transmitter to its clearing
            List<long[]> invalid = new ArrayList<>();
            for (Timeline.Entry f : tl.all(Kind.FAULT)) {
                if (!f.what().matches("(TT|PDT)-23\\d .*")) continue;
                String tag = f.what().substring(0, f.what().indexOf(' '));
                long end = tl.all(Kind.FAULT_CLEARED).stream().filter(c -> c.plantTimeMs() >= f.plantTimeMs() && c.what().startsWith(tag + " "))
                        .mapToLong(Timeline.Entry::plantTimeMs).findFirst().orElse(Long.MAX_VALUE);
                invalid.add(new long[] {f.plantTimeMs(), end});
            }
            register("no-defrost", limits("duration_h"), b, t -> DefrostChecks.noDefrost(t, d, a, b, invalid));
        }

        /** DF-02.in-service: in service through the window (a heat pump that stops has no frost to sense: "no defrost" would judge nothing). */
        public void inService() {
            long a = runStart(tl);
            long b = a + Math.round(limit("duration_h") * 3_600_000);
            long pause = ms(limit("pause_max_s"));
            register("in-service", limits("duration_h", "pause_max_s"), b, t -> ServiceChecks.inService(t, s, a, 0, b, pause));
        }
    }

    /** DF-03: the coil sensor of a section stuck during its defrost; the defrost ends on its maximum time. */
    public static final class StuckCoilSensor extends ProtectionRequirements.Base {
        private final DefrostSignals d;

        public StuckCoilSensor(ProtectionRequirements.Context c, DefrostSignals d) {
            super(c, "DF-03");
            this.d = d;
        }

        private Timeline.Entry fault() {
            return tl.require(tl.all(Kind.FAULT).stream().filter(e -> e.what().matches("TT-23\\d .*")).findFirst(),
                    "coil-sensor fault ('the coil sensor of section 2 sticks at …')");
        }

        private DefrostSignals.Section section() {
            String tag = fault().what().substring(0, fault().what().indexOf(' '));
            String name = "section " + tag.charAt(tag.length() - 1);
            return d.sections().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the rig has no " + name + " for the faulted " + tag));
        }

        /** The latest the defrost, its alarm and the section's return can be judged: fault + maximum + margin + return window. */
        private long windowEnd() {
            return fault().plantTimeMs() + minutes(limit("defrost_max_min") + limit("end_margin_min") + limit("return_within_min"));
        }

        public void ends() {
            long f = fault().plantTimeMs();
            double max = limit("defrost_max_min"), margin = limit("end_margin_min");
            DefrostSignals.Section sec = section();
            register("ends", limits("defrost_max_min", "end_margin_min"), f + minutes(max + margin), t -> DefrostChecks.endsInTime(t, d, sec, f, max, margin));
        }

        public void alarm() {
            long f = fault().plantTimeMs();
            double max = limit("defrost_max_min"), within = limit("alarm_within_min");
            DefrostSignals.Section sec = section();
            register("alarm", limits("defrost_max_min", "alarm_within_min"), f + minutes(max + within), t -> DefrostChecks.maxTimeAlarm(t, d, sec, f, max, within));
        }

        public void returns() {
            long f = fault().plantTimeMs();
            double within = limit("return_within_min");
            DefrostSignals.Section sec = section();
            register("returns", limits("return_within_min"), windowEnd(), t -> DefrostChecks.returnsToService(t, d, sec, f, within));
        }

        public void noStop() {
            long f = fault().plantTimeMs();
            long end = windowEnd();
            register("no-stop", Map.of(), end, t -> DefrostChecks.noStop(t, s, f, end));
        }
    }

    /** SO-01: the tank source on a sunny spring day, from the start command. */
    public static final class TankSource extends ProtectionRequirements.Base {
        private final SourceSignals src;

        public TankSource(ProtectionRequirements.Context c, SourceSignals src) {
            super(c, "SO-01");
            this.src = src;
        }

        public void select() {
            long a = start("SO-01");
            double min = limit("select_within_min");
            register("select", limits("select_within_min"), a + minutes(min), t -> SourceChecks.tankSelected(t, src, a, min));
        }

        /**
         * SO-01.colder-inlet: TT-401 colder by inlet_colder_by_k than its reference: its value once the scenario's initial
         * conditions (tank profile, weather) took effect, i.e. the first row after the last of them and after the start
         * command (DESIGN §8: references after the initial condition, never step 0's default plant).
         */
        public void colderInlet() {
            long a = start("SO-01");
            long ref = Math.max(a, initialConditionsMs(tl));
            double k = limit("inlet_colder_by_k"), min = limit("inlet_colder_within_min");
            register("colder-inlet", limits("inlet_colder_by_k", "inlet_colder_within_min"), a + minutes(min), t -> SourceChecks.inletColder(t, src, ref, a, k, min));
        }

        /** SO-01.in-service: Running within running_within_min of the start and in service to the end of the inlet window. */
        public void inService() {
            long a = start("SO-01");
            double running = limit("running_within_min");
            long b = a + minutes(limit("inlet_colder_within_min"));
            long pause = ms(limit("pause_max_s"));
            register("in-service", limits("running_within_min", "inlet_colder_within_min", "pause_max_s"), b, t -> ServiceChecks.inService(t, s, a, minutes(running), b, pause));
        }

        /** Over the run after the selection window up to the end of the inlet window: the tank source's COP against the air-source rating. */
        public void cop() {
            long a = start("SO-01") + minutes(limit("select_within_min"));
            long b = start("SO-01") + minutes(limit("inlet_colder_within_min"));
            double ratio = limit("cop_gain_ratio");
            register("cop", limits("cop_gain_ratio", "select_within_min", "inlet_colder_within_min"), b, t -> SourceChecks.copGain(t, src, a, b, ratio));
        }
    }

    /** SO-02: back to the air source when the tank bottom falls below the tank-source minimum. */
    public static final class SpentTank extends ProtectionRequirements.Base {
        private final SourceSignals src;

        public SpentTank(ProtectionRequirements.Context c, SourceSignals src) {
            super(c, "SO-02");
            this.src = src;
        }

        private long stimulus() { return stimulus(Kind.FAULT, "spent tank ('the tank bottom falls to …')"); }

        /** SO-02.on-tank: the tank source was in use when the tank bottom fell (the stimulus took effect on a tank-source heat pump). */
        public void onTank() {
            long a = stimulus();
            register("on-tank", Map.of(), a, t -> SourceChecks.onTankAt(t, src, a));
        }

        /** SO-02.in-service: in service through the switch window. */
        public void inService() {
            long a = stimulus();
            long b = a + minutes(limit("switch_within_min"));
            long pause = ms(limit("pause_max_s"));
            register("in-service", limits("switch_within_min", "pause_max_s"), b, t -> ServiceChecks.inService(t, s, a, 0, b, pause));
        }

        public void backToAir() {
            long a = stimulus();
            double min = limit("switch_within_min");
            register("switch", limits("switch_within_min"), a + minutes(min), t -> SourceChecks.backToAir(t, src, a, min));
        }

        public void supply() {
            long a = stimulus();
            long b = a + minutes(limit("switch_within_min"));
            double band = limit("supply_band_k");
            double setK = setpointAt(tl, a);
            register("supply", limits("switch_within_min", "supply_band_k"), b, t -> SourceChecks.supplyBand(t, s, a, b, setK, band));
        }

        public void noTrip() {
            long a = stimulus();
            long b = a + minutes(limit("switch_within_min"));
            register("no-trip", limits("switch_within_min"), b, t -> DefrostChecks.noTrip(t, s, a, b));
        }
    }
}
