package io.hilbench.report.evidence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Re-evaluates every assertion of a bundle from its traces (DESIGN §10 {@code --rejudge}). The requirement checks live
 * in the scenario layer, which {@code report} may not import (DESIGN §2); the command line passes an implementation
 * backed by {@code io.hilbench.scenario.Replay}, so the checks that judged the run are the ones that re-judge it, and
 * this package stays free of Cucumber and the scenario glue.
 */
@FunctionalInterface
public interface Rejudger {
    /**
     * @param featuresDir the bundle's features (its requirements.yaml gives the limits)
     * @param rigDir      the bundle's rig
     * @param traceDir    the bundle's judged traces and replay recipes ({@code report/judged})
     */
    List<Scenario> rejudge(Path featuresDir, Path rigDir, Path traceDir) throws IOException;

    /** One scenario re-judged (by its feature uri and line), or the reason it could not be. */
    record Scenario(String name, String uri, Map<String, Assertion> assertions, String notRejudged) {}

    /**
     * One assertion's re-judged verdict ({@code passed}, {@code failed}, {@code inconclusive}, {@code error}), limits and
     * message, and its expected, actual and plant time (ms) as fields (null where the check names none).
     */
    record Assertion(String verdict, Map<String, Double> limits, String message, String expected, String actual, Long plantTimeMs) {
        public Assertion(String verdict, Map<String, Double> limits, String message) {
            this(verdict, limits, message, null, null, null);
        }
    }
}
