package io.hilbench.adapters.modbus;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.hilbench.plant.SignalCatalogue;
import io.hilbench.points.EngineeringUnit;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;
import io.hilbench.points.PointTable;
import io.hilbench.runtime.Quality;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.hilbench.adapters.modbus.TestRig.point;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §3: "Every Modbus request is answered from one pinned snapshot: a client never sees half of one step and
 * half of the next." A publisher steps as fast as it can while a j2mod master reads three float32 points (two ABCD,
 * one CDAB) and the step counter in one FC4 request; every frame gives all three the same value, derived from its
 * step. A mix of two states would show as unequal floats, a float not of the form k + 0.25, or a float that does not
 * belong to the step read in the same answer.
 */
class ModbusTornReadTest {
    private static final int READS = 3000;
    /** More reads only while too few distinct steps were seen (a busy 2-core machine may starve the publisher). */
    private static final int MAX_READS = 30_000;
    private static final int MIN_DISTINCT_STEPS = 50; // 50 state changes under the reader already exercise the pinning; at load 20 the publisher gave 147 in 30,000 reads
    private static final long WRAP = 1_000_000; // keeps k + 0.25 exact in a float32 (k < 2^21)

    /** What every float carries in the frame of step {@code step}. */
    private static double valueOf(long step) {
        return (step % WRAP) + 0.25;
    }

    private static final class Frame implements io.hilbench.runtime.SignalFrame {
        final long step;
        final double v;

        Frame(long step) {
            this.step = step;
            this.v = valueOf(step);
        }

        @Override public long step() { return step; }
        @Override public long plantTimeMs() { return step * 100; }
        @Override public double value(int outputIndex) { return v; }
        @Override public Quality quality(int outputIndex) { return Quality.GOOD; }
    }

    @Test
    void oneReadRequestNeverMixesTwoPublishedStates() throws Exception {
        List<PointDefinition> points = List.of(
                point("TT-A", PointKind.SENSOR, EngineeringUnit.NONE, "1:ir:0:float32", 1, Double.NaN, Double.NaN, 0, "plant.a"),
                point("TT-B", PointKind.SENSOR, EngineeringUnit.NONE, "1:ir:2:float32", 1, Double.NaN, Double.NaN, 0, "plant.b"),
                point("TT-C", PointKind.SENSOR, EngineeringUnit.NONE, "1:ir:4:float32:CDAB", 1, Double.NaN, Double.NaN, 0, "plant.c"),
                point("BENCH.Step", PointKind.BENCH, EngineeringUnit.NONE, "1:ir:6:uint32", 1, Double.NaN, Double.NaN, 0, "bench.step"));
        PointTable table = new PointTable(points, new SignalCatalogue(List.of("a", "b", "c"), List.of()));
        table.publish(new Frame(1), Map.of());

        AtomicBoolean done = new AtomicBoolean();
        AtomicLong published = new AtomicLong();
        Thread publisher = new Thread(() -> {
            for (long step = 2; !done.get() && step < 50_000_000L; step++) { // bounded even if the reader hangs
                table.publish(new Frame(step), Map.of());
                published.set(step);
            }
        }, "torn-read-publisher");

        ModbusTcpServer server = new ModbusTcpServer(table, ModbusServerConfig.of("127.0.0.1", 0));
        server.start();
        ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", server.port(), 2000, false);
        Set<Long> stepsSeen = new HashSet<>(); // the check only means something if the state changed under the reader
        try {
            master.connect();
            master.setRetries(1);
            publisher.start();
            int reads = 0;
            for (int i = 0; i < MAX_READS && (i < READS || stepsSeen.size() < MIN_DISTINCT_STEPS); i++) {
                reads++;
                InputRegister[] r = master.readInputRegisters(1, 0, 8);
                int[] w = new int[8];
                for (int k = 0; k < 8; k++) w[k] = r[k].toUnsignedShort();
                float a = Float.intBitsToFloat((w[0] << 16) | w[1]);
                float b = Float.intBitsToFloat((w[2] << 16) | w[3]);
                float c = Float.intBitsToFloat((w[5] << 16) | w[4]); // CDAB: low word first
                long step = ((long) w[6] << 16) | w[7];
                stepsSeen.add(step);
                assertThat(b).as("read %d: TT-B equals TT-A", i).isEqualTo(a);
                assertThat(c).as("read %d: TT-C (CDAB) equals TT-A", i).isEqualTo(a);
                assertThat((double) a).as("read %d: both words of each float from the step read with them (%d)", i, step)
                        .isEqualTo(valueOf(step));
            }
            assertThat(stepsSeen.size()).as("distinct steps seen by %d reads (%d published)", reads, published.get())
                    .isGreaterThanOrEqualTo(MIN_DISTINCT_STEPS);
        } finally {
            done.set(true);
            publisher.join(5000);
            master.disconnect();
            server.stop();
        }
    }
}
