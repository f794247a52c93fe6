package io.hilbench.plant.co2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hilbench.fluid.Co2Saturation;
import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The receiver's liquid inventory and its flashing (issue #15 item 5; {@link Receiver} equations (3)–(5)): the
 * capacitance the liquid adds as it flashes, the inventory balance, and the EEVs' feed limited by an empty receiver.
 */
class ReceiverTest {
    static Co2Tables co2;

    @BeforeAll
    static void tables() {
        co2 = Co2Tables.build(Co2TableParameters.plantDefault());
    }

    @Test
    void theFlashingLiquidMakesTheReceiverSeveralTimesLessLivelyThanItsVapourAlone() {
        // at 35 bar: h'(p) rises 2.6 kJ/kg per bar and h_fg is 229 kJ/kg, so each kg of liquid gives ~0.0114 kg of
        // vapour per bar of pressure fall; the default charge (half the 0.5 m³ at 20 °C: 193 kg) adds 2.2 kg/bar to the
        // vapour space's 0.85 kg/bar (the review's figures: 2.66 kg/bar of flashing to 0.84 of vapour)
        Receiver r = new Receiver(ReceiverParameters.solrodDefaults());
        Co2Saturation room = co2.saturationAtPressure(co2.saturationPressurePa(293.15));
        r.reset(room.pressurePa(), room.liquidDensityKgPerM3());
        assertThat(r.liquidKg()).isCloseTo(193.3, within(0.5));
        Co2Saturation at = co2.saturationAtPressure(35e5), above = co2.saturationAtPressure(36e5);
        double k = Receiver.flashingKgPerKgPa(at, above, 1e5);
        assertThat(k * 1e5).isCloseTo(0.0114, within(0.0005));
        double dRhoVdp = (above.vaporDensityKgPerM3() - at.vaporDensityKgPerM3()) / 1e5;
        double vapour = r.vapourCapacitanceKgPerPa(at.liquidDensityKgPerM3(), dRhoVdp) * 1e5;
        double total = r.capacitanceKgPerPa(at.liquidDensityKgPerM3(), dRhoVdp, k) * 1e5;
        assertThat(vapour).as("kg/bar of the vapour space").isBetween(0.8, 1.0);
        assertThat(total / vapour).as("with the flashing liquid").isBetween(3.0, 4.0);
    }

    @Test
    void theInventoryBalancesWhatArrivesWhatIsFedAndWhatFlashesAndAnEmptyReceiverFeedsOnlyWhatArrives() {
        Receiver r = new Receiver(ReceiverParameters.solrodDefaults());
        r.reset(35e5, 900);   // 0.25 m³ of liquid at 900 kg/m³
        double start = r.liquidKg();
        assertThat(start).isCloseTo(225.0, within(1e-9));
        r.stepLiquid(10, 3.0, 4.0, 2.5);   // 10 s: 30 kg in, 40 kg fed, 2.5 kg flashed
        assertThat(r.liquidKg()).isCloseTo(start - 12.5, within(1e-9));
        assertThat(r.feedLimitKgPerS(0.1, 3.0)).as("with liquid: the inventory over the sub-step").isCloseTo(212.5 / 0.1 + 3.0, within(1e-9));
        r.stepLiquid(1, 0, 212.5, 0);
        assertThat(r.liquidKg()).isCloseTo(0.0, within(1e-9));
        assertThat(r.feedLimitKgPerS(0.1, 3.0)).as("empty: what arrives").isEqualTo(3.0);
        assertThat(r.vapourVolumeM3(900)).as("empty: the whole vessel is vapour").isEqualTo(0.5);
        r.reset(35e5, 900);
        r.stepLiquid(1, 400, 0, 0);
        assertThat(r.liquidLevelRatio(900)).as("flooded: reported above 1, not hidden").isGreaterThan(1.0);
        assertThat(r.vapourVolumeM3(900)).as("the vapour space never below 5 %").isEqualTo(0.025);
    }
}
