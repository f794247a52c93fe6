package io.hilbench.points;

/** What a point is, which fixes who may write it (DESIGN §6). */
public enum PointKind {
    /** plant → controller, read-only */
    SENSOR,
    /** discrete plant state, read-only */
    STATUS,
    /** controller → plant, writable; reads back its output image */
    ACTUATOR,
    /** fixed unless a scenario changes it; read-only over the protocols */
    CONSTANT,
    /** time, step, ack, heartbeat; writable only where the controller writes it (ack, heartbeat) */
    BENCH,
    /** controller map: a supervisory command the bench sends (start, stop, reset, ...); writable by clients */
    COMMAND,
    /** controller map: a setpoint the bench sets (supply temperature, ...); writable by clients */
    SETPOINT;

    public static PointKind parse(String s) {
        for (PointKind k : values()) if (k.name().equalsIgnoreCase(s.trim())) return k;
        throw new IllegalArgumentException("unknown kind '" + s.trim() + "' (expected sensor, status, actuator, constant, bench, command or setpoint)");
    }
}
