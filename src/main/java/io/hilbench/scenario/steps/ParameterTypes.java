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

    /** An ISA instrument tag as the rig's point map names it: PT-202, TT-272, FSL-271. */
    @ParameterType(name = "tag", value = "[A-Z]{1,5}-\\d{3}")
    public String tag(String text) { return text; }
}
