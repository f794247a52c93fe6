package io.hilbench.scenario;

import io.hilbench.scenario.runboard.BoardSteps;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The console's run view follows Cucumber itself (issue #16 item 6): a real Cucumber run of a three-step feature with
 * {@link RunBoardPlugin} as a plugin, whose second step looks at the {@link RunBoard} while it runs. The board must
 * show the scenario's Gherkin steps with their lines, the second as the one running, the first passed and the third
 * still pending; after the run, every step passed.
 */
class RunBoardPluginTest {
    @Test
    void theBoardShowsTheGherkinWithTheRunningStepAndEachStepsStatus() {
        RunBoard.clear();
        BoardSteps.seen = null;
        LauncherDiscoveryRequest req = request()
                .selectors(selectClasspathResource("io/hilbench/scenario/runboard/board.feature"))
                .configurationParameter("cucumber.glue", "io.hilbench.scenario.runboard")
                .configurationParameter("cucumber.plugin", RunBoardPlugin.class.getName())
                .configurationParameter("cucumber.publish.quiet", "true")
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(req, summary);
        assertThat(summary.getSummary().getTestsSucceededCount()).as("the feature ran and passed").isEqualTo(1);

        RunBoard.View during = BoardSteps.seen;
        assertThat(during).as("the second step looked at the board").isNotNull();
        assertThat(during.feature()).contains("board.feature:3").contains("Two steps, the second looks at the board");
        assertThat(during.steps()).extracting(RunBoard.StepLine::keyword, RunBoard.StepLine::text, RunBoard.StepLine::line, RunBoard.StepLine::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Given", "a first step", 4, "passed"),
                        org.assertj.core.groups.Tuple.tuple("When", "the board is looked at from the second step", 5, "running"),
                        org.assertj.core.groups.Tuple.tuple("Then", "a third step waits its turn", 6, "pending"));
        assertThat(during.currentStep()).isEqualTo(1);
        assertThat(RunBoard.view().steps()).extracting(RunBoard.StepLine::status).containsOnly("passed");
        RunBoard.clear();
    }
}
