package io.hilbench.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hilbench.plant.co2.Co2HeatPumpParameters;
import io.hilbench.plant.co2.Co2HeatPumpPlant;
import io.hilbench.plant.site.SolrodPlant;
import io.hilbench.plant.site.SolrodPlantParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plant parameters the bench serves come from YAML in plant-models/ (DESIGN §2: the rig loads plant
 * parameters), and the Java {@code solrodDefaults()} stay the validated reference: the files must equal them, value
 * for value, so the validation tests of the Java defaults hold for what is served.
 */
class PlantParametersYamlTest {
    static final Path CO2 = Path.of("plant-models/co2-heat-pump/parameters.yaml");
    static final Path SOLROD = Path.of("plant-models/solrod/parameters.yaml");

    @Test
    void theCo2HeatPumpFileEqualsTheValidatedDefaults() throws RigException {
        assertThat(PlantParameterFile.read(CO2, Co2HeatPumpParameters.class)).isEqualTo(Co2HeatPumpParameters.solrodDefaults());
    }

    @Test
    void theRestOfPlantFileEqualsTheValidatedDefaults() throws RigException {
        assertThat(PlantParameterFile.read(SOLROD, SolrodPlantParameters.class)).isEqualTo(SolrodPlantParameters.solrodDefaults());
    }

    /** The default rig names the files, and the plant it builds runs with their values. */
    @Test
    void theSolrodRigBuildsItsPlantFromTheFiles() throws RigException {
        Rig rig = RigLoader.loadDefault(Path.of("rigs/solrod"));
        assertThat(rig.plant().parameters()).isNotNull();
        assertThat(PlantModels.heatPumpFileNextTo(rig.plant().parameters())).isEqualTo(CO2.toAbsolutePath().normalize());
        SolrodPlant plant = (SolrodPlant) PlantModels.create(rig);
        assertThat(plant.parameters()).isEqualTo(SolrodPlantParameters.solrodDefaults());
        assertThat(((Co2HeatPumpPlant) plant.heatPump()).parameters()).isEqualTo(Co2HeatPumpParameters.solrodDefaults());
    }

    /** A wrong value, a missing key and a typo are each named with file, line and field; nothing falls back silently. */
    @Test
    void errorsNameFileLineAndField(@TempDir Path tmp) throws Exception {
        String text = Files.readString(CO2)
                .replace("compressorCount: 4", "compressorCount: 4.5")
                .replace("  speedMinHz: 25.0", "  speedMinHz: fast")
                .replaceFirst("\nevaporatorSuperheatK: ", "\nevaporatorSuperHeatK: ");
        Path bad = tmp.resolve("parameters.yaml");
        Files.writeString(bad, text);
        int countLine = lineOf(text, "compressorCount: 4.5");
        int speedLine = lineOf(text, "  speedMinHz: fast");
        int typoLine = lineOf(text, "evaporatorSuperHeatK: ");
        assertThatThrownBy(() -> PlantParameterFile.read(bad, Co2HeatPumpParameters.class))
                .isInstanceOf(RigException.class)
                .hasMessageContaining(bad + ":" + countLine).hasMessageContaining("compressorCount").hasMessageContaining("whole number")
                .hasMessageContaining(bad + ":" + speedLine).hasMessageContaining("compressor.speedMinHz")
                .hasMessageContaining(bad + ":" + typoLine).hasMessageContaining("evaporatorSuperHeatK").hasMessageContaining("unknown parameter")
                .hasMessageContaining("evaporatorSuperheatK").hasMessageContaining("missing");
    }

    /** A value the record's own check refuses is reported at its mapping, with the check's message. */
    @Test
    void aRecordsOwnCheckIsReported(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("parameters.yaml");
        Files.writeString(bad, Files.readString(CO2).replace("highSideVolumeM3: 0.05", "highSideVolumeM3: -0.05"));
        assertThatThrownBy(() -> PlantParameterFile.read(bad, Co2HeatPumpParameters.class))
                .isInstanceOf(RigException.class).hasMessageContaining("highSideVolumeM3");
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
