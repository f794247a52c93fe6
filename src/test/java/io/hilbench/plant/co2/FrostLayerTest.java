package io.hilbench.plant.co2;

import io.hilbench.Units;
import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Frost by mass transfer (issue #15 item 4; README "Air-evaporator sections and frost" F2–F5): deposition from the
 * air's moisture above saturation over ice at the coil, with the coil's effectiveness by the Lewis analogy; a
 * densifying layer whose thickness blocks the fin gaps; RH over water for the air (WMO).
 */
class FrostLayerTest {
    private static final Co2Tables CO2 = Co2Tables.build(Co2TableParameters.plantDefault());

    private static AirEvaporatorSection section() {
        AirEvaporatorSection s = new AirEvaporatorSection(AirEvaporatorSectionParameters.solrodDefaults());
        s.reset(273.15);
        return s;
    }

    private static double k(double degC) { return Units.degCToK(degC); }

    @Test
    void relativeHumidityIsOverWaterAndTheSurfaceSaturatesOverIce() {
        // WMO-No. 8 Annex 4.B / Smithsonian tables: e_w(−10 °C) = 2.8627 hPa, e_i(−10 °C) = 2.5990 hPa
        assertThat(MoistAir.saturationVapourPressureOverWaterPa(k(-10))).isCloseTo(286.27, within(0.005 * 286.27));
        assertThat(MoistAir.saturationVapourPressureOverIcePa(k(-10))).isCloseTo(259.90, within(0.005 * 259.90));
        // air at −10 °C and 100 % RH (over water) holds the over-water vapour pressure: 10 % more than the old over-ice reading
        double w = MoistAir.humidityRatio(k(-10), 1.0);
        assertThat(w).isCloseTo(0.62198 * 286.27 / (101325 - 286.27), within(0.005 * w));
        assertThat(w / MoistAir.saturationHumidityRatio(k(-10))).isBetween(1.09, 1.12);
        // the air's frost point lies between its dew point and the air temperature: at −10 °C / 100 % (water) −9.0 °C
        assertThat(MoistAir.frostPointK(k(-10), 1.0) - 273.15).isCloseTo(-9.0, within(0.2));
        assertThat(MoistAir.saturationVapourPressurePa(k(5))).isEqualTo(MoistAir.saturationVapourPressureOverWaterPa(k(5)));
    }

    @Test
    void frostNeverTakesMoreWaterThanTheAirGivesUp() {
        // property over air −20…+10 °C, RH 0.3…1, coil −30…+2 °C, fan 0.2…1 and a clean or half-blocked coil: the
        // deposit is at most what the air gives cooling to the frost point, ṁ_da·(w_a − w_sat,ice(T_s)), and ≥ 0
        for (double frost : new double[] {0, 0.5}) {
            AirEvaporatorSection s = section();
            s.frost().reset(frost * s.frost().parameters().maxMassKg());
            for (double ta = -20; ta <= 10; ta += 2) {
                for (double rh = 0.3; rh <= 1.0001; rh += 0.1) {
                    for (double ts = -30; ts <= 2; ts += 1) {
                        for (double fan = 0.2; fan <= 1.0001; fan += 0.2) {
                            double wa = MoistAir.humidityRatio(k(ta), rh);
                            double dryAir = s.airMassFlowKgPerS(k(ta), rh, fan) / (1 + wa);
                            double rate = s.frostDepositionRateKgPerS(k(ta), rh, k(ts), fan);
                            double available = dryAir * Math.max(0, wa - MoistAir.saturationHumidityRatio(k(ts)));
                            assertThat(rate).as("%.0f °C %.1f coil %.0f fan %.1f", ta, rh, ts, fan).isBetween(0.0, available + 1e-12);
                        }
                    }
                }
            }
        }
        // the case: −12 °C air at 90 %, coil −20 °C: the deposit is a fraction (ε) of the air's surplus
        AirEvaporatorSection s = section();
        double wa = MoistAir.humidityRatio(k(-12), 0.9);
        double dryAir = s.airMassFlowKgPerS(k(-12), 0.9, 1) / (1 + wa);
        double surplus = dryAir * (wa - MoistAir.saturationHumidityRatio(k(-20)));
        double rate = s.frostDepositionRateKgPerS(k(-12), 0.9, k(-20), 1);
        assertThat(rate / surplus).isCloseTo(s.effectiveness(k(-12), 0.9, 1), within(1e-9));
    }

    @Test
    void frostNeedsACoilBelowZeroAndBelowTheFrostPointNotAirBelowSixDegrees() {
        AirEvaporatorSection s = section();
        // 6 °C / 90 % air on a coil at −1.4 °C: the coil is below the air's frost point (+4.2 °C dew point): it frosts
        assertThat(s.frostDepositionRateKgPerS(k(6), 0.9, k(-1.4), 1)).isGreaterThan(1e-3);
        // +8 °C / 50 %: dew point −1.8 °C, frost point −1.6 °C; a coil at −1 °C is above it: none; at −4 °C below it: some
        assertThat(MoistAir.frostPointK(k(8), 0.5) - 273.15).isCloseTo(-1.6, within(0.1));
        assertThat(s.frostDepositionRateKgPerS(k(8), 0.5, k(-1), 1)).isZero();
        assertThat(s.frostDepositionRateKgPerS(k(8), 0.5, k(-4), 1)).isGreaterThan(0);
        // a coil at or above 0 °C never frosts (it condenses), however moist the air
        assertThat(s.frostDepositionRateKgPerS(k(2), 1.0, k(0.1), 1)).isZero();
        // fan stopped: no air, no frost
        assertThat(s.frostDepositionRateKgPerS(k(0), 0.9, k(-8), 0)).isZero();
    }

    @Test
    void growthIsLargerInTheSevereZoneThanInTheMildAndFollowsFanSpeedAndCoilTemperature() {
        AirEvaporatorSection s = section();
        FrostLayer f = s.frost();
        assertThat(f.zone(k(0), 0.9)).isEqualTo(FrostLayer.Zone.SEVERE);
        assertThat(f.zone(k(0), 0.5)).isEqualTo(FrostLayer.Zone.MILD);
        // on a coil at −10 °C (the mild air's frost point is −6.7 °C: on the design coil at −7 °C it barely frosts)
        double severeCold = s.frostDepositionRateKgPerS(k(0), 0.9, k(-10), 1);
        double mild = s.frostDepositionRateKgPerS(k(0), 0.5, k(-10), 1);
        assertThat(mild).isPositive();
        assertThat(severeCold).isGreaterThan(3 * mild);
        assertThat(s.frostDepositionRateKgPerS(k(0), 0.5, k(-7), 1)).isLessThan(0.05 * severeCold);
        double severe = s.frostDepositionRateKgPerS(k(0), 0.9, k(-7), 1);
        // full load at the design point (0 °C / 90 %, coil −7 °C): 60–120 kg/h per section, the order of the old Liang
        // severe-zone rate (78 kg/h per section at 30 kg/m³ over 2000 m²)
        assertThat(severe * 3600).isBetween(60.0, 120.0);
        // half fan speed: less air through the coil, less frost at the same coil temperature
        assertThat(s.frostDepositionRateKgPerS(k(0), 0.9, k(-7), 0.5)).isLessThan(0.8 * severe);
        // part load: the coil follows a higher evaporating temperature, less frost
        assertThat(s.frostDepositionRateKgPerS(k(0), 0.9, k(-3), 1)).isLessThan(0.6 * severe);
    }

    @Test
    void theLayerDensifiesAndItsThicknessNotItsMassBlocksTheCoil() {
        FrostLayerParameters p = FrostLayerParameters.solrodDefaults();
        // Hayashi et al. (1977): 650·exp(0.227·t_s): 133 kg/m³ at −7 °C, lighter on a colder surface, floored at ρ_0
        FrostLayer f = new FrostLayer(p);
        assertThat(f.agedDensityKgPerM3(k(-7))).isCloseTo(650 * Math.exp(-0.227 * 7), within(1e-9));
        assertThat(f.agedDensityKgPerM3(k(-15))).isLessThan(f.agedDensityKgPerM3(k(-7)));
        assertThat(f.agedDensityKgPerM3(k(-30))).isEqualTo(p.initialDensityKgPerM3());
        // 24 kg/h for 2 h at −7 °C, against the same mass put on at once as young frost
        FrostLayer grown = new FrostLayer(p);
        double prevDensity = 0, prevThickness = 0;
        for (int i = 0; i < 7200; i++) {
            grown.grow(1.0, 24.0 / 3600, k(-7));
            if (i % 600 == 599) {
                assertThat(grown.densityKgPerM3()).as("density rises with time").isGreaterThanOrEqualTo(prevDensity);
                assertThat(grown.thicknessM()).as("the layer never thins while it grows").isGreaterThanOrEqualTo(prevThickness);
                prevDensity = grown.densityKgPerM3();
                prevThickness = grown.thicknessM();
            }
        }
        assertThat(grown.massKg()).isCloseTo(48.0, within(1e-6));
        // (F3b) after 2 h at a constant −7 °C: ρ_0 + (ρ_∞ − ρ_0)·(1 − e^(−2 h/τ_d))
        assertThat(grown.densityKgPerM3())
                .isCloseTo(30 + (650 * Math.exp(-0.227 * 7) - 30) * (1 - Math.exp(-7200 / p.densificationTimeConstantS())), within(0.1));
        assertThat(grown.densityKgPerM3()).isGreaterThan(40.0);
        FrostLayer young = new FrostLayer(p);
        young.reset(48.0);
        assertThat(young.densityKgPerM3()).isCloseTo(30.0, within(1e-9));
        assertThat(grown.iceFactor()).as("same mass, denser layer: thinner, less blocked").isGreaterThan(young.iceFactor());
        assertThat(1 - grown.iceFactor()).isCloseTo(grown.thicknessM() / (p.finSpacingM() / 2), within(1e-12));
        // a colder surface later (frost closing the coil lowers the evaporating temperature) does not lighten the
        // frost already there: the layer does not jump thicker
        double before = grown.thicknessM();
        grown.grow(1.0, 1e-6, k(-25));
        assertThat(grown.thicknessM()).isCloseTo(before, within(1e-6 * before));
        // melting keeps the density; a cleared coil starts young again
        double rho = grown.densityKgPerM3();
        grown.add(-20);
        assertThat(grown.densityKgPerM3()).isCloseTo(rho, within(1e-9));
        grown.add(-100);
        assertThat(grown.massKg()).isZero();
        assertThat(grown.ageS()).isZero();
        assertThat(grown.iceFactor()).isEqualTo(1.0);
    }

    @Test
    void thePlantFrostsLessAtPartLoadAndNotAtEightDegrees() {
        // 30 min at 0 °C / 90 %: 70 Hz against 30 Hz (the coil follows the evaporating temperature)
        double[] frost = new double[2];
        double[] coil = new double[2];
        double[] hz = {70, 30};
        for (int i = 0; i < 2; i++) {
            Co2PlantHarness h = new Co2PlantHarness(Co2HeatPumpParameters.solrodDefaults(), CO2);
            h.startFullLoad(hz[i]);
            h.run(1800);
            frost[i] = h.out("hp.airSection1.frostMassKg");
            coil[i] = h.out("hp.airSection1.coilTemperatureK");
        }
        System.out.printf("30 min at 0 °C / 90 %%: 70 Hz %.1f kg (coil %.2f °C), 30 Hz %.1f kg (coil %.2f °C)%n",
                frost[0], coil[0] - 273.15, frost[1], coil[1] - 273.15);
        assertThat(coil[1]).isGreaterThan(coil[0] + 2);
        assertThat(frost[1]).isLessThan(0.7 * frost[0]);
        assertThat(frost[1]).isPositive();
    }
}
