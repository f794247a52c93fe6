package io.hilbench.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The units of a parallel or sharded run (issue #17 items 1–2) and how they are shared out. A unit is one scenario (one
 * example row of an outline) at one plant-parameter corner; the corner is {@value #NOMINAL} unless the run asks for
 * corners (item 3), so a corner-aware run only adds units and every planner and merge below stays as it is.
 *
 * <p><b>Order.</b> Units are numbered in the features' order (folder, file, line; corners in the order given within a
 * scenario): the order a plain sequential {@code bench run} records its verdicts in, and the order a parallel run and
 * {@code bench merge} write them back in, so the merged verdicts.json lists the scenarios as the sequential run does.
 *
 * <p><b>Shards</b> ({@link #shard}): longest-processing-time first (LPT, Graham 1969: sort the jobs by decreasing
 * length, give each to the currently least-loaded machine; its makespan is at most 4/3 − 1/(3m) of the optimum) on
 * each scenario's plant-time budget (its {@code @budget-Nmin} tag, CertificationPlan) plus the reset allowance before
 * it. Ties go to the unit earlier in the features' order and to the lower shard index, so every shard computes the
 * same partition from the same features and tags without talking to the others.
 */
public final class RunUnits {
    /** The corner of a run without corners: the plant as its parameter files and overrides give it (the rig's own name for it). */
    public static final String NOMINAL = io.hilbench.rig.Corner.NOMINAL;

    /**
     * One unit: a scenario at a corner, with its index in the features' order.
     *
     * @param index    0-based position in the run's unit list (features' order)
     * @param scenario the scenario (feature file, line, name, requirement, budget)
     * @param corner   {@value #NOMINAL}, or the name of a corner of the rig
     */
    public record Unit(int index, CertificationPlan.Entry scenario, String corner) {
        /** The unit's identity across shards: the feature file (its folder and name), line and corner. */
        public String key() {
            java.nio.file.Path f = scenario.feature();
            String file = (f.getParent() == null || f.getParent().getFileName() == null ? "" : f.getParent().getFileName() + "/") + f.getFileName();
            return file + ":" + scenario.line() + (NOMINAL.equals(corner) ? "" : "@" + corner);
        }

        /** The unit's folder name in a merged report: 2-digit (or more) position, requirement, corner when not nominal. */
        public String folder() {
            return String.format(Locale.ROOT, "%02d-%s%s", index + 1, scenario.requirement().isEmpty() ? "scenario" : scenario.requirement(),
                    NOMINAL.equals(corner) ? "" : "-" + corner);
        }

        /** {@code FILE:LINE}, the selector the child run of this unit is given. */
        public String selector() { return scenario.feature() + ":" + scenario.line(); }
    }

    /** A shard of a run: index K (0-based, as Kubernetes' JOB_COMPLETION_INDEX) of N. */
    public record Shard(int index, int count) {
        public static final String ENV_INDEX = "JOB_COMPLETION_INDEX";
        public static final String ENV_COUNT = "BENCH_SHARD_COUNT";

        public Shard {
            if (count < 1) throw new IllegalArgumentException("shard count must be 1 or more, was " + count);
            if (index < 0 || index >= count) throw new IllegalArgumentException("shard index must be 0 ≤ K < " + count + ", was " + index);
        }

        /** {@code K/N}, e.g. {@code 0/3}. @throws IllegalArgumentException anything else */
        public static Shard parse(String s) {
            String[] p = s.trim().split("/");
            if (p.length != 2) throw new IllegalArgumentException("--shard wants K/N (K zero-based, 0 ≤ K < N), was '" + s + "'");
            try {
                return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--shard wants K/N with whole numbers, was '" + s + "'");
            }
        }

        /**
         * The shard the environment names: {@value #ENV_INDEX} (set by a Kubernetes Indexed Job) and {@value #ENV_COUNT},
         * when both are set; else none.
         */
        public static java.util.Optional<Shard> fromEnv(Map<String, String> env) {
            String k = env.get(ENV_INDEX), n = env.get(ENV_COUNT);
            if (k == null || n == null || k.isBlank() || n.isBlank()) return java.util.Optional.empty();
            try {
                return java.util.Optional.of(new Shard(Integer.parseInt(k.trim()), Integer.parseInt(n.trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ENV_INDEX + "=" + k + " and " + ENV_COUNT + "=" + n + " must be whole numbers");
            }
        }

        @Override
        public String toString() { return index + "/" + count; }
    }

    private RunUnits() {}

    /** The units of {@code scenarios} (features' order) at each corner; a list of corners that is empty means nominal only. */
    public static List<Unit> units(List<CertificationPlan.Entry> scenarios, List<String> corners) {
        List<String> cs = corners == null || corners.isEmpty() ? List.of(NOMINAL) : corners;
        List<Unit> out = new ArrayList<>();
        for (CertificationPlan.Entry e : scenarios) for (String c : cs) out.add(new Unit(out.size(), e, c));
        return List.copyOf(out);
    }

    /**
     * Plant minutes a second of real-time pacing inside a lockstep unit weighs: lockstep runs the whole default suite
     * at about 180× real time on the 2-core reference machine (738 plant min in 247 s, BENCHMARKS.md), so a second
     * the plant waits in real time (a link fault: DESIGN §4 item 9) costs the wall time of about 3 plant minutes.
     */
    public static final double LOCKSTEP_PLANT_MIN_PER_REALTIME_S = 3.0;
    private static final java.util.regex.Pattern REALTIME = java.util.regex.Pattern.compile("@realtime-(\\d+(?:\\.\\d+)?)s");

    /**
     * The planner's extra plant minutes per second of a unit's real-time part ({@code @realtime-Ns}) under
     * {@code pacing}: {@value #LOCKSTEP_PLANT_MIN_PER_REALTIME_S} in lockstep, (k − 1)/60 at k× accelerated, none in
     * real time (there the budget is the wall time already).
     */
    public static double realtimeWeightMinPerS(io.hilbench.runtime.Pacing pacing) {
        return switch (pacing.kind()) {
            case LOCKSTEP -> LOCKSTEP_PLANT_MIN_PER_REALTIME_S;
            case ACCELERATED -> Double.isFinite(pacing.factor()) ? Math.max(0, pacing.factor() - 1) / 60.0 : LOCKSTEP_PLANT_MIN_PER_REALTIME_S;
            case REALTIME -> 0.0;
        };
    }

    /** Seconds of a scenario's plant time that pass in real time whatever the pacing: its {@code @realtime-Ns} tag, else 0. */
    static double realtimeS(CertificationPlan.Entry e) {
        for (String t : e.tags()) {
            java.util.regex.Matcher m = REALTIME.matcher(t);
            if (m.matches()) return Double.parseDouble(m.group(1));
        }
        return 0;
    }

    /**
     * A unit's weight for the planner, plant minutes: its budget plus the reset allowance, plus its real-time part at
     * {@code realtimeMinPerS} ({@link #realtimeWeightMinPerS}); a unit without a budget weighs as much as the longest
     * budgeted one (it is not assumed short). The real-time part matters in lockstep: CL-01's 30 s blackhole is most of
     * its wall time, and weighed by its 10 plant minutes alone it started last and ended a parallel run 9 s after the
     * other lane ran out of work.
     */
    static double weightMin(Unit u, double longestBudgetMin, double resetAllowanceMin, double realtimeMinPerS) {
        CertificationPlan.Entry e = u.scenario();
        return (e.budgeted() ? e.budgetMin() : longestBudgetMin) + resetAllowanceMin + realtimeS(e) * realtimeMinPerS;
    }

    /** The units in the order they should start: longest first (ties in the features' order). */
    public static List<Unit> longestFirst(List<Unit> units, double resetAllowanceMin, double realtimeMinPerS) {
        double longest = longest(units);
        List<Unit> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparingDouble((Unit u) -> -weightMin(u, longest, resetAllowanceMin, realtimeMinPerS)).thenComparingInt(Unit::index));
        return sorted;
    }

    private static double longest(List<Unit> units) {
        return units.stream().filter(u -> u.scenario().budgeted()).mapToDouble(u -> u.scenario().budgetMin()).max().orElse(60);
    }

    /**
     * The LPT partition of {@code units} into {@code count} shards: shard i's units in the features' order. Deterministic
     * (see the class comment); a shard may be empty when there are fewer units than shards.
     */
    public static List<List<Unit>> partition(List<Unit> units, int count, double resetAllowanceMin, double realtimeMinPerS) {
        double longest = longest(units);
        List<List<Unit>> shards = new ArrayList<>();
        double[] load = new double[count];
        for (int i = 0; i < count; i++) shards.add(new ArrayList<>());
        for (Unit u : longestFirst(units, resetAllowanceMin, realtimeMinPerS)) {
            int best = 0;
            for (int i = 1; i < count; i++) if (load[i] < load[best]) best = i;
            shards.get(best).add(u);
            load[best] += weightMin(u, longest, resetAllowanceMin, realtimeMinPerS);
        }
        for (List<Unit> s : shards) s.sort(Comparator.comparingInt(Unit::index));
        return shards;
    }

    /** The units of one shard (features' order). */
    public static List<Unit> shard(List<Unit> units, Shard shard, double resetAllowanceMin, double realtimeMinPerS) {
        return List.copyOf(partition(units, shard.count(), resetAllowanceMin, realtimeMinPerS).get(shard.index()));
    }

    /** Plant minutes of a list of units (budgets plus the reset allowance each): what a shard's load is compared by. */
    public static double loadMin(List<Unit> units, List<Unit> all, double resetAllowanceMin, double realtimeMinPerS) {
        double longest = longest(all);
        return units.stream().mapToDouble(u -> weightMin(u, longest, resetAllowanceMin, realtimeMinPerS)).sum();
    }
}
