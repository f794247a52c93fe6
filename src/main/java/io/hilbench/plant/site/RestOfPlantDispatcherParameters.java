package io.hilbench.plant.site;

import io.hilbench.plant.Require;

/**
 * Settings of {@link RestOfPlantDispatcher}. Tags: [L] common practice, not verified; [U] unknown, a guess.
 *
 * @param chpStartDepthRatio          the CHP (the backup: the Solrød biogas engine's heat over the transmission connection) starts
 *                                    when the tank at this depth is more than chpStartBelowSetK below the supply set-point:
 *                                    the tank can no longer supply the network (0.1 [U]: near the top)
 * @param chpStopDepthRatio           ... and stops when the tank is charged to the set-point down to this depth (0.25 [U]: a
 *                                    quarter of the tank; the heat pump and the solar field charge the rest)
 * @param chpStartBelowSetK           the start threshold below the supply set-point (5 K [U]: well below what the heat pump and the
 *                                    solar loop deliver, the set-point, so the backup does not pre-empt them)
 * @param chpStopAboveSetK            the stop threshold above the supply set-point (0 K [U]; the CHP's water is T_set + 5 K)
 * @param underServedToleranceK       the CHP also starts when the supply header is this far below the set-point (1 K [L]) ...
 * @param underServedDelayS           ... for this long (600 s [U]: time for the heat pump to restart and catch up first)
 * @param solarTargetAboveSupplySetK  the solar loop aims its outlet this far above the supply set-point (0 K [U])
 * @param heatPumpRoutingHysteresisK  the heat pump's outlet goes to the supply header at or above the set-point, back to the
 *                                    tank once it is this far below it (1 K [U])
 * @param chpReturnMaxK               the engine's heat recovery needs its return below this; above it the CHP stops even within its
 *                                    minimum run time (70 °C [L]: gas-engine jacket circuits take 70 °C return at most)
 */
public record RestOfPlantDispatcherParameters(double chpStartDepthRatio, double chpStopDepthRatio, double chpStartBelowSetK, double chpStopAboveSetK,
                                              double underServedToleranceK, double underServedDelayS, double solarTargetAboveSupplySetK,
                                              double heatPumpRoutingHysteresisK, double chpReturnMaxK) {
    public RestOfPlantDispatcherParameters {
        Require.ratio("chpStartDepthRatio", chpStartDepthRatio);
        Require.ratio("chpStopDepthRatio", chpStopDepthRatio);
        if (!(chpStopDepthRatio > chpStartDepthRatio)) {
            throw new IllegalArgumentException("chpStopDepthRatio (" + chpStopDepthRatio + ") must be > chpStartDepthRatio (" + chpStartDepthRatio + ")");
        }
        Require.nonNegative("chpStartBelowSetK", chpStartBelowSetK);
        Require.finite("chpStopAboveSetK", chpStopAboveSetK);
        Require.nonNegative("underServedToleranceK", underServedToleranceK);
        Require.nonNegative("underServedDelayS", underServedDelayS);
        Require.finite("solarTargetAboveSupplySetK", solarTargetAboveSupplySetK);
        Require.nonNegative("heatPumpRoutingHysteresisK", heatPumpRoutingHysteresisK);
        Require.positive("chpReturnMaxK", chpReturnMaxK);
    }

    public static RestOfPlantDispatcherParameters solrodDefaults() {
        return new RestOfPlantDispatcherParameters(0.1, 0.25, 5.0, 0.0, 1.0, 600.0, 0.0, 1.0, io.hilbench.Units.degCToK(70));
    }
}
