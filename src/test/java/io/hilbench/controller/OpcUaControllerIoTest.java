package io.hilbench.controller;

import io.hilbench.adapters.opcua.OpcUaPlantServer;
import io.hilbench.adapters.opcua.OpcUaServerSettings;
import io.hilbench.points.PointTable;
import io.hilbench.points.PointTableListener;
import io.hilbench.points.PointWrite;
import io.hilbench.points.TableState;
import io.hilbench.rig.ControllerState;
import io.hilbench.runtime.Quality;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link OpcUaControllerIo} against a real {@link OpcUaPlantServer} over the Solrød point map, with Milo's client on
 * 127.0.0.1 (SecurityPolicy None, anonymous): the reference controller closes the loop around the first plant through
 * OPC UA Read/Write in lockstep, one Read of the inputs per cycle and ONE Write call per cycle carrying every output,
 * the heartbeat and the Ack (DESIGN §4 items 7 and 8). One server for the class: Milo's first start in a JVM takes
 * seconds.
 */
class OpcUaControllerIoTest {
    @TempDir
    static Path pkiDir;

    /** The loop (its point table) the server serves; built once, the server started over its table. */
    static ClosedLoop loop;
    static OpcUaPlantServer server;
    static OpcUaControllerIo io;
    static final List<List<PointWrite>> writes = new ArrayList<>();

    @BeforeAll
    static void start() {
        loop = new ClosedLoop(ControllerConfig.defaults(), Optional.empty(), 0, 40, table -> {
            try {
                String ns = "urn:hilbench:solrod";
                server = new OpcUaPlantServer(table, OpcUaServerSettings.loopback(freePort(), "/hilbench", ns, "urn:hilbench:test:plant", pkiDir));
                server.start();
                table.addListener(new PointTableListener() {
                    @Override
                    public void written(TableState after, List<PointWrite> w, String origin) {
                        synchronized (writes) {
                            writes.add(List.copyOf(w));
                        }
                    }
                });
                io = new OpcUaControllerIo(server.endpointUrl(), ns, table.points(), Duration.ofSeconds(5));
                return io;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (io != null) io.close();
        if (server != null) server.stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void theControllerStartsThePlantThroughOpcUaWithOneWritePerCycleAckLast() throws Exception {
        // a cold start over OPC UA: flow proof, then the lead compressor; the same sequence as in-process
        ClosedLoop.Row first = loop.cycle(Commands.none(75).withStart());
        assertThat(first.pumpRunCommanded()).as("P-271 commanded in the start cycle").isTrue();
        synchronized (writes) {
            writes.clear();
        }
        loop.run(60, 75);
        assertThat(loop.controller.state()).as("flow proven, lead held >= 40 Hz, supply loop active").isEqualTo(ControllerState.RUNNING);
        assertThat(loop.trace).as("the lead compressor ran, after flow proof").anyMatch(r -> r.speedHz()[0] > 40);
        ClosedLoop.Row firstCommand = loop.trace.stream().filter(ClosedLoop.Row::anyCommanded).findFirst().orElseThrow();
        assertThat(loop.trace.get(loop.trace.indexOf(firstCommand) - 1).flowLow()).as("FSL-271 clear before the first compressor command").isFalse();

        // every cycle's commit is one table write (the server applies one Write call as one request), Ack last in it
        List<List<PointWrite>> w;
        synchronized (writes) {
            w = List.copyOf(writes);
        }
        PointTable table = loop.table;
        int ack = table.indexOf("BENCH.Ack");
        int speed = table.indexOf("C-211.SpeedSet");
        assertThat(w).as("one table write per cycle").hasSize(600);
        assertThat(w).allSatisfy(req -> {
            assertThat(req.get(req.size() - 1).pointIndex()).as("Ack last").isEqualTo(ack);
            assertThat(req).as("outputs in the same request").anyMatch(x -> x.pointIndex() == speed);
        });
        assertThat(table.state().value(ack)).as("BENCH.Ack after the last cycle").isEqualTo(loop.trace.size() - 1);
    }

    @Test
    void aSensorPublishedBadReadsBadThroughOpcUa() throws Exception {
        // OPC UA shows a faulted sensor with a Bad status code (DESIGN §6); the controller must see BAD quality
        loop.sensorQuality("hp.gasCoolerPressurePa", Quality.BAD);
        try {
            loop.cycle(Commands.none(75));
            Inputs in = io.read();
            assertThat(in.quality(PlantTags.PT202)).isEqualTo(Quality.BAD);
            assertThat(in.isGood(PlantTags.PT202)).isFalse();
            assertThat(in.quality(PlantTags.TT272)).isEqualTo(Quality.GOOD);
            assertThat(in.value(PlantTags.TT272)).isBetween(0.0, 100.0);
            assertThat(in.step()).as("the step the last cycle acknowledged (the plant publishes the next one at the next cycle)").isEqualTo(loop.trace.size() - 1);
        } finally {
            loop.sensorQuality("hp.gasCoolerPressurePa", Quality.GOOD);
        }
    }

    @Test
    void aPlantWithoutTheNamespaceIsALostLinkNotAHang() {
        OpcUaControllerIo wrong = new OpcUaControllerIo(server.endpointUrl(), "urn:no:such:namespace", loop.table.points(), Duration.ofSeconds(5));
        assertThatThrownBy(wrong::open).isInstanceOf(ControllerIoException.class).hasMessageContaining("urn:no:such:namespace");
        assertThat(wrong.isOpen()).isFalse();
    }

    /**
     * Issue #18: the controller's plant link reads the plant's namespace table itself, with retries
     * ({@code OpcUaNamespaceTables}), instead of taking the client's table as Milo left it. Here Milo's session-start read
     * is made to look timed out (the client's table emptied down to namespace 0, as Milo leaves it then) and this
     * link's own first read times out too: the second read finds the plant's namespace and the link reads the clock.
     */
    @Test
    void aNamespaceTableReadThatTimedOutIsReadAgainAndThePlantReached() throws Exception {
        OpcUaControllerIo late = new OpcUaControllerIo(server.endpointUrl(), "urn:hilbench:solrod", loop.table.points(), Duration.ofSeconds(5));
        AtomicInteger reads = new AtomicInteger();
        late.namespaceRead(c -> () -> {
            if (reads.incrementAndGet() == 1) {
                c.getNamespaceTable().update(m -> m.keySet().removeIf(i -> i.intValue() != 0));
                assertThat(c.getNamespaceTable().getIndex("urn:hilbench:solrod")).as("the client's table as Milo leaves it after a late answer").isNull();
                throw new UaException(StatusCodes.Bad_Timeout, "requestId=3 timed out after 5000ms");
            }
            return c.readNamespaceTable();
        });
        try {
            late.open();
            assertThat(reads).as("read once more after the timeout").hasValue(2);
            assertThat(late.poll().step()).as("the plant clock read in the plant's namespace").isGreaterThanOrEqualTo(0);
        } finally {
            late.close();
        }

        OpcUaControllerIo never = new OpcUaControllerIo(server.endpointUrl(), "urn:hilbench:solrod", loop.table.points(), Duration.ofSeconds(5));
        never.namespaceRead(c -> () -> {
            throw new UaException(StatusCodes.Bad_Timeout, "timed out");
        });
        assertThatThrownBy(never::open).isInstanceOf(ControllerIoException.class).hasMessageContaining("could not be read")
                .satisfies(e -> assertThat(((ControllerIoException) e).linkLost()).as("a lost link: the controller reconnects").isTrue());
        assertThat(never.isOpen()).isFalse();
    }
}
