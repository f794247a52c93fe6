package io.hilbench.rig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * rigs/vendor-example loads as shipped, its POINTS.md is what the maps generate, and the mistakes a rig author makes
 * when typing in a vendor's point list (a 6-digit reference in no area, a register half-overlapping a CDAB float,
 * a word order that does not exist, a state code the enum lacks, an alarm bit beyond the word) each get a
 * file:line:field error, and every error of a rig is reported at once (DESIGN §9 "bad input"; rigs/README.md).
 */
class VendorExampleRigValidationTest {
    private static final Path RIG = Path.of("rigs/vendor-example");

    @Test
    void theVendorRigLoadsAndBindsTheSamePlantTagsAsSolrod() throws Exception {
        Rig vendor = RigLoader.loadDefault(RIG);
        Rig solrod = RigLoader.loadDefault(Path.of("rigs/solrod"));
        // the reference controller finds plant points by tag (controller.PlantTags): every tag its logic names is mapped
        // here with the solrod rig's binding, at other addresses; the solrod rig's plant-truth diagnostics (tank nodes,
        // frost mass, COP …, added in session 2 for scenarios and SCADA) are not part of a vendor controller's I/O
        var solrodTags = solrod.points().stream().map(p -> p.tag()).toList();
        assertThat(solrodTags).containsAll(controllerTags());
        assertThat(vendor.points()).extracting(p -> p.tag()).containsAll(controllerTags());
        for (var p : vendor.points()) {
            var s = solrod.point(p.tag());
            assertThat(s).as("%s is a solrod plant tag", p.tag()).isPresent();
            assertThat(p.binding()).as(p.tag()).isEqualTo(s.orElseThrow().binding());
        }
        assertThat(vendor.modbusUnits()).containsExactlyInAnyOrder(11, 12, 30);
        assertThat(vendor.point("PT-202").orElseThrow().modbus().toString()).isEqualTo("11:ir:10:float32:CDAB");
        assertThat(vendor.controller().orElseThrow().command(ControllerSection.CommandName.RESET_TO_INITIAL)).isNull();
    }

    /** The plant tags the reference controller's logic names (PlantTags constants and numbered tags of 4 compressors and sections). */
    private static List<String> controllerTags() throws IllegalAccessException {
        List<String> tags = new ArrayList<>();
        for (var field : io.hilbench.controller.PlantTags.class.getFields()) {
            if (field.getType() == String.class && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                String tag = (String) field.get(null);
                if (!tag.startsWith("BENCH.")) tags.add(tag);
            }
        }
        for (int n = 1; n <= 4; n++) {
            tags.addAll(List.of(io.hilbench.controller.PlantTags.compressorEnable(n), io.hilbench.controller.PlantTags.compressorSpeedSet(n),
                    io.hilbench.controller.PlantTags.compressorSpeed(n), io.hilbench.controller.PlantTags.compressorFault(n),
                    io.hilbench.controller.PlantTags.sectionValve(n), io.hilbench.controller.PlantTags.fanSpeedSet(n),
                    io.hilbench.controller.PlantTags.defrostValve(n), io.hilbench.controller.PlantTags.coilTemperature(n),
                    io.hilbench.controller.PlantTags.coilPressureDrop(n)));
        }
        return tags;
    }

    @Test
    void pointListIsUpToDate() throws Exception {
        assertThat(Files.readString(RIG.resolve("POINTS.md")))
                .as("rigs/vendor-example/POINTS.md is stale: regenerate with bench check-rig --rig rigs/vendor-example --point-list")
                .isEqualTo(PointList.markdown(RigLoader.loadDefault(RIG)));
    }

    @Test
    void badVendorEntriesGetFileLineFieldErrorsAllAtOnce(@TempDir Path tmp) throws Exception {
        Path dir = copy(tmp);
        int l1 = replace(dir.resolve("points.csv"), "PT-202,", "11:300011:float32:CDAB", "11:500011:float32:CDAB");
        int l2 = replace(dir.resolve("points.csv"), "TT-202,", "11:300017:float32:CDAB", "11:300016:float32:CDAB");
        int l3 = replace(dir.resolve("points.csv"), "TT-272,", "11:300003:float32:CDAB", "11:300003:float32:CADB");
        int l4 = replace(dir.resolve("rig.yaml"), "      7: Tripped", "7: Tripped", "6: Tripped");
        int l5 = replace(dir.resolve("rig.yaml"), "    DEFROST_MAX_TIME:", "bit8", "bit16");
        List<RigError> errors;
        try {
            RigLoader.loadDefault(dir);
            throw new AssertionError("the broken rig loaded");
        } catch (RigException e) {
            errors = e.errors();
        }
        // exactly the five mistakes, each at its own file, line and field (the file as the loader names it: its path)
        assertThat(errors).extracting(e -> Path.of(e.file()).getFileName().toString(), RigError::line, RigError::field)
                .containsExactlyInAnyOrder(
                        tuple("points.csv", l1, "modbus"),                              // 500011: a 6-digit reference in no area
                        tuple("points.csv", l2, "modbus"),                              // shares a register with the float before it
                        tuple("points.csv", l3, "modbus"),                              // CADB is no word order
                        tuple("rig.yaml", l4, "controller.state.values.6"),             // the state enum has no code 6
                        tuple("rig.yaml", l5, "controller.alarms.DEFROST_MAX_TIME"));   // bit 16 of a 16-bit word
        assertThat(errors.stream().filter(e -> e.line() == l2).findFirst().orElseThrow().message()).contains("overlapping");
        assertThat(errors.stream().filter(e -> e.line() == l1).findFirst().orElseThrow().toString()).contains("points.csv:" + l1 + ": field modbus");
    }

    private static Path copy(Path tmp) throws IOException {
        Path dir = tmp.resolve("vendor-example");
        Files.createDirectories(dir);
        for (String f : List.of("rig.yaml", "points.csv", "controller.csv")) Files.copy(RIG.resolve(f), dir.resolve(f));
        return dir;
    }

    /** Replaces {@code from} by {@code to} on the first line starting with {@code lineStart}; returns its 1-based number. */
    private static int replace(Path file, String lineStart, String from, String to) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(lineStart) && lines.get(i).contains(from)) {
                lines.set(i, lines.get(i).replace(from, to));
                Files.write(file, lines);
                return i + 1;
            }
        }
        throw new AssertionError("no line starting with '" + lineStart + "' holds '" + from + "' in " + file);
    }
}
