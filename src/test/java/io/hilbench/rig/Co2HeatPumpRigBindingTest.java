package io.hilbench.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hilbench.plant.co2.Co2HeatPumpPlant;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.site.SolrodPlant;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code plant.model: solrod} serves the whole Solrød plant around the CO2 heat pump (issues 5 and 6), and the
 * Solrød point map binds to it; the CO2 heat pump alone no longer carries the map, because the map now reads what
 * only the whole plant computes (tank nodes, network served heat, headers).
 */
class Co2HeatPumpRigBindingTest {
    @Test
    void solrodServesTheWholePlantAroundTheCo2HeatPump() {
        PlantModel served = PlantModels.create("solrod");
        assertThat(served).isInstanceOf(SolrodPlant.class);
        assertThat(((SolrodPlant) served).heatPump()).isInstanceOf(Co2HeatPumpPlant.class);
        // the first plant is retired (issue #15 item 8): a rig that still names it is told what replaces it
        assertThatThrownBy(() -> PlantModels.create("first-heat-pump")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is retired").hasMessageContaining("use co2-heat-pump");
        assertThatThrownBy(() -> PlantModels.create("nonesuch")).hasMessageContaining("(known: solrod, co2-heat-pump)");
    }

    @Test
    void solrodRigLoadsAgainstTheServedPlantsCatalogue() throws RigException {
        Rig rig = RigLoader.load(Path.of("rigs/solrod"), PlantModels.catalogue("solrod"));
        assertThat(rig.plant().model()).isEqualTo("solrod");
        assertThat(rig.points()).extracting(p -> p.binding().toString()).contains("plant.hp.safety.tripReason", "plant.tank.node24TemperatureK",
                "plant.hp.airSection4.frostMassKg", "plant.network.unservedHeatW");
    }

    /** The CO2 heat pump alone lacks the whole plant's outputs: the map names them, so it must say which. */
    @Test
    void theHeatPumpAloneCannotCarryTheMap() {
        assertThatThrownBy(() -> RigLoader.load(Path.of("rigs/solrod"), new Co2HeatPumpPlant().catalogue()))
                .isInstanceOf(RigException.class).hasMessageContaining("tank.node0TemperatureK");
    }
}
