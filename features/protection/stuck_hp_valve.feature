@protection
Feature: HP valve stuck closed at full load
  With HV-221 stuck closed the controller cannot vent the high side through the valve: the relief valve must never
  have to open; either the controller holds the pressure under the soft limit or the heat pump trips, alarms, and
  stays off until reset. The run goes on past the compressors' minimum off time after a trip, so a controller that
  restarts by itself would be seen doing so. After the trip the DH return turns hot (80 °C: supply water short-
  circuited into the return, e.g. a network bypass): the high side is trapped behind HV-221 with dense CO2, which the
  hot water would warm at constant volume to 170 bar and more (Span–Wagner). The controller must not pump that water
  through the stopped gas cooler: its P-271 overrun carries heat away only while the return is the colder water.
  Limits: features/requirements.yaml, HP-03.

  @HP-03 @certification @budget-11min
  Scenario: HV-221 sticks closed at full load
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    And the heat pump is running at full load
    When the HP valve HV-221 sticks closed
    And 30 seconds of plant time pass
    And the district-heating return is 80 °C
    And 6 minutes of plant time pass
    Then the relief valve PSV-202 never opens
    And the gas-cooler pressure is held or the heat pump trips and stays off until reset
