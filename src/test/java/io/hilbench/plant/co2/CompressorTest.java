package io.hilbench.plant.co2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The compressor's VFD behaviour and its efficiency fits (domain notes §2.4, §7). */
class CompressorTest {
    final Compressor c = new Compressor(CompressorParameters.solrodDefaults());

    @Test
    void startRunsAtLeast40HzFor10SecondsWhateverTheSetPoint() {
        // Bitzer lubrication rule: ≥ 40 Hz for ≥ 10 s at start
        double t = 0;
        while (t < 9.95) {
            c.stepSpeed(0.1, true, 25);
            t += 0.1;
            assertThat(c.speedHz()).as("t %.1f s", t).isGreaterThanOrEqualTo(40.0);
        }
        for (int i = 0; i < 200; i++) c.stepSpeed(0.1, true, 25);
        assertThat(c.speedHz()).isEqualTo(25.0);
    }

    @Test
    void setPointBelowTheVfdMinimumOrNotAllowedStops() {
        c.stepSpeed(0.1, true, 50);
        assertThat(c.running()).isTrue();
        c.stepSpeed(0.1, true, 24.9);
        assertThat(c.running()).isFalse();
        c.stepSpeed(0.1, true, 50);
        c.stepSpeed(0.1, false, 50);
        assertThat(c.speedHz()).isZero();
    }

    @Test
    void speedIsClampedTo70HzAndRamps() {
        c.stepSpeed(0.1, true, 90);
        for (int i = 0; i < 300; i++) c.stepSpeed(0.1, true, 90);
        assertThat(c.speedHz()).isEqualTo(70.0);
        c.stepSpeed(1.0, true, 60);
        assertThat(c.speedHz()).isCloseTo(68.0, within(1e-9));   // 2 Hz/s ramp
    }

    @Test
    void efficienciesFollowTheirFits() {
        // Ortiz et al. 2003 volumetric fit (domain notes §7) and the isentropic parabola peaking at π = 3.5
        assertThat(c.volumetricEfficiency(3.0)).isCloseTo(0.9207 - 0.0756 * 3 + 0.0018 * 9, within(1e-12));
        assertThat(c.isentropicEfficiency(3.5)).isCloseTo(0.75, within(1e-12));
        assertThat(c.isentropicEfficiency(4.5)).isLessThan(c.isentropicEfficiency(3.5));
        // mass flow ∝ speed
        assertThat(c.massFlowKgPerS(70, 80, 4) / c.massFlowKgPerS(35, 80, 4)).isCloseTo(2.0, within(1e-12));
    }
}
