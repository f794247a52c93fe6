package io.hilbench.scenario;

import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real-time certification profile's plan (DESIGN §7: "orders scenarios to minimise waiting and prints the expected
 * duration before it starts"): the selected scenarios of a features folder, their plant-time budgets, an order, and the
 * expected duration.
 *
 * <p><b>Budget.</b> Each scenario carries a tag {@code @budget-<N>min}: the plant minutes it needs from its first step
 * to its verdict (its own warm-up included, measured in lockstep; see BENCHMARKS.md). In real time a plant minute is a
 * wall minute. A selected scenario without a budget is listed as such and makes the plan's total a lower bound.
 *
 * <p><b>Waiting between scenarios</b> (DESIGN §7, {@link BenchSession#beginScenario}): none beyond the re-initialisation
 * when the rig maps {@code reset-to-initial}; otherwise stop, reset and the minimum off time (SU-03's {@code min_off_s})
 * before every scenario. The plan adds that allowance per scenario.
 *
 * <p><b>Order.</b> Scenarios with the same initial condition (the {@code Given} steps of their Background and body, i.e.
 * weather, return temperature, tank state) run together, so conditions a real rig sets by hand change as rarely as
 * possible; inside a group and across groups the shortest budget goes first (shortest-processing-time rule: it
 * minimises the mean wait until each verdict, and a failing short scenario shows before the long ones). Ties keep the
 * features' order (folder, file, line), so the plan is deterministic.
 *
 * <p>The features are read with a small line reader (tags, {@code Background}, {@code Scenario}, {@code Scenario
 * Outline} and its {@code Examples} rows, {@code Given}/{@code And} steps before the first {@code When}/{@code Then}) —
 * enough for the plan; Cucumber itself runs the scenarios.
 */
public final class CertificationPlan {
    private static final Pattern BUDGET = Pattern.compile("@budget-(\\d+(?:\\.\\d+)?)min");
    private static final Pattern REQUIREMENT = Pattern.compile("@([A-Z]{2}-\\d{2})");

    /**
     * One scenario (one example row of an outline).
     *
     * @param feature          the feature file
     * @param line             the line Cucumber selects it by (the scenario's, or the example row's for an outline)
     * @param name             the scenario name (with the example row for an outline)
     * @param requirement      the requirement id from its tags, or ""
     * @param tags             every tag, feature tags included
     * @param budgetMin        plant minutes budgeted, NaN when it has no {@code @budget-…min} tag
     * @param initialCondition its {@code Given} steps, joined
     */
    public record Entry(Path feature, int line, String name, String requirement, List<String> tags, double budgetMin, String initialCondition) {
        public boolean budgeted() { return !Double.isNaN(budgetMin); }
    }

    private final List<Entry> order;
    private final double resetAllowanceMin;

    private CertificationPlan(List<Entry> order, double resetAllowanceMin) {
        this.order = List.copyOf(order);
        this.resetAllowanceMin = resetAllowanceMin;
    }

    /**
     * Reads the features, selects by {@code tags} (a Cucumber tag expression; null or blank for
     * {@value ScenarioRunner#DEFAULT_TAGS}) and orders them.
     *
     * @param resetAllowanceMin plant minutes the bench waits before each scenario (0 with reset-to-initial)
     */
    public static CertificationPlan of(Path featuresDir, String tags, double resetAllowanceMin) throws IOException {
        return new CertificationPlan(order(inFeatureOrder(featuresDir, tags)), resetAllowanceMin);
    }

    /**
     * The scenarios {@code tags} selects, in the features' order (folder, file, line): the order a plain
     * {@code bench run} runs and records them in, and the order parallel and sharded runs merge their verdicts in.
     */
    public static List<Entry> inFeatureOrder(Path featuresDir, String tags) throws IOException {
        Expression filter = TagExpressionParser.parse(tags == null || tags.isBlank() ? ScenarioRunner.DEFAULT_TAGS : tags);
        List<Path> files;
        try (Stream<Path> s = Files.walk(featuresDir)) {
            files = s.filter(p -> p.toString().endsWith(".feature")).sorted().toList();
        }
        List<Entry> all = new ArrayList<>();
        for (Path f : files) all.addAll(read(f));
        return all.stream().filter(e -> filter.evaluate(e.tags())).toList();
    }

    /** The order of the class comment: groups by initial condition, shortest budget first (unbudgeted last), stable. */
    static List<Entry> order(List<Entry> entries) {
        Comparator<Entry> byBudget = Comparator.comparingDouble(e -> e.budgeted() ? e.budgetMin() : Double.MAX_VALUE);
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry e : entries) groups.computeIfAbsent(e.initialCondition(), k -> new ArrayList<>()).add(e);
        List<List<Entry>> sorted = new ArrayList<>();
        for (List<Entry> g : groups.values()) {
            List<Entry> copy = new ArrayList<>(g);
            copy.sort(byBudget);   // stable: ties keep the features' order
            sorted.add(copy);
        }
        sorted.sort(Comparator.comparingDouble(g -> g.stream().mapToDouble(e -> e.budgeted() ? e.budgetMin() : Double.MAX_VALUE).min().orElse(0)));
        List<Entry> out = new ArrayList<>();
        sorted.forEach(out::addAll);
        return out;
    }

    public List<Entry> order() { return order; }

    /** This plan with only the entries {@code keep} accepts, in the same order. */
    public CertificationPlan filter(java.util.function.Predicate<Entry> keep) {
        return new CertificationPlan(order.stream().filter(keep).toList(), resetAllowanceMin);
    }

    public double resetAllowanceMin() { return resetAllowanceMin; }

    /** Σ budgets + one reset allowance per scenario, plant minutes (= wall minutes in real time); a lower bound when some are unbudgeted. */
    public double expectedMinutes() {
        return order.stream().filter(Entry::budgeted).mapToDouble(Entry::budgetMin).sum() + resetAllowanceMin * order.size();
    }

    public long unbudgeted() { return order.stream().filter(e -> !e.budgeted()).count(); }

    /** The plan as printed before the run: one line per scenario, then the expected duration. */
    public String describe(String pacing) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "certification plan: %d scenario(s), %s, reset allowance %.1f min before each%n", order.size(), pacing, resetAllowanceMin));
        String group = null;
        int i = 0;
        for (Entry e : order) {
            if (!e.initialCondition().equals(group)) {
                group = e.initialCondition();
                sb.append("  given ").append(group.isEmpty() ? "(no initial condition)" : group).append('\n');
            }
            i++;
            sb.append(String.format(Locale.ROOT, "  %2d. %-6s %-60s %s  %s:%d%n", i, e.requirement(), truncate(e.name(), 60),
                    e.budgeted() ? String.format(Locale.ROOT, "%5.0f min", e.budgetMin()) : "  no budget", e.feature().getFileName(), e.line()));
        }
        double min = expectedMinutes();
        sb.append(String.format(Locale.ROOT, "expected duration: %s%d h %02d min (%.0f plant min of scenarios + %.0f min of resets)%s%n",
                unbudgeted() > 0 ? "at least " : "", (long) (min / 60), Math.round(min % 60), min - resetAllowanceMin * order.size(),
                resetAllowanceMin * order.size(), unbudgeted() > 0 ? "; " + unbudgeted() + " scenario(s) without a @budget-Nmin tag" : ""));
        return sb.toString();
    }

    private static String truncate(String s, int n) { return s.length() <= n ? s : s.substring(0, n - 1) + "…"; }

    // ------------------------------------------------------------------ the line reader

    private static final Pattern KEYWORD = Pattern.compile("^\\s*(Feature|Background|Scenario Outline|Scenario Template|Scenario|Example|Examples|Scenarios|Rule):\\s*(.*)$");
    private static final Pattern STEP = Pattern.compile("^\\s*(Given|When|Then|And|But|\\*)\\s+(.*)$");

    static List<Entry> read(Path feature) throws IOException {
        List<String> lines = Files.readAllLines(feature, StandardCharsets.UTF_8);
        List<Entry> out = new ArrayList<>();
        List<String> pendingTags = new ArrayList<>();
        List<String> featureTags = List.of();
        List<String> background = new ArrayList<>();
        // the scenario being read
        String kind = null, name = null;
        int line = 0;
        List<String> tags = List.of();
        List<String> given = new ArrayList<>();
        boolean givenOpen = false;
        List<String> header = null;          // an outline's Examples header
        boolean inExamples = false;
        List<String> exampleTags = List.of();
        for (int n = 1; n <= lines.size(); n++) {
            String raw = lines.get(n - 1);
            String t = raw.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            if (t.startsWith("@")) {
                for (String tag : t.split("\\s+")) if (tag.startsWith("@")) pendingTags.add(tag);
                continue;
            }
            Matcher k = KEYWORD.matcher(t);
            if (k.matches()) {
                String kw = k.group(1);
                switch (kw) {
                    case "Feature" -> featureTags = List.copyOf(pendingTags);
                    case "Background" -> {
                        kind = "Background";
                        givenOpen = true;
                    }
                    case "Scenario", "Example", "Scenario Outline", "Scenario Template" -> {
                        if (kind != null && kind.equals("Scenario")) out.add(entry(feature, line, name, tags, background, given, null));
                        kind = kw.startsWith("Scenario O") || kw.startsWith("Scenario T") ? "Outline" : "Scenario";
                        name = k.group(2).strip();
                        line = n;
                        List<String> all = new ArrayList<>(featureTags);
                        all.addAll(pendingTags);
                        tags = List.copyOf(all);
                        given = new ArrayList<>();
                        givenOpen = true;
                        inExamples = false;
                        header = null;
                    }
                    case "Examples", "Scenarios" -> {
                        inExamples = true;
                        header = null;
                        exampleTags = List.copyOf(pendingTags);
                        givenOpen = false;
                    }
                    default -> { }
                }
                pendingTags.clear();
                continue;
            }
            Matcher s = STEP.matcher(t);
            if (s.matches()) {
                String word = s.group(1);
                if (word.equals("When") || word.equals("Then")) givenOpen = false;
                else if (givenOpen) (kind != null && kind.equals("Background") ? background : given).add(s.group(2).strip());
                continue;
            }
            if (t.startsWith("|") && inExamples && "Outline".equals(kind)) {
                List<String> cells = cells(t);
                if (header == null) {
                    header = cells;
                } else {
                    List<String> rowTags = new ArrayList<>(tags);
                    rowTags.addAll(exampleTags);
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int c = 0; c < Math.min(header.size(), cells.size()); c++) values.put(header.get(c), cells.get(c));
                    out.add(entry(feature, n, name, rowTags, background, given, values));
                }
            }
        }
        if (kind != null && kind.equals("Scenario")) out.add(entry(feature, line, name, tags, background, given, null));
        return out;
    }

    private static Entry entry(Path feature, int line, String name, List<String> tags, List<String> background, List<String> given,
                               Map<String, String> example) {
        double budget = Double.NaN;
        String requirement = "";
        for (String t : tags) {
            Matcher b = BUDGET.matcher(t);
            if (b.matches()) budget = Double.parseDouble(b.group(1));
            Matcher r = REQUIREMENT.matcher(t);
            if (r.matches() && requirement.isEmpty()) requirement = r.group(1);
        }
        List<String> steps = new ArrayList<>(background);
        steps.addAll(given);
        String title = name;
        String condition = String.join("; ", steps);
        if (example != null) {
            for (Map.Entry<String, String> v : example.entrySet()) {
                title = title.replace("<" + v.getKey() + ">", v.getValue());
                condition = condition.replace("<" + v.getKey() + ">", v.getValue());
            }
        }
        return new Entry(feature, line, title, requirement, List.copyOf(tags), budget, condition);
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        if (inner.startsWith("|")) inner = inner.substring(1);
        if (inner.endsWith("|")) inner = inner.substring(0, inner.length() - 1);
        List<String> out = new ArrayList<>();
        for (String c : inner.split("\\|", -1)) out.add(c.strip());
        return out;
    }
}
