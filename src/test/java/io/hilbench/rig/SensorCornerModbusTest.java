package io.hilbench.rig;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.hilbench.points.PointDefinition;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.TraceRow;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A sensor corner reaches what the controller reads (issue #17 item 3): the Solrød bench at {@code sensors-high}
 * serves PT-202 and TT-272 over Modbus on 127.0.0.1 at their plant truth + one accuracy band (0.5 % of 160 bar; IEC
 * 60751 class A at the reading), read by a real client (j2mod), while the trace's truth column stays the plant's. The
 * plant idles without a controller (real time, held while read), so the truth barely moves between the trace row and
 * the read; the margins are a tenth of the offsets.
 */
class SensorCornerModbusTest {

    @Test
    void offsetsReachTheServedPointsAndNotTheTruth() throws Exception {
        // a copy of the Solrød rig whose PKI lives in a temp folder, so the test writes nothing under ~/.hilbench
        Path tmp = Files.createTempDirectory("sensor-corner-modbus");
        Path dir = tmp.resolve("solrod");
        Files.createDirectories(dir);
        for (String f : List.of("points.csv", "controller.csv")) Files.copy(Path.of("rigs/solrod", f), dir.resolve(f));
        Files.writeString(dir.resolve("rig.yaml"), Files.readString(Path.of("rigs/solrod/rig.yaml")).replace("../../plant-models/", Path.of("plant-models").toAbsolutePath() + "/")
                .replace("  # pki_dir: ~/.hilbench/pki/solrod   (the default)", "  pki_dir: " + tmp.resolve("pki").toString().replace('\\', '/')));
        Rig rig = RigLoader.loadDefault(dir);
        BenchAssembly bench = new BenchAssembly(rig, PlantModels.create(rig),
                BenchAssembly.Options.defaults().withPacing(Pacing.realtime()).withPorts(0, 0).withLinkProxies(false));
        bench.standingSensorFaults(SensorCorners.faults(rig, "sensors-high"));
        bench.start();
        try {
            Emulator em = bench.emulator();
            await().atMost(Duration.ofSeconds(120)).until(() -> em.recorder().lastRow() != null && em.recorder().lastRow().step() > 5);
            String hp = bench.modbusHostPort();
            ModbusTCPMaster m = new ModbusTCPMaster(hp.substring(0, hp.lastIndexOf(':')), Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1)), 10_000, false);
            m.connect();
            try (Emulator.Hold h = em.hold()) {
                TraceRow row = em.recorder().lastRow();
                check(rig, m, row, "PT-202", 0.8);                            // 0.5 %span of 0..160 bar
                double dhOutC = rig.point("TT-272").orElseThrow().unit().fromSi(truth(rig, row, "TT-272"));
                check(rig, m, row, "TT-272", 0.15 + 0.002 * Math.abs(dhOutC)); // IEC 60751 class A
            } finally {
                m.disconnect();
            }
        } finally {
            bench.stop();
        }
    }

    private static double truth(Rig rig, TraceRow row, String tag) {
        PointDefinition p = rig.point(tag).orElseThrow();
        return row.trueValue(PlantModels.catalogue(rig.plant().model()).outputIndex(p.binding().name()));
    }

    private static void check(Rig rig, ModbusTCPMaster m, TraceRow row, String tag, double band) throws Exception {
        PointDefinition p = rig.point(tag).orElseThrow();
        int i = PlantModels.catalogue(rig.plant().model()).outputIndex(p.binding().name());
        double truth = p.unit().fromSi(row.trueValue(i));
        InputRegister[] r = m.readInputRegisters(p.modbus().unitId(), p.modbus().address(), 2);
        // float32, high word first (ABCD) or low word first (CDAB, TT-272): the two orders this map uses
        assertThat(p.modbus().order()).isIn(io.hilbench.points.WordOrder.ABCD, io.hilbench.points.WordOrder.CDAB);
        boolean lowFirst = p.modbus().order() == io.hilbench.points.WordOrder.CDAB;
        int hi = r[lowFirst ? 1 : 0].getValue(), lo = r[lowFirst ? 0 : 1].getValue();
        float served = Float.intBitsToFloat((hi << 16) | lo);
        assertThat((double) served).as(tag + " served = truth %.4f + band %.4f", truth, band).isCloseTo(truth + band, within(band / 10));
        assertThat(p.unit().fromSi(row.published(i))).as(tag + " published in the trace").isCloseTo(truth + band, within(band / 1000));
    }
}
