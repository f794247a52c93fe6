package io.hilbench.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The report folder of one {@code bench run}, claimed before anything runs (issue #18 item 3). Two runs started in the
 * same second once wrote into one {@code reports/<rig>-<time>} folder and both exited 0, one run's log and evidence
 * silently overwritten. A folder is now claimed with {@link Files#createDirectory}, which is atomic: exactly one caller
 * creates a given folder. A default name that is taken gets a suffix ({@code -2}, {@code -3} …) until one is created.
 * A folder the user named ({@code --report DIR}) is created the same way; when it already exists it is used only if
 * it is empty, else the run refuses (a run never mixes its files with another's).
 */
public final class ReportFolder {
    /** The UTC time in a default folder name. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    /** Suffixes tried before giving up (a folder full of same-second runs is not a real case). */
    static final int MAX_SUFFIX = 1000;

    private ReportFolder() {}

    /** Creates and returns a new folder {@code parent/<rig>-<time>}, or {@code …-N} when that name is taken. */
    public static Path createDefault(Path parent, String rigName, ZonedDateTime utc) throws IOException {
        Files.createDirectories(parent);
        String stem = rigName + "-" + utc.format(STAMP);
        for (int n = 1; n <= MAX_SUFFIX; n++) {
            Path dir = parent.resolve(n == 1 ? stem : stem + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // another run (or an older one) has it: try the next suffix
            }
        }
        throw new IOException("no free report folder name " + parent.resolve(stem) + "[-N] up to -" + MAX_SUFFIX);
    }

    /**
     * The folder the user named: created (with its parents) when it does not exist, used when it exists and is empty.
     *
     * @throws IOException when it exists and is not an empty folder, or cannot be created (the message says which)
     */
    public static Path claimNamed(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try {
            return Files.createDirectory(dir);
        } catch (FileAlreadyExistsException exists) {
            if (!Files.isDirectory(dir)) throw new IOException("report folder " + dir + " exists and is not a folder");
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                if (entries.iterator().hasNext()) {
                    throw new IOException("report folder " + dir + " is not empty: a run never writes into another run's folder;"
                            + " name a new or empty folder, or leave --report out for a new reports/<rig>-<time> folder");
                }
            }
            if (!Files.isWritable(dir)) throw new AccessDeniedException(dir.toString(), null, "the report folder is not writable");
            return dir;
        }
    }

    /** A one-line reason for a folder that could not be claimed (the exception's type says more than its message alone). */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException a) return "cannot create or write the report folder " + a.getFile() + ": permission denied";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return "report folder " + f.getFile() + ": " + f.getReason();
        return e.getMessage();
    }
}
