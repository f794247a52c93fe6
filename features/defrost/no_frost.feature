@defrost
Feature: No defrost without frost
  At +8 °C and 50 % relative humidity the air's frost point is −1.6 °C: a coil running a little below it gathers only
  a thin layer (on the emulated plant about 70 kg per section and under 5 % of the coil's capacity in three hours at
  full load), far from needing a defrost: a defrost would only waste heat and interrupt a section. A time-based fallback may run only while frost sensing is invalid. The tank is too cold to be
  a heat source, so the heat pump runs on the air.
  Limits of every assertion: features/requirements.yaml, DF-02 (the run lasts its duration_h from the settled state).

  @DF-02 @certification @budget-195min
  Scenario: Three hours at +8 °C and 50 % relative humidity
    Given the weather is 8 °C air at 50 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    And the heat pump has settled at its supply setpoint
    Then no section defrosts while frost sensing is valid
    And the heat pump stays in service
