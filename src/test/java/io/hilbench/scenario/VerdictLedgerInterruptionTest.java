package io.hilbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hilbench.report.RunData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's part in crash and signal safety (issue #18 item 3): the interrupted mark, and a write that failed. */
class VerdictLedgerInterruptionTest {
    @AfterEach
    void clear() {
        VerdictLedger.clear();
    }

    private static VerdictLedger.ScenarioRecord passed(String name) {
        return new VerdictLedger.ScenarioRecord(name, "SU-04", "startup/ordered_stop.feature:8", VerdictLedger.ScenarioOutcome.PASSED, 450_000, 19_000,
                List.of(), null, Map.of());
    }

    @Test
    void anInterruptedLedgerStatesItWithExit2AndReadsBackAsInterrupted(@TempDir Path dir) throws IOException {
        VerdictLedger.clear();
        VerdictLedger.add(passed("Operator stops the heat pump at full load"), dir);
        VerdictLedger.interrupt(new VerdictLedger.Interruption("stopped by SIGTERM", "Start with the DH pump P-271 failed, then repaired",
                List.of("Start with the HP switch latched, then reset on site")), dir);
        JsonNode root = new ObjectMapper().readTree(dir.resolve(VerdictLedger.FILE).toFile());
        assertThat(root.path("interrupted").asBoolean()).isTrue();
        assertThat(root.path("totals").path("exitCode").asInt()).isEqualTo(VerdictLedger.INTERRUPTED_EXIT);
        assertThat(root.path("totals").path("passed").asInt()).isEqualTo(1);
        RunData run = RunData.read(dir);
        assertThat(run.interrupted()).isTrue();
        assertThat(run.totals().exitCode()).isEqualTo(2);
        assertThat(run.totalsProblem()).isEmpty();
        assertThat(run.totals().describe()).startsWith("INTERRUPTED");
        assertThat(run.interruption().orElseThrow().describe()).contains("SIGTERM").contains("P-271").contains("never ran (1)");
    }

    @Test
    void aFailedWriteIsRememberedSoTheRunClaimsNothing(@TempDir Path tmp) throws IOException {
        VerdictLedger.clear();
        Path notAFolder = Files.writeString(tmp.resolve("full"), "x"); // stands in for a folder that cannot be written
        assertThatThrownBy(() -> VerdictLedger.add(passed("a"), notAFolder)).isInstanceOf(IOException.class);
        assertThat(VerdictLedger.writeFailure()).get().asString().contains("full");
        VerdictLedger.clear();
        assertThat(VerdictLedger.writeFailure()).isEmpty();
    }
}
