package io.hilbench.plant.solar;

import io.hilbench.plant.Require;

/**
 * Design data of {@link SolarCollectorField}: the EN 12975-2 / ISO 9806 quasi-dynamic collector parameters, referred
 * to the field's gross area. Tags: [S] named source, [L] literature range, not verified, [U] unknown. Sources:
 * {@code plant-models/solar-field/README.md}.
 *
 * @param areaM2                         collector area of the field (2,569 m² [S powerengineeringint.com])
 * @param peakEfficiencyRatio            η0, zero-loss efficiency at normal incidence (0.80 [S DESIGN §5, L: Arcon-Sunmark HT class 0.80–0.82])
 * @param a1WPerM2K                      first-order heat-loss coefficient a1 (2.3 W/m²·K [S DESIGN §5, L: 2.0–2.5])
 * @param a2WPerM2K2                     second-order heat-loss coefficient a2 (0.012 W/m²·K² [S DESIGN §5, L: 0.010–0.016])
 * @param effectiveHeatCapacityJPerM2K   c_eff, collector plus field-piping fluid (7,000 J/m²·K [L]; TransiEnt's small collector: 5,000)
 * @param incidenceAngleModifierB0       b0 of K_θb = 1 − b0·(1/cos θ − 1) (0.12 [L], typical flat plate 0.10–0.15)
 * @param diffuseIncidenceAngleModifier  K_θd for sky diffuse irradiance (0.90 [L])
 */
public record SolarCollectorParameters(
        double areaM2,
        double peakEfficiencyRatio,
        double a1WPerM2K,
        double a2WPerM2K2,
        double effectiveHeatCapacityJPerM2K,
        double incidenceAngleModifierB0,
        double diffuseIncidenceAngleModifier) {

    public SolarCollectorParameters {
        Require.positive("areaM2", areaM2);
        Require.within("peakEfficiencyRatio", peakEfficiencyRatio, 0.01, 1.0);
        Require.nonNegative("a1WPerM2K", a1WPerM2K);
        Require.nonNegative("a2WPerM2K2", a2WPerM2K2);
        Require.positive("effectiveHeatCapacityJPerM2K", effectiveHeatCapacityJPerM2K);
        Require.within("incidenceAngleModifierB0", incidenceAngleModifierB0, 0.0, 1.0);
        Require.within("diffuseIncidenceAngleModifier", diffuseIncidenceAngleModifier, 0.0, 1.0);
    }

    /** The Solrød field (DESIGN §5). */
    public static SolarCollectorParameters solrodDefaults() {
        return new SolarCollectorParameters(2569.0, 0.80, 2.3, 0.012, 7000.0, 0.12, 0.90);
    }
}
