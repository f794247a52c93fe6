package io.hilbench.scenario;

import java.util.Map;

/** For the console's browser tests outside this package: what a running scenario tells the {@link RunBoard}. */
public final class RunBoardFixture {
    private RunBoardFixture() {}

    /** A scenario that registered one assertion with these limits and gave the controller this supply set-point (K) at plant time 0. */
    public static void scenarioWith(String assertionId, Map<String, Double> limits, double setpointK) {
        RunBoard.clear();
        RunBoard.scenarioSteps("fixture.feature", java.util.List.of());
        RunBoard.registered(assertionId, limits, 3_600_000L);
        RunBoard.setpoint(0, setpointK);
    }

    public static void clear() { RunBoard.clear(); }
}
