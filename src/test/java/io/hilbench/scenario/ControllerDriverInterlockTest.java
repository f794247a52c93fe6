package io.hilbench.scenario;

import io.hilbench.adapters.modbus.ModbusServerConfig;
import io.hilbench.adapters.modbus.ModbusTcpServer;
import io.hilbench.points.PointTable;
import io.hilbench.points.PointTableListener;
import io.hilbench.points.PointWrite;
import io.hilbench.points.TableState;
import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerSection;
import io.hilbench.rig.ControllerState;
import io.hilbench.rig.RigLoader;
import io.hilbench.scenario.Quantities.Quantity;
import io.hilbench.scenario.judge.Inconclusive;
import io.hilbench.points.EngineeringUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ControllerDriver against a small supervisory server built from the Solrød rig's controller map (a point table
 * served over Modbus TCP on a free port, like the reference controller's mirror), through a real j2mod master.
 */
class ControllerDriverInterlockTest {
    ControllerSection section;
    PointTable table;
    ModbusTcpServer server;
    ControllerDriver driver;
    final List<String> writesFromClients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        section = RigLoader.loadDefault(Path.of("rigs/solrod")).controller().orElseThrow();
        table = PointTable.withoutPlant(section.points());
        table.addListener(new PointTableListener() {
            @Override
            public void written(TableState after, List<PointWrite> writes, String origin) {
                if (!origin.equals("test")) writes.forEach(w -> writesFromClients.add(table.point(w.pointIndex()).tag()));
            }
        });
        server = new ModbusTcpServer(table, ModbusServerConfig.of("127.0.0.1", 0));
        server.start();
        driver = new ControllerDriver(section, ModbusSupervisoryLink.connect("127.0.0.1", server.port(), section));
    }

    @AfterEach
    void stop() throws Exception {
        driver.link().close();
        server.stop();
    }

    @Test
    void noCommandIsSentUntilSimulationActiveReadsTrue() throws Exception {
        // DESIGN §7: a controller still wired to live plant is never started by a scenario; the map's initial value is false
        assertThat(driver.simulationActive()).isFalse();
        assertThatThrownBy(driver::start).isInstanceOf(Inconclusive.class).hasMessageStartingWith("INCONCLUSIVE:")
                .hasMessageContaining("CTL.SimulationActive does not read true");
        assertThatThrownBy(() -> driver.setSupplySetpoint(new Quantity(75, EngineeringUnit.DEG_C))).isInstanceOf(Inconclusive.class);
        assertThatThrownBy(driver::resetToInitial).isInstanceOf(Inconclusive.class);
        assertThat(writesFromClients).as("nothing reached the controller").isEmpty();

        table.set("CTL.SimulationActive", 1, "test");
        driver.start();
        driver.setSupplySetpoint(new Quantity(72.5, EngineeringUnit.DEG_C));
        assertThat(writesFromClients).containsExactly("CTL.Start", "CTL.SupplyTempSet");
        assertThat(table.state().value(table.indexOf("CTL.Start"))).as("a pulse is written true; the controller clears it").isEqualTo(1.0);
        assertThat(table.state().value(table.indexOf("CTL.SupplyTempSet"))).isEqualTo(72.5);
    }

    @Test
    void stateAndAlarmsAreReadThroughTheRigsTables() throws Exception {
        table.set("CTL.State", 90, "test");        // vendor "Trip"
        table.set("CTL.AlarmWord", 0b1000_1010, "test");   // bits 1, 3, 7
        assertThat(driver.state()).contains(ControllerState.TRIPPED);
        assertThat(driver.alarms()).containsExactlyInAnyOrder(AlarmMeaning.HP_TRIP, AlarmMeaning.FLOW_TRIP, AlarmMeaning.COMM_LOSS);
        assertThat(driver.identity()).isEqualTo("HILbench RefCtl 0.1.0");
    }

    /**
     * A status read for the trace that timed out (the controller starved by load, not gone) is sent again, so the
     * state and alarm columns do not depend on the machine's load; a read that fails otherwise still fails at once.
     */
    @Test
    void aStatusReadThatTimedOutIsSentAgainAndOtherFailuresAreNot() throws Exception {
        table.set("CTL.State", 90, "test");        // vendor "Trip"
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<java.io.IOException> failFirst = new java.util.concurrent.atomic.AtomicReference<>(
                new java.io.IOException("OPC UA read failed", new org.eclipse.milo.opcua.stack.core.UaException(
                        org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_Timeout, "requestId=107 timed out after 10000ms")));
        SupervisoryLink real = driver.link();
        SupervisoryLink late = new SupervisoryLink() {
            @Override public double[] read(List<String> tags) throws java.io.IOException {
                reads.incrementAndGet();
                java.io.IOException e = failFirst.getAndSet(null);
                if (e != null) throw e;
                return real.read(tags);
            }
            @Override public String readText(String tag) throws java.io.IOException { return real.readText(tag); }
            @Override public void write(String tag, double value) throws java.io.IOException { real.write(tag, value); }
            @Override public java.util.Optional<Probe> probe(String tag) { return real.probe(tag); }
            @Override public String protocol() { return real.protocol(); }
            @Override public String describe() { return real.describe(); }
            @Override public void close() {}
        };
        ControllerDriver d = new ControllerDriver(section, late);
        assertThat(d.sampleStatus()).isEqualTo(ControllerState.TRIPPED.ordinal());
        assertThat(reads).as("the timed-out read and its retry").hasValue(2);

        failFirst.set(new java.io.IOException("connection closed"));
        reads.set(0);
        assertThatThrownBy(d::sampleStatus).isInstanceOf(IllegalStateException.class).hasMessageContaining("connection closed");
        assertThat(reads).as("not a timeout: not sent again").hasValue(1);
    }
}
