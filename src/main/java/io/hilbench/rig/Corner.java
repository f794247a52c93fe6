package io.hilbench.rig;

import java.util.List;
import java.util.Objects;

/**
 * A parameter corner of a rig (issue #17 item 3): a named set of plant parameter overrides from rig.yaml's
 * {@code corners:}, applied over the rig's own {@code plant.overrides} (and under a run's {@code --plant-param}), so
 * that {@code bench run --corners} runs the selected scenarios at each corner and a controller that passes only at the
 * nominal plant shows as such. The corner {@value #NOMINAL} is implicit: the rig as it is, no overrides; a rig may not
 * define it.
 *
 * @param name        letters, digits, '-', '_' (it becomes part of trace file names)
 * @param description what the corner stands for
 * @param source      why these values: the datasheet, standard or note the bounds come from
 * @param overrides   the parameter values, checked exactly as {@code plant.overrides} ({@link PlantModels#parameters})
 * @param line        the line of the corner's name in rig.yaml (0 for nominal)
 * @param sensors     the corner's sensor errors within their accuracy classes, or null for none ({@link SensorCorner})
 */
public record Corner(String name, String description, String source, List<PlantOverride> overrides, int line, SensorCorner sensors) {
    /** The plant as the rig describes it, without a corner's overrides. */
    public static final String NOMINAL = io.hilbench.runtime.TraceNames.NOMINAL;

    public Corner {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        source = source == null ? "" : source;
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /** A corner of plant parameters only. */
    public Corner(String name, String description, String source, List<PlantOverride> overrides, int line) {
        this(name, description, source, overrides, line, null);
    }

    /**
     * What the run records of this corner and the re-judge compares with the bundle's rig.yaml: each override as
     * KEY=VALUE, then the sensor errors ({@link SensorCorner#recorded()}).
     */
    public List<String> recorded() {
        List<String> out = new java.util.ArrayList<>(overrides.stream().map(o -> o.key() + "=" + o.value()).toList());
        if (sensors != null) out.addAll(sensors.recorded());
        return out;
    }

    /** The nominal corner: no overrides. */
    public static Corner nominal() {
        return new Corner(NOMINAL, "the plant as the rig's parameter files and plant.overrides give it", "", List.of(), 0);
    }

    public boolean isNominal() {
        return name.equals(NOMINAL);
    }
}
