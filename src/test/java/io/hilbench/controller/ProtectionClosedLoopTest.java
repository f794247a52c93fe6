package io.hilbench.controller;

import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;
import io.hilbench.runtime.Quality;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protection of the reference controller against the first plant, closed loop in one thread ({@link ClosedLoop}),
 * judged with the limits of features/requirements.yaml (copied as constants: the controller's tests do not read the
 * scenario files): HP-01, HP-02, SF-01, SU-02, CL-01 — and for each known-bad variant, that the check its requirement
 * makes fails against it while the reference passes (DESIGN §7: a variant counts as caught only on that assertion).
 */
class ProtectionClosedLoopTest {
    private static final Logger log = LoggerFactory.getLogger(ProtectionClosedLoopTest.class);

    private static final double SETPOINT = 75;
    /** Time from the start command at 0 °C to full load with all four compressors released (SU-01 settles in ~10 min). */
    private static final double FULL_LOAD_AFTER_S = 20 * 60;

    // HP-01 limits
    private static final double HP_SWITCH_BAR = 130;
    private static final double SOFT_LIMIT_BAR = 125;
    private static final double SETTLE_AFTER_S = 120;
    // HP-02 limits
    private static final double STOP_WITHIN_S = 10;
    private static final double ALARM_WITHIN_S = 5;
    // SF-01 limits
    private static final double SF_STOP_WITHIN_S = 10;
    private static final double SF_ALARM_WITHIN_S = 10;
    // SU-02 limits
    private static final double NO_RUN_FOR_S = 5 * 60;
    private static final double REFUSED_WITHIN_S = 60;
    // CL-01 limits
    private static final double BLACKHOLE_S = 30;
    private static final double MIN_OFF_S = 180;

    private static ClosedLoop fullLoad(Optional<Variant> variant) {
        ClosedLoop loop = new ClosedLoop(ControllerConfig.defaults(), variant, 0, 40);
        loop.cycle(Commands.none(SETPOINT).withStart());
        loop.run(FULL_LOAD_AFTER_S, SETPOINT);
        assertThat(loop.controller.state()).as("at full load").isEqualTo(ControllerState.RUNNING);
        assertThat(loop.controller.compressorsOn()).as("compressors running at full load").isEqualTo(loop.compressors);
        return loop;
    }

    private static List<ClosedLoop.Row> after(ClosedLoop loop, double fromS) {
        return loop.trace.stream().filter(r -> r.timeS() > fromS + 1e-9).toList();
    }

    private static double maxBar(List<ClosedLoop.Row> rows) {
        return rows.stream().mapToDouble(ClosedLoop.Row::gasCoolerBar).max().orElseThrow();
    }

    // ---- HP-01 -----------------------------------------------------------------------------------------------------

    /** HP-01 figures: the highest PT-202 after the stimulus, and the highest from settle_after_s on. */
    private record Hp01(double maxBar, double maxAfterSettleBar, boolean trip, double minCapHz) {}

    private static Hp01 hp01(Optional<Variant> variant) {
        return hp01(variant, Double.NaN, 0.4);
    }

    /** @param stuckOpeningRatio NaN: HV-221 works; else HV-221 stuck at this opening (0..1) together with the flow stimulus */
    private static Hp01 hp01(Optional<Variant> variant, double stuckOpeningRatio, double flowRatio) {
        ClosedLoop loop = fullLoad(variant);
        double t0 = loop.timeS();
        loop.setExternal("fault.dhWater.flowAvailableRatio", flowRatio);
        if (!Double.isNaN(stuckOpeningRatio)) {
            loop.setExternal("fault.hpValve.stuck", 1.0);
            loop.setExternal("fault.hpValve.stuckOpeningRatio", stuckOpeningRatio);
        }
        double minCap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 15 * 600; i++) {
            loop.cycle(Commands.none(SETPOINT));
            minCap = Math.min(minCap, loop.controller.speedCapHz());
        }
        List<ClosedLoop.Row> rows = after(loop, t0);
        Hp01 h = new Hp01(maxBar(rows), maxBar(after(loop, t0 + SETTLE_AFTER_S)),
                rows.stream().anyMatch(r -> r.anyTrip() || r.state() == ControllerState.TRIPPED), minCap);
        log.info(String.format(Locale.ROOT, "HP-01 (flow %.2f, HV-221 stuck %.2f) %s: max PT-202 %.1f bar, from 120 s %.1f bar, trip %s, min speed cap %.1f Hz",
                flowRatio, stuckOpeningRatio, variant.map(Variant::cliName).orElse("reference"), h.maxBar(), h.maxAfterSettleBar(), h.trip(), h.minCapHz()));
        return h;
    }

    @Test
    void hp01ReducedDhFlowKeepsPt202UnderTheSwitchAndUnderTheSoftLimitAfter120s() {
        Hp01 ref = hp01(Optional.empty());
        assertThat(ref.maxBar()).as("HP-01.below-switch: max PT-202, bar").isLessThan(HP_SWITCH_BAR);
        assertThat(ref.maxAfterSettleBar()).as("HP-01.unload: max PT-202 from 120 s after the stimulus, bar").isLessThanOrEqualTo(SOFT_LIMIT_BAR);
        assertThat(ref.trip()).as("HP-01.no-trip").isFalse();
    }

    @Test
    void hp01CatchesTheNoHpUnloadVariant() {
        Hp01 bad = hp01(Optional.of(Variant.NO_HP_UNLOAD));
        assertThat(bad.maxAfterSettleBar() > SOFT_LIMIT_BAR || bad.maxBar() >= HP_SWITCH_BAR)
                .as("no-hp-unload must fail HP-01.unload (max from 120 s %.1f bar) or HP-01.below-switch (max %.1f bar)", bad.maxAfterSettleBar(), bad.maxBar())
                .isTrue();
    }

    // ---- HP-03: HV-221 stuck closed: the speed unloading and the Pc max cut-out, not the valve --------------------

    @Test
    void hv221StuckClosedIsCutOutBeforeTheHpSwitchAndNotRestarted() {
        // HP-03: with HV-221 stuck closed the limiter cannot open it; the speed unloading slows the compressors and the
        // Pc max cut-out (127 bar) stops them with HP_TRIP before the hardwired switch (130 bar) or PSV-202 acts
        ClosedLoop loop = fullLoad(Optional.empty());
        double t0 = loop.timeS();
        loop.setExternal("fault.hpValve.stuck", 1.0);
        loop.setExternal("fault.hpValve.stuckOpeningRatio", 0.0);
        double minCap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 10 * 600; i++) {
            loop.cycle(Commands.none(SETPOINT));
            minCap = Math.min(minCap, loop.controller.speedCapHz());
        }
        List<ClosedLoop.Row> rows = after(loop, t0);
        assertThat(rows).as("HP-03.no-relief: PSV-202 never opens; the HP switch never trips").noneMatch(r -> r.reliefOpen() || r.hpSwitchTripped());
        assertThat(maxBar(rows)).as("max PT-202, bar").isLessThan(HP_SWITCH_BAR);
        assertThat(minCap).as("the speed unloading acted before the cut-out, Hz").isLessThan(ControllerConfig.defaults().compressorMaxHz());
        assertThat(loop.controller.alarms()).contains(AlarmMeaning.HP_TRIP);
        ClosedLoop.Row trip = rows.stream().filter(r -> r.state() == ControllerState.TRIPPED).findFirst().orElseThrow();
        assertThat(after(loop, trip.timeS())).as("no restart commanded before reset").noneMatch(ClosedLoop.Row::anyCommanded);
        log.info(String.format(Locale.ROOT, "HP-03 closed loop: max PT-202 %.1f bar, HP_TRIP at %.1f s after the stimulus, min speed cap %.1f Hz",
                maxBar(rows), trip.timeS() - t0, minCap));
    }

    // ---- HP-02 -----------------------------------------------------------------------------------------------------

    /** HP-02 run: flow lost at full load, 10 min with the cause present (a Start tried), then flow back, reset, start. */
    private record Hp02(double stopAfterS, double alarmAfterStopS, boolean commandedWhileCause, boolean restarted, double restartRunningAfterS,
                        boolean sensorFault) {}

    private static Hp02 hp02(Optional<Variant> variant) {
        ClosedLoop loop = fullLoad(variant);
        double t0 = loop.timeS();
        loop.setExternal("fault.dhWater.flowAvailableRatio", 0.0);
        loop.run(5 * 60, SETPOINT);
        loop.cycle(Commands.none(SETPOINT).withStart()); // a start while the cause persists and the trip is latched
        loop.run(5 * 60, SETPOINT);
        List<ClosedLoop.Row> whileCause = after(loop, t0);
        double stop = whileCause.stream().filter(r -> sum(r.speedHz()) == 0).mapToDouble(ClosedLoop.Row::timeS).findFirst().orElse(Double.POSITIVE_INFINITY);
        double alarm = whileCause.stream().filter(r -> r.alarms().contains(AlarmMeaning.FLOW_TRIP) || r.alarms().contains(AlarmMeaning.HP_TRIP))
                .mapToDouble(ClosedLoop.Row::timeS).findFirst().orElse(Double.POSITIVE_INFINITY);
        double stopCommanded = whileCause.stream().filter(r -> !r.anyCommanded()).mapToDouble(ClosedLoop.Row::timeS).findFirst().orElse(Double.POSITIVE_INFINITY);
        boolean commanded = after(loop, stopCommanded).stream().anyMatch(ClosedLoop.Row::anyCommanded);
        // the cause cleared: flow back, the plant's latched flow switch reset on site, then Reset and Start
        loop.setExternal("fault.dhWater.flowAvailableRatio", 1.0);
        loop.resetPlantTrips();
        loop.run(10, SETPOINT);
        loop.cycle(Commands.none(SETPOINT).withReset());
        double t1 = loop.timeS();
        loop.cycle(Commands.none(SETPOINT).withStart());
        loop.run(10 * 60, SETPOINT);
        ClosedLoop.Row running = after(loop, t1).stream().filter(r -> r.state() == ControllerState.RUNNING && sum(r.speedHz()) > 0).findFirst().orElse(null);
        Hp02 h = new Hp02(stop - t0, alarm - stop, commanded, running != null, running == null ? Double.NaN : running.timeS() - t1,
                after(loop, t0).stream().anyMatch(r -> r.alarms().contains(AlarmMeaning.SENSOR_FAULT)));
        log.info(String.format(Locale.ROOT, "HP-02 %s: stopped %.1f s after the flow loss, trip alarm %.1f s after the stop, commanded while the cause persisted: %s,"
                + " running again %.1f s after Reset and Start", variant.map(Variant::cliName).orElse("reference"), h.stopAfterS(), h.alarmAfterStopS(),
                h.commandedWhileCause(), h.restartRunningAfterS()));
        return h;
    }

    @Test
    void hp02FlowLossStopsAlarmsStaysDownUntilResetAndRestartsAfterwards() {
        Hp02 h = hp02(Optional.empty());
        assertThat(h.stopAfterS()).as("HP-02.stop: compressors stopped after the flow loss, s").isLessThanOrEqualTo(STOP_WITHIN_S);
        assertThat(h.alarmAfterStopS()).as("HP-02.alarm: FLOW_TRIP or HP_TRIP after the stop, s").isLessThanOrEqualTo(ALARM_WITHIN_S);
        assertThat(h.commandedWhileCause()).as("HP-02.no-restart: a compressor commanded while the cause persisted").isFalse();
        assertThat(h.restarted()).as("HP-02.restart: running again after flow returned, reset and start").isTrue();
        assertThat(h.sensorFault()).as("a lost flow is a flow trip, not a sensor fault").isFalse();
    }

    @Test
    void hp02CatchesTheRestartsAfterTripVariant() {
        Hp02 h = hp02(Optional.of(Variant.RESTARTS_AFTER_TRIP));
        assertThat(h.commandedWhileCause()).as("restarts-after-trip must fail HP-02.no-restart").isTrue();
        assertThat(h.stopAfterS()).as("it still stops on the trip itself").isLessThanOrEqualTo(STOP_WITHIN_S);
    }

    // ---- SF-01 -----------------------------------------------------------------------------------------------------

    private record Sf01(double offAfterS, double alarmAfterS, boolean commandedWhileBad, boolean refusedWhileBad, boolean restarted) {}

    /** PT-202 goes bad at full load (BAD quality, or an out-of-range value), 2 min; then a Reset and Start while still bad; then healthy, Reset, Start. */
    private static Sf01 sf01(Optional<Variant> variant, boolean outOfRange) {
        ClosedLoop loop = fullLoad(variant);
        double t0 = loop.timeS();
        if (outOfRange) loop.sensorValue("hp.gasCoolerPressurePa", 250e5); // 250 bar on a 0–160 bar transmitter
        else loop.sensorQuality("hp.gasCoolerPressurePa", Quality.BAD);
        loop.run(120, SETPOINT);
        loop.cycle(Commands.none(SETPOINT).withReset());
        loop.cycle(Commands.none(SETPOINT).withStart());
        boolean refused = loop.controller.alarms().contains(AlarmMeaning.START_REFUSED);
        loop.run(60, SETPOINT);
        List<ClosedLoop.Row> whileBad = after(loop, t0);
        double off = whileBad.stream().filter(r -> !r.anyCommanded()).mapToDouble(ClosedLoop.Row::timeS).findFirst().orElse(Double.POSITIVE_INFINITY);
        double alarm = whileBad.stream().filter(r -> r.alarms().contains(AlarmMeaning.SENSOR_FAULT)).mapToDouble(ClosedLoop.Row::timeS).findFirst().orElse(Double.POSITIVE_INFINITY);
        boolean commanded = after(loop, off).stream().anyMatch(ClosedLoop.Row::anyCommanded);
        loop.sensorQuality("hp.gasCoolerPressurePa", Quality.GOOD);
        loop.sensorValue("hp.gasCoolerPressurePa", Double.NaN);
        loop.run(20, SETPOINT);
        loop.cycle(Commands.none(SETPOINT).withReset());
        double t1 = loop.timeS();
        loop.cycle(Commands.none(SETPOINT).withStart());
        loop.run(8 * 60, SETPOINT);
        boolean restarted = after(loop, t1).stream().anyMatch(r -> r.state() == ControllerState.RUNNING && sum(r.speedHz()) > 0);
        Sf01 s = new Sf01(off - t0, alarm - t0, commanded, refused, restarted);
        log.info(String.format(Locale.ROOT, "SF-01 (%s) %s: compressors commanded off %.1f s and SENSOR_FAULT %.1f s after PT-202 went bad; commanded while bad: %s;"
                + " start refused while bad: %s; restarted once healthy and reset: %s", outOfRange ? "250 bar" : "BAD", variant.map(Variant::cliName).orElse("reference"),
                s.offAfterS(), s.alarmAfterS(), s.commandedWhileBad(), s.refusedWhileBad(), s.restarted()));
        return s;
    }

    @Test
    void sf01BadPt202IsASafeStopWithSensorFaultAndNoRestartUntilHealthyAndReset() {
        for (boolean outOfRange : new boolean[] {false, true}) {
            Sf01 s = sf01(Optional.empty(), outOfRange);
            assertThat(s.offAfterS()).as("SF-01.stop: compressors commanded off, s").isLessThanOrEqualTo(SF_STOP_WITHIN_S);
            assertThat(s.alarmAfterS()).as("SF-01.alarm: SENSOR_FAULT, s").isLessThanOrEqualTo(SF_ALARM_WITHIN_S);
            assertThat(s.commandedWhileBad()).as("SF-01.no-restart: commanded while the sensor was bad (a Reset and Start tried)").isFalse();
            assertThat(s.refusedWhileBad()).as("START_REFUSED for the start while bad").isTrue();
            assertThat(s.restarted()).as("restart once healthy and reset").isTrue();
        }
    }

    @Test
    void sf01CatchesTheIgnoresSensorFaultVariant() {
        Sf01 s = sf01(Optional.of(Variant.IGNORES_SENSOR_FAULT), false);
        assertThat(s.offAfterS()).as("ignores-sensor-fault must fail SF-01.stop").isGreaterThan(SF_STOP_WITHIN_S);
    }

    // ---- SU-02 -----------------------------------------------------------------------------------------------------

    @Test
    void su02StartWithP271FailedIsRefusedThenSucceedsOnceFixed() {
        ClosedLoop loop = new ClosedLoop(ControllerConfig.defaults(), 0, 40);
        loop.setExternal("fault.dhPump.failed", 1.0);
        loop.cycle(Commands.none(SETPOINT).withStart());
        loop.run(NO_RUN_FOR_S, SETPOINT);
        assertThat(loop.trace).as("SU-02.no-run: no compressor commanded for 5 min").noneMatch(ClosedLoop.Row::anyCommanded);
        double refused = loop.trace.stream().filter(r -> r.alarms().contains(AlarmMeaning.START_REFUSED)).mapToDouble(ClosedLoop.Row::timeS).findFirst()
                .orElse(Double.POSITIVE_INFINITY);
        assertThat(refused).as("SU-02.refused: START_REFUSED after the start, s").isLessThanOrEqualTo(REFUSED_WITHIN_S);
        loop.setExternal("fault.dhPump.failed", 0.0);
        loop.cycle(Commands.none(SETPOINT).withReset());
        double t1 = loop.timeS();
        loop.cycle(Commands.none(SETPOINT).withStart());
        loop.run(120, SETPOINT);
        assertThat(after(loop, t1)).as("SU-02.recovers: a compressor runs after the fix, reset and start").anyMatch(r -> sum(r.speedHz()) > 0);
        log.info(String.format(Locale.ROOT, "SU-02 (P-271 failed): START_REFUSED %.1f s after Start, no compressor in 5 min; runs after the fix", refused));
    }

    @Test
    void su02StartWithALatchedTripIsRefusedAtOnceAndSucceedsAfterReset() {
        // a latched HP trip from the Pc max cut-out (HV-221 stuck closed at full load), then the valve freed
        ClosedLoop loop = fullLoad(Optional.empty());
        loop.setExternal("fault.hpValve.stuck", 1.0);
        loop.setExternal("fault.hpValve.stuckOpeningRatio", 0.0);
        loop.run(5 * 60, SETPOINT);
        assertThat(loop.controller.state()).isEqualTo(ControllerState.TRIPPED);
        loop.setExternal("fault.hpValve.stuck", 0.0);
        double t0 = loop.timeS();
        loop.cycle(Commands.none(SETPOINT).withStart());
        loop.run(NO_RUN_FOR_S, SETPOINT);
        assertThat(after(loop, t0 - 1e-3)).as("SU-02.no-run with a latched trip").noneMatch(ClosedLoop.Row::anyCommanded);
        assertThat(loop.trace.get(loop.trace.size() - 1).alarms()).contains(AlarmMeaning.START_REFUSED, AlarmMeaning.HP_TRIP);
        double refused = after(loop, t0 - 1e-3).stream().filter(r -> r.alarms().contains(AlarmMeaning.START_REFUSED)).mapToDouble(ClosedLoop.Row::timeS)
                .findFirst().orElse(Double.POSITIVE_INFINITY);
        assertThat(refused - t0).as("START_REFUSED after the start, s").isLessThanOrEqualTo(REFUSED_WITHIN_S);
        loop.cycle(Commands.none(SETPOINT).withReset());
        double t1 = loop.timeS();
        loop.cycle(Commands.none(SETPOINT).withStart());
        loop.run(120, SETPOINT);
        assertThat(after(loop, t1)).as("runs after the reset and start").anyMatch(r -> sum(r.speedHz()) > 0);
    }

    // ---- CL-01 -----------------------------------------------------------------------------------------------------

    private record Cl01(boolean commLoss, boolean trip, double shortestOffS, boolean restarted) {}

    private static Cl01 cl01(Optional<Variant> variant) {
        ClosedLoop loop = fullLoad(variant);
        double t0 = loop.timeS();
        loop.linkDown(BLACKHOLE_S, 2.0);
        boolean commLoss = loop.controller.alarms().contains(AlarmMeaning.COMM_LOSS);
        loop.run(10 * 60, SETPOINT);
        List<ClosedLoop.Row> rows = after(loop, t0);
        boolean trip = rows.stream().anyMatch(r -> r.anyTrip() || r.state() == ControllerState.TRIPPED || r.state() == ControllerState.FAULT);
        double shortest = Double.POSITIVE_INFINITY;
        for (int c = 1; c <= loop.compressors; c++) {
            List<double[]> runs = loop.runs(c);
            for (int i = 1; i < runs.size(); i++) shortest = Math.min(shortest, runs.get(i)[0] - runs.get(i - 1)[1]);
        }
        boolean restarted = loop.controller.state() == ControllerState.RUNNING && sum(loop.trace.get(loop.trace.size() - 1).speedHz()) > 0;
        Cl01 r = new Cl01(commLoss, trip, shortest, restarted);
        log.info(String.format(Locale.ROOT, "CL-01 %s: COMM_LOSS %s, trip %s, shortest compressor off time %.1f s, running again %s",
                variant.map(Variant::cliName).orElse("reference"), r.commLoss(), r.trip(), r.shortestOffS(), r.restarted()));
        return r;
    }

    @Test
    void cl01LinkLossRaisesCommLossAndRestartsWithoutTripAfterTheMinimumOffTime() {
        Cl01 r = cl01(Optional.empty());
        assertThat(r.commLoss()).as("CL-01.alarm").isTrue();
        assertThat(r.trip()).as("CL-01.restart: without any trip").isFalse();
        assertThat(r.restarted()).as("CL-01.restart: running again").isTrue();
        assertThat(r.shortestOffS()).as("CL-01.min-off: shortest off time, s").isGreaterThanOrEqualTo(MIN_OFF_S);
    }

    @Test
    void cl01CatchesTheNoCommLossHandlingVariant() {
        Cl01 r = cl01(Optional.of(Variant.NO_COMM_LOSS_HANDLING));
        assertThat(r.commLoss()).as("no-comm-loss-handling must fail CL-01.alarm").isFalse();
        assertThat(r.shortestOffS()).as("no-comm-loss-handling must fail CL-01.min-off").isLessThan(MIN_OFF_S);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    // ---- SU-03: the short-cycles variant ---------------------------------------------------------------------------

    /** SU-03 figures over every compressor: shortest off time between runs, shortest finished run, most starts in any hour. */
    private record Su03(double shortestOffS, double shortestRunS, int maxStartsPerHour) {}

    private static Su03 su03(Optional<Variant> variant) {
        // +12 °C, demand cycling faster than the timers: set-point stepping 75/55 °C every 2 min for 40 min
        ClosedLoop loop = new ClosedLoop(ControllerConfig.defaults(), variant, 12, 40);
        loop.cycle(Commands.none(SETPOINT).withStart());
        loop.run(20 * 60, SETPOINT);
        for (int k = 0; k < 20; k++) loop.run(120, k % 2 == 0 ? 55.0 : SETPOINT);
        double off = Double.POSITIVE_INFINITY;
        double run = Double.POSITIVE_INFINITY;
        int perHour = 0;
        for (int c = 1; c <= loop.compressors; c++) {
            List<double[]> runs = loop.runs(c);
            for (int i = 0; i < runs.size(); i++) {
                if (Double.isFinite(runs.get(i)[1])) run = Math.min(run, runs.get(i)[1] - runs.get(i)[0]);
                if (i > 0) off = Math.min(off, runs.get(i)[0] - runs.get(i - 1)[1]);
                int n = 0;
                for (int j = i; j < runs.size() && runs.get(j)[0] - runs.get(i)[0] <= 3600.0; j++) n++;
                perHour = Math.max(perHour, n);
            }
        }
        Su03 r = new Su03(off, run, perHour);
        log.info(String.format(Locale.ROOT, "SU-03 %s: shortest off %.1f s, shortest run %.1f s, most starts in an hour %d",
                variant.map(Variant::cliName).orElse("reference"), r.shortestOffS(), r.shortestRunS(), r.maxStartsPerHour()));
        return r;
    }

    @Test
    void su03CatchesTheShortCyclesVariantWhereTheReferencePasses() {
        Su03 ref = su03(Optional.empty());
        assertThat(ref.shortestOffS()).isGreaterThanOrEqualTo(SU03_MIN_OFF_S);
        assertThat(ref.shortestRunS()).isGreaterThanOrEqualTo(SU03_MIN_RUN_S);
        assertThat(ref.maxStartsPerHour()).isLessThanOrEqualTo(SU03_MAX_STARTS_PER_H);
        Su03 bad = su03(Optional.of(Variant.SHORT_CYCLES));
        assertThat(bad.shortestOffS() < SU03_MIN_OFF_S || bad.shortestRunS() < SU03_MIN_RUN_S || bad.maxStartsPerHour() > SU03_MAX_STARTS_PER_H)
                .as("short-cycles must fail one of SU-03's per-compressor limits").isTrue();
    }

    // SU-03 limits
    private static final double SU03_MIN_OFF_S = 180;
    private static final double SU03_MIN_RUN_S = 120;
    private static final int SU03_MAX_STARTS_PER_H = 6;

    // ---- HP-04 as a step: the DH return jumps 40 -> 55 °C at full load -----------------------------------------------

    @Test
    void aSteppedDhReturnIsNoSensorFaultAndThePressureStaysUnderTheSoftLimit() {
        // HP-04's condition reached by a step of the boundary (the bench may step it between two plant steps): TT-271
        // jumps 15 K in 100 ms, which no sensor plausibility check may take for a fault; PT-202 <= 125 bar, no trip.
        // Judged on the served plant (the Solrød plant around the CO2 heat pump, on the air: 0 °C, tank too cold to be
        // a source), not on the first-plant fixture: the limits above the 120 bar aim (HV-221 limiter 122, unloading
        // 123 bar) are tuned on the calibrated 2.3 K gas cooler, whose pressure response the fixture does not have.
        ClosedLoop loop = Co2Loop.create(Optional.empty(), PlantLoopsConfig.defaults(), 0, 0.8, 0, 70, 12);
        loop.setExternal("network.returnTemperatureK", io.hilbench.Units.degCToK(40));
        loop.cycle(Commands.none(SETPOINT).withStart());
        loop.run(FULL_LOAD_AFTER_S, SETPOINT);
        assertThat(loop.controller.state()).as("running before the step").isEqualTo(ControllerState.RUNNING);
        double t0 = loop.timeS();
        loop.setExternal("network.returnTemperatureK", io.hilbench.Units.degCToK(55));
        loop.run(20 * 60, SETPOINT);
        List<ClosedLoop.Row> rows = after(loop, t0);
        assertThat(rows).noneMatch(r -> r.alarms().contains(AlarmMeaning.SENSOR_FAULT));
        assertThat(rows).noneMatch(r -> r.anyTrip() || r.state() == ControllerState.TRIPPED || r.state() == ControllerState.FAULT);
        assertThat(maxBar(rows)).as("HP-04: max PT-202, bar").isLessThanOrEqualTo(SOFT_LIMIT_BAR);
        log.info(String.format(Locale.ROOT, "HP-04 (return stepped 40 -> 55 °C at full load): max PT-202 %.1f bar, supply at the end %.2f °C",
                maxBar(rows), rows.get(rows.size() - 1).supplyDegC()));
    }
}
