package io.hilbench.plant.co2;

/**
 * Moist air at atmospheric pressure: the air side of the evaporator sections. Pure functions, SI units.
 *
 * <pre>
 *   p_w,water(T) = 611.2·exp(17.62·t/(243.12 + t))  over (supercooled) water, −45…+60 °C   (1) Magnus form,
 *   p_w,ice(T)   = 611.2·exp(22.46·t/(272.62 + t))  over ice, −65…0 °C                    (2) WMO-No. 8 (2008) Annex 4.B
 *   p_w = RH·p_w,water(T_air)     the air's vapour pressure: RH is over water at every temperature (WMO-No. 8 §4.1.2,
 *                                 the convention of weather data and of hygrometers, also below 0 °C)   (3)
 *   p_sat,surface(T) = p_w,water(T) at t ≥ 0 °C, p_w,ice(T) below: a frosting surface is ice                (4)
 *   w       = 0.62198·p_w/(p − p_w)             humidity ratio, kg/kg dry air (5) ASHRAE Fundamentals ch. 1 eq. (22)
 *   h       = 1006·t + w·(2.501e6 + 1860·t)     J/kg dry air, t in °C      (6) ASHRAE Fundamentals ch. 1 eq. (32)
 * </pre>
 * Heat flow and enthalpy are per kg of dry air. Valid −40…+50 °C at about 1 atm (p = 101 325 Pa). Before issue #15
 * item 4 the air's RH was taken over ice below 0 °C, which put its humidity ratio 5–16 % low at −5…−15 °C.
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

    /** Saturation vapour pressure over (supercooled below 0 °C) water, equation (1), Pa. */
    public static double saturationVapourPressureOverWaterPa(double temperatureK) {
        double t = temperatureK - 273.15;
        return 611.2 * Math.exp(17.62 * t / (243.12 + t));
    }

    /** Saturation vapour pressure over ice, equation (2), Pa (meaningful below 0 °C). */
    public static double saturationVapourPressureOverIcePa(double temperatureK) {
        double t = temperatureK - 273.15;
        return 611.2 * Math.exp(22.46 * t / (272.62 + t));
    }

    /** Saturation vapour pressure at a surface: over water at t ≥ 0 °C, over ice below (a frosting surface), eq. (4), Pa. */
    public static double saturationVapourPressurePa(double temperatureK) {
        return temperatureK >= 273.15 ? saturationVapourPressureOverWaterPa(temperatureK) : saturationVapourPressureOverIcePa(temperatureK);
    }

    /** Humidity ratio from a vapour pressure, equation (5), kg water per kg dry air. */
    public static double humidityRatioFromVapourPressure(double vapourPressurePa) {
        double pw = Math.max(0.0, vapourPressurePa);
        return 0.62198 * pw / (PRESSURE_PA - pw);
    }

    /**
     * Humidity ratio (kg water per kg dry air) of air at a temperature and a relative humidity (0–1), the RH over
     * water as weather data give it (WMO), equations (3) and (5).
     */
    public static double humidityRatio(double temperatureK, double relativeHumidityRatio) {
        double rh = Math.max(0.0, Math.min(1.0, relativeHumidityRatio));
        return humidityRatioFromVapourPressure(rh * saturationVapourPressureOverWaterPa(temperatureK));
    }

    /** Humidity ratio of air saturated at a surface of this temperature (over ice below 0 °C), equations (4)-(5). */
    public static double saturationHumidityRatio(double temperatureK) {
        return humidityRatioFromVapourPressure(saturationVapourPressurePa(temperatureK));
    }

    /** Frost point of the air, K: the ice-surface temperature at which p_w,ice = p_w (inverse of (2)); NaN for dry air. */
    public static double frostPointK(double temperatureK, double relativeHumidityRatio) {
        double pw = Math.max(0.0, Math.min(1.0, relativeHumidityRatio)) * saturationVapourPressureOverWaterPa(temperatureK);
        if (pw <= 0) return Double.NaN;
        double l = Math.log(pw / 611.2);
        return 273.15 + 272.62 * l / (22.46 - l);
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
