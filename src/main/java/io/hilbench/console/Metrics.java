package io.hilbench.console;

import io.hilbench.adapters.modbus.ModbusTcpServer;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;
import io.hilbench.points.PointTable;
import io.hilbench.points.TableState;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.runtime.TimingLog;
import io.hilbench.runtime.link.FaultProxy;
import io.hilbench.runtime.link.LinkProtocol;
import io.hilbench.runtime.link.ProxyCounters;

import java.util.List;
import java.util.Locale;

/**
 * {@code /metrics}: the running bench in the Prometheus text exposition format 0.0.4 (every family with its
 * {@code # HELP} and {@code # TYPE} lines before its samples, label values escaped, values as Go's
 * {@code ParseFloat} reads them: {@code NaN}, {@code +Inf}), so a site can scrape it and put Grafana on it
 * ({@code docs/grafana/hilbench-console.json}).
 *
 * <p>Families: plant time and step; every numeric point's value as the controller reads it (engineering unit in a
 * label) and its quality; step lateness quantiles in paced modes; Modbus requests and exception responses; per
 * per function code; OPC UA service calls, operations and Bad results per service, counted where Milo hands them to
 * the plant namespace ({@link io.hilbench.adapters.opcua.OpcUaServiceCounters}); per proxied link, connections and
 * bytes.
 */
final class Metrics {
    private Metrics() {}

    /** A loop without protocol servers (bench simulate --pace): the plant, its points and the step lateness. */
    static String render(LiveSource source) {
        StringBuilder sb = new StringBuilder(16_384);
        plant(sb, source, "RUNNING".equals(source.status()));
        return sb.toString();
    }

    static String render(BenchAssembly bench) {
        StringBuilder sb = new StringBuilder(16_384);
        plant(sb, LiveSource.of(bench), bench.emulator().status().running());
        protocols(sb, bench);
        return sb.toString();
    }

    private static void plant(StringBuilder sb, LiveSource e, boolean running) {
        family(sb, "hilbench_plant_time_seconds", "gauge", "Plant time of the step published last, s since the run began.");
        sample(sb, "hilbench_plant_time_seconds", null, e.plantTimeMs() / 1000.0);
        family(sb, "hilbench_step", "gauge", "Plant step published last (BENCH.Step).");
        sample(sb, "hilbench_step", null, e.step());
        family(sb, "hilbench_run_running", "gauge", "1 while the step loop runs.");
        sample(sb, "hilbench_run_running", null, running ? 1 : 0);
        family(sb, "hilbench_watchdog_tripped", "gauge", "1 while the I/O watchdog holds the actuators at their failsafe values.");
        sample(sb, "hilbench_watchdog_tripped", null, e.watchdogTripped() ? 1 : 0);

        PointTable table = e.table();
        TableState s = table.liveState();
        List<PointDefinition> points = table.points();
        family(sb, "hilbench_point_value", "gauge", "Point value as the controller reads it, in the point's engineering unit (label unit).");
        for (int i = 0; i < points.size(); i++) {
            PointDefinition p = points.get(i);
            if (p.isString() || p.kind() == PointKind.CONSTANT) continue;
            sample(sb, "hilbench_point_value", labels("tag", p.tag(), "unit", p.unit().symbol()), s.value(i));
        }
        family(sb, "hilbench_point_quality_good", "gauge", "1 when the point's quality is Good, 0 when Uncertain or Bad.");
        for (int i = 0; i < points.size(); i++) {
            PointDefinition p = points.get(i);
            if (p.isString() || p.kind() == PointKind.CONSTANT) continue;
            sample(sb, "hilbench_point_quality_good", labels("tag", p.tag()), s.quality(i) == io.hilbench.runtime.Quality.GOOD ? 1 : 0);
        }

        TimingLog.Stats late = e.timingLog().lateness();
        family(sb, "hilbench_step_lateness_seconds", "summary",
                "Lateness of each step's publication against its absolute deadline (paced modes; empty in lockstep).");
        if (late.count() > 0) {
            sample(sb, "hilbench_step_lateness_seconds", labels("quantile", "0.5"), late.p50Ns() / 1e9);
            sample(sb, "hilbench_step_lateness_seconds", labels("quantile", "0.99"), late.p99Ns() / 1e9);
            sample(sb, "hilbench_step_lateness_seconds", labels("quantile", "1"), late.maxNs() / 1e9);
        }
        sample(sb, "hilbench_step_lateness_seconds_sum", null, late.meanNs() * late.count() / 1e9);
        sample(sb, "hilbench_step_lateness_seconds_count", null, late.count());
    }

    private static void protocols(StringBuilder sb, BenchAssembly bench) {
        ModbusTcpServer modbus = bench.modbusServer();
        family(sb, "hilbench_modbus_requests_total", "counter", "Modbus TCP requests answered (exception responses included).");
        sample(sb, "hilbench_modbus_requests_total", null, modbus == null ? 0 : modbus.requestCount());
        family(sb, "hilbench_modbus_exceptions_total", "counter", "Modbus TCP requests answered with an exception response.");
        sample(sb, "hilbench_modbus_exceptions_total", null, modbus == null ? 0 : modbus.exceptionCount());

        // per function code: only the codes seen (a label per code ever asked, 256 at most)
        family(sb, "hilbench_modbus_function_requests_total", "counter", "Modbus TCP requests answered, per function code (label fc, decimal).");
        StringBuilder fcExceptions = new StringBuilder();
        if (modbus != null) {
            for (int fc = 0; fc < 256; fc++) {
                long n = modbus.requestCount(fc);
                if (n == 0) continue;
                String l = labels("fc", Integer.toString(fc), "function", functionName(fc));
                sample(sb, "hilbench_modbus_function_requests_total", l, n);
                sample(fcExceptions, "hilbench_modbus_function_exceptions_total", l, modbus.exceptionCount(fc));
            }
        }
        family(sb, "hilbench_modbus_function_exceptions_total", "counter", "Modbus TCP exception responses, per function code.");
        sb.append(fcExceptions);

        io.hilbench.adapters.opcua.OpcUaPlantServer opcua = bench.opcuaServer();
        family(sb, "hilbench_opcua_requests_total", "counter",
                "OPC UA service calls into the plant namespace, per service (Read: client reads, not subscription sampling).");
        StringBuilder ops = new StringBuilder();
        StringBuilder errs = new StringBuilder();
        if (opcua != null) {
            io.hilbench.adapters.opcua.OpcUaServiceCounters c = opcua.counters();
            for (io.hilbench.adapters.opcua.OpcUaServiceCounters.Service sv : io.hilbench.adapters.opcua.OpcUaServiceCounters.Service.values()) {
                String l = labels("service", serviceName(sv));
                sample(sb, "hilbench_opcua_requests_total", l, c.requests(sv));
                sample(ops, "hilbench_opcua_operations_total", l, c.operations(sv));
                sample(errs, "hilbench_opcua_errors_total", l, c.errors(sv));
            }
        }
        family(sb, "hilbench_opcua_operations_total", "counter", "OPC UA operations (nodes) in those calls, per service.");
        sb.append(ops);
        family(sb, "hilbench_opcua_errors_total", "counter", "OPC UA operations answered with a Bad status code, per service.");
        sb.append(errs);

        family(sb, "hilbench_link_connections_accepted_total", "counter", "Client connections accepted by a link's fault proxy.");
        StringBuilder open = new StringBuilder();
        StringBuilder failures = new StringBuilder();
        StringBuilder bytesIn = new StringBuilder();
        StringBuilder bytesOut = new StringBuilder();
        for (LinkProtocol lp : LinkProtocol.values()) {
            FaultProxy proxy = bench.linkProxy(lp);
            if (proxy == null) continue;
            ProxyCounters c = proxy.counters();
            String link = labels("link", lp.name().toLowerCase(Locale.ROOT));
            sample(sb, "hilbench_link_connections_accepted_total", link, c.connectionsAccepted());
            sample(open, "hilbench_link_connections_open", link, c.connectionsOpen());
            sample(failures, "hilbench_link_errors_total", link, c.connectionsDropped() + c.upstreamFailures());
            sample(bytesIn, "hilbench_link_bytes_to_server_total", link, c.bytesToServer());
            sample(bytesOut, "hilbench_link_bytes_to_client_total", link, c.bytesToClient());
        }
        family(sb, "hilbench_link_connections_open", "gauge", "Client connections open now through a link's fault proxy.");
        sb.append(open);
        family(sb, "hilbench_link_errors_total", "counter", "Connections dropped by a fault or closed because the server behind could not be reached.");
        sb.append(failures);
        family(sb, "hilbench_link_bytes_to_server_total", "counter", "Bytes forwarded from clients to the protocol server.");
        sb.append(bytesIn);
        family(sb, "hilbench_link_bytes_to_client_total", "counter", "Bytes forwarded from the protocol server to clients.");
        sb.append(bytesOut);
    }

    /** The function's name in the Modbus application protocol V1.1b3 §6. */
    static String functionName(int fc) {
        return switch (fc) {
            case 1 -> "read_coils";
            case 2 -> "read_discrete_inputs";
            case 3 -> "read_holding_registers";
            case 4 -> "read_input_registers";
            case 5 -> "write_single_coil";
            case 6 -> "write_single_register";
            case 15 -> "write_multiple_coils";
            case 16 -> "write_multiple_registers";
            default -> "unsupported";
        };
    }

    /** The service's name as in OPC UA Part 4 (Read, Write, CreateMonitoredItems, DeleteMonitoredItems). */
    static String serviceName(io.hilbench.adapters.opcua.OpcUaServiceCounters.Service s) {
        return switch (s) {
            case READ -> "Read";
            case WRITE -> "Write";
            case CREATE_MONITORED_ITEMS -> "CreateMonitoredItems";
            case DELETE_MONITORED_ITEMS -> "DeleteMonitoredItems";
        };
    }

    private static void family(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder sb, String name, String labels, double value) {
        sb.append(name);
        if (labels != null) sb.append(labels);
        sb.append(' ').append(value(value)).append('\n');
    }

    static String value(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Double.POSITIVE_INFINITY) return "+Inf";
        if (v == Double.NEGATIVE_INFINITY) return "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    /** {@code {k1="v1",k2="v2"}} with the exposition format's escapes (backslash, double quote, line feed). */
    static String labels(String... kv) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) sb.append(',');
            sb.append(kv[i]).append("=\"")
                    .append(kv[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        }
        return sb.append('}').toString();
    }
}
