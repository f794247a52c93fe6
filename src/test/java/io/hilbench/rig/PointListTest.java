package io.hilbench.rig;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed point list of the default rig is what the point maps generate: documentation never drifts. */
class PointListTest {

    @Test
    void solrodPointListIsUpToDate() throws Exception {
        Rig rig = RigLoader.loadDefault(Path.of("rigs/solrod"));
        String generated = PointList.markdown(rig);
        assertThat(Files.readString(Path.of("rigs/solrod/POINTS.md")))
                .as("rigs/solrod/POINTS.md is stale: regenerate with ./bench check-rig --point-list > rigs/solrod/POINTS.md")
                .isEqualTo(generated);
        assertThat(generated).contains("| `PT-202` | Gas-cooler pressure (high side) | sensor | bar | `1:ir:2:float32:ABCD`")
                .as("the accuracy class of each sensor, from points.csv's accuracy column")
                .containsPattern("\\| `PT-202` \\|[^\\n]*\\| `0\\.5%span` \\|\\n")
                .containsPattern("\\| `TT-272` \\|[^\\n]*\\| `pt100-A` \\|\\n")
                .containsPattern("\\| `FT-271` \\|[^\\n]*\\| `2%rd` \\|\\n")
                .contains("## Controller supervisory interface");
    }
}
