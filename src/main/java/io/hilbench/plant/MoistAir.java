package io.hilbench.plant;

/**
 * Moist air at atmospheric pressure: the air side of the evaporator sections. Pure functions, SI units.
 *
 * <pre>
 *   p_ws(T) = 611.2·exp(17.62·t/(243.12 + t))   over water, t ≥ 0 °C       (1) Magnus form, WMO-No. 8 (2008) Annex 4.B
 *   p_ws(T) = 611.2·exp(22.46·t/(272.62 + t))   over ice,   t &lt; 0 °C       (2) same source
 *   w       = 0.62198·p_w/(p − p_w)             humidity ratio, kg/kg dry air (3) ASHRAE Fundamentals ch. 1 eq. (22)
 *   h       = 1006·t + w·(2.501e6 + 1860·t)     J/kg dry air, t in °C      (4) ASHRAE Fundamentals ch. 1 eq. (32)
 * </pre>
 * Heat flow and enthalpy are per kg of dry air. Valid −40…+50 °C at about 1 atm (p = 101 325 Pa).
 */
public final class MoistAir {
    /** Standard atmosphere, Pa. */
    public static final double PRESSURE_PA = 101_325.0;
    /** Dry-air specific heat, J/(kg·K) (ASHRAE). */
    public static final double DRY_AIR_CP_J_PER_KG_K = 1006.0;
    /** Latent heat of vaporisation at 0 °C, J/kg (ASHRAE). */
    public static final double VAPORISATION_HEAT_J_PER_KG = 2.501e6;
    /** Vapour specific heat, J/(kg·K) (ASHRAE). */
    public static final double VAPOUR_CP_J_PER_KG_K = 1860.0;
    /** Latent heat of fusion of ice, J/kg (333.5 kJ/kg, domain notes §4.1). */
    public static final double FUSION_HEAT_J_PER_KG = 333.5e3;
    /** Latent heat of sublimation at 0 °C, J/kg. */
    public static final double SUBLIMATION_HEAT_J_PER_KG = VAPORISATION_HEAT_J_PER_KG + FUSION_HEAT_J_PER_KG;

    private MoistAir() {}

    /** Saturation vapour pressure over water (t ≥ 0 °C) or ice (t &lt; 0 °C), equations (1)-(2), Pa. */
    public static double saturationVapourPressurePa(double temperatureK) {
        double t = temperatureK - 273.15;
        return t >= 0 ? 611.2 * Math.exp(17.62 * t / (243.12 + t)) : 611.2 * Math.exp(22.46 * t / (272.62 + t));
    }

    /** Humidity ratio (kg water per kg dry air) at temperature and relative humidity (0–1), equation (3). */
    public static double humidityRatio(double temperatureK, double relativeHumidityRatio) {
        double pw = Math.max(0.0, Math.min(1.0, relativeHumidityRatio)) * saturationVapourPressurePa(temperatureK);
        return 0.62198 * pw / (PRESSURE_PA - pw);
    }

    /** Humidity ratio of saturated air at the temperature (over ice below 0 °C). */
    public static double saturationHumidityRatio(double temperatureK) {
        return humidityRatio(temperatureK, 1.0);
    }

    /** Enthalpy per kg dry air, equation (4), J/kg (0 at 0 °C dry air). */
    public static double enthalpyJPerKg(double temperatureK, double humidityRatio) {
        double t = temperatureK - 273.15;
        return DRY_AIR_CP_J_PER_KG_K * t + humidityRatio * (VAPORISATION_HEAT_J_PER_KG + VAPOUR_CP_J_PER_KG_K * t);
    }

    /** Enthalpy of saturated air at the temperature, J/kg dry air. */
    public static double saturatedEnthalpyJPerKg(double temperatureK) {
        return enthalpyJPerKg(temperatureK, saturationHumidityRatio(temperatureK));
    }

    /** Density of moist air (ideal gas, per m³ of mixture), kg/m³. */
    public static double densityKgPerM3(double temperatureK, double humidityRatio) {
        return PRESSURE_PA / (287.055 * temperatureK * (1 + 1.6078 * humidityRatio)) * (1 + humidityRatio);
    }
}
