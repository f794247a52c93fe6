package io.hilbench.scenario.judge;

/**
 * A scenario that could not be judged (DESIGN §8 "inconclusive": ack timeout, controller unreachable, reset between
 * scenarios failed, lateness over the limit). It fails {@code mvn verify} like a failure, but its message starts with
 * {@value #PREFIX}, so {@code bench run} can tell it apart and exit 3 when nothing failed.
 */
public final class Inconclusive extends AssertionError {
    public static final String PREFIX = "INCONCLUSIVE:";

    public Inconclusive(String reason) {
        super(PREFIX + " " + reason);
    }

    /** True for an error (or its cause chain) that says the scenario was inconclusive. */
    public static boolean is(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x.getMessage() != null && x.getMessage().startsWith(PREFIX)) return true;
        }
        return false;
    }
}
