package io.hilbench.controller;

import java.util.Objects;

/**
 * Speed of the air-evaporator fans F-25s while the air evaporator evaporates: a ramp on the capacity demand, slew
 * limited ({@link FanConfig}).
 * <pre>
 *   r      = Σ commanded compressor speed / (compressors × compressorMaxHz)                capacity demand, 0–1
 *   target = min + (max − min) · clamp((r − r_low) / (r_high − r_low), 0, 1)                 %
 *   speed  → target at most slewPctPerS · dt per cycle
 * </pre>
 * Why capacity and not the air-to-evaporating temperature difference: the air-to-coil ΔT (TT-101 − TT-23s) is the
 * defrost's second frost signal ({@link DefrostSequencer}); a fan loop that sped up as frost widened it would hide the
 * frost it is meant to reveal. With the air flow following the duty, the air-side ΔT stays roughly constant over the
 * ramp (Q ≈ ṁ_air·c_p·ε·ΔT), so the defrost baseline stays meaningful, and at part load the fans run slower (fan
 * power ∝ n³).
 * <p>The defrost overrides (fan off in pump-out, hot gas, drip and the fan delay) stay with {@link DefrostSequencer},
 * which applies them to the speed given here. While the air evaporator is not evaporating (no compressor, or the
 * source selection uses the tank only) the fans are off and the ramp restarts from the minimum.
 */
public final class FanSpeedControl {
    private final FanConfig config;
    private double speedPct;
    private boolean evaporating;

    public FanSpeedControl(FanConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        reset();
    }

    /** Fans off, the ramp back at the minimum (controller reset-to-initial). */
    public void reset() {
        speedPct = config.minSpeedPct();
        evaporating = false;
    }

    public FanConfig config() { return config; }

    /** The speed a capacity ratio asks for, before the slew limit, %. */
    public double targetPct(double capacityRatio) {
        double r = Double.isFinite(capacityRatio) ? capacityRatio : 0.0;
        double x = (r - config.lowCapacityRatio()) / (config.highCapacityRatio() - config.lowCapacityRatio());
        x = Math.max(0.0, Math.min(1.0, x));
        return config.minSpeedPct() + (config.maxSpeedPct() - config.minSpeedPct()) * x;
    }

    /**
     * One cycle.
     *
     * @param capacityRatio commanded compressor speed over the installed maximum, 0–1
     * @param evaporating   the air evaporator is in use with a compressor running
     * @param dtS           plant time since the last cycle, s
     * @return the fans' speed for evaporating sections, %; 0 when not evaporating
     */
    public double update(double capacityRatio, boolean evaporating, double dtS) {
        if (!evaporating) {
            this.evaporating = false;
            speedPct = config.minSpeedPct();
            return 0.0;
        }
        double target = targetPct(capacityRatio);
        if (!this.evaporating) {
            this.evaporating = true;
            speedPct = config.minSpeedPct(); // fans start at the minimum and ramp (no step of air flow on the coil)
        }
        double step = config.slewPctPerS() * Math.max(0.0, dtS);
        speedPct += Math.max(-step, Math.min(step, target - speedPct));
        return speedPct;
    }

    /** The speed for evaporating sections after the last {@link #update}, %; 0 when not evaporating. */
    public double speedPct() { return evaporating ? speedPct : 0.0; }
}
