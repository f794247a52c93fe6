package io.hilbench.report.plot;

import io.hilbench.report.ControllerAlarms;
import io.hilbench.report.PlantTimes;
import io.hilbench.report.RunData.AssertionData;
import io.hilbench.report.RunData.ScenarioData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that says which signals each requirement assertion judged and which of its limits are drawn where
 * (issue #9): derived from the assertion ids and the limit keys the verdicts carry (requirements.yaml names its keys
 * with their unit: {@code _bar} is a PT-202 line, {@code _hz} a compressor-speed line, {@code _band_k} a band around
 * the supply set-point, {@code _within_s}/{@code _within_min} a deadline from the stimulus the message names). Each
 * assertion's verdict instant is a vertical marker on every panel.
 */
public final class JudgedSignals {
    /** How a trace value is shown: pressures in bar, temperatures in °C, the rest as recorded. */
    public enum Scale {
        BAR("bar") { @Override public double apply(double si) { return si / 1e5; } },
        DEGC("°C") { @Override public double apply(double si) { return si - 273.15; } },
        RAW("") { @Override public double apply(double si) { return si; } };

        private final String unit;

        Scale(String unit) { this.unit = unit; }

        public abstract double apply(double si);

        public String unit() { return unit; }
    }

    /** A horizontal limit line, in the panel's display unit. */
    public record Line(double value, String label) {}

    /** A band (e.g. set-point ± 1 K), in the panel's display unit. */
    public record Band(double low, double high, String label) {}

    /** A panel: the tags plotted on one value axis, and the limits drawn on it. {@code step}: discrete signals. */
    public record Panel(String key, String axis, Scale scale, List<String> tags, boolean step, List<Line> lines, List<Band> bands) {
        public Panel {
            tags = List.copyOf(tags);
            lines = List.copyOf(lines);
            bands = List.copyOf(bands);
        }
    }

    /** A vertical marker at a plant time: a verdict instant, or a deadline ({@code deadline} true). */
    public record Marker(double timeS, String label, boolean deadline) {}

    public record Plan(List<Panel> panels, List<Marker> markers) {
        public Plan {
            panels = List.copyOf(panels);
            markers = List.copyOf(markers);
        }
    }

    /** The key of the panel of the controller's own reported state and alarms (issue #14 item 8). */
    public static final String CONTROLLER = "controller";
    /** The controller panel's state line; its other tags are the names of the alarms raised ({@code COMM_LOSS} …). */
    public static final String STATE_TAG = "controller state";

    static final List<String> SAFETY_TAGS = List.of("PSHH-202", "PSLL-201", "TSHH-202", "PSV-202");
    private static final Set<String> SPEED_CHECKS = Set.of("unload", "off", "stop", "lead-min-speed", "min-off", "min-run", "starts-per-hour",
            "no-compressor", "restart", "no-restart", "failsafe", "min-speed");
    private static final Set<String> PERMISSIVE_CHECKS = Set.of("flow-proof", "pump-overrun", "no-compressor", "stop", "no-restart", "alarm", "start-refused");
    private static final Set<String> SAFETY_CHECKS = Set.of("no-trip", "no-relief", "held-or-tripped", "no-stop");
    private static final Set<String> SUPPLY_CHECKS = Set.of("settle", "hold", "supply", "load-step");
    private static final Set<String> PRESSURE_CHECKS = Set.of("pressure", "below-switch", "held-or-tripped");
    private static final Pattern SETPOINT = Pattern.compile("of (-?\\d+(?:\\.\\d+)?) °C");

    private JudgedSignals() {}

    /**
     * The plot plan of a scenario: panels for the signals its assertions judged, with their limits, and the verdict
     * instants and deadlines.
     *
     * @param compressors the rig's compressor tags ({@code C-211} …)
     */
    public static Plan plan(ScenarioData s, List<String> compressors) {
        return plan(s, compressors, ControllerAlarms.none());
    }

    /**
     * The plot plan with, last, a panel of the controller's reported state and of each alarm it raised in the scenario
     * (when the trace recorded them): a failure caused by the controller itself (a COMM_LOSS restart, a trip) shows
     * its cause next to the signals it was judged on.
     */
    public static Plan plan(ScenarioData s, List<String> compressors, ControllerAlarms controller) {
        Plan judged = judgedPlan(s, compressors);
        if (!controller.recorded()) return judged;
        List<String> tags = new ArrayList<>(List.of(STATE_TAG));
        controller.raised().forEach(a -> tags.add(a.name()));
        List<Panel> panels = new ArrayList<>(judged.panels());
        panels.add(new Panel(CONTROLLER, "controller state / alarms (1 = active)", Scale.RAW, tags, true, List.of(), List.of()));
        return new Plan(panels, judged.markers());
    }

    private static Plan judgedPlan(ScenarioData s, List<String> compressors) {
        Map<String, PanelBuilder> panels = new LinkedHashMap<>();
        List<Marker> markers = new ArrayList<>();
        Double setpoint = setpointDegC(s);
        for (AssertionData a : s.verdicts()) {
            String check = a.id().contains(".") ? a.id().substring(a.id().indexOf('.') + 1) : a.id();
            String req = a.requirement();
            Map<String, Double> limits = a.limits();
            boolean barLimit = limits.keySet().stream().anyMatch(k -> k.endsWith("_bar"));
            if (barLimit || PRESSURE_CHECKS.contains(check) || req.startsWith("HP-")) {
                PanelBuilder p = panels.computeIfAbsent("pressure", k -> new PanelBuilder(k, "PT-202", Scale.BAR, List.of("PT-202"), false));
                limits.forEach((k, v) -> { if (k.endsWith("_bar")) p.line(v, k + " = " + num(v) + " bar"); });
            }
            boolean bandLimit = limits.keySet().stream().anyMatch(k -> k.endsWith("_band_k") || k.equals("supply_below_setpoint_max_k"));
            if (bandLimit || SUPPLY_CHECKS.contains(check)) {
                PanelBuilder p = panels.computeIfAbsent("supply", k -> new PanelBuilder(k, "TT-272", Scale.DEGC, List.of("TT-272"), false));
                if (setpoint != null) {
                    p.line(setpoint, "setpoint " + num(setpoint) + " °C");
                    double sp = setpoint;
                    limits.forEach((k, v) -> {
                        if (k.endsWith("_band_k")) p.band(sp - v, sp + v, k + " = ±" + num(v) + " K");
                        if (k.equals("supply_below_setpoint_max_k")) p.line(sp - v, k + " = setpoint − " + num(v) + " K");
                    });
                }
            }
            boolean hzLimit = limits.keySet().stream().anyMatch(k -> k.endsWith("_hz"));
            if (hzLimit || SPEED_CHECKS.contains(check)) {
                PanelBuilder p = panels.computeIfAbsent("speed", k -> new PanelBuilder(k, "speed (Hz)", Scale.RAW,
                        compressors.stream().map(c -> c + ".Speed").toList(), false));
                limits.forEach((k, v) -> { if (k.endsWith("_hz")) p.line(v, k + " = " + num(v) + " Hz"); });
            }
            if (PERMISSIVE_CHECKS.contains(check)) {
                List<String> tags = new ArrayList<>(List.of("FSL-271", "P-271.Running"));
                compressors.forEach(c -> tags.add(c + ".Enable"));
                panels.computeIfAbsent("permissives", k -> new PanelBuilder(k, "permissives (1 = set)", Scale.RAW, tags, true));
            }
            if (SAFETY_CHECKS.contains(check)) {
                panels.computeIfAbsent("safety", k -> new PanelBuilder(k, "safety chain (1 = trip)", Scale.RAW, SAFETY_TAGS, true));
            }
            if (req.startsWith("DF-")) {
                panels.computeIfAbsent("coils", k -> new PanelBuilder(k, "coils", Scale.DEGC,
                        List.of("TT-231", "TT-232", "TT-233", "TT-234"), false));
            }
            if (req.startsWith("SO-")) {
                panels.computeIfAbsent("solar", k -> new PanelBuilder(k, "solar", Scale.DEGC, List.of("TT-401", "TT-301"), false));
            }
            // a passed "within" says when it was met ("N s after T"): that instant, whatever else the message names first
            long within = PlantTimes.judgedWithinInstantMs(a.message());
            long at = within >= 0 ? within : a.instantMs();
            if (at >= 0) markers.add(new Marker(at / 1000.0, a.id() + " " + a.verdict(), false));
            long stimulus = PlantTimes.stimulusMs(a.message());
            long deadline = PlantTimes.judgedDeadlineMs(a.message());
            if (deadline >= 0) {
                // where the judge put the deadline (the sum of whatever limits it used), not the stimulus plus one _within key
                markers.add(new Marker(deadline / 1000.0, a.id() + " deadline " + PlantTimes.format(deadline) + " (" + withinKeys(limits) + ")", true));
            } else if (stimulus >= 0) {
                limits.forEach((k, v) -> {
                    if (k.endsWith("_within_s")) markers.add(new Marker(stimulus / 1000.0 + v, a.id() + " deadline " + k + " = " + num(v) + " s", true));
                    if (k.endsWith("_within_min")) markers.add(new Marker(stimulus / 1000.0 + v * 60, a.id() + " deadline " + k + " = " + num(v) + " min", true));
                });
            }
        }
        if (panels.isEmpty()) {
            // no rule matched (a requirement this table does not know yet): show the supply and the compressors
            panels.put("supply", new PanelBuilder("supply", "TT-272", Scale.DEGC, List.of("TT-272"), false));
            panels.put("speed", new PanelBuilder("speed", "speed (Hz)", Scale.RAW, compressors.stream().map(c -> c + ".Speed").toList(), false));
        }
        return new Plan(panels.values().stream().map(PanelBuilder::build).toList(), markers);
    }

    /** The limit keys a deadline was counted with (the assertion's {@code _within_*} and {@code _max_*} keys), for its label. */
    static String withinKeys(Map<String, Double> limits) {
        List<String> keys = new ArrayList<>();
        new java.util.TreeMap<>(limits).forEach((k, v) -> {   // sorted: the limits' map has no order of its own
            if (k.contains("_within_") || k.endsWith("_max_min") || k.endsWith("_max_s") || k.endsWith("_margin_min") || k.endsWith("_margin_s")) {
                keys.add(k + " = " + num(v) + (k.endsWith("_s") ? " s" : " min"));
            }
        });
        return keys.isEmpty() ? "as judged" : String.join(" + ", keys);
    }

    /** The supply set-point the verdicts judged against ("… of 75.0 °C"), or null when no message names it. */
    static Double setpointDegC(ScenarioData s) {
        for (AssertionData a : s.verdicts()) {
            Matcher m = SETPOINT.matcher(a.message());
            if (m.find()) return Double.parseDouble(m.group(1));
        }
        return null;
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }

    private static final class PanelBuilder {
        final String key, axis;
        final Scale scale;
        final List<String> tags;
        final boolean step;
        final Map<String, Line> lines = new LinkedHashMap<>();
        final Map<String, Band> bands = new LinkedHashMap<>();

        PanelBuilder(String key, String title, Scale scale, List<String> tags, boolean step) {
            this.key = key;
            this.axis = title;
            this.scale = scale;
            this.tags = tags;
            this.step = step;
        }

        void line(double v, String label) { lines.putIfAbsent(label, new Line(v, label)); }

        void band(double lo, double hi, String label) { bands.putIfAbsent(label, new Band(lo, hi, label)); }

        Panel build() { return new Panel(key, axis, scale, tags, step, List.copyOf(lines.values()), List.copyOf(bands.values())); }
    }
}
