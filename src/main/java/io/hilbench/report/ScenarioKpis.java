package io.hilbench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few KPIs a scenario report shows, from its trace (issue #9 asks for heat, electricity, COP and starts; no shared
 * KPI class was on main when this was written, so this one computes just these): heat delivered by the heat pump and
 * electricity of its compressors (trapezoidal integral over the trace rows, kWh), their ratio (COP over the scenario)
 * and compressor starts (rising edges of each {@code C-nnn.Running}).
 *
 * @param heatKwh        heat delivered (plant output {@value #HEAT})
 * @param electricityKwh compressor electricity (plant output {@value #POWER})
 * @param cop            heat / electricity, NaN when no electricity was used
 * @param starts         starts per compressor tag
 */
public record ScenarioKpis(double heatKwh, double electricityKwh, double cop, Map<String, Integer> starts) {
    public static final String HEAT = "hp.heatFlowW";
    public static final String POWER = "hp.compressorPowerW";

    public ScenarioKpis {
        starts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(starts));
    }

    public int totalStarts() { return starts.values().stream().mapToInt(Integer::intValue).sum(); }

    /** Trace columns the KPIs need, given the running-feedback column of each compressor. */
    public static List<String> columns(Collection<String> runningColumns) {
        List<String> c = new ArrayList<>(List.of(HEAT, POWER));
        c.addAll(runningColumns);
        return c;
    }

    /** @param runningColumn compressor tag → its running-feedback trace column */
    public static ScenarioKpis of(TraceCsv trace, Map<String, String> runningColumn) {
        double[] t = trace.timeS();
        double heat = integralKwh(t, trace.column(HEAT).orElse(null));
        double elec = integralKwh(t, trace.column(POWER).orElse(null));
        Map<String, Integer> starts = new LinkedHashMap<>();
        runningColumn.forEach((tag, col) -> trace.column(col).ifPresent(v -> starts.put(tag, risingEdges(v))));
        return new ScenarioKpis(heat, elec, elec > 0 ? heat / elec : Double.NaN, starts);
    }

    static double integralKwh(double[] t, double[] w) {
        if (w == null) return Double.NaN;
        double joules = 0;
        for (int i = 1; i < t.length; i++) {
            if (Double.isNaN(w[i]) || Double.isNaN(w[i - 1])) continue;
            joules += (w[i] + w[i - 1]) / 2 * (t[i] - t[i - 1]);
        }
        return joules / 3.6e6;
    }

    static int risingEdges(double[] v) {
        int n = 0;
        for (int i = 1; i < v.length; i++) if (v[i] >= 0.5 && v[i - 1] < 0.5) n++;
        return n;
    }
}
