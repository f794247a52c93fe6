package io.hilbench.rig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A corner's sensor errors (rig.yaml {@code corners.<name>.sensors}, issue #17 item 3), in multiples of each sensor's
 * accuracy class (point-map column {@code accuracy}): what the controller reads moves, the plant's truth does not, and
 * the verdicts are judged on the truth as at nominal.
 *
 * <p>Each sensor with an accuracy class reads truth + offset·a(truth) + noise·a(truth)·g, a(v) its class's band at
 * the reading, g a standard normal draw per step from a generator seeded from the run's seed (the same seed: the same
 * noise, byte for byte). Sensors without a class read the truth.
 *
 * @param offset     standing offset, multiples of the band (−1…+1: within the class)
 * @param noise      standard deviation of the noise, multiples of the band (0…1)
 * @param tagOffsets per-tag offsets replacing {@code offset} for those tags (same bounds)
 */
public record SensorCorner(double offset, double noise, Map<String, Double> tagOffsets) {
    public SensorCorner {
        tagOffsets = tagOffsets == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tagOffsets));
    }

    /** The offset of a tag, in multiples of its band. */
    public double offsetOf(String tag) {
        return tagOffsets.getOrDefault(tag, offset);
    }

    /** As the run records it beside the parameter overrides (replay recipe, re-judge check): KEY=VALUE. */
    public List<String> recorded() {
        List<String> out = new ArrayList<>();
        out.add("sensors.offset=" + fmt(offset));
        out.add("sensors.noise=" + fmt(noise));
        tagOffsets.forEach((t, v) -> out.add("sensors.tags." + t + "=" + fmt(v)));
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
