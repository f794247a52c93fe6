package io.hilbench.scenario.steps;

import io.cucumber.java.en.Then;
import io.hilbench.scenario.World;

/** The outcomes of SU-02, SU-03, SU-04 and LD-01: each registers its assertion (limits from requirements.yaml), judged at the end. */
public final class SequenceSteps {
    private final World world;

    public SequenceSteps(World world) { this.world = world; }

    // SU-02
    @Then("no compressor is commanded to run while the start is refused")
    public void noCompressor() { world.startRefusal().noCompressor(); }

    @Then("the controller refuses the start in time")
    public void startRefused() { world.startRefusal().startRefused(); }

    @Then("the heat pump starts once the cause is fixed and reset")
    public void restartAfterFix() { world.startRefusal().restart(); }

    // SU-03
    @Then("no compressor restarts before its minimum off time")
    public void minOff() { world.shortCycle().minOff(); }

    @Then("no compressor stops before its minimum run time")
    public void minRun() { world.shortCycle().minRun(); }

    @Then("no compressor starts more often per hour than allowed")
    public void startsPerHour() { world.shortCycle().startsPerHour(); }

    @Then("the demand cycling stops and restarts a compressor")
    public void cycles() { world.shortCycle().cycles(); }

    @Then("the compressors are modulated at part load")
    public void modulation() { world.shortCycle().modulation(); }

    // SU-04
    @Then("the compressors unload to minimum speed in time")
    public void unload() { world.orderedStop().unload(); }

    @Then("the compressors are off in time")
    public void off() { world.orderedStop().off(); }

    @Then("P-271 overruns after the last compressor stops")
    public void pumpOverrun() { world.orderedStop().pumpOverrun(); }

    @Then("the safety chain does not trip during the stop")
    public void stopNoTrip() { world.orderedStop().noTrip(); }

    // LD-01
    @Then("the supply settles at the new setpoint in time")
    public void settle() { world.loadStep().settle(); }

    @Then("the supply stays within its band through the load step")
    public void loadStep() { world.loadStep().loadStep(); }
}
