@startup
Feature: Anti-short-cycle at low load
  On a mild day the demand swings faster than the compressors should follow: every compressor must stay off for
  its minimum off time, run for its minimum run time, and start no more often than allowed per hour.
  Limits of every assertion: features/requirements.yaml, SU-03.

  @SU-03 @certification @budget-63min
  Scenario: Demand cycling at +12 °C air
    Given the weather is 12 °C air at 70 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    When the operator starts the heat pump
    And the supply setpoint alternates between 45 °C and 75 °C every 10 minutes for 60 minutes
    Then the demand cycling stops and restarts a compressor
    And the compressors are modulated at part load
    And no compressor restarts before its minimum off time
    And no compressor stops before its minimum run time
    And no compressor starts more often per hour than allowed
