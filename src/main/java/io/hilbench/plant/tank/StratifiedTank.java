package io.hilbench.plant.tank;

import io.hilbench.plant.Require;
import java.util.Arrays;

/**
 * The stratified hot-water accumulation tank: a one-dimensional stack of {@code N} fully mixed horizontal layers
 * (nodes) of equal volume. <b>Node 0 is the top.</b> Heat flow is positive into the tank (into a node).
 *
 * <p>Energy balance of node i (heat capacity C = ρ·c_p·V/N), per sub-step, explicit and written in fluxes so that
 * every joule leaving one node enters its neighbour (energy is conserved to rounding whatever the flows):
 * <pre>
 *   C·dT_i/dt = Σ_ports ṁ_in,i·c_p·(T_in,i) − ṁ_out,i·c_p·T_i                    (1) ports at node i
 *             + F_{i−1}·c_p·T_up(i−1) − F_i·c_p·T_up(i)                            (2) vertical advection, upwind
 *             + G·(T_{i−1} − T_i) + G·(T_{i+1} − T_i)                              (3) conduction, G = k·A/Δz
 *             + UA_i·(T_amb,i − T_i)                                               (4) heat from ambient (negative: a loss)
 *   F_i = Σ_{j≤i} (ṁ_in,j − ṁ_out,j)      downward mass flow from node i to i+1     (5) constant volume
 *   T_up(i) = T_i if F_i ≥ 0 else T_{i+1}                                          (6) first-order upwind
 * </pre>
 * then (7) <b>buoyancy mixing on inversion</b>: any run of nodes in which a lower node is warmer than the node above
 * is mixed instantly to its mass-weighted mean, from the top down, until the profile falls monotonically
 * (the "mixing algorithm" of TRNSYS Type 4 / Type 60; Kleinbach, Beckman &amp; Klein 1993, Solar Energy 50(2)
 * 155–166, [L]). The domain notes (§7) also quote the Modelica Buildings form Q = k·max(0, ΔT)² with a time
 * constant; the instant form is used here because it is exactly conservative and stable at any step.
 * UA_i: wall area π·D·Δz of each node at {@code wallHeatLossCoefficient}, plus the roof on node 0 and the floor
 * (to the ground temperature) on node N−1. The step is split into sub-steps so that no node exchanges more than
 * a quarter of its mass (or of its heat capacity by conduction and loss) per sub-step.
 *
 * <p>Equations, validity and validation: {@code plant-models/tank/README.md}.
 */
public final class StratifiedTank {
    private final StratifiedTankParameters p;
    private final int n;
    private final double nodeMassKg;
    private final double nodeCapacityJPerK;
    private final double conductanceWPerK;
    private final double[] ambientUaWPerK;
    private final double[] temperaturesK;
    private final double[] next;
    private final double[] flowDownKgPerS;
    private final int[] segStart;
    private final double[] segSum;

    /** Heat that entered through the ports during the last step, W (mean over the step; positive into the tank, enthalpy relative to 0 °C). */
    private double portHeatFlowW;
    /** Heat from ambient and ground during the last step, W (mean; positive into the tank, so a loss is negative). */
    private double ambientHeatFlowW;

    public StratifiedTank(StratifiedTankParameters parameters) {
        this.p = parameters;
        this.n = parameters.nodeCount();
        this.nodeMassKg = parameters.volumeM3() / n * parameters.densityKgPerM3();
        this.nodeCapacityJPerK = nodeMassKg * parameters.specificHeatJPerKgK();
        double area = parameters.crossSectionM2();
        double dz = parameters.heightM() / n;
        this.conductanceWPerK = parameters.effectiveConductivityWPerMK() * area / dz;
        double diameter = Math.sqrt(4 * area / Math.PI);
        this.ambientUaWPerK = new double[n];
        for (int i = 0; i < n; i++) ambientUaWPerK[i] = parameters.wallHeatLossCoefficientWPerM2K() * Math.PI * diameter * dz;
        ambientUaWPerK[0] += parameters.wallHeatLossCoefficientWPerM2K() * area;
        this.temperaturesK = new double[n];
        this.next = new double[n];
        this.flowDownKgPerS = new double[n];
        this.segStart = new int[n + 1];
        this.segSum = new double[n + 1];
    }

    public StratifiedTankParameters parameters() { return p; }

    public int nodeCount() { return n; }

    /** Temperature of node i (0 = top), K. */
    public double temperatureK(int node) { return temperaturesK[node]; }

    public double topTemperatureK() { return temperaturesK[0]; }

    public double bottomTemperatureK() { return temperaturesK[n - 1]; }

    /** A copy of the node temperatures, top first. */
    public double[] temperaturesK() { return temperaturesK.clone(); }

    /** Temperature at a relative depth (0 = top, 1 = bottom): the node that holds that depth. */
    public double temperatureAtDepthK(double depthRatio) {
        int i = (int) Math.min(n - 1, Math.max(0, Math.floor(depthRatio * n)));
        return temperaturesK[i];
    }

    /** Sets every node as given (a new initial state: the last step's heat flows read 0); an inversion stays until the next {@link #step} mixes it (equation 7). */
    public void setTemperatures(double[] nodeTemperaturesK) {
        if (nodeTemperaturesK.length != n) throw new IllegalArgumentException("expected " + n + " node temperatures, got " + nodeTemperaturesK.length);
        for (double t : nodeTemperaturesK) Require.positive("node temperature K", t);
        System.arraycopy(nodeTemperaturesK, 0, temperaturesK, 0, n);
        portHeatFlowW = 0;
        ambientHeatFlowW = 0;
    }

    /** Linear profile from {@code topK} at node 0 to {@code bottomK} at node N−1. */
    public void setLinearProfile(double topK, double bottomK) {
        Require.positive("topK", topK);
        Require.positive("bottomK", bottomK);
        for (int i = 0; i < n; i++) temperaturesK[i] = topK + (bottomK - topK) * i / (n - 1);
        mixInversions();
        portHeatFlowW = 0;
        ambientHeatFlowW = 0;
    }

    /** Energy stored relative to 0 °C, J. */
    public double storedEnergyJ() {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += temperaturesK[i] - StratifiedTankParameters.energyReferenceK();
        return sum * nodeCapacityJPerK;
    }

    public double portHeatFlowW() { return portHeatFlowW; }

    public double ambientHeatFlowW() { return ambientHeatFlowW; }

    /**
     * Advances the tank by {@code dtS}. Per node i: {@code inflowKgPerS[i]} enters at {@code inflowTemperatureK[i]}
     * (ignored where the inflow is 0) and {@code outflowKgPerS[i]} leaves at the node's temperature. The inflows must
     * balance the outflows (the tank is full and rigid): a mismatch above 1e-9 relative is an error.
     */
    public void step(double dtS, double[] inflowKgPerS, double[] inflowTemperatureK, double[] outflowKgPerS,
                     double ambientK, double groundK) {
        if (!(dtS > 0) || Double.isInfinite(dtS)) throw new IllegalArgumentException("dtS must be > 0, was " + dtS);
        double sumIn = 0, sumOut = 0, maxExchange = 0;
        double cum = 0;
        for (int i = 0; i < n; i++) {
            double in = inflowKgPerS[i], out = outflowKgPerS[i];
            if (!(in >= 0) || !(out >= 0)) throw new IllegalArgumentException("node " + i + ": flows must be >= 0, were in " + in + " out " + out);
            sumIn += in;
            sumOut += out;
            cum += in - out;
            flowDownKgPerS[i] = cum;
            maxExchange = Math.max(maxExchange, Math.max(in + Math.abs(cum), out + Math.abs(cum)));
        }
        if (Math.abs(sumIn - sumOut) > 1e-9 * Math.max(1.0, sumIn)) {
            throw new IllegalArgumentException("tank port flows do not balance: in " + sumIn + " kg/s, out " + sumOut + " kg/s");
        }
        flowDownKgPerS[n - 1] = 0;
        double cp = p.specificHeatJPerKgK();
        double maxUa = 0;
        for (double ua : ambientUaWPerK) maxUa = Math.max(maxUa, ua);
        double ua0 = maxUa + p.floorHeatLossCoefficientWPerM2K() * p.crossSectionM2();
        double rate = maxExchange / nodeMassKg + (2 * conductanceWPerK + ua0) / nodeCapacityJPerK;
        int sub = (int) Math.max(1, Math.ceil(rate * dtS / 0.25));
        double h = dtS / sub;
        double floorUa = p.floorHeatLossCoefficientWPerM2K() * p.crossSectionM2();
        double portJ = 0, ambientJ = 0;
        double ref = StratifiedTankParameters.energyReferenceK();
        for (int s = 0; s < sub; s++) {
            for (int i = 0; i < n; i++) {
                double t = temperaturesK[i];
                double q = 0;
                double port = 0;
                if (inflowKgPerS[i] > 0) port += inflowKgPerS[i] * cp * (inflowTemperatureK[i] - ref);
                port -= outflowKgPerS[i] * cp * (t - ref);
                q += port;
                if (i > 0) {
                    double f = flowDownKgPerS[i - 1];
                    q += f * cp * ((f >= 0 ? temperaturesK[i - 1] : t) - ref);
                    q += conductanceWPerK * (temperaturesK[i - 1] - t);
                }
                if (i < n - 1) {
                    double f = flowDownKgPerS[i];
                    q -= f * cp * ((f >= 0 ? t : temperaturesK[i + 1]) - ref);
                    q += conductanceWPerK * (temperaturesK[i + 1] - t);
                }
                double amb = ambientUaWPerK[i] * (ambientK - t);
                if (i == n - 1) amb += floorUa * (groundK - t);
                q += amb;
                portJ += port * h;
                ambientJ += amb * h;
                next[i] = t + h * q / nodeCapacityJPerK;
            }
            System.arraycopy(next, 0, temperaturesK, 0, n);
            mixInversions();
        }
        portHeatFlowW = portJ / dtS;
        ambientHeatFlowW = ambientJ / dtS;
    }

    /** Equation (7): merges inverted runs (a lower node warmer than the one above) into their mean, top down. */
    void mixInversions() {
        int segments = 0;
        for (int i = 0; i < n; i++) {
            segStart[segments] = i;
            segSum[segments] = temperaturesK[i];
            segments++;
            // the new (lower) segment is warmer than the one above it: merge, and repeat upwards
            while (segments > 1) {
                int lo = segments - 1, up = segments - 2;
                double meanLo = segSum[lo] / (segEnd(lo, segments, i) - segStart[lo]);
                double meanUp = segSum[up] / (segStart[lo] - segStart[up]);
                if (meanLo <= meanUp + 1e-12) break;
                segSum[up] += segSum[lo];
                segments--;
            }
        }
        if (segments == n) return;
        for (int s = 0; s < segments; s++) {
            int start = segStart[s];
            int end = s + 1 < segments ? segStart[s + 1] : n;
            double mean = segSum[s] / (end - start);
            Arrays.fill(temperaturesK, start, end, mean);
        }
    }

    private int segEnd(int segment, int segments, int currentNode) {
        return segment + 1 < segments ? segStart[segment + 1] : currentNode + 1;
    }
}
