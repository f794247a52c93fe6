@startup
Feature: Start refused while a permissive is missing
  A start with the DH pump failed or with the HP switch still latched must be refused: no compressor may be
  commanded while the cause is there, the operator must see START_REFUSED, and once the cause is fixed and the
  trip reset the heat pump must start normally. Limits of every assertion: features/requirements.yaml, SU-02.
  The latched HP trip is brought about by the plant alone: with PT-202 stuck (the controller cannot see the rise)
  and HV-221 stuck closed the high side reaches the HP switch before any controller could unload.

  @SU-02 @certification @commissioning @smoke @budget-9min
  Scenario: Start with the DH pump P-271 failed, then repaired
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    And the DH pump P-271 has failed
    When the operator starts the heat pump
    And the start has stayed refused for the required time
    And the DH pump P-271 is repaired
    And the operator resets the controller's alarms
    And the operator starts the heat pump
    Then no compressor is commanded to run while the start is refused
    And the controller refuses the start in time
    And the heat pump starts once the cause is fixed and reset

  @SU-02 @certification @commissioning @budget-9min
  Scenario: Start with the HP switch latched, then reset on site
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    And the heat pump is running
    And PT-202 sticks at its current value
    And the HP valve HV-221 sticks closed
    And the HP switch PSHH-202 has tripped
    And the HP valve HV-221 is freed
    And PT-202 is healthy again
    When the operator starts the heat pump
    And the start has stayed refused for the required time
    And the latched safety trips are reset on site
    And the operator resets the controller's alarms
    And the operator starts the heat pump
    Then no compressor is commanded to run while the start is refused
    And the controller refuses the start in time
    And the heat pump starts once the cause is fixed and reset
