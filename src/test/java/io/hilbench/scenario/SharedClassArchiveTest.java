package io.hilbench.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class data archive of a run's child JVMs (issue #17 item 1): one child makes it, the later ones map it, and an
 * archive that is not whole is never handed out (a truncated one made the JVM die of SIGBUS).
 */
class SharedClassArchiveTest {

    @Test
    void oneChildMakesTheArchiveTheOthersWaitWithoutAndALaterChildMapsItOnceItIsMade(@TempDir Path dir) throws Exception {
        SharedClassArchive a = SharedClassArchive.forTest(dir, "controller");
        SharedClassArchive.Lease first = a.lease();
        assertThat(first.dumping()).isTrue();
        assertThat(first.options()).contains("-XX:ArchiveClassesAtExit=" + dir.resolve("controller.jsa.part"));
        // another process of the same run (its own SharedClassArchive on the same folder) finds the claim: none
        assertThat(SharedClassArchive.forTest(dir, "controller").lease().options()).isEmpty();
        assertThat(a.lease(false).options()).as("a child that may not make it").isEmpty();

        // the child JVM writes the archive as it exits (a real JVM: what HotSpot writes, HotSpot must map)
        String cp = jarOnClassPath();
        Process p = new ProcessBuilder(javaBin(), first.options().get(0), "-Xlog:cds=off", "-cp", cp, "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        a.ended(first, true, cp);

        assertThat(dir.resolve("controller.jsa")).isRegularFile();
        assertThat(dir.resolve("controller.jsa.part")).doesNotExist();
        SharedClassArchive.Lease later = a.lease(false);
        assertThat(later.dumping()).isFalse();
        assertThat(later.options()).startsWith("-XX:SharedArchiveFile=" + dir.resolve("controller.jsa"));
    }

    @Test
    void aTruncatedArchiveIsDroppedAndNoLaterChildPaysForAnotherDump(@TempDir Path dir) throws Exception {
        SharedClassArchive a = SharedClassArchive.forTest(dir, "unit");
        SharedClassArchive.Lease first = a.lease();
        assertThat(first.dumping()).isTrue();
        // what a child killed while writing leaves: the start of an archive
        Files.write(dir.resolve("unit.jsa.part"), new byte[]{(byte) 0xf0, 0x0d, (byte) 0xaa, 0x42, 0, 0, 0, 0});
        a.ended(first, true, jarOnClassPath());
        assertThat(dir.resolve("unit.jsa")).as("checked with -Xshare:on before it is handed out").doesNotExist();
        assertThat(dir.resolve("unit.jsa.part")).doesNotExist();
        assertThat(a.lease().options()).as("no second dump, no archive: plain children").isEmpty();
    }

    @Test
    void aChildThatWasKilledPublishesNothing(@TempDir Path dir) throws Exception {
        SharedClassArchive a = SharedClassArchive.forTest(dir, "unit");
        SharedClassArchive.Lease first = a.lease();
        Files.write(dir.resolve("unit.jsa.part"), new byte[]{1, 2, 3});
        a.ended(first, false, jarOnClassPath());
        assertThat(dir.resolve("unit.jsa")).doesNotExist();
        assertThat(dir.resolve("unit.jsa.part")).doesNotExist();
    }

    @Test
    void offGivesNoOptions(@TempDir Path dir) {
        assertThat(SharedClassArchive.enabledBy(Map.of(SharedClassArchive.SWITCH_ENV, "OFF"))).isFalse();
        assertThat(SharedClassArchive.enabledBy(Map.of())).isTrue();
        assertThat(SharedClassArchive.runFolder(Map.of(SharedClassArchive.SWITCH_ENV, "off"))).isNull();
        assertThat(new SharedClassArchive(null, "unit", true).lease().options()).isEmpty();
        assertThat(new SharedClassArchive(dir, "unit", false).lease().options()).isEmpty();
    }

    @Test
    void aClassPathWithAFolderGetsNoArchive() {
        assertThat(SharedClassArchive.jarsOnly(jarOnClassPath())).isTrue();
        assertThat(SharedClassArchive.jarsOnly(jarOnClassPath() + java.io.File.pathSeparator + "target/classes")).isFalse();
    }

    /** One jar of the test class path (AppCDS archives classes from jars only; a class folder would stop the dump). */
    private static String jarOnClassPath() {
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (e.endsWith(".jar") && e.contains("picocli")) return e;
        }
        throw new AssertionError("no picocli jar on the test class path");
    }

    private static String javaBin() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
