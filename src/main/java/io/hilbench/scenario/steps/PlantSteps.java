package io.hilbench.scenario.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.hilbench.points.EngineeringUnit;
import io.hilbench.runtime.faults.SensorFaultKind;
import io.hilbench.runtime.link.LinkFault;
import io.hilbench.scenario.Quantities.Quantity;
import io.hilbench.scenario.World;

import java.time.Duration;

/** Weather, the DH network, physical faults, sensor faults by tag, I/O link faults, the site reset and plant time. */
public final class PlantSteps {
    private final World world;

    public PlantSteps(World world) { this.world = world; }

    // ---- weather and network

    @Given("the weather is {temperature} air at {percent} relative humidity")
    public void weather(Quantity air, Quantity humidity) throws Exception { world.setWeather(air, humidity); }

    @When("the air temperature falls by {kelvin}")
    public void airFalls(Quantity delta) throws Exception { world.changeAirBy(-delta.value()); }

    @When("the air temperature rises by {kelvin}")
    public void airRises(Quantity delta) throws Exception { world.changeAirBy(delta.value()); }

    @Given("the irradiance is {int} W\\/m²")
    public void irradiance(int wattPerM2) throws Exception { world.setIrradiance(wattPerM2); }

    @Given("the district-heating return is {temperature}")
    public void dhReturn(Quantity temperature) throws Exception { world.setDhReturn(temperature); }

    @When("the district-heating return follows the network again")
    public void dhReturnReleased() throws Exception { world.plant().releaseDhReturn(); }

    @When("the weather follows the weather series again")
    public void weatherReleased() throws Exception { world.plant().releaseWeather(); }

    // ---- physical faults (DH flow, P-271, HV-221, compressor VFD)

    @When("DH flow through the heat pump falls to {percent} of nominal")
    public void dhFlowShare(Quantity share) throws Exception {
        world.plant().limitDhFlow(share);
        world.faultApplied("DH flow limited to " + share + " of nominal");
    }

    @When("DH flow through the heat pump is lost")
    public void dhFlowLost() throws Exception {
        world.plant().limitDhFlow(new Quantity(0, EngineeringUnit.PERCENT));
        world.faultApplied("DH flow lost");
    }

    @When("DH flow through the heat pump returns")
    public void dhFlowReturns() throws Exception {
        world.plant().limitDhFlow(new Quantity(100, EngineeringUnit.PERCENT));
        world.faultCleared("DH flow returned");
    }

    @When("the DH pump P-271 fails")
    public void dhPumpFails() throws Exception {
        world.plant().failDhPump(true);
        world.faultApplied("P-271 failed");
    }

    @Given("the DH pump P-271 has failed")
    public void dhPumpHasFailed() throws Exception { dhPumpFails(); }

    @When("the DH pump P-271 is repaired")
    public void dhPumpRepaired() throws Exception {
        world.plant().failDhPump(false);
        world.faultCleared("P-271 repaired");
    }

    @When("the HP valve HV-221 sticks closed")
    public void hpValveStuckClosed() throws Exception {
        world.plant().stickHpValve(new Quantity(0, EngineeringUnit.PERCENT));
        world.faultApplied("HV-221 stuck closed");
    }

    @When("the HP valve HV-221 sticks at {percent} open")
    public void hpValveStuckAt(Quantity opening) throws Exception {
        world.plant().stickHpValve(opening);
        world.faultApplied("HV-221 stuck at " + opening);
    }

    @When("the HP valve HV-221 is freed")
    public void hpValveFreed() throws Exception {
        world.plant().freeHpValve();
        world.faultCleared("HV-221 freed");
    }

    // ---- sensor faults by tag (what the controller sees; the plant's truth is unchanged)

    @When("{tag} goes bad")
    public void sensorBad(String tag) throws Exception { world.sensorFault(tag, new SensorFaultKind.BadQuality(), "bad quality"); }

    @When("{tag} goes bad in {duration}")
    public void sensorBadLater(String tag, Duration delay) throws Exception { world.sensorFaultAfter(tag, new SensorFaultKind.BadQuality(), delay, "bad quality"); }

    @When("{tag} reads out of range")
    public void sensorOutOfRange(String tag) throws Exception { world.sensorFault(tag, world.plant().outOfRange(tag), "out of range"); }

    @When("{tag} sticks at its current value")
    public void sensorStuck(String tag) throws Exception { world.sensorFault(tag, SensorFaultKind.Stuck.atStartValue(), "stuck at its value"); }

    @When("{tag} sticks at {temperature}")
    public void sensorStuckAtTemperature(String tag, Quantity value) throws Exception { stuckAt(tag, value); }

    @When("{tag} sticks at {pressure}")
    public void sensorStuckAtPressure(String tag, Quantity value) throws Exception { stuckAt(tag, value); }

    private void stuckAt(String tag, Quantity value) throws Exception {
        var p = world.plant().signals().point(tag);
        world.sensorFault(tag, new SensorFaultKind.Stuck(p.unit().toSi(value.value())), "stuck at " + value);
    }

    @When("{tag} is healthy again")
    public void sensorHealthy(String tag) throws Exception { world.sensorHealthy(tag); }

    // ---- I/O link faults (plant time)

    @When("the I\\/O link to the plant is blackholed for {duration}")
    public void blackhole(Duration d) throws Exception { world.linkFault(LinkFault.BLACKHOLE, d); }

    @When("the I\\/O link to the plant drops for {duration}")
    public void drop(Duration d) throws Exception { world.linkFault(LinkFault.DROP, d); }

    // ---- site reset and plant time

    @When("the latched safety trips are reset on site")
    public void siteReset() throws Exception { world.siteReset(); }

    @When("{duration} of plant time pass(es)")
    public void plantTimePasses(Duration d) { world.plant().runFor(d); }
}
