package io.hilbench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-time certification profile's plan (DESIGN §7: order scenarios to minimise waiting, print the expected
 * duration before starting): grouping by initial condition, shortest budget first, outlines expanded per example row,
 * tag selection, and the duration arithmetic.
 */
class CertificationPlanTest {
    @TempDir
    Path dir;

    private void feature(String name, String text) throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a").resolve(name), text);
    }

    @Test
    void groupsByInitialConditionAndRunsTheShortestFirst() throws Exception {
        feature("one.feature", """
                @area
                Feature: one
                  Background:
                    Given the weather is 0 °C air

                  @XX-01 @certification @budget-30min
                  Scenario: long at cold
                    Given the return is 40 °C
                    When something happens
                    Then it is judged

                  @XX-02 @certification @budget-5min
                  Scenario: short at warm
                    Given the return is 55 °C
                    When something happens
                    Then it is judged

                  @XX-03 @certification @budget-10min
                  Scenario: medium at cold
                    Given the return is 40 °C
                    And this step is part of the condition
                    When something happens
                    And this step is not
                    Then it is judged
                """);
        feature("two.feature", """
                Feature: two
                  Background:
                    Given the weather is 0 °C air

                  @XX-04 @certification @budget-8min
                  Scenario Outline: outline at warm, <fault>
                    Given the return is 55 °C
                    When <fault>
                    Then it is judged
                    Examples:
                      | fault     |
                      | goes bad  |
                      | reads low |

                  @XX-05 @certification @pending @budget-1min
                  Scenario: pending never planned
                    Given the return is 55 °C
                    Then it is judged

                  @XX-06 @certification @budget-2min
                  Scenario: same condition as medium
                    Given the return is 40 °C
                    And this step is part of the condition
                    Then it is judged
                """);
        CertificationPlan plan = CertificationPlan.of(dir, null, 3.0);
        List<String> names = plan.order().stream().map(CertificationPlan.Entry::name).toList();
        // warm group {short 5, outline 8, 8} before the cold groups; "same condition as medium" (2 min) shares
        // XX-03's Given steps and so runs beside it, and that group (min 2) comes first of all
        assertThat(names).containsExactly(
                "same condition as medium", "medium at cold",
                "short at warm", "outline at warm, goes bad", "outline at warm, reads low",
                "long at cold");
        assertThat(plan.order().get(3).line()).as("an example row is selected by its own line").isEqualTo(12);
        assertThat(plan.order().get(0).initialCondition()).isEqualTo("the weather is 0 °C air; the return is 40 °C; this step is part of the condition");
        // 2 + 10 + 5 + 8 + 8 + 30 = 63 plant minutes, plus 6 resets of 3 minutes
        assertThat(plan.expectedMinutes()).isCloseTo(81.0, within(1e-9));
        assertThat(plan.describe("realtime")).contains("expected duration: 1 h 21 min").contains("6 scenario(s)");
        assertThat(plan.unbudgeted()).isZero();
    }

    @Test
    void aScenarioWithoutBudgetMakesTheTotalALowerBoundAndRunsLast() throws Exception {
        feature("three.feature", """
                Feature: three
                  @YY-01 @certification
                  Scenario: no budget
                    Given a condition
                    Then judged
                  @YY-02 @certification @budget-4min
                  Scenario: budgeted
                    Given a condition
                    Then judged
                  @YY-03 @budget-4min
                  Scenario: not certification
                    Given a condition
                    Then judged
                """);
        CertificationPlan plan = CertificationPlan.of(dir, "@certification", 0);
        assertThat(plan.order()).extracting(CertificationPlan.Entry::requirement).containsExactly("YY-02", "YY-01");
        assertThat(plan.expectedMinutes()).isEqualTo(4.0);
        assertThat(plan.describe("realtime")).contains("at least 0 h 04 min").contains("1 scenario(s) without a @budget-Nmin tag");
    }

    /** The shipped features: every @certification scenario that is not @pending carries a budget. */
    @Test
    void everyShippedCertificationScenarioIsBudgeted() throws Exception {
        CertificationPlan plan = CertificationPlan.of(Path.of("features"), "@certification and not @pending", 0);
        assertThat(plan.order()).isNotEmpty();
        assertThat(plan.order()).allSatisfy(e -> assertThat(e.budgeted()).as(e.name()).isTrue());
        assertThat(plan.order()).extracting(CertificationPlan.Entry::requirement).contains("SU-01", "HP-04", "SF-01");
    }
}
