package io.hilbench.scenario.steps;

import io.cucumber.java.en.Then;
import io.hilbench.scenario.World;

/** The outcomes of DF-01..DF-03 and SO-01..SO-02: each registers its assertion (limits from requirements.yaml), judged at the end. */
public final class DefrostAndSourceSteps {
    private final World world;

    public DefrostAndSourceSteps(World world) { this.world = world; }

    // DF-01
    @Then("every section is defrosted")
    public void defrosts() { world.demandDefrost().defrosts(); }

    @Then("the heat pump was on the tank source when the tank bottom fell")
    public void onTank() { world.spentTank().onTank(); }

    @Then("each section is defrosted before its capacity falls too far")
    public void beforeCapacityLoss() { world.demandDefrost().beforeCapacityLoss(); }

    @Then("no more sections defrost at a time than allowed")
    public void oneAtATime() { world.demandDefrost().oneAtATime(); }

    @Then("the other sections keep evaporating during a defrost")
    public void othersEvaporate() { world.demandDefrost().othersEvaporate(); }

    @Then("no defrost lasts longer than the defrost maximum")
    public void defrostDuration() { world.demandDefrost().defrostDuration(); }

    @Then("each defrost clears its section's frost")
    public void frostRemoved() { world.demandDefrost().frostRemoved(); }

    @Then("the supply stays close enough to its setpoint through the defrosts")
    public void supply() { world.demandDefrost().supply(); }

    @Then("the safety chain never trips through the defrosts")
    public void noTrip() { world.demandDefrost().noTrip(); }

    // DF-02
    @Then("no section defrosts while frost sensing is valid")
    public void noDefrost() { world.noFrostNoDefrost().noDefrost(); }

    // DF-03
    @Then("that defrost ends by the defrost maximum")
    public void defrostEnds() { world.stuckCoilSensor().ends(); }

    @Then("the controller raises DEFROST_MAX_TIME in time")
    public void defrostAlarm() { world.stuckCoilSensor().alarm(); }

    @Then("the section returns to service after the defrost")
    public void sectionReturns() { world.stuckCoilSensor().returns(); }

    @Then("the heat pump does not stop for the stuck coil sensor")
    public void noStop() { world.stuckCoilSensor().noStop(); }

    // SO-01
    @Then("the tank source is selected in time")
    public void tankSelected() { world.tankSource().select(); }

    @Then("the collector inlet gets colder in time")
    public void colderInlet() { world.tankSource().colderInlet(); }

    @Then("the COP on the tank source beats the air-source rating")
    public void cop() { world.tankSource().cop(); }

    // SO-02
    @Then("the heat pump is back on the air source in time")
    public void backToAir() { world.spentTank().backToAir(); }

    @Then("the supply stays within its band during the switch")
    public void switchSupply() { world.spentTank().supply(); }

    @Then("the safety chain never trips during the switch")
    public void switchNoTrip() { world.spentTank().noTrip(); }
}
