package io.hilbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bench run --profile certification --dry-run} (DESIGN §7, issue 8 item 3): the plan and the expected duration
 * are printed before anything starts, and a dry run starts nothing (no plant, no controller: it returns in well under a
 * second of work). Bad profile: exit 2.
 */
class RunCommandPlanTest {
    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream before = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));   // RunCommand prints its progress on System.out
            CommandLine cl = BenchCommand.commandLine();
            cl.setErr(new PrintWriter(err));
            code = cl.execute(args);
        } finally {
            System.setOut(before);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void dryRunPrintsTheCertificationPlanInOrderWithItsDuration() {
        Result r = run("run", "--profile", "certification", "--dry-run");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("certification plan: 18 scenario(s), realtime, reset allowance 0.0 min");
        // the seven full-load scenarios share their initial condition and run together, shortest first; the three-hour
        // defrost scenarios (their own conditions) come last
        List<String> numbered = lines.stream().filter(l -> l.matches("\\s+\\d+\\. .*")).toList();
        assertThat(numbered).hasSize(18);
        assertThat(numbered.get(0)).contains("SF-01");
        assertThat(numbered.get(6)).contains("HP-02");
        assertThat(numbered.get(15)).contains("HP-04").contains("65 min");
        assertThat(numbered.get(17)).contains("DF-02").contains("195 min");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("expected duration: 13 h 20 min (800 plant min of scenarios + 0 min of resets)");
        assertThat(r.out()).doesNotContain("scenario(s): ");   // nothing ran
    }

    @Test
    void thePlanHonoursTagsAndThePace() {
        Result r = run("run", "--profile", "certification", "--dry-run", "--pace", "accelerated:10", "--tags", "@SU-01 or @SU-04");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("certification plan: 2 scenario(s), accelerated:10")
                .contains("expected duration: 0 h 36 min");
    }

    @Test
    void anUnknownProfileIsAUsageError() {
        Result r = run("run", "--profile", "fast", "--dry-run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown profile 'fast'");
    }
}
