@protection
Feature: High DH return temperature
  A warm return makes the gas cooler's cold end warm and the optimal high pressure high: the controller must keep
  the gas-cooler pressure under the soft limit for the whole hour, without a trip. Limits: requirements.yaml, HP-04.

  @HP-04 @certification @budget-65min
  Scenario: DH return 55 °C at a 75 °C supply for an hour
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 55 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    When the operator starts the heat pump
    Then the gas-cooler pressure stays under its soft limit for the whole run
    And the safety chain never trips during the run
    And the heat pump stays in service
