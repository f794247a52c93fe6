package io.hilbench.plant.network;

import io.hilbench.plant.Require;

/**
 * The Havdrup district-heating network seen from the plant: consumers' load, the weather-compensated supply
 * temperature, the consumers' return temperature, the pipes' transport delay and heat loss. Heat flow is positive into
 * the component: the network <i>takes</i> heat, so its demand is reported as a positive heat flow into the network
 * ({@link #heatDemandW()}).
 *
 * <pre>
 *   Q_cons = N·(P_hw + H·max(0, T_lim − T_out))                                     (1) degree-hour load + hot-water base
 *            P_hw = s·E/8760 h,  H = (1 − s)·E/DH_year                               (domain notes §7, Sophena ConsumerLoad)
 *   T_sup,set = clamp(lin(T_out; T_design → T_sup,design, T_knee → T_sup,min), T_sup,min, T_sup,design)   (2) weather curve
 *   T_ret = clamp(lin(T_out; T_design → T_ret,design, T_lim → T_ret,summer))          (3) consumers' return
 *   Q_loss = N·U_loss·((T_sup,set + T_ret)/2 − T_ground)                              (4) pipe loss at the set-point
 *   ṁ = (Q_cons + Q_loss) / (c_p·(T_sup,set − T_ret))                                 (5) network flow at the set-point
 * </pre>
 * <b>Pipes</b> (pipeWaterVolumePerConsumerM3 &gt; 0): the supply and the return pipe each hold V = N·v of water, as
 * {@value #PIPE_SEGMENTS} well-mixed segments in series (plug flow with some dispersion: the delay V·ρ/ṁ, its spread
 * 1/√{@value #PIPE_SEGMENTS} ≈ 22 % of it), each losing heat to the ground through half of N·U_loss spread evenly:
 * <pre>
 *   m_s·c_p·dT_i/dt = ṁ·c_p·(T_{i−1} − T_i) − UA_s·(T_i − T_ground)                   (7) per segment, integrated exactly
 *   consumers at the far end: T_c,ret = max(T_arr − Q_cons/(ṁ·c_p), min(T_arr, T_floor)),  Q_c,served = ṁ·c_p·(T_arr − T_c,ret)   (8)
 * </pre>
 * so a change of the plant's supply reaches the consumers, and their return the plant, a transport delay later
 * (tens of minutes in winter, hours in summer), and the return the plant sees answers the supply it delivered. With
 * V = 0 the network is quasi-static, as on main: (6) T_ret,act = max(T_sup − (Q_cons + Q_loss)/(ṁ·c_p), min(T_sup,
 * T_floor)), served = ṁ·c_p·(T_sup − T_ret,act). Either way, water colder than the set-point is drawn at the same
 * flow and cooled further, down to a floor; what the consumers cannot draw is reported as unserved heat.
 */
public final class DistrictHeatingNetwork {
    /** Well-mixed segments per pipe (supply and return). */
    public static final int PIPE_SEGMENTS = 20;

    private final DistrictHeatingNetworkParameters p;
    private final double[] supplyPipeK = new double[PIPE_SEGMENTS];
    private final double[] returnPipeK = new double[PIPE_SEGMENTS];
    private boolean pipesFilled;
    private double pipeLossW = Double.NaN;
    private double consumerSupplyK, consumerReturnK, consumerServedW;
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

    /** Empties the pipes' history: the next {@link #serve} fills them at its supply and the nominal return. */
    public void resetPipes() {
        pipesFilled = false;
        pipeLossW = Double.NaN;
    }

    /** {@link #serve(double, double)} with no time passing (the pipes, if any, keep their water). */
    public void serve(double supplyK) { serve(supplyK, 0.0); }

    /**
     * The plant delivers {@code supplyK} at the flow of the last {@link #demand} for {@code dtS}: equations (6), or
     * (7)–(8) with pipes; sets the return the plant gets back and the heat served at the plant.
     */
    public void serve(double supplyK, double dtS) {
        this.supplyK = supplyK;
        double cp = p.waterSpecificHeatJPerKgK();
        double mcp = massFlowKgPerS * cp;
        double volume = consumerCount * p.pipeWaterVolumePerConsumerM3();
        if (!(volume > 0)) {
            pipeLossW = heatLossW;
            consumerSupplyK = supplyK;
            if (mcp <= 0) {
                returnK = consumerReturnK = supplyK;
                servedHeatW = consumerServedW = 0;
                return;
            }
            returnK = Math.max(supplyK - (consumerDemandW + heatLossW) / mcp, Math.min(supplyK, p.returnTemperatureFloorK()));
            consumerReturnK = returnK;
            servedHeatW = mcp * (supplyK - returnK);
            consumerServedW = Math.max(0.0, servedHeatW - heatLossW);
            return;
        }
        if (!pipesFilled) {
            java.util.Arrays.fill(supplyPipeK, supplyK);
            java.util.Arrays.fill(returnPipeK, returnNominalK);
            pipesFilled = true;
        }
        double segmentMassKg = volume * p.waterDensityKgPerM3() / PIPE_SEGMENTS;
        double segmentUa = 0.5 * consumerCount * p.heatLossPerConsumerWPerK() / PIPE_SEGMENTS;
        double ground = p.groundTemperatureK();
        double loss = 0;
        double in = supplyK;
        for (int i = 0; i < PIPE_SEGMENTS; i++) {
            supplyPipeK[i] = segment(supplyPipeK[i], in, mcp, segmentUa, segmentMassKg * cp, ground, dtS);
            loss += segmentUa * (supplyPipeK[i] - ground);
            in = supplyPipeK[i];
        }
        consumerSupplyK = in;
        if (mcp <= 0) {
            consumerReturnK = consumerSupplyK;
            consumerServedW = 0;
        } else {
            consumerReturnK = Math.max(consumerSupplyK - consumerDemandW / mcp, Math.min(consumerSupplyK, p.returnTemperatureFloorK()));
            consumerServedW = mcp * (consumerSupplyK - consumerReturnK);
        }
        in = consumerReturnK;
        for (int i = 0; i < PIPE_SEGMENTS; i++) {
            returnPipeK[i] = segment(returnPipeK[i], in, mcp, segmentUa, segmentMassKg * cp, ground, dtS);
            loss += segmentUa * (returnPipeK[i] - ground);
            in = returnPipeK[i];
        }
        returnK = in;
        pipeLossW = loss;
        servedHeatW = mcp * (supplyK - returnK);
    }

    /**
     * Equation (7) over {@code dtS}, exact for a constant inflow: T → T* + (T − T*)·exp(−k·dt), T* = (ṁc_p·T_in +
     * UA·T_g)/(ṁc_p + UA), k = (ṁc_p + UA)/(m·c_p).
     */
    private static double segment(double tK, double inK, double mcp, double ua, double heatCapacityJPerK, double groundK, double dtS) {
        if (!(dtS > 0) || mcp + ua <= 0) return tK;
        double steady = (mcp * inK + ua * groundK) / (mcp + ua);
        return steady + (tK - steady) * Math.exp(-(mcp + ua) / heatCapacityJPerK * dtS);
    }

    public double supplyTemperatureSetK() { return supplySetK; }

    /** Return temperature the consumers would give at the set-point, K. */
    public double returnTemperatureNominalK() { return returnNominalK; }

    /** Heat the consumers and the pipes ask for, W (positive into the network). */
    public double heatDemandW() { return consumerDemandW + heatLossW; }

    public double consumerDemandW() { return consumerDemandW; }

    /**
     * Pipe heat loss, W (positive: heat the network loses to the ground): the pipes' actual loss at the last
     * {@link #serve}, or (4) at the set-point before any; (4) is the share of {@link #heatDemandW()} the flow is sized for.
     */
    public double heatLossW() { return Double.isNaN(pipeLossW) ? heatLossW : pipeLossW; }

    /** Water temperature reaching the consumers at the last {@link #serve}, K (the plant's supply a transport delay ago). */
    public double consumerSupplyTemperatureK() { return consumerSupplyK; }

    /** Heat held by the pipes' water above the ground temperature, J (0 for a quasi-static network): for balances. */
    public double pipeHeatContentJ() {
        double volume = consumerCount * p.pipeWaterVolumePerConsumerM3();
        if (!(volume > 0) || !pipesFilled) return 0.0;
        double sum = 0;
        for (int i = 0; i < PIPE_SEGMENTS; i++) sum += supplyPipeK[i] + returnPipeK[i] - 2 * p.groundTemperatureK();
        return sum * volume * p.waterDensityKgPerM3() / PIPE_SEGMENTS * p.waterSpecificHeatJPerKgK();
    }

    /** Heat the consumers took at the last {@link #serve}, W. */
    public double consumerServedHeatW() { return consumerServedW; }

    public double massFlowKgPerS() { return massFlowKgPerS; }

    public double flowM3PerS() { return massFlowKgPerS / p.waterDensityKgPerM3(); }

    /** Heat the network took from the supply water in the last {@link #serve}, W. */
    public double servedHeatW() { return servedHeatW; }

    /** Consumers' demand they could not draw from the water that reached them, W. */
    public double unservedHeatW() { return Math.max(0.0, consumerDemandW - consumerServedW); }

    public double returnTemperatureK() { return returnK; }

    public double supplyTemperatureK() { return supplyK; }

    private static double clampLine(double x, double x0, double y0, double x1, double y1) {
        if (x <= x0) return y0;
        if (x >= x1) return y1;
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }
}
