package io.hilbench.plant;

/**
 * Settings of {@link RestOfPlantDispatcher}. Tags: [L] common practice, not verified; [U] unknown, a guess.
 *
 * @param chpStartDepthRatio          the CHP starts when the tank is no longer charged down to this depth (0.25 [U]: a quarter of the tank from the top)
 * @param chpStopDepthRatio           ... and stops when it is charged down to this depth (0.6 [U]: the lower 40 % stays cold for the solar field and the heat pump)
 * @param chargedMarginK              "charged" means at least this much above the network's supply set-point (2 K [L])
 * @param underServedToleranceK       the CHP also starts when the supply header is this far below the set-point (1 K [L])
 * @param solarTargetAboveSupplySetK  the solar loop aims its outlet this far above the supply set-point (0 K [U])
 * @param heatPumpRoutingHysteresisK  the heat pump's outlet goes to the supply header at or above the set-point, back to the
 *                                    tank once it is this far below it (1 K [U])
 * @param chpReturnMaxK               the engine's heat recovery needs its return below this; above it the CHP stops even within its
 *                                    minimum run time (70 °C [L]: gas-engine jacket circuits take 70 °C return at most)
 */
public record RestOfPlantDispatcherParameters(double chpStartDepthRatio, double chpStopDepthRatio, double chargedMarginK,
                                              double underServedToleranceK, double solarTargetAboveSupplySetK,
                                              double heatPumpRoutingHysteresisK, double chpReturnMaxK) {
    public RestOfPlantDispatcherParameters {
        Require.ratio("chpStartDepthRatio", chpStartDepthRatio);
        Require.ratio("chpStopDepthRatio", chpStopDepthRatio);
        if (!(chpStopDepthRatio > chpStartDepthRatio)) {
            throw new IllegalArgumentException("chpStopDepthRatio (" + chpStopDepthRatio + ") must be > chpStartDepthRatio (" + chpStartDepthRatio + ")");
        }
        Require.nonNegative("chargedMarginK", chargedMarginK);
        Require.nonNegative("underServedToleranceK", underServedToleranceK);
        Require.finite("solarTargetAboveSupplySetK", solarTargetAboveSupplySetK);
        Require.nonNegative("heatPumpRoutingHysteresisK", heatPumpRoutingHysteresisK);
        Require.positive("chpReturnMaxK", chpReturnMaxK);
    }

    public static RestOfPlantDispatcherParameters solrodDefaults() {
        return new RestOfPlantDispatcherParameters(0.25, 0.6, 2.0, 1.0, 0.0, 1.0, io.hilbench.Units.degCToK(70));
    }
}
