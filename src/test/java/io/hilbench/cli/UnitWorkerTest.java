package io.hilbench.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker of a parallel or sharded run ({@link UnitWorker}) runs several units one after another on one bench session
 * (one plant, one reference controller), and each unit's trace and judged trace are the sequential run's, byte for byte.
 * {@code --shard 0/1} runs every selected unit in one worker, so SU-02's smoke scenario and SU-04 (the two shortest of
 * the suite) share its session: the first (longest budget) starts it and prints the preflight, the second runs on it;
 * each unit folder has its console output, its run log and its slice of the one controller's log. The sequential run
 * runs in this JVM meanwhile (lockstep: the other process's load changes no byte).
 */
class UnitWorkerTest {
    private static final String TAGS = "@SU-04 or (@SU-02 and @smoke)";

    @TempDir
    static Path tmp;

    /** A failure keeps the runs' logs (unit.log, run.log, worker stderr, controller logs) under target/failed-runs/. */
    @RegisterExtension
    static final KeepRunLogsOnFailure keepLogs = new KeepRunLogsOnFailure(() -> tmp);

    private static final List<ProcessHandle> started = new ArrayList<>();

    @AfterAll
    static void stopLeftovers() {
        started.forEach(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void oneWorkerRunsTwoUnitsOnOneSessionWithTheSequentialRunsTraces() throws Exception {
        Path keys = tmp.resolve("keys"), sequential = tmp.resolve("sequential"), lanes = tmp.resolve("worker");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), BenchCommand.class.getName(), "run",
                "--tags", TAGS, "--shard", "0/1", "--report", lanes.toString(), "--key-store", keys.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("worker.out").toFile());
        pb.environment().remove("JOB_COMPLETION_INDEX");
        pb.environment().remove("BENCH_SHARD_COUNT");
        Process p = pb.start();
        started.add(p.toHandle());
        var stdout = new ByteArrayOutputStream();
        var saved = System.out;
        System.setOut(new java.io.PrintStream(stdout, true, StandardCharsets.UTF_8));
        int sequentialCode;
        try {
            sequentialCode = BenchCommand.commandLine().execute("run", "--tags", TAGS, "--report", sequential.toString(), "--key-store", keys.toString());
        } finally {
            System.setOut(saved);
        }
        int workerCode = p.waitFor();
        String workerOut = Files.readString(tmp.resolve("worker.out"));
        assertThat(sequentialCode).as("the reference controller passes SU-02 and SU-04:\n%s", stdout.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(workerCode).as(workerOut).isEqualTo(sequentialCode);
        assertThat(workerOut).contains("2 scenario(s) of 2 selected, 1 at a time");

        assertThat(children(lanes)).containsExactly("01-SU-04", "02-SU-02");
        for (String unit : List.of("01-SU-04", "02-SU-02")) {
            assertThat(lanes.resolve(unit + "/" + UnitRuns.LOG)).content().contains("bench run: unit ").contains("1 scenario(s): 1 passed");
            assertThat(lanes.resolve(unit + "/" + RunLog.FILE)).isRegularFile();
            assertThat(lanes.resolve(unit + "/controller.log")).isRegularFile();
        }
        // longest budget first: SU-02 (9 min) started the session (its preflight in its console output, the controller's
        // start in its log slice); SU-04 (8 min) ran on it, its slice continuing the same controller's log
        String first = Files.readString(lanes.resolve("02-SU-02/" + UnitRuns.LOG)), second = Files.readString(lanes.resolve("01-SU-04/" + UnitRuns.LOG));
        assertThat(first).contains("preflight: ");
        assertThat(second).doesNotContain("preflight: ").contains("on the worker's running bench session");
        assertThat(pid(first)).isEqualTo(pid(second));
        assertThat(Files.readString(lanes.resolve("01-SU-04/controller.log"))).startsWith("# the reference controller, pid ");
        assertThat(Files.readString(lanes.resolve("02-SU-02/controller.log"))).startsWith("# ").contains("--plant-modbus")
                .contains("# continued in " + lanes.resolve("01-SU-04/controller.log"));
        try (Stream<Path> s = Files.list(lanes)) {
            assertThat(s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith(".worker-") || n.startsWith("worker")).toList()).isEmpty();
        }

        for (String folder : List.of("traces", "judged")) {
            Map<String, byte[]> a = files(sequential.resolve(folder)), b = files(lanes.resolve(folder));
            assertThat(b.keySet()).as(folder).isEqualTo(a.keySet()).isNotEmpty();
            for (String f : a.keySet()) assertThat(b.get(f)).as(folder + "/" + f + " byte-identical").isEqualTo(a.get(f));
        }
    }

    /** The worker's pid a unit's console output names ("bench run: unit FILE:LINE in worker pid N"). */
    private static String pid(String unitLog) {
        int i = unitLog.indexOf("in worker pid ");
        assertThat(i).as(unitLog).isNotNegative();
        return unitLog.substring(i).split("\\s+")[3];
    }

    private static List<String> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(x -> x.getFileName().toString()).filter(n -> n.matches("\\d{2}-.*")).sorted().toList();
        }
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path x : (Iterable<Path>) s::iterator) out.put(x.getFileName().toString(), Files.readAllBytes(x));
        }
        return out;
    }
}
