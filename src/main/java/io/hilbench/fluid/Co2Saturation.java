package io.hilbench.fluid;

/**
 * Saturated liquid (') and saturated vapour ('') states at one saturation temperature, found by the Maxwell
 * criterion (equal pressure and equal Gibbs energy in both phases) on the exact path, or interpolated from
 * saturation tables on the fast path. SI units, IIR reference state.
 *
 * @param temperatureK           saturation temperature, K
 * @param pressurePa             saturation pressure, Pa
 * @param liquidDensityKgPerM3   rho', kg/m3
 * @param vaporDensityKgPerM3    rho'', kg/m3
 * @param liquidEnthalpyJPerKg   h', J/kg
 * @param vaporEnthalpyJPerKg    h'', J/kg
 * @param liquidEntropyJPerKgK   s', J/(kg K)
 * @param vaporEntropyJPerKgK    s'', J/(kg K)
 */
public record Co2Saturation(double temperatureK, double pressurePa, double liquidDensityKgPerM3,
                            double vaporDensityKgPerM3, double liquidEnthalpyJPerKg, double vaporEnthalpyJPerKg,
                            double liquidEntropyJPerKgK, double vaporEntropyJPerKgK) {

    /** Latent heat of vaporisation h'' - h', J/kg. */
    public double latentHeatJPerKg() {
        return vaporEnthalpyJPerKg - liquidEnthalpyJPerKg;
    }
}
