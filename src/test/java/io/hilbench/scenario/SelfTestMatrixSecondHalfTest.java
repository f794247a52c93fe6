package io.hilbench.scenario;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The second half of the expected-failure matrix ({@link SelfTestMatrixTest}), in its own class so another fork runs it alongside. */
class SelfTestMatrixSecondHalfTest {
    @AfterAll
    static void stopTheVariant() {
        BenchSession.closeCurrent();
    }

    @Test
    void everyKnownBadVariantIsCaughtOnItsNamedAssertion() throws Exception {
        SelfTestMatrixTest.runHalf(1);
    }
}
