package io.hilbench.scenario.steps;

import io.cucumber.java.en.Then;
import io.hilbench.scenario.World;

/** SU-01's outcomes: each registers its assertion (id, limits from requirements.yaml), judged at the end. */
public final class StartupSteps {
    private final World world;

    public StartupSteps(World world) { this.world = world; }

    @Then("DH flow is proven before any compressor is commanded to run")
    public void flowProof() { world.startup().flowProof(); }

    @Then("the lead compressor holds its minimum start speed long enough")
    public void leadMinSpeed() { world.startup().leadMinSpeed(); }

    @Then("the supply temperature settles within its band and holds it")
    public void settleAndHold() { world.startup().settleAndHold(); }

    @Then("the gas-cooler pressure never reaches its soft limit")
    public void pressure() { world.startup().pressure(); }

    @Then("the compressors are staged in one at a time")
    public void staging() { world.startup().staging(); }

    @Then("the safety chain never trips")
    public void noTrip() { world.startup().noTrip(); }
}
