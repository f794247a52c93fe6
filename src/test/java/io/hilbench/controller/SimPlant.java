package io.hilbench.controller;

import io.hilbench.runtime.Quality;

import java.util.List;

/**
 * A few lines of test plant for the controller's logic (not {@code io.hilbench.plant}: the logic tests need no
 * physics, only signals that respond in the right direction and order). DH flow follows P-271 with a first-order lag
 * (FSL-271 low below 25 % of nominal), compressor speed feedback ramps at 10 Hz/s toward the set-point while enabled
 * (a set-point below 25 Hz stops it, as a VFD does), the supply temperature moves (60 s lag) toward
 * return + {@link #kelvinPerHz} × the compressors' total speed / the flow ratio (heat ∝ speed, lift = heat / flow).
 * Safety switches and permissives are set by the test.
 */
final class SimPlant {
    static final List<String> PERMISSIVES = List.of("ES-101", "C-211.OilLevelOk", "C-211.VfdReady");
    static final double STEP_S = 0.1;

    long step;
    long timeMs;
    boolean pumpFailed;
    boolean pumpRunning;
    double flowRatio;
    final double[] speedHz = new double[5];
    double supplyDegC = 40;
    double returnDegC = 40;
    /** Lift per Hz of total compressor speed at nominal flow: 0.25 K/Hz makes 75 °C from 40 °C take 140 Hz, more than one compressor. */
    double kelvinPerHz = 0.25;
    boolean hpSwitch;
    boolean permissivesHealthy = true;
    /** Further sensors the test sets (PT-202, TT-202, …), with a quality other than GOOD where it says so. */
    final java.util.Map<String, Double> extra = new java.util.LinkedHashMap<>();
    final java.util.Map<String, Quality> extraQuality = new java.util.HashMap<>();
    /** TT-272 as a stuck transmitter shows it (null: the live value). */
    Double supplyFrozenAt;
    boolean watchdogTripped;

    Inputs inputs() {
        Inputs.Builder b = Inputs.builder(step, timeMs)
                .set(PlantTags.FSL271, flowRatio < 0.25)
                .set(PlantTags.P271_RUNNING, pumpRunning)
                .set(PlantTags.TT272, supplyDegC)
                .set(PlantTags.PSHH202, hpSwitch)
                .set(PlantTags.PSLL201, false)
                .set(PlantTags.TSHH202, false);
        for (int n = 1; n <= 4; n++) b.set(PlantTags.compressorSpeed(n), speedHz[n], Quality.GOOD);
        for (String p : PERMISSIVES) b.set(p, permissivesHealthy);
        extra.forEach((tag, v) -> b.set(tag, v, extraQuality.getOrDefault(tag, Quality.GOOD)));
        if (supplyFrozenAt != null) b.set(PlantTags.TT272, supplyFrozenAt);
        b.set(PlantTags.WATCHDOG_TRIPPED, watchdogTripped);
        return b.build();
    }

    /** Applies the outputs for one step of {@link #STEP_S}. */
    void step(Outputs out) {
        double dt = STEP_S;
        pumpRunning = out.isOn(PlantTags.P271_RUN) && out.value(PlantTags.P271_SPEED_SET) > 0 && !pumpFailed;
        double flowSet = pumpRunning ? out.value(PlantTags.P271_SPEED_SET) / 100.0 : 0.0;
        flowRatio += (flowSet - flowRatio) * (1 - Math.exp(-dt / 2.0));
        double totalHz = 0;
        for (int n = 1; n <= 4; n++) {
            double set = out.isOn(PlantTags.compressorEnable(n)) && !hpSwitch ? out.value(PlantTags.compressorSpeedSet(n)) : 0.0;
            if (set < 25) {
                speedHz[n] = 0;
            } else {
                double d = set - speedHz[n];
                speedHz[n] += Math.max(-10 * dt, Math.min(10 * dt, d));
            }
            totalHz += speedHz[n];
        }
        double target = returnDegC + kelvinPerHz * totalHz / Math.max(flowRatio, 0.25);
        supplyDegC += (target - supplyDegC) * (1 - Math.exp(-dt / 60.0));
        step++;
        timeMs += Math.round(dt * 1000);
    }
}
