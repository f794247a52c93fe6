package io.hilbench.scenario;

import io.hilbench.points.EngineeringUnit;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Gherkin's quantities become SI at the edge (CONVENTIONS: units at the edges), and nothing else parses as one. */
class QuantitiesTest {
    @Test
    void temperaturesPressuresAndSharesReadWithTheirUnitsAndConvertToSi() {
        assertThat(Quantities.temperature("55 °C").toSi()).isCloseTo(328.15, within(1e-9));
        assertThat(Quantities.temperature("-5.5°C").value()).isEqualTo(-5.5);
        assertThat(Quantities.pressure("120 bar").toSi()).isEqualTo(120e5);
        assertThat(Quantities.percent("90 %").toSi()).isCloseTo(0.9, within(1e-12));
        assertThat(Quantities.percent("90 %").unit()).isEqualTo(EngineeringUnit.PERCENT);
    }

    @Test
    void durationsAreReadInPlantTime() {
        assertThat(Quantities.duration("10 minutes")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Quantities.duration("1 minute")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Quantities.duration("30 s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Quantities.duration("1.5 h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Quantities.duration("2 hours")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aQuantityInTheWrongUnitIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> Quantities.temperature("120 bar")).hasMessageContaining("not a temperature such as 55 °C");
        assertThatThrownBy(() -> Quantities.pressure("55 °C")).hasMessageContaining("a pressure");
        assertThatThrownBy(() -> Quantities.duration("ten minutes")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Quantities.percent("90")).hasMessageContaining("a share");
    }

    @Test
    void theParameterTypesUseTheSamePatterns() {
        // the Cucumber parameter types are declared with these regular expressions: what a step can say parses here
        assertThat("55 °C").matches(Quantities.TEMPERATURE);
        assertThat("-3 °C").matches(Quantities.TEMPERATURE);
        assertThat("120 bar").matches(Quantities.PRESSURE);
        assertThat("90 %").matches(Quantities.PERCENT);
        assertThat("10 minutes").matches(Quantities.DURATION);
        assertThat("10 apples").doesNotMatch(Quantities.DURATION);
    }

    @Test
    void plantTimeIsShownAsHoursMinutesSeconds() {
        assertThat(Quantities.plantTime(1_500_100)).isEqualTo("0:25:00.1");
        assertThat(Quantities.plantTime(3_723_400)).isEqualTo("1:02:03.4");
        assertThat(Quantities.plantTime(419_960)).as("rounded before it is split: never 0:06:60.0").isEqualTo("0:07:00.0");
    }
}
