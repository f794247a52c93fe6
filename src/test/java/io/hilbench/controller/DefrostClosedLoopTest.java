package io.hilbench.controller;

import io.hilbench.Units;
import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defrost closed loop around the whole Solrød plant with the CO2 heat pump ({@link Co2Loop}; the tank bottom at 12 °C so
 * the air evaporator is the source), judged on plant truth (section capacity ratio and frost mass, which the controller
 * cannot see) and on what the controller commanded, with the limits of features/requirements.yaml copied here:
 * DF-01 (0 °C, 90 % RH: each section defrosted before it loses 30 % of its clean-coil capacity, ≤ 1 at a time, each
 * ≤ 20 min, ≤ 5 % of its frost left), DF-02 (+8 °C, 50 %: no defrost) and DF-03 (coil sensor of section 2 stuck at −5 °C
 * during a defrost: ended within the maximum + 1 min, DEFROST_MAX_TIME within 1 min, back in service, no stop), plus the
 * variants defrosts-without-frost and no-defrost-termination failing them.
 */
class DefrostClosedLoopTest {
    private static final Logger log = LoggerFactory.getLogger(DefrostClosedLoopTest.class);
    // DF limits (requirements.yaml)
    private static final double CAPACITY_LOSS_MAX = 0.30;
    private static final double DEFROST_MAX_S = 20 * 60;
    private static final double FROST_LEFT_MAX = 0.05;
    private static final double ALARM_WITHIN_S = 60;

    /** One section's defrost as the controller commanded it (section valve closed → back open) and what the plant showed. */
    record Defrost(int section, double startS, double endS, double hotGasS, double capacityAtStart, double frostAtStartKg, double frostAtEndKg) {
        double durationS() { return endS - startS; }
    }

    /** Runs the loop and collects every defrost, the most sections out of service at once, and the lowest capacity ratio seen. */
    private static final class Watch {
        final List<Defrost> defrosts = new ArrayList<>();
        int mostOutAtOnce;
        double lowestCapacity = 1;
        boolean defrostingReported;
        final double[] startS = new double[4], hotGasS = new double[4], capAtStart = new double[4], frostAtStart = new double[4];
        final boolean[] out = new boolean[4];

        void cycle(ClosedLoop loop) {
            ClosedLoop.Row r = loop.cycle(Commands.none(Co2Loop.SETPOINT_DEGC));
            Outputs o = loop.lastOutputs();
            boolean running = loop.controller.compressorsOn() > 0 && loop.controller.sources().airInUse();
            int outNow = 0;
            for (int s = 1; s <= 4; s++) {
                double cap = loop.output("hp.airSection" + s + ".capacityRatio");
                boolean isOut = running && (!o.isOn(PlantTags.sectionValve(s)) || o.isOn(PlantTags.defrostValve(s)));
                if (isOut) outNow++;
                if (!isOut) lowestCapacity = Math.min(lowestCapacity, cap);
                if (isOut && !out[s - 1]) {
                    startS[s - 1] = r.timeS();
                    hotGasS[s - 1] = 0;
                    capAtStart[s - 1] = cap;
                    frostAtStart[s - 1] = loop.output("hp.airSection" + s + ".frostMassKg");
                }
                if (o.isOn(PlantTags.defrostValve(s))) hotGasS[s - 1] += ClosedLoop.STEP_S;
                if (!isOut && out[s - 1]) {
                    defrosts.add(new Defrost(s, startS[s - 1], r.timeS(), hotGasS[s - 1], capAtStart[s - 1], frostAtStart[s - 1],
                            loop.output("hp.airSection" + s + ".frostMassKg")));
                }
                out[s - 1] = isOut;
            }
            mostOutAtOnce = Math.max(mostOutAtOnce, outNow);
            defrostingReported |= r.state() == ControllerState.DEFROSTING;
        }

        void run(ClosedLoop loop, double seconds) {
            for (long i = 0; i < Math.round(seconds / ClosedLoop.STEP_S); i++) cycle(loop);
        }
    }

    private static ClosedLoop start(Optional<Variant> v, double airDegC, double rh) {
        ClosedLoop loop = Co2Loop.create(v, PlantLoopsConfig.defaults(), airDegC, rh, 0, 70, 12);
        loop.cycle(Commands.none(Co2Loop.SETPOINT_DEGC).withStart());
        return loop;
    }

    private static void assertNoStopNoTrip(ClosedLoop loop) {
        assertThat(loop.trace).noneMatch(ClosedLoop.Row::anyTrip)
                .noneMatch(r -> r.state() == ControllerState.TRIPPED || r.state() == ControllerState.FAULT || r.state() == ControllerState.OFF
                        || r.state() == ControllerState.STOPPING);
    }

    @Test
    void atZeroDegreesAndNinetyPercentEverySectionIsDefrostedOneAtATimeBeforeItLosesThirtyPercent() {
        // DF-01 stimulus (shortened to the first round of four defrosts plus margin: the sections frost alike, so the
        // first round is the tightest — the last section waits for the other three)
        ClosedLoop loop = start(Optional.empty(), 0, 0.9);
        Watch w = new Watch();
        w.run(loop, 60 * 60);
        double minSupply = loop.trace.stream().filter(r -> r.timeS() > 15 * 60).mapToDouble(ClosedLoop.Row::supplyDegC).min().orElseThrow();
        for (Defrost d : w.defrosts) {
            log.info(String.format(Locale.ROOT, "DF-01 section %d: out at %.0f s for %.0f s (hot gas %.0f s), capacity at initiation %.3f, frost %.1f → %.1f kg",
                    d.section(), d.startS(), d.durationS(), d.hotGasS(), d.capacityAtStart(), d.frostAtStartKg(), d.frostAtEndKg()));
        }
        log.info(String.format(Locale.ROOT, "DF-01: lowest in-service capacity %.3f, most sections out at once %d, lowest supply after 15 min %.2f °C",
                w.lowestCapacity, w.mostOutAtOnce, minSupply));
        assertThat(w.defrosts.stream().map(Defrost::section).distinct()).as("every section defrosted").containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(w.lowestCapacity).as("DF-01.capacity: lowest capacity ratio of an evaporating section").isGreaterThan(1 - CAPACITY_LOSS_MAX);
        assertThat(w.mostOutAtOnce).as("DF-01.one-at-a-time").isEqualTo(1);
        assertThat(w.defrosts).allSatisfy(d -> {
            assertThat(d.durationS()).as("DF-01.duration of section %d", d.section()).isLessThanOrEqualTo(DEFROST_MAX_S);
            assertThat(d.frostAtEndKg()).as("DF-01.frost-left of section %d", d.section()).isLessThanOrEqualTo(FROST_LEFT_MAX * d.frostAtStartKg());
        });
        assertThat(w.defrostingReported).as("state Defrosting reported").isTrue();
        assertThat(loop.controller.alarms()).doesNotContain(AlarmMeaning.DEFROST_MAX_TIME);
        assertNoStopNoTrip(loop);
    }

    @Test
    void atEightDegreesAndFiftyPercentNoSectionIsDefrostedButTheTimerVariantDefrostsAnyway() {
        // DF-02: no frost (Zhu: none at ≥ 6 °C), so no defrost; the time fallback may run only while frost sensing is
        // invalid, and it is valid here. 50 min covers the 45 min fallback interval the variant uses
        ClosedLoop loop = start(Optional.empty(), 8, 0.5);
        Watch w = new Watch();
        w.run(loop, 50 * 60);
        assertThat(w.defrosts).as("DF-02.no-defrost").isEmpty();
        assertThat(w.mostOutAtOnce).isZero();
        assertNoStopNoTrip(loop);

        ClosedLoop bad = start(Optional.of(Variant.DEFROSTS_WITHOUT_FROST), 8, 0.5);
        Watch wb = new Watch();
        wb.run(bad, 50 * 60);
        log.info(String.format(Locale.ROOT, "DF-02 variant defrosts-without-frost: %d defrosts completed in 50 min at +8 °C (a section out of service: %b)", wb.defrosts.size(), wb.mostOutAtOnce > 0));
        assertThat(wb.mostOutAtOnce).as("variant defrosts-without-frost must fail DF-02.no-defrost").isPositive();
    }

    @Test
    void transmittersReadingHighByTheirClassDoNotStartDefrostsOnCleanCoils() {
        // rig corner sensors-high at SU-01's air (0 °C, 90 %, cold start): PDT-231..234 read +5 Pa, 1 % of their
        // 0–500 Pa span. Against the data-sheet clean drop alone the start (1.12 × 51.2 Pa at 80 % fan) was 6.1 Pa over
        // a clean coil, and the reference defrosted sections 1–3 at 620/920/1220 s of SU-01 on coils 2–3 % over clean
        // (session 11). With each section's clean reading learned at the first start the offset cancels: no defrost in
        // SU-01's 25 min, as at the true readings (true ratio 1.10 at 25 min, the start 1.12)
        ClosedLoop loop = start(Optional.empty(), 0, 0.9);
        for (int s = 1; s <= 4; s++) loop.sensorOffset("hp.airSection" + s + ".airPressureDropPa", 5.0);
        Watch w = new Watch();
        w.run(loop, 25 * 60);
        assertThat(w.mostOutAtOnce).as("no section out of service for a defrost").isZero();
        for (int s = 1; s <= 4; s++) {
            double learned = loop.controller.defrost().learnedOffsetPa(s);
            log.info(String.format(Locale.ROOT, "sensors-high: PDT-23%d learned offset %+.2f Pa, ratio %.3f at 25 min", s, learned,
                    loop.controller.defrost().pressureDropRatio(s)));
            assertThat(learned).as("PDT-23%d: the +5 Pa learned (plus the first 90 s of frost)", s).isBetween(4.9, 5.5);
        }
        assertNoStopNoTrip(loop);
    }

    @Test
    void aStuckCoilSensorEndsTheDefrostOnTheMaximumTimeWithTheAlarmAndTheSectionReturnsWithoutAStop() {
        // DF-03: TT-232 stuck at −5 °C from the moment section 2's defrost starts
        for (Optional<Variant> v : List.of(Optional.<Variant>empty(), Optional.of(Variant.NO_DEFROST_TERMINATION))) {
            ClosedLoop loop = start(v, 0, 0.9);
            Watch w = new Watch();
            for (int i = 0; i < 60 * 60 * 10 && loop.controller.defrost().step(2) == DefrostSequencer.Step.IN_SERVICE; i++) w.cycle(loop);
            assertThat(loop.controller.defrost().step(2)).as("section 2's defrost started").isNotEqualTo(DefrostSequencer.Step.IN_SERVICE);
            loop.sensorValue("hp.airSection2.coilTemperatureK", Units.degCToK(-5));
            double stuckAtS = loop.timeS();
            double alarmS = Double.NaN;
            for (int i = 0; i < 25 * 60 * 10; i++) {
                w.cycle(loop);
                if (Double.isNaN(alarmS) && loop.controller.alarms().contains(AlarmMeaning.DEFROST_MAX_TIME)) alarmS = loop.timeS();
            }
            Defrost d2 = w.defrosts.stream().filter(d -> d.section() == 2).findFirst().orElse(null);
            if (v.isEmpty()) {
                assertThat(d2).as("DF-03.returns: section 2 back in service").isNotNull();
                log.info(String.format(Locale.ROOT, "DF-03: section 2 out %.0f s (hot gas %.0f s), DEFROST_MAX_TIME %.0f s after the sensor stuck",
                        d2.durationS(), d2.hotGasS(), alarmS - stuckAtS));
                assertThat(d2.hotGasS()).as("DF-03.ends: hot gas within the defrost maximum + 1 min").isLessThanOrEqualTo(DEFROST_MAX_S + 60);
                double hotGasEndS = d2.startS() + loop.controller.defrost().config().pumpOutS() + d2.hotGasS();
                assertThat(alarmS).as("DF-03.alarm").isNotNaN();
                assertThat(alarmS - hotGasEndS).as("DF-03.alarm within 1 min of the end").isLessThanOrEqualTo(ALARM_WITHIN_S);
                assertNoStopNoTrip(loop);
            } else {
                // no-defrost-termination: the hot gas is still on 25 min later, no alarm, section 2 never back
                assertThat(d2).as("variant no-defrost-termination must fail DF-03.returns").isNull();
                assertThat(loop.lastOutputs().isOn(PlantTags.defrostValve(2))).as("hot gas still on").isTrue();
                assertThat(alarmS).as("variant: no DEFROST_MAX_TIME").isNaN();
            }
        }
    }
}
