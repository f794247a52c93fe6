package io.hilbench.plant.tank;

import io.hilbench.Units;
import io.hilbench.plant.Require;

/**
 * Design data of {@link StratifiedTank}, SI units. Tags as in the domain notes: [S] a named source, [C] computed,
 * [L] common practice, not verified, [U] unknown, a guess made a parameter. Sources: {@code plant-models/tank/README.md}.
 *
 * @param volumeM3                         water volume (1,250 m³ [S powerengineeringint.com, Aalborg CSP])
 * @param heightM                          water height (16 m [U]: a 10 m diameter cylinder holds 1,257 m³)
 * @param nodeCount                        horizontal layers, node 0 the top (25; DESIGN §5 asks ≥ 20)
 * @param densityKgPerM3                   water density, taken constant (985 kg/m³ at ~57 °C [C IF97])
 * @param specificHeatJPerKgK              water cp, taken constant (4180 J/kg·K [C IF97 ±0.5 % over 20–90 °C])
 * @param effectiveConductivityWPerMK      vertical conduction of water plus wall (1.0 W/m·K [L]: water 0.65, the steel wall adds some)
 * @param wallHeatLossCoefficientWPerM2K   U of the insulated wall and roof to ambient (0.25 W/m²·K [U]: ~150 mm mineral wool)
 * @param floorHeatLossCoefficientWPerM2K  U of the floor to the ground (0.3 W/m²·K [U])
 */
public record StratifiedTankParameters(
        double volumeM3,
        double heightM,
        int nodeCount,
        double densityKgPerM3,
        double specificHeatJPerKgK,
        double effectiveConductivityWPerMK,
        double wallHeatLossCoefficientWPerM2K,
        double floorHeatLossCoefficientWPerM2K) {

    public StratifiedTankParameters {
        Require.positive("volumeM3", volumeM3);
        Require.positive("heightM", heightM);
        Require.atLeast("nodeCount", nodeCount, 2);
        Require.positive("densityKgPerM3", densityKgPerM3);
        Require.positive("specificHeatJPerKgK", specificHeatJPerKgK);
        Require.nonNegative("effectiveConductivityWPerMK", effectiveConductivityWPerMK);
        Require.nonNegative("wallHeatLossCoefficientWPerM2K", wallHeatLossCoefficientWPerM2K);
        Require.nonNegative("floorHeatLossCoefficientWPerM2K", floorHeatLossCoefficientWPerM2K);
    }

    /** The Solrød tank (DESIGN §5). */
    public static StratifiedTankParameters solrodDefaults() {
        return new StratifiedTankParameters(1250.0, 16.0, 25, 985.0, 4180.0, 1.0, 0.25, 0.3);
    }

    /** Cross-section, m². */
    public double crossSectionM2() { return volumeM3 / heightM; }

    /** Heat capacity of one node, J/K. */
    public double nodeHeatCapacityJPerK() { return volumeM3 / nodeCount * densityKgPerM3 * specificHeatJPerKgK; }

    /** Heat capacity of the whole tank, J/K. */
    public double heatCapacityJPerK() { return volumeM3 * densityKgPerM3 * specificHeatJPerKgK; }

    /** Reference temperature of {@link StratifiedTank#storedEnergyJ()} (0 °C). */
    public static double energyReferenceK() { return Units.CELSIUS_OFFSET_K; }
}
