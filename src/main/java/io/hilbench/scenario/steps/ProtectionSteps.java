package io.hilbench.scenario.steps;

import io.cucumber.java.en.Then;
import io.hilbench.scenario.World;

/** The outcomes of HP-01..HP-04, SF-01 and CL-01: each registers its assertion (limits from requirements.yaml), judged at the end. */
public final class ProtectionSteps {
    private final World world;

    public ProtectionSteps(World world) { this.world = world; }

    // HP-01
    @Then("the gas-cooler pressure never reaches the HP switch")
    public void belowSwitch() { world.reducedFlow().belowSwitch(); }

    @Then("the controller brings the gas-cooler pressure under its soft limit in time")
    public void unload() { world.reducedFlow().unload(); }

    @Then("the safety chain never trips at reduced flow")
    public void reducedFlowNoTrip() { world.reducedFlow().noTrip(); }

    // HP-02
    @Then("the compressors stop in time after the flow loss")
    public void flowLossStop() { world.flowLoss().stop(); }

    @Then("the controller raises a flow or HP trip alarm in time")
    public void flowLossAlarm() { world.flowLoss().alarm(); }

    @Then("no restart is commanded while flow is lost or before the reset")
    public void flowLossNoRestart() { world.flowLoss().noRestart(); }

    @Then("the heat pump restarts after flow returns and the reset")
    public void flowLossRestart() { world.flowLoss().restart(); }

    // HP-03
    @Then("the relief valve PSV-202 never opens")
    public void noRelief() { world.stuckValve().noRelief(); }

    @Then("the gas-cooler pressure is held or the heat pump trips and stays off until reset")
    public void heldOrTripped() { world.stuckValve().heldOrTripped(); }

    // HP-04
    @Then("the gas-cooler pressure stays under its soft limit for the whole run")
    public void highReturnPressure() { world.highReturn().pressure(); }

    @Then("the safety chain never trips during the run")
    public void highReturnNoTrip() { world.highReturn().noTrip(); }

    // SF-01
    @Then("the compressors are commanded off in time after the sensor fault")
    public void sensorStop() { world.sensorFault().stop(); }

    @Then("the controller raises SENSOR_FAULT in time")
    public void sensorAlarm() { world.sensorFault().alarm(); }

    @Then("no restart is commanded until the sensor is healthy and reset")
    public void sensorNoRestart() { world.sensorFault().noRestart(); }

    // CL-01
    @Then("the controller keeps the compressors off when the link returns")
    public void failsafe() { world.commLoss().failsafe(); }

    @Then("the controller raises COMM_LOSS")
    public void commLossAlarm() { world.commLoss().alarm(); }

    @Then("the controller restarts without a trip after the link returns")
    public void commLossRestart() { world.commLoss().restart(); }

    @Then("every compressor respects its minimum off time")
    public void commLossMinOff() { world.commLoss().minOff(); }
}
