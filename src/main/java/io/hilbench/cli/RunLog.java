package io.hilbench.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The run's log file (issue #16 item 10: a run printed ~840 stderr lines, INFO chatter around 25 result lines): while
 * {@code bench run} runs, every log event goes to {@code run.log} in its report folder, and the terminal's log appenders
 * (logback.xml's stderr console) let through WARN and ERROR only. The terminal keeps what the run prints itself: the
 * plan, the preflight, one line per scenario with its verdict lines, live progress, the report's rendering and the
 * totals. {@link #close()} puts the terminal back as it was (a test runs several commands in one JVM).
 */
final class RunLog implements AutoCloseable {
    static final String FILE = "run.log";

    private final FileAppender<ILoggingEvent> file;
    private final List<ThresholdFilter> added = new ArrayList<>();
    private final List<Appender<ILoggingEvent>> filtered = new ArrayList<>();

    private RunLog(FileAppender<ILoggingEvent> file) {
        this.file = file;
    }

    /** Starts logging to {@code reportDir/run.log}; null (logging unchanged) when the logger is not logback's. */
    static RunLog start(Path reportDir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return null;
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> f = new FileAppender<>();
        f.setContext(ctx);
        f.setName("hilbench-run-log");
        f.setFile(reportDir.resolve(FILE).toString());
        f.setAppend(true);
        f.setEncoder(encoder);
        f.start();
        RunLog log = new RunLog(f);
        consoleWarnOnly(ctx, root, (a, warn) -> {
            log.added.add(warn);
            log.filtered.add(a);
        });
        root.addAppender(f);
        return log;
    }

    /**
     * The terminal's log appenders let through WARN and ERROR only, for the rest of this JVM's life: a parallel run's
     * worker ({@link UnitWorker}), whose INFO lines belong in its units' run.log, and whose stderr outside a unit is
     * kept only when it says something.
     */
    static void terminalWarnOnlyForGood() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        consoleWarnOnly(ctx, ctx.getLogger(Logger.ROOT_LOGGER_NAME), (a, warn) -> { });
    }

    /** Puts a WARN threshold on each of {@code root}'s console appenders; {@code added} is told each appender and its filter. */
    private static void consoleWarnOnly(LoggerContext ctx, Logger root, java.util.function.BiConsumer<Appender<ILoggingEvent>, ThresholdFilter> added) {
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (!(a instanceof ch.qos.logback.core.ConsoleAppender)) continue;
            ThresholdFilter warn = new ThresholdFilter();
            warn.setLevel(Level.WARN.levelStr);
            warn.setContext(ctx);
            warn.start();
            a.addFilter(warn);
            added.accept(a, warn);
        }
    }

    /**
     * Ends run.log (the terminal stays quiet until {@link #close()}): called before the evidence bundle hashes and copies
     * the report folder, so the file the manifest hashes is the file the bundle holds.
     */
    void endFile() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(file);
        file.stop();
    }

    @Override
    public void close() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) return;
        endFile();
        // logback has no removeFilter: the console appenders get their filter list back without ours
        for (Appender<ILoggingEvent> a : filtered) {
            List<ch.qos.logback.core.filter.Filter<ILoggingEvent>> keep = new ArrayList<>(a.getCopyOfAttachedFiltersList());
            keep.removeAll(added);
            a.clearAllFilters();
            keep.forEach(a::addFilter);
        }
    }
}
