package io.hilbench.scenario.steps;

import io.cucumber.java.ParameterType;
import io.hilbench.scenario.Quantities;
import io.hilbench.scenario.Quantities.Quantity;

import java.time.Duration;

/**
 * Quantities in plant language: "55 °C", "5 K", "120 bar", "500 kW", "120 m³/h", "90 %", "10 minutes" (units at the
 * edge, SI inside), and instrument tags ("PT-202").
 */
public final class ParameterTypes {
    @ParameterType(name = "temperature", value = Quantities.TEMPERATURE)
    public Quantity temperature(String text) { return Quantities.temperature(text); }

    /** A temperature difference, "5 K". */
    @ParameterType(name = "kelvin", value = Quantities.TEMPERATURE_DIFFERENCE)
    public Quantity kelvin(String text) { return Quantities.temperatureDifference(text); }

    @ParameterType(name = "pressure", value = Quantities.PRESSURE)
    public Quantity pressure(String text) { return Quantities.pressure(text); }

    @ParameterType(name = "power", value = Quantities.POWER)
    public Quantity power(String text) { return Quantities.power(text); }

    @ParameterType(name = "flow", value = Quantities.FLOW)
    public Quantity flow(String text) { return Quantities.flow(text); }

    /** A percentage, "90 %". */
    @ParameterType(name = "percent", value = Quantities.PERCENT)
    public Quantity percent(String text) { return Quantities.percent(text); }

    @ParameterType(name = "duration", value = Quantities.DURATION)
    public Duration duration(String text) { return Quantities.duration(text); }

    /** A plant time since the run began, "0:30:00" (h:mm:ss), as a duration from plant time 0. */
    @ParameterType(name = "clock", value = "\\d+:[0-5]\\d:[0-5]\\d")
    public Duration clock(String text) {
        String[] p = text.split(":");
        return Duration.ofHours(Long.parseLong(p[0])).plusMinutes(Long.parseLong(p[1])).plusSeconds(Long.parseLong(p[2]));
    }

    /** An ISA instrument tag as the rig's point map names it: PT-202, TT-272, FSL-271. */
    @ParameterType(name = "tag", value = "[A-Z]{1,5}-\\d{3}")
    public String tag(String text) { return text; }
}
