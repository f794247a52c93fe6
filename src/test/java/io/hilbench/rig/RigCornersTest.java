package io.hilbench.rig;

import io.hilbench.plant.co2.Co2HeatPumpParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parameter corners (rig.yaml {@code corners:}, issue #17 item 3): the Solrød rig's corners load and build their
 * plants with the corner's values over the files and the rig's overrides, under a run's {@code --plant-param}; a
 * corner that is wrong is refused naming rig.yaml's line and the field {@code corners.<name>...}, exactly as
 * {@code plant.overrides} is.
 */
class RigCornersTest {
    @TempDir
    Path tmp;

    /** rigs/solrod copied with {@code extra} inserted as the first entries of its corners: mapping. */
    private Path rigWithCorner(String extra) throws Exception {
        Path dir = PlantOverridesTest.rigWith(tmp, "");
        Path yaml = dir.resolve("rig.yaml");
        String text = Files.readString(yaml);
        assertThat(text).contains("\ncorners:\n");
        Files.writeString(yaml, text.replace("\ncorners:\n", "\ncorners:\n" + extra));
        return dir;
    }

    @Test
    void theSolrodRigNamesAtLeastFourCornersEachWithASourceAndEachBuildsItsPlant() throws Exception {
        Rig rig = PlantOverridesTest.solrod();
        List<Corner> corners = rig.corners();
        assertThat(corners.get(0).name()).isEqualTo(Corner.NOMINAL);
        assertThat(corners.get(0).overrides()).isEmpty();
        assertThat(rig.plant().corners()).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(c -> {
                    assertThat(c.source()).as(c.name()).isNotBlank();
                    // a plant-parameter corner overrides parameters; a sensor corner moves readings instead (SensorCornerTest)
                    if (c.sensors() == null) assertThat(c.overrides()).as(c.name()).isNotEmpty();
                    else assertThat(c.sensors().recorded()).as(c.name()).isNotEmpty();
                });
        PlantModels.checkCorners(rig, null);

        Co2HeatPumpParameters nominal = PlantModels.parameters(rig).heatPump();
        Co2HeatPumpParameters low = PlantModels.parameters(rig.atCorner("gas-cooler-ua-low")).heatPump();
        assertThat(low.gasCooler().co2SideUaNominalWPerK()).isEqualTo(0.7 * nominal.gasCooler().co2SideUaNominalWPerK(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(low.gasCooler().waterSideUaNominalWPerK()).isEqualTo(0.7 * nominal.gasCooler().waterSideUaNominalWPerK(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(low.compressor()).isEqualTo(nominal.compressor());
        assertThat(rig.atCorner(Corner.NOMINAL)).isSameAs(rig);
    }

    /**
     * The air corners (issue #17: air temperature ±2 K) reach the plant: the site's air offset is added to a scenario's
     * imposed air and to the weather series alike, the outdoor-air output (what TT-001 reads) and the heat pump's
     * evaporator coils (standing still, they settle to the air they get) follow it.
     */
    @Test
    void theAirCornersShiftTheAirThePlantAndItsHeatPumpLiveIn() throws Exception {
        Rig rig = PlantOverridesTest.solrod();
        assertThat(PlantModels.parameters(rig.atCorner("air-warm")).site().airTemperatureOffsetK()).isEqualTo(2.0);
        double imposedK = 268.15;
        double[] nominal = airAndCoil(rig, Double.NaN, 5), warm = airAndCoil(rig.atCorner("air-warm"), Double.NaN, 5);
        double[] nominalImposed = airAndCoil(rig, imposedK, 1200), cold = airAndCoil(rig.atCorner("air-cold"), imposedK, 1200);
        assertThat(warm[0] - nominal[0]).as("the series' air, +2 K").isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(nominalImposed[0]).isCloseTo(imposedK, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cold[0]).as("an imposed air, -2 K").isCloseTo(imposedK - 2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cold[2]).as("the offset published for the scenario layer").isEqualTo(-2.0);
        // the coil settles slowly (its own mass and the refrigerant it holds): 1.55 K of the 2 K after 20 min when written
        assertThat(nominalImposed[1] - cold[1]).as("coil 1 after 20 min standing: it follows the colder air").isBetween(1.0, 2.0);
    }

    /** Outdoor air, coil 1's temperature and the published offset after {@code seconds} with the heat pump off; imposed air NaN: the series. */
    private static double[] airAndCoil(Rig rig, double imposedAirK, int seconds) {
        io.hilbench.plant.PlantModel plant = PlantModels.create(rig);
        plant.reset(1);
        io.hilbench.plant.SignalCatalogue c = plant.catalogue();
        double[] u = plant.defaultInputs().values();
        u[c.inputIndex("weather.airTemperatureK")] = imposedAirK;
        io.hilbench.plant.PlantSnapshot s = null;
        for (int k = 0; k < seconds; k++) s = plant.step(1.0, new io.hilbench.plant.PlantInputs(u));
        return new double[]{s.output(c.outputIndex("weather.airTemperatureK")), s.output(c.outputIndex("hp.airSection1.coilTemperatureK")),
                s.output(c.outputIndex("weather.airTemperatureOffsetK"))};
    }

    @Test
    void aRunsPlantParamWinsOverTheCornerWhichWinsOverTheRig() throws Exception {
        Rig rig = PlantOverridesTest.solrod().withRunOverrides(List.of()).atCorner("dh-pump-slow-run-down");
        assertThat(PlantModels.parameters(rig).heatPump().dhPumpRunDownTimeConstantS()).isEqualTo(9.0);
        Rig run = rig.withRunOverrides(PlantOverridesTest.cli("dhPumpRunDownTimeConstantS=5"));
        assertThat(PlantModels.parameters(run).heatPump().dhPumpRunDownTimeConstantS()).isEqualTo(5.0);
    }

    @Test
    void anUnknownCornerIsRefusedNamingTheRigsCorners() throws Exception {
        assertThatThrownBy(() -> PlantOverridesTest.solrod().atCorner("no-such"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no corner 'no-such'")
                .hasMessageContaining("nominal, gas-cooler-ua-low");
    }

    @Test
    void aCornerValueTheParameterRecordRefusesNamesRigYamlsLineAndTheCornersField() throws Exception {
        Path dir = rigWithCorner("  bad-cells:\n    source: a test\n    overrides:\n      gasCooler.cellCount: 20.5\n");
        int line = PlantOverridesTest.lineOf(dir.resolve("rig.yaml"), "gasCooler.cellCount: 20.5");
        Rig rig = RigLoader.loadDefault(dir);
        RigException e = org.junit.jupiter.api.Assertions.assertThrows(RigException.class, () -> PlantModels.checkCorners(rig, null));
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0).toString()).startsWith(dir.resolve("rig.yaml") + ":" + line + ": field corners.bad-cells.overrides.gasCooler.cellCount: ")
                .contains("whole number");
        // only the corners asked for are checked
        PlantModels.checkCorners(rig, List.of("frost-fast"));
    }

    @Test
    void anUnknownParameterOfACornerIsRefusedWithTheKnownOnes() throws Exception {
        Path dir = rigWithCorner("  typo:\n    source: a test\n    overrides:\n      gasColer.co2SideUaNominalWPerK: 1\n");
        Rig rig = RigLoader.loadDefault(dir);
        assertThatThrownBy(() -> PlantModels.checkCorners(rig, List.of("typo"))).isInstanceOf(RigException.class)
                .hasMessageContaining("field corners.typo.overrides.gasColer.co2SideUaNominalWPerK: unknown parameter 'gasColer'");
    }

    @Test
    void aMalformedCornerIsRefusedWhenTheRigLoadsWithEveryErrorLocated() throws Exception {
        Path dir = rigWithCorner("  nominal:\n    source: x\n    overrides: {tank.volumeM3: 1}\n"
                + "  bad name!:\n    source: x\n    overrides: {tank.volumeM3: 1}\n"
                + "  no-source:\n    overrides: {tank.volumeM3: 1}\n"
                + "  extra-key:\n    source: x\n    colour: red\n    overrides: {tank.volumeM3: 1}\n"
                + "  empty:\n    source: x\n    overrides: {}\n"
                + "  a-list:\n    source: x\n    overrides:\n      tank.volumeM3: [1, 2]\n");
        Path yaml = dir.resolve("rig.yaml");
        assertThatThrownBy(() -> RigLoader.loadDefault(dir)).isInstanceOf(RigException.class)
                .satisfies(t -> {
                    List<String> errors = ((RigException) t).errors().stream().map(RigError::toString).toList();
                    assertThat(errors).contains(
                            yaml + ":" + PlantOverridesTest.lineOf(yaml, "  nominal:") + ": field corners.nominal: 'nominal' is the rig without a corner's overrides; a rig may not define it",
                            yaml + ":" + PlantOverridesTest.lineOf(yaml, "  bad name!:") + ": field corners.bad name!: 'bad name!' is not a corner name (letters, digits, '-', '_': it names trace files)",
                            yaml + ":" + PlantOverridesTest.lineOf(yaml, "  no-source:") + ": field corners.no-source.source: missing key (where its bounds come from: a datasheet, a standard, a note)",
                            yaml + ":" + PlantOverridesTest.lineOf(yaml, "    colour: red") + ": field corners.extra-key.colour: unknown key (expected one of: description, source, overrides, sensors)",
                            yaml + ":" + PlantOverridesTest.lineOf(yaml, "overrides: {}") + ": field corners.empty.overrides: a corner sets at least one parameter");
                    assertThat(errors).anySatisfy(s -> assertThat(s).startsWith(yaml + ":" + PlantOverridesTest.lineOf(yaml, "tank.volumeM3: [1, 2]")
                            + ": field corners.a-list.overrides.tank.volumeM3: expected one value"));
                });
    }
}
