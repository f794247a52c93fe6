package io.hilbench.plant;

/**
 * A plant the step loop can run: physics only, SI units inside, no I/O (DESIGN §2). The loop calls it from one
 * thread; a model need not be thread-safe.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #catalogue()} names every output and input; it never changes for an instance.</li>
 *   <li>{@link #defaultInputs()} is the value of every input before anyone sets it: actuators at rest, and the
 *       external inputs (weather, disturbances, physical faults) at the model's default condition. Inputs no
 *       actuator drives are scenario-settable through the step loop.</li>
 *   <li>{@link #reset(long)} returns to the initial state at plant time 0; a model with random parts seeds them
 *       from {@code seed}, so the same seed and the same inputs give bit-identical snapshots.</li>
 *   <li>{@link #step(double, PlantInputs)} advances by {@code dtS} seconds (the model may sub-step internally)
 *       and returns the snapshot at the new time.</li>
 *   <li>{@link #resetLatchedTrips()} is the site reset of latched safety trips (a person pressing reset on the
 *       panel, a {@code PlantDriver} action, never a controller output); a trip whose cause persists stays.</li>
 * </ul>
 */
public interface PlantModel {
    SignalCatalogue catalogue();

    PlantInputs defaultInputs();

    void reset(long seed);

    /** The snapshot of the current state, without stepping (plant time 0 right after a reset). */
    PlantSnapshot snapshot();

    PlantSnapshot step(double dtS, PlantInputs inputs);

    /** Site reset of latched trips; returns what happened, for the trace (e.g. "HP switch reset"). */
    java.util.List<String> resetLatchedTrips();

    /** The largest internal integration step, s, or NaN for a model that integrates each step whole. */
    default double maxSubstepS() { return Double.NaN; }

    /** The largest value {@link #setMaxSubstepS} accepts (the coarsest sub-step the model was validated at), or NaN. */
    default double largestValidatedSubstepS() { return Double.NaN; }

    /**
     * Sets the largest internal integration step, s (a study's speed/accuracy setting; the served plant keeps the
     * model's default). A model validates the value against the range it was validated for.
     *
     * @throws IllegalArgumentException outside the model's validated range
     * @throws UnsupportedOperationException for a model without internal sub-steps
     */
    default void setMaxSubstepS(double seconds) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no internal sub-step to set");
    }
}
