package io.hilbench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JUnit rewrite matches Cucumber's test cases to the ledger's scenarios by name: a Scenario Outline's example is
 * named "outline - #1.1: example" by Cucumber's JUnit plugin and by its own name in the ledger (found in a whole
 * ./bench run, where SF-01's two examples left the file not rewritten).
 */
class JunitXmlNamesTest {
    @Test
    void anOutlineExampleMatchesItsLedgerNameAndNothingElseDoes() {
        assertThat(JunitXml.sameScenario("Cold start on the air source at 0 °C air to a 75 °C supply", "Cold start on the air source at 0 °C air to a 75 °C supply")).isTrue();
        assertThat(JunitXml.sameScenario("PT-202 <fault> at full load - #1.1: PT-202 goes bad at full load", "PT-202 goes bad at full load")).isTrue();
        assertThat(JunitXml.sameScenario("PT-202 <fault> at full load - #1.2: PT-202 reads out of range at full load", "PT-202 goes bad at full load")).isFalse();
        assertThat(JunitXml.sameScenario("Operator stops the heat pump at full load", "Cold start on the air source at 0 °C air to a 75 °C supply")).isFalse();
    }
}
