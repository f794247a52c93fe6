package io.hilbench.runtime;

import java.util.Locale;

/**
 * How plant time relates to wall time (DESIGN §4):
 * <ul>
 *   <li>{@code REALTIME}: factor 1, absolute deadlines, lateness recorded per step;</li>
 *   <li>{@code ACCELERATED}: plant time runs {@code factor}× wall time (absolute deadlines too);
 *       {@code factor = +∞} runs unpaced, as fast as the plant steps (for {@code bench simulate} and benchmarks);</li>
 *   <li>{@code LOCKSTEP}: one step per controller cycle, on {@code BENCH.Ack}; deterministic.</li>
 * </ul>
 *
 * @param kind   the mode
 * @param factor plant seconds per wall second (1 for real time, k for accelerated, NaN for lockstep)
 */
public record Pacing(Kind kind, double factor) {
    /**
     * The modes, with the code {@code BENCH.Mode} publishes (the rig's enum for that point must use these codes:
     * 0 = RealTime, 1 = Accelerated, 2 = Lockstep).
     */
    public enum Kind {
        REALTIME(0), ACCELERATED(1), LOCKSTEP(2);

        private final int code;

        Kind(int code) { this.code = code; }

        public int code() { return code; }
    }

    public Pacing {
        java.util.Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case REALTIME -> {
                if (factor != 1.0) throw new IllegalArgumentException("real time has factor 1, was " + factor);
            }
            case ACCELERATED -> {
                if (!(factor > 0)) throw new IllegalArgumentException("acceleration factor must be > 0, was " + factor);
            }
            case LOCKSTEP -> factor = Double.NaN;
        }
    }

    public static Pacing realtime() { return new Pacing(Kind.REALTIME, 1.0); }

    public static Pacing accelerated(double factor) { return new Pacing(Kind.ACCELERATED, factor); }

    /** Unpaced: steps back to back, as fast as the plant computes (accelerated with factor +∞). */
    public static Pacing unpaced() { return new Pacing(Kind.ACCELERATED, Double.POSITIVE_INFINITY); }

    public static Pacing lockstep() { return new Pacing(Kind.LOCKSTEP, Double.NaN); }

    /** True when the loop waits for wall-clock deadlines (real time, or accelerated by a finite factor). */
    public boolean paced() { return kind != Kind.LOCKSTEP && Double.isFinite(factor); }

    /** Parses the command line's form: {@code realtime}, {@code lockstep}, {@code accelerated:K}, {@code accelerated:max}. */
    public static Pacing parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("realtime")) return realtime();
        if (t.equals("lockstep")) return lockstep();
        if (t.startsWith("accelerated:")) {
            String k = t.substring("accelerated:".length());
            if (k.equals("max")) return unpaced();
            try {
                return accelerated(Double.parseDouble(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("pace '" + text + "': factor '" + k + "' is not a number");
            }
        }
        throw new IllegalArgumentException("pace '" + text + "' is not realtime, lockstep or accelerated:K");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case REALTIME -> "realtime";
            case LOCKSTEP -> "lockstep";
            case ACCELERATED -> "accelerated:" + (Double.isInfinite(factor) ? "max" : stripZero(factor));
        };
    }

    private static String stripZero(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
