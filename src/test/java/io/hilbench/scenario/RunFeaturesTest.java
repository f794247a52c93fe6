package io.hilbench.scenario;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * {@code mvn verify} runs every feature against the bundled reference controller in lockstep (DESIGN §1 "CI"),
 * through the same glue as {@code bench run} ({@link ScenarioRunner#GLUE}); the bench options come from the
 * {@code hilbench.*} system properties ({@link BenchOptions#fromSystemProperties()}), the plugins, tags and
 * parallelism from junit-platform.properties, so {@code -Dcucumber.filter.tags=...} still works. A failed or
 * inconclusive scenario fails the build.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@ConfigurationParameter(key = "cucumber.glue", value = ScenarioRunner.GLUE)
public class RunFeaturesTest {}
