package io.hilbench.fluid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hilbench.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IAPWS-IF97 verification values (Table 5, region 1; Table 35, region 4) and the water range checks. */
class WaterIf97Region1Test {

    private static final WaterIf97Region1 WATER = new WaterIf97Region1();

    @ParameterizedTest(name = "T = {0} K, p = {1} MPa")
    @CsvSource({
        // T [K], p [MPa], v [m3/kg], h [kJ/kg], s [kJ/(kg K)], cp [kJ/(kg K)], w [m/s]  (IF97 Table 5)
        "300, 3,  0.100215168e-2, 0.115331273e3, 0.392294792,   0.417301218e1, 0.150773921e4",
        "300, 80, 0.971180894e-3, 0.184142828e3, 0.368563852,   0.401008987e1, 0.163469054e4",
        "500, 3,  0.120241800e-2, 0.975542239e3, 0.258041912e1, 0.465580682e1, 0.124071337e4"})
    void reproducesTheIf97VerificationValues(double t, double pMPa, double v, double hKJ, double sKJ, double cpKJ,
                                             double w) {
        double p = pMPa * 1e6;
        // the full region-1 evaluation (500 K is above this class's 200 degC limit but inside region 1)
        double[] r = WaterIf97Region1.region1Properties(p, t);
        assertThat(r[0]).isCloseTo(v, within(v * 1e-8));
        assertThat(r[1]).isCloseTo(hKJ * 1e3, within(hKJ * 1e3 * 1e-8));
        assertThat(r[2]).isCloseTo(sKJ * 1e3, within(sKJ * 1e3 * 1e-8));
        assertThat(r[3]).isCloseTo(cpKJ * 1e3, within(cpKJ * 1e3 * 1e-8));
        assertThat(r[4]).isCloseTo(w, within(w * 1e-8));
        if (t <= WaterIf97Region1.MAX_TEMPERATURE_K) {
            // and the public, range-checked methods agree with it
            assertThat(1 / WATER.densityKgPerM3(p, t)).isCloseTo(v, within(v * 1e-8));
            assertThat(WATER.enthalpyJPerKg(p, t)).isCloseTo(hKJ * 1e3, within(hKJ * 1e3 * 1e-8));
            assertThat(WATER.entropyJPerKgK(p, t)).isCloseTo(sKJ * 1e3, within(sKJ * 1e3 * 1e-8));
            assertThat(WATER.cpJPerKgK(p, t)).isCloseTo(cpKJ * 1e3, within(cpKJ * 1e3 * 1e-8));
            assertThat(WATER.speedOfSoundMPerS(p, t)).isCloseTo(w, within(w * 1e-8));
        } else {
            assertThatThrownBy(() -> WATER.enthalpyJPerKg(p, t)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("temperatureK");
        }
    }

    @ParameterizedTest(name = "T = {0} K")
    @CsvSource({"300, 0.353658941e-2", "500, 0.263889776e1", "600, 0.123443146e2"})
    void saturationPressureReproducesIf97Table35(double t, double pMPa) {
        assertThat(WaterIf97Region1.saturationPressurePa(t)).isCloseTo(pMPa * 1e6, within(pMPa * 1e6 * 1e-8));
    }

    @Test
    void enthalpyInvertsToTemperature() {
        for (double tDegC = 1; tDegC < 200; tDegC += 7) {
            double p = Units.barToPa(20);
            double t = Units.degCToK(tDegC);
            assertThat(WATER.temperatureFromPressureEnthalpy(p, WATER.enthalpyJPerKg(p, t))).isCloseTo(t, within(1e-7));
        }
    }

    @Test
    void rejectsBoilingWaterAndOutOfRangeTemperatures() {
        // at 5 bar water boils at 151.8 degC: 180 degC is steam, outside region 1
        assertThatThrownBy(() -> WATER.densityKgPerM3(Units.barToPa(5), Units.degCToK(180)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pressurePa");
        assertThatThrownBy(() -> WATER.cpJPerKgK(Units.barToPa(10), Units.degCToK(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperatureK");
    }
}
