package io.hilbench.plant.solar;

/**
 * The solar collector field as one lumped collector with the EN 12975-2 / ISO 9806 (2017) quasi-dynamic model,
 * its mean fluid temperature T_m = (T_in + T_out)/2 the state. Heat flow is positive into the component, so the
 * useful heat the fluid carries away, Q_u, is reported positive <i>out of</i> the collectors as {@code usefulHeatFlowW}.
 *
 * <pre>
 *   A·c_eff·dT_m/dt = A·[η0·(K_θb·G_b + K_θd·G_d) − a1·ΔT − a2·ΔT·|ΔT|] − Q_u,   ΔT = T_m − T_a      (1) ISO 9806 eq. (quasi-dynamic, wind and sky terms dropped)
 *   K_θb = max(0, 1 − b0·(1/cos θ − 1))                                                          (2) ASHRAE 93 / ISO 9806 IAM (Duffie &amp; Beckman 2013, eq. 6.17.10)
 *   Q_u = h·(T_m − T_ref)                                                                         (3) the loop's coupling, linear in T_m
 *   η = Q_u / (A·G) = η0·K_θ − a1·ΔT/G − a2·ΔT²/G   at steady state                                (4) the EN 12975 efficiency curve
 * </pre>
 * ΔT·|ΔT| keeps the second-order loss a loss when the collector is colder than the air. (3): a loop with capacity rate
 * C pushed through at inlet T_in gives h = 2C, T_ref = T_in (since T_out − T_in = 2(T_m − T_in)); {@link SolarLoop}
 * closes it through the heat exchanger. The step is implicit Euler linearised at the old state (one Newton step),
 * stable at any dt; at no flow (h = 0) the field heats towards its stagnation temperature.
 */
public final class SolarCollectorField {
    private final SolarCollectorParameters p;
    private double meanTemperatureK;
    private double usefulHeatFlowW;

    public SolarCollectorField(SolarCollectorParameters parameters, double initialMeanTemperatureK) {
        this.p = parameters;
        this.meanTemperatureK = initialMeanTemperatureK;
    }

    public SolarCollectorParameters parameters() { return p; }

    public double meanTemperatureK() { return meanTemperatureK; }

    public void setMeanTemperatureK(double temperatureK) { this.meanTemperatureK = temperatureK; }

    /** Useful heat carried away by the fluid during the last step, W (mean over the step, from the end-of-step state). */
    public double usefulHeatFlowW() { return usefulHeatFlowW; }

    /** Equation (2); a cosine ≤ 0 (sun behind the plane) gives 0. */
    public double beamIncidenceAngleModifier(double cosIncidence) {
        if (cosIncidence <= 1e-6) return 0.0;
        return Math.max(0.0, 1.0 - p.incidenceAngleModifierB0() * (1.0 / cosIncidence - 1.0));
    }

    /** Absorbed irradiance η0·(K_θb·G_b + K_θd·G_d) in the collector plane, W/m². */
    public double absorbedIrradianceWPerM2(double beamWPerM2, double diffuseWPerM2, double cosIncidence) {
        return p.peakEfficiencyRatio() * (beamIncidenceAngleModifier(cosIncidence) * beamWPerM2 + p.diffuseIncidenceAngleModifier() * diffuseWPerM2);
    }

    /** Equation (4): the steady-state efficiency at irradiance G (normal incidence) and T_m − T_a. */
    public static double efficiency(SolarCollectorParameters p, double irradianceWPerM2, double meanMinusAmbientK) {
        double dt = meanMinusAmbientK;
        return p.peakEfficiencyRatio() - p.a1WPerM2K() * dt / irradianceWPerM2 - p.a2WPerM2K2() * dt * Math.abs(dt) / irradianceWPerM2;
    }

    /**
     * One step of equation (1) with the coupling (3): {@code couplingWPerK} = h ≥ 0, {@code referenceK} = T_ref.
     * Returns the new mean temperature.
     */
    public double step(double dtS, double absorbedWPerM2, double ambientK, double couplingWPerK, double referenceK) {
        double a = p.areaM2();
        double t = meanTemperatureK;
        double d = t - ambientK;
        double f = a * (absorbedWPerM2 - p.a1WPerM2K() * d - p.a2WPerM2K2() * d * Math.abs(d)) - couplingWPerK * (t - referenceK);
        double df = -a * (p.a1WPerM2K() + 2 * p.a2WPerM2K2() * Math.abs(d)) - couplingWPerK;
        double capacity = a * p.effectiveHeatCapacityJPerM2K();
        meanTemperatureK = t + dtS * f / (capacity - dtS * df);
        usefulHeatFlowW = couplingWPerK * (meanTemperatureK - referenceK);
        return meanTemperatureK;
    }
}
