package io.hilbench.rig;

import io.hilbench.plant.co2.Co2HeatPumpParameters;
import io.hilbench.plant.site.SolrodPlantParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #16 item 9: a vendor copies rigs/solrod out of the checkout. Its {@code plant.parameters:
 * ../../plant-models/solrod/parameters.yaml} then names no file, and the bench falls back to the parameter files
 * bundled with it (the same plant-models/ files); a missing path that names no bundled file stays an error.
 */
class CopiedRigTest {

    @Test
    void aSolrodRigCopiedElsewhereRunsWithTheBundledParameters(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("vendor").resolve("my-rig");
        copyTree(Path.of("rigs/solrod"), copy);
        assertThat(Files.exists(copy.resolve("../../plant-models/solrod/parameters.yaml").normalize())).isFalse();

        Rig rig = RigLoader.loadDefault(copy);

        Path used = rig.plant().parameters();
        assertThat(PlantModels.isBundled(used)).as("the bundled file is used: %s", used).isTrue();
        assertThat(Files.readString(used)).isEqualTo(Files.readString(Path.of("plant-models/solrod/parameters.yaml")));
        assertThat(Files.readString(PlantModels.heatPumpFileNextTo(used)))
                .isEqualTo(Files.readString(Path.of("plant-models/co2-heat-pump/parameters.yaml")));
        PlantModels.Parameters p = PlantModels.parameters(rig);
        assertThat(p.heatPump()).isEqualTo(Co2HeatPumpParameters.solrodDefaults());
        assertThat(p.site()).isEqualTo(SolrodPlantParameters.solrodDefaults());
        // the same parameters as the rig loaded in place
        assertThat(p).isEqualTo(PlantModels.parameters(RigLoader.loadDefault(Path.of("rigs/solrod"))));
        assertThat(PlantModels.isBundled(RigLoader.loadDefault(Path.of("rigs/solrod")).plant().parameters())).isFalse();
    }

    @Test
    void aMissingParameterFileThatIsNotABundledOneIsStillAnError(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("my-rig");
        copyTree(Path.of("rigs/solrod"), copy);
        Path rigFile = copy.resolve("rig.yaml");
        String yaml = Files.readString(rigFile, StandardCharsets.UTF_8);
        String changed = yaml.replace("parameters: ../../plant-models/solrod/parameters.yaml", "parameters: params/my-plant.yaml");
        assertThat(changed).isNotEqualTo(yaml);
        Files.writeString(rigFile, changed, StandardCharsets.UTF_8);
        int line = 1 + (int) yaml.substring(0, yaml.indexOf("parameters: ../../")).chars().filter(c -> c == '\n').count();

        assertThatThrownBy(() -> RigLoader.loadDefault(copy))
                .isInstanceOf(RigException.class)
                .hasMessageContaining("rig.yaml:" + line)
                .hasMessageContaining("plant.parameters")
                .hasMessageContaining("parameter file params/my-plant.yaml not found");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
