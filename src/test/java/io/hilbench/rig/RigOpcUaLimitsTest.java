package io.hilbench.rig;

import io.hilbench.adapters.opcua.OpcUaLimits;
import io.hilbench.adapters.opcua.OpcUaReplicas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code opcua.limits.*}, {@code opcua.replicas} and {@code opcua.replica_folders} (rigs/README.md): read into the
 * rig, defaults as {@link OpcUaLimits#DEFAULTS} when absent, and every bad value a file:line:field error.
 */
class RigOpcUaLimitsTest {
    private static final String LIMITS = String.join("\n",
            "  port: 4840",
            "  limits:",
            "    max_sessions: 8",
            "    max_subscriptions_per_session: 3",
            "    max_subscriptions: 24",
            "    max_monitored_items_per_session: 500",
            "    max_monitored_items: 4000",
            "    max_message_bytes: 2097152",
            "    max_chunk_count: 40",
            "  replicas: 3",
            "  replica_folders: [HeatPump/Refrigerant]");

    @Test
    void absentKeysKeepTodaysDefaults(@TempDir Path dir) throws RigException {
        Rig rig = RigLoader.load(new RigFixture().write(dir), PlantModels.catalogue("solrod"));
        assertThat(rig.opcua().limits()).isEqualTo(OpcUaLimits.DEFAULTS);
        assertThat(rig.opcua().limits()).isEqualTo(new OpcUaLimits(32, 16, 128, 20_000, 100_000, 4 * 1024 * 1024, 65));
        assertThat(rig.opcua().replicas()).isEqualTo(OpcUaReplicas.NONE);
    }

    @Test
    void everyLimitIsReadFromTheRig(@TempDir Path dir) throws RigException {
        RigFixture f = new RigFixture();
        put(f, LIMITS);
        Rig rig = RigLoader.load(f.write(dir), PlantModels.catalogue("solrod"));
        assertThat(rig.opcua().limits()).isEqualTo(new OpcUaLimits(8, 3, 24, 500, 4000, 2_097_152, 40));
        assertThat(rig.opcua().replicas()).isEqualTo(new OpcUaReplicas(3, List.of("HeatPump/Refrigerant")));
        assertThat(rig.opcua().replicas().selects("HeatPump/Refrigerant")).isTrue();
        assertThat(rig.opcua().replicas().selects("HeatPump/Compressors")).isFalse();
    }

    /** Replaces the opcua port line by {@code text}, one fixture line per text line (so line numbers stay true). */
    private static void put(RigFixture f, String text) {
        int line = f.yamlLine("  port: 4840");
        f.yaml.remove(line - 1);
        f.yaml.addAll(line - 1, List.of(text.split("\n")));
    }

    private static RigError onlyError(RigFixture f, Path dir) {
        List<RigError> errors = RigFixture.errors(f.write(dir));
        assertThat(errors).as("errors").hasSize(1);
        return errors.get(0);
    }

    private static void assertError(RigError e, Path dir, int line, String field, String fragment) {
        assertThat(e.file()).isEqualTo(dir.resolve("rig.yaml").toString());
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.message()).contains(fragment);
    }

    @Test
    void aLimitOutOfRangeIsAFileLineFieldError(@TempDir Path dir) {
        RigFixture f = new RigFixture();
        put(f, LIMITS.replace("max_sessions: 8", "max_sessions: 0"));
        assertError(onlyError(f, dir), dir, f.yamlLine("max_sessions"), "opcua.limits.max_sessions", "0 is out of range 1..10000");
    }

    @Test
    void aMessageSizeBelowWhatMiloNeedsIsRefused(@TempDir Path dir) {
        RigFixture f = new RigFixture();
        put(f, LIMITS.replace("max_message_bytes: 2097152", "max_message_bytes: 65536"));
        assertError(onlyError(f, dir), dir, f.yamlLine("max_message_bytes"), "opcua.limits.max_message_bytes", "65536 is out of range 1048576..");
    }

    @Test
    void chunksThatCannotCarryTheMessageAreRefusedOnTheChunkKey(@TempDir Path dir) {
        RigFixture f = new RigFixture();
        put(f, LIMITS.replace("max_chunk_count: 40", "max_chunk_count: 20"));
        assertError(onlyError(f, dir), dir, f.yamlLine("max_chunk_count"), "opcua.limits.max_chunk_count",
                "20 chunks of 65535 bytes cannot carry max_message_bytes 2097152 (need at least 33 chunks)");
    }

    @Test
    void aTotalBelowItsPerSessionLimitIsRefused(@TempDir Path dir) {
        RigFixture f = new RigFixture();
        put(f, LIMITS.replace("max_monitored_items: 4000", "max_monitored_items: 400"));
        assertError(onlyError(f, dir), dir, f.yamlLine("max_monitored_items:"), "opcua.limits.max_monitored_items",
                "max_monitored_items 400 is below max_monitored_items_per_session 500");
    }

    @Test
    void unknownLimitKeysAndBadReplicasAreErrors(@TempDir Path dir, @TempDir Path dir2, @TempDir Path dir3) {
        RigFixture f = new RigFixture();
        put(f, LIMITS.replace("max_sessions: 8", "max_sesions: 8"));
        assertError(onlyError(f, dir), dir, f.yamlLine("max_sesions"), "opcua.limits.max_sesions", "unknown key");

        RigFixture g = new RigFixture();
        put(g, LIMITS.replace("replicas: 3", "replicas: 5000"));
        assertError(onlyError(g, dir2), dir2, g.yamlLine("replicas: 5000"), "opcua.replicas", "5000 is out of range 0..1000");

        RigFixture h = new RigFixture();
        put(h, LIMITS.replace("replicas: 3", "replicas: 0"));
        assertError(onlyError(h, dir3), dir3, h.yamlLine("replica_folders"), "opcua.replica_folders", "replicas is 0");
    }
}
