package io.hilbench.controller;

import io.hilbench.rig.PlantModels;
import io.hilbench.points.PointTable;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The array-backed {@link Outputs} (one layout per controller, resolved once by the I/O) and the in-process commit that
 * writes only the actuators whose output image changes: both must look, from outside, exactly like the tag-keyed outputs
 * and the every-actuator commit they replace (ControllerIo#commit: every actuator, 0 where the outputs name none).
 */
class OutputsAndInProcessCommitTest {

    @Test
    void outputsInALayoutReadByTagAndBySlotAlike() {
        Outputs.Layout layout = new Outputs.Layout(List.of("P-271.Run", "P-271.SpeedSet"));
        Outputs out = Outputs.of(layout, new double[] {1.0, 85.5});
        assertThat(out.value("P-271.SpeedSet")).isEqualTo(85.5);
        assertThat(out.value(layout.slot("P-271.SpeedSet"))).isEqualTo(85.5);
        assertThat(out.isOn("P-271.Run")).isTrue();
        // a tag the outputs do not name is 0 (off, closed), as the ControllerIo contract writes it
        assertThat(out.names("C-211.Enable")).isFalse();
        assertThat(out.value("C-211.Enable")).isZero();
        assertThat(layout.slot("C-211.Enable")).isEqualTo(-1);
        assertThat(out.asMap()).containsExactly(java.util.Map.entry("P-271.Run", 1.0), java.util.Map.entry("P-271.SpeedSet", 85.5));
    }

    @Test
    void aNonFiniteOutputOrADuplicateTagIsRefusedWithItsTag() {
        Outputs.Layout layout = new Outputs.Layout(List.of("HV-221.OpeningSet"));
        assertThatThrownBy(() -> Outputs.of(layout, new double[] {Double.NaN})).hasMessageContaining("HV-221.OpeningSet").hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> Outputs.of(layout, new double[] {1, 2})).hasMessageContaining("2 values for a layout of 1");
        assertThatThrownBy(() -> new Outputs.Layout(List.of("XV-231.Open", "XV-231.Open"))).hasMessageContaining("XV-231.Open named twice");
        assertThatThrownBy(() -> Outputs.builder().set("F-251.SpeedSet", Double.POSITIVE_INFINITY)).hasMessageContaining("F-251.SpeedSet");
    }

    @Test
    void theBuilderKeepsEachTagInItsFirstPlaceAndABuiltOutputsNeverChanges() {
        Outputs.Builder b = Outputs.builder().set("A", 1).set("B", true);
        Outputs first = b.build();
        b.set("A", 3).set("C", 4);
        Outputs second = b.build();
        assertThat(first.asMap()).containsExactly(java.util.Map.entry("A", 1.0), java.util.Map.entry("B", 1.0));
        assertThat(second.asMap()).containsExactly(java.util.Map.entry("A", 3.0), java.util.Map.entry("B", 1.0), java.util.Map.entry("C", 4.0));
    }

    /**
     * The in-process commit skips actuators already at their value; the table must still end with every actuator at the
     * (clamped) commanded value, also one the bench changed behind the controller's back, and the Ack must still go.
     */
    @Test
    void everyActuatorEndsAtItsCommandedValueAlsoWhenTheBenchChangedItBetweenCommits() throws Exception {
        Rig rig = RigLoader.loadDefault(Path.of("rigs/solrod"));
        PointTable table = new PointTable(rig.points(), PlantModels.catalogue("solrod"));
        InProcessControllerIo io = new InProcessControllerIo(table);
        ReferenceController logic = ReferenceController.forPlant(ControllerConfig.defaults(), Optional.empty(), rig.points());
        Outputs out = logic.cycle(io.read(), Commands.none(75).withStart());
        io.commit(out, 1, 1);
        assertImageIs(table, out);

        // a bench-side change of an actuator the controller commands unchanged next cycle: the commit restores it
        String pump = PlantTags.P271_SPEED_SET;
        double commanded = out.value(pump);
        table.set(pump, commanded == 50 ? 60 : 50, "test");
        io.commit(out, 2, 2);
        assertImageIs(table, out);
        assertThat(table.state().value(table.indexOf(pump))).isEqualTo(commanded);
        assertThat(table.state().value(table.indexOf("BENCH.Ack"))).isEqualTo(2);
        assertThat(table.state().value(table.indexOf("BENCH.Heartbeat"))).isEqualTo(2);

        // outputs that name fewer tags: the rest go to 0, as before
        Outputs onlyPump = Outputs.builder().set(PlantTags.P271_RUN, true).build();
        io.commit(onlyPump, 3, 3);
        assertImageIs(table, onlyPump);
        assertThat(table.state().value(table.indexOf(PlantTags.compressorEnable(1)))).isZero();
    }

    private static void assertImageIs(PointTable table, Outputs out) {
        for (int i = 0; i < table.points().size(); i++) {
            var p = table.point(i);
            if (!PlantPointMap.isOutput(p)) continue;
            assertThat(table.state().value(i)).as(p.tag()).isEqualTo(PlantPointMap.clampToLimits(p, out.value(p.tag())));
        }
    }
}
