package io.hilbench.scenario.steps;

import io.cucumber.java.ParameterType;
import io.hilbench.scenario.Quantities;
import io.hilbench.scenario.Quantities.Quantity;

import java.time.Duration;

/** Quantities in plant language: "55 °C", "120 bar", "90 %", "10 minutes" (units at the edge, SI inside). */
public final class ParameterTypes {
    @ParameterType(name = "temperature", value = Quantities.TEMPERATURE)
    public Quantity temperature(String text) { return Quantities.temperature(text); }

    @ParameterType(name = "pressure", value = Quantities.PRESSURE)
    public Quantity pressure(String text) { return Quantities.pressure(text); }

    @ParameterType(name = "percent", value = Quantities.PERCENT)
    public Quantity percent(String text) { return Quantities.percent(text); }

    @ParameterType(name = "duration", value = Quantities.DURATION)
    public Duration duration(String text) { return Quantities.duration(text); }
}
