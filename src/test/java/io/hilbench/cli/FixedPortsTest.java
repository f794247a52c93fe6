package io.hilbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A second bench run on the same fixed rig ports refuses with a clear message naming the port (issue #18 item 3). */
class FixedPortsTest {
    @Test
    void aPortSomeoneListensOnIsBusy() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            FixedPorts.Endpoint e = new FixedPorts.Endpoint("plant Modbus TCP", "127.0.0.1", other.getLocalPort());
            assertThat(FixedPorts.busy(List.of(e))).containsExactly(e);
            assertThat(FixedPorts.busyMessage(List.of(e))).contains("plant Modbus TCP 127.0.0.1:" + other.getLocalPort()).contains("already in use");
        }
    }

    @Test
    void theDefaultRigsFixedPortsAreItsPlantServers() throws Exception {
        var rig = io.hilbench.rig.RigLoader.loadDefault(Path.of("rigs/solrod"));
        assertThat(FixedPorts.of(rig)).extracting(FixedPorts.Endpoint::port).containsExactly(rig.modbus().port(), rig.opcua().port());
    }

    @Test
    void aSecondRunOnTheRigsFixedPortsRefusesNamingThePort(@TempDir Path tmp) throws Exception {
        var rig = io.hilbench.rig.RigLoader.loadDefault(Path.of("rigs/solrod"));
        int port = rig.modbus().port();
        // the first run (or whatever else holds the port on this machine: then it is busy all the same)
        ServerSocket first = null;
        try {
            try {
                first = new ServerSocket();
                first.bind(new InetSocketAddress(InetAddress.getByName(rig.modbus().bindAddress()), port));
            } catch (IOException alreadyHeld) {
                // someone else holds it: the run must refuse just the same
            }
            StringWriter err = new StringWriter();
            var cl = BenchCommand.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute("run", "--controller", "external", "--tags", "@SU-04", "--report", tmp.resolve("report").toString(),
                    "--key-store", tmp.resolve("keys").toString());
            assertThat(code).isEqualTo(BenchCommand.USAGE);
            assertThat(err.toString()).contains(":" + port).contains("already in use");
            assertThat(tmp.resolve("report").resolve("verdicts.json")).doesNotExist();
        } finally {
            if (first != null) first.close();
        }
    }
}
