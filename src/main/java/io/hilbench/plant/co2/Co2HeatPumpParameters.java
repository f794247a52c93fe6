package io.hilbench.plant.co2;

/**
 * Design data of the whole CO2 heat pump ({@link Co2HeatPumpPlant}, {@link HeatPumpRating}): its components'
 * records plus the cycle's own values. SI units; every value's source or assumption is in
 * plant-models/co2-heat-pump/README.md.
 *
 * @param compressorCount             N parallel compressors C-211.. (4 [U] DESIGN §5 default; the rig binds 4)
 * @param sectionCount                M air-evaporator sections (4 [U] DESIGN §5 default; the rig binds 4)
 * @param compressor                  each compressor
 * @param gasCooler                   the gas cooler
 * @param hpValve                     HV-221
 * @param bypassValve                 HV-222
 * @param receiver                    the receiver
 * @param airSection                  each air-evaporator section
 * @param waterEvaporator             the tank-source water evaporator
 * @param safety                      the hardwired safety chain
 * @param evaporatorSuperheatK        evaporator outlet superheat held by the (local) EEVs (5 K [C domain notes §2.2])
 * @param highSideVolumeM3            discharge line and headers, besides the gas cooler's own volume (0.05 m³ [U])
 * @param lowSide                     the suction side as a two-phase volume with its metal ({@link LowSideParameters}); its
 *                                   dM/dp along a pull-down, ≈ 8.5 kg/bar at 29–35 bar, follows from its volume, liquid and
 *                                   metal (issue #15 item 2; before, a set 1e-4 kg/Pa with no energy)
 * @param dhMassFlowNominalKgPerS     nominal DH flow (the flow switch's reference) (8.2 kg/s [C] = 1.2 MW / (c_p·35 K))
 * @param dhMassFlowMaxKgPerS         P-271 at 100 % speed (10 kg/s [U]: headroom for the supply-temperature loop)
 * @param dhPumpTimeConstantS         P-271 flow response while it runs (3 s [L])
 * @param dhPumpRunDownTimeConstantS  P-271's flow coasting down once it stops or fails: pump, motor and the water column
 *                                   (3 s [U]; a site parameter: the flow switch's 5 s delay counts from the moment the
 *                                   flow has coasted below 25 %, so a longer run-down delays FSL-271)
 * @param waterDensityKgPerM3         DH water density for volume flows (985 kg/m³ at ~57 °C)
 * @param machineRoomTemperatureK     the machine room (20 °C [U], domain notes §3 item 6): the stopped plant's receiver and
 *                                   high side creep to p_sat of this; its suction side to p_sat of the colder of this and
 *                                   the outdoor air (the coils outdoors are where the charge condenses)
 * @param standstillTimeConstantS     time constant of that creep (900 s [U])
 * @param dischargeTimeConstantS      discharge pipe and TT-202 lag while gas flows (20 s [L])
 * @param dischargeLineCoolingTimeConstantS the discharge pipe and compressor head cooling to the room once the gas stops
 *                                   (1,800 s [U]; [C] a bare DN50 steel line, 5.8 kg/m · 490 J/(kg·K) against ~15 W/(m²·K)
 *                                   of natural convection and radiation on 0.19 m²/m, gives ~1,000 s, the same line under
 *                                   30 mm of mineral wool ~8,000 s): TT-202 keeps its heat for tens of minutes
 * @param gasCoolerPressureAimPa      the controllers' pressure aim (120 bar [S DESIGN §5 default]); bench rating reports the best COP at
 *                                   or below it beside the optimum, searched up to PSV-202's 140 bar
 * @param tankTopTemperatureK         held: tank top (70 °C [U], tank not modelled in this plant)
 * @param tankBottomTemperatureK      held: tank bottom, the water evaporator's inlet (35 °C [U])
 * @param networkHeatDemandW          held: network demand (1.5 MW [U], network not modelled in this plant)
 */
public record Co2HeatPumpParameters(
        int compressorCount,
        int sectionCount,
        CompressorParameters compressor,
        GasCoolerParameters gasCooler,
        HighPressureValveParameters hpValve,
        HighPressureValveParameters bypassValve,
        ReceiverParameters receiver,
        AirEvaporatorSectionParameters airSection,
        WaterEvaporatorParameters waterEvaporator,
        SafetyChainParameters safety,
        double evaporatorSuperheatK,
        double highSideVolumeM3,
        LowSideParameters lowSide,
        double dhMassFlowNominalKgPerS,
        double dhMassFlowMaxKgPerS,
        double dhPumpTimeConstantS,
        double dhPumpRunDownTimeConstantS,
        double waterDensityKgPerM3,
        double machineRoomTemperatureK,
        double standstillTimeConstantS,
        double dischargeTimeConstantS,
        double dischargeLineCoolingTimeConstantS,
        double gasCoolerPressureAimPa,
        double tankTopTemperatureK,
        double tankBottomTemperatureK,
        double networkHeatDemandW) {

    public Co2HeatPumpParameters {
        Check.atLeast("compressorCount", compressorCount, 1);
        Check.atLeast("sectionCount", sectionCount, 1);
        if (compressor == null || gasCooler == null || hpValve == null || bypassValve == null || receiver == null
                || airSection == null || waterEvaporator == null || safety == null) {
            throw new IllegalArgumentException("every component's parameters must be given");
        }
        Check.inRange("evaporatorSuperheatK", evaporatorSuperheatK, 0.5, 30);
        Check.positive("highSideVolumeM3", highSideVolumeM3);
        if (lowSide == null) throw new IllegalArgumentException("lowSide must be given");
        Check.positive("dhMassFlowNominalKgPerS", dhMassFlowNominalKgPerS);
        Check.positive("dhMassFlowMaxKgPerS", dhMassFlowMaxKgPerS);
        Check.positive("dhPumpTimeConstantS", dhPumpTimeConstantS);
        Check.positive("dhPumpRunDownTimeConstantS", dhPumpRunDownTimeConstantS);
        Check.positive("waterDensityKgPerM3", waterDensityKgPerM3);
        Check.inRange("machineRoomTemperatureK", machineRoomTemperatureK, 263.15, 303.15);
        Check.positive("standstillTimeConstantS", standstillTimeConstantS);
        Check.positive("dischargeTimeConstantS", dischargeTimeConstantS);
        Check.positive("dischargeLineCoolingTimeConstantS", dischargeLineCoolingTimeConstantS);
        Check.inRange("gasCoolerPressureAimPa", gasCoolerPressureAimPa, 75e5, safety.hpSwitchTripPa());
        Check.positive("tankTopTemperatureK", tankTopTemperatureK);
        Check.positive("tankBottomTemperatureK", tankBottomTemperatureK);
        Check.nonNegative("networkHeatDemandW", networkHeatDemandW);
    }

    public static Co2HeatPumpParameters solrodDefaults() {
        return new Co2HeatPumpParameters(4, 4, CompressorParameters.solrodDefaults(), GasCoolerParameters.solrodDefaults(),
                HighPressureValveParameters.hv221Defaults(), HighPressureValveParameters.hv222Defaults(),
                ReceiverParameters.solrodDefaults(), AirEvaporatorSectionParameters.solrodDefaults(),
                WaterEvaporatorParameters.solrodDefaults(), SafetyChainParameters.solrodDefaults(),
                5.0, 0.05, LowSideParameters.solrodDefaults(), 8.2, 10.0, 3.0, 3.0, 985, 293.15, 900, 20, 1800, 120e5, 343.15, 308.15, 1.5e6);
    }

    /** These parameters with other safety settings (e.g. the flow switch bypassed for a test). */
    public Co2HeatPumpParameters withSafety(SafetyChainParameters s) {
        return new Co2HeatPumpParameters(compressorCount, sectionCount, compressor, gasCooler, hpValve, bypassValve, receiver,
                airSection, waterEvaporator, s, evaporatorSuperheatK, highSideVolumeM3, lowSide,
                dhMassFlowNominalKgPerS, dhMassFlowMaxKgPerS, dhPumpTimeConstantS, dhPumpRunDownTimeConstantS, waterDensityKgPerM3, machineRoomTemperatureK,
                standstillTimeConstantS, dischargeTimeConstantS, dischargeLineCoolingTimeConstantS, gasCoolerPressureAimPa, tankTopTemperatureK,
                tankBottomTemperatureK, networkHeatDemandW);
    }

    /** These parameters with another P-271 run-down time constant, s (a site parameter). */
    public Co2HeatPumpParameters withDhPumpRunDownTimeConstantS(double seconds) {
        return new Co2HeatPumpParameters(compressorCount, sectionCount, compressor, gasCooler, hpValve, bypassValve, receiver,
                airSection, waterEvaporator, safety, evaporatorSuperheatK, highSideVolumeM3, lowSide,
                dhMassFlowNominalKgPerS, dhMassFlowMaxKgPerS, dhPumpTimeConstantS, seconds, waterDensityKgPerM3, machineRoomTemperatureK,
                standstillTimeConstantS, dischargeTimeConstantS, dischargeLineCoolingTimeConstantS, gasCoolerPressureAimPa, tankTopTemperatureK,
                tankBottomTemperatureK, networkHeatDemandW);
    }
}
