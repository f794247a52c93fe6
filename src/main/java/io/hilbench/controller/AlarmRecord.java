package io.hilbench.controller;

import io.hilbench.rig.AlarmMeaning;

/**
 * One alarm of the reference controller's alarm list, stamped with plant time ({@code BENCH.PlantTimeMs}, never wall
 * time), with the DESIGN §7 meaning it is published as in the alarm word.
 *
 * @param meaning     what the alarm means to the requirements (START_REFUSED, HP_TRIP, SENSOR_FAULT, COMM_LOSS, …)
 * @param raisedAtMs  plant time it was raised, ms
 * @param clearedAtMs plant time it was cleared, ms; -1 while active
 * @param text        why it was raised, for operators and logs
 */
public record AlarmRecord(AlarmMeaning meaning, long raisedAtMs, long clearedAtMs, String text) {
    public boolean active() { return clearedAtMs < 0; }

    AlarmRecord clearedAt(long plantTimeMs) { return new AlarmRecord(meaning, raisedAtMs, plantTimeMs, text); }
}
