package io.hilbench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The bench's one version (issue #16 item 10: the handover said "development build" while the evidence manifest said
 * 0.1.0-SNAPSHOT). Source of truth: the jar manifest's {@code Implementation-Version}, which the shade plugin writes
 * from the POM's {@code project.version}; run from {@code target/classes} (tests, an IDE) there is no manifest, and the
 * same project version comes from {@code io/hilbench/version.properties}, filled in by Maven's resource filtering.
 * {@code bench --version}, report.html, the handover and the evidence manifest all print {@link #get()}.
 */
public final class BenchVersion {
    private static final String RESOURCE = "/io/hilbench/version.properties";
    private static volatile String cached;

    private BenchVersion() {}

    /** The bench version, e.g. {@code 0.1.0-SNAPSHOT}; "unknown" only when neither the manifest nor the resource has it. */
    public static String get() {
        String v = cached;
        if (v == null) {
            v = resolve(BenchVersion.class.getPackage().getImplementationVersion(), BenchVersion.class.getResourceAsStream(RESOURCE));
            cached = v;
        }
        return v;
    }

    /** The manifest's version when there is one, else the properties' {@code version} (unfiltered placeholders ignored). */
    public static String resolve(String manifestVersion, InputStream properties) {
        if (manifestVersion != null && !manifestVersion.isBlank()) return manifestVersion.trim();
        if (properties != null) {
            try (InputStream in = properties) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.contains("${")) return v.trim();
            } catch (IOException ignored) {
                // fall through: unknown
            }
        }
        return "unknown";
    }
}
