package io.hilbench.cli;

import io.hilbench.BenchVersion;
import io.hilbench.report.evidence.EvidenceBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer meets first on the command line (issue #16 items 9 and 10): "did you mean", one version, {@code bench
 * run --port-offset}, and {@code bench serve} refusing a taken port by its number and its rig key.
 */
class NewcomerCommandLineTest {

    private record Run(int exit, String out, String err) {}

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BenchCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void anUnknownOptionOrSubCommandGetsTheClosestName() {
        Run tag = bench("run", "--tag", "@SU-01");
        assertThat(tag.exit()).isEqualTo(BenchCommand.USAGE);
        assertThat(tag.err()).contains("'--tag'").contains("did you mean '--tags' for '--tag'?");

        Run rnu = bench("rnu");
        assertThat(rnu.exit()).isEqualTo(BenchCommand.USAGE);
        assertThat(rnu.err()).contains("did you mean 'run' for 'rnu'?");

        Run far = bench("run", "--zzzzzz");
        assertThat(far.exit()).isEqualTo(BenchCommand.USAGE);
        assertThat(far.err()).doesNotContain("did you mean");
    }

    @Test
    void suggestionsAreByEditDistanceAndPrefix() {
        assertThat(DidYouMean.distance("rnu", "run")).as("one transposition").isEqualTo(1);
        assertThat(DidYouMean.suggestions("--tag", List.of("--tags", "--rig", "--pace"))).containsExactly("--tags");
        assertThat(DidYouMean.suggestions("--varaint", List.of("--variant", "--rig"))).containsExactly("--variant");
        assertThat(DidYouMean.suggestions("serv", List.of("serve", "run", "simulate"))).containsExactly("serve");
        assertThat(DidYouMean.suggestions("x", List.of("serve", "run"))).isEmpty();
    }

    @Test
    void oneVersionEverywhere() {
        String v = BenchVersion.get();
        // the POM's version, through the jar manifest or (from target/classes) the filtered version.properties
        assertThat(v).isNotBlank().doesNotContain("${").doesNotContain("development").isNotEqualTo("unknown");
        assertThat(bench("--version").out().trim()).isEqualTo("bench " + v);
        assertThat(EvidenceBundle.benchVersion()).isEqualTo(v);
        // the manifest's Implementation-Version wins when there is one
        assertThat(BenchVersion.resolve("9.9.9", new java.io.ByteArrayInputStream("version=1.0".getBytes()))).isEqualTo("9.9.9");
        assertThat(BenchVersion.resolve(null, new java.io.ByteArrayInputStream("version=1.0".getBytes()))).isEqualTo("1.0");
        assertThat(BenchVersion.resolve(null, new java.io.ByteArrayInputStream("version=${project.version}".getBytes()))).isEqualTo("unknown");
    }

    @Test
    void runRefusesAnOffsetThatPutsAPortAbove65535NamingTheKey(@TempDir Path tmp) {
        Run r = bench("run", "--port-offset", "64000", "--dry-run", "--report", tmp.resolve("r").toString());
        assertThat(r.exit()).isEqualTo(BenchCommand.USAGE);
        assertThat(r.err()).contains("--port-offset 64000 puts opcua.port 4840 at 68840, above 65535");
    }

    @Test
    void runWithAnExternalControllerChecksTheShiftedPorts(@TempDir Path tmp) throws IOException {
        try (Held held = Held.shiftedModbusPort()) {
            Run r = bench("run", "--controller", "external", "--port-offset", Integer.toString(held.offset), "--tags", "@SU-04",
                    "--report", tmp.resolve("r").toString(), "--key-store", tmp.resolve("keys").toString(), "--no-ui");
            assertThat(r.exit()).isEqualTo(BenchCommand.USAGE);
            assertThat(r.err()).contains("plant Modbus TCP 127.0.0.1:" + held.socket.getLocalPort()).contains("already in use");
        }
    }

    @Test
    void serveWithItsPortTakenNamesThePortAndTheRigKey() throws IOException {
        try (Held held = Held.shiftedModbusPort()) {
            Run r = bench("serve", "--port-offset", Integer.toString(held.offset), "--no-ui", "--pace", "lockstep");
            assertThat(r.exit()).isEqualTo(BenchCommand.USAGE);
            assertThat(r.err()).contains("building plant model").contains("starting Modbus TCP on 127.0.0.1:" + held.socket.getLocalPort())
                    .contains("Modbus cannot listen on 127.0.0.1:" + held.socket.getLocalPort() + ": the port is in use (rig solrod key modbus.port");
            assertThat(r.out()).doesNotContain("serving");
        }
    }

    /** A loopback socket on the rig's Modbus port (1502) shifted by {@code offset}, held by this test. */
    private record Held(ServerSocket socket, int offset) implements AutoCloseable {
        static Held shiftedModbusPort() throws IOException {
            // an offset whose every shifted rig port stays below 65535 (console 8480 is the highest)
            for (int offset = 21_000 + (int) (ProcessHandle.current().pid() % 3000); offset < 56_000; offset += 97) {
                ServerSocket s = new ServerSocket();
                try {
                    s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1502 + offset));
                    return new Held(s, offset);
                } catch (IOException taken) {
                    s.close();
                }
            }
            throw new IOException("no free port to hold");
        }

        @Override
        public void close() throws IOException { socket.close(); }
    }
}
