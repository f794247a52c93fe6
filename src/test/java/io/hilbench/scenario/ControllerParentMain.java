package io.hilbench.scenario;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A stand-in for a bench that starts its controller child and is then killed ({@link ControllerOrphanTest}): starts the
 * reference controller with {@link ControllerProcess#start} (pointed at a plant port where nothing listens: it keeps
 * reconnecting), prints {@code child PID} and waits to be killed.
 */
public final class ControllerParentMain {
    private ControllerParentMain() {}

    public static void main(String[] args) throws Exception {
        ControllerProcess child = ControllerProcess.start(Path.of(args[0]), "127.0.0.1:1", null, Path.of(args[1]), ControllerProcess.NO_PROGRESS_LIMIT);
        System.out.println("child " + child.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
