package io.hilbench.points;

import io.hilbench.plant.SignalCatalogue;
import io.hilbench.runtime.Quality;
import io.hilbench.runtime.SignalFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The point table's contract of DESIGN §3: one state per request, whole writes or none, output image read-back. */
class PointTableTest {

    static PointDefinition point(String tag, PointKind kind, String unit, String modbus, double scale, double min, double max,
                                 double initial, OutOfRangePolicy policy, String binding) {
        ModbusAddress a = modbus == null ? null : ModbusAddress.parse(modbus);
        OpcUaType ot = a == null ? OpcUaType.DOUBLE : OpcUaType.defaultFor(a.type(), scale != 1.0);
        return new PointDefinition(tag, tag + " description", kind, EngineeringUnit.parse(unit), a, scale, 0.0, "Test", ot,
                min, max, initial, "", policy, Failsafe.ZERO, a == null ? Double.NaN : Codec.defaultBadRaw(a.type()),
                Binding.parse(binding), "test.csv", 1);
    }

    static final SignalCatalogue CATALOGUE = new SignalCatalogue(
            List.of("hp.gasCoolerPressurePa", "hp.supplyTemperatureK"),
            List.of("hp.compressor1.speedRatio", "hp.hpValve.openingRatio"));

    static List<PointDefinition> points() {
        return List.of(
                point("PT-202", PointKind.SENSOR, "bar", "1:ir:0:float32", 1, 0, 160, 0, OutOfRangePolicy.REJECT, "plant.hp.gasCoolerPressurePa"),
                point("TT-272", PointKind.SENSOR, "degC", "1:ir:2:int16", 0.1, -50, 150, 0, OutOfRangePolicy.REJECT, "plant.hp.supplyTemperatureK"),
                point("C-211.SpeedSet", PointKind.ACTUATOR, "%", "1:hr:0:uint16", 0.1, 0, 100, 0, OutOfRangePolicy.REJECT, "input.hp.compressor1.speedRatio"),
                point("HV-221.OpeningSet", PointKind.ACTUATOR, "%", "1:hr:1:float32", 1, 0, 100, 0, OutOfRangePolicy.CLAMP, "input.hp.hpValve.openingRatio"),
                point("BENCH.Ack", PointKind.BENCH, "", "1:hr:3:uint32", 1, Double.NaN, Double.NaN, 0, OutOfRangePolicy.REJECT, "bench.ack"),
                point("BENCH.Step", PointKind.BENCH, "", "1:ir:3:uint32", 1, Double.NaN, Double.NaN, 0, OutOfRangePolicy.REJECT, "bench.step"));
    }

    record Frame(long step, long plantTimeMs, double[] values, Quality[] qualities) implements SignalFrame {
        public double value(int i) { return values[i]; }
        public Quality quality(int i) { return qualities[i]; }
    }

    @Test
    void publishConvertsSiToEachPointsUnitAndSetsStepAndQuality() throws Exception {
        PointTable t = new PointTable(points(), CATALOGUE);
        t.publish(new Frame(7, 700, new double[] {118.5e5, 348.15}, new Quality[] {Quality.GOOD, Quality.BAD}), Map.of());
        TableState s = t.state();
        assertThat(s.value(t.indexOf("PT-202"))).isCloseTo(118.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.value(t.indexOf("TT-272"))).isCloseTo(75.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.quality(t.indexOf("TT-272"))).isEqualTo(Quality.BAD);
        assertThat(s.value(t.indexOf("BENCH.Step"))).isEqualTo(7);
        // BAD quality shows the point's bad_value on Modbus: 32767 for int16 (NE43 style)
        assertThat(t.modbus().readRegisters(s, 1, Area.INPUT_REGISTER, 2, 1)).containsExactly(32767);
    }

    @Test
    void aRequestWithOneRefusedValueAppliesNothing() throws Exception {
        PointTable t = new PointTable(points(), CATALOGUE);
        int speed = t.indexOf("C-211.SpeedSet");
        int ack = t.indexOf("BENCH.Ack");
        assertThatThrownBy(() -> t.write(List.of(PointWrite.of(speed, 150.0), PointWrite.of(ack, 5)), "test"))
                .isInstanceOf(PointAccessException.class)
                .satisfies(e -> assertThat(((PointAccessException) e).error()).isEqualTo(AccessError.OUT_OF_RANGE));
        assertThat(t.state().value(ack)).isZero();
        t.write(List.of(PointWrite.of(speed, 55.5), PointWrite.of(ack, 5)), "test");
        assertThat(t.state().value(speed)).isEqualTo(55.5);
        assertThat(t.state().value(ack)).isEqualTo(5);
    }

    @Test
    void clampPointsApplyAtTheLimitAndReportAnEvent() throws Exception {
        PointTable t = new PointTable(points(), CATALOGUE);
        List<String> events = new ArrayList<>();
        t.addListener(new PointTableListener() {
            @Override public void event(String message) { events.add(message); }
        });
        t.write(List.of(PointWrite.of(t.indexOf("HV-221.OpeningSet"), 130.0)), "test");
        assertThat(t.state().value(t.indexOf("HV-221.OpeningSet"))).isEqualTo(100.0);
        assertThat(events).singleElement().asString().contains("clamped", "HV-221.OpeningSet", "130.0 -> 100.0");
    }

    @Test
    void aWriteCoveringPartOfAMultiRegisterPointIsRefusedBeforeAnythingApplies() {
        PointTable t = new PointTable(points(), CATALOGUE);
        // hr 0 = C-211.SpeedSet (1 register), hr 1..2 = HV-221.OpeningSet (float32): writing hr 0..1 cuts the float
        assertThatThrownBy(() -> t.modbus().decodeRegisterWrite(1, 0, new int[] {100, 0x42C8}))
                .isInstanceOf(PointAccessException.class)
                .satisfies(e -> assertThat(((PointAccessException) e).error()).isEqualTo(AccessError.PARTIAL_POINT));
    }

    @Test
    void sensorsCannotBeWrittenAndUnmappedAddressesAreNamed() {
        PointTable t = new PointTable(points(), CATALOGUE);
        assertThatThrownBy(() -> t.checkWritable(t.indexOf("PT-202")))
                .satisfies(e -> assertThat(((PointAccessException) e).error()).isEqualTo(AccessError.READ_ONLY));
        assertThatThrownBy(() -> t.modbus().readRegisters(t.state(), 1, Area.HOLDING_REGISTER, 5, 1))
                .hasMessageContaining("no point at unit 1 hr 5");
    }

    @Test
    void actuatorsReadBackTheirOutputImageAndFeedThePlantInSi() throws Exception {
        PointTable t = new PointTable(points(), CATALOGUE);
        t.write(t.modbus().decodeRegisterWrite(1, 0, new int[] {625}), "modbus"); // 62.5 % at scale 0.1
        assertThat(t.modbus().readRegisters(t.state(), 1, Area.HOLDING_REGISTER, 0, 1)).containsExactly(625);
        double[] in = t.plantInputsSi(t.state(), CATALOGUE, new double[2], false, t.state());
        assertThat(in[CATALOGUE.inputIndex("hp.compressor1.speedRatio")]).isCloseTo(0.625, org.assertj.core.data.Offset.offset(1e-12));
        double[] failsafe = t.plantInputsSi(t.state(), CATALOGUE, new double[2], true, t.state());
        assertThat(failsafe[CATALOGUE.inputIndex("hp.compressor1.speedRatio")]).isZero();
    }

    @Test
    void unknownBindingsAreRefusedWithTheirPlace() {
        List<PointDefinition> bad = new ArrayList<>(points());
        bad.add(point("TT-999", PointKind.SENSOR, "degC", "1:ir:20:float32", 1, Double.NaN, Double.NaN, 0, OutOfRangePolicy.REJECT, "plant.hp.nothing"));
        assertThatThrownBy(() -> new PointTable(bad, CATALOGUE)).hasMessageContaining("test.csv:1").hasMessageContaining("unknown plant output 'hp.nothing'");
    }

    /**
     * DESIGN §3: every request is answered from one pinned state. States share the arrays a step or a write does not
     * change (qualities on a write and on a publish that changes none, texts on both), so this checks that a later
     * publish or write never shows through a state already pinned.
     */
    @Test
    void aPinnedStateKeepsItsValuesQualitiesAndTextsWhileLaterPublishesAndWritesChangeThem() throws Exception {
        List<PointDefinition> withText = new ArrayList<>(points());
        withText.add(new PointDefinition("CTL.Note", "note", PointKind.ACTUATOR, EngineeringUnit.NONE, ModbusAddress.parse("1:hr:20:string(8)"),
                1, 0, "Test", OpcUaType.STRING, Double.NaN, Double.NaN, 0, "none", OutOfRangePolicy.REJECT, Failsafe.ZERO, 0,
                Binding.parse("const.note"), "test.csv", 9));
        PointTable t = new PointTable(withText, CATALOGUE);
        int tt = t.indexOf("TT-272"), speed = t.indexOf("C-211.SpeedSet"), note = t.indexOf("CTL.Note");
        t.publish(new Frame(1, 100, new double[] {100e5, 340.15}, new Quality[] {Quality.GOOD, Quality.GOOD}), 2, false);
        TableState pinned = t.state();

        t.publish(new Frame(2, 200, new double[] {101e5, 341.15}, new Quality[] {Quality.GOOD, Quality.BAD}), 2, false);
        t.write(List.of(PointWrite.of(speed, 50), new PointWrite(note, 0, "changed")), "test");

        assertThat(pinned.quality(tt)).isEqualTo(Quality.GOOD);
        assertThat(pinned.value(tt)).isCloseTo(67.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(pinned.value(speed)).isZero();
        assertThat(pinned.text(note)).isEqualTo("none");
        TableState now = t.state();
        assertThat(now.quality(tt)).as("a write keeps the last publish's qualities").isEqualTo(Quality.BAD);
        assertThat(now.value(speed)).isEqualTo(50);
        assertThat(now.text(note)).isEqualTo("changed");

        t.publish(new Frame(3, 300, new double[] {102e5, 342.15}, new Quality[] {Quality.GOOD, Quality.GOOD}), 2, false);
        assertThat(now.quality(tt)).as("pinned across the next publish").isEqualTo(Quality.BAD);
        assertThat(t.state().quality(tt)).isEqualTo(Quality.GOOD);
        assertThat(t.state().text(note)).as("a publish keeps the texts").isEqualTo("changed");
    }

    /** The step loop's publish without a map sets BENCH.Mode and BENCH.WatchdogTripped exactly as the map form does. */
    @Test
    void publishWithModeAndWatchdogEqualsPublishWithTheBenchMap() {
        List<PointDefinition> pts = new ArrayList<>(points());
        pts.add(point("BENCH.Mode", PointKind.BENCH, "", "1:ir:5:enum(0=Realtime,1=Accelerated,2=Lockstep)", 1, Double.NaN, Double.NaN, 0,
                OutOfRangePolicy.REJECT, "bench.mode"));
        pts.add(point("BENCH.WatchdogTripped", PointKind.BENCH, "", "1:di:0:bool", 1, Double.NaN, Double.NaN, 0,
                OutOfRangePolicy.REJECT, "bench.watchdogTripped"));
        Frame f = new Frame(4, 400, new double[] {90e5, 330.15}, new Quality[] {Quality.UNCERTAIN, Quality.GOOD});
        PointTable a = new PointTable(pts, CATALOGUE), b = new PointTable(pts, CATALOGUE);
        TableState viaMap = a.publish(f, Map.of(BenchVariable.MODE, 1.0, BenchVariable.WATCHDOG_TRIPPED, 1.0));
        TableState direct = b.publish(f, 1, true);
        for (int i = 0; i < pts.size(); i++) {
            assertThat(direct.value(i)).as(pts.get(i).tag()).isEqualTo(viaMap.value(i));
            assertThat(direct.quality(i)).as(pts.get(i).tag()).isEqualTo(viaMap.quality(i));
        }
        assertThat(direct.value(b.indexOf("BENCH.Mode"))).isEqualTo(1.0);
        assertThat(direct.value(b.indexOf("BENCH.WatchdogTripped"))).isEqualTo(1.0);
    }
}
