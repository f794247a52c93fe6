package io.hilbench.scenario.steps;

import io.cucumber.java.en.Then;
import io.hilbench.scenario.World;

/**
 * Outcomes every requirement with a steady window or a trip or stop shares (DESIGN §8 "service and state are judged"):
 * the heat pump stays in service, and the state the controller reports matches the plant. Each registers the assertion
 * of the scenario's own requirement ({@code HP-04.in-service}, {@code SU-04.state}).
 */
public final class ServiceSteps {
    private final World world;

    public ServiceSteps(World world) { this.world = world; }

    @Then("the heat pump stays in service")
    public void inService() { world.inService(); }

    @Then("the controller's reported state matches the plant")
    public void state() { world.reportedState(); }
}
