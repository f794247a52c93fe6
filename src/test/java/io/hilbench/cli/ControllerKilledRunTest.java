package io.hilbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller child killed (SIGKILL) during a real {@code bench run} (issue #18 item 3): the scenario is
 * INCONCLUSIVE with a reason that says the controller process exited (and with which code), the run exits 3, and the
 * documents say the same. Never a pass, never a failure of the controller.
 */
class ControllerKilledRunTest {
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (ProcessHandle h : started) h.destroyForcibly();
    }

    @Test
    void aKilledControllerMakesTheScenarioInconclusiveWithTheReason(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report");
        Process bench = BenchRunProcess.start(tmp, "@SU-04", report, started);
        BufferedReader out = new BufferedReader(new InputStreamReader(bench.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder stdout = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            stdout.append(line).append('\n');
            if (line.startsWith("preflight:")) break; // the controller answered: the scenario starts now
        }
        List<ProcessHandle> children = bench.toHandle().children().toList();
        assertThat(children).as("the bench's controller child (stdout: %s)", stdout).isNotEmpty();
        started.addAll(children);
        children.forEach(ProcessHandle::destroyForcibly); // SIGKILL the controller

        while ((line = out.readLine()) != null) stdout.append(line).append('\n');
        assertThat(bench.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(bench.exitValue()).as(stdout + Files.readString(tmp.resolve("bench.err"))).isEqualTo(3);
        assertThat(stdout.toString()).contains("inconclusive").contains("exited with code");

        JsonNode verdicts = new ObjectMapper().readTree(report.resolve("verdicts.json").toFile());
        assertThat(verdicts.path("totals").path("exitCode").asInt()).isEqualTo(3);
        JsonNode s = verdicts.path("scenarios").get(0);
        assertThat(s.path("outcome").asText()).isEqualTo("inconclusive");
        String why = s.path("error").asText() + s.path("verdicts").toString();
        assertThat(why).contains("reference controller process").contains("exited with code");
        assertThat(verdicts.path("interrupted").asBoolean(false)).isFalse();
    }
}
