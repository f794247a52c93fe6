package io.hilbench.scenario.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.hilbench.runtime.faults.SensorFaultKind;
import io.hilbench.scenario.PlantSignals;
import io.hilbench.scenario.Quantities.Quantity;
import io.hilbench.scenario.World;

import java.time.Duration;

/**
 * State initialisers instead of a long warm-up (tank profile, frost on a section), the weather series, stimuli of the
 * source requirements, and faults at a given plant time.
 */
public final class InitialStateSteps {
    private final World world;

    public InitialStateSteps(World world) { this.world = world; }

    @Given("the tank is charged to {temperature} at the top and {temperature} at the bottom")
    public void tankCharged(Quantity top, Quantity bottom) throws Exception { world.chargeTank(top, bottom); }

    @Given("section {int} is {percent} frosted")
    public void sectionFrosted(int section, Quantity share) throws Exception { world.frostSection(section, share); }

    @When("the tank bottom falls to {temperature}")
    public void tankBottomFalls(Quantity bottom) throws Exception { world.tankBottomFallsTo(bottom); }

    /** SO-02's stimulus: the bottom 3 K under the tank-source minimum of requirements.yaml (the stimulus follows the limit). */
    @When("the tank bottom falls below the tank-source minimum")
    public void tankBottomBelowMinimum() throws Exception {
        double minDegC = world.requirements().get("SO-02").limit("tank_source_min_degc");
        world.tankBottomFallsTo(io.hilbench.scenario.Quantities.temperature(String.format(java.util.Locale.ROOT, "%.1f °C", minDegC - 3)));
    }

    /** Runs until the section defrosts: the precondition {@code <id>.defrost-starts}, its budget in requirements.yaml. */
    @When("section {int} starts to defrost")
    public void sectionDefrosting(int section) throws Exception { world.runUntilDefrosting(section); }

    @When("the coil sensor of section {int} sticks at {temperature}")
    public void coilSensorStuck(int section, Quantity value) throws Exception {
        String tag = PlantSignals.coilSensorTag(section);
        var p = world.plant().signals().point(tag);
        world.sensorFault(tag, new SensorFaultKind.Stuck(p.unit().toSi(value.value())), "stuck at " + value);
    }

    @When("at {clock} the coil sensor of section {int} sticks at {temperature}")
    public void coilSensorStuckAt(Duration at, int section, Quantity value) throws Exception {
        String tag = PlantSignals.coilSensorTag(section);
        var p = world.plant().signals().point(tag);
        world.sensorFaultAfter(tag, new SensorFaultKind.Stuck(p.unit().toSi(value.value())), delayUntil(at), "stuck at " + value);
    }

    @When("at {clock} {tag} goes bad")
    public void sensorBadAt(Duration at, String tag) throws Exception { world.sensorFaultAfter(tag, new SensorFaultKind.BadQuality(), delayUntil(at), "bad quality"); }

    @When("at {clock} the irradiance steps to {int} W\\/m²")
    public void irradianceAt(Duration at, int wattPerM2) throws Exception {
        world.plant().runUntil(at.toMillis(), "the irradiance step at " + at);
        world.plant().setIrradiance(wattPerM2);
    }

    private Duration delayUntil(Duration at) {
        long now = world.plant().plantTimeMs();
        if (at.toMillis() < now) {
            throw new IllegalArgumentException("plant time " + io.hilbench.scenario.Quantities.plantTime(at.toMillis()) + " has passed (it is "
                    + io.hilbench.scenario.Quantities.plantTime(now) + ")");
        }
        return Duration.ofMillis(at.toMillis() - now);
    }
}
