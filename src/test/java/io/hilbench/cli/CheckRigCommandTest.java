package io.hilbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench check-rig}: exit 0 with a one-line summary, or exit 2 (configuration error, DESIGN §11) with every error. */
class CheckRigCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CheckRigCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theDefaultRigIsOk() {
        Run r = run(); // --rig defaults to rigs/solrod
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("^OK solrod: \\d+ points \\(\\d+ Modbus, \\d+ OPC UA\\), units \\[1, 2\\]\\R");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theRetiredFirstHeatPumpIsRefusedWithWhatReplacesIt(@TempDir Path dir) throws IOException {
        Path rig = dir.resolve("old");
        Files.createDirectories(rig);
        Files.writeString(rig.resolve("rig.yaml"), Files.readString(Path.of("rigs/solrod/rig.yaml"))
                .replace("model: solrod", "model: first-heat-pump")
                .replace("../../plant-models/", Path.of("plant-models").toAbsolutePath() + "/"));
        Files.copy(Path.of("rigs/solrod/points.csv"), rig.resolve("points.csv"));
        Files.copy(Path.of("rigs/solrod/controller.csv"), rig.resolve("controller.csv"));

        Run r = run("--rig", rig.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("field plant.model: plant model 'first-heat-pump' is retired (issue #15): use co2-heat-pump");
    }

    @Test
    void aBrokenRigPrintsEveryErrorAndExits2(@TempDir Path dir) throws IOException {
        Path rig = dir.resolve("broken");
        Files.createDirectories(rig);
        Files.writeString(rig.resolve("rig.yaml"), String.join("\n",
                "name: broken",
                "plant: {model: solrod}",
                "point_maps: [points.csv]",
                "modbus: {port: 99999}",
                "opcua: {port: 4840, colour: blue}",
                "lockstep: {enabled: false}",
                "watchdog: {enabled: false}"));
        Files.writeString(rig.resolve("points.csv"), String.join(",", io.hilbench.rig.PointMapReader.COLUMNS) + "\n"
                + "PT-202,P,sensor,bar,1:ir:0:float32,,,HeatPump,,,,,,,,plant.hp.nothing\n");

        Run r = run("--rig", rig.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).containsExactly(
                rig.resolve("points.csv") + ":2: field binding: the plant has no output 'hp.nothing'",
                rig.resolve("rig.yaml") + ":4: field modbus.port: 99999 is out of range 0..65535 (TCP port, 0 = any free port)",
                rig.resolve("rig.yaml") + ":5: field opcua.colour: unknown key (expected one of: bind, port, path, namespace_uri,"
                        + " security_policies, allow_none, trust_all_clients, pki_dir, anonymous, users_file, limits, replicas, replica_folders)",
                "3 errors in rig " + rig);
    }

    @Test
    void aMissingRigFolderExits2(@TempDir Path dir) {
        Run r = run("--rig", dir.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("field file: rig folder").contains("does not exist");
    }

    /** A rig's plant.overrides are checked against the parameter files: a bad value is exit 2 naming its rig.yaml line and field. */
    @Test
    void aBadPlantOverrideIsNamedByItsRigYamlLine(@TempDir Path dir) throws IOException {
        Path rig = dir.resolve("solrod");
        Files.createDirectories(rig);
        try (var files = Files.list(Path.of("rigs/solrod"))) {
            for (Path f : (Iterable<Path>) files::iterator) if (Files.isRegularFile(f)) Files.copy(f, rig.resolve(f.getFileName()));
        }
        String yaml = Files.readString(rig.resolve("rig.yaml")).replace("parameters: ../../plant-models/solrod/parameters.yaml",
                "parameters: " + Path.of("plant-models/solrod/parameters.yaml").toAbsolutePath() + "\n  overrides:\n    gasCooler.cellCount: 5\n");
        Files.writeString(rig.resolve("rig.yaml"), yaml);
        int line = java.util.List.of(yaml.split("\n", -1)).indexOf("    gasCooler.cellCount: 5") + 1;
        Run r = run("--rig", rig.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(rig.resolve("rig.yaml") + ":" + line + ": field gasCooler.cellCount: GasCoolerParameters refuses it: cellCount");
        Files.writeString(rig.resolve("rig.yaml"), yaml.replace("gasCooler.cellCount: 5", "gasCooler.cellCount: 30"));
        Run ok = run("--rig", rig.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("1 plant parameter override(s)");
    }
}
