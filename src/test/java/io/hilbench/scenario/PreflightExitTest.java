package io.hilbench.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14 item 7: only an answered error (Modbus exception, OPC UA Bad status) means the maps do not match (exit 2);
 * a read that timed out or found nobody is unreachable, inconclusive (exit 3) — on the plant side too, where a loaded
 * machine's slow answer was reported as "the maps do not match".
 */
class PreflightExitTest {
    static Preflight.Problem plant(boolean answered) {
        return new Preflight.Problem("plant", "PT-202", "modbus", "1:hr:100:float32", answered ? "exception 02 illegal data address" : "Read timed out", answered);
    }

    static Preflight.Problem controller(boolean answered) {
        return new Preflight.Problem("controller", "HP1_ALM_WARN", "opcua", "ns=2;s=HP1", answered ? "OPC UA read answered Bad_NodeIdUnknown" : "timeout", answered);
    }

    static Preflight.Report report(Preflight.Problem... problems) {
        return new Preflight.Report(10, 5, List.of(problems), List.of());
    }

    @Test
    void aPlantSideTimeoutIsUnreachableNotAMapMismatch() {
        Preflight.Report r = report(plant(false));
        assertThat(r.exitCode()).isEqualTo(Preflight.UNREACHABLE).isEqualTo(3);
        assertThat(r.reason()).startsWith("unreachable/timeout on the plant (the bench's own servers) side").contains("inconclusive").doesNotContain("do not match");
    }

    @Test
    void aControllerSideTimeoutIsUnreachable() {
        Preflight.Report r = report(controller(false), plant(false));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.reason()).contains("controller").contains("plant").startsWith("unreachable/timeout");
    }

    @Test
    void onlyAnAnsweredErrorIsAMapMismatchAndItWinsOverATimeout() {
        assertThat(report(plant(true)).exitCode()).isEqualTo(Preflight.CONFIGURATION);
        assertThat(report(plant(true)).reason()).startsWith("the maps do not match the plant (the bench's own servers)");
        assertThat(report(controller(true)).reason()).startsWith("the maps do not match the controller");
        Preflight.Report both = report(controller(true), plant(false));
        assertThat(both.exitCode()).as("2 before 3").isEqualTo(2);
        assertThat(both.reason()).contains("the maps do not match the controller").contains("also unreachable/timeout on the plant");
        assertThat(report().exitCode()).isZero();
    }
}
