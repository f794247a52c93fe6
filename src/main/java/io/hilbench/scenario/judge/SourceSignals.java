package io.hilbench.scenario.judge;

import java.util.Locale;

/**
 * The signals the source requirements (SO-01, SO-02) judge, as trace column names.
 *
 * @param waterFlowOutput      water through the tank-source water evaporator, m³/s (> 0 = tank source in use; P-261 and XV-261)
 * @param airDutyOutput        heat taken from the air by the air sections, W (> 0 = air source in use)
 * @param collectorInletOutput TT-401, the solar collectors' inlet, K
 * @param copOutput            the heat pump's COP (heat to the DH water over electric power), plant truth
 * @param airCopColumn         the rating model's air-source COP at the same conditions, recorded in the trace (an output or
 *                             an extension column; NaN where not rated)
 * @param tankBottomOutput     the tank bottom temperature, K (the water the tank source draws)
 * @param heatPump             supply, compressors, safety chain
 */
public record SourceSignals(String waterFlowOutput, String airDutyOutput, String collectorInletOutput, String copOutput, String airCopColumn,
                            String tankBottomOutput, HeatPumpSignals heatPump) {
    /** Below this water flow the water evaporator counts as off, m³/s (0.1 m³/h: a valve's leakage, not a source). */
    public static final double WATER_FLOW_MIN_M3_PER_S = 0.1 / 3600;

    public boolean tankSource(TraceView t, int row) { return t.output(waterFlowOutput)[row] > WATER_FLOW_MIN_M3_PER_S; }

    public boolean airSource(TraceView t, int row) { return !tankSource(t, row) && t.output(airDutyOutput)[row] > 0; }

    public String sourceText(TraceView t, int row) {
        return String.format(Locale.ROOT, "water evaporator %.1f m³/h, air sections %.1f kW, tank bottom %s", t.output(waterFlowOutput)[row] * 3600,
                t.output(airDutyOutput)[row] / 1000, TraceAssertions.DEG_C.apply(t.output(tankBottomOutput)[row]));
    }

    /** The air-source reference COP column, from the outputs or else the extension columns. */
    public double[] airCop(TraceView t) {
        return t.hasOutput(airCopColumn) ? t.output(airCopColumn) : t.extension(airCopColumn);
    }
}
