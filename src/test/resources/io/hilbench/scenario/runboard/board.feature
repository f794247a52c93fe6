Feature: The run board follows Cucumber

  Scenario: Two steps, the second looks at the board
    Given a first step
    When the board is looked at from the second step
    Then a third step waits its turn
