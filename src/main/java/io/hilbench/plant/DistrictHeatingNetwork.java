package io.hilbench.plant;

/**
 * The Havdrup district-heating network seen from the plant: consumers' load, the weather-compensated supply
 * temperature, the consumers' return temperature and the pipe heat loss. Quasi-static (no transport delay, no pipe
 * heat capacity). Heat flow is positive into the component: the network <i>takes</i> heat, so its demand is reported
 * as a positive heat flow into the network ({@link #heatDemandW()}).
 *
 * <pre>
 *   Q_cons = N·(P_hw + H·max(0, T_lim − T_out))                                     (1) degree-hour load + hot-water base
 *            P_hw = s·E/8760 h,  H = (1 − s)·E/DH_year                               (domain notes §7, Sophena ConsumerLoad)
 *   T_sup,set = clamp(lin(T_out; T_design → T_sup,design, T_knee → T_sup,min), T_sup,min, T_sup,design)   (2) weather curve
 *   T_ret = clamp(lin(T_out; T_design → T_ret,design, T_lim → T_ret,summer))          (3) consumers' return
 *   Q_loss = N·U_loss·((T_sup,set + T_ret)/2 − T_ground)                              (4) pipe loss
 *   ṁ = (Q_cons + Q_loss) / (c_p·(T_sup,set − T_ret))                                 (5) network flow at the set-point
 *   served: T_ret,act = max(T_sup − (Q_cons + Q_loss)/(ṁ·c_p), min(T_sup, T_floor)),  Q_served = ṁ·c_p·(T_sup − T_ret,act)   (6)
 * </pre>
 * (6): if the plant delivers the water colder than the set-point, the consumers draw the same flow and cool it
 * further, down to a floor; what they cannot draw is reported as unserved heat.
 */
public final class DistrictHeatingNetwork {
    private final DistrictHeatingNetworkParameters p;
    private int consumerCount;
    private double supplySetK;
    private double returnNominalK;
    private double consumerDemandW;
    private double heatLossW;
    private double massFlowKgPerS;
    private double servedHeatW;
    private double returnK;
    private double supplyK;

    public DistrictHeatingNetwork(DistrictHeatingNetworkParameters parameters) {
        this.p = parameters;
        this.consumerCount = parameters.consumerCount();
    }

    public DistrictHeatingNetworkParameters parameters() { return p; }

    public void setConsumerCount(int consumers) {
        Require.atLeast("consumers", consumers, 0);
        this.consumerCount = consumers;
    }

    public int consumerCount() { return consumerCount; }

    /** Equation (2). */
    public double supplyTemperatureSetK(double outdoorK) {
        return clampLine(outdoorK, p.designOutdoorTemperatureK(), p.supplyTemperatureAtDesignK(), p.supplyCurveKneeOutdoorK(), p.supplyTemperatureMinK());
    }

    /** Equation (3). */
    public double consumerReturnTemperatureK(double outdoorK) {
        return clampLine(outdoorK, p.designOutdoorTemperatureK(), p.returnTemperatureAtDesignK(), p.heatingLimitTemperatureK(), p.returnTemperatureSummerK());
    }

    /** Equation (1) for the whole network, W. */
    public double consumerDemandW(double outdoorK) {
        return consumerCount * (p.hotWaterBasePerConsumerW() + p.heatingCoefficientPerConsumerWPerK() * Math.max(0.0, p.heatingLimitTemperatureK() - outdoorK));
    }

    /** Equations (1)-(5) at this outdoor temperature: demand, set-point, nominal return and flow. */
    public void demand(double outdoorK) {
        supplySetK = supplyTemperatureSetK(outdoorK);
        returnNominalK = consumerReturnTemperatureK(outdoorK);
        consumerDemandW = consumerDemandW(outdoorK);
        heatLossW = consumerCount * p.heatLossPerConsumerWPerK() * (0.5 * (supplySetK + returnNominalK) - p.groundTemperatureK());
        massFlowKgPerS = (consumerDemandW + heatLossW) / (p.waterSpecificHeatJPerKgK() * (supplySetK - returnNominalK));
    }

    /** Equation (6): the water arrives at {@code supplyK}; sets the return and the heat served. */
    public void serve(double supplyK) {
        this.supplyK = supplyK;
        double mcp = massFlowKgPerS * p.waterSpecificHeatJPerKgK();
        if (mcp <= 0) {
            returnK = supplyK;
            servedHeatW = 0;
            return;
        }
        returnK = Math.max(supplyK - (consumerDemandW + heatLossW) / mcp, Math.min(supplyK, p.returnTemperatureFloorK()));
        servedHeatW = mcp * (supplyK - returnK);
    }

    public double supplyTemperatureSetK() { return supplySetK; }

    /** Return temperature the consumers would give at the set-point, K. */
    public double returnTemperatureNominalK() { return returnNominalK; }

    /** Heat the consumers and the pipes ask for, W (positive into the network). */
    public double heatDemandW() { return consumerDemandW + heatLossW; }

    public double consumerDemandW() { return consumerDemandW; }

    /** Pipe heat loss, W (positive: heat the network loses to the ground, part of {@link #heatDemandW()}). */
    public double heatLossW() { return heatLossW; }

    public double massFlowKgPerS() { return massFlowKgPerS; }

    public double flowM3PerS() { return massFlowKgPerS / p.waterDensityKgPerM3(); }

    /** Heat the network took from the supply water in the last {@link #serve}, W. */
    public double servedHeatW() { return servedHeatW; }

    public double unservedHeatW() { return Math.max(0.0, heatDemandW() - servedHeatW); }

    public double returnTemperatureK() { return returnK; }

    public double supplyTemperatureK() { return supplyK; }

    private static double clampLine(double x, double x0, double y0, double x1, double y1) {
        if (x <= x0) return y0;
        if (x >= x1) return y1;
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }
}
