package io.hilbench.scenario.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.hilbench.scenario.World;

import java.time.Duration;

/** Initial conditions reached quickly from Off (the first plant has no state initialiser): start and run until there. */
public final class ConditionSteps {
    private final World world;

    public ConditionSteps(World world) { this.world = world; }

    @Given("the heat pump is running at full load")
    public void fullLoad() throws Exception { world.runAtFullLoad(); }

    @Given("the heat pump is running")
    public void running() throws Exception { world.runUntilRunning(); }

    @Given("the heat pump has settled at its supply setpoint")
    public void settled() throws Exception { world.runUntilSettled(); }

    @Given("the HP switch PSHH-202 has tripped")
    public void hpSwitchTripped() { world.runUntilSet("PSHH-202", Duration.ofMinutes(5)); }

    @When("the start has stayed refused for the required time")
    public void refusalWindow() { world.plant().runUntil(world.startRefusal().refusalWindowEndMs(), "SU-02 no-compressor window"); }
}
