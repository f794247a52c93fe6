package io.hilbench.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hilbench.plant.co2.Co2HeatPumpParameters;
import io.hilbench.plant.site.SolrodPlantParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plant parameter overrides (issue #15 item 7): a rig's {@code plant.overrides} and a run's {@code --plant-param} set
 * values over the parameter files, are checked as the files are, and errors name their source and the field.
 */
class PlantOverridesTest {
    static final Path PLANT_MODELS = Path.of("plant-models").toAbsolutePath();

    /** rigs/solrod copied to {@code tmp} with its parameter file path made absolute and {@code plantExtra} added under plant:. */
    static Path rigWith(Path tmp, String plantExtra) throws Exception {
        Path dir = tmp.resolve("solrod");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(Path.of("rigs/solrod"))) {
            for (Path f : (Iterable<Path>) files::iterator) if (Files.isRegularFile(f)) Files.copy(f, dir.resolve(f.getFileName()));
        }
        String yaml = Files.readString(dir.resolve("rig.yaml")).replace("parameters: ../../plant-models/solrod/parameters.yaml",
                "parameters: " + PLANT_MODELS.resolve("solrod/parameters.yaml") + plantExtra);
        Files.writeString(dir.resolve("rig.yaml"), yaml);
        return dir;
    }

    static int lineOf(Path file, String needle) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(needle)) return i + 1;
        throw new AssertionError(needle + " not in " + file);
    }

    static Rig solrod() throws RigException {
        return RigLoader.loadDefault(Path.of("rigs/solrod"));
    }

    static List<PlantOverride> cli(String... args) {
        return PlantOverride.fromArguments(List.of(args));
    }

    @Test
    void aRunOverrideSetsTheHeatPumpsValueAndNothingElse() throws RigException {
        PlantModels.Parameters p = PlantModels.parameters(solrod().withRunOverrides(cli("gasCooler.co2SideUaNominalWPerK=300000")));
        Co2HeatPumpParameters d = Co2HeatPumpParameters.solrodDefaults();
        assertThat(p.heatPump().gasCooler().co2SideUaNominalWPerK()).isEqualTo(300_000.0);
        assertThat(p.heatPump().gasCooler().waterSideUaNominalWPerK()).isEqualTo(d.gasCooler().waterSideUaNominalWPerK());
        assertThat(p.heatPump().compressor()).isEqualTo(d.compressor());
        assertThat(p.site()).isEqualTo(SolrodPlantParameters.solrodDefaults());
    }

    @Test
    void prefixesAddressEachFileAndAWholeNumberStaysWhole() throws RigException {
        PlantModels.Parameters p = PlantModels.parameters(solrod().withRunOverrides(cli(
                "site.tank.volumeM3=1000", "heatPump.waterDensityKgPerM3=990", "site.waterDensityKgPerM3=980", "gasCooler.cellCount=30", "compressorCount=3")));
        assertThat(p.site().tank().volumeM3()).isEqualTo(1000.0);
        assertThat(p.heatPump().waterDensityKgPerM3()).isEqualTo(990.0);
        assertThat(p.site().waterDensityKgPerM3()).isEqualTo(980.0);
        assertThat(p.heatPump().gasCooler().cellCount()).isEqualTo(30);
        assertThat(p.heatPump().compressorCount()).isEqualTo(3);
    }

    @Test
    void rigOverridesApplyAndARunsWinOverThem(@TempDir Path tmp) throws Exception {
        Path dir = rigWith(tmp, "\n  overrides:\n    gasCooler.co2SideUaNominalWPerK: 200000\n    tank:\n      volumeM3: 1100\n");
        Rig rig = RigLoader.loadDefault(dir);
        assertThat(rig.plant().overrides()).extracting(PlantOverride::key).containsExactly("gasCooler.co2SideUaNominalWPerK", "tank.volumeM3");
        PlantModels.Parameters fromRig = PlantModels.parameters(rig);
        assertThat(fromRig.heatPump().gasCooler().co2SideUaNominalWPerK()).isEqualTo(200_000.0);
        assertThat(fromRig.site().tank().volumeM3()).isEqualTo(1100.0);
        // and the plant a bench run builds has it
        io.hilbench.plant.site.SolrodPlant plant = (io.hilbench.plant.site.SolrodPlant) PlantModels.create(rig);
        assertThat(((io.hilbench.plant.co2.Co2HeatPumpPlant) plant.heatPump()).parameters().gasCooler().co2SideUaNominalWPerK()).isEqualTo(200_000.0);

        Rig run = rig.withRunOverrides(cli("heatPump.gasCooler.co2SideUaNominalWPerK=300000"));
        assertThat(PlantModels.parameters(run).heatPump().gasCooler().co2SideUaNominalWPerK()).isEqualTo(300_000.0);
        assertThat(PlantModels.parameters(run).site().tank().volumeM3()).isEqualTo(1100.0);

        // what the manifest records: the values in force, their sources, the rig value the run replaced
        List<Map<String, Object>> described = PlantModels.describe(PlantModels.resolve(run.plant().model(), run.plant().overrides()));
        int uaLine = lineOf(dir.resolve("rig.yaml"), "gasCooler.co2SideUaNominalWPerK: 200000");
        assertThat(described).hasSize(2);
        assertThat(described.get(0)).containsEntry("key", "site.tank.volumeM3").containsEntry("value", "1100")
                .containsEntry("source", dir.resolve("rig.yaml") + ":" + lineOf(dir.resolve("rig.yaml"), "volumeM3: 1100"));
        assertThat(described.get(1)).containsEntry("key", "heatPump.gasCooler.co2SideUaNominalWPerK").containsEntry("value", "300000")
                .containsEntry("source", "--plant-param heatPump.gasCooler.co2SideUaNominalWPerK")
                .containsEntry("replaced", List.of("200000 (" + dir.resolve("rig.yaml") + ":" + uaLine + ")"));
    }

    @Test
    void aRigOverrideErrorNamesItsRigYamlLineAndField(@TempDir Path tmp) throws Exception {
        Path dir = rigWith(tmp, "\n  overrides:\n    gasCooler.co2SideUaNominalWPerK: lots\n    gasCooler.flowExponent: 1.5\n");
        Rig rig = RigLoader.loadDefault(dir);   // the rig itself loads; the values are checked when the plant is built
        Path yaml = dir.resolve("rig.yaml");
        assertThatThrownBy(() -> PlantModels.parameters(rig)).isInstanceOf(RigException.class)
                .hasMessageContaining(yaml + ":" + lineOf(yaml, "co2SideUaNominalWPerK: lots") + ": field gasCooler.co2SideUaNominalWPerK: expected a number, got the text 'lots'");
        // the record's own check: flowExponent in [0, 1]
        Path dir2 = rigWith(tmp.resolve("b"), "\n  overrides:\n    gasCooler.flowExponent: 1.5\n");
        Path yaml2 = dir2.resolve("rig.yaml");
        assertThatThrownBy(() -> PlantModels.parameters(RigLoader.loadDefault(dir2))).isInstanceOf(RigException.class)
                .hasMessageContaining(yaml2 + ":" + lineOf(yaml2, "flowExponent: 1.5") + ": field gasCooler.flowExponent: GasCoolerParameters refuses it")
                .hasMessageContaining("flowExponent");
        assertThatThrownBy(() -> PlantModels.create(RigLoader.loadDefault(dir2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flowExponent");
    }

    @Test
    void aListIsNoOverrideValue(@TempDir Path tmp) throws Exception {
        Path dir = rigWith(tmp, "\n  overrides:\n    gasCooler.cellCount: [20, 30]\n");
        assertThatThrownBy(() -> RigLoader.loadDefault(dir)).isInstanceOf(RigException.class)
                .hasMessageContaining("field plant.overrides.gasCooler.cellCount: expected one value, got a list");
    }

    @Test
    void commandLineErrorsNameTheOptionAndTheField() throws RigException {
        Rig rig = solrod().withRunOverrides(cli(
                "gasCooler.co2SideUaNominalWPerK=abc",      // not a number
                "gasCooler.cellCount=20.5",                 // not a whole number
                "gasCooler.waterSideUaNominalWPerK=-1",     // GasCoolerParameters would refuse it, but is not built with bad values in it
                "gasCooler.nope=1",                         // unknown inside a known group
                "nope=1",                                   // unknown at the top
                "gasCooler=1",                              // a group, not a value
                "waterDensityKgPerM3=990"));                // in both files
        RigException e = org.junit.jupiter.api.Assertions.assertThrows(RigException.class, () -> PlantModels.parameters(rig));
        // as in the file: a record's own checks run once all its values read (the next test shows the refusal alone)
        assertThat(e.errors()).as(e.getMessage()).hasSize(6);
        assertThat(e.errors()).allSatisfy(x -> assertThat(x.toString()).startsWith("--plant-param " + x.field() + ": field " + x.field() + ": "));
        assertThat(e.getMessage())
                .contains("--plant-param gasCooler.co2SideUaNominalWPerK: field gasCooler.co2SideUaNominalWPerK: expected a number, got the text 'abc'")
                .contains("--plant-param gasCooler.cellCount: field gasCooler.cellCount: expected a whole number, got the number 20.5")
                .contains("--plant-param gasCooler.nope: field gasCooler.nope: unknown parameter 'nope' in gasCooler of GasCoolerParameters")
                .contains("--plant-param nope: field nope: unknown parameter 'nope' (known: heatPump.: compressorCount")
                .contains("--plant-param gasCooler: field gasCooler: is a group of parameters (GasCoolerParameters)")
                .contains("--plant-param waterDensityKgPerM3: field waterDensityKgPerM3: ambiguous: both the heat pump's and the rest of the plant's parameter files "
                        + "have 'waterDensityKgPerM3'; write heatPump.waterDensityKgPerM3 or site.waterDensityKgPerM3");
    }

    @Test
    void aRecordRefusalWithBadValuesStillReportsTheRest() {
        // a value with a record check: reported at the override, with the check's message and the file's mapping
        assertThatThrownBy(() -> PlantModels.parameters(solrod().withRunOverrides(cli("gasCooler.waterSideUaNominalWPerK=-1"))))
                .isInstanceOf(RigException.class)
                .hasMessageContaining("--plant-param gasCooler.waterSideUaNominalWPerK: field gasCooler.waterSideUaNominalWPerK: GasCoolerParameters refuses it: waterSideUaNominalWPerK must be > 0")
                .hasMessageContaining("co2-heat-pump/parameters.yaml:");
    }

    @Test
    void anArgumentWithoutEqualsIsAUsageError() {
        assertThatThrownBy(() -> PlantOverride.fromArgument("gasCooler.cellCount")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--plant-param gasCooler.cellCount: expected KEY=VALUE");
        assertThat(PlantOverride.fromArgument("a.b=3.0e5").token()).isEqualTo(com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT);
        assertThat(PlantOverride.fromArgument("a.b=").token()).isEqualTo(com.fasterxml.jackson.core.JsonToken.VALUE_NULL);
    }

    @Test
    void aModelWithoutTheFileRefusesItsPrefix() {
        assertThatThrownBy(() -> PlantModels.resolve(PlantModels.CO2_HEAT_PUMP, cli("site.tank.volumeM3=1000")))
                .isInstanceOf(RigException.class).hasMessageContaining("plant model co2-heat-pump has no site parameters");
        assertThatThrownBy(() -> PlantModels.resolve(PlantModels.RETIRED_FIRST_HEAT_PUMP, cli("gasCooler.cellCount=20")))
                .isInstanceOf(RigException.class).hasMessageContaining("takes no parameter overrides");
    }
}
