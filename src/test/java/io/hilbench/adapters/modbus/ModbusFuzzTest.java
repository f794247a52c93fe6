package io.hilbench.adapters.modbus;

import io.hilbench.adapters.modbus.fuzz.ExpectedAnswer;
import io.hilbench.adapters.modbus.fuzz.FrameOracle;
import io.hilbench.adapters.modbus.fuzz.ModbusFuzzer;
import io.hilbench.points.PointTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The short, deterministic fuzz run of the build (README "Fuzzing"): a fixed seed's mutated frames from four
 * clients at once against a real server on 127.0.0.1, every answer checked by {@link FrameOracle}; and the regression
 * corpus {@code fuzz/modbus-corpus.txt}, whose expected answers are written by hand from the specification (so
 * they check the oracle too). The long run is {@code bench fuzz --target}.
 */
class ModbusFuzzTest {
    private PointTable table;
    private ModbusTcpServer server;

    @BeforeEach
    void start() throws Exception {
        table = TestRig.table();
        server = new ModbusTcpServer(table, ModbusServerConfig.of("127.0.0.1", 0));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void seededFuzzRunGetsTheSpecifiedAnswerToEveryFrameAndLeavesNothingBehind() throws Exception {
        ModbusFuzzer.Options o = new ModbusFuzzer.Options("127.0.0.1", server.port(), 20_000, 4, 20261207L, 8, 0,
                RawModbusClient.HANG_GUARD_MS);
        ModbusFuzzer.Result r = new ModbusFuzzer(table.points(), o).run();
        System.out.print(r.report());
        assertThat(r.failures).as(r.report()).isEmpty();
        assertThat(r.passed()).as(r.report()).isTrue();
        assertThat(r.frames()).isGreaterThanOrEqualTo(20_000);
        for (int fc : new int[] {1, 2, 3, 4, 5, 6, 15, 16}) assertThat(r.tried[fc]).as("FC%d tried", fc).isPositive();
        for (int code : new int[] {0x01, 0x02, 0x03, 0x0B}) {
            long n = 0;
            for (long[] e : r.exceptions) n += e[code];
            assertThat(n).as("exception %02X answered", code).isPositive();
        }
        assertThat(r.closes).as("framing errors closed").isPositive();
        assertThat(r.midFrameDrops).as("connections dropped mid-frame").isPositive();
        assertThat(r.latencyNs).as("the well-formed client was served").isNotEmpty();
        // every connection's thread ends with it: none left once the clients are gone
        await().atMost(Duration.ofMillis(RawModbusClient.HANG_GUARD_MS)).until(() -> server.connectionCount() == 0
                && Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("modbus-conn-" + server.port())));
    }

    /** One corpus line: the request bytes in hex, then the answer a correct server gives. */
    record Case(int line, byte[] request, String expected, String comment) {}

    static List<Case> corpus() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(ModbusFuzzTest.class.getResourceAsStream("/fuzz/modbus-corpus.txt"))) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                String comment = l.contains("#") ? l.substring(l.indexOf('#') + 1).strip() : "";
                String[] f = (l.contains("#") ? l.substring(0, l.indexOf('#')) : l).strip().split("\\s+", 2);
                out.add(new Case(i + 1, HexFormat.of().parseHex(f[0]), f[1].strip(), comment));
            }
        }
        return out;
    }

    @Test
    void regressionCorpusFramesGetTheirWrittenAnswers() throws Exception {
        FrameOracle oracle = new FrameOracle(table.points());
        List<Case> cases = corpus();
        assertThat(cases).hasSizeGreaterThan(30);
        for (Case c : cases) {
            String what = "corpus line " + c.line() + " (" + c.comment() + ")";
            // the oracle agrees with the hand-written answer
            FrameOracle.Framing framing = oracle.frame(c.request(), c.request().length);
            assertThat(describe(framing)).as(what + ": oracle").isEqualTo(c.expected());
            // and so does the server
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(RawModbusClient.HANG_GUARD_MS);
                s.getOutputStream().write(c.request());
                InputStream in = s.getInputStream();
                StringBuilder got = new StringBuilder();
                for (FrameOracle.Frame ignored : framing.frames()) {
                    byte[] head = in.readNBytes(7);
                    assertThat(head).as(what).hasSize(7);
                    byte[] pdu = in.readNBytes(((head[4] & 0xFF) << 8 | head[5] & 0xFF) - 1);
                    if (got.length() > 0) got.append(", ");
                    got.append((pdu[0] & 0x80) != 0 ? String.format("exception %02X", pdu[1]) : "normal " + pdu.length);
                }
                if (framing.closes()) {
                    int b;
                    try {
                        b = in.read();
                    } catch (SocketException reset) {
                        b = -1;
                    }
                    got.append(got.length() > 0 ? ", " : "").append(b < 0 ? "close" : "byte " + b);
                }
                if (got.length() == 0) got.append("none");
                assertThat(got.toString()).as(what + ": server").isEqualTo(c.expected());
            }
        }
        await().atMost(Duration.ofMillis(RawModbusClient.HANG_GUARD_MS)).until(() -> server.connectionCount() == 0);
    }

    private static String describe(FrameOracle.Framing f) {
        List<String> parts = new ArrayList<>();
        for (FrameOracle.Frame fr : f.frames()) {
            ExpectedAnswer e = fr.expected();
            parts.add(switch (e.kind()) {
                case NORMAL -> "normal " + e.normalLength();
                case EXCEPTION -> String.format("exception %02X", e.code());
                default -> e.toString();
            });
        }
        if (f.closes()) parts.add("close");
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
