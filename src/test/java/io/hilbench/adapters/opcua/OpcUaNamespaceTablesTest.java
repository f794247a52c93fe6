package io.hilbench.adapters.opcua;

import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The namespace table is read by the client's owner itself and a read that timed out is read again (issue #18,
 * "lockstep must be bit-identical under any load"): in session 10's frozen DF-02 run the starting controller answered
 * Milo's own session-start read 11.4 s late, Milo kept a table of namespace 0 alone, and the run ended INCONCLUSIVE
 * ("no namespace … holds the controller map's point") while the undisturbed run passed. Both the bench's supervisory
 * link and the reference controller's plant link read through {@link OpcUaNamespaceTables} (the controller's with a
 * real server: OpcUaControllerIoTest). The reads here are given, so the late answer is deterministic.
 */
class OpcUaNamespaceTablesTest {
    private static NamespaceTable controllerTable() {
        NamespaceTable t = new NamespaceTable();
        t.add("urn:hilbench:solrod:controller");
        return t;
    }

    @Test
    void aReadThatTimedOutIsReadAgainAndTheNamespaceFound() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        Callable<NamespaceTable> lateOnce = () -> {
            if (calls.incrementAndGet() == 1) throw new UaException(StatusCodes.Bad_Timeout, "requestId=4 timed out after 10000ms");
            return controllerTable();
        };
        NamespaceTable t = OpcUaNamespaceTables.read(lateOnce, "opc.tcp://127.0.0.1:1/controller");
        assertThat(calls).hasValue(2);
        assertThat(t.getIndex("urn:hilbench:solrod:controller")).isNotNull();
    }

    @Test
    void aServerThatNeverAnswersStillEndsTheConnectWithTheLastError() {
        AtomicInteger calls = new AtomicInteger();
        Callable<NamespaceTable> never = () -> {
            calls.incrementAndGet();
            throw new UaException(StatusCodes.Bad_Timeout, "timed out");
        };
        assertThatThrownBy(() -> OpcUaNamespaceTables.read(never, "opc.tcp://127.0.0.1:1/controller"))
                .isInstanceOf(IOException.class).hasMessageContaining("could not be read").hasMessageContaining("timed out");
        assertThat(calls).hasValue(OpcUaNamespaceTables.ATTEMPTS);
    }
}
