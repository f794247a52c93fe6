package io.hilbench.report.html;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** report.html links what a newcomer looks for next: the controller's log, judged/, run.log and evidence.zip (issue #16 item 10). */
class IndexLinksTest {

    @Test
    void theFilesLineLinksTheControllerLogJudgedTheRunLogAndTheBundle(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("controller.log"), "x");
        Files.writeString(dir.resolve("controller-no-flow-proof.log"), "x");
        Files.writeString(dir.resolve("run.log"), "x");
        Files.createDirectories(dir.resolve("judged"));
        assertThat(IndexPage.moreLinks(dir, false)).extracting(IndexPage.Link::href)
                .containsExactly("controller-no-flow-proof.log", "controller.log", "judged/", "run.log", "evidence.zip");
    }

    @Test
    void anInterruptedRunLinksNoBundleItNeverGets(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("controller.log"), "x");
        assertThat(IndexPage.moreLinks(dir, true)).extracting(IndexPage.Link::href).containsExactly("controller.log");
        Files.writeString(dir.resolve("evidence.zip"), "x");
        assertThat(IndexPage.moreLinks(dir, true)).extracting(IndexPage.Link::href).containsExactly("controller.log", "evidence.zip");
    }
}
