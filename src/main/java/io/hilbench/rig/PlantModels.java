package io.hilbench.rig;

import io.hilbench.plant.Co2HeatPumpPlant;
import io.hilbench.plant.FirstHeatPumpPlant;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.SignalCatalogue;
import io.hilbench.plant.SolrodPlant;

/**
 * The plant models a rig can name in {@code plant.model}:
 * <ul>
 *   <li>{@code solrod}: the whole Solrød plant ({@link SolrodPlant}: tank, solar field, network, CHP, weather,
 *       dispatcher) around the transcritical CO2 heat pump ({@link Co2HeatPumpPlant}); plant-models/solrod/.</li>
 *   <li>{@code co2-heat-pump}: the CO2 heat pump alone, its external inputs (weather, DH return, tank bottom)
 *       set directly; plant-models/co2-heat-pump/.</li>
 *   <li>{@code first-heat-pump}: the first, simple heat pump of session 1 (plant-models/first-heat-pump/), kept
 *       for its tests and as a fast plant for loop tests.</li>
 * </ul>
 */
public final class PlantModels {
    public static final String SOLROD = "solrod";
    public static final String CO2_HEAT_PUMP = "co2-heat-pump";
    public static final String FIRST_HEAT_PUMP = "first-heat-pump";
    /** Every model name a rig may give. */
    public static final java.util.List<String> NAMES = java.util.List.of(SOLROD, CO2_HEAT_PUMP, FIRST_HEAT_PUMP);

    private PlantModels() {}

    /** A fresh plant for the rig's model. */
    public static PlantModel create(Rig rig) {
        return create(rig.plant().model());
    }

    public static PlantModel create(String model) {
        return switch (model) {
            case SOLROD -> new SolrodPlant(new Co2HeatPumpPlant());
            case CO2_HEAT_PUMP -> new Co2HeatPumpPlant();
            case FIRST_HEAT_PUMP -> new FirstHeatPumpPlant();
            default -> throw new IllegalArgumentException("unknown plant model '" + model + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** The outputs and inputs a model offers for binding, for rig validation. */
    public static SignalCatalogue catalogue(String model) {
        return create(model).catalogue();
    }
}
