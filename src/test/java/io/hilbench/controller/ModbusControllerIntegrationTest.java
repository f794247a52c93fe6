package io.hilbench.controller;

import io.hilbench.rig.PlantModels;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.hilbench.adapters.modbus.ModbusServerConfig;
import io.hilbench.adapters.modbus.ModbusTcpServer;
import io.hilbench.plant.SignalCatalogue;
import io.hilbench.points.BenchVariable;
import io.hilbench.points.Codec;
import io.hilbench.points.PointTable;
import io.hilbench.points.PointTableListener;
import io.hilbench.points.PointWrite;
import io.hilbench.points.TableState;
import io.hilbench.points.WordOrder;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Quality;
import io.hilbench.runtime.SignalFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The reference controller over real Modbus TCP on 127.0.0.1: the Solrød plant map served by {@link ModbusTcpServer}
 * over a {@link PointTable} (the Solrød plant model's catalogue), a few lines of test plant publishing frames so {@code BENCH.Step}
 * advances, {@link ModbusControllerIo} + {@link ControllerRunner} doing the lockstep handshake (DESIGN §4), and the
 * supervisory interface served as a Modbus mirror taking a start pulse (DESIGN §7).
 */
class ModbusControllerIntegrationTest {
    /** A frame of the test plant: SI values indexed like the catalogue's outputs, all GOOD. */
    record Frame(long step, long plantTimeMs, double[] values) implements SignalFrame {
        @Override
        public double value(int outputIndex) { return values[outputIndex]; }

        @Override
        public Quality quality(int outputIndex) { return Quality.GOOD; }
    }

    /** One write request the plant table applied. */
    record Applied(Set<String> tags, String origin, long version) {}

    private Rig rig;
    private SignalCatalogue catalogue;
    private PointTable plant;
    private ModbusTcpServer plantServer;
    private SupervisoryServer supervisory;
    private ModbusControllerIo io;
    private ControllerRunner runner;
    private ModbusTCPMaster bench;
    private final List<Applied> applied = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Long> acks = new LinkedBlockingQueue<>();
    private int ackPoint;

    @BeforeEach
    void startPlantControllerAndSupervisory() throws Exception {
        rig = RigLoader.loadDefault(Path.of("rigs/solrod"));
        catalogue = PlantModels.catalogue("solrod");
        plant = new PointTable(rig.points(), catalogue);
        ackPoint = plant.benchPoint(BenchVariable.ACK);
        plant.addListener(new PointTableListener() {
            @Override
            public void written(TableState after, List<PointWrite> writes, String origin) {
                Set<String> tags = writes.stream().map(w -> plant.point(w.pointIndex()).tag()).collect(Collectors.toSet());
                applied.add(new Applied(tags, origin, after.version()));
                if (writes.stream().anyMatch(w -> w.pointIndex() == ackPoint)) acks.add((long) after.value(ackPoint));
            }
        });
        plantServer = new ModbusTcpServer(plant, ModbusServerConfig.of("127.0.0.1", 0));
        plantServer.start();
        supervisory = new SupervisoryServer(rig.controller().orElseThrow(), "HILbench RefCtl", "0.1.0")
                .serveModbus(ModbusServerConfig.of("127.0.0.1", 0));
        supervisory.start();
        io = new ModbusControllerIo("127.0.0.1", plantServer.port(), rig.points(), Duration.ofSeconds(2));
        ReferenceController logic = new ReferenceController(ControllerConfig.defaults(), Optional.empty(), ReferenceController.permissiveTags(rig.points()));
        runner = new ControllerRunner(io, logic, supervisory);
        runner.start();
        bench = new ModbusTCPMaster("127.0.0.1", supervisory.modbus().port(), 2000, false);
        bench.connect();
        bench.setRetries(1);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (bench != null) bench.disconnect();
        if (runner != null) runner.stop();
        if (supervisory != null) supervisory.stop();
        if (plantServer != null) plantServer.stop();
    }

    /** Waits until the controller acknowledges {@code step} (fed by the plant table's listener, no sleeping). */
    private void awaitAck(long step) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);   // a hang guard: a loaded machine is slow, not wrong
        while (true) {
            Long a = acks.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (a == null) fail("no Ack = " + step + " within 60 s (runner acked " + runner.lastAck() + ")");
            if (a == step) return;
        }
    }

    private double image(String tag) {
        return plant.state().value(plant.indexOf(tag));
    }

    /**
     * The test plant, one step: the DH pump runs (and flow is clear) exactly while P-271 is commanded, the lead
     * compressor's speed follows its set-point while enabled; the rest sits at plausible constants.
     */
    private void publish(long step) {
        publish(step, Double.NaN);
    }

    /** One step with {@code BENCH.Mode} set to {@code modeCode} (NaN: left as it is). */
    private void publish(long step, double modeCode) {
        double[] v = new double[catalogue.outputs().size()];
        boolean pump = image("P-271.Run") != 0 && image("P-271.SpeedSet") > 0;
        set(v, "hp.dhPump.running", pump ? 1 : 0);
        set(v, "hp.dhWater.flowLow", pump ? 0 : 1);
        set(v, "hp.compressor1.speedHz", image("C-211.Enable") != 0 ? image("C-211.SpeedSet") : 0);
        for (String t : List.of("hp.dhWater.inletTemperatureK", "hp.dhWater.outletTemperatureK", "network.supplyTemperatureSetK",
                "network.supplyTemperatureK", "network.returnTemperatureK")) set(v, t, 313.15);
        for (int k = 1; k <= 6; k++) set(v, "tank.sensor" + k + "TemperatureK", 333.15);
        plant.publish(new Frame(step, step * 100, v), Double.isNaN(modeCode) ? java.util.Map.of() : java.util.Map.of(BenchVariable.MODE, modeCode));
    }

    private void set(double[] v, String output, double si) {
        int i = catalogue.outputIndex(output);
        if (i < 0) throw new IllegalArgumentException("no output " + output);
        v[i] = si;
    }

    @Test
    void eachCycleReadsInAFewBulkRequestsAndCommitsInTwo() {
        // DESIGN §6 / V1.1b3 §6.1–6.4, §6.11–6.12: bulk requests within the quantity limits, never one per point;
        // contiguous runs only, since an unmapped address fails a whole request with exception 02
        assertThat(io.readRequests()).containsExactlyInAnyOrder("unit 1 ir 0..94", "unit 1 ir 100..106", "unit 1 di 0..26", "unit 2 ir 0..17");
        assertThat(io.writeRequests()).containsExactly("unit 1 coil 0..14", "unit 1 hr 0..14");
    }

    @Test
    void aCycleAfterAPollDoesNotReadTheClockBlockAgain() throws Exception {
        // Lockstep step cost (BENCHMARKS "CI time, session 3"): the runner polls the clock block, sees a new step and
        // reads every input; the poll's block is the read's first request again, so read() takes it from the poll
        // (the plant holds the snapshot until the Ack: same data). Poll + read is 4 read requests (V1.1b3 §6.2/§6.4),
        // not 5, and decodes the same inputs as a read alone.
        publish(1);
        awaitAck(1);
        runner.stop();   // the plant no longer moves: what a poll and a read see is the same snapshot
        ModbusControllerIo probe = new ModbusControllerIo("127.0.0.1", plantServer.port(), rig.points(), Duration.ofSeconds(2));
        try {
            probe.open();
            long r0 = probe.readRequestsSent();
            Inputs alone = probe.read();
            long r1 = probe.readRequestsSent();
            ControllerIo.BenchClock clock = probe.poll();
            Inputs afterPoll = probe.read();
            long r2 = probe.readRequestsSent();
            Inputs again = probe.read();   // the poll is used once: a second read asks for every block again
            long r3 = probe.readRequestsSent();

            assertThat(r1 - r0).as("a read alone: one request per block").isEqualTo(probe.readRequests().size()).isEqualTo(4);
            assertThat(r2 - r1).as("poll + read").isEqualTo(4);
            assertThat(r3 - r2).as("a read without a fresh poll").isEqualTo(4);
            assertThat(clock.step()).isEqualTo(1);
            assertThat(afterPoll.step()).isEqualTo(alone.step()).isEqualTo(1);
            assertThat(afterPoll.plantTimeMs()).isEqualTo(alone.plantTimeMs()).isEqualTo(100);
            for (String tag : List.of("BENCH.Step", "BENCH.PlantTimeMs", "FSL-271", "TT-271")) {
                assertThat(afterPoll.value(tag)).as(tag).isEqualTo(alone.value(tag)).isEqualTo(again.value(tag));
            }
        } finally {
            probe.close();
        }
    }

    @Test
    void readingTheAckBackDiscardsThePollSoTheNextCycleReadsTheClockAfresh() throws Exception {
        // the runner's stale check (poll, then readAck when the step has not moved): a new run may be published between
        // the poll and the Ack read; the cycle that follows must take the new run's clock, not the poll's old step
        publish(1);
        awaitAck(1);
        runner.stop();
        ModbusControllerIo probe = new ModbusControllerIo("127.0.0.1", plantServer.port(), rig.points(), Duration.ofSeconds(2));
        try {
            probe.open();
            assertThat(probe.poll().step()).isEqualTo(1);
            publish(0);   // a new run, published between the poll and the Ack read
            probe.readAck();
            long r0 = probe.readRequestsSent();
            Inputs in = probe.read();
            assertThat(probe.readRequestsSent() - r0).as("every block read again, the clock block included").isEqualTo(4);
            assertThat(in.step()).isZero();
            assertThat(in.plantTimeMs()).isZero();
        } finally {
            probe.close();
        }
    }

    @Test
    void inLockstepThePlantLinkWaitsTheLongSilenceAndInPacedModesOneSecond() throws Exception {
        // a loaded or paused bench answers late, not never: in lockstep a short request timeout turned that into
        // COMM_LOSS (8 times in DF-01/DF-02 under load on main); paced plants must answer in time anyway
        publish(1);
        awaitAck(1);
        assertThat(io.requestTimeoutMs()).as("lockstep (BENCH.Mode initial value)").isEqualTo(ControllerRunner.LOCKSTEP_LINK_SILENCE.toMillis());
        publish(2, 0.0);   // BENCH.Mode = Realtime
        awaitAck(2);
        assertThat(io.requestTimeoutMs()).as("real time").isEqualTo(ControllerRunner.PACED_LINK_SILENCE.toMillis());
        publish(3, 2.0);   // back to lockstep
        awaitAck(3);
        assertThat(io.requestTimeoutMs()).isEqualTo(ControllerRunner.LOCKSTEP_LINK_SILENCE.toMillis());
    }

    @Test
    void ackFollowsStepAndTheOutputsArriveInTheRequestThatCarriesTheAck() throws Exception {
        // DESIGN §4 steps 2 and 8: outputs first, Ack = N last; the plant commits only after the whole request that
        // carried the Ack is staged, so the set-points must be in that same FC16
        awaitAck(0);
        List<Double> heartbeats = new ArrayList<>();
        for (long n = 1; n <= 50; n++) {
            publish(n);
            awaitAck(n);
            heartbeats.add(image("BENCH.Heartbeat"));
        }
        assertThat(image("BENCH.Ack")).isEqualTo(50.0);
        List<Applied> withAck = applied.stream().filter(a -> a.tags().contains("BENCH.Ack")).toList();
        assertThat(withAck).hasSizeGreaterThanOrEqualTo(51).allSatisfy(a -> {
            assertThat(a.origin()).startsWith("modbus");
            assertThat(a.tags()).contains("BENCH.Heartbeat", "C-211.SpeedSet", "HV-221.OpeningSet", "F-254.SpeedSet", "P-271.SpeedSet");
        });
        // the coils of each cycle were applied before its Ack request
        Applied lastAck = withAck.get(withAck.size() - 1);
        Applied lastCoils = applied.stream().filter(a -> a.tags().contains("P-271.Run")).reduce((a, b) -> b).orElseThrow();
        assertThat(lastCoils.version()).isLessThan(lastAck.version());
        // the heartbeat changes every cycle (I/O watchdog, DESIGN §5)
        for (int i = 1; i < heartbeats.size(); i++) assertThat(heartbeats.get(i)).isNotEqualTo(heartbeats.get(i - 1));
        await("runner counts its 51 cycles").atMost(Duration.ofSeconds(60)).until(() -> runner.cycles() >= 51);
    }

    @Test
    void aStartPulseOnTheSupervisoryMirrorIsTakenClearedAndStartsThePumpBeforeTheCompressor() throws Exception {
        // DESIGN §7: simulation_active true before any command; pulse semantics (the controller clears it); state as
        // the rig's vendor code (controller.csv: 0 Idle, 10 StartUp, 20 Run); SU-01 order over the wire
        awaitAck(0);
        assertThat(bench.readInputDiscretes(1, 0, 1).getBit(0)).as("CTL.SimulationActive").isTrue();
        InputRegister[] name = bench.readInputRegisters(1, 2, 8);
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) words[i] = name[i].toUnsignedShort();
        assertThat(Codec.decodeString(16, WordOrder.ABCD, words, 0)).isEqualTo("HILbench RefCtl");
        assertThat(bench.readInputRegisters(1, 0, 1)[0].getValue()).as("CTL.State Idle").isEqualTo(0);

        bench.writeCoil(1, 0, true); // CTL.Start
        long firstPump = -1, firstCompressor = -1;
        long n = 0;
        while (n < 400 && bench.readInputRegisters(1, 0, 1)[0].getValue() != 20) {
            n++;
            publish(n);
            awaitAck(n);
            if (firstPump < 0 && image("P-271.Run") != 0) firstPump = n;
            if (firstCompressor < 0 && image("C-211.Enable") != 0) firstCompressor = n;
        }
        assertThat(bench.readInputRegisters(1, 0, 1)[0].getValue()).as("CTL.State Run").isEqualTo(20);
        assertThat(bench.readCoils(1, 0, 1).getBit(0)).as("CTL.Start cleared when taken").isFalse();
        assertThat(firstPump).isPositive();
        // 5 s flow proof at 100 ms per step before the compressor
        assertThat(firstCompressor - firstPump).isGreaterThanOrEqualTo(50);
        assertThat(bench.readInputRegisters(1, 1, 1)[0].getValue()).as("CTL.AlarmWord").isEqualTo(0);
    }

    @Test
    void theControllerReconnectsAfterThePlantLinkDrops() throws Exception {
        // the runner reconnects with backoff when the plant link drops, and the handshake resumes
        awaitAck(0);
        int port = plantServer.port();
        plantServer.stop();
        plantServer = new ModbusTcpServer(plant, ModbusServerConfig.of("127.0.0.1", port));
        plantServer.start();
        publish(1);
        await("controller acknowledges step 1 after reconnecting").atMost(Duration.ofSeconds(60)).until(() -> runner.lastAck() == 1);
        publish(2);
        awaitAck(2);
    }

    @Test
    void aLostPlantLinkShowsCommLossOnTheSupervisoryInterfaceAtOnceAndTheRestartGoesThroughTheStartSequence() throws Exception {
        // CL-01 over the wire: the plant link goes away while running; the supervisory interface (served by the
        // controller's own process, not over the lost link) shows COMM_LOSS (CTL.AlarmWord bit 7, controller.csv)
        // while the link is still down; once it is back the controller is Starting again (vendor code 10), with
        // every compressor off, rather than resuming where it was
        awaitAck(0);
        bench.writeCoil(1, 0, true); // CTL.Start
        long n = 0;
        while (n < 400 && bench.readInputRegisters(1, 0, 1)[0].getValue() != 20) {
            n++;
            publish(n);
            awaitAck(n);
        }
        assertThat(bench.readInputRegisters(1, 0, 1)[0].getValue()).as("CTL.State Run").isEqualTo(20);
        assertThat(image("C-211.Enable")).isEqualTo(1.0);
        int port = plantServer.port();
        plantServer.stop();
        await("COMM_LOSS on the supervisory mirror while the plant link is down").atMost(Duration.ofSeconds(60))
                .until(() -> (bench.readInputRegisters(1, 1, 1)[0].getValue() & (1 << 7)) != 0);
        plantServer = new ModbusTcpServer(plant, ModbusServerConfig.of("127.0.0.1", port));
        plantServer.start();
        publish(n + 1);
        awaitAck(n + 1);
        assertThat(bench.readInputRegisters(1, 0, 1)[0].getValue()).as("CTL.State StartUp: restarting through the start sequence").isEqualTo(10);
        assertThat(image("C-211.Enable")).as("compressors counted stopped by the plant's watchdog: the minimum off time runs").isEqualTo(0.0);
        assertThat(bench.readInputRegisters(1, 1, 1)[0].getValue() & 0b11110).as("no trip alarm").isZero();
    }
}
