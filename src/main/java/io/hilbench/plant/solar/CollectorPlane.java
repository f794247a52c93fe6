package io.hilbench.plant.solar;

import io.hilbench.plant.Require;

/**
 * The collector plane: its orientation and the isotropic-sky transposition of horizontal irradiance onto it
 * (Liu &amp; Jordan 1963; Duffie &amp; Beckman 2013, eq. 2.15.1 and 1.8.1):
 * <pre>
 *   G_b,T = (G − G_d)·R_b,  R_b = max(0, cos θ) / cos θ_z                    (beam on the plane)
 *   G_d,T = G_d·(1 + cos β)/2 + G·ρ_g·(1 − cos β)/2                          (sky diffuse + ground-reflected)
 * </pre>
 * With the sun below {@code minimumElevation} the beam is taken as diffuse (R_b blows up near the horizon).
 *
 * @param slopeRad               β (40° [U]: Danish fields are tilted 35–45° to the south)
 * @param azimuthRad             γ, 0 = south, west positive (0 [U])
 * @param groundReflectanceRatio ρ_g (0.2 [L])
 */
public record CollectorPlane(double slopeRad, double azimuthRad, double groundReflectanceRatio) {
    /** Below this solar elevation (3°) the beam is treated as diffuse. */
    static final double MIN_COS_ZENITH = Math.sin(Math.toRadians(3.0));

    public CollectorPlane {
        Require.within("slopeRad", slopeRad, 0, Math.PI / 2);
        Require.within("azimuthRad", azimuthRad, -Math.PI, Math.PI);
        Require.ratio("groundReflectanceRatio", groundReflectanceRatio);
    }

    public static CollectorPlane solrodDefaults() {
        return new CollectorPlane(Math.toRadians(40), 0.0, 0.2);
    }

    /** Beam irradiance on the plane, W/m². */
    public double beamWPerM2(double globalWPerM2, double diffuseWPerM2, double cosZenith, double cosIncidence) {
        if (cosZenith < MIN_COS_ZENITH) return 0.0;
        return Math.max(0.0, globalWPerM2 - diffuseWPerM2) * Math.max(0.0, cosIncidence) / cosZenith;
    }

    /** Diffuse (sky and ground) irradiance on the plane, W/m²; the beam counts as diffuse with the sun below 3°. */
    public double diffuseWPerM2(double globalWPerM2, double diffuseWPerM2, double cosZenith) {
        double sky = cosZenith < MIN_COS_ZENITH ? globalWPerM2 : diffuseWPerM2;
        double cb = Math.cos(slopeRad);
        return sky * (1 + cb) / 2 + globalWPerM2 * groundReflectanceRatio * (1 - cb) / 2;
    }
}
