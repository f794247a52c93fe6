package io.hilbench.rig;

import static org.assertj.core.api.Assertions.assertThat;

import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.Co2HeatPumpParameters;
import io.hilbench.plant.Co2HeatPumpPlant;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Solrød rig's point map binds unchanged to the CO2 heat pump's catalogue (issue 5: the lead switches the rig once
 * the scenario suite passes on it; this proves the switch needs no map edit).
 */
class Co2HeatPumpRigBindingTest {
    @Test
    void solrodRigLoadsAgainstTheCo2HeatPumpCatalogue() throws RigException {
        Co2HeatPumpPlant plant = new Co2HeatPumpPlant(Co2HeatPumpParameters.solrodDefaults(), Co2Tables.build(Co2TableParameters.plantDefault()));
        Rig rig = RigLoader.load(Path.of("rigs/solrod"), plant.catalogue());
        assertThat(rig.plant().model()).isEqualTo("solrod");
    }
}
