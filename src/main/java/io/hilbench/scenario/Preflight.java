package io.hilbench.scenario;

import io.hilbench.points.PointDefinition;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.rig.ControllerSection;
import io.hilbench.rig.Rig;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The check before any scenario (issue #9 item 4): every mapped point answers.
 * <ul>
 *   <li><b>Plant side</b> (a sanity check of the bench itself): every point of the rig's plant map is read through the
 *       bench's own Modbus TCP server (each point with a {@code modbus} address) and OPC UA server (each point with an
 *       {@code opcua} path), as the controller will read it.</li>
 *   <li><b>Controller side</b>: every point of the rig's controller map is read over the controller's protocol.</li>
 * </ul>
 * A point that does not answer is listed with its side, tag, protocol, address and error.
 *
 * <p><b>Exit codes</b> (DESIGN §8; decided here): a point the device answers with an error — a Modbus exception
 * response (V1.1b3 §7, e.g. 02 illegal data address) or an OPC UA status that says the node is not there
 * (Bad_NodeIdUnknown, Part 4 §7.34) — means the map does not match the device: a configuration error, exit
 * {@value #CONFIGURATION}, on either side. Points that got no answer at all (connection refused, timeout) mean the
 * side is unreachable: inconclusive, exit {@value #UNREACHABLE} — on the plant side too: the bench's own server not
 * answering within the timeout on a loaded machine says nothing about the maps (issue #14 item 7; it was reported as
 * "the maps do not match"). Both present: 2 (2 before 3). {@code simulation_active} reading false is no preflight failure (the
 * interlock refuses the commands later, and the scenario is inconclusive) but is printed as a warning.
 */
public final class Preflight {
    public static final int CONFIGURATION = 2;
    public static final int UNREACHABLE = 3;
    /** At most this many silent points of one side are read again (more: the side is unreachable). */
    static final int MAX_SILENT_READ_AGAIN = 5;

    /** A point that did not answer. {@code side}: "plant" or "controller". */
    public record Problem(String side, String tag, String protocol, String address, String error, boolean answered) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-10s %-24s %-6s %-30s %s", side, tag, protocol, address, error);
        }
    }

    /**
     * @param plantChecked      plant-side reads made (a point on both protocols counts twice)
     * @param controllerChecked controller-side reads made
     * @param warnings          notes that do not fail the preflight (simulation_active false)
     */
    public record Report(int plantChecked, int controllerChecked, List<Problem> problems, List<String> warnings) {
        public Report {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        public boolean ok() { return problems.isEmpty(); }

        /** 0 when every point answered; else {@value #CONFIGURATION} or {@value #UNREACHABLE} (see the class comment). */
        public int exitCode() {
            if (problems.isEmpty()) return 0;
            return problems.stream().anyMatch(Problem::answered) ? CONFIGURATION : UNREACHABLE;
        }

        /**
         * Why the preflight failed, in words for the operator: which side, and whether a device answered with an error
         * (the maps do not match, exit 2) or points got no answer at all (unreachable or timed out, inconclusive, exit 3).
         */
        public String reason() {
            if (problems.isEmpty()) return "every mapped point answered";
            List<String> answered = sides(true), silent = sides(false);
            if (exitCode() == CONFIGURATION) {
                return "the maps do not match the " + String.join(" and the ", answered) + " (a point was answered with an error: Modbus exception or OPC UA Bad status)"
                        + (silent.isEmpty() ? "" : "; also unreachable/timeout on the " + String.join(" and the ", silent) + " side");
            }
            // "nothing answered" was said also when 327 of 328 reads answered and one timed out (a worker's start at load 35,
            // BENCHMARKS "Lanes again"): the table above lists the points that got no answer; none was answered with an error
            return "unreachable/timeout on the " + String.join(" and the ", silent) + " side (no point answered with an error; the maps were not judged): inconclusive";
        }

        private List<String> sides(boolean answered) {
            return problems.stream().filter(p -> p.answered() == answered).map(p -> p.side().equals("plant") ? "plant (the bench's own servers)" : "controller")
                    .distinct().toList();
        }

        /** The printable report: a summary line, then one line per point that did not answer, then the warnings. */
        public String format() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "preflight: plant side %d reads, controller side %d reads: %s%n", plantChecked, controllerChecked,
                    ok() ? "every mapped point answered" : problems.size() + " point(s) did not answer"));
            if (!ok()) {
                sb.append(String.format(Locale.ROOT, "  %-10s %-24s %-6s %-30s %s%n", "side", "tag", "proto", "address", "error"));
                for (Problem p : problems) sb.append("  ").append(p).append(System.lineSeparator());
            }
            for (String w : warnings) sb.append("  warning: ").append(w).append(System.lineSeparator());
            return sb.toString();
        }
    }

    private Preflight() {}

    /**
     * Runs the preflight.
     *
     * @param rig        the rig (its plant map and OPC UA namespace)
     * @param bench      the running bench (its own servers' addresses)
     * @param section    the controller map
     * @param controller the open link to the controller's supervisory interface
     */
    public static Report check(Rig rig, BenchAssembly bench, ControllerSection section, SupervisoryLink controller) {
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int plant = checkPlant(rig, bench, problems, warnings);
        int ctl = 0;
        List<Problem> ctlProblems = new ArrayList<>();
        for (PointDefinition p : section.points()) {
            ctl++;
            probeOnce(controller, p.tag()).ifPresent(pr -> ctlProblems.add(new Problem("controller", p.tag(), controller.protocol(), pr.address(), pr.error(), pr.answered())));
        }
        problems.addAll(askSilentOnceMore(controller, ctlProblems, warnings));
        if (problems.stream().noneMatch(p -> p.tag().equals(section.simulationActive()))) {
            try {
                if (controller.read(section.simulationActive()) < 0.5) {
                    warnings.add(section.simulationActive() + " reads false at " + controller.describe()
                            + ": the bench will send no command until the controller is switched to simulation (I/O redirected to the bench)");
                }
            } catch (IOException e) {
                warnings.add(section.simulationActive() + " unreadable: " + e.getMessage());
            }
        }
        return new Report(plant, ctl, problems, warnings);
    }

    private static int checkPlant(Rig rig, BenchAssembly bench, List<Problem> problems, List<String> warnings) {
        int n = 0;
        List<PointDefinition> modbus = rig.points().stream().filter(p -> p.modbus() != null).toList();
        if (!modbus.isEmpty() && bench.modbusEndpoint() != null) {
            URI u = URI.create("tcp://" + bench.modbusHostPort().split(" ")[0]);
            n += probeAll("modbus", modbus, problems, warnings, () -> ModbusSupervisoryLink.connect(u.getHost(), u.getPort(), modbus));
        }
        List<PointDefinition> opcua = rig.points().stream().filter(p -> p.opcuaPath() != null).toList();
        String why = anonymousNoneUnavailable(rig.opcua());
        if (!opcua.isEmpty() && bench.opcuaEndpoint() != null && why != null) {
            // the sanity read is an anonymous client on SecurityPolicy None; a rig that offers neither is not checked here
            warnings.add("plant side OPC UA not read (" + why + "): the " + opcua.size() + " OPC UA points were not checked");
        } else if (!opcua.isEmpty() && bench.opcuaEndpoint() != null) {
            n += probeAll("opcua", opcua, problems, warnings, () -> OpcUaSupervisoryLink.connect(bench.opcuaEndpoint(), rig.opcua().namespaceUri(), opcua));
        }
        return n;
    }

    /** Why an anonymous client on SecurityPolicy None cannot read the bench's OPC UA server, or null when it can. */
    static String anonymousNoneUnavailable(Rig.OpcUaServer o) {
        if (!o.securityPolicies().contains(Rig.SecurityPolicy.NONE)) return "the rig offers no SecurityPolicy None";
        if (!o.anonymous()) return "the rig allows no anonymous login";
        String b = o.bindAddress().trim().toLowerCase(Locale.ROOT);
        boolean loopback = b.startsWith("127.") || b.equals("::1") || b.equals("[::1]") || b.equals("localhost");
        if (!loopback && !o.allowNone()) return "None is not offered beyond loopback without allow_none";
        return null;
    }

    private interface Connect {
        SupervisoryLink open() throws IOException;
    }

    private static Optional<SupervisoryLink.Probe> probeOnce(SupervisoryLink link, String tag) {
        try {
            return link.probe(tag);
        } catch (RuntimeException e) {
            return Optional.of(new SupervisoryLink.Probe("?", e.getMessage(), true));
        }
    }

    /**
     * A point that got no answer at all (a read timed out) is read once more before it counts: one read lost in a
     * machine-wide stall of more than the read timeout (seen at load 35: 327 of 328 reads answered, one timed out after
     * 10 s, BENCHMARKS.md "Lanes again") says nothing about the maps or the device, and made a whole run inconclusive.
     * Still silent on the second read, it counts as before; answered the second time, it is a warning (printed), not
     * a problem. A point answered with an error is never read again: that answer is the device's.
     */
    static List<Problem> askSilentOnceMore(SupervisoryLink link, List<Problem> found, List<String> warnings) {
        // a side where many points are silent is unreachable, not stalled: no second round of timeouts for it
        if (found.stream().filter(p -> !p.answered()).count() > MAX_SILENT_READ_AGAIN) return found;
        List<Problem> kept = new ArrayList<>();
        for (Problem p : found) {
            if (p.answered()) {
                kept.add(p);
                continue;
            }
            Optional<SupervisoryLink.Probe> again = probeOnce(link, p.tag());
            if (again.isEmpty()) {
                warnings.add(p.side() + " " + p.tag() + " (" + p.protocol() + " " + p.address() + ") gave no answer at first (" + p.error()
                        + ") and answered when read again");
            } else {
                kept.add(new Problem(p.side(), p.tag(), p.protocol(), again.get().address(), again.get().error(), again.get().answered()));
            }
        }
        return kept;
    }

    private static int probeAll(String protocol, List<PointDefinition> points, List<Problem> problems, List<String> warnings, Connect connect) {
        try (SupervisoryLink link = connect.open()) {
            List<Problem> found = new ArrayList<>();
            for (PointDefinition p : points) {
                probeOnce(link, p.tag()).ifPresent(pr -> found.add(new Problem("plant", p.tag(), protocol, pr.address(), pr.error(), pr.answered())));
            }
            problems.addAll(askSilentOnceMore(link, found, warnings));
        } catch (IOException e) {
            problems.add(new Problem("plant", "(all " + points.size() + " points)", protocol, "", e.getMessage(), false));
        }
        return points.size();
    }
}
