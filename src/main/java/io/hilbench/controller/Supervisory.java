package io.hilbench.controller;

import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;

import java.util.Set;

/** The controller's side of its supervisory interface: the commands the bench gave, and the state it shows back. */
public interface Supervisory {
    /** The commands given since the last call (pulses taken and cleared) and the current set-points. */
    Commands takeCommands();

    /** Shows the controller's state and active alarms (before the cycle's Ack, so the bench reads them after it). */
    void publish(ControllerState state, Set<AlarmMeaning> alarms);
}
