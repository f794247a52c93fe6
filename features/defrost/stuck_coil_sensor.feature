@defrost
Feature: Defrost ended on its maximum time when the coil sensor sticks
  A defrost normally ends when the coil is clear and warm. If the coil temperature sensor sticks cold during a
  defrost, the controller must end the defrost on its maximum time, say so (DEFROST_MAX_TIME), put the section back
  into service and keep the heat pump running. The tank is too cold to be a heat source, so the heat pump runs on
  the air.
  Limits of every assertion: features/requirements.yaml, DF-03.

  @DF-03 @certification @commissioning @budget-45min
  Scenario: The coil sensor of section 2 sticks at -5 °C during its defrost
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    And the heat pump has settled at its supply setpoint
    And section 2 is 60 % frosted
    When section 2 starts to defrost
    And the coil sensor of section 2 sticks at -5 °C
    Then that defrost ends by the defrost maximum
    And the controller raises DEFROST_MAX_TIME in time
    And the section returns to service after the defrost
    And the heat pump does not stop for the stuck coil sensor
