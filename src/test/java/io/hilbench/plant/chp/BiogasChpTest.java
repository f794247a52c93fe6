package io.hilbench.plant.chp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The biogas CHP's start/stop ramps and run times (plant-models/biogas-chp/README.md). */
class BiogasChpTest {
    final BiogasChp chp = new BiogasChp(BiogasChpParameters.solrodDefaults());

    double run(double seconds, boolean request) {
        for (int i = 0; i < Math.round(seconds * 10); i++) chp.step(0.1, request);
        return chp.heatFlowW();
    }

    /** Analytical: the start ramp reaches 3.7 MW in 600 s (half at 300 s); the stop ramp takes 120 s. */
    @Test
    void rampsUpAndDown() {
        assertThat(run(300, true)).isCloseTo(1.85e6, within(1e3));
        assertThat(chp.state()).isEqualTo(BiogasChp.STARTING);
        assertThat(run(301, true)).isEqualTo(3.7e6);
        assertThat(chp.state()).isEqualTo(BiogasChp.RUNNING);
        run(3600, true);
        run(60, false);
        assertThat(chp.state()).isEqualTo(BiogasChp.STOPPING);
        assertThat(chp.heatFlowW()).isCloseTo(1.85e6, within(1e4));
        assertThat(run(61, false)).isZero();
        assertThat(chp.state()).isEqualTo(BiogasChp.OFF);
        assertThat(chp.starts()).isEqualTo(1);
    }

    /** A started engine runs at least an hour; a stopped one stays off at least 30 minutes; a forced stop overrides. */
    @Test
    void minimumRunAndOffTimes() {
        run(600, true);
        run(1200, false);
        assertThat(chp.state()).as("stop refused within the minimum run time").isEqualTo(BiogasChp.RUNNING);
        run(2000, false);
        assertThat(chp.state()).isEqualTo(BiogasChp.OFF);
        run(600, true);
        assertThat(chp.state()).as("start refused within the minimum off time").isEqualTo(BiogasChp.OFF);
        run(1200, true);
        assertThat(chp.state()).isIn(BiogasChp.STARTING, BiogasChp.RUNNING);
        assertThat(chp.step(0.1, true, true)).contains("cooling water too hot");
        assertThat(chp.state()).isEqualTo(BiogasChp.STOPPING);
    }
}
