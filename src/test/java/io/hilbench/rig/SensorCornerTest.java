package io.hilbench.rig;

import io.hilbench.plant.SignalCatalogue;
import io.hilbench.points.SensorAccuracy;
import io.hilbench.runtime.Quality;
import io.hilbench.runtime.faults.FaultSchedule;
import io.hilbench.runtime.faults.SensorFault;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Sensor corners (issue #17 item 3): the point map's {@code accuracy} column is read and checked like the other
 * columns, a corner's {@code sensors:} too, and the standing errors they make are seeded: the same run seed gives the
 * same noise, value for value, and the truth is never touched. No server: the Modbus side is {@link SensorCornerModbusTest}.
 */
class SensorCornerTest {
    private static final String HEADER = String.join(",", PointMapReader.COLUMNS) + ",accuracy\n";

    private static PointMapReader.Result read(String body) throws Exception {
        return new PointMapReader(PointMapReader.Role.PLANT).read(new StringReader(HEADER + body), "map.csv");
    }

    @Test
    void theAccuracyColumnGivesEachClassItsBand() throws Exception {
        var r = read("""
                PT-202,HP,sensor,bar,1:ir:2:float32,,,HeatPump,,0,160,,,,,plant.hp.gasCoolerPressurePa,0.5%span
                TT-272,DH out,sensor,degC,1:ir:4:float32,,,HeatPump,,0,100,,,,,plant.hp.dhWater.outletTemperatureK,pt100-A
                TT-201,suction,sensor,degC,1:ir:6:float32,,,HeatPump,,-50,50,,,,,plant.hp.suctionTemperatureK,pt100-B
                FT-271,flow,sensor,m3/h,1:ir:8:float32,,,HeatPump,,0,100,,,,,plant.hp.dhWater.flowM3PerS,2%rd
                MT-102,RH,sensor,%,1:ir:10:float32,,,Site,,0,100,,,,,plant.weather.relativeHumidityRatio,3
                TT-101,air,sensor,degC,1:ir:12:float32,,,Site,,-40,50,,,,,plant.weather.airTemperatureK,
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.points()).hasSize(6);
        assertThat(r.accuracy()).containsOnlyKeys("PT-202", "TT-272", "TT-201", "FT-271", "MT-102");
        var p = r.points();
        // 0.5 % of a 0..160 bar span; IEC 60751 class A at 75 °C: 0.15 + 0.002·75; class B at -10 °C: 0.30 + 0.005·10
        assertThat(r.accuracy().get("PT-202").tolerance(90, p.get(0).unit(), 0, 160)).isCloseTo(0.8, within(1e-12));
        assertThat(r.accuracy().get("TT-272").tolerance(75, p.get(1).unit(), 0, 100)).isCloseTo(0.30, within(1e-12));
        assertThat(r.accuracy().get("TT-201").tolerance(-10, p.get(2).unit(), -50, 50)).isCloseTo(0.35, within(1e-12));
        assertThat(r.accuracy().get("FT-271").tolerance(50, p.get(3).unit(), 0, 100)).isCloseTo(1.0, within(1e-12));
        assertThat(r.accuracy().get("MT-102").tolerance(80, p.get(4).unit(), 0, 100)).isEqualTo(3.0);
    }

    @Test
    void aWrongAccuracyNamesFileLineAndField() throws Exception {
        var r = read("""
                PT-202,HP,sensor,bar,1:ir:2:float32,,,HeatPump,,0,160,,,,,plant.hp.gasCoolerPressurePa,half a bar
                PT-201,LP,sensor,bar,1:ir:4:float32,,,HeatPump,,,,,,,,plant.hp.suctionPressurePa,0.5%span
                FT-271,flow,sensor,m3/h,1:ir:8:float32,,,HeatPump,,0,100,,,,,plant.hp.dhWater.flowM3PerS,pt100-A
                PSHH-202,trip,status,,1:di:0:bool,,,HeatPump,,,,,,,,plant.hp.safety.hpSwitchTripped,1
                """);
        assertThat(r.errors()).extracting(e -> e.file() + ":" + e.line() + ":" + e.field())
                .containsExactly("map.csv:2:accuracy", "map.csv:3:accuracy", "map.csv:4:accuracy", "map.csv:5:accuracy");
        assertThat(r.errors().get(0).message()).contains("not an accuracy");
        assertThat(r.errors().get(1).message()).contains("give the point min and max");
        assertThat(r.errors().get(2).message()).contains("degC or K");
        assertThat(r.errors().get(3).message()).contains("only a sensor");
        assertThat(r.points()).as("a row with an error yields no point").isEmpty();
    }

    @Test
    void aCornerSensorsSectionIsChecked() throws Exception {
        Path dir = Files.createTempDirectory("sensor-corner");
        Files.copy(Path.of("rigs/solrod/points.csv"), dir.resolve("points.csv"));
        Files.copy(Path.of("rigs/solrod/controller.csv"), dir.resolve("controller.csv"));
        String yaml = Files.readString(Path.of("rigs/solrod/rig.yaml")).replace("../../plant-models/", Path.of("plant-models").toAbsolutePath() + "/")
                .replace("corners:\n", """
                        corners:
                          bad-sensors:
                            source: a test
                            sensors:
                              offset: 1.5
                              noise: -0.1
                              tags:
                                PT-999: 1
                                TT-203: 0.5
                                C-211.Speed: 1
                        """);
        Files.writeString(dir.resolve("rig.yaml"), yaml);
        assertThatThrownBy(() -> RigLoader.loadDefault(dir)).isInstanceOfSatisfying(RigException.class, e ->
                assertThat(e.errors()).extracting(RigError::field).contains(
                        "corners.bad-sensors.sensors.offset", "corners.bad-sensors.sensors.noise",
                        "corners.bad-sensors.sensors.tags.PT-999", "corners.bad-sensors.sensors.tags.C-211.Speed")
                        .doesNotContain("corners.bad-sensors.sensors.tags.TT-203"));
    }

    @Test
    void solrodSensorCornersAreSeededAndLeaveTheTruth() throws Exception {
        Rig rig = RigLoader.loadDefault(Path.of("rigs/solrod"));
        assertThat(rig.corner("sensors-high").orElseThrow().sensors().offset()).isEqualTo(1.0);
        List<SensorFault> noisy = SensorCorners.faults(rig, "sensors-noisy");
        assertThat(noisy).as("every sensor with a class").hasSize(SensorCorners.accuracy(rig).size());
        SignalCatalogue cat = PlantModels.catalogue(rig.plant().model());
        double[][] a = run(cat, noisy, 42), b = run(cat, noisy, 42), c = run(cat, noisy, 43);
        assertThat(a).isDeepEqualTo(b);
        assertThat(Arrays.deepEquals(a, c)).as("another seed, other noise").isFalse();
        int pt202 = cat.outputIndex(rig.point("PT-202").orElseThrow().binding().name());
        // 10 bar true (1e6 Pa): noise 1/3 of the 0.8 bar band, never the truth itself
        assertThat(a[0][pt202]).isNotEqualTo(1e6).isCloseTo(1e6, within(0.8e5 * 2.0));
        assertThat(SensorCorners.faults(rig, Corner.NOMINAL)).isEmpty();
        assertThat(SensorCorners.faults(rig, "gas-cooler-ua-low")).isEmpty();
    }

    /** 20 steps of a constant plant (every output 1e6 in SI, e.g. 10 bar or 1e6 K): the published values. */
    private static double[][] run(SignalCatalogue cat, List<SensorFault> faults, long seed) {
        FaultSchedule s = new FaultSchedule(cat, seed);
        faults.forEach(s::add);
        s.reset(seed);
        int n = cat.outputs().size();
        double[][] out = new double[20][];
        for (int step = 0; step < 20; step++) {
            double[] truth = new double[n];
            Arrays.fill(truth, 1e6);
            double[] pub = truth.clone();
            Quality[] q = new Quality[n];
            Arrays.fill(q, Quality.GOOD);
            s.apply(step * 100L, truth, pub, q, new ArrayList<>());
            assertThat(truth).as("the truth is never written").containsOnly(1e6);
            assertThat(q).containsOnly(Quality.GOOD);
            out[step] = pub;
        }
        return out;
    }
}
