package io.hilbench.cli;

import io.hilbench.scenario.Preflight;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The line bench run ends a failed preflight with says which it was: maps that do not match (2) or nobody answering (3). */
class RunCommandPreflightTest {
    @Test
    void theMessageSaysWhetherTheMapsDoNotMatchOrNothingAnswered() {
        Preflight.Report timeout = new Preflight.Report(328, 11,
                List.of(new Preflight.Problem("plant", "(all 300 points)", "opcua", "", "timeout after 5 s", false)), List.of());
        assertThat(RunCommand.preflightFailed(timeout)).isEqualTo("bench run: preflight failed: no scenario was run (exit 3: unreachable/timeout on the plant "
                + "(the bench's own servers) side (no point answered with an error; the maps were not judged): inconclusive)");
        Preflight.Report mismatch = new Preflight.Report(328, 11,
                List.of(new Preflight.Problem("controller", "HP1_ALM_WARN", "modbus", "5:ir:49:uint16", "exception 02", true)), List.of());
        assertThat(RunCommand.preflightFailed(mismatch)).startsWith("bench run: preflight failed: no scenario was run (exit 2: the maps do not match the controller");
    }
}
