package io.hilbench.adapters.opcua;

import io.hilbench.plant.SignalCatalogue;
import io.hilbench.points.EngineeringUnit;
import io.hilbench.points.OpcUaType;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;
import io.hilbench.points.PointTable;
import io.hilbench.runtime.Quality;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A plant server for the third-party checks ({@code opcua-conformance.js}, {@code opcua-load.js}): N sensors that
 * change every 100 ms, a few actuators of each type, bench points; None and Basic256Sha256 on 127.0.0.1, trust-all
 * (loopback). Not a test: run it by hand, then stop it with Enter or after the given seconds.
 *
 * <p>Args: {@code [port] [sensors] [seconds] [pkiDir]} (defaults: a free port, 300, until Enter, a temp folder).
 * Prints {@code endpoint opc.tcp://...} on stdout once serving.
 */
public final class ConformanceServerMain {
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 && !args[0].equals("0") ? Integer.parseInt(args[0]) : TestPlant.freePort();
        int sensors = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 0;
        Path pki = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("hilbench-pki");

        List<String> outputs = new ArrayList<>();
        List<PointDefinition> points = new ArrayList<>();
        double nan = Double.NaN;
        for (int i = 0; i < sensors; i++) {
            String out = "s" + i;
            outputs.add(out);
            points.add(TestPlant.point(String.format("TT-%04d", i), "Synthetic temperature " + i, PointKind.SENSOR, EngineeringUnit.DEG_C,
                    null, "Area" + (i % 10) + "/Temperatures", OpcUaType.DOUBLE, -50, 150, 20, null, "plant." + out));
        }
        outputs.add("running");
        points.add(TestPlant.point("C-211.Running", "Compressor running", PointKind.STATUS, EngineeringUnit.NONE, null,
                "HeatPump/Compressors", OpcUaType.BOOLEAN, nan, nan, 0, null, "plant.running"));
        List<String> inputs = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            inputs.add("speed" + i);
            points.add(TestPlant.point("C-21" + i + ".SpeedSet", "Compressor speed setpoint", PointKind.ACTUATOR, EngineeringUnit.HERTZ,
                    null, "HeatPump/Compressors", OpcUaType.DOUBLE, 0, 70, 0, null, "input.speed" + i));
            inputs.add("enable" + i);
            points.add(TestPlant.point("C-21" + i + ".Enable", "Compressor enable", PointKind.ACTUATOR, EngineeringUnit.NONE,
                    null, "HeatPump/Compressors", OpcUaType.BOOLEAN, nan, nan, 0, null, "input.enable" + i));
        }
        inputs.add("pump");
        points.add(TestPlant.point("P-271.SpeedSet", "DH pump speed", PointKind.ACTUATOR, EngineeringUnit.PERCENT, "1:hr:0:int16",
                "HeatPump/Water", OpcUaType.INT16, 0, 100, 0, null, "input.pump"));
        points.add(TestPlant.point("BENCH.Step", "Plant step", PointKind.BENCH, EngineeringUnit.NONE, "1:ir:0:uint32",
                "Bench", OpcUaType.UINT32, nan, nan, 0, null, "bench.step"));
        points.add(TestPlant.point("BENCH.PlantTimeMs", "Plant time", PointKind.BENCH, EngineeringUnit.MILLISECOND, "1:ir:2:uint64",
                "Bench", OpcUaType.UINT64, nan, nan, 0, null, "bench.plantTimeMs"));
        points.add(TestPlant.point("BENCH.Ack", "Lockstep ack", PointKind.BENCH, EngineeringUnit.NONE, "1:hr:10:uint32",
                "Bench", OpcUaType.UINT32, nan, nan, 0, null, "bench.ack"));
        points.add(TestPlant.point("SITE.Name", "Site", PointKind.CONSTANT, EngineeringUnit.NONE, "1:ir:20:string(16)",
                "Site", OpcUaType.STRING, nan, nan, 0, "Solrod Havdrup", "const.site"));

        SignalCatalogue catalogue = new SignalCatalogue(outputs, inputs);
        PointTable table = new PointTable(points, catalogue);
        OpcUaServerSettings settings = OpcUaServerSettings.loopback(port, "/solrod", "urn:hilbench:solrod:plant",
                "urn:hilbench:conformance:server", pki).withTrustAllClients(true);
        OpcUaPlantServer server = new OpcUaPlantServer(table, settings);
        server.start();

        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        long[] step = {0};
        publisher.scheduleAtFixedRate(() -> {
            long n = ++step[0];
            int size = outputs.size();
            double[] v = new double[size];
            for (int i = 0; i < sensors; i++) {
                v[i] = EngineeringUnit.DEG_C.toSi(50 + 40 * Math.sin(n * 0.05 + i));
            }
            v[sensors] = (n / 50) % 2;
            Quality[] q = new Quality[size];
            Arrays.fill(q, Quality.GOOD);
            table.publish(new TestPlant.Frame(n, n * 100, v, q), Map.of());
        }, 0, 100, TimeUnit.MILLISECONDS);

        System.out.println("endpoint " + server.endpointUrl());
        System.out.println("pid " + ProcessHandle.current().pid());
        System.out.flush();
        try {
            if (seconds > 0) Thread.sleep(seconds * 1000);
            else System.in.read();
        } finally {
            publisher.shutdownNow();
            server.stop();
            OpcUaPlantServer.releaseSharedResources();
        }
    }
}
