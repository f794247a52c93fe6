package io.hilbench.scenario.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.hilbench.scenario.Quantities.Quantity;
import io.hilbench.scenario.World;

import java.time.Duration;

/** Weather, the DH network and plant time. */
public final class PlantSteps {
    private final World world;

    public PlantSteps(World world) { this.world = world; }

    @Given("the weather is {temperature} air at {percent} relative humidity")
    public void weather(Quantity air, Quantity humidity) throws Exception { world.plant().setWeather(air, humidity); }

    @Given("the district-heating return is {temperature}")
    public void dhReturn(Quantity temperature) throws Exception { world.plant().setDhReturn(temperature); }

    @When("{duration} of plant time pass(es)")
    public void plantTimePasses(Duration d) { world.plant().runFor(d); }

    @When("the DH pump P-271 fails")
    public void dhPumpFails() throws Exception { world.plant().failDhPump(true); }

    @When("the latched safety trips are reset on site")
    public void siteReset() throws Exception { world.plant().resetLatchedTrips(); }
}
