@protection
Feature: Reduced DH flow at full load
  With less water through the gas cooler the high pressure rises; the controller must keep it away from the HP
  switch and bring it under the soft limit, without a trip. Limits: features/requirements.yaml, HP-01.

  @HP-01 @certification @budget-10min
  Scenario: DH flow falls to 40 % of nominal at full load
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    And the heat pump is running at full load
    When DH flow through the heat pump falls to 40 % of nominal
    And 5 minutes of plant time pass
    Then the gas-cooler pressure never reaches the HP switch
    And the controller brings the gas-cooler pressure under its soft limit in time
    And the safety chain never trips at reduced flow
    And the heat pump stays in service
