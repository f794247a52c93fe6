package io.hilbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Report folders are claimed atomically: runs started in the same second never share one (issue #18 item 3). */
class ReportFolderTest {
    private static final ZonedDateTime SAME_SECOND = ZonedDateTime.of(2026, 12, 7, 3, 10, 0, 0, ZoneOffset.UTC);

    @Test
    void runsStartedInTheSameSecondGetTheirOwnFolders(@TempDir Path reports) throws Exception {
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Path>> claimed = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                Callable<Path> claim = () -> {
                    go.await();
                    return ReportFolder.createDefault(reports, "solrod", SAME_SECOND);
                };
                claimed.add(pool.submit(claim));
            }
            go.countDown();
            Set<Path> distinct = new HashSet<>();
            for (Future<Path> f : claimed) distinct.add(f.get(60, TimeUnit.SECONDS));
            assertThat(distinct).hasSize(runs);
            assertThat(distinct).contains(reports.resolve("solrod-20261207T031000Z"), reports.resolve("solrod-20261207T031000Z-2"),
                    reports.resolve("solrod-20261207T031000Z-" + runs));
            for (Path p : distinct) assertThat(p).isEmptyDirectory();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExistingFolderOfAnotherRunIsNeverReused(@TempDir Path reports) throws IOException {
        Path old = Files.createDirectory(reports.resolve("solrod-20261207T031000Z"));
        Files.writeString(old.resolve("verdicts.json"), "{}");
        Path mine = ReportFolder.createDefault(reports, "solrod", SAME_SECOND);
        assertThat(mine).isEqualTo(reports.resolve("solrod-20261207T031000Z-2"));
        assertThat(old.resolve("verdicts.json")).hasContent("{}");
    }

    @Test
    void aNamedFolderIsCreatedOrUsedWhenEmptyAndRefusedWhenNot(@TempDir Path tmp) throws IOException {
        Path fresh = tmp.resolve("a/b/report");
        assertThat(ReportFolder.claimNamed(fresh)).isEqualTo(fresh).isEmptyDirectory();
        assertThat(ReportFolder.claimNamed(fresh)).as("an empty folder the user named is used").isEqualTo(fresh);
        Files.writeString(fresh.resolve("run.log"), "another run");
        assertThatThrownBy(() -> ReportFolder.claimNamed(fresh)).isInstanceOf(IOException.class).hasMessageContaining("is not empty");
        assertThat(fresh.resolve("run.log")).hasContent("another run");
    }

    @Test
    void aFolderThatCannotBeCreatedIsAClearError(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> ReportFolder.claimNamed(file.resolve("report")));
        assertThat(ReportFolder.describe(e)).contains("not-a-folder");
        assertThatThrownBy(() -> ReportFolder.claimNamed(file)).hasMessageContaining("is not a folder");
    }

    @Test
    void benchRunRefusesANonEmptyReportFolderWithExit2BeforeAnythingRuns(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("taken"));
        Files.writeString(dir.resolve("verdicts.json"), "{\"totals\":{}}");
        java.io.StringWriter err = new java.io.StringWriter();
        var cl = BenchCommand.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        int code = cl.execute("run", "--tags", "@SU-04", "--report", dir.toString(), "--key-store", tmp.resolve("keys").toString());
        assertThat(code).isEqualTo(BenchCommand.USAGE);
        assertThat(err.toString()).contains("is not empty").contains("no scenario was run");
        assertThat(dir.resolve("verdicts.json")).hasContent("{\"totals\":{}}");
        try (var list = Files.list(dir)) {
            assertThat(list.toList()).containsExactly(dir.resolve("verdicts.json"));
        }
    }
}
