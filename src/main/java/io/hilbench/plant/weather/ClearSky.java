package io.hilbench.plant.weather;

/**
 * Clear-sky irradiance after Hottel (1976) for the beam and Liu &amp; Jordan (1960) for the diffuse, as given in
 * Duffie &amp; Beckman 2013, §2.8 (eqs. 2.8.1, 2.8.5, Table 2.8.1):
 * <pre>
 *   τ_b = a0 + a1·exp(−k / cos θ_z)
 *   a0 = r0·(0.4237 − 0.00821·(6 − A)²),  a1 = r1·(0.5055 + 0.00595·(6.5 − A)²),  k = rk·(0.2711 + 0.01858·(2.5 − A)²)   (A: altitude, km)
 *   G_b,h = G_on·τ_b·cos θ_z,   G_d,h = G_on·cos θ_z·(0.271 − 0.294·τ_b)
 * </pre>
 * Climate corrections (r0, r1, rk): mid-latitude summer 0.97, 0.99, 1.02; mid-latitude winter 1.03, 1.01, 1.00.
 */
public final class ClearSky {
    private ClearSky() {}

    /** Writes {global, diffuse} horizontal, W/m², for the sun at cos θ_z on day n; zero at night. */
    public static void horizontal(double cosZenith, double dayOfYear, double altitudeKm, boolean summer, double[] out) {
        if (cosZenith <= 0.01) {
            out[0] = 0;
            out[1] = 0;
            return;
        }
        double r0 = summer ? 0.97 : 1.03, r1 = summer ? 0.99 : 1.01, rk = summer ? 1.02 : 1.00;
        double a0 = r0 * (0.4237 - 0.00821 * (6 - altitudeKm) * (6 - altitudeKm));
        double a1 = r1 * (0.5055 + 0.00595 * (6.5 - altitudeKm) * (6.5 - altitudeKm));
        double k = rk * (0.2711 + 0.01858 * (2.5 - altitudeKm) * (2.5 - altitudeKm));
        double tb = a0 + a1 * Math.exp(-k / cosZenith);
        double gon = SunPosition.extraterrestrialNormalWPerM2(dayOfYear);
        double beam = gon * tb * cosZenith;
        double diffuse = gon * cosZenith * Math.max(0.0, 0.271 - 0.294 * tb);
        out[0] = beam + diffuse;
        out[1] = diffuse;
    }
}
