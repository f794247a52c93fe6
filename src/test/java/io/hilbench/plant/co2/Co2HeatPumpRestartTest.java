package io.hilbench.plant.co2;

import static org.assertj.core.api.Assertions.assertThat;

import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import org.junit.jupiter.api.Test;

/**
 * A restart from a pressurised standstill (a stop with HV-221 closed, as every controller leaves it) must not make
 * PT-202 jump: a real high side only rises as the compressors pump mass into it. Session 2 found the model stepping
 * 20–30 bar within one sub-step at every such restart — the standstill mass (cold cells) no longer fitted the march of
 * hot gas at the same pressure — and the reference controller rightly called that an implausible PT-202 (SENSOR_FAULT),
 * so HP-02, CL-01 and SU-02 could never restart on the served plant.
 */
class Co2HeatPumpRestartTest {
    @Test
    void restartingAgainstAPressurisedHighSideRaisesPt202GraduallyNotInAStep() {
        Co2PlantHarness h = new Co2PlantHarness(Co2HeatPumpParameters.solrodDefaults(), Co2Tables.build(Co2TableParameters.plantDefault()));
        h.startFullLoad(70);
        h.run(240);
        // stop: every compressor off, HV-221 and HV-222 closed, P-271 keeps running (the overrun)
        h.stagingStartS = Double.NaN;
        h.controlHpValve = false;
        for (int k = 1; k <= 4; k++) {
            h.set("hp.compressor" + k + ".enable", 0);
            h.set("hp.compressor" + k + ".speedSetHz", 0);
        }
        h.set("hp.hpValve.openingSetRatio", 0);
        h.run(120);
        double standstillBar = h.out("hp.gasCoolerPressurePa") / 1e5;
        assertThat(standstillBar).as("the high side is still pressurised when the restart comes").isGreaterThan(80);

        // restart the lead compressor at its start speed with HV-221 at its usual opening
        h.set("hp.compressor1.enable", 1);
        h.set("hp.compressor1.speedSetHz", 45);
        h.set("hp.hpValve.openingSetRatio", 0.5);
        double before = h.out("hp.gasCoolerPressurePa");
        double maxStepBar = 0;
        for (int i = 0; i < 300; i++) {
            h.step();
            double now = h.out("hp.gasCoolerPressurePa");
            maxStepBar = Math.max(maxStepBar, Math.abs(now - before) / 1e5);
            before = now;
        }
        assertThat(h.out("hp.compressor1.running")).isEqualTo(1.0);
        // 3 bar per 100 ms is already fast for a 1.2 MW high side; the bug gave 20-30 bar in one step
        assertThat(maxStepBar).as("largest PT-202 change in one 100 ms step after the restart, bar").isLessThan(3.0);
    }
}
