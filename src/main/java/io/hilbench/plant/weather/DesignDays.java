package io.hilbench.plant.weather;

import io.hilbench.Units;

/**
 * The design days of the Solrød rig (DESIGN §5), each a 24 h series at 15 min that repeats daily. Clear skies from
 * {@link ClearSky}, overcast from a daily clearness index with the Collares-Pereira &amp; Rabl hourly shape and all of
 * it diffuse. Provenance and the reasons for each number: {@code plant-models/weather/README.md}.
 * <table>
 *   <caption>design days</caption>
 *   <tr><th>index</th><th>day</th><th>date (n)</th><th>air</th><th>RH</th><th>sky</th></tr>
 *   <tr><td>0</td><td>winter design (the heat pump's rating point)</td><td>15 Jan (15)</td><td>0 °C constant</td><td>90 %</td><td>overcast, K_T = 0.15</td></tr>
 *   <tr><td>1</td><td>cold (DS 418 design outdoor temperature)</td><td>20 Jan (20)</td><td>−12 °C constant</td><td>80 %</td><td>clear, winter</td></tr>
 *   <tr><td>2</td><td>sunny spring day</td><td>20 Apr (110)</td><td>4 … 14 °C (one harmonic: min 03:00, max 15:00)</td><td>65 % ± 15</td><td>clear, summer correction</td></tr>
 *   <tr><td>3</td><td>summer day</td><td>1 Jul (182)</td><td>14 … 24 °C</td><td>65 % ± 15</td><td>clear, summer correction</td></tr>
 * </table>
 */
public final class DesignDays {
    private DesignDays() {}

    public static final double STEP_S = 900.0;
    private static final double ALTITUDE_KM = 0.05;

    public static WeatherSeries winterDesign() {
        return day("winter design day: 0 degC, 90 % RH, overcast (15 Jan)", 15, 0, 0, 0.90, 0.0, Sky.OVERCAST);
    }

    public static WeatherSeries cold() {
        return day("cold day: -12 degC, 80 % RH, clear (20 Jan)", 20, -12, 0, 0.80, 0.0, Sky.CLEAR_WINTER);
    }

    public static WeatherSeries sunnySpring() {
        return day("sunny spring day: 4..14 degC, clear (20 Apr)", 110, 9, 10, 0.65, 0.15, Sky.CLEAR_SUMMER);
    }

    public static WeatherSeries summer() {
        return day("summer day: 14..24 degC, clear (1 Jul)", 182, 19, 10, 0.65, 0.15, Sky.CLEAR_SUMMER);
    }

    private enum Sky { OVERCAST, CLEAR_WINTER, CLEAR_SUMMER }

    private static WeatherSeries day(String name, int n, double meanC, double rangeK, double rh, double rhSwing, Sky sky) {
        SunPosition sun = SunPosition.havdrup();
        int count = (int) (86400 / STEP_S);
        double[] t = new double[count], air = new double[count], hum = new double[count], g = new double[count], d = new double[count];
        double[] out = new double[2];
        // overcast: daily clearness 0.15 of the extraterrestrial, shaped like eq. 2.13.2, all diffuse
        double phi = sun.latitudeRad();
        double hd = 0.15 * SyntheticWeatherYear.dailyExtraterrestrialJPerM2(phi, n);
        double delta = SunPosition.declinationRad(n);
        double ws = Math.acos(Math.max(-1, Math.min(1, -Math.tan(phi) * Math.tan(delta))));
        double a = 0.409 + 0.5016 * Math.sin(ws - Math.PI / 3);
        double b = 0.6609 - 0.4767 * Math.sin(ws - Math.PI / 3);
        double denom = Math.sin(ws) - ws * Math.cos(ws);
        for (int k = 0; k < count; k++) {
            double time = (n - 1) * 86400.0 + k * STEP_S;
            double hour = k * STEP_S / 3600.0;
            t[k] = time;
            // one harmonic peaking at 15:00 (minimum 03:00)
            double shape = Math.cos(2 * Math.PI * (hour - 15) / 24);
            air[k] = Units.degCToK(meanC + rangeK / 2 * shape);
            hum[k] = Math.max(0.3, Math.min(1.0, rh - rhSwing * shape));
            double cz = sun.cosZenith(time);
            if (sky == Sky.OVERCAST) {
                double omega = sun.hourAngleRad(time);
                double rt = (Math.PI / 24) * (a + b * Math.cos(omega)) * (Math.cos(omega) - Math.cos(ws)) / denom;
                double irr = cz > 0.01 && rt > 0 ? rt * hd / 3600.0 : 0.0;
                g[k] = irr;
                d[k] = irr;
            } else {
                ClearSky.horizontal(cz, n, ALTITUDE_KM, sky == Sky.CLEAR_SUMMER, out);
                g[k] = out[0];
                d[k] = out[1];
            }
        }
        return new WeatherSeries(name, 86400.0, t, air, hum, g, d);
    }
}
