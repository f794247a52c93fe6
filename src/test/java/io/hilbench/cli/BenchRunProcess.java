package io.hilbench.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real {@code bench run} in its own JVM, for the tests that signal or kill it (issue #18 item 3). */
final class BenchRunProcess {
    private BenchRunProcess() {}

    /**
     * Starts {@code bench run --tags TAGS --report REPORT --key-store TMP/keys} on this test's class path, stderr to
     * {@code TMP/bench.err}; the process is added to {@code started} for the test's clean-up.
     */
    static Process start(Path tmp, String tags, Path report, List<ProcessHandle> started) throws IOException {
        return start(builder(tmp, tags, report), started);
    }

    /** As {@link #start(Path, String, Path, List)}, with further {@code bench run} arguments (e.g. --parallel 2). */
    static Process start(Path tmp, String tags, Path report, List<ProcessHandle> started, String... extra) throws IOException {
        ProcessBuilder b = builder(tmp, tags, report);
        b.command().addAll(List.of(extra));
        return start(b, started);
    }

    /** As {@link #start(Path, String, Path, List)}, with stdout to {@code TMP/bench.out} too (what the terminal shows). */
    static Process startToFiles(Path tmp, String tags, Path report, List<ProcessHandle> started) throws IOException {
        ProcessBuilder b = builder(tmp, tags, report).redirectOutput(tmp.resolve("bench.out").toFile());
        // the bench's own logging (logback.xml: INFO of io.hilbench), not the tests' quiet logback-test.xml
        java.net.URL main = BenchCommand.class.getResource("/logback.xml");
        if (main != null) b.command().add(1, "-Dlogback.configurationFile=" + main);
        return start(b, started);
    }

    private static ProcessBuilder builder(Path tmp, String tags, Path report) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), BenchCommand.class.getName(), "run",
                "--tags", tags, "--report", report.toString(), "--key-store", tmp.resolve("keys").toString())
                .redirectError(tmp.resolve("bench.err").toFile());
    }

    private static Process start(ProcessBuilder b, List<ProcessHandle> started) throws IOException {
        Process bench = b.start();
        started.add(bench.toHandle());
        return bench;
    }

    /**
     * Sends SIGTERM to a running {@code bench run}, drains the rest of its stdout (so a full pipe cannot hold it) and
     * waits for it: exit 2, stderr {@code bench run: INTERRUPTED} and no evidence bundle, and every process in
     * {@code watched} (its controller, its units' child benches) gone. Returns its stderr ({@code TMP/bench.err}).
     */
    static String awaitInterrupted(Process bench, BufferedReader out, Path tmp, List<ProcessHandle> watched) throws Exception {
        bench.destroy(); // SIGTERM
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        assertThat(bench.waitFor(300, TimeUnit.SECONDS)).as("bench run ends after SIGTERM").isTrue();
        String err = Files.readString(tmp.resolve("bench.err"));
        assertThat(bench.exitValue()).as(err).isEqualTo(2);
        assertThat(err).contains("bench run: INTERRUPTED").contains("no evidence bundle for an interrupted run; exit 2");
        for (ProcessHandle h : watched) {
            assertThat(h.onExit().get(120, TimeUnit.SECONDS).isAlive()).as("process " + h.pid() + " " + h.info().command().orElse("") + " left running").isFalse();
        }
        return err;
    }
}
