package io.hilbench.controller;

import io.hilbench.points.BenchVariable;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointKind;

/** Which plant points the controller reads and writes, shared by the {@link ControllerIo} implementations. */
final class PlantPointMap {
    private PlantPointMap() {}

    /** Read every cycle: sensors, status, constants and the read-only bench points (step, time, mode, watchdog); no strings. */
    static boolean isInput(PointDefinition p) {
        if (p.isString()) return false;
        return switch (p.kind()) {
            case SENSOR, STATUS, CONSTANT -> true;
            case BENCH -> !p.clientWritable();
            default -> false;
        };
    }

    /** Written every cycle: the actuators. */
    static boolean isOutput(PointDefinition p) {
        return p.kind() == PointKind.ACTUATOR && !p.isString();
    }

    static boolean is(PointDefinition p, BenchVariable v) {
        return p.benchVariable() == v;
    }

    /** The value moved into the point's [min, max]: the controller never sends what the plant must reject. */
    static double clampToLimits(PointDefinition p, double v) {
        return clampToLimits(p.min(), p.max(), p.isBoolean(), v);
    }

    /** {@link #clampToLimits(PointDefinition, double)} on the point's limits and type, read once by the caller. */
    static double clampToLimits(double min, double max, boolean isBoolean, double v) {
        double out = v;
        if (!Double.isNaN(min)) out = Math.max(min, out);
        if (!Double.isNaN(max)) out = Math.min(max, out);
        return isBoolean ? (out != 0.0 ? 1.0 : 0.0) : out;
    }

    /**
     * True when the {@code BENCH.Mode} code means lockstep: its enum label is "Lockstep" (the Solrød map:
     * {@code 0=Realtime,1=Accelerated,2=Lockstep}). A mode point without labels, or an unreadable one, counts as lockstep:
     * computing on every new step is right in every pacing, only more often than needed.
     */
    static boolean isLockstep(PointDefinition modePoint, double code) {
        if (modePoint == null || !Double.isFinite(code) || modePoint.modbus() == null) return true;
        String label = modePoint.modbus().type().enumLabels().get((int) code);
        return label == null || label.equalsIgnoreCase("Lockstep");
    }
}
