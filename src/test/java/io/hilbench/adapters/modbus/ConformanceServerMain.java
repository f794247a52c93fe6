package io.hilbench.adapters.modbus;

import io.hilbench.plant.SignalCatalogue;
import io.hilbench.points.EngineeringUnit;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;
import io.hilbench.points.PointTable;
import io.hilbench.runtime.Quality;
import io.hilbench.runtime.SignalFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.hilbench.adapters.modbus.TestRig.point;

/**
 * Serves a point map shaped for the third-party checks ({@code modbus-conformance}, {@code modbus-load}) on
 * 127.0.0.1, with a plant stand-in publishing a new step every 100 ms so reads race real publishes. Not a test:
 * run it by hand, then point the tools at the printed endpoint. It stops by itself after MAX_SECONDS.
 *
 * <pre>
 * unit 1  coil 0-15   writable bool actuators           (--wcoil 0)
 *         di   0-15   status bits
 *         hr   0-15   writable uint16 actuators 0..65535 (--whr 0)
 *         hr   16-127 writable float32 actuators (56)
 *         ir   0-127  float32 sensors (64)               (modbus-load -q 100 reads hr 0-99)
 * unit 2  ir   0-1    one float32 sensor
 * </pre>
 *
 * Usage: {@code ConformanceServerMain [PORT (0 = free)] [MAX_SECONDS (600)]}
 */
public final class ConformanceServerMain {
    private ConformanceServerMain() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        long maxSeconds = args.length > 1 ? Long.parseLong(args[1]) : 600;

        List<PointDefinition> p = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            inputs.add("coil" + i);
            p.add(point("XV-" + (600 + i) + ".Open", PointKind.ACTUATOR, EngineeringUnit.NONE, "1:coil:" + i + ":bool", 1, Double.NaN, Double.NaN, 0, "input.coil" + i));
            outputs.add("di" + i);
            p.add(point("ZS-" + (600 + i), PointKind.STATUS, EngineeringUnit.NONE, "1:di:" + i + ":bool", 1, Double.NaN, Double.NaN, 0, "plant.di" + i));
            inputs.add("hr" + i);
            p.add(point("SP-" + (600 + i), PointKind.ACTUATOR, EngineeringUnit.NONE, "1:hr:" + i + ":uint16", 1, 0, 65535, i, "input.hr" + i));
        }
        for (int a = 16; a < 128; a += 2) {
            inputs.add("hrf" + a);
            p.add(point("HV-" + (700 + a) + ".OpeningSet", PointKind.ACTUATOR, EngineeringUnit.PERCENT, "1:hr:" + a + ":float32", 1, 0, 100, 50, "input.hrf" + a));
        }
        for (int a = 0; a < 128; a += 2) {
            outputs.add("ir" + a);
            p.add(point("TT-" + (800 + a), PointKind.SENSOR, EngineeringUnit.DEG_C, "1:ir:" + a + ":float32", 1, Double.NaN, Double.NaN, 0, "plant.ir" + a));
        }
        outputs.add("u2");
        p.add(point("TT-901", PointKind.SENSOR, EngineeringUnit.DEG_C, "2:ir:0:float32", 1, Double.NaN, Double.NaN, 0, "plant.u2"));
        PointTable table = new PointTable(p, new SignalCatalogue(outputs, inputs));

        ScheduledExecutorService plant = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conformance-plant");
            t.setDaemon(true);
            return t;
        });
        long[] step = {0};
        plant.scheduleAtFixedRate(() -> {
            long n = ++step[0];
            table.publish(new SignalFrame() {
                @Override public long step() { return n; }
                @Override public long plantTimeMs() { return n * 100; }
                @Override public double value(int i) { return 273.15 + 20 + i + (n % 100) * 0.01 + (i % 2); }
                @Override public Quality quality(int i) { return Quality.GOOD; }
            }, Map.of());
        }, 0, 100, TimeUnit.MILLISECONDS);

        ModbusTcpServer server = new ModbusTcpServer(table, new ModbusServerConfig("127.0.0.1", port, 64, java.time.Duration.ZERO));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println(server.endpoint() + " unit 1 pid " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
        server.stop();
        plant.shutdownNow();
    }
}
