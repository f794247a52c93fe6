package io.hilbench.controller;

import java.util.Objects;

/**
 * The tuning of the reference controller's plant loops that came with defrost, source selection and the optimal high
 * pressure, kept apart from {@link ControllerConfig} (sequences, capacity, protection): {@link DefrostConfig},
 * {@link SourceConfig}, {@link PressureConfig}, {@link FanConfig}, plus the SHORT_CYCLE alarm's setting.
 *
 * @param shortCycleBlocksPerHour SHORT_CYCLE is raised when the anti-short-cycle timers (minimum off time, starts per
 *                                hour) have held back a wanted compressor start this many separate times within an
 *                                hour (domain notes §5 alarm list: "too many starts per hour"). Default 3
 * @param fans                    evaporator fan speeds ({@link FanSpeedControl}). Default {@link FanConfig#defaults()}
 * @param tankCharging            the tank-charging strategy ({@link TankCharging}). Default {@link TankChargingConfig#defaults()} (off)
 */
public record PlantLoopsConfig(DefrostConfig defrost, SourceConfig source, PressureConfig pressure, int shortCycleBlocksPerHour, FanConfig fans,
                               TankChargingConfig tankCharging) {
    public PlantLoopsConfig {
        Objects.requireNonNull(fans, "fans");
        Objects.requireNonNull(defrost, "defrost");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pressure, "pressure");
        Objects.requireNonNull(tankCharging, "tankCharging");
        if (shortCycleBlocksPerHour < 1) throw new IllegalArgumentException("shortCycleBlocksPerHour must be >= 1, was " + shortCycleBlocksPerHour);
    }

    public static PlantLoopsConfig defaults() {
        return new PlantLoopsConfig(DefrostConfig.defaults(), SourceConfig.defaults(), PressureConfig.defaults(), 3, FanConfig.defaults(), TankChargingConfig.defaults());
    }

    public PlantLoopsConfig withDefrost(DefrostConfig d) { return new PlantLoopsConfig(d, source, pressure, shortCycleBlocksPerHour, fans, tankCharging); }

    public PlantLoopsConfig withSource(SourceConfig s) { return new PlantLoopsConfig(defrost, s, pressure, shortCycleBlocksPerHour, fans, tankCharging); }

    public PlantLoopsConfig withPressure(PressureConfig p) { return new PlantLoopsConfig(defrost, source, p, shortCycleBlocksPerHour, fans, tankCharging); }

    public PlantLoopsConfig withFans(FanConfig f) { return new PlantLoopsConfig(defrost, source, pressure, shortCycleBlocksPerHour, f, tankCharging); }

    public PlantLoopsConfig withTankCharging(TankChargingConfig t) { return new PlantLoopsConfig(defrost, source, pressure, shortCycleBlocksPerHour, fans, t); }
}
