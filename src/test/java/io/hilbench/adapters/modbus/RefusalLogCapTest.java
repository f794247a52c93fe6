package io.hilbench.adapters.modbus;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression for the fuzz finding "a client flooding refused writes floods the log": 10^6 fuzzed frames wrote about
 * 60 MB of INFO lines (one per refused write and per malformed header), slowing every client behind the synchronous
 * appender and able to fill an unattended bench's disk. Now each kind is capped per second, every request is still
 * answered, and the next line written counts what was suppressed. The clock is a fake: no wall-clock in the test.
 */
class RefusalLogCapTest {

    @Test
    void limiterAdmitsItsQuotaPerSecondAndCountsTheRest() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        LogLimiter l = new LogLimiter(20, now::get);
        int admitted = 0;
        for (int i = 0; i < 100; i++) if (l.admit() >= 0) admitted++;
        assertThat(admitted).isEqualTo(20);
        now.addAndGet(999_999_999L);
        assertThat(l.admit()).as("still the same second").isEqualTo(-1);
        now.addAndGet(1);
        assertThat(l.admit()).as("next second: the line says 81 were suppressed").isEqualTo(81);
        assertThat(l.admit()).isZero();
    }

    @Test
    void aFloodOfRefusedWritesIsAnsweredInFullButLoggedOnlyUpToTheCap() {
        Logger logger = (Logger) LoggerFactory.getLogger(RequestHandler.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        ch.qos.logback.classic.Level old = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            AtomicLong frozen = new AtomicLong();
            RequestHandler h = new RequestHandler(TestRig.table(), new LogLimiter(20, frozen::get));
            byte[] req = {6, 0, 8, 0, 1}; // FC6 to BENCH.Mode, read-only: exception 02
            byte[] out = new byte[RequestHandler.MAX_RESPONSE_PDU];
            for (int i = 0; i < 1000; i++) {
                assertThat(h.handle(1, req, 0, req.length, out, 0, "127.0.0.1:1")).isEqualTo(2);
                assertThat(out[0]).isEqualTo((byte) 0x86);
                assertThat(out[1]).isEqualTo((byte) 2);
            }
            assertThat(h.exceptions.sum()).isEqualTo(1000);
            assertThat(appender.list).hasSize(20);
            frozen.addAndGet(1_000_000_000L);
            h.handle(1, req, 0, req.length, out, 0, "127.0.0.1:1");
            assertThat(appender.list).hasSize(21);
            assertThat(appender.list.get(20).getFormattedMessage()).contains("980 similar lines suppressed");
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(old);
        }
    }
}
