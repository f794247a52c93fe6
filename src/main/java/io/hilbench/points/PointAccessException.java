package io.hilbench.points;

/** A refused read or write, with the protocol-neutral reason and a message for the log. */
public final class PointAccessException extends Exception {
    private final AccessError error;

    public PointAccessException(AccessError error, String message) {
        super(message, null, false, false); // no stack trace: this is an expected answer, not a bug
        this.error = error;
    }

    public AccessError error() { return error; }
}
