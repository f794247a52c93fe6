package io.hilbench.scenario.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.hilbench.scenario.World;

/** Each scenario: a fresh plant run with the controller in Off before; every assertion judged after. */
public final class Hooks {
    private final World world;

    public Hooks(World world) { this.world = world; }

    @Before
    public void begin(Scenario scenario) throws Exception { world.begin(scenario); }

    @After
    public void judge(Scenario scenario) throws Exception { world.finish(scenario); }
}
