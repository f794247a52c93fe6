package io.hilbench.rig;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Seeded, structure-aware fuzzing of the rig loader ({@code rig.yaml}, {@code points.csv}, {@code controller.csv}):
 * each case copies a rig into a scratch folder, breaks one file the ways hand edits and bad merges break them
 * (a line dropped or doubled, a value swapped for a hostile token, fields added, dropped or swapped, indentation
 * shifted, the file cut short, stray bytes) and loads it. The loader must either load the rig or refuse it with
 * {@link RigException} (every error with file and line); anything else thrown, a hang or a {@link RigError}
 * without a file is a defect. Same seed, same cases.
 */
public final class RigFuzzer {
    /** Values that break parsers: empty, signs, limits, non-numbers, YAML and CSV syntax, control and non-ASCII text. */
    static final String[] TOKENS = {"", " ", "-1", "0", "-0", "65535", "65536", "2147483648", "9223372036854775808", "1e309",
            "-1e309", "NaN", "Infinity", "0x10", "1.5", "[", "]", "{", "}", "[]", "{}", "~", "null", "true", "'", "\"", "\"\"",
            ":", "::", "- ", "#", "&a", "*a", "!!binary", "|", ">", "\t", ",", ",,", "\\", "\u0000", "\u00e6\u00f8\u00e5", "\ud83d\ude00",
            "1:hr:99999:float32", "0:hr:0:bool", "256:hr:0:uint16", "1:xx:0:int16", "1:hr:0.16:bool", "1:hr:0.-1:bool",
            "1:hr:0:string(0)", "1:hr:0:string(99999)", "1:hr:0:enum(", "1:hr:0:enum(0=A,0=B)", "1:hr:65535:float32",
            "1:ir:0:float32:XYZW", "1:coil:0:float32", "plant.", "input.", "bench.", "const.", "/", "//", "../../../etc/passwd",
            "x".repeat(5000)};

    public record Outcome(long cases, long loaded, long refused, long errorsReported, List<String> defects) {
        public boolean passed() { return defects.isEmpty(); }

        public String report() {
            return String.format("rig parser fuzz: %d cases, %d loaded, %d refused with %d errors (file:line), %d defects%n",
                    cases, loaded, refused, errorsReported, defects.size())
                    + String.join("\n", defects.subList(0, Math.min(10, defects.size()))) + (defects.isEmpty() ? "" : "\n");
        }
    }

    private final Path source;
    private final Path plantModels;

    /**
     * @param rigDir      the rig to mutate (e.g. rigs/solrod)
     * @param plantModels the plant-models folder its relative paths reach (linked into the scratch folder)
     */
    public RigFuzzer(Path rigDir, Path plantModels) {
        this.source = rigDir.toAbsolutePath().normalize();
        this.plantModels = plantModels.toAbsolutePath().normalize();
    }

    public Outcome run(long seed, int cases) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        Path scratch = Files.createTempDirectory("rig-fuzz");
        long loaded = 0, refused = 0, errors = 0;
        List<String> defects = new ArrayList<>();
        try {
            Files.createSymbolicLink(scratch.resolve("plant-models"), plantModels);
            Path rigs = Files.createDirectories(scratch.resolve("rigs"));
            List<String> files;
            try (Stream<Path> s = Files.list(source)) {
                files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".csv")).sorted().toList();
            }
            for (int c = 0; c < cases; c++) {
                Path dir = rigs.resolve("case" + c);
                Files.createDirectories(dir);
                for (String f : files) Files.copy(source.resolve(f), dir.resolve(f));
                String target = files.get(rnd.nextInt(files.size()));
                String what = mutate(dir.resolve(target), rnd);
                try {
                    RigLoader.loadDefault(dir);
                    loaded++;
                } catch (RigException e) {
                    refused++;
                    errors += e.errors().size();
                    for (RigError err : e.errors()) {
                        if (err.toString().isBlank()) defects.add("case " + c + " " + target + " (" + what + "): an error without text");
                    }
                } catch (Throwable t) {
                    StringWriter sw = new StringWriter();
                    t.printStackTrace(new PrintWriter(sw));
                    defects.add("case " + c + " " + target + " (" + what + "): " + sw.toString().lines().limit(6).reduce((a, b) -> a + " | " + b).orElse(""));
                }
                deleteTree(dir);
            }
        } finally {
            deleteTree(scratch);
        }
        return new Outcome(cases, loaded, refused, errors, defects);
    }

    /** Breaks one file in one way; returns what was done, for the defect message. */
    static String mutate(Path file, SplittableRandom rnd) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        boolean csv = file.toString().endsWith(".csv");
        int i = rnd.nextInt(lines.size());
        String line = lines.get(i);
        String token = TOKENS[rnd.nextInt(TOKENS.length)];
        String what;
        switch (rnd.nextInt(csv ? 9 : 7)) {
            case 0 -> { lines.remove(i); what = "line " + (i + 1) + " dropped"; }
            case 1 -> { lines.add(i, line); what = "line " + (i + 1) + " doubled"; }
            case 2 -> { // a value replaced
                int cut = csv ? -1 : line.indexOf(':');
                if (csv) {
                    String[] f = line.split(",", -1);
                    f[rnd.nextInt(f.length)] = token;
                    lines.set(i, String.join(",", f));
                } else {
                    lines.set(i, cut >= 0 ? line.substring(0, cut + 1) + " " + token : token);
                }
                what = "line " + (i + 1) + " value -> " + shortText(token);
            }
            case 3 -> { lines.set(i, (rnd.nextBoolean() ? " " : "") + line.stripLeading().substring(0, Math.min(line.stripLeading().length(), rnd.nextInt(40) + 1))); what = "line " + (i + 1) + " cut/indented"; }
            case 4 -> { // cut the file short
                String joined = String.join("\n", lines);
                Files.writeString(file, joined.substring(0, rnd.nextInt(joined.length() + 1)), StandardCharsets.UTF_8);
                return "truncated";
            }
            case 5 -> { // stray bytes
                byte[] b = Files.readAllBytes(file);
                int at = rnd.nextInt(b.length + 1);
                byte[] junk = new byte[1 + rnd.nextInt(8)];
                for (int k = 0; k < junk.length; k++) junk[k] = (byte) rnd.nextInt(256);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                Files.write(file, out);
                return "stray bytes at " + at;
            }
            case 6 -> { lines.add(i, csv ? token : "  " + token + ": " + TOKENS[rnd.nextInt(TOKENS.length)]); what = "line inserted at " + (i + 1); }
            case 7 -> { lines.set(i, line + "," + token); what = "line " + (i + 1) + " field added"; }
            default -> { // two fields swapped
                String[] f = line.split(",", -1);
                if (f.length > 1) {
                    int a = rnd.nextInt(f.length), b = rnd.nextInt(f.length);
                    String t = f[a];
                    f[a] = f[b];
                    f[b] = t;
                }
                lines.set(i, String.join(",", f));
                what = "line " + (i + 1) + " fields swapped";
            }
        }
        Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
        return what;
    }

    private static String shortText(String s) {
        return s.length() > 24 ? s.substring(0, 24) + "…(" + s.length() + ")" : s;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }
}
