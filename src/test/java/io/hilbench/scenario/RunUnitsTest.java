package io.hilbench.scenario;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shard planner of issue #17 item 2 on the real features: longest-processing-time first on the budgets, every
 * scenario in exactly one shard, the same partition every time, and the shard from --shard or the environment.
 */
class RunUnitsTest {
    private static final Path FEATURES = Path.of("features");

    @Test
    void everyScenarioIsInExactlyOneShardAndTheDefrostPairIsSplit() throws Exception {
        List<RunUnits.Unit> all = RunUnits.units(CertificationPlan.inFeatureOrder(FEATURES, null), List.of());
        List<List<RunUnits.Unit>> shards = RunUnits.partition(all, 3, 0, 0);
        List<RunUnits.Unit> union = new ArrayList<>();
        shards.forEach(union::addAll);
        assertThat(union).hasSize(all.size()).containsExactlyInAnyOrderElementsOf(all);
        // the two 195-min defrost scenarios are the two longest: LPT gives them to two different shards
        List<Integer> defrostShards = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) for (RunUnits.Unit u : shards.get(i)) if (u.scenario().budgetMin() >= 195) defrostShards.add(i);
        assertThat(defrostShards).containsExactly(0, 1);
        // LPT's bound against the lower bound max(longest, mean)
        double total = RunUnits.loadMin(all, all, 0, 0);
        double longest = all.stream().mapToDouble(u -> u.scenario().budgetMin()).max().orElseThrow();
        double makespan = shards.stream().mapToDouble(s -> RunUnits.loadMin(s, all, 0, 0)).max().orElseThrow();
        assertThat(makespan).isLessThanOrEqualTo((4.0 / 3 - 1.0 / 9) * Math.max(longest, total / 3) + 1e-9);
        // deterministic: the same partition again, each shard in the features' order
        assertThat(RunUnits.partition(all, 3, 0, 0)).isEqualTo(shards);
        for (List<RunUnits.Unit> s : shards) assertThat(s).isSortedAccordingTo(java.util.Comparator.comparingInt(RunUnits.Unit::index));
        assertThat(RunUnits.shard(all, new RunUnits.Shard(2, 3), 0, 0)).isEqualTo(shards.get(2));
    }

    @Test
    void aUnitsRealTimePartWeighsByThePacing() throws Exception {
        List<RunUnits.Unit> all = RunUnits.units(CertificationPlan.inFeatureOrder(FEATURES, null), List.of());
        RunUnits.Unit cl01 = all.stream().filter(u -> u.scenario().requirement().equals("CL-01")).findFirst().orElseThrow();
        assertThat(RunUnits.realtimeS(cl01.scenario())).as("CL-01's blackhole, @realtime-30s").isEqualTo(30.0);
        double lockstep = RunUnits.realtimeWeightMinPerS(io.hilbench.runtime.Pacing.parse("lockstep"));
        assertThat(lockstep).isEqualTo(RunUnits.LOCKSTEP_PLANT_MIN_PER_REALTIME_S);
        assertThat(RunUnits.realtimeWeightMinPerS(io.hilbench.runtime.Pacing.parse("realtime"))).isZero();
        assertThat(RunUnits.realtimeWeightMinPerS(io.hilbench.runtime.Pacing.parse("accelerated:61"))).isEqualTo(1.0);
        // in lockstep CL-01 (10 plant minutes, 30 s of them in real time) starts right after the two defrost scenarios,
        // whose lanes its wait then overlaps; in real time it weighs its budget, as before
        List<RunUnits.Unit> lockstepOrder = RunUnits.longestFirst(all, 0, lockstep);
        assertThat(lockstepOrder.indexOf(cl01)).isEqualTo(2);
        List<RunUnits.Unit> realtimeOrder = RunUnits.longestFirst(all, 0, 0);
        assertThat(realtimeOrder.indexOf(cl01)).isGreaterThan(5);
        assertThat(RunUnits.weightMin(cl01, 195, 2, lockstep)).isEqualTo(cl01.scenario().budgetMin() + 2 + 30 * lockstep);
    }

    @Test
    void unitsAreNumberedInTheFeaturesOrderAndCornersAreOptional() throws Exception {
        List<CertificationPlan.Entry> entries = CertificationPlan.inFeatureOrder(FEATURES, "@SU-04 or @SF-01");
        List<RunUnits.Unit> nominal = RunUnits.units(entries, List.of());
        assertThat(nominal).extracting(RunUnits.Unit::folder).containsExactly("01-SF-01", "02-SF-01", "03-SU-04");
        assertThat(nominal).extracting(RunUnits.Unit::corner).containsOnly(RunUnits.NOMINAL);
        assertThat(nominal.get(2).key()).isEqualTo("startup/ordered_stop.feature:8");
        List<RunUnits.Unit> corners = RunUnits.units(entries, List.of("nominal", "ua-minus-30"));
        assertThat(corners).hasSize(6);
        assertThat(corners.get(1).folder()).isEqualTo("02-SF-01-ua-minus-30");
        assertThat(corners.get(1).key()).endsWith("@ua-minus-30");
    }

    @Test
    void theShardComesFromTheOptionOrFromAKubernetesIndexedJob() {
        assertThat(RunUnits.Shard.parse("1/3")).isEqualTo(new RunUnits.Shard(1, 3));
        assertThatThrownBy(() -> RunUnits.Shard.parse("3/3")).hasMessageContaining("0 ≤ K < 3");
        assertThatThrownBy(() -> RunUnits.Shard.parse("1")).hasMessageContaining("K/N");
        assertThat(RunUnits.Shard.fromEnv(Map.of("JOB_COMPLETION_INDEX", "2", "BENCH_SHARD_COUNT", "4"))).contains(new RunUnits.Shard(2, 4));
        assertThat(RunUnits.Shard.fromEnv(Map.of("JOB_COMPLETION_INDEX", "2"))).isEmpty();
    }
}
