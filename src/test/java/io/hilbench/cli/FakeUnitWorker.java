package io.hilbench.cli;

import io.hilbench.scenario.VerdictLedger;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for {@code bench run --worker} speaking {@link UnitWorker}'s protocol, for {@link UnitRunsWorkersTest}: per
 * request it writes its pid into the unit's console output and one passed record into the unit's verdicts.json, then
 * answers done; a unit whose feature file is named {@code crash…} makes it print a line on stderr and end at once with
 * exit 137 (as a JVM killed by SIGKILL), without an answer; one named {@code unreachable…} is answered exit 3 with no
 * verdicts, a reason in its console output and a line on stderr (as a worker whose bench session could not start).
 */
public final class FakeUnitWorker {
    private FakeUnitWorker() {}

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] p = line.split("\t", -1);
            Path dir = Path.of(p[3]);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(UnitRuns.LOG), "pid " + ProcessHandle.current().pid() + " corner " + p[1] + "\n");
            if (Path.of(p[2].substring(0, p[2].lastIndexOf(':'))).getFileName().toString().startsWith("crash")) {
                System.err.println("fake worker: crashing in " + p[2]);
                System.err.flush();
                Runtime.getRuntime().halt(137);
            }
            if (Path.of(p[2].substring(0, p[2].lastIndexOf(':'))).getFileName().toString().startsWith("unreachable")) {
                // as a worker whose session could not start: its reason in the unit's console output, no verdicts, exit 3
                Files.writeString(dir.resolve(UnitRuns.LOG), "bench run: controller unreachable: fake reason in " + p[2] + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
                System.err.println("fake worker: a line on stderr in " + p[2]);
                System.err.flush();
                System.out.println(UnitWorker.DONE + " 3");
                System.out.flush();
                continue;
            }
            VerdictLedger.replaceAll(List.of(new VerdictLedger.ScenarioRecord("scenario of " + p[2], "XX-01", p[2], VerdictLedger.ScenarioOutcome.PASSED,
                    60_000, 10, List.of(), null, Map.of())), dir);
            System.out.println(UnitWorker.DONE + " 0");
            System.out.flush();
        }
    }
}
