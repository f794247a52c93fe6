@startup
Feature: Cold start to the district-heating supply setpoint
  On a winter design day the heat pump starts from Off: the DH pump must prove water flow through the gas
  cooler before any compressor runs, the lead compressor must start fast enough to lubricate, and the supply
  must reach its setpoint without pushing the gas-cooler pressure toward the safety chain. The tank is too cold to be
  a heat source (its bottom under the tank-source minimum): this is the air-only cold start at the rating point, so the
  air sections and their fans carry the whole load. The compressors are staged in one at a time and the heat pump stays
  in service to the end of the run. Limits of every assertion: features/requirements.yaml, requirement SU-01.

  @SU-01 @certification @commissioning @smoke @budget-28min
  Scenario: Cold start on the air source at 0 °C air to a 75 °C supply
    Given the weather is 0 °C air at 90 % relative humidity
    And the district-heating return is 40 °C
    And the tank is charged to 45 °C at the top and 10 °C at the bottom
    And the heat pump is Off
    And the supply setpoint is 75 °C
    When the operator starts the heat pump
    Then DH flow is proven before any compressor is commanded to run
    And the lead compressor holds its minimum start speed long enough
    And the supply temperature settles within its band and holds it
    And the gas-cooler pressure never reaches its soft limit
    And the safety chain never trips
    And the compressors are staged in one at a time
    And the heat pump stays in service
