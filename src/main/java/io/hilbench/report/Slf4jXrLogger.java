package io.hilbench.report;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.logging.Level;

/**
 * Routes the PDF renderer's own logging (openhtmltopdf prints to stderr through java.util.logging by default) to
 * SLF4J: its warnings and errors as such, its progress chatter at debug.
 */
final class Slf4jXrLogger implements XRLogger {
    @Override
    public void log(String where, Level level, String msg) { log(where, level, msg, null); }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
        Logger l = LoggerFactory.getLogger(where);
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) l.error(msg, th);
        else if (v >= Level.WARNING.intValue()) l.warn(msg, th);
        else l.debug(msg, th);
    }

    @Override
    public void setLevel(String logger, Level level) {
        // levels are Logback's (logback.xml)
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return diagnostic.getLevel().intValue() >= Level.WARNING.intValue() || LoggerFactory.getLogger("com.openhtmltopdf").isDebugEnabled();
    }
}
