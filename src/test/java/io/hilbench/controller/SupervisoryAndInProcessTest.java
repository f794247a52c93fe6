package io.hilbench.controller;

import io.hilbench.rig.PlantModels;

import io.hilbench.points.PointTable;
import io.hilbench.points.PointWrite;
import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The supervisory table's command and status encoding (DESIGN §7), and the in-process I/O doing the handshake. */
class SupervisoryAndInProcessTest {
    private final Rig rig = load();

    private static Rig load() {
        try {
            return RigLoader.loadDefault(Path.of("rigs/solrod"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPulseIsTakenOnceAndClearedAndStatusUsesTheRigsCodesAndBits() throws Exception {
        SupervisoryServer s = new SupervisoryServer(rig.controller().orElseThrow(), "HILbench RefCtl", "0.1.0");
        PointTable t = s.table();
        t.write(List.of(PointWrite.of(t.indexOf("CTL.Start"), 1)), "bench");
        Commands first = s.takeCommands();
        assertThat(first.start()).isTrue();
        assertThat(first.supplyTemperatureSetDegC()).isEqualTo(75.0); // controller.csv initial
        assertThat(t.state().value(t.indexOf("CTL.Start"))).as("cleared when taken").isZero();
        assertThat(s.takeCommands().start()).as("taken once").isFalse();

        // vendor code and alarm bits per rig.yaml: Trip = 90; START_REFUSED bit 0, FLOW_TRIP bit 3
        s.publish(ControllerState.TRIPPED, EnumSet.of(AlarmMeaning.START_REFUSED, AlarmMeaning.FLOW_TRIP));
        assertThat(t.state().value(t.indexOf("CTL.State"))).isEqualTo(90.0);
        assertThat(t.state().value(t.indexOf("CTL.AlarmWord"))).isEqualTo(9.0);
        s.publish(ControllerState.OFF, EnumSet.noneOf(AlarmMeaning.class));
        assertThat(t.state().value(t.indexOf("CTL.State"))).isEqualTo(0.0);
        assertThat(t.state().value(t.indexOf("CTL.AlarmWord"))).isEqualTo(0.0);
    }

    @Test
    void inProcessIoAcknowledgesEveryStepInOneTableWrite() throws Exception {
        PointTable plant = new PointTable(rig.points(), PlantModels.catalogue("solrod"));
        InProcessControllerIo io = new InProcessControllerIo(plant);
        ReferenceController logic = new ReferenceController(ControllerConfig.defaults(), Optional.empty(), ReferenceController.permissiveTags(rig.points()));
        Supervisory none = new Supervisory() {
            @Override
            public Commands takeCommands() { return Commands.none(75); }

            @Override
            public void publish(ControllerState state, java.util.Set<AlarmMeaning> alarms) { }
        };
        ControllerRunner runner = new ControllerRunner(io, logic, none);
        int ack = plant.indexOf("BENCH.Ack");
        runner.start();
        try {
            for (long n = 1; n <= 20; n++) {
                long step = n;
                plant.publish(new ModbusControllerIntegrationTest.Frame(step, step * 100, new double[PlantModels.catalogue("solrod").outputs().size()]), java.util.Map.of());
                await("Ack = " + step).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                        .until(() -> plant.state().value(ack) == step);
            }
        } finally {
            runner.stop();
        }
    }
}
