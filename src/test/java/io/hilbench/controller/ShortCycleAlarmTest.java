package io.hilbench.controller;

import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SHORT_CYCLE (DESIGN §7 alarm meanings; domain notes §5 alarm list "too many starts per hour"): raised when the
 * anti-short-cycle timers hold back wanted compressor starts repeatedly, not on a steady load; Reset acknowledges it.
 * Logic only, on the few-line {@link SimPlant}.
 */
class ShortCycleAlarmTest {
    private final SimPlant plant = new SimPlant();

    private void cycle(ReferenceController c, Commands cmds) {
        Outputs out = c.cycle(plant.inputs(), cmds);
        plant.step(out);
    }

    private void startAndRun(ReferenceController c) {
        cycle(c, Commands.none(75).withStart());
        for (int i = 0; i < 2000 && c.state() != ControllerState.RUNNING; i++) cycle(c, Commands.none(75));
        assertThat(c.state()).isEqualTo(ControllerState.RUNNING);
    }

    @Test
    void demandCyclingFasterThanTheTimersAllowRaisesShortCycle() {
        // low load (SU-03 kind): a 42 °C set-point the last compressor overshoots at minimum, so it stops and the
        // demand calls it back before its minimum off time, again and again. One compressor, so no other one can
        // take the start the timers hold back
        ReferenceController c = new ReferenceController(ControllerConfig.defaults(), Optional.empty(), SimPlant.PERMISSIVES, 1);
        startAndRun(c);
        boolean raised = false;
        for (int i = 0; i < 3 * 36_000 && !raised; i++) {
            cycle(c, Commands.none(i / 1800 % 2 == 0 ? 42.0 : 75.0)); // 3 min low, 3 min high: faster than 190 s off + 130 s run
            raised = c.alarms().contains(AlarmMeaning.SHORT_CYCLE);
        }
        assertThat(raised).as("SHORT_CYCLE within 3 h of cycling demand").isTrue();
        assertThat(c.state()).as("an alarm, no stop").isIn(ControllerState.RUNNING, ControllerState.DEFROSTING);
        cycle(c, Commands.none(75).withReset());
        assertThat(c.alarms()).doesNotContain(AlarmMeaning.SHORT_CYCLE);
    }

    @Test
    void aSteadyLoadNeverRaisesShortCycle() {
        ReferenceController c = new ReferenceController(ControllerConfig.defaults(), Optional.empty(), SimPlant.PERMISSIVES);
        startAndRun(c);
        for (int i = 0; i < 36_000; i++) cycle(c, Commands.none(75));
        assertThat(c.alarms()).doesNotContain(AlarmMeaning.SHORT_CYCLE);
    }
}
