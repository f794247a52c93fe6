package io.hilbench.controller;

/**
 * Every timing, speed and gain of the reference controller. These are the controller's own tuning values, with
 * margins over the requirements — never the requirement limits themselves (DESIGN §8: limits live in
 * {@code features/requirements.yaml} and are never taken from a controller's configuration). All times are plant
 * time (seconds of {@code BENCH.PlantTimeMs}), never wall time.
 *
 * @param cycleMs                 real-time and accelerated pacing: plant milliseconds between cycles (lockstep runs
 *                                one cycle per plant step). Default 100 ms, the rig's step
 * @param pumpStartSpeedPct       P-271 speed while proving flow, %. Default 100 (nominal flow, clear of the flow switch)
 * @param pumpRunSpeedPct         P-271 speed while the compressors run and during overrun, %. Default 100
 * @param flowProofConfirmS       FSL-271 must stay clear (and P-271 report running) this long before flow counts as
 *                                proven. Default 5 s (domain notes §3: flow proof typically 10–60 s in all)
 * @param flowProofTimeoutS       flow not proven this long after P-271 was commanded: start refused (START_REFUSED),
 *                                pump stopped. Default 30 s
 * @param compressorStartSpeedHz  lead compressor set-point during the lubrication hold. Default 45 Hz (above 40 Hz,
 *                                so VFD tolerance never takes it below the rule's speed)
 * @param compressorStartMinHz    speed the lubrication rule asks for (Bitzer: ≥ 40 Hz for ≥ 10 s, domain notes §2.4);
 *                                the hold counts while the VFD feedback is at or above it. Default 40 Hz
 * @param compressorStartHoldS    how long the feedback must stay at or above {@code compressorStartMinHz} before the
 *                                supply loop takes the speed. Default 12 s (10 s rule + 2 s margin)
 * @param compressorStartTimeoutS the feedback must reach {@code compressorStartMinHz} within this after the enable,
 *                                or the controller goes to Fault. Default 30 s
 * @param compressorMinHz         VFD minimum: the supply loop's lower limit and the stop ramp's speed. Default 25 Hz
 * @param compressorMaxHz         VFD maximum, the supply loop's upper limit. Default 70 Hz
 * @param supplyKpHzPerK          supply-temperature PI: proportional gain, Hz per K of error. Default 4 Hz/K
 * @param supplyTiS               supply-temperature PI: integral time. Default 120 s
 * @param hpValveOpeningPct       HV-221 opening while a compressor runs (fixed; a pressure loop comes later). Default
 *                                50 %
 * @param bypassValveOpeningPct   HV-222 (flash-gas bypass) opening while a compressor runs. Default 30 %
 * @param fanSpeedPct             air evaporator fans while a compressor runs, %. Default 80 %
 * @param stopMinSpeedHoldS       on Stop, the compressors run at minimum speed this long before they go off.
 *                                Default 15 s
 * @param pumpOverrunS            P-271 keeps running this long after the compressors were commanded off (Stop, trip,
 *                                fault). Default 90 s: 60 s of required overrun after the compressor actually stops,
 *                                plus margin for the VFD's run-down (domain notes §3: overrun 1–5 min)
 * @param flowTripDelayS          FSL-271 low (or unreadable) this long while a compressor is commanded: FLOW_TRIP.
 *                                Default 2 s (the plant's own flow switch stops the compressors after 5 s)
 * @param leadCompressor          the lead compressor, 1..4 (C-211..C-214). Default 1
 * @param supplyTemperatureSetDefaultDegC set-point used when the supervisory set-point is not a number. Default 75 °C
 */
public record ControllerConfig(
        int cycleMs,
        double pumpStartSpeedPct,
        double pumpRunSpeedPct,
        double flowProofConfirmS,
        double flowProofTimeoutS,
        double compressorStartSpeedHz,
        double compressorStartMinHz,
        double compressorStartHoldS,
        double compressorStartTimeoutS,
        double compressorMinHz,
        double compressorMaxHz,
        double supplyKpHzPerK,
        double supplyTiS,
        double hpValveOpeningPct,
        double bypassValveOpeningPct,
        double fanSpeedPct,
        double stopMinSpeedHoldS,
        double pumpOverrunS,
        double flowTripDelayS,
        int leadCompressor,
        double supplyTemperatureSetDefaultDegC) {

    public ControllerConfig {
        if (cycleMs < 1) throw new IllegalArgumentException("cycleMs must be >= 1, was " + cycleMs);
        percent("pumpStartSpeedPct", pumpStartSpeedPct);
        percent("pumpRunSpeedPct", pumpRunSpeedPct);
        percent("hpValveOpeningPct", hpValveOpeningPct);
        percent("bypassValveOpeningPct", bypassValveOpeningPct);
        percent("fanSpeedPct", fanSpeedPct);
        nonNegative("flowProofConfirmS", flowProofConfirmS);
        positive("flowProofTimeoutS", flowProofTimeoutS);
        if (flowProofTimeoutS <= flowProofConfirmS) {
            throw new IllegalArgumentException("flowProofTimeoutS (" + flowProofTimeoutS + ") must be > flowProofConfirmS (" + flowProofConfirmS + ")");
        }
        positive("compressorMinHz", compressorMinHz);
        if (!(compressorMaxHz > compressorMinHz)) {
            throw new IllegalArgumentException("compressorMaxHz (" + compressorMaxHz + ") must be > compressorMinHz (" + compressorMinHz + ")");
        }
        if (!(compressorStartSpeedHz >= compressorStartMinHz && compressorStartSpeedHz <= compressorMaxHz)) {
            throw new IllegalArgumentException("compressorStartSpeedHz (" + compressorStartSpeedHz + ") must lie in [compressorStartMinHz "
                    + compressorStartMinHz + ", compressorMaxHz " + compressorMaxHz + "]");
        }
        positive("compressorStartMinHz", compressorStartMinHz);
        nonNegative("compressorStartHoldS", compressorStartHoldS);
        positive("compressorStartTimeoutS", compressorStartTimeoutS);
        positive("supplyKpHzPerK", supplyKpHzPerK);
        positive("supplyTiS", supplyTiS);
        nonNegative("stopMinSpeedHoldS", stopMinSpeedHoldS);
        nonNegative("pumpOverrunS", pumpOverrunS);
        positive("flowTripDelayS", flowTripDelayS);
        if (leadCompressor < 1 || leadCompressor > 4) throw new IllegalArgumentException("leadCompressor must be 1..4, was " + leadCompressor);
        if (!Double.isFinite(supplyTemperatureSetDefaultDegC)) {
            throw new IllegalArgumentException("supplyTemperatureSetDefaultDegC must be finite, was " + supplyTemperatureSetDefaultDegC);
        }
    }

    /** The documented defaults (see the parameter list). */
    public static ControllerConfig defaults() {
        return new ControllerConfig(100, 100, 100, 5, 30, 45, 40, 12, 30, 25, 70, 4, 120, 50, 30, 80, 15, 90, 2, 1, 75);
    }

    private static void percent(String name, double v) {
        if (!(v >= 0 && v <= 100)) throw new IllegalArgumentException(name + " must be in [0, 100] %, was " + v);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be >= 0, was " + v);
    }
}
