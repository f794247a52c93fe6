package io.hilbench.rig;

import com.fasterxml.jackson.core.JsonToken;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One plant parameter set on top of the parameter files (issue #15 item 7): from the rig's {@code plant.overrides}
 * mapping or from a run's {@code --plant-param KEY=VALUE}. The value is kept as YAML resolved it (a number, a text,
 * a boolean), so it is checked exactly as the same value written in the parameter file would be.
 *
 * <p>Keys are dotted paths of the parameter records ({@code gasCooler.co2SideUaNominalWPerK}), optionally prefixed
 * with the file they address: {@code heatPump.} (plant-models/co2-heat-pump/parameters.yaml) or {@code site.}
 * (the rest of the plant, plant-models/solrod/parameters.yaml). See {@link PlantModels#resolve}.
 *
 * @param key   the key as written
 * @param value the value's text as YAML read it ({@code ""} for an empty value)
 * @param token how YAML resolved the value: {@code VALUE_NUMBER_INT}, {@code VALUE_NUMBER_FLOAT}, {@code VALUE_STRING},
 *              {@code VALUE_TRUE}/{@code VALUE_FALSE}, {@code VALUE_NULL}
 * @param file  where it came from: the rig file, or {@code --plant-param KEY} for the command line
 * @param line  its 1-based line in {@code file}; {@link #NO_LINE} for the command line
 */
public record PlantOverride(String key, String value, JsonToken token, String file, int line) {
    /** The line of an override that comes from no file (the command line). */
    public static final int NO_LINE = -1;

    public PlantOverride {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(file, "file");
    }

    /** Where the override came from, as errors and the evidence manifest name it: {@code rigs/solrod/rig.yaml:14} or {@code --plant-param KEY}. */
    public String source() {
        return line == NO_LINE ? file : file + ":" + line;
    }

    /** True when it came from a run's command line (it then wins over the rig's). */
    public boolean fromCommandLine() {
        return line == NO_LINE;
    }

    /** This override's value as a YAML scalar, for binding into a parameter record. */
    YamlNode.Scalar scalar() {
        return new YamlNode.Scalar(Math.max(line, 0), token, value);
    }

    /**
     * A {@code --plant-param KEY=VALUE} argument; VALUE is read as a YAML scalar ({@code 300000}, {@code 3.0e5},
     * {@code true}), as it would be in the parameter file.
     *
     * @throws IllegalArgumentException no '=' or an empty key
     */
    public static PlantOverride fromArgument(String argument) {
        int eq = argument.indexOf('=');
        String key = eq < 0 ? "" : argument.substring(0, eq).trim();
        if (eq < 0 || key.isEmpty()) {
            throw new IllegalArgumentException("--plant-param " + argument + ": expected KEY=VALUE, e.g. gasCooler.co2SideUaNominalWPerK=300000");
        }
        String text = argument.substring(eq + 1).trim();
        JsonToken token = JsonToken.VALUE_NULL;
        String value = "";
        if (!text.isEmpty()) {
            List<RigError> errors = new ArrayList<>();
            YamlNode node = YamlNode.parse(new StringReader(text), "--plant-param " + key, errors);
            if (errors.isEmpty() && node instanceof YamlNode.Scalar s) {
                token = s.token();
                value = s.text();
            } else {
                // a list, a mapping or not YAML at all: kept as text, which no parameter accepts
                token = JsonToken.VALUE_STRING;
                value = text;
            }
        }
        return new PlantOverride(key, value, token, "--plant-param " + key, NO_LINE);
    }

    /** Every {@code --plant-param} argument, in order (null: none). */
    public static List<PlantOverride> fromArguments(List<String> arguments) {
        List<PlantOverride> out = new ArrayList<>();
        if (arguments != null) for (String a : arguments) out.add(fromArgument(a));
        return List.copyOf(out);
    }
}
