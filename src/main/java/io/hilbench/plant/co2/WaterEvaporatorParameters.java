package io.hilbench.plant.co2;

/**
 * Design data of the tank-source water evaporator with pump P-261 and valve XV-261 ({@link WaterEvaporator}).
 *
 * @param conductanceNominalWPerK    UA at the nominal water flow (120 kW/K [U]: plate heat exchanger, ~1 MW at ~8 K mean ΔT)
 * @param waterFlowNominalM3PerS     P-261 flow at full speed (60 m³/h [U])
 * @param flowExponent               UA ∝ (flow ratio)^n (0.8 [L])
 * @param evaporatingPressureMaxPa   the regulator's cap on the evaporating pressure (45 bar [S DESIGN §5])
 * @param pumpTimeConstantS          flow response of P-261 (3 s [L])
 * @param waterDensityKgPerM3        water density (995 kg/m³ at ~30 °C)
 * @param waterSpecificHeatJPerKgK   water c_p (4180 J/(kg·K))
 */
public record WaterEvaporatorParameters(double conductanceNominalWPerK, double waterFlowNominalM3PerS, double flowExponent,
                                        double evaporatingPressureMaxPa, double pumpTimeConstantS, double waterDensityKgPerM3,
                                        double waterSpecificHeatJPerKgK) {
    public WaterEvaporatorParameters {
        Check.positive("conductanceNominalWPerK", conductanceNominalWPerK);
        Check.positive("waterFlowNominalM3PerS", waterFlowNominalM3PerS);
        Check.inRange("flowExponent", flowExponent, 0, 1);
        Check.positive("evaporatingPressureMaxPa", evaporatingPressureMaxPa);
        Check.positive("pumpTimeConstantS", pumpTimeConstantS);
        Check.positive("waterDensityKgPerM3", waterDensityKgPerM3);
        Check.positive("waterSpecificHeatJPerKgK", waterSpecificHeatJPerKgK);
    }

    public static WaterEvaporatorParameters solrodDefaults() {
        return new WaterEvaporatorParameters(120e3, 60.0 / 3600, 0.8, 45e5, 3.0, 995, 4180);
    }
}
