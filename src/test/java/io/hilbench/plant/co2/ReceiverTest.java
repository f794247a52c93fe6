package io.hilbench.plant.co2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hilbench.fluid.Co2Saturation;
import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The receiver as a two-phase volume with mass and energy as states ({@link Receiver} (3)–(5), issue #15 items 2 and
 * 5): the flashing liquid makes it several times less lively than its vapour alone, as the first-order form said, its
 * balances are exact, and an empty receiver feeds only what arrives.
 */
class ReceiverTest {
    static Co2Tables co2;

    @BeforeAll
    static void tables() {
        co2 = Co2Tables.build(Co2TableParameters.plantDefault());
    }

    @Test
    void theFlashingLiquidMakesTheReceiverSeveralTimesLessLivelyThanItsVapourAlone() {
        Receiver r = new Receiver(ReceiverParameters.solrodDefaults());
        Co2Saturation room = co2.saturationAtPressure(co2.saturationPressurePa(293.15));
        r.reset(room);
        assertThat(r.liquidKg()).as("half the 0.5 m³ at 20 °C").isCloseTo(193.3, within(0.5));
        // the equilibrium's dM/dp for vapour drawn at 35 bar, against the first-order form it replaces:
        // V_v·dρ''/dp + M_l·(dh'/dp)/h_fg (0.85 + 2.2 kg/bar for 193 kg of liquid)
        Co2Saturation at = co2.saturationAtPressure(35e5);
        Co2Saturation above = co2.saturationAtPressure(36e5);
        r.reset(at);
        double ml = r.liquidKg();
        r.solvePressure(co2, at, at.vaporEnthalpyJPerKg(), 7e5, 72e5);
        double equilibrium = r.capacitanceKgPerPa() * 1e5;
        double vv = 0.5 - ml / at.liquidDensityKgPerM3();
        double vapour = vv * (above.vaporDensityKgPerM3() - at.vaporDensityKgPerM3());
        double firstOrder = vapour + ml * Receiver.flashingKgPerKgPa(at, above, 1e5) * 1e5;
        assertThat(equilibrium / vapour).as("with the flashing liquid, kg/bar %.2f vs vapour %.2f", equilibrium, vapour).isBetween(3.0, 4.5);
        // measured 2.79 against 3.49 kg/bar: the first-order form overstated it by a quarter (it left out the energy the
        // vapour space itself gives up as it expands and the volume the flashed liquid frees); the first law is exact
        assertThat(equilibrium / firstOrder).as("against the first-order form %.2f kg/bar", firstOrder).isBetween(0.75, 0.85);
    }

    @Test
    void drawingVapourLowersThePressureAndTheBalancesAreExact() {
        Receiver r = new Receiver(ReceiverParameters.solrodDefaults());
        Co2Saturation s = co2.saturationAtPressure(40e5);
        r.reset(s);
        double m0 = r.massKg();
        double u0 = r.energyJ();
        double p = 40e5;
        // 100 s: 2 kg/s in at a two-phase enthalpy, 1.5 kg/s liquid fed, 1 kg/s of vapour to HV-222
        double hIn = s.liquidEnthalpyJPerKg() + 0.3 * s.latentHeatJPerKg();
        for (int i = 0; i < 1000; i++) {
            Co2Saturation at = co2.saturationAtPressure(p);
            r.step(0.1, 2.0 - 1.5 - 1.0, 2.0 * hIn - 1.5 * at.liquidEnthalpyJPerKg() - 1.0 * at.vaporEnthalpyJPerKg());
            p = r.solvePressure(co2, at, at.vaporEnthalpyJPerKg(), 7e5, 72e5);
        }
        assertThat(r.massKg()).isCloseTo(m0 - 50, within(1e-9));
        assertThat(p).as("net vapour out: the pressure falls").isLessThan(40e5);
        // the pressure is the one at which the equilibrium holds the energy state (one Newton step per sub-step)
        Co2Saturation end = co2.saturationAtPressure(p);
        assertThat(r.energyAt(end)).isCloseTo(r.energyJ(), within(2e-5 * Math.abs(r.energyJ() - u0) + 1e3));
    }

    @Test
    void anEmptyReceiverFeedsOnlyWhatArrivesAndAFloodedOneIsReported() {
        Receiver r = new Receiver(ReceiverParameters.solrodDefaults());
        Co2Saturation s = co2.saturationAtPressure(35e5);
        r.reset(s);
        double ml = r.liquidKg();
        assertThat(r.feedLimitKgPerS(0.1, 3.0)).as("with liquid: the inventory over the sub-step").isCloseTo(ml / 0.1 + 3.0, within(1e-9));
        // feed the whole liquid out
        r.step(1, -ml, -ml * s.liquidEnthalpyJPerKg());
        r.solvePressure(co2, s, s.vaporEnthalpyJPerKg(), 7e5, 72e5);
        r.solvePressure(co2, s, s.vaporEnthalpyJPerKg(), 7e5, 72e5);
        assertThat(r.liquidKg()).isCloseTo(0.0, within(1e-6));
        assertThat(r.feedLimitKgPerS(0.1, 3.0)).as("empty: what arrives").isCloseTo(3.0, within(1e-4));
        r.reset(s);
        r.step(1, 400, 400 * s.liquidEnthalpyJPerKg());
        r.solvePressure(co2, s, s.vaporEnthalpyJPerKg(), 7e5, 72e5);
        assertThat(r.liquidLevelRatio(s.liquidDensityKgPerM3())).as("flooded: reported above 1, not hidden").isGreaterThan(1.0);
    }
}
