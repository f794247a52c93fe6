package io.hilbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lockstep is bit-identical under machine load (DESIGN §4 item 7, issue #14 item 8): one short scenario (SU-04, 6 min of
 * plant time) runs twice as {@code bench run} child processes, side by side — once undisturbed, once with the bench's
 * JVM and the reference controller's JVM frozen together for 2 s several times ({@code kill -STOP}, {@code kill -CONT}:
 * what a GC pause or a loaded scheduler does to them, only longer) — and the traces, the judged traces and the verdicts
 * must be the same. On main, freezing the bench three times for 2 s made the reference controller fail DF-02 (its 1 s
 * plant-link timeout raised COMM_LOSS and restarted the heat pump).
 *
 * <p>The freezes: one while the bench starts (before the scenario's run), then three during the scenario, 3 s apart.
 * The wall-clock fields of verdicts.json (wall time, timing) are left out of the comparison; everything else, plant
 * times in messages included, must be equal.
 */
@DisabledOnOs(value = org.junit.jupiter.api.condition.OS.WINDOWS, disabledReason = "freezes with kill -STOP / -CONT")
class LockstepDeterminismTest {
    private static final String TAG = "@SU-04";
    private static final long FREEZE_MS = 2_000;
    private static final long BETWEEN_FREEZES_MS = 3_000;
    private static final int FREEZES_IN_SCENARIO = 3;
    /** A hang guard for one child run, not a time limit (a run takes about a minute and a half on 2 loaded cores). */
    private static final long HANG_GUARD_MIN = 20;

    @TempDir
    Path dir;

    @Test
    void aScenarioGivesTheSameTraceAndVerdictsWhenBenchAndControllerAreFrozenForSecondsAtATime() throws Exception {
        Path quiet = dir.resolve("quiet");
        Path frozen = dir.resolve("frozen");
        Process a = bench(quiet);
        Process b = bench(frozen);
        int freezes;
        try {
            freezes = freeze(b, frozen.resolveSibling("frozen.err"));
            assertThat(a.waitFor(HANG_GUARD_MIN, TimeUnit.MINUTES)).as("undisturbed run ended").isTrue();
            assertThat(b.waitFor(HANG_GUARD_MIN, TimeUnit.MINUTES)).as("frozen run ended").isTrue();
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
        }
        // both children share one fresh --key-store: their first use of the installation key raced (one exited 2) until
        // EvidenceKeys created it under a lock; the end of a child's stderr goes into the message (the folder is temporary)
        assertThat(a.exitValue()).as("undisturbed run's exit code; its stderr ends:%n%s", tail(dir.resolve("quiet.err"))).isZero();
        assertThat(b.exitValue()).as("frozen run's exit code; its stderr ends:%n%s", tail(dir.resolve("frozen.err"))).isZero();
        assertThat(freezes).as("freezes while the scenario ran").isGreaterThanOrEqualTo(1 + FREEZES_IN_SCENARIO);

        Map<String, byte[]> quietFiles = compared(quiet);
        Map<String, byte[]> frozenFiles = compared(frozen);
        assertThat(quietFiles.keySet()).as("trace files").isNotEmpty()
                .anyMatch(f -> f.startsWith("traces/")).anyMatch(f -> f.startsWith("judged/"))
                .isEqualTo(frozenFiles.keySet());
        for (String f : quietFiles.keySet()) {
            assertThat(frozenFiles.get(f)).as("%s byte for byte", f).isEqualTo(quietFiles.get(f));
        }
        JsonNode quietVerdicts = withoutWallClock(new ObjectMapper().readTree(quiet.resolve("verdicts.json").toFile()));
        JsonNode frozenVerdicts = withoutWallClock(new ObjectMapper().readTree(frozen.resolve("verdicts.json").toFile()));
        assertThat(quietVerdicts.path("scenarios")).as("verdicts.json has the scenario").isNotEmpty();
        assertThat(frozenVerdicts).as("verdicts.json without its wall-clock fields").isEqualTo(quietVerdicts);
    }

    /** The last lines of a child's log, for a failure message. */
    private static String tail(Path log) throws IOException {
        if (!java.nio.file.Files.isRegularFile(log)) return "(no " + log.getFileName() + ")";
        List<String> lines = java.nio.file.Files.readAllLines(log);
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    /** {@code bench run --tags @SU-04 --report DIR} in a JVM like this one, in the project folder; stdout and stderr to files. */
    private Process bench(Path report) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), ControllerProcess.MAIN_CLASS, "run",
                "--tags", TAG, "--report", report.toString(), "--key-store", dir.resolve("keys").toString());
        return new ProcessBuilder(cmd)
                .redirectOutput(report.resolveSibling(report.getFileName() + ".out").toFile())
                .redirectError(report.resolveSibling(report.getFileName() + ".err").toFile())
                .start();
    }

    /**
     * Freezes the bench and its controller child together: once when the controller is there (the bench is starting),
     * then {@link #FREEZES_IN_SCENARIO} times once the scenario has begun (its live progress on stderr); returns how many.
     */
    private static int freeze(Process bench, Path benchLog) throws Exception {
        int n = 0;
        ProcessHandle controller = null;
        while (bench.isAlive() && (controller = controllerOf(bench)) == null) Thread.sleep(100);
        if (controller == null) return n;
        Thread.sleep(500);
        if (stopAndContinue(bench.toHandle(), controller)) n++;
        // the scenario has begun when bench run prints its first live-progress line ("  plant 0:00:01.0  state ...")
        while (bench.isAlive() && !(Files.exists(benchLog) && Files.readString(benchLog).contains("  plant "))) Thread.sleep(100);
        for (int i = 0; i < FREEZES_IN_SCENARIO && bench.isAlive(); i++) {
            Thread.sleep(BETWEEN_FREEZES_MS);
            if (stopAndContinue(bench.toHandle(), controller)) n++;
        }
        return n;
    }

    /** The bench's child JVM (the reference controller), or null before it is started. */
    private static ProcessHandle controllerOf(Process bench) {
        return bench.toHandle().children().filter(ProcessHandle::isAlive).findFirst().orElse(null);
    }

    private static boolean stopAndContinue(ProcessHandle bench, ProcessHandle controller) throws Exception {
        if (!bench.isAlive() || !controller.isAlive()) return false;
        signal("STOP", bench, controller);
        try {
            Thread.sleep(FREEZE_MS);
        } finally {
            signal("CONT", bench, controller);
        }
        return true;
    }

    private static void signal(String sig, ProcessHandle... processes) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + sig));
        for (ProcessHandle p : processes) cmd.add(Long.toString(p.pid()));
        new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    /** traces/*.csv and judged/*.judged.csv of a report, by relative path. */
    private static Map<String, byte[]> compared(Path report) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        for (String sub : List.of("traces", "judged")) {
            Path d = report.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                    out.put(sub + "/" + f.getFileName(), Files.readAllBytes(f));
                }
            }
        }
        return out;
    }

    /** The verdicts without what the wall clock decides (wall time, the timing block). */
    private static JsonNode withoutWallClock(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(List.of("wallTimeS", "timing"));
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) withoutWallClock(it.next());
        } else if (node.isArray()) {
            node.forEach(LockstepDeterminismTest::withoutWallClock);
        }
        return node;
    }
}
