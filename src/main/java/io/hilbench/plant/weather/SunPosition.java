package io.hilbench.plant.weather;

import io.hilbench.plant.Require;

/**
 * Position of the sun and its incidence on a tilted plane, after Duffie &amp; Beckman, <i>Solar Engineering of Thermal
 * Processes</i>, 4th ed. (2013), chapter 1. Angles in radians inside; time is local standard (clock) time.
 * <pre>
 *   B = 2π·(n − 1)/365                                                              (D&amp;B eq. 1.4.2)
 *   E = 229.2·(0.000075 + 0.001868 cos B − 0.032077 sin B − 0.014615 cos 2B − 0.04089 sin 2B)  [min]   (1.5.3, equation of time)
 *   solar time = standard time + 4 min/°·(L_loc − L_st) + E                         (1.5.2, east longitudes positive)
 *   δ = 23.45° · sin(2π·(284 + n)/365)                                              (1.6.1a, Cooper 1969)
 *   ω = 15°/h · (solar time − 12 h)                                                 (hour angle, morning negative)
 *   cos θ_z = cos φ cos δ cos ω + sin φ sin δ                                       (1.6.5)
 *   cos θ = sin δ sin φ cos β − sin δ cos φ sin β cos γ + cos δ cos φ cos β cos ω
 *         + cos δ sin φ sin β cos γ cos ω + cos δ sin β sin γ sin ω                  (1.6.2, γ surface azimuth, 0 = south, west positive)
 * </pre>
 * n is the day of the year (1 = 1 January); φ latitude, β slope of the plane, γ its azimuth.
 *
 * @param latitudeRad             φ (Havdrup: 55.5° N [S DESIGN §5])
 * @param longitudeEastRad        L_loc, east positive (Havdrup ≈ 12.1° E)
 * @param standardMeridianEastRad L_st of the clock's time zone (CET: 15° E)
 */
public record SunPosition(double latitudeRad, double longitudeEastRad, double standardMeridianEastRad) {
    public SunPosition {
        Require.within("latitudeRad", latitudeRad, -Math.PI / 2, Math.PI / 2);
        Require.finite("longitudeEastRad", longitudeEastRad);
        Require.finite("standardMeridianEastRad", standardMeridianEastRad);
    }

    /** Havdrup, Solrød: 55.5° N, 12.1° E, clock on CET (no daylight saving). */
    public static SunPosition havdrup() {
        return new SunPosition(Math.toRadians(55.5), Math.toRadians(12.1), Math.toRadians(15.0));
    }

    /** Declination δ on day n (D&amp;B eq. 1.6.1a). */
    public static double declinationRad(double dayOfYear) {
        return Math.toRadians(23.45) * Math.sin(2 * Math.PI * (284 + dayOfYear) / 365.0);
    }

    /** Equation of time E in minutes (D&amp;B eq. 1.5.3). */
    public static double equationOfTimeMin(double dayOfYear) {
        double b = 2 * Math.PI * (dayOfYear - 1) / 365.0;
        return 229.2 * (0.000075 + 0.001868 * Math.cos(b) - 0.032077 * Math.sin(b) - 0.014615 * Math.cos(2 * b) - 0.04089 * Math.sin(2 * b));
    }

    /** Hour angle ω at a clock time (seconds since 1 January 00:00 local standard time). */
    public double hourAngleRad(double timeOfYearS) {
        double day = Math.floor(timeOfYearS / 86400.0) + 1;
        double clockH = (timeOfYearS - (day - 1) * 86400.0) / 3600.0;
        double solarH = clockH + (4.0 * Math.toDegrees(longitudeEastRad - standardMeridianEastRad) + equationOfTimeMin(day)) / 60.0;
        return Math.toRadians(15.0 * (solarH - 12.0));
    }

    /** Day of the year n (1 = 1 January) at a time of year; a time beyond 365 days wraps. */
    public static double dayOfYear(double timeOfYearS) {
        double t = timeOfYearS % (365 * 86400.0);
        if (t < 0) t += 365 * 86400.0;
        return Math.floor(t / 86400.0) + 1;
    }

    /** cos θ_z, the cosine of the zenith angle (D&amp;B eq. 1.6.5); negative at night. */
    public double cosZenith(double timeOfYearS) {
        double n = dayOfYear(timeOfYearS);
        double d = declinationRad(n);
        double w = hourAngleRad(wrap(timeOfYearS));
        return Math.cos(latitudeRad) * Math.cos(d) * Math.cos(w) + Math.sin(latitudeRad) * Math.sin(d);
    }

    /** Solar elevation α_s = 90° − θ_z, rad. */
    public double elevationRad(double timeOfYearS) {
        return Math.asin(Math.max(-1, Math.min(1, cosZenith(timeOfYearS))));
    }

    /** cos θ on a plane of slope β and azimuth γ (0 = south, west positive), D&amp;B eq. 1.6.2. */
    public double cosIncidence(double timeOfYearS, double slopeRad, double surfaceAzimuthRad) {
        double n = dayOfYear(timeOfYearS);
        double d = declinationRad(n);
        double w = hourAngleRad(wrap(timeOfYearS));
        double sp = Math.sin(latitudeRad), cp = Math.cos(latitudeRad);
        double sd = Math.sin(d), cd = Math.cos(d);
        double sb = Math.sin(slopeRad), cb = Math.cos(slopeRad);
        double sg = Math.sin(surfaceAzimuthRad), cg = Math.cos(surfaceAzimuthRad);
        double sw = Math.sin(w), cw = Math.cos(w);
        return sd * sp * cb - sd * cp * sb * cg + cd * cp * cb * cw + cd * sp * sb * cg * cw + cd * sb * sg * sw;
    }

    /** Extraterrestrial irradiance normal to the beam, W/m² (D&amp;B eq. 1.4.1a: G_on = G_sc·(1 + 0.033 cos(360n/365)), G_sc = 1361 W/m²). */
    public static double extraterrestrialNormalWPerM2(double dayOfYear) {
        return 1361.0 * (1 + 0.033 * Math.cos(2 * Math.PI * dayOfYear / 365.0));
    }

    private static double wrap(double timeOfYearS) {
        double t = timeOfYearS % (365 * 86400.0);
        return t < 0 ? t + 365 * 86400.0 : t;
    }
}
