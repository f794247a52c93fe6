package io.hilbench.cli;

import io.hilbench.scenario.CertificationPlan;
import io.hilbench.scenario.RunUnits;
import io.hilbench.scenario.VerdictLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parent side of a parallel run's workers ({@link UnitRuns#runWorkers}), with a stand-in worker
 * ({@link FakeUnitWorker}: no plant, no controller, milliseconds a unit): units handed out longest budget first, one
 * worker serving several units, a worker that dies inside a unit recorded as an error for that unit only, with its
 * stderr kept in that unit's folder, and a new worker for the lane's next unit; no worker left running.
 */
class UnitRunsWorkersTest {
    @TempDir
    Path tmp;

    @Test
    void aWorkerThatDiesInAUnitIsThatUnitsErrorAndTheNextUnitGetsANewWorker() throws Exception {
        // budgets 30, 20, 10 min: LPT order a, crash, c on one lane
        List<RunUnits.Unit> units = List.of(unit(0, "a.feature", 30), unit(1, "crash.feature", 20), unit(2, "c.feature", 10));
        var printed = new ByteArrayOutputStream();
        UnitRuns.Live live = new UnitRuns.Live();
        UnitRuns.Outcome o = UnitRuns.runWorkers(units, 0, 0, 1, fakeWorker(), tmp, new PrintStream(printed, true, StandardCharsets.UTF_8), live, () -> true);

        assertThat(o.records()).extracting(VerdictLedger.ScenarioRecord::outcome)
                .containsExactly(VerdictLedger.ScenarioOutcome.PASSED, VerdictLedger.ScenarioOutcome.ERROR, VerdictLedger.ScenarioOutcome.PASSED);
        assertThat(o.records().get(1).error()).contains("02-XX-01").contains("exit 137").contains("unit.log");
        assertThat(o.exitCodes()).containsEntry("01-XX-01", 0).containsEntry("02-XX-01", 137).containsEntry("03-XX-01", 0);
        // a and the crash on the first worker, c on a new one
        long a = pid("01-XX-01"), crash = pid("02-XX-01"), c = pid("03-XX-01");
        assertThat(crash).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(tmp.resolve("02-XX-01/" + UnitRuns.WORKER_ERR)).content().contains("fake worker: crashing in");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("its worker 1 ended (exit 137), the next unit gets a new one");
        assertThat(ProcessHandle.of(c).map(ProcessHandle::isAlive).orElse(false)).as("the last worker ended when its input closed").isFalse();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".worker-")).toList()).as("no worker stderr left in the run's folder").isEmpty();
        }
    }

    @Test
    void aUnitThatWasNotJudgedHasItsLogsOnTheRunsOutput() throws Exception {
        // a CI failure showed only "no verdicts (see 01-SU-04/unit.log)": the folder was gone with JUnit's temporary folder
        List<RunUnits.Unit> units = List.of(unit(0, "a.feature", 30), unit(1, "unreachable.feature", 20));
        var printed = new ByteArrayOutputStream();
        UnitRuns.Outcome o = UnitRuns.runWorkers(units, 0, 0, 1, fakeWorker(), tmp, new PrintStream(printed, true, StandardCharsets.UTF_8),
                new UnitRuns.Live(), () -> true);
        assertThat(o.records()).extracting(VerdictLedger.ScenarioRecord::outcome)
                .containsExactly(VerdictLedger.ScenarioOutcome.PASSED, VerdictLedger.ScenarioOutcome.INCONCLUSIVE);
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("02-XX-01/unit.log:").contains("| bench run: controller unreachable: fake reason in features/unreachable.feature:3")
                .contains("the worker's stderr:").contains("| fake worker: a line on stderr in features/unreachable.feature:3");
        // the unit's line names the worker's reason (every exit 2 used to read "the bench could not start")
        assertThat(out).contains("… no verdicts (controller unreachable: fake reason in features/unreachable.feature:3; see 02-XX-01/unit.log)");
        // a judged unit's logs are not repeated
        assertThat(out).doesNotContain("01-XX-01/unit.log:");
        assertThat(o.records().get(1).error()).contains("controller unreachable: fake reason");
    }

    @Test
    void twoLanesServeFiveUnitsWithTwoWorkersLongestFirst() throws Exception {
        List<RunUnits.Unit> units = new ArrayList<>();
        for (int i = 0; i < 5; i++) units.add(unit(i, "u" + i + ".feature", 10 + i));
        UnitRuns.Outcome o = UnitRuns.runWorkers(units, 0, 0, 2, fakeWorker(), tmp, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new UnitRuns.Live(), () -> true);
        assertThat(o.records()).hasSize(5).allMatch(r -> r.outcome() == VerdictLedger.ScenarioOutcome.PASSED);
        // joined in the features' order, whatever order they ran in
        assertThat(o.records()).extracting(VerdictLedger.ScenarioRecord::uri).containsExactly(
                units.stream().map(RunUnits.Unit::selector).toArray(String[]::new));
        List<Long> pids = new ArrayList<>();
        for (RunUnits.Unit u : units) pids.add(pid(u.folder()));
        assertThat(pids.stream().distinct().count()).as("two workers for five units: %s", pids).isEqualTo(2);
        // the longest unit (u4) started first, on the first worker; the second longest on the second
        assertThat(pid("05-XX-01")).isNotEqualTo(pid("04-XX-01"));
    }

    @Test
    void aRequestLineRefusesATabOrANewlineInsideAField() {
        assertThat(UnitWorker.request("nominal", "features/a.feature:12", Path.of("/r/01-SU-01"))).isEqualTo("unit\tnominal\tfeatures/a.feature:12\t/r/01-SU-01");
        assertThatThrownBy(() -> UnitWorker.request("nominal", "features/a\tb.feature:12", Path.of("/r/01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a tab or a newline");
    }

    private long pid(String folder) throws Exception {
        String log = Files.readString(tmp.resolve(folder).resolve(UnitRuns.LOG));
        return Long.parseLong(log.split(" ")[1].trim());
    }

    private static RunUnits.Unit unit(int index, String file, double budgetMin) {
        return new RunUnits.Unit(index, new CertificationPlan.Entry(Path.of("features", file), 3, "scenario " + file, "XX-01", List.of(), budgetMin, ""),
                RunUnits.NOMINAL);
    }

    private static List<String> fakeWorker() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                FakeUnitWorker.class.getName());
    }
}
