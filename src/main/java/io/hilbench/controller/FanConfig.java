package io.hilbench.controller;

/**
 * Fan-speed tuning of the reference controller ({@link FanSpeedControl}): the evaporator fans F-251..25N follow the
 * capacity the compressors are commanded to, between a minimum and a maximum speed. The controller's own values, not
 * requirement limits.
 *
 * @param minSpeedPct        speed at and below {@code lowCapacityRatio}, %. Default 40 % (fan power falls with n³: 6 % of
 *                           nominal). Must stay above the 20 % below which the defrost's coil-ΔP sensing (PDT-23s) is
 *                           treated as invalid ({@link DefrostSequencer}), or every low-load hour would run on the time
 *                           fallback
 * @param maxSpeedPct        speed at and above {@code highCapacityRatio}, %. Default 80 % — the fixed speed the
 *                           controller ran at before, at which the full-load figures of the scenarios (rated heat,
 *                           protection preconditions) were set; 100 % is the fans' rating
 * @param lowCapacityRatio   commanded compressor speed (sum over the running compressors) over the installed maximum
 *                           (compressors × compressorMaxHz) at which the fans leave their minimum. Default 0.25 (one of
 *                           four compressors near full speed)
 * @param highCapacityRatio  the ratio at which the fans reach their maximum. Default 0.75
 * @param slewPctPerS        the speed changes at most this fast, %/s, both ways, so the air side (evaporating
 *                           pressure, coil ΔT) moves slowly against the capacity loop. Default 0.25 %/s (minimum to
 *                           maximum in 160 s)
 */
public record FanConfig(double minSpeedPct, double maxSpeedPct, double lowCapacityRatio, double highCapacityRatio, double slewPctPerS) {
    public FanConfig {
        if (!(minSpeedPct > 20 && minSpeedPct <= 100)) throw new IllegalArgumentException("minSpeedPct must be in (20, 100] %, was " + minSpeedPct);
        if (!(maxSpeedPct >= minSpeedPct && maxSpeedPct <= 100)) {
            throw new IllegalArgumentException("maxSpeedPct must be in [minSpeedPct " + minSpeedPct + ", 100] %, was " + maxSpeedPct);
        }
        if (!(lowCapacityRatio >= 0 && lowCapacityRatio < highCapacityRatio && highCapacityRatio <= 1)) {
            throw new IllegalArgumentException("capacity ratios must satisfy 0 <= low < high <= 1, were " + lowCapacityRatio + ", " + highCapacityRatio);
        }
        if (!(slewPctPerS > 0)) throw new IllegalArgumentException("slewPctPerS must be > 0, was " + slewPctPerS);
    }

    public static FanConfig defaults() {
        return new FanConfig(40, 80, 0.25, 0.75, 0.25);
    }

    /** The fans at one speed whatever the capacity (the behaviour before fan-speed control). */
    public static FanConfig fixed(double speedPct) {
        return new FanConfig(speedPct, speedPct, 0.25, 0.75, 0.25);
    }
}
