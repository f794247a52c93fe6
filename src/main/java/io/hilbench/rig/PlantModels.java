package io.hilbench.rig;

import io.hilbench.plant.FirstHeatPumpPlant;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.SignalCatalogue;

/**
 * The plant models a rig can name in {@code plant.model}. Today one: {@code solrod}, served by the first,
 * simple heat-pump plant (plant-models/first-heat-pump/README.md) until the CO2 cycle model replaces it
 * behind the same {@link PlantModel} interface.
 */
public final class PlantModels {
    private PlantModels() {}

    /** A fresh plant for the rig's model. */
    public static PlantModel create(Rig rig) {
        return create(rig.plant().model());
    }

    public static PlantModel create(String model) {
        return switch (model) {
            case "solrod" -> new FirstHeatPumpPlant();
            default -> throw new IllegalArgumentException("unknown plant model '" + model + "' (known: solrod)");
        };
    }

    /** The outputs and inputs a model offers for binding, for rig validation. */
    public static SignalCatalogue catalogue(String model) {
        return create(model).catalogue();
    }
}
