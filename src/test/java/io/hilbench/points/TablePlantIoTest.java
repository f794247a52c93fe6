package io.hilbench.points;

import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.PlantIo;
import io.hilbench.runtime.Quality;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The step loop's view of the table (runtime.PlantIo) and the readers' freeze switch of the freeze link fault. */
class TablePlantIoTest {

    static List<PointDefinition> points() {
        List<PointDefinition> p = new ArrayList<>(PointTableTest.points());
        p.add(PointTableTest.point("BENCH.Heartbeat", PointKind.BENCH, "", "1:hr:5:uint16", 1, Double.NaN, Double.NaN, 0, OutOfRangePolicy.REJECT, "bench.heartbeat"));
        p.add(PointTableTest.point("BENCH.Mode", PointKind.BENCH, "", "1:ir:5:uint16", 1, Double.NaN, Double.NaN, 0, OutOfRangePolicy.REJECT, "bench.mode"));
        p.add(PointTableTest.point("BENCH.WatchdogTripped", PointKind.BENCH, "", "1:di:0:bool", 1, Double.NaN, Double.NaN, 0, OutOfRangePolicy.REJECT, "bench.watchdogTripped"));
        return p;
    }

    static PointTableTest.Frame frame(long step, double pressurePa) {
        return new PointTableTest.Frame(step, step * 100, new double[] {pressurePa, 300.0}, new Quality[] {Quality.GOOD, Quality.GOOD});
    }

    @Test
    void publishSetsTheBenchStatusAndSampleReadsAckHeartbeatAndInputsFromOneState() throws Exception {
        PointTable t = new PointTable(points(), PointTableTest.CATALOGUE);
        TablePlantIo io = new TablePlantIo(t, PointTableTest.CATALOGUE);
        io.publish(frame(3, 100e5), new PlantIo.BenchStatus(Pacing.Kind.LOCKSTEP, true));
        assertThat(t.state().value(t.indexOf("BENCH.Mode"))).isEqualTo(2.0);
        assertThat(t.state().value(t.indexOf("BENCH.WatchdogTripped"))).isEqualTo(1.0);
        assertThat(t.state().value(t.indexOf("BENCH.Step"))).isEqualTo(3.0);

        List<String> seen = new ArrayList<>();
        io.setListener(new PlantIo.Listener() {
            public void requestApplied() { seen.add("applied"); }

            public void event(String message) { seen.add(message); }
        });
        io.resetAck();
        assertThat(io.ack()).as("no Ack yet: step 0 must wait for a real one").isEqualTo((double) PlantIo.NO_ACK);
        t.write(List.of(PointWrite.of(t.indexOf("C-211.SpeedSet"), 50.0), PointWrite.of(t.indexOf("BENCH.Heartbeat"), 7),
                PointWrite.of(t.indexOf("BENCH.Ack"), 3)), "test");
        PlantIo.Sample s = io.sample(new double[] {9, 9}, false);
        assertThat(s.ack()).isEqualTo(3.0);
        assertThat(s.heartbeat()).isEqualTo(7.0);
        assertThat(s.inputsSi()).containsExactly(0.5, 0.0); // 50 % in SI; the unwritten valve at its initial 0
        assertThat(seen).contains("applied");
        assertThat(io.hasAck()).isTrue();
        assertThat(io.hasHeartbeat()).isTrue();
    }

    @Test
    void failsafeHoldsTheValuesOfTheLastSampleTakenWithoutIt() throws Exception {
        List<PointDefinition> p = new ArrayList<>();
        for (PointDefinition d : PointTableTest.points()) {
            // the valve holds on comm loss; the compressor goes to zero (PointTableTest's default)
            p.add(d.tag().equals("HV-221.OpeningSet") ? new PointDefinition(d.tag(), d.description(), d.kind(), d.unit(), d.modbus(), d.scale(),
                    d.offset(), d.opcuaPath(), d.opcuaType(), d.min(), d.max(), d.initial(), d.initialText(), d.onOutOfRange(), Failsafe.HOLD,
                    d.badRaw(), d.binding(), d.file(), d.line()) : d);
        }
        PointTable t = new PointTable(p, PointTableTest.CATALOGUE);
        TablePlantIo io = new TablePlantIo(t, PointTableTest.CATALOGUE);
        int valve = t.indexOf("HV-221.OpeningSet");
        t.write(List.of(PointWrite.of(valve, 40.0), PointWrite.of(t.indexOf("C-211.SpeedSet"), 60.0)), "test");
        io.sample(new double[2], false);                      // the last healthy commit
        t.write(List.of(PointWrite.of(valve, 90.0)), "test"); // written after the trip: not applied
        PlantIo.Sample failsafe = io.sample(new double[2], true);
        assertThat(failsafe.inputsSi()[0]).isZero();
        assertThat(failsafe.inputsSi()[1]).isCloseTo(0.40, within(1e-12));
        assertThat(t.state().value(valve)).as("the point reads back its output image").isEqualTo(90.0);
    }

    @Test
    void frozenReadersSeeAStaleStateWhileThePlantAndWritesGoOn() throws Exception {
        PointTable t = new PointTable(points(), PointTableTest.CATALOGUE);
        TablePlantIo io = new TablePlantIo(t, PointTableTest.CATALOGUE);
        int pressure = t.indexOf("PT-202");
        t.publish(frame(1, 100e5), Map.of());
        t.freezeReaders();
        TableState stale = t.state();
        t.publish(frame(2, 110e5), Map.of());
        t.write(List.of(PointWrite.of(t.indexOf("BENCH.Ack"), 2)), "test");
        assertThat(t.readersFrozen()).isTrue();
        assertThat(t.state()).isSameAs(stale);
        assertThat(t.state().value(pressure)).isEqualTo(100.0);
        // the loop samples the live state: the controller's write reaches the plant
        assertThat(t.liveState().value(pressure)).isEqualTo(110.0);
        assertThat(io.ack()).isEqualTo(2.0);
        t.thawReaders();
        assertThat(t.state().value(pressure)).isEqualTo(110.0);
    }
}
