@safety
Feature: I/O link to the plant lost for 30 s at full load
  When the controller's link to the remote I/O stops answering, the I/O watchdog drops the actuators to fail-safe and
  the controller must raise COMM_LOSS; when the link returns it must take the watchdog's stop as a stop (its first
  commands keep the compressors off), restart without any trip and respect every compressor's minimum off time. Limits: features/requirements.yaml, CL-01.

  @CL-01 @certification @budget-10min @realtime-30s
  Scenario: I/O link blackholed for 30 s at full load
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    And the heat pump is running at full load
    When the I/O link to the plant is blackholed for 30 s
    Then the controller keeps the compressors off when the link returns
    And the controller raises COMM_LOSS
    And the controller restarts without a trip after the link returns
    And every compressor respects its minimum off time
