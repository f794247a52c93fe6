package io.hilbench.rig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An invalid rig gets a clear file:line:field message and nothing is lost (DESIGN §9 "bad input"): each case breaks
 * a valid small rig in one way and expects exactly one error, naming the file, the line and the field.
 */
class RigValidationTest {

    /** What a broken rig must report. {@code file} is the file name inside the rig folder. */
    record Expected(String file, int line, String field, String fragment) {}

    record Case(String name, Function<RigFixture, Expected> breakIt) {
        @Override
        public String toString() { return name; }
    }

    private static final String ROW_TAIL = ",,,HeatPump/Refrigerant,,0,160,35,,,,plant.hp.gasCoolerPressurePa";

    static Stream<Case> mistakes() {
        return Stream.of(
                // ---- point map rows
                new Case("duplicate tag", f -> new Expected("points.csv",
                        f.addCsv("PT-202,Again,sensor,bar,1:ir:20:float32" + ROW_TAIL), "tag", "duplicate tag PT-202 (first at")),
                new Case("half-overlapping registers", f -> new Expected("points.csv",
                        f.addCsv("PT-201,Suction,sensor,bar,1:ir:1:float32" + ROW_TAIL), "modbus", "overlapping registers at unit 1 ir 1")),
                new Case("same register twice", f -> new Expected("points.csv",
                        f.addCsv("PT-201,Suction,sensor,bar,1:ir:0:float32" + ROW_TAIL), "modbus", "the same address")),
                new Case("bad address grammar", f -> new Expected("points.csv",
                        f.addCsv("PT-201,Suction,sensor,bar,1:ir:abc:float32" + ROW_TAIL), "modbus", "address 'abc' is not a whole number")),
                new Case("unknown type", f -> new Expected("points.csv",
                        f.addCsv("PT-201,Suction,sensor,bar,1:ir:20:float33" + ROW_TAIL), "modbus", "unknown type 'float33'")),
                new Case("unknown word order", f -> new Expected("points.csv",
                        f.addCsv("PT-201,Suction,sensor,bar,1:ir:20:float32:ABDC" + ROW_TAIL), "modbus", "unknown word order 'ABDC'")),
                new Case("min greater than max", f -> new Expected("points.csv",
                        f.replaceCsv("PT-202", "PT-202,P,sensor,bar,1:ir:0:float32,,,HeatPump/Refrigerant,,160,0,,,,,plant.hp.gasCoolerPressurePa"),
                        "min", "min 160 is greater than max 0")),
                new Case("initial outside min..max", f -> new Expected("points.csv",
                        f.replaceCsv("PT-202", "PT-202,P,sensor,bar,1:ir:0:float32,,,HeatPump/Refrigerant,,0,160,200,,,,plant.hp.gasCoolerPressurePa"),
                        "initial", "initial 200 is outside [0, 160]")),
                new Case("unknown kind", f -> new Expected("points.csv",
                        f.replaceCsv("PT-202", "PT-202,P,sensr,bar,1:ir:0:float32" + ROW_TAIL), "kind", "unknown kind 'sensr'")),
                new Case("unknown unit", f -> new Expected("points.csv",
                        f.replaceCsv("PT-202", "PT-202,P,sensor,barg,1:ir:0:float32" + ROW_TAIL), "unit", "unknown unit 'barg'")),
                new Case("unknown opcua_type", f -> new Expected("points.csv",
                        f.replaceCsv("PT-202", "PT-202,P,sensor,bar,1:ir:0:float32,,,HeatPump/Refrigerant,Float128,0,160,35,,,,plant.hp.gasCoolerPressurePa"),
                        "opcua_type", "unknown opcua_type 'Float128'")),
                new Case("unknown on_out_of_range", f -> new Expected("points.csv",
                        f.replaceCsv("C-211.SpeedSet", "C-211.SpeedSet,S,actuator,Hz,1:hr:0:uint16,0.1,,HeatPump/Compressors,,0,70,0,wrap,zero,,input.hp.compressor1.speedSetHz"),
                        "on_out_of_range", "unknown on_out_of_range 'wrap'")),
                new Case("unknown failsafe", f -> new Expected("points.csv",
                        f.replaceCsv("C-211.SpeedSet", "C-211.SpeedSet,S,actuator,Hz,1:hr:0:uint16,0.1,,HeatPump/Compressors,,0,70,0,,drop,,input.hp.compressor1.speedSetHz"),
                        "failsafe", "failsafe 'drop' is not hold, zero or a number")),
                new Case("failsafe value outside the limits", f -> new Expected("points.csv",
                        f.replaceCsv("C-211.SpeedSet", "C-211.SpeedSet,S,actuator,Hz,1:hr:0:uint16,0.1,,HeatPump/Compressors,,0,70,0,,90,,input.hp.compressor1.speedSetHz"),
                        "failsafe", "failsafe 90 is outside [0, 70]")),
                new Case("unknown plant output", f -> new Expected("points.csv",
                        f.replaceCsv("PT-202", "PT-202,P,sensor,bar,1:ir:0:float32,,,HeatPump/Refrigerant,,0,160,35,,,,plant.hp.gasCoolerPresurePa"),
                        "binding", "the plant has no output 'hp.gasCoolerPresurePa' (did you mean 'hp.gasCoolerPressurePa'?)")),
                new Case("unknown plant input", f -> new Expected("points.csv",
                        f.replaceCsv("C-211.SpeedSet", "C-211.SpeedSet,S,actuator,Hz,1:hr:0:uint16,0.1,,HeatPump/Compressors,,0,70,0,,zero,,input.hp.compressor9.speedSetHz"),
                        "binding", "the plant has no input 'hp.compressor9.speedSetHz'")),
                new Case("unknown bench variable", f -> new Expected("points.csv",
                        f.replaceCsv("BENCH.Step", "BENCH.Step,Plant step,bench,,1:ir:100:uint32,,,Bench,,,,0,,,,bench.tick"),
                        "binding", "unknown bench variable 'tick'")),
                new Case("sensor bound to a plant input", f -> new Expected("points.csv",
                        f.replaceCsv("PT-202", "PT-202,P,sensor,bar,1:ir:0:float32,,,HeatPump/Refrigerant,,0,160,35,,,,input.hp.compressor2.speedSetHz"),
                        "binding", "a sensor point binds to plant.<name>, not input.hp.compressor2.speedSetHz")),
                new Case("actuator bound to a plant output", f -> new Expected("points.csv",
                        f.replaceCsv("C-211.Enable", "C-211.Enable,E,actuator,,1:coil:0:bool,,,HeatPump/Compressors,,,,false,,zero,,plant.hp.compressor1.running"),
                        "binding", "an actuator point binds to input.<name>".replace("an actuator", "a actuator"))),
                new Case("constant bound to the plant", f -> new Expected("points.csv",
                        f.addCsv("ES-101,E-stop healthy,constant,,1:di:0:bool,,,Site,,,,true,,,,plant.hp.compressor1.running"),
                        "binding", "a constant point binds to const.<name>")),
                new Case("actuator in input registers", f -> new Expected("points.csv",
                        f.replaceCsv("C-211.SpeedSet", "C-211.SpeedSet,S,actuator,Hz,1:ir:30:uint16,0.1,,HeatPump/Compressors,,0,70,0,,zero,,input.hp.compressor1.speedSetHz"),
                        "modbus", "ir is a read-only area (use hr)")),
                new Case("actuator in discrete inputs", f -> new Expected("points.csv",
                        f.replaceCsv("C-211.Enable", "C-211.Enable,E,actuator,,1:di:0:bool,,,HeatPump/Compressors,,,,false,,zero,,input.hp.compressor1.enable"),
                        "modbus", "di is a read-only area (use coil)")),
                new Case("Ack in input registers", f -> new Expected("points.csv",
                        f.replaceCsv("BENCH.Ack", "BENCH.Ack,Ack,bench,,1:ir:13:uint32,,,Bench,,,,0,,,,bench.ack"),
                        "modbus", "a bench point is written by a client")),
                new Case("enum with commas not quoted", f -> new Expected("points.csv",
                        f.replaceCsv("BENCH.Mode", "BENCH.Mode,Mode,bench,,1:ir:106:enum(0=Realtime,1=Accelerated,2=Lockstep),,,Bench,,,,0,,,,bench.mode"),
                        "columns", "row has 18 values, expected 16")),
                new Case("quote never closed", f -> new Expected("points.csv",
                        f.addCsv("PT-201,\"Suction,sensor,bar,1:ir:20:float32" + ROW_TAIL), "csv", "a quoted value is never closed")),
                new Case("failsafe on a sensor", f -> new Expected("points.csv",
                        f.replaceCsv("PT-202", "PT-202,P,sensor,bar,1:ir:0:float32,,,HeatPump/Refrigerant,,0,160,35,,zero,,plant.hp.gasCoolerPressurePa"),
                        "failsafe", "only actuators have a failsafe")),
                new Case("two actuators write one plant input", f -> new Expected("points.csv",
                        f.addCsv("C-212.SpeedSet,S,actuator,Hz,1:hr:1:uint16,0.1,,HeatPump/Compressors,,0,70,0,,zero,,input.hp.compressor1.speedSetHz"),
                        "binding", "plant input 'hp.compressor1.speedSetHz' is already written by C-211.SpeedSet")),
                new Case("a limit the register cannot hold", f -> new Expected("points.csv",
                        f.replaceCsv("C-211.SpeedSet", "C-211.SpeedSet,S,actuator,Hz,1:hr:0:uint16,0.1,,HeatPump/Compressors,,0,7000,0,,zero,,input.hp.compressor1.speedSetHz"),
                        "max", "max 7000 does not fit uint16 with scale 0.1")),

                // ---- rig.yaml
                new Case("unknown key", f -> new Expected("rig.yaml",
                        f.replaceYaml("  port: 1502", "  port: 1502\n  prot: 3") + 1, "modbus.prot", "unknown key (expected one of: bind, port, max_connections)")),
                new Case("missing key", f -> new Expected("rig.yaml",
                        f.replaceYaml("name: mini", "# no name"), "name", "missing key")),
                new Case("wrong value type", f -> new Expected("rig.yaml",
                        f.replaceYaml("  port: 1502", "  port: fifteen"), "modbus.port", "must be a whole number (TCP port, 0 = any free port), was the text 'fifteen'")),
                new Case("port out of range", f -> new Expected("rig.yaml",
                        f.replaceYaml("  port: 4840", "  port: 70000"), "opcua.port", "70000 is out of range 0..65535")),
                new Case("YAML syntax", f -> new Expected("rig.yaml",
                        f.replaceYaml("  port: 4840", "  port: [4840"), "yaml", "not valid YAML")),
                new Case("key twice", f -> new Expected("rig.yaml",
                        f.replaceYaml("  port: 4840", "  port: 4840\n  port: 4841") + 1, "opcua.port", "key appears twice (first at line")),
                new Case("point map missing", f -> new Expected("rig.yaml",
                        f.replaceYaml("  - points.csv", "  - pionts.csv"), "point_maps", "point map pionts.csv not found")),
                new Case("password in the rig", f -> new Expected("rig.yaml",
                        f.replaceYaml("  port: 4840", "  port: 4840\n  password: secret") + 1, "opcua.password", "passwords never go in a rig")),
                new Case("unknown security policy", f -> new Expected("rig.yaml",
                        f.replaceYaml("  port: 4840", "  port: 4840\n  security_policies: [none, basic128]") + 1,
                        "opcua.security_policies", "unknown security policy 'basic128'")),
                new Case("lockstep rig without BENCH.Ack", f -> {
                    f.csv.remove(f.csvLine("BENCH.Ack") - 1);
                    return new Expected("rig.yaml", 1, "lockstep", "lockstep needs a point bound to bench.ack (BENCH.Ack)");
                }),
                new Case("lockstep rig without BENCH.Mode", f -> {
                    f.csv.remove(f.csvLine("BENCH.Mode") - 1);
                    f.yaml.add("lockstep:");
                    f.yaml.add("  ack_timeout_s: 10");
                    return new Expected("rig.yaml", f.yamlLine("lockstep:"), "lockstep", "bench.mode (BENCH.Mode)");
                }),
                new Case("watchdog without BENCH.Heartbeat", f -> {
                    f.csv.remove(f.csvLine("BENCH.Heartbeat") - 1);
                    f.yaml.add("watchdog:");
                    f.yaml.add("  timeout_s: 5");
                    return new Expected("rig.yaml", f.yamlLine("watchdog:"), "watchdog", "needs a point bound to bench.heartbeat");
                }),
                new Case("trust_all_clients beyond loopback", f -> {
                    f.yaml.add("  bind: 0.0.0.0");
                    f.yaml.add("  allow_none: true");
                    f.yaml.add("  trust_all_clients: true");
                    return new Expected("rig.yaml", f.yamlLine("trust_all_clients"), "opcua.trust_all_clients", "refused: the server binds 0.0.0.0, beyond loopback");
                }),
                new Case("None beyond loopback without allow_none", f -> {
                    f.yaml.add("  bind: 192.168.10.5");
                    f.yaml.add("  security_policies: [none, basic256sha256]");
                    return new Expected("rig.yaml", f.yamlLine("security_policies"), "opcua.security_policies",
                            "SecurityPolicy None is refused beyond loopback (bind 192.168.10.5)");
                }),
                new Case("bad bind address", f -> new Expected("rig.yaml",
                        f.replaceYaml("  port: 1502", "  port: 1502\n  bind: 300.1.1.1") + 1, "modbus.bind", "'300.1.1.1' is not an IP address")),

                // ---- controller section
                new Case("controller command names a missing point", f -> {
                    f.withController();
                    int line = f.replaceYaml("start:", "    start:            {point: CTL.Go, semantics: pulse}");
                    return new Expected("rig.yaml", line, "controller.commands.start.point", "no point CTL.Go in the controller map");
                }),
                new Case("controller alarm bit of a missing point", f -> {
                    f.withController();
                    int line = f.replaceYaml("HP_TRIP:", "    HP_TRIP: CTL.Alarms.bit1");
                    return new Expected("rig.yaml", line, "controller.alarms.HP_TRIP", "no point CTL.Alarms.bit1 in the controller map");
                }),
                new Case("controller alarm bit beyond the word", f -> {
                    f.withController();
                    int line = f.replaceYaml("HP_TRIP:", "    HP_TRIP: CTL.AlarmWord.bit16");
                    return new Expected("rig.yaml", line, "controller.alarms.HP_TRIP", "bit 16 is beyond the 16 bits of CTL.AlarmWord");
                }),
                new Case("controller alarm meaning unknown", f -> {
                    f.withController();
                    int line = f.replaceYaml("HP_TRIP:", "    HIGH_PRESSURE: CTL.AlarmWord.bit1");
                    return new Expected("rig.yaml", line, "controller.alarms.HIGH_PRESSURE", "unknown alarm meaning 'HIGH_PRESSURE'");
                }),
                new Case("controller state name unknown", f -> {
                    f.withController();
                    int line = f.replaceYaml("30: Defrosting", "      30: Thawing");
                    return new Expected("rig.yaml", line, "controller.state.values.30", "unknown state 'Thawing'");
                }),
                new Case("controller setpoint is a status point", f -> {
                    f.withController();
                    int line = f.replaceYaml("supply_temperature:", "    supply_temperature: CTL.State");
                    return new Expected("rig.yaml", line, "controller.setpoints.supply_temperature", "CTL.State is a status point; expected a setpoint point");
                }),
                new Case("controller map kind belongs to the plant", f -> {
                    f.withController();
                    int line = f.controllerLine("CTL.Stop,");
                    f.controllerCsv.set(line - 1, "CTL.Stop,Stop,actuator,,1:coil:1:bool,,,Controller/Commands,,,,false,,,,controller.stop");
                    return new Expected("controller.csv", line, "kind", "kind actuator does not belong in a controller map");
                }),
                new Case("controller endpoint of the other protocol", f -> {
                    f.withController();
                    int line = f.replaceYaml("  endpoint:", "  endpoint: modbus-tcp://127.0.0.1:1503");
                    return new Expected("rig.yaml", line, "controller.endpoint", "must start with opc.tcp:// for protocol opcua");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsReportedWithFileLineAndField(Case c, @TempDir Path dir) {
        RigFixture f = new RigFixture();
        Expected e = c.breakIt().apply(f);
        f.write(dir);

        List<RigError> errors = RigFixture.errors(dir);

        assertThat(errors).as("errors of rig with: " + c.name()).hasSize(1);
        RigError error = errors.get(0);
        assertThat(error.file()).isEqualTo(dir.resolve(e.file()).toString());
        assertThat(error.line()).isEqualTo(e.line());
        assertThat(error.field()).isEqualTo(e.field());
        assertThat(error.message()).contains(e.fragment());
        assertThat(error.toString()).isEqualTo(dir.resolve(e.file()) + ":" + e.line() + ": field " + e.field() + ": " + error.message());
    }

    @Test
    void theUnbrokenFixturesLoad(@TempDir Path a, @TempDir Path b) throws RigException {
        // guards the table above: each case's single error comes from its own mistake
        assertThat(RigFixture.errors(new RigFixture().write(a))).isEmpty();
        assertThat(RigFixture.errors(new RigFixture().withController().write(b))).isEmpty();
        assertThat(RigLoader.load(a, PlantModels.catalogue("solrod")).points()).hasSize(8);
    }

    @Test
    void reportsEveryErrorOfARigWithSeveralMistakesNotOnlyTheFirst(@TempDir Path dir) {
        RigFixture f = new RigFixture().withController();
        int portLine = f.replaceYaml("  port: 1502", "  port: -1");
        int stateLine = f.replaceYaml("30: Defrosting", "      30: Thawing");
        int kindLine = f.replaceCsv("PT-202", "PT-202,P,sensr,bar,1:ir:0:float32" + ROW_TAIL);
        int dupLine = f.addCsv("C-211.Enable,Again,actuator,,1:coil:1:bool,,,HeatPump/Compressors,,,,false,,zero,,input.hp.compressor2.enable");
        int badRow = f.addCsv("TT-201,T,sensor,degC,1:ir:20:float32,,,HeatPump/Refrigerant,,50,-50,,clip,,,plant.hp.suctionTemperatureK");
        f.write(dir);

        List<RigError> errors = RigFixture.errors(dir);

        String rig = dir.resolve("rig.yaml").toString();
        String points = dir.resolve("points.csv").toString();
        assertThat(errors).extracting(RigError::file, RigError::line, RigError::field).containsExactly(
                tuple(points, kindLine, "kind"),
                tuple(points, dupLine, "tag"),
                tuple(points, badRow, "min"),
                tuple(points, badRow, "on_out_of_range"),
                tuple(rig, portLine, "modbus.port"),
                tuple(rig, stateLine, "controller.state.values.30"));
    }

    @Test
    void aMissingRigFileIsAnErrorNotACrash(@TempDir Path dir) throws IOException {
        List<RigError> errors = RigFixture.errors(dir);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(dir.resolve("rig.yaml").toString());
            assertThat(e.line()).isZero();
            assertThat(e.field()).isEqualTo("file");
            assertThat(e.message()).contains("no rig.yaml in");
        });
        assertThat(RigFixture.errors(dir.resolve("nowhere"))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("does not exist"));
        Files.writeString(dir.resolve("rig.yaml"), "");
        assertThat(RigFixture.errors(dir)).singleElement().satisfies(e -> assertThat(e.message()).contains("empty"));
    }
}
