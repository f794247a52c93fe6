package io.hilbench.scenario.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The step library as a list, read from the glue's {@code @Given/@When/@Then} annotations: the generated step list of
 * {@code features/README.md} ({@code main} prints it as Markdown), so the README never drifts from the glue.
 */
public final class StepCatalogue {
    /** The step classes of the glue, in the order the README lists them. */
    static final List<Class<?>> STEP_CLASSES = List.of(PlantSteps.class, ControllerSteps.class, ConditionSteps.class,
            StartupSteps.class, SequenceSteps.class, ProtectionSteps.class);

    /** One step: keyword, Cucumber expression, the class that defines it. */
    public record Step(String keyword, String expression, String stepClass) {}

    private StepCatalogue() {}

    public static List<Step> steps() {
        List<Step> out = new ArrayList<>();
        for (Class<?> c : STEP_CLASSES) {
            List<Method> methods = new ArrayList<>(Arrays.asList(c.getDeclaredMethods()));
            methods.sort(Comparator.comparing(Method::getName));
            List<Step> mine = new ArrayList<>();
            for (Method m : methods) {
                Given g = m.getAnnotation(Given.class);
                When w = m.getAnnotation(When.class);
                Then t = m.getAnnotation(Then.class);
                if (g != null) mine.add(new Step("Given", g.value(), c.getSimpleName()));
                if (w != null) mine.add(new Step("When", w.value(), c.getSimpleName()));
                if (t != null) mine.add(new Step("Then", t.value(), c.getSimpleName()));
            }
            mine.sort(Comparator.comparing((Step s) -> "GivenWhenThen".indexOf(s.keyword())).thenComparing(Step::expression));
            out.addAll(mine);
        }
        return out;
    }

    /** The Markdown list: one section per step class, one line per step. */
    public static String markdown() {
        StringBuilder b = new StringBuilder();
        String current = null;
        for (Step s : steps()) {
            if (!s.stepClass().equals(current)) {
                current = s.stepClass();
                b.append(current.equals(STEP_CLASSES.get(0).getSimpleName()) ? "" : "\n").append("**").append(current).append("**\n\n");
            }
            b.append("- `").append(s.keyword()).append(' ').append(s.expression()).append("`\n");
        }
        return b.toString();
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
