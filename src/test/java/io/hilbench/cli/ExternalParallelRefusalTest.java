package io.hilbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17 item 5: one external controller endpoint serves one run at a time. {@code --parallel 2} and a shard of
 * several without {@code --shard-port-stride} against {@code --controller external} are refused before anything
 * starts (exit 2), saying why and what to do; nothing is bound, no controller is dialled.
 */
class ExternalParallelRefusalTest {
    @TempDir
    Path tmp;

    private String[] run(String report, String... extra) {
        String[] base = {"run", "--controller", "external", "--tags", "@SU-04", "--report", tmp.resolve(report).toString(), "--key-store", tmp.resolve("keys").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void parallelAndUnstridedShardsAgainstOneExternalControllerAreRefused() {
        StringWriter err = new StringWriter();
        var cl = BenchCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(run("p", "--parallel", "2"))).isEqualTo(BenchCommand.USAGE);
        assertThat(err.toString()).contains("--parallel 2 would run 2 scenarios on it at once").contains("refused").contains("opc.tcp://127.0.0.1:4841/controller");

        StringWriter err2 = new StringWriter();
        var cl2 = BenchCommand.commandLine();
        cl2.setErr(new PrintWriter(err2, true));
        assertThat(cl2.execute(run("s", "--shard", "1/3"))).isEqualTo(BenchCommand.USAGE);
        assertThat(err2.toString()).contains("shard 1/3 of 3 would share it with the other shards").contains("--shard-port-stride");
    }
}
