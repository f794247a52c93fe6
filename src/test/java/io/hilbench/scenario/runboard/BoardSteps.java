package io.hilbench.scenario.runboard;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.hilbench.scenario.RunBoard;

/** Glue of {@code board.feature} (RunBoardPluginTest): the second step keeps what the run board showed while it ran. */
public class BoardSteps {
    /** The board as seen from inside the second step. */
    public static volatile RunBoard.View seen;

    @Given("a first step")
    public void first() { }

    @When("the board is looked at from the second step")
    public void look() { seen = RunBoard.view(); }

    @Then("a third step waits its turn")
    public void third() { }
}
