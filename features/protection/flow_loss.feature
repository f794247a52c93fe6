@protection
Feature: DH flow lost at full load
  With no water through the gas cooler the compressors must stop at once (by the controller or the safety chain),
  the trip must be alarmed, nothing may restart while the flow is missing or before the reset, and after the flow
  returns and the reset the heat pump must start again. Limits: features/requirements.yaml, HP-02.

  @HP-02 @certification @commissioning @budget-15min
  Scenario: DH flow lost completely at full load, then restored and reset
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    And the heat pump is running at full load
    When DH flow through the heat pump is lost
    And 2 minutes of plant time pass
    And DH flow through the heat pump returns
    And the latched safety trips are reset on site
    And 2 minutes of plant time pass
    And the operator resets the controller's alarms
    And the operator starts the heat pump
    Then the compressors stop in time after the flow loss
    And the controller raises a flow or HP trip alarm in time
    And no restart is commanded while flow is lost or before the reset
    And the heat pump restarts after flow returns and the reset
    And the controller's reported state matches the plant
