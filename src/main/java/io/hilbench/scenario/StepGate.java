package io.hilbench.scenario;

/**
 * Runs a driver action between two plant steps (DESIGN §4 item 5): the plant is held and the controller has answered
 * the step it sees, so the controller takes a command in its next cycle, always the same one.
 */
@FunctionalInterface
public interface StepGate {
    void between(ThrowingRunnable action) throws Exception;

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** No plant: the action runs at once (a controller driven without a bench, as in the interlock test). */
    StepGate NONE = ThrowingRunnable::run;
}
