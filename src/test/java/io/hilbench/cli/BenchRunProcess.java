package io.hilbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
}
