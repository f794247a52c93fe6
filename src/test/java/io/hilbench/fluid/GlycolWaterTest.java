package io.hilbench.fluid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hilbench.Units;
import org.junit.jupiter.api.Test;

/** The constant-property glycol-water model: energy balance, inversion and range. */
class GlycolWaterTest {

    private final GlycolWater fluid = new GlycolWater(GlycolWaterParameters.propyleneGlycol40PercentRepresentative());

    @Test
    void enthalpyDifferenceIsCpTimesTemperatureDifference() {
        double dh = fluid.enthalpyJPerKg(Units.degCToK(80)) - fluid.enthalpyJPerKg(Units.degCToK(30));
        assertThat(dh).isCloseTo(3700.0 * 50.0, within(1e-6));
        assertThat(fluid.temperatureK(fluid.enthalpyJPerKg(Units.degCToK(55)))).isCloseTo(Units.degCToK(55), within(1e-9));
    }

    @Test
    void rejectsTemperaturesOutsideTheFluidRangeAndBadParameters() {
        assertThatThrownBy(() -> fluid.cpJPerKgK(Units.degCToK(-30))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperatureK");
        assertThatThrownBy(() -> new GlycolWaterParameters("x", 1020, -5, 253.15, 400))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpJPerKgK");
    }
}
