package io.hilbench.plant.co2;

/**
 * Settings of the hardwired safety chain ({@link SafetyChain}), DESIGN §5 and domain notes §5. SI units.
 *
 * @param hpSwitchTripPa             PSHH-202 HP switch, immediate, manual reset (130 bar [S DESIGN §5])
 * @param hpSwitchResetBelowPa       the HP switch resets only below (120 bar [L])
 * @param lpSwitchTripPa             PSLL-201 LP switch while a compressor runs (14 bar [S DESIGN §5])
 * @param lpSwitchResetAbovePa       LP auto reset once the suction is back above (17 bar [U])
 * @param lpAutoResetsMax            auto resets allowed in the window, then latched (5 [S Danfoss])
 * @param lpWindowS                  the window (12 h [S Danfoss])
 * @param dischargeTripK             TSHH-202 discharge trip (150 °C [S DESIGN §5, Bitzer])
 * @param dischargeResetK            the discharge trip resets (site reset) only below (135 °C [S Bitzer])
 * @param dischargeGasTripK          the compressors' own discharge-gas thermostat in the head, on the gas itself (no pipe
 *                                   or sensor lag): trips the discharge trip at once (160 °C [U]: 10 K above TSHH-202, the
 *                                   backstop for a rise that outruns TT-202's lag; the "discharge gas thermostat module"
 *                                   of domain notes §5, whose setting on site is not published)
 * @param reliefSetPa                PSV-202 set pressure (140 bar [S DESIGN §5])
 * @param reliefBlowdownRatio        reseats below set × (1 − this) (0.07 [L] EN ISO 4126 typical 7 %)
 * @param reliefFlowCoefficientM2    PSV-202 C in ṁ = C·lift·√(ρ·Δp) (6e-4 m² [U]: vents more than four compressors deliver)
 * @param flowSwitchThresholdRatio   FSL-271 below this share of the nominal DH flow (0.25 [S DESIGN §5])
 * @param flowSwitchDelayS           ... for this long while a compressor runs: stop, latched (5 s [S DESIGN §5])
 * @param flowSwitchBypassed         test setting: FSL-271 still reports, but does not stop the compressors
 */
public record SafetyChainParameters(double hpSwitchTripPa, double hpSwitchResetBelowPa, double lpSwitchTripPa,
                                    double lpSwitchResetAbovePa, int lpAutoResetsMax, double lpWindowS, double dischargeTripK,
                                    double dischargeResetK, double dischargeGasTripK, double reliefSetPa, double reliefBlowdownRatio,
                                    double reliefFlowCoefficientM2, double flowSwitchThresholdRatio, double flowSwitchDelayS,
                                    boolean flowSwitchBypassed) {
    public SafetyChainParameters {
        Check.positive("hpSwitchTripPa", hpSwitchTripPa);
        if (!(hpSwitchResetBelowPa < hpSwitchTripPa)) throw new IllegalArgumentException("hpSwitchResetBelowPa must be < hpSwitchTripPa (" + hpSwitchTripPa + "), was " + hpSwitchResetBelowPa);
        Check.positive("lpSwitchTripPa", lpSwitchTripPa);
        if (!(lpSwitchResetAbovePa > lpSwitchTripPa)) throw new IllegalArgumentException("lpSwitchResetAbovePa must be > lpSwitchTripPa (" + lpSwitchTripPa + "), was " + lpSwitchResetAbovePa);
        Check.atLeast("lpAutoResetsMax", lpAutoResetsMax, 0);
        Check.positive("lpWindowS", lpWindowS);
        Check.positive("dischargeTripK", dischargeTripK);
        if (!(dischargeResetK < dischargeTripK)) throw new IllegalArgumentException("dischargeResetK must be < dischargeTripK (" + dischargeTripK + "), was " + dischargeResetK);
        if (!(dischargeGasTripK > dischargeResetK)) throw new IllegalArgumentException("dischargeGasTripK must be > dischargeResetK (" + dischargeResetK + "), was " + dischargeGasTripK);
        if (!(reliefSetPa > hpSwitchTripPa)) throw new IllegalArgumentException("reliefSetPa must be > hpSwitchTripPa (" + hpSwitchTripPa + "), was " + reliefSetPa);
        Check.inRange("reliefBlowdownRatio", reliefBlowdownRatio, 0.0, 0.5);
        Check.positive("reliefFlowCoefficientM2", reliefFlowCoefficientM2);
        Check.inRange("flowSwitchThresholdRatio", flowSwitchThresholdRatio, 0.0, 1.0);
        Check.nonNegative("flowSwitchDelayS", flowSwitchDelayS);
    }

    public static SafetyChainParameters solrodDefaults() {
        return new SafetyChainParameters(130e5, 120e5, 14e5, 17e5, 5, 12 * 3600, 423.15, 408.15, 433.15, 140e5, 0.07, 6e-4, 0.25, 5, false);
    }

    /** These settings with the flow switch bypassed (or not): a test setting. */
    public SafetyChainParameters withFlowSwitchBypassed(boolean bypassed) {
        return new SafetyChainParameters(hpSwitchTripPa, hpSwitchResetBelowPa, lpSwitchTripPa, lpSwitchResetAbovePa, lpAutoResetsMax,
                lpWindowS, dischargeTripK, dischargeResetK, dischargeGasTripK, reliefSetPa, reliefBlowdownRatio, reliefFlowCoefficientM2,
                flowSwitchThresholdRatio, flowSwitchDelayS, bypassed);
    }
}
