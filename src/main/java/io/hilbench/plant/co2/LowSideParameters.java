package io.hilbench.plant.co2;

/**
 * Design data of the suction side ({@link LowSide}): the evaporator coils, the suction accumulator, the suction line
 * and header and the compressors' suction chambers, one two-phase volume in equilibrium. SI units; sources and
 * reasoning in plant-models/co2-heat-pump/README.md ("Low side").
 *
 * @param volumeM3                   CO2 volume (1.0 m³ [U]: four coils of ~0.15 m³, an accumulator of ~0.3 m³, header
 *                                   and line ~0.1 m³)
 * @param liquidShareAtRest          share of the volume that is liquid at plant time 0 (0.5 [U]: the charge the stopped
 *                                   plant holds condensed in the coils and the accumulator; 387 kg at 20 °C)
 * @param metalHeatCapacityJPerK     metal at the suction temperature, besides the coils' own fins and tubes, which the
 *                                   air section carries (1.0 MJ/K [U]: accumulator, header, suction line and the four
 *                                   compressor bodies, about 2 t of steel and cast iron at ~0.48 kJ/(kg·K))
 * @param standstillConductanceWPerK heat conductance to the coldest place at standstill (2.2 kW/K [U]: with the low
 *                                   side's ≈ 2 MJ/K at a fixed charge this keeps the 900 s time constant of the creep it
 *                                   replaces; the coils' natural convection with the fans off is of this order, 1.5 kW/K
 *                                   per section in F4)
 */
public record LowSideParameters(double volumeM3, double liquidShareAtRest, double metalHeatCapacityJPerK,
                                double standstillConductanceWPerK) {
    public LowSideParameters {
        Check.positive("volumeM3", volumeM3);
        Check.inRange("liquidShareAtRest", liquidShareAtRest, 0.05, 0.95);
        Check.nonNegative("metalHeatCapacityJPerK", metalHeatCapacityJPerK);
        Check.nonNegative("standstillConductanceWPerK", standstillConductanceWPerK);
    }

    public static LowSideParameters solrodDefaults() {
        return new LowSideParameters(1.0, 0.5, 1.0e6, 2200);
    }
}
