package io.hilbench.controller;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The evaporator fan speed without plant (issue #7 item 2 "fan speeds"): a ramp on the capacity demand between the
 * minimum and maximum speed, slew limited, off while the air evaporator does not evaporate. Defaults: 40–80 %, ramp from
 * 25 % to 75 % of the installed compressor speed, 0.25 %/s.
 */
class FanSpeedControlTest {
    private final FanSpeedControl fans = new FanSpeedControl(FanConfig.defaults());

    private double runFor(double seconds, double capacityRatio, boolean evaporating) {
        double v = 0;
        for (int i = 0; i < seconds * 10; i++) v = fans.update(capacityRatio, evaporating, 0.1);
        return v;
    }

    @Test
    void theTargetRampsLinearlyFromMinimumToMaximumOverTheCapacityBand() {
        assertThat(fans.targetPct(0.0)).isEqualTo(40.0);
        assertThat(fans.targetPct(0.25)).isEqualTo(40.0);
        assertThat(fans.targetPct(0.5)).isCloseTo(60.0, within(1e-9));
        assertThat(fans.targetPct(0.75)).isCloseTo(80.0, within(1e-9));
        assertThat(fans.targetPct(1.0)).as("never above the maximum").isEqualTo(80.0);
        assertThat(fans.targetPct(Double.NaN)).as("an unknown demand asks for the minimum").isEqualTo(40.0);
    }

    @Test
    void theFansStartAtTheMinimumAndFollowTheDemandNoFasterThanTheSlewLimit() {
        assertThat(fans.update(1.0, true, 0.1)).as("first evaporating cycle: minimum plus one slew step").isCloseTo(40.025, within(1e-9));
        // 40 → 80 % at 0.25 %/s takes 160 s: after 100 s the fans are at 65 %, not at the target
        assertThat(runFor(100 - 0.1, 1.0, true)).isCloseTo(65.0, within(1e-6));
        assertThat(runFor(100, 1.0, true)).isCloseTo(80.0, within(1e-9));
        // demand falls to one compressor at minimum: down at the same rate, settling at the minimum
        assertThat(runFor(40, 0.1, true)).isCloseTo(70.0, within(1e-6));
        assertThat(runFor(200, 0.1, true)).isCloseTo(40.0, within(1e-9));
        assertThat(fans.speedPct()).isCloseTo(40.0, within(1e-9));
    }

    @Test
    void theFansAreOffWhileTheAirEvaporatorDoesNotEvaporateAndRestartFromTheMinimum() {
        runFor(300, 1.0, true);
        assertThat(fans.speedPct()).isCloseTo(80.0, within(1e-9));
        assertThat(fans.update(1.0, false, 0.1)).isZero();
        assertThat(fans.speedPct()).isZero();
        // back in service (compressor restart, or the source selection back on air): no step to the old 80 %
        assertThat(fans.update(1.0, true, 0.1)).isCloseTo(40.025, within(1e-9));
    }

    @Test
    void resetReturnsTheFansToOffAtTheMinimum() {
        runFor(300, 1.0, true);
        fans.reset();
        assertThat(fans.speedPct()).isZero();
        assertThat(fans.update(1.0, true, 0.0)).as("no time passed: at the minimum").isEqualTo(40.0);
    }

    @Test
    void aFixedConfigurationHoldsOneSpeed() {
        FanSpeedControl fixed = new FanSpeedControl(FanConfig.fixed(80));
        assertThat(fixed.update(0.0, true, 0.1)).isEqualTo(80.0);
        assertThat(fixed.update(1.0, true, 0.1)).isEqualTo(80.0);
    }

    @Test
    void settingsThatWouldBreakTheDefrostSensingOrTheRampAreRejected() {
        // below 20 % the defrost treats the coil-ΔP sensing as invalid (DefrostSequencer): a minimum there is refused
        assertThatThrownBy(() -> new FanConfig(15, 80, 0.25, 0.75, 0.25)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSpeedPct");
        assertThatThrownBy(() -> new FanConfig(60, 50, 0.25, 0.75, 0.25)).hasMessageContaining("maxSpeedPct");
        assertThatThrownBy(() -> new FanConfig(40, 80, 0.75, 0.25, 0.25)).hasMessageContaining("capacity ratios");
        assertThatThrownBy(() -> new FanConfig(40, 80, 0.25, 0.75, 0)).hasMessageContaining("slewPctPerS");
    }
}
