package io.hilbench.fluid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference-data tests of {@link Co2Transport} against the check values published with the correlations
 * (Fenghour et al. 1998; Scalabrin et al. 2006), as also used by CoolProp's transport validation tests.
 */
class Co2TransportTest {

    private static final Co2Transport TRANSPORT = new Co2Transport();
    private static final SpanWagnerCo2 EOS = new SpanWagnerCo2();

    @ParameterizedTest(name = "T = {0} K, rho = {1} kg/m3")
    @CsvSource({
        "220, 2.440, 11.06, 1e-3",
        "300, 1.773, 15.02, 1e-3",
        "800, 0.662, 35.09, 1e-3",
        "220, 1194.86, 269.37, 1e-3",
        "300, 1029.27, 132.55, 1e-3",
        "800, 407.828, 48.74, 1e-3",
        // near-critical check value: 1 % because the critical enhancement is omitted (as in the reference)
        "304, 254.320, 20.99, 1e-2"})
    void viscosityReproducesFenghourCheckValues(double t, double rho, double etaMicroPaS, double relTol) {
        assertThat(TRANSPORT.viscosityPaS(t, rho) * 1e6).isCloseTo(etaMicroPaS, within(etaMicroPaS * relTol));
    }

    @ParameterizedTest(name = "T = {0} K, rho = {1} kg/m3")
    @CsvSource({"225, 0.23555, 11.037", "275, 1281.64, 238.44"})
    void conductivityBackgroundReproducesScalabrinCheckValuesAwayFromTheCriticalPoint(double t, double rho,
                                                                                        double lambdaMilli) {
        // 0.1 %: these points carry a negligible critical enhancement, which this class omits
        assertThat(TRANSPORT.thermalConductivityWPerMK(t, rho) * 1e3).isCloseTo(lambdaMilli, within(lambdaMilli * 1e-3));
    }

    @Test
    void conductivityOnTheSaturationLineAt218KMatchesScalabrinWithinATenthOfAPercent() {
        Co2Saturation sat = EOS.saturationAtTemperature(218.0);
        assertThat(TRANSPORT.thermalConductivityWPerMK(218.0, sat.liquidDensityKgPerM3()) * 1e3)
                .isCloseTo(181.09, within(181.09 * 1e-3));
        assertThat(TRANSPORT.thermalConductivityWPerMK(218.0, sat.vaporDensityKgPerM3()) * 1e3)
                .isCloseTo(10.837, within(10.837 * 1e-3));
    }

    @Test
    void omittedCriticalEnhancementUnderestimatesConductivityNearTheCriticalPoint() {
        // documents the simplification: the published saturated values at 304 K are 140.3 and 217.95 mW/(m K)
        Co2Saturation sat = EOS.saturationAtTemperature(304.0);
        double liquid = TRANSPORT.thermalConductivityWPerMK(304.0, sat.liquidDensityKgPerM3()) * 1e3;
        double vapor = TRANSPORT.thermalConductivityWPerMK(304.0, sat.vaporDensityKgPerM3()) * 1e3;
        assertThat(liquid).isLessThan(140.3);
        assertThat(vapor).isLessThan(217.95);
    }

    @Test
    void rejectsStatesOutsideTheCorrelationRange() {
        assertThatThrownBy(() -> TRANSPORT.viscosityPaS(150.0, 10.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperatureK");
        assertThatThrownBy(() -> TRANSPORT.thermalConductivityWPerMK(300.0, -1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("densityKgPerM3");
    }
}
