package io.hilbench.scenario;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A dynamic AppCDS archive (JEP 350, JDK 13+) for one kind of child JVM of a run — the reference controller (until
 * session 12 also a parallel run's per-unit bench; its units now run in long-lived workers, UnitRuns) — so that every
 * child after the first maps the jar's classes already parsed and verified instead of loading them again (issue #17
 * item 1).
 *
 * <p><b>Why.</b> A child JVM loads a large part of a 51 MB jar (Eclipse Milo builds the whole OPC UA standard
 * namespace, thousands of generated node classes) before it does any work. Measured (BENCHMARKS.md, "parperf2"): the
 * bench JVM of {@code @SU-04} took 41.8 CPU s without and 33.2 CPU s with an archive of itself. A sequential run
 * pays that start once for its one bench JVM; a parallel run pays it once per unit, which is what kept
 * {@code --parallel 2} above 60 % of the sequential wall time.
 *
 * <p><b>How</b> (HotSpot's own mechanism, nothing home-made): the first child of a kind is started with
 * {@code -XX:ArchiveClassesAtExit=KIND.jsa.part}; the JVM writes the archive when it exits. Only after that child
 * exited cleanly is the file checked by a throw-away {@code java -Xshare:on -XX:SharedArchiveFile=… -version} and
 * renamed to {@code KIND.jsa} (an atomic rename: a half-written archive is never mapped; one truncated archive made
 * the JVM die of SIGBUS here). Every later child of that kind gets {@code -XX:SharedArchiveFile=KIND.jsa}; children
 * started while the archive is not ready run without one. Across processes (a parallel run's units share the
 * controller archive) one child claims the dump by creating {@code KIND.claim}, which is atomic.
 *
 * <p><b>What it cannot change.</b> Class data sharing only changes how classes get into memory: the same bytecode runs
 * and is compiled the same way, so traces stay byte-identical (checked with {@code cmp}, BENCHMARKS.md). A JVM that
 * cannot use the archive (another jar, another JDK) ignores it under the default {@code -Xshare:auto}.
 *
 * <p><b>Where.</b> A folder per run: a parallel run's parent makes one and hands it to its units in
 * {@value #DIR_ENV}; a run without one makes its own at first use. The maker deletes it when the run (JVM) ends.
 * {@value #SWITCH_ENV}{@code =off} turns the archives off.
 */
public final class SharedClassArchive {
    private static final Logger log = LoggerFactory.getLogger(SharedClassArchive.class);
    /** The folder of the run's archives, handed by a parallel run's parent to its units. */
    public static final String DIR_ENV = "BENCH_CDS_DIR";
    /**
     * {@code no}: this process's children may use the run's archives but not make them. A parallel run's parent says it
     * to every unit but the one it picked to make them (the shortest of the first units started: the archive of a kind
     * is ready only when the child that writes it has ended).
     */
    public static final String DUMP_ENV = "BENCH_CDS_DUMP";
    /** {@code off} (any case) turns the archives off. */
    public static final String SWITCH_ENV = "BENCH_CDS";
    /** CDS's own log lines (e.g. a class it skips while dumping) would land in the children's logs: off. */
    static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** The options of one child, and what to do when it ended. */
    public record Lease(List<String> options, boolean dumping) {
        static final Lease NONE = new Lease(List.of(), false);
    }

    private final Path dir;
    private final String kind;
    private final boolean enabled;

    /**
     * @param dir     the run's archive folder (it must exist), or null: off
     * @param kind    the child kind, the archive's name ({@code controller}, {@code unit})
     */
    public SharedClassArchive(Path dir, String kind, boolean enabled) {
        this.dir = dir;
        this.kind = kind;
        this.enabled = enabled && dir != null && supported() && jarsOnly(System.getProperty("java.class.path", ""));
    }

    /**
     * AppCDS archives classes from jars only: a JVM asked to write one with a class folder on its class path (a test
     * run under Surefire: target/classes) fails as it exits ("Cannot have non-empty directory in paths", exit 1). So
     * the archives are for the jar only.
     */
    static boolean jarsOnly(String classPath) {
        if (classPath.isBlank()) return false;
        for (String e : classPath.split(java.io.File.pathSeparator)) {
            if (!e.endsWith(".jar") || !Files.isRegularFile(Path.of(e))) return false;
        }
        return true;
    }

    private SharedClassArchive(Path dir, String kind) {
        this.dir = dir;
        this.kind = kind;
        this.enabled = dir != null && supported();
    }

    /** Tests: an archive whatever this JVM's class path (Surefire's holds class folders). */
    static SharedClassArchive forTest(Path dir, String kind) { return new SharedClassArchive(dir, kind); }

    /** The archive file, once made and checked. */
    public Path archive() { return dir == null ? null : dir.resolve(kind + ".jsa"); }

    private Path partial() { return dir.resolve(kind + ".jsa.part"); }

    private Path claim() { return dir.resolve(kind + ".claim"); }

    /** Dynamic archives need HotSpot 13+ (JEP 350); the bench needs 17 anyway, but another VM would refuse the options. */
    static boolean supported() {
        String vm = System.getProperty("java.vm.name", "");
        return Runtime.version().feature() >= 13 && (vm.contains("HotSpot") || vm.contains("OpenJDK"));
    }

    /** True when {@code env} does not switch the archives off. */
    public static boolean enabledBy(Map<String, String> env) {
        return !"off".equalsIgnoreCase(env.getOrDefault(SWITCH_ENV, "").trim());
    }

    /**
     * The options for the next child of this kind: use the archive when it is ready, else dump it when no other child
     * claimed that, else none. Call {@link #ended} with the lease when the child has exited.
     */
    public synchronized Lease lease() {
        return lease(true);
    }

    /** As {@link #lease()}; {@code mayDump} false: use the archive when ready, never make it. */
    public synchronized Lease lease(boolean mayDump) {
        if (!enabled) return Lease.NONE;
        if (Files.isRegularFile(archive())) {
            List<String> o = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive()));
            o.addAll(QUIET);
            return new Lease(List.copyOf(o), false);
        }
        if (!mayDump) return Lease.NONE;
        try {
            Files.createFile(claim());
        } catch (FileAlreadyExistsException taken) {
            return Lease.NONE;   // another child is making it: this one runs without
        } catch (IOException e) {
            return Lease.NONE;
        }
        List<String> o = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + partial()));
        o.addAll(QUIET);
        return new Lease(List.copyOf(o), true);
    }

    /** Starts a JVM launched under {@code lease}; when it cannot start, the lease ends unclean (nothing to dump). */
    public Process start(ProcessBuilder pb, Lease lease) throws java.io.IOException {
        try {
            return pb.start();
        } catch (java.io.IOException e) {
            ended(lease, false, null);
            throw e;
        }
    }

    /**
     * The child of {@code lease} exited; {@code clean}: on its own or by SIGTERM, not killed. A dumping child's archive
     * is checked and published, or dropped (and no later child tries again).
     */
    public synchronized void ended(Lease lease, boolean clean, String classPath) {
        if (lease == null || !lease.dumping()) return;
        Path part = partial();
        try {
            if (clean && Files.isRegularFile(part) && Files.size(part) > 0 && usable(part, classPath)) {
                Files.move(part, archive(), StandardCopyOption.ATOMIC_MOVE);
                log.info("class data archive for the {} JVMs ready: {} ({} MB)", kind, archive(), Files.size(archive()) >> 20);
                return;
            }
            // the claim stays: a dump costs seconds of CPU, and one that failed (a child killed while writing, a loaded
            // machine) would likely fail again; the run goes on without this archive
            log.info("class data archive for the {} JVMs not made (the child {}): its later JVMs load their classes as usual", kind,
                    clean ? "left no usable archive" : "did not exit cleanly");
            Files.deleteIfExists(part);
        } catch (IOException e) {
            log.warn("class data archive for the {} JVMs: {}", kind, e.toString());
        }
    }

    /** A throw-away JVM maps it with {@code -Xshare:on} (which fails instead of ignoring a bad archive). */
    static boolean usable(Path archive, String classPath) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            Process p = new ProcessBuilder(java, "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-cp", classPath, "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A new folder for a run's archives, deleted by {@link #deleteFolder}; null when it cannot be made (no archives then). */
    public static Path newFolder() {
        try {
            return Files.createTempDirectory("bench-cds-");
        } catch (IOException e) {
            log.warn("no class data archives: {}", e.toString());
            return null;
        }
    }

    /** Deletes a folder made by {@link #newFolder} (a running child keeps its mapped archive: Linux unlinks, not frees). */
    public static void deleteFolder(Path folder) {
        if (folder == null) return;
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("class data archive folder {} not deleted: {}", folder, e.toString());
        }
    }

    private static volatile Path ownFolder;

    /**
     * The run's archive folder for this JVM: the parent's ({@value #DIR_ENV}), else one of its own made at first use and
     * deleted when this JVM ends; null when the archives are off.
     */
    public static synchronized Path runFolder(Map<String, String> env) {
        if (!enabledBy(env)) return null;
        String given = env.get(DIR_ENV);
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given.trim());
            return Files.isDirectory(p) ? p : null;
        }
        if (ownFolder == null) {
            Path f = newFolder();
            if (f == null) return null;
            ownFolder = f;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteFolder(f), "bench-cds-cleanup"));
        }
        return ownFolder;
    }
}
