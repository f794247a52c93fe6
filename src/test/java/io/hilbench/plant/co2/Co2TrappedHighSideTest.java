package io.hilbench.plant.co2;

import static org.assertj.core.api.Assertions.assertThat;

import io.hilbench.Units;
import io.hilbench.fluid.Co2Tables;
import org.junit.jupiter.api.Test;

/**
 * The trapped high side (issue #15 item 2): after a stop with HV-221 closed the gas cooler's CO2 is sealed between
 * closed valves. Its mass must stay what it was, its energy change only by the heat the water gives it (GasCooler
 * (5)-(7)), and dense CO2 warmed by 80 °C water must reach PSV-202 (the textbook relief case), while the same CO2
 * beside 40 °C water stays below it. Figures in plant-models/co2-heat-pump/README.md, Validation (P6–P9).
 */
class Co2TrappedHighSideTest {
    private static final Co2Tables CO2 = Co2Tables.plantDefault();

    /**
     * Full load for 6 min on the harness with HV-221 holding 120 bar (HP-03's stuck valve traps more: it trips at 130 bar), then the compressors stop and HV-221 closes.
     */
    private static Co2PlantHarness tripAtFullLoad(Co2HeatPumpParameters parameters) {
        Co2PlantHarness r = new Co2PlantHarness(parameters, CO2);
        r.gasCoolerSetPa = 120e5;
        r.startFullLoad(70);
        r.run(360);
        r.stopCompressors();
        r.controlHpValve = false;
        r.set("hp.hpValve.openingSetRatio", 0);
        return r;
    }

    private static void pump(Co2PlantHarness r, boolean on, double returnC) {
        r.controlPump = false;
        r.set("hp.dhPump.enable", on ? 1 : 0);
        r.set("hp.dhPump.speedSetRatio", on ? 0.8 : 0);
        r.set("network.returnTemperatureK", Units.degCToK(returnC));
    }

    private static double lineVolume(Co2PlantHarness r) {
        return r.plant.parameters().highSideVolumeM3();
    }

    @Test
    void everyValveClosedConservesTheHighSidesMassToTheGram() {
        Co2PlantHarness r = tripAtFullLoad(Co2HeatPumpParameters.solrodDefaults());
        pump(r, false, 40);
        r.run(10);   // HV-221 closed (0.4 of its 5 s stroke): from here no mass enters or leaves
        GasCooler gc = r.plant.gasCooler();
        double p0 = r.out("hp.gasCoolerPressurePa");
        double m0 = r.plant.highSideMassKg();
        double heatMovedJ = 0;
        for (int i = 0; i < 6000; i++) {
            r.step();
            heatMovedJ += Math.abs(r.out("hp.gasCooler.heatFlowW")) * 0.1;
        }
        double p1 = r.out("hp.gasCoolerPressurePa");
        double m1 = r.plant.highSideMassKg();
        System.out.printf("trapped, no water flow: %.2f -> %.2f bar, mass %.4f -> %.4f kg (held at the pressure %.4f kg), "
                        + "heat moved %.3f MJ, hot-end CO2 %.2f °C beside water %.2f °C%n",
                p0 / 1e5, p1 / 1e5, m0, m1, gc.standstillMassKg(CO2, p1, lineVolume(r)), heatMovedJ / 1e6,
                Units.kToDegC(gc.cellTemperatureK(0)), Units.kToDegC(gc.waterTemperatureK(0)));
        assertThat(r.out("hp.hpValve.massFlowKgPerS")).isZero();
        assertThat(r.out("hp.safety.ventedMassKg")).isZero();
        assertThat(heatMovedJ).isGreaterThan(1e4);
        // the state keeps its mass, and the pressure is the one at which the cells and the line hold it: to the gram
        assertThat(m1).isCloseTo(m0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(gc.standstillMassKg(CO2, p1, lineVolume(r))).isCloseTo(m1, org.assertj.core.data.Offset.offset(1e-3));
        // and the CO2 ends beside its water: no 41 K left between them with zero heat flow (the symptom)
        for (int i = 0; i < gc.parameters().cellCount(); i++) {
            assertThat(Math.abs(gc.cellTemperatureK(i) - gc.waterTemperatureK(i))).isLessThan(0.5);
        }
    }

    /** After the stop the pump runs on at a 40 °C return for 3 min (overrun): the trapped CO2 cools to 40 °C, dense. */
    private static Co2PlantHarness trappedDenseAt40C(Co2HeatPumpParameters parameters) {
        Co2PlantHarness r = tripAtFullLoad(parameters);
        pump(r, true, 40);
        r.run(180);
        return r;
    }

    @Test
    void trappedCo2BesideWaterAt40CStaysBelowTheRelief() {
        Co2PlantHarness r = trappedDenseAt40C(Co2HeatPumpParameters.solrodDefaults());
        double m0 = r.plant.highSideMassKg();
        double max = 0;
        for (int i = 0; i < 9000; i++) {
            r.step();
            max = Math.max(max, r.out("hp.gasCoolerPressurePa"));
        }
        System.out.printf("trapped beside 40 °C water: %.1f kg, max %.2f bar, end %.2f bar, CO2 %.2f °C, vented %.3f kg%n", m0,
                max / 1e5, r.out("hp.gasCoolerPressurePa") / 1e5, Units.kToDegC(r.plant.gasCooler().cellTemperatureK(10)),
                r.out("hp.safety.ventedMassKg"));
        assertThat(max).isLessThan(r.plant.parameters().safety().reliefSetPa());
        assertThat(r.out("hp.safety.ventedMassKg")).isZero();
        assertThat(r.plant.highSideMassKg()).isCloseTo(m0, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void trappedCo2BesideWaterAt80CLiftsTheRelief() {
        Co2PlantHarness r = trappedDenseAt40C(Co2HeatPumpParameters.solrodDefaults());
        double m0 = r.plant.highSideMassKg();
        pump(r, true, 80);
        double max = 0;
        boolean lifted = false;
        for (int i = 0; i < 9000; i++) {
            r.step();
            max = Math.max(max, r.out("hp.gasCoolerPressurePa"));
            lifted |= r.out("hp.safety.reliefValveOpen") > 0.5;
        }
        double vented = r.out("hp.safety.ventedMassKg");
        System.out.printf("trapped beside 80 °C water: %.1f kg, max %.2f bar, vented %.3f kg, left %.3f kg%n", m0, max / 1e5,
                vented, r.plant.highSideMassKg());
        assertThat(lifted).isTrue();
        assertThat(vented).isGreaterThan(0);
        assertThat(max).isGreaterThanOrEqualTo(r.plant.parameters().safety().reliefSetPa());
        // what left through PSV-202 is what the high side lost: mass still balances to the gram
        assertThat(r.plant.highSideMassKg() + vented).isCloseTo(m0, org.assertj.core.data.Offset.offset(1e-3));
    }

    /**
     * The pressure the model gives the trapped CO2 once it is at the water's 80 °C, with PSV-202 set out of the way,
     * against the Span–Wagner isochore of the same mean density (the tables' p at which ρ(p, 80 °C) = M/V).
     */
    @Test
    void isochoricHeatingTo80CFollowsTheSpanWagnerIsochore() {
        SafetyChainParameters s = Co2HeatPumpParameters.solrodDefaults().safety();
        SafetyChainParameters high = new SafetyChainParameters(s.hpSwitchTripPa(), s.hpSwitchResetBelowPa(), s.lpSwitchTripPa(),
                s.lpSwitchResetAbovePa(), s.lpAutoResetsMax(), s.lpWindowS(), s.dischargeTripK(), s.dischargeResetK(),
                s.dischargeGasTripK(), 300e5, s.reliefBlowdownRatio(), s.reliefFlowCoefficientM2(), s.flowSwitchThresholdRatio(),
                s.flowSwitchDelayS(), s.flowSwitchBypassed());
        Co2PlantHarness r = trappedDenseAt40C(Co2HeatPumpParameters.solrodDefaults().withSafety(high));
        double m = r.plant.highSideMassKg();
        double p40 = r.out("hp.gasCoolerPressurePa");
        pump(r, true, 80);
        r.run(3600);
        double model = r.out("hp.gasCoolerPressurePa");
        // the cells' mean density: the high side's mass less the discharge line's (outside the water, its own gas)
        double v = r.plant.parameters().gasCooler().co2VolumeM3();
        double line = lineVolume(r) * CO2.densityFromPressureEnthalpy(model, r.plant.gasCooler().lineEnthalpyJPerKg());
        double rhoMean = (m - line) / v;
        double lo = 50e5, hi = 250e5, t = Units.degCToK(80);
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (CO2.densityFromPressureEnthalpy(mid, CO2.enthalpyFromPressureTemperature(mid, t)) < rhoMean) lo = mid; else hi = mid;
        }
        double sw = 0.5 * (lo + hi);
        System.out.printf("isochore: %.1f kg, %.1f kg of it in the line, the cells %.1f kg/m³; 40 °C %.2f bar; 80 °C model %.2f bar, Span–Wagner %.2f bar%n",
                m, line, rhoMean, p40 / 1e5, model / 1e5, sw / 1e5);
        assertThat(r.plant.highSideMassKg()).isCloseTo(m, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(model).isCloseTo(sw, org.assertj.core.data.Offset.offset(0.5e5));
        assertThat(sw).isGreaterThan(s.reliefSetPa());
    }
}
