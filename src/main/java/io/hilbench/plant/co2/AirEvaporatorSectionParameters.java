package io.hilbench.plant.co2;

/**
 * Design data of one air-evaporator section (section valve XV-23s, hot-gas defrost valve XV-24s, EC fan F-25s)
 * ({@link AirEvaporatorSection}). SI units; sources in plant-models/co2-heat-pump/README.md.
 *
 * @param airFlowNominalM3PerS          air flow at full fan speed through a clean coil (28 m³/s [C]: 4 sections ≈ 140 kg/s, domain notes §2.2)
 * @param conductanceNominalWPerK       air-side conductance UA at the nominal air flow, clean coil ([C] tuned: −8 °C evaporation at the design point)
 * @param airFlowExponent               UA ∝ (air flow ratio)^n (0.6 [L] fin-tube air side)
 * @param coilPressureDropNominalPa     clean-coil air-side pressure drop at the nominal flow (80 Pa [U])
 * @param fanShutoffPressureRatio       fan curve Δp_fan = Δp_0·n² − b·V̇², Δp_0 / Δp_nom (2.5 [U])
 * @param fanPowerNominalW              fan electric power at full speed, clean coil (7.5 kW [U])
 * @param coilHeatCapacityJPerK         coil metal and refrigerant hold-up (1.2 MJ/K [U])
 * @param coilTimeConstantS             coil temperature following the evaporating temperature (30 s [U])
 * @param hotGasConductanceWPerK        condensing hot gas to coil during defrost (12 kW/K [U])
 * @param hotGasCondensingTemperatureK  defrost back-pressure regulator's condensing temperature (15 °C ≈ 50.9 bar [U])
 * @param naturalConductanceWPerK       coil to air with the fan off (1.5 kW/K [U])
 * @param dripTimeConstantS             melt water drains off the coil (60 s [S Danfoss AK-RC 251 d9: 1 min drip])
 * @param frost                         the frost layer
 */
public record AirEvaporatorSectionParameters(
        double airFlowNominalM3PerS,
        double conductanceNominalWPerK,
        double airFlowExponent,
        double coilPressureDropNominalPa,
        double fanShutoffPressureRatio,
        double fanPowerNominalW,
        double coilHeatCapacityJPerK,
        double coilTimeConstantS,
        double hotGasConductanceWPerK,
        double hotGasCondensingTemperatureK,
        double naturalConductanceWPerK,
        double dripTimeConstantS,
        FrostLayerParameters frost) {

    public AirEvaporatorSectionParameters {
        Check.positive("airFlowNominalM3PerS", airFlowNominalM3PerS);
        Check.positive("conductanceNominalWPerK", conductanceNominalWPerK);
        Check.inRange("airFlowExponent", airFlowExponent, 0, 1);
        Check.positive("coilPressureDropNominalPa", coilPressureDropNominalPa);
        if (!(fanShutoffPressureRatio > 1)) throw new IllegalArgumentException("fanShutoffPressureRatio must be > 1, was " + fanShutoffPressureRatio);
        Check.nonNegative("fanPowerNominalW", fanPowerNominalW);
        Check.positive("coilHeatCapacityJPerK", coilHeatCapacityJPerK);
        Check.positive("coilTimeConstantS", coilTimeConstantS);
        Check.nonNegative("hotGasConductanceWPerK", hotGasConductanceWPerK);
        Check.positive("hotGasCondensingTemperatureK", hotGasCondensingTemperatureK);
        Check.nonNegative("naturalConductanceWPerK", naturalConductanceWPerK);
        Check.positive("dripTimeConstantS", dripTimeConstantS);
        if (frost == null) throw new IllegalArgumentException("frost must be given");
    }

    public static AirEvaporatorSectionParameters solrodDefaults() {
        return new AirEvaporatorSectionParameters(28, 26e3, 0.6, 80, 2.5, 7.5e3, 1.2e6, 30, 12e3, 288.15, 1.5e3, 60,
                FrostLayerParameters.solrodDefaults());
    }
}
