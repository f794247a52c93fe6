@safety
Feature: Gas-cooler pressure sensor fault at full load
  Without a trustworthy PT-202 the controller cannot protect the high side: it must stop the compressors, raise
  SENSOR_FAULT, and not restart until the sensor is healthy and the operator has reset.
  Limits of every assertion: features/requirements.yaml, SF-01.

  @SF-01 @certification @commissioning @budget-8min
  Scenario Outline: PT-202 <fault> at full load
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    And the heat pump is running at full load
    When PT-202 <fault>
    And 2 minutes of plant time pass
    And PT-202 is healthy again
    And 1 minute of plant time passes
    And the operator resets the controller's alarms
    Then the compressors are commanded off in time after the sensor fault
    And the controller raises SENSOR_FAULT in time
    And no restart is commanded until the sensor is healthy and reset
    And the controller's reported state matches the plant

    Examples:
      | fault              |
      | goes bad           |
      | reads out of range |
