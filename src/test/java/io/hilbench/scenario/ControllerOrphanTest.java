package io.hilbench.scenario;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Children die with their parent (issue #18 item 3): killing {@code mvn verify} (a CI timeout) left a controller JVM
 * running. A real parent JVM ({@link ControllerParentMain}) starts a real reference controller child and is then
 * stopped by SIGTERM (its shutdown hook stops the child) or killed by SIGKILL (no hook runs: the child sees its
 * stdin close and its parent go, and stops itself). Either way the child is gone afterwards.
 */
class ControllerOrphanTest {
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (ProcessHandle h : started) h.destroyForcibly();
    }

    @Test
    void theControllerStopsWhenItsParentIsKilledOutright(@TempDir Path tmp) throws Exception {
        Process parent = startParent(tmp);
        ProcessHandle child = childOf(parent);
        assertThat(child.isAlive()).isTrue();
        parent.destroyForcibly(); // SIGKILL: the parent runs no shutdown hook
        assertThat(parent.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.onExit().get(120, TimeUnit.SECONDS).isAlive()).as("controller pid " + child.pid() + " outlived its killed parent").isFalse();
    }

    @Test
    void theControllerIsStoppedWhenItsParentIsTerminated(@TempDir Path tmp) throws Exception {
        Process parent = startParent(tmp);
        ProcessHandle child = childOf(parent);
        parent.destroy(); // SIGTERM: the parent's shutdown hook stops the child
        assertThat(parent.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.onExit().get(120, TimeUnit.SECONDS).isAlive()).as("controller pid " + child.pid() + " outlived its terminated parent").isFalse();
    }

    private Process startParent(Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ControllerParentMain.class.getName(),
                Path.of("rigs/solrod").toAbsolutePath().toString(), tmp.resolve("controller.log").toString())
                .redirectError(tmp.resolve("parent.err").toFile()).start();
        started.add(p.toHandle());
        return p;
    }

    /** Waits (generously: a loaded machine starts two JVMs) for the parent to print its child's pid. */
    private ProcessHandle childOf(Process parent) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("child ")) {
                ProcessHandle child = ProcessHandle.of(Long.parseLong(line.substring(6).trim())).orElseThrow();
                started.add(child);
                return child;
            }
        }
        throw new AssertionError("the parent exited before its controller was ready (exit " + parent.waitFor() + ")");
    }
}
