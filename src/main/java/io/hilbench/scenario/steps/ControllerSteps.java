package io.hilbench.scenario.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.hilbench.rig.ControllerState;
import io.hilbench.scenario.Quantities.Quantity;
import io.hilbench.scenario.World;

import java.time.Duration;

/** The operator's actions on the controller and its state, through the rig's supervisory map. */
public final class ControllerSteps {
    private final World world;

    public ControllerSteps(World world) { this.world = world; }

    @Given("the heat pump is Off")
    public void isOff() throws Exception { world.requireControllerState(ControllerState.OFF); }

    @Given("the supply setpoint is {temperature}")
    public void supplySetpoint(Quantity temperature) throws Exception { world.setSupplySetpoint(temperature); }

    @When("the supply setpoint is changed to {temperature}")
    public void supplySetpointChanged(Quantity temperature) throws Exception { world.setSupplySetpoint(temperature); }

    @When("the supply setpoint alternates between {temperature} and {temperature} every {duration} for {duration}")
    public void alternate(Quantity low, Quantity high, Duration every, Duration total) throws Exception {
        long n = Math.max(1, total.toMillis() / every.toMillis());
        for (long k = 0; k < n; k++) {
            world.setSupplySetpoint(k % 2 == 0 ? low : high);
            world.plant().runFor(every);
        }
    }

    @When("the operator starts the heat pump")
    public void start() throws Exception { world.startHeatPump(); }

    @When("the operator stops the heat pump")
    public void stop() throws Exception { world.stopHeatPump(); }

    @When("the operator resets the controller's alarms")
    public void reset() throws Exception { world.resetController(); }
}
