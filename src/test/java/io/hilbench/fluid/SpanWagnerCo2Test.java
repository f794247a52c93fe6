package io.hilbench.fluid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hilbench.Units;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Analytical, consistency, round-trip and robustness tests of the exact path (Span &amp; Wagner 1996). */
class SpanWagnerCo2Test {

    private static final SpanWagnerCo2 CO2 = new SpanWagnerCo2();

    @Test
    void nonAnalyticTermsReproduceTheNearCriticalPressure() {
        // domain-notes §8: p(305 K, 467.6 kg/m3) = 7,525,892.91 Pa in CoolProp 8.0.0 and an independent
        // implementation; without the non-analytic terms (Eq. (6.5), terms 40..42) this is off by far more
        assertThat(CO2.pressurePa(305.0, 467.6)).isCloseTo(7_525_892.91, within(0.05));
    }

    @Test
    void iirReferenceStateHoldsForSaturatedLiquidAtZeroDegC() {
        Co2Saturation sat = CO2.saturationAtTemperature(Units.degCToK(0.0));
        assertThat(sat.liquidEnthalpyJPerKg()).isCloseTo(200_000.0, within(1.0));
        assertThat(sat.liquidEntropyJPerKgK()).isCloseTo(1000.0, within(0.01));
    }

    @ParameterizedTest(name = "p2 = {0} bar")
    @CsvSource({"90, 493.518, 87.43", "100, 498.899, 96.60", "110, 503.900, 105.01"})
    void isentropicCompressionFromSuctionMatchesReferenceValues(double p2Bar, double h2sKJPerKg, double t2sDegC) {
        // domain-notes §8: suction saturated at -8 degC + 5 K superheat, p1 = 28.027 bar, h1 = 441.979 kJ/kg
        Co2State suction = CO2.stateFromPressureTemperature(Units.barToPa(28.027), Units.degCToK(-3.0));
        assertThat(suction.enthalpyJPerKg()).isCloseTo(441_979.0, within(44.0));
        Co2State discharge = CO2.stateFromPressureEntropy(Units.barToPa(p2Bar), suction.entropyJPerKgK());
        assertThat(discharge.enthalpyJPerKg()).isCloseTo(Units.kJToJ(h2sKJPerKg), within(Units.kJToJ(h2sKJPerKg) * 1e-4));
        assertThat(Units.kToDegC(discharge.temperatureK())).isCloseTo(t2sDegC, within(0.01));
    }

    @Test
    void flashesRoundTripOnASeededRandomSetOfStates() {
        Random random = new Random(3L);
        for (int k = 0; k < 300; k++) {
            double p = Units.barToPa(1 + random.nextDouble() * 199);
            double tMin = SpanWagnerCo2.minimumTemperatureK(p) + 0.1;
            double t = tMin + random.nextDouble() * (473.15 - tMin);
            Co2State s = CO2.stateFromPressureTemperature(p, t);
            Co2State byH = CO2.stateFromPressureEnthalpy(p, s.enthalpyJPerKg());
            Co2State byS = CO2.stateFromPressureEntropy(p, s.entropyJPerKgK());
            Co2State byRho = CO2.stateFromTemperatureDensity(t, s.densityKgPerM3());
            assertThat(byH.temperatureK()).as("T(p,h) at p=%s T=%s", p, t).isCloseTo(t, within(1e-6));
            assertThat(byS.temperatureK()).as("T(p,s) at p=%s T=%s", p, t).isCloseTo(t, within(1e-6));
            assertThat(byH.densityKgPerM3()).isCloseTo(s.densityKgPerM3(), within(1e-8 * s.densityKgPerM3()));
            assertThat(byRho.pressurePa()).isCloseTo(p, within(1e-7 * p));
            assertThat(byH.phase()).isEqualTo(s.phase());
        }
    }

    @Test
    void heatCapacityAndSpeedOfSoundAreConsistentWithFiniteDifferences() {
        double[][] points = {{30e5, 280}, {100e5, 308.15}, {120e5, 373.15}, {50e5, 250}, {80e5, 320}};
        for (double[] pt : points) {
            double p = pt[0];
            double t = pt[1];
            double dt = 1e-3;
            Co2State s = CO2.stateFromPressureTemperature(p, t);
            double cpFd = (CO2.stateFromPressureTemperature(p, t + dt).enthalpyJPerKg()
                    - CO2.stateFromPressureTemperature(p, t - dt).enthalpyJPerKg()) / (2 * dt);
            assertThat(s.cpJPerKgK()).as("cp at %s", p).isCloseTo(cpFd, within(1e-5 * cpFd));
            // w^2 = (dp/drho)_s
            double dp = 10.0;
            double rhoUp = CO2.stateFromPressureEntropy(p + dp, s.entropyJPerKgK()).densityKgPerM3();
            double rhoDown = CO2.stateFromPressureEntropy(p - dp, s.entropyJPerKgK()).densityKgPerM3();
            double w2 = 2 * dp / (rhoUp - rhoDown);
            assertThat(s.speedOfSoundMPerS()).as("w at %s", p).isCloseTo(Math.sqrt(w2), within(1e-4 * Math.sqrt(w2)));
        }
    }

    @Test
    void saturationSatisfiesClausiusClapeyron() {
        for (double t : new double[] {220, 250, 280, 300, 303.5}) {
            Co2Saturation s = CO2.saturationAtTemperature(t);
            double dt = 1e-3;
            double slopeFd = (CO2.saturationPressurePa(t + dt) - CO2.saturationPressurePa(t - dt)) / (2 * dt);
            double slope = (s.vaporEntropyJPerKgK() - s.liquidEntropyJPerKgK())
                    / (1 / s.vaporDensityKgPerM3() - 1 / s.liquidDensityKgPerM3());
            assertThat(slope).as("dp/dT at %s K", t).isCloseTo(slopeFd, within(1e-5 * slopeFd));
            // latent heat = T (s'' - s') for an equilibrium at one temperature
            assertThat(s.latentHeatJPerKg()).isCloseTo(t * (s.vaporEntropyJPerKgK() - s.liquidEntropyJPerKgK()),
                    within(1e-6 * s.latentHeatJPerKg()));
        }
    }

    @Test
    void statesAreContinuousAcrossTheSaturationDome() {
        for (double pBar : new double[] {10, 35, 60, 72}) {
            double p = Units.barToPa(pBar);
            Co2Saturation sat = CO2.saturationAtPressure(p);
            double eps = 1e-3; // J/kg
            for (double hEdge : new double[] {sat.liquidEnthalpyJPerKg(), sat.vaporEnthalpyJPerKg()}) {
                Co2State below = CO2.stateFromPressureEnthalpy(p, hEdge - eps);
                Co2State above = CO2.stateFromPressureEnthalpy(p, hEdge + eps);
                assertThat(below.phase()).isNotEqualTo(above.phase());
                assertThat(above.temperatureK()).isCloseTo(below.temperatureK(), within(1e-5));
                assertThat(above.densityKgPerM3()).isCloseTo(below.densityKgPerM3(), within(1e-5 * below.densityKgPerM3()));
                assertThat(above.entropyJPerKgK()).isCloseTo(below.entropyJPerKgK(), within(1e-5));
            }
        }
    }

    @Test
    void nearTheCriticalPointTheDomeClosesAndIsobarsStayMonotonic() {
        double previousGap = Double.POSITIVE_INFINITY;
        for (double dt : new double[] {1.0, 0.1, 0.01, 0.001}) {
            Co2Saturation s = CO2.saturationAtTemperature(SpanWagnerCo2.CRITICAL_TEMPERATURE_K - dt);
            double gap = s.liquidDensityKgPerM3() - s.vaporDensityKgPerM3();
            assertThat(s.liquidDensityKgPerM3()).isGreaterThan(SpanWagnerCo2.CRITICAL_DENSITY_KG_PER_M3);
            assertThat(s.vaporDensityKgPerM3()).isLessThan(SpanWagnerCo2.CRITICAL_DENSITY_KG_PER_M3);
            assertThat(gap).isLessThan(previousGap);
            previousGap = gap;
        }
        assertThat(previousGap).isLessThan(60.0);
        // just above p_c, h rises and rho falls monotonically through the pseudo-critical point
        double p = SpanWagnerCo2.CRITICAL_PRESSURE_PA * 1.001;
        double hPrev = Double.NEGATIVE_INFINITY;
        double rhoPrev = Double.POSITIVE_INFINITY;
        for (double t = 302.0; t <= 306.0; t += 0.05) {
            Co2State s = CO2.stateFromPressureTemperature(p, t);
            assertThat(s.enthalpyJPerKg()).isGreaterThan(hPrev);
            assertThat(s.densityKgPerM3()).isLessThan(rhoPrev);
            assertThat(CO2.stateFromPressureEnthalpy(p, s.enthalpyJPerKg()).temperatureK()).isCloseTo(t, within(1e-6));
            hPrev = s.enthalpyJPerKg();
            rhoPrev = s.densityKgPerM3();
        }
    }

    @Test
    void twoPhaseStatesCarryQualityAndMixtureProperties() {
        double t = Units.degCToK(-10.0);
        Co2Saturation sat = CO2.saturationAtTemperature(t);
        double h = sat.liquidEnthalpyJPerKg() + 0.4 * sat.latentHeatJPerKg();
        Co2State s = CO2.stateFromPressureEnthalpy(sat.pressurePa(), h);
        assertThat(s.phase()).isEqualTo(Co2Phase.TWO_PHASE);
        assertThat(s.quality()).isCloseTo(0.4, within(1e-6));
        assertThat(s.temperatureK()).isCloseTo(t, within(1e-6));
        assertThat(1 / s.densityKgPerM3()).isCloseTo(0.6 / sat.liquidDensityKgPerM3() + 0.4 / sat.vaporDensityKgPerM3(),
                within(1e-9));
        assertThat(s.cpJPerKgK()).isNaN();
        Co2State byRho = CO2.stateFromTemperatureDensity(t, s.densityKgPerM3());
        assertThat(byRho.quality()).isCloseTo(0.4, within(1e-6));
    }

    @Test
    void outOfRangeInputsFailWithQuantityValueAndRange() {
        assertThatThrownBy(() -> CO2.stateFromPressureTemperature(Units.barToPa(400), 350))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pressurePa").hasMessageContaining("4.0E7")
                .hasMessageContaining("3.0E7");
        assertThatThrownBy(() -> CO2.stateFromPressureTemperature(Units.barToPa(100), Units.degCToK(300)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperatureK");
        assertThatThrownBy(() -> CO2.stateFromPressureTemperature(Units.barToPa(200), 219.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("solid");
        assertThatThrownBy(() -> CO2.stateFromPressureEnthalpy(Units.barToPa(100), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enthalpyJPerKg");
        assertThatThrownBy(() -> CO2.stateFromPressureEnthalpy(Units.barToPa(100), 5.0e6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enthalpyJPerKg");
        assertThatThrownBy(() -> CO2.saturationAtTemperature(310.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperatureK");
        assertThatThrownBy(() -> CO2.saturationTemperatureK(Units.barToPa(80)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pressurePa");
    }
}
