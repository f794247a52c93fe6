package io.hilbench.plant.weather;

import io.hilbench.Units;
import java.util.SplittableRandom;

/**
 * A documented synthetic weather year for Havdrup (55.5° N), hourly, built from monthly climate statistics so the
 * annual load, the solar yield and the heat pump's air temperatures have the right seasons. It is <b>not</b> a
 * measured year or a Danish Design Reference Year (DRY): day-to-day weather is a seeded random pattern whose
 * monthly means equal the statistics exactly (temperature) or to rounding (radiation).
 *
 * <p>Monthly statistics ({@link #MEAN_TEMPERATURE_DEG_C} and the others): Danish country means of the DMI climate
 * normals 1991–2020 as published on dmi.dk ("Klimanormaler"), quoted from memory and tagged [L] in
 * {@code plant-models/weather/README.md}: check them against DMI Teknisk Rapport 13-08 (reference values 2001–2010 per
 * station: temperature, relative humidity, global radiation) or dmi.dk before relying on them. Annual: 8.8 °C, 1,013 kWh/m² global radiation.
 *
 * <p>Construction, per day d of month m (Duffie &amp; Beckman 2013 equation numbers):
 * <pre>
 *   H0_d   extraterrestrial daily irradiation on the horizontal                                    (eq. 1.10.3)
 *   K_T,d  = K̄_T,m·(1 + 0.45·u_d), u_d uniform in [−1, 1], clipped to [0.05, 0.75]; H_d = K_T,d·H0_d      (daily clearness)
 *   I_h    = r_t(ω_h)·H_d, Collares-Pereira &amp; Rabl r_t at the hour's mid-point, normalised to Σ_h r_t = 1   (eq. 2.13.2)
 *   I_d,h  = Erbs et al. diffuse fraction of k_T = I_h / I0_h                                          (eq. 2.10.1)
 *   then every month's GHI and DHI are scaled so the month sums to its statistic
 *   T_d    = (monthly means interpolated between mid-months) + AR(1) anomaly (φ = 0.8, σ = 2.0 K), then shifted per
 *            month so the month's mean equals the statistic;  T_h = T_d + R_m/2 · k_d · cos(2π(h − 15)/24),
 *            k_d = 0.6 + 0.4·K_T,d/K̄_T,m (clear days swing more)
 *   RH_h   = RH_m − 2.5 %/K · (T_h − T_d), clipped to [30, 100] %
 * </pre>
 * Samples stand at the middle of each clock hour (h + 0.5) and hold the hour's mean irradiance; 365 days, no leap day.
 */
public final class SyntheticWeatherYear {
    private SyntheticWeatherYear() {}

    /** Mean air temperature per month, °C (DMI normals 1991–2020, Denmark [L]). */
    public static final double[] MEAN_TEMPERATURE_DEG_C = {1.6, 1.5, 3.4, 7.3, 11.3, 14.6, 17.1, 17.0, 13.8, 9.6, 5.6, 2.7};
    /** Mean daily temperature range (max − min) per month, K ([L] DMI normals, approximate). */
    public static final double[] DAILY_RANGE_K = {4.5, 5.0, 6.5, 8.5, 9.5, 9.5, 9.0, 8.5, 7.5, 6.0, 4.5, 4.0};
    /** Mean relative humidity per month, % ([L] DMI normals). */
    public static final double[] RELATIVE_HUMIDITY_PERCENT = {89, 87, 83, 76, 73, 75, 77, 79, 83, 87, 89, 90};
    /** Global radiation on the horizontal per month, kWh/m² ([L] DMI normals; annual 1,013). */
    public static final double[] GLOBAL_RADIATION_KWH_PER_M2 = {16, 33, 71, 120, 160, 166, 162, 128, 83, 44, 19, 11};
    /** Days per month (no leap day). */
    public static final int[] DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    /** The seed of the published year (plant-models/weather/synthetic-year-55.5N.csv). */
    public static final long DEFAULT_SEED = 555L;

    public static WeatherSeries generate() {
        return generate(SunPosition.havdrup(), DEFAULT_SEED);
    }

    public static WeatherSeries generate(SunPosition sun, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int hours = 8760;
        double[] t = new double[hours], air = new double[hours], rh = new double[hours], ghi = new double[hours], dhi = new double[hours];
        double phi = sun.latitudeRad();
        double[] dailyMeanC = new double[365];
        double[] dailyClearness = new double[365];
        double anomaly = 0;
        int day = 0;
        for (int m = 0; m < 12; m++) {
            int firstDay = day;
            double h0Month = 0;
            for (int d = 0; d < DAYS[m]; d++) h0Month += dailyExtraterrestrialJPerM2(phi, firstDay + d + 1);
            double ktMean = GLOBAL_RADIATION_KWH_PER_M2[m] * 3.6e6 / h0Month;
            double monthGhiJ = 0;
            double tempSum = 0;
            for (int d = 0; d < DAYS[m]; d++, day++) {
                int n = day + 1;
                double kt = Math.max(0.05, Math.min(0.75, ktMean * (1 + 0.45 * (2 * random.nextDouble() - 1))));
                dailyClearness[day] = kt / ktMean;
                double hd = kt * dailyExtraterrestrialJPerM2(phi, n);
                // hourly shape, eq. 2.13.2
                double delta = SunPosition.declinationRad(n);
                double ws = Math.acos(Math.max(-1, Math.min(1, -Math.tan(phi) * Math.tan(delta))));
                double a = 0.409 + 0.5016 * Math.sin(ws - Math.PI / 3);
                double b = 0.6609 - 0.4767 * Math.sin(ws - Math.PI / 3);
                double denom = Math.sin(ws) - ws * Math.cos(ws);
                double[] w = new double[24];
                double wSum = 0;
                for (int h = 0; h < 24; h++) {
                    double time = (n - 1) * 86400.0 + (h + 0.5) * 3600.0;
                    double omega = sun.hourAngleRad(time);
                    double cz = sun.cosZenith(time);
                    double rt = (Math.PI / 24) * (a + b * Math.cos(omega)) * (Math.cos(omega) - Math.cos(ws)) / denom;
                    w[h] = cz > 0.02 && rt > 0 ? rt : 0;
                    wSum += w[h];
                }
                for (int h = 0; h < 24; h++) {
                    int k = day * 24 + h;
                    double time = (n - 1) * 86400.0 + (h + 0.5) * 3600.0;
                    t[k] = time;
                    double irr = wSum > 0 ? w[h] / wSum * hd / 3600.0 : 0.0;   // mean W/m² over the hour
                    double i0 = SunPosition.extraterrestrialNormalWPerM2(n) * Math.max(0, sun.cosZenith(time));
                    if (irr > 0.8 * i0) irr = 0.8 * i0;
                    ghi[k] = irr;
                    dhi[k] = irr * erbsDiffuseFraction(i0 > 0 ? irr / i0 : 0);
                    monthGhiJ += irr * 3600.0;
                }
                double mid = interpolatedMonthlyMean(day);
                anomaly = 0.8 * anomaly + 2.0 * Math.sqrt(1 - 0.64) * gaussian(random);
                dailyMeanC[day] = mid + anomaly;
                tempSum += dailyMeanC[day];
            }
            double scale = monthGhiJ > 0 ? GLOBAL_RADIATION_KWH_PER_M2[m] * 3.6e6 / monthGhiJ : 0;
            double shift = MEAN_TEMPERATURE_DEG_C[m] - tempSum / DAYS[m];
            for (int d = firstDay; d < day; d++) {
                dailyMeanC[d] += shift;
                double swing = DAILY_RANGE_K[m] / 2 * (0.6 + 0.4 * dailyClearness[d]);
                for (int h = 0; h < 24; h++) {
                    int k = d * 24 + h;
                    ghi[k] = Math.min(1400, ghi[k] * scale);
                    dhi[k] = Math.min(ghi[k], dhi[k] * scale);
                    double dev = swing * Math.cos(2 * Math.PI * (h + 0.5 - 15) / 24);
                    air[k] = Units.degCToK(dailyMeanC[d] + dev);
                    rh[k] = Math.max(0.30, Math.min(1.0, (RELATIVE_HUMIDITY_PERCENT[m] - 2.5 * dev) / 100.0));
                }
            }
        }
        return new WeatherSeries("synthetic year 55.5N (DMI 1991-2020 monthly statistics, seed " + seed + ")", 365 * 86400.0, t, air, rh, ghi, dhi);
    }

    /** D&amp;B eq. 1.10.3: H0 = (24·3600·G_sc/π)·(1 + 0.033 cos(360n/365))·(cos φ cos δ sin ω_s + ω_s sin φ sin δ), J/m². */
    public static double dailyExtraterrestrialJPerM2(double latitudeRad, int dayOfYear) {
        double delta = SunPosition.declinationRad(dayOfYear);
        double ws = Math.acos(Math.max(-1, Math.min(1, -Math.tan(latitudeRad) * Math.tan(delta))));
        return 24 * 3600 * 1361.0 / Math.PI * (1 + 0.033 * Math.cos(2 * Math.PI * dayOfYear / 365.0))
                * (Math.cos(latitudeRad) * Math.cos(delta) * Math.sin(ws) + ws * Math.sin(latitudeRad) * Math.sin(delta));
    }

    /** Erbs, Klein &amp; Duffie (1982) hourly diffuse fraction, D&amp;B eq. 2.10.1. */
    public static double erbsDiffuseFraction(double kt) {
        if (kt <= 0.22) return 1 - 0.09 * kt;
        if (kt <= 0.80) return 0.9511 - 0.1604 * kt + 4.388 * kt * kt - 16.638 * kt * kt * kt + 12.336 * kt * kt * kt * kt;
        return 0.165;
    }

    /** Monthly means placed at mid-month, interpolated linearly (cyclic over the year), °C. */
    static double interpolatedMonthlyMean(int dayIndex) {
        double[] mid = new double[12];
        int start = 0;
        for (int m = 0; m < 12; m++) {
            mid[m] = start + DAYS[m] / 2.0;
            start += DAYS[m];
        }
        double x = dayIndex + 0.5;
        for (int m = 0; m < 12; m++) {
            int next = (m + 1) % 12;
            double x0 = mid[m], x1 = next == 0 ? mid[0] + 365 : mid[next];
            double xx = x < mid[0] ? x + 365 : x;
            if (xx >= x0 && xx < x1) return MEAN_TEMPERATURE_DEG_C[m] + (MEAN_TEMPERATURE_DEG_C[next] - MEAN_TEMPERATURE_DEG_C[m]) * (xx - x0) / (x1 - x0);
        }
        return MEAN_TEMPERATURE_DEG_C[0];
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller, one value (deterministic for a seed)
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-300))) * Math.cos(2 * Math.PI * u2);
    }
}
