package io.hilbench.plant;

import io.hilbench.Units;

/**
 * Design data of {@link FirstHeatPumpPlant}, SI units. Defaults ({@link #solrodDefaults()}) and their sources are in
 * {@code FirstHeatPumpPlant.md} beside this file; tags as in the domain notes: [S] a named source, [C] computed,
 * [L] common practice, not verified, [U] unknown, a guess made a parameter.
 *
 * @param compressorCount                 compressors C-211.. (4 [U]: the rig binds 4)
 * @param heatFlowNominalW                heat output with every compressor at maximum speed at the rated air temperature (1.2 MW [S brief])
 * @param airTemperatureRatedK            air temperature of the rating (0 °C [S brief])
 * @param capacitySlopePerK               relative change of heat output per K of air temperature (0.025 /K [L])
 * @param compressorSpeedMinHz            VFD minimum; a set-point below it stops the compressor (25 Hz [S Dorin])
 * @param compressorSpeedMaxHz            VFD maximum (70 Hz [S Dorin])
 * @param compressorRampHzPerS            speed ramp of a running compressor (10 Hz/s [L])
 * @param carnotEfficiency                COP over the Lorenz COP of the water and evaporating temperatures (0.5 [C], gives COP 2.53 at the design point, domain notes §2.2: 2.43–2.47)
 * @param evaporatorApproachK             air temperature minus evaporating temperature (8 K [S domain notes §2.2: 6–10 K])
 * @param suctionSuperheatK               suction superheat (5 K [C])
 * @param dhMassFlowNominalKgPerS         DH water flow at full pump speed (8.2 kg/s [C] = 1.2 MW / (cp · 35 K))
 * @param waterDensityKgPerM3             water density for volume flows (985 kg/m³ at ~57 °C)
 * @param waterSpecificHeatJPerKgK        water cp (4180 J/kg·K)
 * @param dhPumpTimeConstantS             flow response of P-271 (3 s [L])
 * @param gasCoolerHeatCapacityJPerK      water and metal of the gas cooler, lumped (2.06 MJ/K: a 60 s time constant at nominal flow [U])
 * @param gasCoolerApproachK              CO2 outlet minus water inlet temperature with enough water flow (3 K [S domain notes §2.2: 2–5 K])
 * @param gasCoolerFlowKneeRatio          flow ratio below which the cold end of the gas cooler warms up (0.5 [U])
 * @param hpValveOpeningNominalRatio      HV-221 opening at which the gas-cooler pressure sits at the Liao optimum (0.5 [U])
 * @param hpValveExponent                 pressure factor = (nominal/opening)^exponent (0.5 [U], from ṁ ∝ opening·√Δp)
 * @param hpValveTimeConstantS            valve actuator (2 s [L])
 * @param gasCoolerPressureTimeConstantS  high-side pressure response while running (10 s [L] "pressures: seconds")
 * @param suctionPressureTimeConstantS    low-side pressure response while running (10 s [L])
 * @param standstillTemperatureK          machine-room temperature the stopped plant equalises to (20 °C [U])
 * @param standstillTimeConstantS         pressure equalisation after a stop (300 s [L])
 * @param dischargeExponent               T_discharge = T_suction · (p_gc/p_suc)^n (0.28 [C], fitted to domain notes §2.2: 122.9 °C at 110 bar, t_e −8 °C)
 * @param dischargeTimeConstantS          discharge-temperature response (20 s [L])
 * @param hpSwitchTripPa                  HP switch PSHH-202, manual reset (130 bar [S DESIGN §5])
 * @param hpSwitchResetBelowPa            the HP switch resets only below this pressure (120 bar [L])
 * @param reliefSetPa                     relief valve PSV-202 set pressure (140 bar [S DESIGN §5])
 * @param flowSwitchThresholdRatio        FSL-271 trips below this fraction of nominal flow (0.25 [S DESIGN §5])
 * @param flowSwitchDelayS                ... for this long while a compressor runs (5 s [S DESIGN §5])
 * @param receiverPressureMinPa           receiver set-point floor (35 bar [S DESIGN §5])
 * @param receiverAboveSuctionPa          receiver set-point above suction (5 bar [S DESIGN §5])
 * @param receiverPressureMaxPa           receiver set-point ceiling (65 bar [S DESIGN §5])
 * @param tankTopTemperatureK             held: tank top temperature (70 °C [U], not modelled yet)
 * @param tankBottomTemperatureK          held: tank bottom temperature (40 °C [U], not modelled yet)
 * @param tankSourceFlowNominalM3PerS     P-261 flow at full speed (30 m³/h [U])
 * @param coilAirPressureDropNominalPa    clean-coil air-side pressure drop at full fan speed (80 Pa [U])
 * @param networkHeatDemandW              held: network heat demand (1.5 MW [U], not modelled yet)
 */
public record FirstHeatPumpParameters(
        int compressorCount,
        double heatFlowNominalW,
        double airTemperatureRatedK,
        double capacitySlopePerK,
        double compressorSpeedMinHz,
        double compressorSpeedMaxHz,
        double compressorRampHzPerS,
        double carnotEfficiency,
        double evaporatorApproachK,
        double suctionSuperheatK,
        double dhMassFlowNominalKgPerS,
        double waterDensityKgPerM3,
        double waterSpecificHeatJPerKgK,
        double dhPumpTimeConstantS,
        double gasCoolerHeatCapacityJPerK,
        double gasCoolerApproachK,
        double gasCoolerFlowKneeRatio,
        double hpValveOpeningNominalRatio,
        double hpValveExponent,
        double hpValveTimeConstantS,
        double gasCoolerPressureTimeConstantS,
        double suctionPressureTimeConstantS,
        double standstillTemperatureK,
        double standstillTimeConstantS,
        double dischargeExponent,
        double dischargeTimeConstantS,
        double hpSwitchTripPa,
        double hpSwitchResetBelowPa,
        double reliefSetPa,
        double flowSwitchThresholdRatio,
        double flowSwitchDelayS,
        double receiverPressureMinPa,
        double receiverAboveSuctionPa,
        double receiverPressureMaxPa,
        double tankTopTemperatureK,
        double tankBottomTemperatureK,
        double tankSourceFlowNominalM3PerS,
        double coilAirPressureDropNominalPa,
        double networkHeatDemandW) {

    public FirstHeatPumpParameters {
        if (compressorCount < 1) throw new IllegalArgumentException("compressorCount must be >= 1, was " + compressorCount);
        positive("heatFlowNominalW", heatFlowNominalW);
        positive("airTemperatureRatedK", airTemperatureRatedK);
        finite("capacitySlopePerK", capacitySlopePerK);
        positive("compressorSpeedMinHz", compressorSpeedMinHz);
        positive("compressorSpeedMaxHz", compressorSpeedMaxHz);
        if (compressorSpeedMinHz >= compressorSpeedMaxHz) {
            throw new IllegalArgumentException("compressorSpeedMinHz (" + compressorSpeedMinHz + ") must be < compressorSpeedMaxHz (" + compressorSpeedMaxHz + ")");
        }
        positive("compressorRampHzPerS", compressorRampHzPerS);
        if (!(carnotEfficiency > 0 && carnotEfficiency <= 1)) throw new IllegalArgumentException("carnotEfficiency must be in (0, 1], was " + carnotEfficiency);
        positive("evaporatorApproachK", evaporatorApproachK);
        nonNegative("suctionSuperheatK", suctionSuperheatK);
        positive("dhMassFlowNominalKgPerS", dhMassFlowNominalKgPerS);
        positive("waterDensityKgPerM3", waterDensityKgPerM3);
        positive("waterSpecificHeatJPerKgK", waterSpecificHeatJPerKgK);
        positive("dhPumpTimeConstantS", dhPumpTimeConstantS);
        positive("gasCoolerHeatCapacityJPerK", gasCoolerHeatCapacityJPerK);
        nonNegative("gasCoolerApproachK", gasCoolerApproachK);
        ratio("gasCoolerFlowKneeRatio", gasCoolerFlowKneeRatio);
        ratio("hpValveOpeningNominalRatio", hpValveOpeningNominalRatio);
        positive("hpValveExponent", hpValveExponent);
        positive("hpValveTimeConstantS", hpValveTimeConstantS);
        positive("gasCoolerPressureTimeConstantS", gasCoolerPressureTimeConstantS);
        positive("suctionPressureTimeConstantS", suctionPressureTimeConstantS);
        positive("standstillTemperatureK", standstillTemperatureK);
        positive("standstillTimeConstantS", standstillTimeConstantS);
        positive("dischargeExponent", dischargeExponent);
        positive("dischargeTimeConstantS", dischargeTimeConstantS);
        positive("hpSwitchTripPa", hpSwitchTripPa);
        positive("hpSwitchResetBelowPa", hpSwitchResetBelowPa);
        if (hpSwitchResetBelowPa >= hpSwitchTripPa) {
            throw new IllegalArgumentException("hpSwitchResetBelowPa (" + hpSwitchResetBelowPa + ") must be < hpSwitchTripPa (" + hpSwitchTripPa + ")");
        }
        if (!(reliefSetPa > hpSwitchTripPa)) throw new IllegalArgumentException("reliefSetPa (" + reliefSetPa + ") must be > hpSwitchTripPa (" + hpSwitchTripPa + ")");
        ratio("flowSwitchThresholdRatio", flowSwitchThresholdRatio);
        positive("flowSwitchDelayS", flowSwitchDelayS);
        positive("receiverPressureMinPa", receiverPressureMinPa);
        nonNegative("receiverAboveSuctionPa", receiverAboveSuctionPa);
        if (!(receiverPressureMaxPa >= receiverPressureMinPa)) {
            throw new IllegalArgumentException("receiverPressureMaxPa (" + receiverPressureMaxPa + ") must be >= receiverPressureMinPa (" + receiverPressureMinPa + ")");
        }
        positive("tankTopTemperatureK", tankTopTemperatureK);
        positive("tankBottomTemperatureK", tankBottomTemperatureK);
        nonNegative("tankSourceFlowNominalM3PerS", tankSourceFlowNominalM3PerS);
        nonNegative("coilAirPressureDropNominalPa", coilAirPressureDropNominalPa);
        nonNegative("networkHeatDemandW", networkHeatDemandW);
    }

    /** The Solrød defaults; each value's source is in the component's javadoc and the model's README. */
    public static FirstHeatPumpParameters solrodDefaults() {
        double cp = 4180.0;
        double flow = 8.2;
        return new FirstHeatPumpParameters(
                4, 1.2e6, Units.degCToK(0), 0.025,
                25.0, 70.0, 10.0,
                0.5, 8.0, 5.0,
                flow, 985.0, cp, 3.0,
                60.0 * flow * cp, 3.0, 0.5,
                0.5, 0.5, 2.0,
                10.0, 10.0, Units.degCToK(20), 300.0,
                0.28, 20.0,
                Units.barToPa(130), Units.barToPa(120), Units.barToPa(140),
                0.25, 5.0,
                Units.barToPa(35), Units.barToPa(5), Units.barToPa(65),
                Units.degCToK(70), Units.degCToK(40), 30.0 / 3600.0, 80.0,
                1.5e6);
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be finite, was " + v);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be >= 0, was " + v);
    }

    private static void ratio(String name, double v) {
        if (!(v > 0 && v <= 1)) throw new IllegalArgumentException(name + " must be in (0, 1], was " + v);
    }
}
