package io.hilbench.plant.co2;

import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The frost state initialiser of the air sections ({@code hp.airSectionN.initialFrostRatio}, issue 8 item 2): a scenario
 * starts with frost already grown ("Given section 2 is 60 % frosted") instead of hours of growth at 0 °C / 90 % RH. A
 * change applies once, at the next step; the same value again leaves the frost to the physics.
 */
class FrostInitialiserTest {
    @Test
    void aChangedInitialFrostRatioSetsThatSectionsFrostOnceAndTheCapacityFollows() {
        Co2HeatPumpPlant plant = new Co2HeatPumpPlant(Co2HeatPumpParameters.solrodDefaults(), Co2Tables.build(Co2TableParameters.plantDefault()));
        SignalCatalogue c = plant.catalogue();
        double[] u = plant.defaultInputs().values();
        assertThat(u[c.inputIndex("hp.airSection2.initialFrostRatio")]).as("no initialiser by default").isNaN();
        double max = plant.section(1).frost().parameters().maxMassKg();

        u[c.inputIndex("hp.airSection2.initialFrostRatio")] = 0.6;
        PlantSnapshot s = plant.step(0.1, new PlantInputs(u));
        assertThat(s.outputs()[c.outputIndex("hp.airSection2.frostMassKg")]).isCloseTo(0.6 * max, within(1e-9));
        assertThat(s.outputs()[c.outputIndex("hp.airSection1.frostMassKg")]).isZero();
        // FrostLayer (4): the ice factor 0.4 cuts UA and airflow, so the section has lost capacity against a clean coil
        assertThat(s.outputs()[c.outputIndex("hp.airSection2.capacityRatio")]).isLessThan(0.7);
        assertThat(s.events()).anyMatch(e -> e.contains("air section 2 frost set to"));

        plant.section(1).frost().add(-0.1 * max); // e.g. melted by a defrost: the unchanged input must not put it back
        plant.step(0.1, new PlantInputs(u));
        assertThat(plant.section(1).frost().massKg()).isCloseTo(0.5 * max, within(1e-9));

        plant.reset(0); // a reset forgets what was applied: the same input applies again
        s = plant.step(0.1, new PlantInputs(u));
        assertThat(s.outputs()[c.outputIndex("hp.airSection2.frostMassKg")]).isCloseTo(0.6 * max, within(1e-9));
    }
}
