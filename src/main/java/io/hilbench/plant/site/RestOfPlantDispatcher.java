package io.hilbench.plant.site;

import io.hilbench.plant.network.DistrictHeatingNetwork;
import io.hilbench.plant.solar.SolarLoop;
import io.hilbench.plant.tank.StratifiedTank;

/**
 * The rest-of-plant dispatcher (DESIGN §5): the plant's own supervisory logic for what the controller under test
 * does not run, so the network is always served. Not the controller under test: it sees the plant's truth.
 * <ul>
 *   <li><b>Supply set-point</b>: publishes the network's required supply temperature from the weather curve
 *       ({@link DistrictHeatingNetwork#supplyTemperatureSetK(double)}).</li>
 *   <li><b>Tank charge/discharge</b> needs no command: the tank sits between the headers as a hydraulic separator
 *       (plant-models/README.md), so production above the network's draw charges it and a shortfall discharges it.</li>
 *   <li><b>CHP backup</b> (the Solrød biogas engine's heat over the transmission connection: Havdrup has no engine of
 *       its own) with hysteresis on the tank's charge: start when the node at {@code chpStartDepthRatio} is more than
 *       {@code chpStartBelowSetK} below T_set (the tank can no longer supply the network), or the supply header has
 *       been more than the tolerance below T_set for {@code underServedDelayS} (the network is under-served and the
 *       heat pump, which restarts in minutes, has not caught up); stop when the node at
 *       {@code chpStopDepthRatio} is at or above T_set + {@code chpStopAboveSetK}, or at once when the engine's
 *       cooling water (the return header) is above {@code chpReturnMaxK}. On main the start was "node at 25 % below
 *       T_set + 2 K": water at T_set from the heat pump or the solar loop never counted as charged, so the 3.7 MW
 *       engine ran first and the heat pump only topped up (issue #15 item 6).</li>
 *   <li><b>Heat-pump diverting valve</b>: the heat pump's outlet goes to the supply header when it is at least at the
 *       set-point, otherwise into the tank at the level of its own temperature (a stratifying inlet), so lukewarm
 *       water never reaches the network.</li>
 *   <li><b>Solar loop</b>: asks for an outlet temperature of T_set + {@code solarTargetAboveSupplySetK}; the loop's
 *       own cut-in, flow control and stagnation protection do the rest ({@link SolarLoop}).</li>
 * </ul>
 */
public final class RestOfPlantDispatcher {
    private final RestOfPlantDispatcherParameters p;
    private boolean chpRequested;
    private boolean heatPumpToHeader;
    private double underServedS;

    public RestOfPlantDispatcher(RestOfPlantDispatcherParameters parameters) {
        this.p = parameters;
    }

    public void reset() {
        chpRequested = false;
        heatPumpToHeader = false;
        underServedS = 0;
    }

    public RestOfPlantDispatcherParameters parameters() { return p; }

    /** The CHP run request for this step of {@code dtS}; {@code chpReturnK} is the water the engine would be cooled with. */
    public boolean chpRunRequest(StratifiedTank tank, double supplySetK, double supplyHeaderK, double chpReturnK, double dtS) {
        underServedS = supplyHeaderK < supplySetK - p.underServedToleranceK() ? underServedS + dtS : 0.0;
        if (chpReturnK >= p.chpReturnMaxK()) {
            chpRequested = false;
        } else if (chpRequested) {
            if (tank.temperatureAtDepthK(p.chpStopDepthRatio()) >= supplySetK + p.chpStopAboveSetK()) chpRequested = false;
        } else if (tank.temperatureAtDepthK(p.chpStartDepthRatio()) < supplySetK - p.chpStartBelowSetK()
                || underServedS >= p.underServedDelayS()) {
            chpRequested = true;
        }
        return chpRequested;
    }

    /**
     * The heat pump's diverting valve: its outlet goes to the supply header when at least at the set-point, into the
     * tank (at the level of its own temperature) once it is more than the hysteresis below.
     */
    public boolean heatPumpToSupplyHeader(double heatPumpOutletK, double supplySetK) {
        if (heatPumpOutletK >= supplySetK) heatPumpToHeader = true;
        else if (heatPumpOutletK < supplySetK - p.heatPumpRoutingHysteresisK()) heatPumpToHeader = false;
        return heatPumpToHeader;
    }

    /** The CHP must stop now, whatever its minimum run time: its cooling water is too hot. */
    public boolean chpForcedStop(double chpReturnK) {
        return chpReturnK >= p.chpReturnMaxK();
    }

    /** Outlet temperature the solar loop aims at. */
    public double solarTargetOutletK(double supplySetK) {
        return supplySetK + p.solarTargetAboveSupplySetK();
    }
}
