package io.hilbench.console;

import io.hilbench.points.Binding;
import io.hilbench.points.EngineeringUnit;
import io.hilbench.points.PointDefinition;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.faults.SensorFault;
import io.hilbench.runtime.faults.SensorFaultKind;
import io.hilbench.runtime.link.LinkFault;
import io.hilbench.runtime.link.LinkProtocol;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The faults panel's actions (serve mode only): inject and clear the sensor, link and process faults the scenarios
 * use, and the site reset of latched trips, each guarded by a token printed at start and each recorded as an event
 * in the trace (so it shows in the console's event list, the trace CSV and the report of the session).
 *
 * <p>Parameters are named as on the panel's form: {@code action=inject|clear|reset}, {@code type=sensor|link|input};
 * a sensor fault names the point's {@code tag} (bound to a plant output), its {@code kind}
 * ({@code stuck, offset, drift, noise, outofrange, bad}) and a {@code value} in the point's engineering unit
 * (per second for drift); a link fault its {@code protocol} ({@code modbus, opcua, all}), {@code kind}
 * ({@code drop, blackhole, delay, freeze}) and {@code delay_ms}; a process input its {@code input} name and SI
 * {@code value}. A cleared sensor fault is named by the {@code id} its injection answered.
 */
final class FaultsPanel {
    private final BenchAssembly bench;
    private final String token;
    private final Map<Long, String> sensorFaults = new LinkedHashMap<>();

    FaultsPanel(BenchAssembly bench, String token) {
        this.bench = bench;
        this.token = token;
    }

    /** A fresh token: 128 random bits in hex. */
    static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Constant-time comparison, so the token cannot be guessed a character at a time from response times. */
    boolean authorised(String presented) {
        if (presented == null) return false;
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** A refused request: the console answers 400 with the message. */
    static final class Refused extends Exception {
        Refused(String message) { super(message); }
    }

    /** Performs one action; returns a one-line JSON answer. */
    synchronized String act(Map<String, String> p) throws Refused {
        String action = required(p, "action");
        Emulator e = bench.emulator();
        switch (action) {
            case "reset" -> {
                e.recorder().event("console: site reset of latched trips");
                e.resetLatchedTrips();
                return "{\"ok\":true}";
            }
            case "inject", "clear" -> { }
            default -> throw new Refused("unknown action '" + action + "' (inject, clear, reset)");
        }
        String type = required(p, "type");
        return switch (type) {
            case "sensor" -> action.equals("inject") ? injectSensor(e, p) : clearSensor(e, p);
            case "link" -> link(e, action, p);
            case "input" -> {
                if (action.equals("clear")) throw new Refused("a process input is set, not cleared: set its normal value");
                String input = required(p, "input");
                double v = number(p, "value");
                try {
                    e.recorder().event("console: process input " + input + " set to " + v);
                    e.setExternalInput(input, v);
                } catch (IllegalArgumentException x) {
                    throw new Refused(x.getMessage());
                }
                yield "{\"ok\":true}";
            }
            default -> throw new Refused("unknown fault type '" + type + "' (sensor, link, input)");
        };
    }

    /** The sensor faults injected from the panel and not cleared yet: id to description. */
    synchronized Map<Long, String> activeSensorFaults() { return Map.copyOf(sensorFaults); }

    private String injectSensor(Emulator e, Map<String, String> p) throws Refused {
        String tag = required(p, "tag");
        int index = bench.table().indexOf(tag);
        if (index < 0) throw new Refused("no point '" + tag + "'");
        PointDefinition point = bench.table().point(index);
        if (point.binding().source() != Binding.Source.PLANT) {
            throw new Refused(tag + " is not bound to a plant output (" + point.binding() + "): sensor faults apply to plant outputs");
        }
        String kindName = required(p, "kind").toLowerCase(Locale.ROOT);
        EngineeringUnit u = point.unit();
        SensorFaultKind kind;
        try {
            kind = switch (kindName) {
                case "stuck" -> p.get("value") == null || p.get("value").isBlank() ? SensorFaultKind.Stuck.atStartValue()
                        : new SensorFaultKind.Stuck(u.toSi(number(p, "value")));
                case "offset" -> new SensorFaultKind.Offset(delta(u, number(p, "value")));
                case "drift" -> new SensorFaultKind.Drift(delta(u, number(p, "value")));
                case "noise" -> new SensorFaultKind.Noise(Math.abs(delta(u, number(p, "value"))));
                case "outofrange" -> new SensorFaultKind.OutOfRange(u.toSi(number(p, "value")));
                case "bad" -> new SensorFaultKind.BadQuality();
                default -> throw new Refused("unknown sensor fault kind '" + kindName + "' (stuck, offset, drift, noise, outofrange, bad)");
            };
        } catch (IllegalArgumentException x) {
            throw new Refused(x.getMessage());
        }
        long id;
        String text = kindName + " on " + tag + (p.get("value") == null || p.get("value").isBlank() ? "" : " (" + p.get("value") + " " + u.symbol() + ")");
        try (Emulator.Hold h = e.hold()) {
            // at a step boundary: the event and the fault carry the same step
            id = e.addSensorFault(SensorFault.from(point.binding().name(), kind, e.plantTimeMs()));
            e.recorder().event("console: sensor fault " + text + " injected (id " + id + ")");
        }
        sensorFaults.put(id, text);
        return "{\"ok\":true,\"id\":" + id + "}";
    }

    private String clearSensor(Emulator e, Map<String, String> p) throws Refused {
        long id = (long) number(p, "id");
        String text = sensorFaults.remove(id);
        if (text == null) throw new Refused("no sensor fault " + id + " injected from the console is active");
        try (Emulator.Hold h = e.hold()) {
            e.clearSensorFault(id);
            e.recorder().event("console: sensor fault " + text + " cleared (id " + id + ")");
        }
        return "{\"ok\":true}";
    }

    private String link(Emulator e, String action, Map<String, String> p) throws Refused {
        String protocolName = p.getOrDefault("protocol", "all").toLowerCase(Locale.ROOT);
        LinkProtocol protocol = switch (protocolName) {
            case "modbus" -> LinkProtocol.MODBUS;
            case "opcua", "opc_ua" -> LinkProtocol.OPC_UA;
            case "all" -> null;
            default -> throw new Refused("unknown protocol '" + protocolName + "' (modbus, opcua, all)");
        };
        if (protocol != null && !bench.faultableLinks().contains(protocol)) {
            throw new Refused("the " + protocolName + " link is not proxied (bench serve --no-link-proxies?): no link faults on it");
        }
        if (bench.faultableLinks().isEmpty()) throw new Refused("no link is proxied: start bench serve without --no-link-proxies");
        if (action.equals("clear")) {
            bench.clearLinkFault(protocol);
            e.recorder().event("console: link fault cleared on " + protocolName);
            return "{\"ok\":true}";
        }
        LinkFault kind;
        try {
            kind = LinkFault.valueOf(required(p, "kind").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException x) {
            throw new Refused("unknown link fault kind '" + p.get("kind") + "' (drop, blackhole, delay, freeze)");
        }
        long delayMs = kind == LinkFault.DELAY ? (long) number(p, "delay_ms") : 0;
        e.recorder().event("console: link fault " + kind.name().toLowerCase(Locale.ROOT) + " injected on " + protocolName
                + (kind == LinkFault.DELAY ? " (" + delayMs + " ms)" : ""));
        try {
            bench.injectLinkFault(protocol, kind, delayMs);
        } catch (IllegalArgumentException | IllegalStateException x) {
            throw new Refused(x.getMessage());
        }
        return "{\"ok\":true}";
    }

    private static double delta(EngineeringUnit u, double v) {
        return u.toSi(v) - u.toSi(0);
    }

    private static String required(Map<String, String> p, String name) throws Refused {
        String v = p.get(name);
        if (v == null || v.isBlank()) throw new Refused("missing parameter '" + name + "'");
        return v.trim();
    }

    private static double number(Map<String, String> p, String name) throws Refused {
        String v = required(p, name);
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException x) {
            throw new Refused("parameter '" + name + "' must be a number, was '" + v + "'");
        }
    }
}
