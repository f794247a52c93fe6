package io.hilbench.runtime;

/**
 * Where a run stands. {@code INCONCLUSIVE} is never green (DESIGN §8): the controller did not answer (ack
 * timeout), or real-time lateness went over the rig's limit. {@code FAILED} means the bench itself broke (the plant
 * threw), which is reported with its reason, not hidden.
 */
public record RunStatus(State state, String reason) {
    public enum State { NEW, RUNNING, STOPPED, INCONCLUSIVE, FAILED }

    public static final RunStatus NEW = new RunStatus(State.NEW, "");
    public static final RunStatus RUNNING = new RunStatus(State.RUNNING, "");

    public static RunStatus stopped(String reason) { return new RunStatus(State.STOPPED, reason); }

    public static RunStatus inconclusive(String reason) { return new RunStatus(State.INCONCLUSIVE, reason); }

    public static RunStatus failed(String reason) { return new RunStatus(State.FAILED, reason); }

    public boolean running() { return state == State.RUNNING; }

    public boolean inconclusive() { return state == State.INCONCLUSIVE; }
}
