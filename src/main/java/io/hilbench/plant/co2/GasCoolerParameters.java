package io.hilbench.plant.co2;

/**
 * Design data of the water-cooled gas cooler ({@link GasCooler}): CO2 against DH water in counterflow. SI units;
 * sources and assumptions in plant-models/co2-heat-pump/README.md.
 *
 * @param cellCount                  finite-volume cells along the flow (20; ≥ 10 per DESIGN §5 and domain notes §7)
 * @param co2SideUaNominalWPerK      CO2-side conductance at the nominal CO2 flow (250 kW/K [C]: calibrated, with the water
 *                                   side, to a 2.3 K cold-end approach at the design point's COP-optimal pressure, inside
 *                                   the 2–5 K of CO2 water-heating gas coolers [L, domain notes §2.2; issue #15] and low
 *                                   enough in it that the design optimum, 128.4 bar, stays below the 130 bar HP switch:
 *                                   co2-heat-pump README 'Cold-end approach'. Was 600 kW/K, a 0.56 K approach)
 * @param waterSideUaNominalWPerK    water-side conductance at the nominal water flow (250 kW/K [C], equal to the CO2 side: the
 *                                   two scaled together to the stated approach)
 * @param co2MassFlowNominalKgPerS   CO2 flow of the nominal conductance (5.6 kg/s [C domain notes §2.2])
 * @param waterMassFlowNominalKgPerS water flow of the nominal conductance (8.2 kg/s [C domain notes §2.2])
 * @param flowExponent               conductance ∝ (ṁ/ṁ_nom)^n on each side (0.8, Dittus–Boelter)
 * @param waterHeatCapacityJPerK     water and metal of the water side (1.9 MJ/K [C]: 0.35 m³ water + 900 kg steel,
 *                                   derived for a shell-and-tube unit of this conductance with its connections, the
 *                                   exchanger alone ~1.2 MJ/K: co2-heat-pump README 'Gas-cooler wall mass'; a site parameter)
 * @param co2VolumeM3                CO2-side internal volume of the gas cooler (0.12 m³ [U])
 * @param waterSpecificHeatJPerKgK   water c_p (4186 J/(kg·K), IF97 at 40–75 °C within 0.3 %)
 * @param standstillConductanceWPerK CO2-to-water conductance of the whole gas cooler with no CO2 flow (10 kW/K [U]:
 *                                   ~150 m² of tube, from UA_co2 = 600 kW/K at an assumed forced h ≈ 4 kW/(m²·K),
 *                                   times ~65 W/(m²·K) of natural convection of dense CO2 inside the tubes, the
 *                                   stagnant water side in series being several times larger; derived with the
 *                                   600 kW/K of before issue #15 item 1, kept: co2-heat-pump README 'Cold-end approach')
 */
public record GasCoolerParameters(
        int cellCount,
        double co2SideUaNominalWPerK,
        double waterSideUaNominalWPerK,
        double co2MassFlowNominalKgPerS,
        double waterMassFlowNominalKgPerS,
        double flowExponent,
        double waterHeatCapacityJPerK,
        double co2VolumeM3,
        double waterSpecificHeatJPerKgK,
        double standstillConductanceWPerK) {

    public GasCoolerParameters {
        Check.atLeast("cellCount", cellCount, 10);
        Check.positive("co2SideUaNominalWPerK", co2SideUaNominalWPerK);
        Check.positive("waterSideUaNominalWPerK", waterSideUaNominalWPerK);
        Check.positive("co2MassFlowNominalKgPerS", co2MassFlowNominalKgPerS);
        Check.positive("waterMassFlowNominalKgPerS", waterMassFlowNominalKgPerS);
        Check.inRange("flowExponent", flowExponent, 0.0, 1.0);
        Check.positive("waterHeatCapacityJPerK", waterHeatCapacityJPerK);
        Check.positive("co2VolumeM3", co2VolumeM3);
        Check.positive("waterSpecificHeatJPerKgK", waterSpecificHeatJPerKgK);
        Check.positive("standstillConductanceWPerK", standstillConductanceWPerK);
    }

    public static GasCoolerParameters solrodDefaults() {
        return new GasCoolerParameters(20, 250e3, 250e3, 5.6, 8.2, 0.8, 1.9e6, 0.12, 4186, 10e3);
    }
}
