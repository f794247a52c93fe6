package io.hilbench.scenario;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestStep;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Feeds the console's run view (issue #16 item 6) from Cucumber's own events: the running scenario's Gherkin steps
 * (keyword, text, line in its feature file) as Cucumber compiled them, which one is running, and each one's status
 * when it finishes. Registered as a plugin by {@link ScenarioRunner#configuration}; hooks (before/after) are not
 * steps of the Gherkin and are not shown.
 */
public final class RunBoardPlugin implements ConcurrentEventListener {
    private List<TestStep> steps = List.of();

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, this::caseStarted);
        publisher.registerHandlerFor(TestStepStarted.class, e -> {
            int i = index(e.getTestStep());
            if (i >= 0) RunBoard.stepStarted(i);
        });
        publisher.registerHandlerFor(TestStepFinished.class, e -> {
            int i = index(e.getTestStep());
            if (i >= 0) RunBoard.stepFinished(i, e.getResult().getStatus().name().toLowerCase(Locale.ROOT));
        });
    }

    private synchronized void caseStarted(TestCaseStarted e) {
        TestCase c = e.getTestCase();
        List<TestStep> gherkin = new ArrayList<>();
        List<RunBoard.StepLine> lines = new ArrayList<>();
        for (TestStep s : c.getTestSteps()) {
            if (!(s instanceof PickleStepTestStep p)) continue;
            gherkin.add(s);
            lines.add(new RunBoard.StepLine(p.getStep().getLine(), p.getStep().getKeyword().trim(), p.getStep().getText(), "pending"));
        }
        steps = gherkin;
        String uri = c.getUri().toString();
        RunBoard.scenarioSteps(uri.substring(uri.lastIndexOf('/') + 1) + ":" + c.getLocation().getLine() + " " + c.getKeyword() + ": " + c.getName(), lines);
    }

    private synchronized int index(TestStep s) { return steps.indexOf(s); }
}
