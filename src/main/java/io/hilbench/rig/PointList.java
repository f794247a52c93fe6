package io.hilbench.rig;

import io.hilbench.points.PointDefinition;

import java.util.List;
import java.util.Locale;

/**
 * The point list of a rig as a Markdown table, generated from its point maps (so the documentation can never
 * disagree with what the servers serve): tag, description, kind, unit, Modbus address, OPC UA browse path and
 * type, range, failsafe, and for a rig whose plant maps give sensors an accuracy class (the optional {@code accuracy}
 * column, issue #17 item 3) that class, which the sensor corners move readings by. {@code bench check-rig --point-list}
 * prints it; rigs/&lt;name&gt;/POINTS.md holds it.
 */
public final class PointList {
    private PointList() {}

    public static String markdown(Rig rig) {
        StringBuilder b = new StringBuilder();
        b.append("# Point list of rig `").append(rig.name()).append("`\n\n");
        b.append("Generated from the rig's point maps by `bench check-rig --rig rigs/").append(rig.name())
                .append(" --point-list`; do not edit by hand. ").append(rig.points().size()).append(" points.\n\n");
        java.util.Map<String, io.hilbench.points.SensorAccuracy> accuracy = SensorCorners.accuracy(rig);
        if (accuracy.isEmpty()) {
            b.append("| tag | description | kind | unit | Modbus | OPC UA | range | failsafe |\n");
            b.append("|---|---|---|---|---|---|---|---|\n");
        } else {
            b.append("Accuracy: the sensor's class from the point map (rigs/README.md \"Sensor accuracy\"); the rig's sensor corners\n")
                    .append("offset and blur readings by multiples of it. Blank: the point reads the truth at every corner.\n\n");
            b.append("| tag | description | kind | unit | Modbus | OPC UA | range | failsafe | accuracy |\n");
            b.append("|---|---|---|---|---|---|---|---|---|\n");
        }
        append(b, rig.points(), accuracy.isEmpty() ? null : accuracy);
        rig.controller().ifPresent(c -> {
            b.append("\n## Controller supervisory interface (").append(c.protocol().name().toLowerCase(Locale.ROOT))
                    .append(", ").append(c.endpoint()).append(")\n\n");
            b.append("| tag | description | kind | unit | Modbus | OPC UA | range | failsafe |\n");
            b.append("|---|---|---|---|---|---|---|---|\n");
            append(b, c.points(), null);
        });
        return b.toString();
    }

    /** One row per point; {@code accuracy} null: no accuracy column. */
    private static void append(StringBuilder b, List<PointDefinition> points, java.util.Map<String, io.hilbench.points.SensorAccuracy> accuracy) {
        for (PointDefinition p : points) {
            b.append("| `").append(p.tag()).append("` | ").append(cell(p.description()))
                    .append(" | ").append(p.kind().name().toLowerCase(Locale.ROOT))
                    .append(" | ").append(p.unit().symbol())
                    .append(" | ").append(p.modbus() == null ? "" : "`" + p.modbus() + "`" + (p.scale() != 1.0 ? " ×" + num(p.scale()) : ""))
                    .append(" | ").append(p.opcuaPath() == null ? "" : p.opcuaPath() + " (" + p.opcuaType().displayName() + ")")
                    .append(" | ").append(range(p))
                    .append(" | ").append(p.clientWritable() && p.kind() == io.hilbench.points.PointKind.ACTUATOR ? p.failsafe().toString() : "");
            if (accuracy != null) {
                io.hilbench.points.SensorAccuracy a = accuracy.get(p.tag());
                b.append(" | ").append(a == null ? "" : "`" + a.spec() + "`");
            }
            b.append(" |\n");
        }
    }

    private static String range(PointDefinition p) {
        if (Double.isNaN(p.min()) && Double.isNaN(p.max())) return "";
        return (Double.isNaN(p.min()) ? "" : num(p.min())) + " … " + (Double.isNaN(p.max()) ? "" : num(p.max()));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
