@solar
Feature: Back to the air source when the tank is spent
  When the tank bottom falls below the tank-source minimum, the water evaporator can no longer carry the load: the
  controller must switch back to the air source in time, holding the supply and without a trip.
  Limits of every assertion (and the tank-source minimum the stimulus goes below): features/requirements.yaml, SO-02.

  @SO-02 @certification @commissioning @budget-20min
  Scenario: The tank bottom falls below the tank-source minimum while on the tank source
    Given the weather is 5 °C air at 70 % relative humidity
    And the irradiance is 800 W/m²
    And the district-heating return is 40 °C
    And the tank is charged to 60 °C at the top and 35 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    And the heat pump has settled at its supply setpoint
    When the tank bottom falls below the tank-source minimum
    Then the heat pump was on the tank source when the tank bottom fell
    And the heat pump is back on the air source in time
    And the supply stays within its band during the switch
    And the safety chain never trips during the switch
    And the heat pump stays in service
