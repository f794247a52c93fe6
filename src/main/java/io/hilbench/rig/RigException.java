package io.hilbench.rig;

import java.util.List;

/** A rig that cannot be used, with every error found in it (not only the first). */
public final class RigException extends Exception {
    private final transient List<RigError> errors;

    public RigException(List<RigError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    /** All errors, ordered by file and line. */
    public List<RigError> errors() { return errors; }

    private static String summary(List<RigError> errors) {
        StringBuilder b = new StringBuilder(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in rig");
        for (RigError e : errors) b.append(System.lineSeparator()).append(e);
        return b.toString();
    }
}
