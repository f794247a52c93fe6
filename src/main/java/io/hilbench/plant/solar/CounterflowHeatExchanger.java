package io.hilbench.plant.solar;

import io.hilbench.plant.Require;

/**
 * A counterflow heat exchanger by the effectiveness–NTU method (Incropera &amp; DeWitt, Fundamentals of Heat and
 * Mass Transfer, Table 11.3; Kays &amp; London): no heat capacity, constant UA. Heat flow is positive into the cold
 * stream.
 * <pre>
 *   NTU = UA / C_min,  C_r = C_min / C_max
 *   ε = (1 − exp(−NTU(1 − C_r))) / (1 − C_r·exp(−NTU(1 − C_r)))     (C_r &lt; 1)
 *   ε = NTU / (1 + NTU)                                              (C_r = 1)
 *   Q = ε·C_min·(T_h,in − T_c,in)
 * </pre>
 *
 * @param uaWPerK overall conductance UA, W/K
 */
public record CounterflowHeatExchanger(double uaWPerK) {
    public CounterflowHeatExchanger {
        Require.nonNegative("uaWPerK", uaWPerK);
    }

    /** Effectiveness for the two capacity rates (W/K); 0 when either is 0. */
    public double effectiveness(double capacityRateAWPerK, double capacityRateBWPerK) {
        double cMin = Math.min(capacityRateAWPerK, capacityRateBWPerK);
        double cMax = Math.max(capacityRateAWPerK, capacityRateBWPerK);
        if (cMin <= 0) return 0.0;
        double ntu = uaWPerK / cMin;
        double cr = cMin / cMax;
        if (cr > 1 - 1e-9) return ntu / (1 + ntu);
        double e = Math.exp(-ntu * (1 - cr));
        return (1 - e) / (1 - cr * e);
    }
}
