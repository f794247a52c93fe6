package io.hilbench.rig;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a rig, located for the person who has to fix it: {@code file:line: field <name>: message}
 * (DESIGN §9 "an invalid rig gets a clear file:line:field message").
 *
 * @param file    the file as the loader opened it (rig directory + name), e.g. {@code rigs/solrod/points.csv}
 * @param line    1-based line; 0 when the file itself is missing or unreadable; -1 when {@code file} names no file
 *                but another source, e.g. {@code --plant-param KEY}
 * @param field   the YAML key path ({@code opcua.port}) or point-map column ({@code modbus}) that is wrong
 * @param message what is wrong and, where it helps, what was expected
 */
public record RigError(String file, int line, String field, String message) {

    /** Errors in reading order: by file, then line. */
    public static final Comparator<RigError> BY_LOCATION =
            Comparator.comparing(RigError::file).thenComparingInt(RigError::line);

    public RigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        // a line below 0: the error comes from no file line (a --plant-param on the command line)
        return (line < 0 ? file : file + ":" + line) + ": field " + field + ": " + message;
    }
}
