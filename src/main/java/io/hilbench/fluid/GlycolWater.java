package io.hilbench.fluid;

/**
 * Glycol-water heat-transfer fluid of the solar loop, with constant properties (a documented simplification:
 * the loop model needs the heat carried, Q = m_dot cp (T_out - T_in), to a few per cent, not a property
 * correlation). Enthalpy is h = cp (T - 273.15 K), so h = 0 at 0 degC; only differences are physical.
 *
 * <p>Parameters and their source: {@link GlycolWaterParameters}; validity: the parameter record's temperature
 * range, outside which an {@link IllegalArgumentException} is thrown. Thread-safe, allocation-free.
 */
public final class GlycolWater {

    private static final double REFERENCE_TEMPERATURE_K = 273.15;

    private final GlycolWaterParameters parameters;

    public GlycolWater(GlycolWaterParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        this.parameters = parameters;
    }

    public GlycolWaterParameters parameters() {
        return parameters;
    }

    private void check(double temperatureK) {
        Ranges.require("temperatureK (" + parameters.description() + ")", temperatureK,
                parameters.minTemperatureK(), parameters.maxTemperatureK());
    }

    /** Density, kg/m3 (constant). */
    public double densityKgPerM3(double temperatureK) {
        check(temperatureK);
        return parameters.densityKgPerM3();
    }

    /** Isobaric heat capacity, J/(kg K) (constant). */
    public double cpJPerKgK(double temperatureK) {
        check(temperatureK);
        return parameters.cpJPerKgK();
    }

    /** Specific enthalpy h = cp (T - 273.15 K), J/kg. */
    public double enthalpyJPerKg(double temperatureK) {
        check(temperatureK);
        return parameters.cpJPerKgK() * (temperatureK - REFERENCE_TEMPERATURE_K);
    }

    /** Temperature at enthalpy h, K: the inverse of {@link #enthalpyJPerKg}. */
    public double temperatureK(double enthalpyJPerKg) {
        double t = REFERENCE_TEMPERATURE_K + enthalpyJPerKg / parameters.cpJPerKgK();
        check(t);
        return t;
    }
}
