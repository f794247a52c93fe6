package io.hilbench.rig;

import io.hilbench.points.Binding;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.SensorAccuracy;
import io.hilbench.runtime.faults.SensorFault;
import io.hilbench.runtime.faults.SensorFaultKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a corner's sensor errors ({@link SensorCorner}) into standing sensor faults on the plant outputs the rig's
 * sensors are wired to (issue #17 item 3). They go through the same path as the scenarios' sensor faults
 * ({@link io.hilbench.runtime.faults.FaultSchedule}): the trace keeps the truth and the published value, the verdicts
 * read the truth. Added before a run starts and never cleared, they are the first faults of the run, so their noise
 * generators take the first fault ids: seeded from the run's seed alone, byte-identical run to run.
 */
public final class SensorCorners {
    private SensorCorners() {}

    /** The accuracy class of every sensor of the rig by tag, read from its point maps (column {@code accuracy}). */
    public static Map<String, SensorAccuracy> accuracy(Rig rig) {
        Map<String, SensorAccuracy> out = new LinkedHashMap<>();
        PointMapReader reader = new PointMapReader(PointMapReader.Role.PLANT);
        for (java.nio.file.Path f : rig.pointMaps()) out.putAll(reader.read(f, f.toString()).accuracy());
        return out;
    }

    /**
     * The standing faults of a corner: one per sensor with an accuracy class and a non-zero offset or noise, in the
     * point maps' order; empty for a corner without sensor errors (or nominal).
     */
    public static List<SensorFault> faults(Rig rig, String cornerName) {
        Corner c = rig.corner(cornerName).orElse(null);
        if (c == null || c.sensors() == null) return List.of();
        return faults(rig.points(), accuracy(rig), c.sensors());
    }

    static List<SensorFault> faults(List<PointDefinition> points, Map<String, SensorAccuracy> accuracy, SensorCorner sensors) {
        List<SensorFault> out = new ArrayList<>();
        for (PointDefinition p : points) {
            SensorAccuracy a = accuracy.get(p.tag());
            if (a == null || p.binding().source() != Binding.Source.PLANT) continue;
            double offset = sensors.offsetOf(p.tag());
            if (offset == 0 && sensors.noise() == 0) continue;
            // the band in the point's unit at the reading, converted to the output's SI unit (units are affine: a
            // difference converts with the factor alone)
            var unit = p.unit();
            double factor = unit.toSi(1.0) - unit.toSi(0.0);
            double min = p.min(), max = p.max();
            java.util.function.DoubleUnaryOperator band = si -> a.tolerance(unit.fromSi(si), unit, min, max) * Math.abs(factor);
            out.add(SensorFault.from(p.binding().name(),
                    new SensorFaultKind.WithinAccuracy(p.tag() + " " + a.spec(), band, offset, sensors.noise()), 0));
        }
        return out;
    }
}
