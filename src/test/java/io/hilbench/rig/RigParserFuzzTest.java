package io.hilbench.rig;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short, seeded fuzz of the rig and point-map parsers in the build ({@link RigFuzzer}): mutated copies of the
 * default rig (rig.yaml, points.csv, controller.csv) either load or are refused with {@link RigException}; nothing
 * else may escape the loader. The long run is {@code bench fuzz --rig-cases N}.
 */
class RigParserFuzzTest {

    @Test
    void mutatedRigFilesAreLoadedOrRefusedWithFileAndLineNeverCrash() throws Exception {
        RigFuzzer.Outcome o = new RigFuzzer(Path.of("rigs/solrod"), Path.of("plant-models")).run(20261207L, 120);
        System.out.print(o.report());
        assertThat(o.defects()).as(o.report()).isEmpty();
        assertThat(o.refused()).as("most mutations break the rig").isPositive();
        assertThat(o.errorsReported()).isGreaterThanOrEqualTo(o.refused());
        assertThat(o.loaded() + o.refused()).isEqualTo(120);
    }
}
