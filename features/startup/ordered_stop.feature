@startup
Feature: Ordered stop at full load
  A stop at full load must unload the compressors to minimum speed, stop them in time, and keep the DH pump
  running afterwards to carry the gas cooler's heat away, without tripping the safety chain.
  Limits of every assertion: features/requirements.yaml, SU-04.

  @SU-04 @certification @commissioning @smoke @budget-8min
  Scenario: Operator stops the heat pump at full load
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    And the heat pump is running at full load
    When the operator stops the heat pump
    Then the compressors unload to minimum speed in time
    And the compressors are off in time
    And P-271 overruns after the last compressor stops
    And the safety chain does not trip during the stop
    And the controller's reported state matches the plant
