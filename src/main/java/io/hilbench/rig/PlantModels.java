package io.hilbench.rig;

import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.Co2HeatPumpParameters;
import io.hilbench.plant.Co2HeatPumpPlant;
import io.hilbench.plant.FirstHeatPumpPlant;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.SignalCatalogue;
import io.hilbench.plant.SolrodPlant;
import io.hilbench.plant.SolrodPlantParameters;

import java.nio.file.Path;

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

    /**
     * A fresh plant for the rig's model, with the parameters of the rig's {@code plant.parameters} file when it names
     * one (else the Java {@code solrodDefaults()}): for {@code solrod} that file holds the rest of the plant
     * ({@link SolrodPlantParameters}) and the heat pump's are read from {@code ../co2-heat-pump/parameters.yaml} next
     * to it (plant-models/ keeps one folder per model); for {@code co2-heat-pump} it holds
     * {@link Co2HeatPumpParameters}. The first heat pump takes no file.
     *
     * @throws IllegalArgumentException a parameter file with errors (each with file, line and field), or an unknown model
     */
    /**
     * The plant-models/ folders that document a model and hold its parameters: the model's own and those of the
     * components it is built from (the evidence bundle carries them all, DESIGN §10).
     */
    public static java.util.List<String> documentation(String model) {
        return switch (model) {
            case SOLROD -> java.util.List.of(SOLROD, CO2_HEAT_PUMP, "co2-properties", "tank", "solar-field", "dh-network", "biogas-chp", "weather");
            case CO2_HEAT_PUMP -> java.util.List.of(CO2_HEAT_PUMP, "co2-properties");
            case FIRST_HEAT_PUMP -> java.util.List.of(FIRST_HEAT_PUMP);
            default -> throw new IllegalArgumentException("unknown plant model '" + model + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    public static PlantModel create(Rig rig) {
        Path file = rig.plant().parameters();
        String model = rig.plant().model();
        if (file == null) return create(model);
        try {
            return switch (model) {
                case SOLROD -> new SolrodPlant(new Co2HeatPumpPlant(PlantParameterFile.read(heatPumpFileNextTo(file), Co2HeatPumpParameters.class),
                        Co2Tables.plantDefault()), PlantParameterFile.read(file, SolrodPlantParameters.class));
                case CO2_HEAT_PUMP -> new Co2HeatPumpPlant(PlantParameterFile.read(file, Co2HeatPumpParameters.class), Co2Tables.plantDefault());
                case FIRST_HEAT_PUMP -> throw new IllegalArgumentException("plant model first-heat-pump takes no parameter file (plant.parameters: " + file + ")");
                default -> create(model);
            };
        } catch (RigException e) {
            throw new IllegalArgumentException("plant parameters of rig " + rig.name() + ":\n" + e.getMessage(), e);
        }
    }

    /** The heat pump's parameter file of the whole Solrød plant: {@code ../co2-heat-pump/parameters.yaml} from its own. */
    public static Path heatPumpFileNextTo(Path solrodParameters) {
        Path dir = solrodParameters.toAbsolutePath().normalize().getParent();
        return dir.resolveSibling(CO2_HEAT_PUMP).resolve("parameters.yaml");
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
