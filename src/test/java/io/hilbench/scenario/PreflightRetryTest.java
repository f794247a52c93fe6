package io.hilbench.scenario;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preflight reads a point that gave no answer once more before it counts (a read lost in a machine-wide stall says
 * nothing about the maps); a point the device answered with an error is never read again.
 */
class PreflightRetryTest {
    /** A link whose probes answer from a script per tag: "ok", "silent" (timed out) or "error" (answered with an error). */
    static final class ScriptedLink implements SupervisoryLink {
        final Map<String, List<String>> script = new HashMap<>();
        final List<String> probed = new ArrayList<>();

        @Override public double[] read(List<String> tags) { throw new UnsupportedOperationException(); }
        @Override public String readText(String tag) { throw new UnsupportedOperationException(); }
        @Override public void write(String tag, double value) { throw new UnsupportedOperationException(); }
        @Override public String protocol() { return "modbus"; }
        @Override public String describe() { return "scripted"; }
        @Override public void close() { }

        @Override
        public Optional<Probe> probe(String tag) {
            probed.add(tag);
            String next = script.get(tag).remove(0);
            return switch (next) {
                case "ok" -> Optional.empty();
                case "silent" -> Optional.of(new Probe("hr 10", "read timed out after 10 s", false));
                default -> Optional.of(new Probe("hr 10", "exception 02 illegal data address", true));
            };
        }
    }

    @Test
    void aTimeoutIsReadOnceMoreAnAnswerWithAnErrorIsNot() {
        ScriptedLink link = new ScriptedLink();
        link.script.put("XV-234.Open", new ArrayList<>(List.of("silent", "ok")));
        link.script.put("PT-202", new ArrayList<>(List.of("silent", "silent")));
        link.script.put("TT-999", new ArrayList<>(List.of("error", "ok")));
        List<Preflight.Problem> found = new ArrayList<>();
        for (String tag : List.of("XV-234.Open", "PT-202", "TT-999")) {
            link.probe(tag).ifPresent(p -> found.add(new Preflight.Problem("plant", tag, "modbus", p.address(), p.error(), p.answered())));
        }
        List<String> warnings = new ArrayList<>();
        List<Preflight.Problem> kept = Preflight.askSilentOnceMore(link, found, warnings);

        assertThat(kept).extracting(Preflight.Problem::tag).containsExactly("PT-202", "TT-999");
        assertThat(kept.get(0).answered()).as("still silent on the second read: unreachable, as before").isFalse();
        assertThat(kept.get(1).answered()).as("the device's own error answer stands").isTrue();
        assertThat(link.probed).as("TT-999 is not read again").containsExactly("XV-234.Open", "PT-202", "TT-999", "XV-234.Open", "PT-202");
        assertThat(warnings).singleElement().asString().contains("XV-234.Open").contains("answered when read again");
        assertThat(new Preflight.Report(3, 0, kept, warnings).exitCode()).isEqualTo(Preflight.CONFIGURATION);
    }

    @Test
    void aSideWithManySilentPointsIsUnreachableAndNotReadAgain() {
        ScriptedLink link = new ScriptedLink();
        List<Preflight.Problem> found = new ArrayList<>();
        for (int i = 0; i < Preflight.MAX_SILENT_READ_AGAIN + 1; i++) {
            String tag = "P-" + i;
            link.script.put(tag, new ArrayList<>(List.of("silent", "ok")));
            link.probe(tag).ifPresent(p -> found.add(new Preflight.Problem("controller", tag, "modbus", p.address(), p.error(), p.answered())));
        }
        List<Preflight.Problem> kept = Preflight.askSilentOnceMore(link, found, new ArrayList<>());
        assertThat(kept).hasSize(Preflight.MAX_SILENT_READ_AGAIN + 1);
        assertThat(link.probed).hasSize(Preflight.MAX_SILENT_READ_AGAIN + 1);
        assertThat(new Preflight.Report(0, kept.size(), kept, List.of()).exitCode()).isEqualTo(Preflight.UNREACHABLE);
    }
}
