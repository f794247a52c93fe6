package io.hilbench.scenario;

import io.hilbench.adapters.modbus.ModbusServerConfig;
import io.hilbench.adapters.modbus.ModbusTcpServer;
import io.hilbench.points.PointTable;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.rig.ControllerSection;
import io.hilbench.rig.PlantModels;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;
import io.hilbench.runtime.Pacing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preflight before any scenario (issue #9 item 4) over real protocol paths on loopback: the plant side through the
 * bench's own Modbus TCP and OPC UA servers (rigs/vendor-example: units 11/12/30, Modicon references, CDAB floats),
 * the controller side through a j2mod master against a supervisory table served on a free port, standing in for a PLC.
 */
class PreflightTest {
    @TempDir
    static Path tmp;
    static Rig rig;
    static BenchAssembly bench;

    ModbusTcpServer controllerServer;
    PointTable controllerTable;

    @BeforeAll
    static void startBench() throws Exception {
        // a copy of the vendor rig whose PKI lives in the temp folder (nothing written under ~/.hilbench)
        Path dir = copyRig("vendor-example");
        rig = RigLoader.loadDefault(dir);
        bench = new BenchAssembly(rig, PlantModels.create(rig), BenchAssembly.Options.defaults().withPacing(Pacing.realtime()).withPorts(0, 0));
        bench.start();
    }

    @AfterAll
    static void stopBench() throws Exception {
        bench.stop();
    }

    static Path copyRig(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        for (String f : List.of("points.csv", "controller.csv")) Files.copy(Path.of("rigs/vendor-example", f), dir.resolve(f));
        Files.writeString(dir.resolve("rig.yaml"), Files.readString(Path.of("rigs/vendor-example/rig.yaml"))
                .replace("  anonymous: true", "  anonymous: true\n  pki_dir: " + tmp.resolve("pki").toString().replace('\\', '/')));
        return dir;
    }

    @BeforeEach
    void serveTheController() throws Exception {
        // the controller as the vendor map describes it, served on unit 5 of a free port
        controllerTable = PointTable.withoutPlant(rig.controller().orElseThrow().points());
        controllerServer = new ModbusTcpServer(controllerTable, ModbusServerConfig.of("127.0.0.1", 0));
        controllerServer.start();
    }

    @AfterEach
    void stopTheController() throws Exception {
        controllerServer.stop();
    }

    private Preflight.Report preflight(ControllerSection map) throws Exception {
        try (var link = ModbusSupervisoryLink.connect("127.0.0.1", controllerServer.port(), map)) {
            return Preflight.check(rig, bench, map, link);
        }
    }

    @Test
    void everyMappedPointAnswersOnBothSidesAndSimulationOffIsAWarning() throws Exception {
        Preflight.Report r = preflight(rig.controller().orElseThrow());
        assertThat(r.problems()).as(r.format()).isEmpty();
        assertThat(r.exitCode()).isZero();
        // every plant point on each protocol it is mapped to, every controller point
        assertThat(r.plantChecked()).isEqualTo(rig.modbusPointCount() + rig.opcuaPointCount());
        assertThat(r.controllerChecked()).isEqualTo(rig.controller().orElseThrow().points().size());
        // the table's HP1_SIM_MODE starts false: not a failure, but the engineer is told the commands will be refused
        assertThat(r.warnings()).singleElement().asString().contains("HP1_SIM_MODE reads false");
    }

    @Test
    void aControllerPointTheDeviceDoesNotServeIsListedAndIsAConfigurationError(@TempDir Path t) throws Exception {
        // the rig says the warning word is at 300050; the controller serves it at 300003: exception 02 (V1.1b3 §7,
        // illegal data address) — the device answered, so the map is wrong: exit 2, not inconclusive
        Path dir = copyRig("vendor-moved");
        Path csv = dir.resolve("controller.csv");
        Files.writeString(csv, Files.readString(csv).replace("5:300003:uint16", "5:300050:uint16"));
        ControllerSection moved = RigLoader.loadDefault(dir).controller().orElseThrow();
        Preflight.Report r = preflight(moved);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.side()).isEqualTo("controller");
            assertThat(p.tag()).isEqualTo("HP1_ALM_WARN");
            assertThat(p.protocol()).isEqualTo("modbus");
            assertThat(p.address()).isEqualTo("5:ir:49:uint16");
            assertThat(p.answered()).isTrue();
        });
        assertThat(r.exitCode()).isEqualTo(2);
        System.out.print(r.format());   // what bench run prints (README quotes it)
        assertThat(r.format()).contains("1 point(s) did not answer").contains("HP1_ALM_WARN").contains("5:ir:49:uint16");
    }

    @Test
    void aControllerThatStopsAnsweringIsUnreachableAndInconclusive() throws Exception {
        ControllerSection map = rig.controller().orElseThrow();
        try (var link = ModbusSupervisoryLink.connect("127.0.0.1", controllerServer.port(), map)) {
            controllerServer.stop();
            Preflight.Report r = Preflight.check(rig, bench, map, link);
            // no answer at all (connection gone): DESIGN §8 "controller unreachable" is inconclusive: exit 3
            assertThat(r.problems()).hasSize(map.points().size()).allSatisfy(p -> assertThat(p.answered()).isFalse());
            assertThat(r.exitCode()).isEqualTo(3);
        }
    }

    @Test
    void thePlantsOpcUaSanityReadNeedsAnonymousNoneAndIsSkippedWithAReasonOtherwise() {
        // the preflight reads the plant's OPC UA nodes as an anonymous client on SecurityPolicy None (DESIGN §6: None
        // only on loopback unless allow_none); a site rig bound to the PLC network offers no None: a warning, not exit 2
        var o = rig.opcua();
        assertThat(Preflight.anonymousNoneUnavailable(o)).isNull();
        var beyond = new Rig.OpcUaServer("192.168.10.5", 4840, o.path(), o.namespaceUri(), o.securityPolicies(), false, false,
                o.pkiDirectory(), true, null);
        assertThat(Preflight.anonymousNoneUnavailable(beyond)).contains("beyond loopback");
        var signOnly = new Rig.OpcUaServer("127.0.0.1", 4840, o.path(), o.namespaceUri(), List.of(Rig.SecurityPolicy.BASIC256SHA256), false, false,
                o.pkiDirectory(), true, null);
        assertThat(Preflight.anonymousNoneUnavailable(signOnly)).contains("no SecurityPolicy None");
        var noAnonymous = new Rig.OpcUaServer("127.0.0.1", 4840, o.path(), o.namespaceUri(), o.securityPolicies(), false, false,
                o.pkiDirectory(), false, null);
        assertThat(Preflight.anonymousNoneUnavailable(noAnonymous)).contains("no anonymous login");
    }
}
