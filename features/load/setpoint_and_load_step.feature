@load
Feature: Set-point and load steps
  The supply must follow a set-point step within its settling time and stay in its band when the weather turns
  colder. The tank is too cold to be a heat source, so the air step reaches the heat pump's evaporators.
  Limits of every assertion: features/requirements.yaml, LD-01.

  @LD-01 @certification @commissioning @budget-40min
  Scenario: Set-point 70 to 75 °C, then the air 5 K colder
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 70 °C
    And the heat pump has settled at its supply setpoint
    When the supply setpoint is changed to 75 °C
    And 10 minutes of plant time pass
    And the air temperature falls by 5 K
    Then the supply settles at the new setpoint in time
    And the supply stays within its band through the load step
