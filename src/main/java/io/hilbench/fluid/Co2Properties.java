package io.hilbench.fluid;

/**
 * CO2 properties as the plant uses them. Implemented by the exact equation of state ({@link SpanWagnerCo2}) and
 * by the tabulated fast path ({@link Co2Tables}), so the plant can swap one for the other.
 *
 * <p>All inputs and outputs are SI (Pa, K, J/kg, J/(kg K), kg/m3, m/s), IIR reference state. Inputs outside an
 * implementation's validity range throw {@link IllegalArgumentException} naming the quantity, its value and the
 * range; no method returns NaN for a bad input or extrapolates silently.
 *
 * <p>The {@code double}-returning methods are the hot path: they allocate nothing on the tabulated
 * implementation. The {@code state...} methods return a full immutable {@link Co2State}.
 */
public interface Co2Properties {

    /** Full state at pressure (Pa) and temperature (K); single-phase only (a (p, T) pair does not fix a two-phase state). */
    Co2State stateFromPressureTemperature(double pressurePa, double temperatureK);

    /** Full state at pressure (Pa) and specific enthalpy (J/kg); two-phase states carry their quality. */
    Co2State stateFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg);

    /** Full state at pressure (Pa) and specific entropy (J/(kg K)). */
    Co2State stateFromPressureEntropy(double pressurePa, double entropyJPerKgK);

    /** Saturation at temperature (K), from the triple point to the critical temperature. */
    Co2Saturation saturationAtTemperature(double temperatureK);

    /** Saturation at pressure (Pa), from the triple-point pressure to the critical pressure. */
    Co2Saturation saturationAtPressure(double pressurePa);

    /** Temperature, K, at pressure (Pa) and enthalpy (J/kg). */
    double temperatureFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg);

    /** Density, kg/m3, at pressure (Pa) and enthalpy (J/kg). */
    double densityFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg);

    /** Entropy, J/(kg K), at pressure (Pa) and enthalpy (J/kg). */
    double entropyFromPressureEnthalpy(double pressurePa, double enthalpyJPerKg);

    /** Enthalpy, J/kg, at pressure (Pa) and entropy (J/(kg K)): isentropic compression and expansion. */
    double enthalpyFromPressureEntropy(double pressurePa, double entropyJPerKgK);

    /** Enthalpy, J/kg, at pressure (Pa) and temperature (K), single phase. */
    double enthalpyFromPressureTemperature(double pressurePa, double temperatureK);

    /** Saturation pressure, Pa, at temperature (K). */
    double saturationPressurePa(double temperatureK);

    /** Saturation temperature, K, at pressure (Pa). */
    double saturationTemperatureK(double pressurePa);
}
