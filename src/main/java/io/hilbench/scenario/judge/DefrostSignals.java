package io.hilbench.scenario.judge;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The signals the defrost requirements (DF-01..DF-03) judge, as trace column names: per air-evaporator section its
 * plant truth (frost mass, capacity share against a clean coil, hot gas in the coil, evaporator duty) and what the
 * controller commanded (section and defrost valves), plus the heat pump's shared signals (supply, compressors, safety
 * chain, controller state and alarms).
 *
 * @param sections the air sections in order (section 1 = XV-231/XV-241/F-251)
 * @param heatPump supply, compressors, safety chain, state and alarm columns
 */
public record DefrostSignals(List<Section> sections, HeatPumpSignals heatPump) {
    /**
     * One air section.
     *
     * @param name              "section 2"
     * @param frostOutput       frost on the coil, kg (plant truth)
     * @param capacityOutput    duty with frost over duty with a clean coil at the same conditions, 0–1 (plant truth)
     * @param defrostingOutput  1 while hot gas defrosts the coil (defrost valve open and a compressor running)
     * @param heatOutput        evaporator duty, W, positive from the air into the refrigerant (> 0 = evaporating)
     * @param defrostValveInput the defrost valve XV-24s as commanded (1 = open)
     */
    public record Section(String name, String frostOutput, String capacityOutput, String defrostingOutput, String heatOutput, String defrostValveInput) {}

    public DefrostSignals {
        sections = List.copyOf(sections);
        if (sections.isEmpty()) throw new IllegalArgumentException("no air section to judge");
    }

    /** A section defrosting at the row: hot gas in the coil (plant truth) or its defrost valve commanded open. */
    public static boolean defrosting(TraceView t, Section s, int row) {
        return t.output(s.defrostingOutput())[row] >= 0.5 || t.input(s.defrostValveInput())[row] >= 0.5;
    }

    public static boolean evaporating(TraceView t, Section s, int row) {
        return t.output(s.heatOutput())[row] > 0;
    }

    /** Which sections defrost at the row ("section 1, section 3"), or "no section". */
    public String defrostingText(TraceView t, int row) {
        String d = sections.stream().filter(s -> defrosting(t, s, row)).map(Section::name).collect(Collectors.joining(", "));
        return d.isEmpty() ? "no section defrosting" : d + " defrosting";
    }

    public int defrostingCount(TraceView t, int row) {
        int n = 0;
        for (Section s : sections) if (defrosting(t, s, row)) n++;
        return n;
    }

    public static String sectionText(TraceView t, Section s, int row) {
        return String.format(Locale.ROOT, "%s: frost %.1f kg, capacity %.1f %% of clean coil, duty %.1f kW, %s", s.name(), t.output(s.frostOutput())[row],
                100 * t.output(s.capacityOutput())[row], t.output(s.heatOutput())[row] / 1000, defrosting(t, s, row) ? "defrosting" : "not defrosting");
    }
}
