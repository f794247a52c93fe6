package io.hilbench.cli;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Keeps the logs of a test's bench runs when the test fails (issue #17: a CI failure of {@code CornersRunTest} named no
 * cause, since the unit's {@code unit.log} went with JUnit's temporary folder). On a failure in a test or in a
 * before/after method, every log of the run folders under the test's temporary folder ({@code *.log}, {@code *.err},
 * {@code *.out}, {@code verdicts.json}; not the traces) is copied to {@code target/failed-runs/<class>-<time>/} with
 * its relative path, and the failure gets a suppressed note naming that folder. Nothing is kept when the test passes.
 *
 * <pre>{@code @RegisterExtension static final KeepRunLogsOnFailure keep = new KeepRunLogsOnFailure(() -> tmp);}</pre>
 */
final class KeepRunLogsOnFailure implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private final Supplier<Path> folder;

    KeepRunLogsOnFailure(Supplier<Path> folder) {
        this.folder = folder;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw keep(context, t);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw keep(context, t);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw keep(context, t);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw keep(context, t);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        throw keep(context, t);
    }

    private Throwable keep(ExtensionContext context, Throwable t) {
        Path from = folder.get();
        if (from == null || !Files.isDirectory(from)) return t;
        Path to = Path.of("target", "failed-runs", context.getRequiredTestClass().getSimpleName() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        int n = 0;
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).filter(KeepRunLogsOnFailure::isLog)::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
                n++;
            }
            t.addSuppressed(new Throwable("the bench runs' logs (" + n + " files) are kept in " + to.toAbsolutePath()));
        } catch (IOException | RuntimeException e) {
            t.addSuppressed(new Throwable("the bench runs' logs could not be kept in " + to.toAbsolutePath() + ": " + e));
        }
        return t;
    }

    private static boolean isLog(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".log") || n.endsWith(".err") || n.endsWith(".out") || n.equals("verdicts.json");
    }
}
