package io.hilbench.scenario.judge;

import io.hilbench.rig.AlarmMeaning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.hilbench.scenario.Quantities.plantTime;
import static io.hilbench.scenario.judge.TraceAssertions.Condition;
import static io.hilbench.scenario.judge.TraceAssertions.END;

/**
 * The trace checks of the defrost requirements (DESIGN §8): DF-01 demand defrost at 0 °C / 90 % RH, DF-02 no defrost
 * without frost, DF-03 defrost ended on its maximum time when the coil sensor sticks. Pure functions of a
 * {@link TraceView}, the limits (requirements.yaml) and the plant times of the scenario's window and stimuli. Frost,
 * capacity and hot gas are plant truth; a defrost also counts while its valve is commanded open (a controller that
 * opens the defrost valve with no compressor running still "defrosts" as far as its decisions go).
 */
public final class DefrostChecks {
    private DefrostChecks() {}

    /** One defrost of one section: rows {@code [startRow, endRow)}; {@code endRow} -1 while it lasts to the end of the trace. */
    public record Episode(DefrostSignals.Section section, int startRow, int endRow) {
        public boolean open() { return endRow < 0; }
    }

    /** Every defrost that is going on in {@code [fromMs, untilMs]} (one that began before {@code fromMs} starts at its real start). */
    public static List<Episode> episodes(TraceView t, DefrostSignals s, long fromMs, long untilMs) {
        List<Episode> out = new ArrayList<>();
        long[] time = t.plantTimesMs();
        int from = t.rowAtOrAfter(fromMs);
        for (DefrostSignals.Section sec : s.sections()) {
            int start = -1;
            int r = from;
            // a defrost running at the window's start: go back to where it began
            if (r < t.size() && DefrostSignals.defrosting(t, sec, r)) {
                start = r;
                while (start > 0 && DefrostSignals.defrosting(t, sec, start - 1)) start--;
                r++;
            }
            for (; r < t.size() && time[r] <= untilMs; r++) {
                boolean d = DefrostSignals.defrosting(t, sec, r);
                if (d && start < 0) start = r;
                if (!d && start >= 0) {
                    out.add(new Episode(sec, start, r));
                    start = -1;
                }
            }
            if (start >= 0) {
                int end = start;
                while (end < t.size() && DefrostSignals.defrosting(t, sec, end)) end++;
                out.add(new Episode(sec, start, end < t.size() ? end : -1));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Episode::startRow));
        return out;
    }

    private static long durationMs(TraceView t, Episode e) {
        long[] time = t.plantTimesMs();
        return (e.open() ? t.endMs() : time[e.endRow()]) - time[e.startRow()];
    }

    private static String minutes(long ms) { return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0); }

    // ------------------------------------------------------------------ DF-01

    /**
     * DF-01.before-capacity-loss: every section's capacity stays above {@code 1 − lossMaxPct/100} of its clean-coil
     * capacity in {@code [fromMs, untilMs]} (it is defrosted before it falls that far).
     */
    public static Judgement beforeCapacityLoss(TraceView t, DefrostSignals s, long fromMs, long untilMs, double lossMaxPct) {
        double floor = 1 - lossMaxPct / 100.0;
        StringBuilder lowest = new StringBuilder();
        for (DefrostSignals.Section sec : s.sections()) {
            double[] cap = t.output(sec.capacityOutput());
            Condition low = new Condition(String.format(Locale.ROOT, "%s capacity below %.0f %% of its clean coil (%.0f %% lost)", sec.name(), 100 * floor, lossMaxPct),
                    r -> cap[r] < floor, r -> DefrostSignals.sectionText(t, sec, r));
            Judgement j = TraceAssertions.never(t, low, fromMs, untilMs);
            if (j.outcome() != Verdict.Outcome.PASSED) return j;
            int min = minRow(t, cap, fromMs, untilMs);
            if (min >= 0) lowest.append(lowest.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s lowest %.1f %% %s", sec.name(), 100 * cap[min], TraceAssertions.at(t, min)));
        }
        return Judgement.pass(String.format(Locale.ROOT, "every section above %.0f %% of its clean-coil capacity %s: %s", 100 * floor, TraceAssertions.window(fromMs, untilMs), lowest));
    }

    private static int minRow(TraceView t, double[] v, long fromMs, long untilMs) {
        long[] time = t.plantTimesMs();
        int best = -1;
        for (int r = t.rowAtOrAfter(fromMs); r < t.size() && time[r] <= untilMs; r++) if (best < 0 || v[r] < v[best]) best = r;
        return best;
    }

    /** DF-01.one-at-a-time: at most {@code max} sections defrosting at any row of the window. */
    public static Judgement oneAtATime(TraceView t, DefrostSignals s, long fromMs, long untilMs, int max) {
        Condition tooMany = new Condition("more than " + max + " section(s) defrosting at once", r -> s.defrostingCount(t, r) > max, r -> s.defrostingText(t, r));
        Judgement j = TraceAssertions.never(t, tooMany, fromMs, untilMs);
        if (j.outcome() != Verdict.Outcome.PASSED) return j;
        int n = episodes(t, s, fromMs, untilMs).size();
        if (n == 0) return nothingToJudge(t, fromMs, untilMs, "at most " + max + " section(s) defrosting at a time");
        return Judgement.pass(j.message() + " (" + n + " defrost(s))");
    }

    /** DF-01.others-evaporate: while a section defrosts, every other section evaporates (duty above 0). */
    public static Judgement othersEvaporate(TraceView t, DefrostSignals s, long fromMs, long untilMs) {
        Condition idle = new Condition("a section neither defrosting nor evaporating while another defrosts", r -> {
            if (s.defrostingCount(t, r) == 0) return false;
            for (DefrostSignals.Section sec : s.sections()) if (!DefrostSignals.defrosting(t, sec, r) && !DefrostSignals.evaporating(t, sec, r)) return true;
            return false;
        }, r -> s.defrostingText(t, r) + "; " + s.sections().stream().filter(sec -> !DefrostSignals.defrosting(t, sec, r))
                .map(sec -> DefrostSignals.sectionText(t, sec, r)).collect(java.util.stream.Collectors.joining("; ")));
        Judgement j = TraceAssertions.never(t, idle, fromMs, untilMs);
        if (j.outcome() != Verdict.Outcome.PASSED) return j;
        List<Episode> e = episodes(t, s, fromMs, untilMs);
        if (e.isEmpty()) return nothingToJudge(t, fromMs, untilMs, "the other sections evaporating during each defrost");
        return Judgement.pass("the other sections evaporated through each of " + e.size() + " defrost(s)");
    }

    /** DF-01.defrost-duration: each defrost in the window lasts at most {@code maxMin}. */
    public static Judgement defrostDuration(TraceView t, DefrostSignals s, long fromMs, long untilMs, double maxMin) {
        long max = Math.round(maxMin * 60_000);
        long longest = 0;
        List<Episode> all = episodes(t, s, fromMs, untilMs);
        for (Episode e : all) {
            long d = durationMs(t, e);
            if (d > max) {
                return Judgement.fail(String.format(Locale.ROOT, "expected each defrost to last <= %s; actual: %s defrosted from %s %s, %s",
                        minutes(max), e.section().name(), TraceAssertions.at(t, e.startRow()),
                        e.open() ? "still going at the end of the run" : "to plant time " + plantTime(t.plantTimesMs()[e.endRow()]), minutes(d)));
            }
            longest = Math.max(longest, d);
        }
        if (all.isEmpty()) return nothingToJudge(t, fromMs, untilMs, "each defrost to last <= " + minutes(max));
        return Judgement.pass(all.size() + " defrost(s), the longest " + minutes(longest) + " (<= " + minutes(max) + ")");
    }

    /** DF-01.frost-removed: each completed defrost leaves at most {@code leftMaxPct} % of the frost it started with. */
    public static Judgement frostRemoved(TraceView t, DefrostSignals s, long fromMs, long untilMs, double leftMaxPct) {
        List<Episode> done = episodes(t, s, fromMs, untilMs).stream().filter(e -> !e.open()).toList();
        double worst = 0;
        for (Episode e : done) {
            double[] frost = t.output(e.section().frostOutput());
            double before = frost[e.startRow()];
            double after = frost[e.endRow() - 1]; // the last row with hot gas in the coil
            double pct = before > 0 ? 100 * after / before : 0;
            if (pct > leftMaxPct) {
                return Judgement.fail(String.format(Locale.ROOT, "expected each defrost to leave <= %.1f %% of its frost; actual: %s had %.2f kg at the start %s and %.2f kg (%.1f %%) when it ended %s",
                        leftMaxPct, e.section().name(), before, TraceAssertions.at(t, e.startRow()), after, pct, TraceAssertions.at(t, e.endRow() - 1)));
            }
            worst = Math.max(worst, pct);
        }
        if (done.isEmpty()) return nothingToJudge(t, fromMs, untilMs, String.format(Locale.ROOT, "each defrost to leave <= %.1f %% of its frost", leftMaxPct));
        return Judgement.pass(String.format(Locale.ROOT, "%d defrost(s), each left <= %.1f %% of its frost (most: %.1f %%)", done.size(), leftMaxPct, worst));
    }

    /** DF-01.supply: TT-272 at or above {@code setK − belowMaxK} at every row of the window. */
    public static Judgement supplyAtLeast(TraceView t, HeatPumpSignals s, long fromMs, long untilMs, double setK, double belowMaxK) {
        double[] v = t.output(s.supplyOutput());
        double lo = setK - belowMaxK;
        Condition low = new Condition(HeatPumpSignals.TT_272 + " below " + TraceAssertions.DEG_C.apply(lo) + " (set-point " + TraceAssertions.DEG_C.apply(setK)
                + String.format(Locale.ROOT, " - %.1f K)", belowMaxK), r -> v[r] < lo, r -> HeatPumpSignals.TT_272 + " " + TraceAssertions.DEG_C.apply(v[r]));
        Judgement j = TraceAssertions.never(t, low, fromMs, untilMs);
        if (j.outcome() != Verdict.Outcome.PASSED) return j;
        int min = minRow(t, v, fromMs, untilMs);
        return Judgement.pass(j.message() + "; lowest " + TraceAssertions.DEG_C.apply(v[min]) + " " + TraceAssertions.at(t, min));
    }

    /**
     * A DF-01 assertion about defrosts when there was none in the window: never passed. The run went on for the window
     * at 0 °C / 90 % RH with frosted coils, so no defrost is the controller's doing (DF-01.defrosts names it); this
     * assertion fails with the same cause rather than pass on nothing.
     */
    private static Judgement nothingToJudge(TraceView t, long fromMs, long untilMs, String expected) {
        if (t.endMs() < untilMs && untilMs != END) {
            return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the window " + TraceAssertions.window(fromMs, untilMs) + " ends");
        }
        return Judgement.fail("expected " + expected + " " + TraceAssertions.window(fromMs, untilMs) + "; actual: no defrost in the window (nothing to judge)");
    }

    /**
     * DF-01.defrosts: every section is defrosted at least once in {@code [fromMs, untilMs]}: the stimulus (frosted coils
     * at 0 °C / 90 % RH for the whole window) took effect, so the other DF-01 assertions have defrosts to judge.
     */
    public static Judgement everySectionDefrosts(TraceView t, DefrostSignals s, long fromMs, long untilMs) {
        if (t.endMs() < untilMs) return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the window " + TraceAssertions.window(fromMs, untilMs) + " ends");
        List<Episode> all = episodes(t, s, fromMs, untilMs);
        List<String> counts = new ArrayList<>();
        for (DefrostSignals.Section sec : s.sections()) {
            List<Episode> mine = all.stream().filter(e -> e.section().equals(sec)).toList();
            if (mine.isEmpty()) {
                return Judgement.fail("expected every section defrosted at least once " + TraceAssertions.window(fromMs, untilMs) + "; actual: " + sec.name()
                        + " never defrosted (" + all.size() + " defrost(s) in all; at the end " + DefrostSignals.sectionText(t, sec, t.size() - 1) + ")");
            }
            counts.add(sec.name() + " " + mine.size() + " (first " + TraceAssertions.at(t, mine.get(0).startRow()) + ")");
        }
        return Judgement.pass("every section defrosted " + TraceAssertions.window(fromMs, untilMs) + ": " + String.join(", ", counts));
    }

    /** DF-01.no-trip and the like: no safety-chain output set in the window. */
    public static Judgement noTrip(TraceView t, HeatPumpSignals s, long fromMs, long untilMs) {
        return TraceAssertions.never(t, s.safetyChainTripped(t), fromMs, untilMs);
    }

    // ------------------------------------------------------------------ DF-02

    /**
     * DF-02.no-defrost: no section defrosts in {@code [fromMs, untilMs]} except inside one of the {@code invalidSensing}
     * intervals ({fromMs, untilMs} pairs) where frost sensing was faulted, when a time fallback may run.
     */
    public static Judgement noDefrost(TraceView t, DefrostSignals s, long fromMs, long untilMs, List<long[]> invalidSensing) {
        long[] time = t.plantTimesMs();
        Condition defrost = new Condition("a defrost" + (invalidSensing.isEmpty() ? "" : " while frost sensing was valid"), r -> {
            for (long[] iv : invalidSensing) if (time[r] >= iv[0] && time[r] <= iv[1]) return false;
            return s.defrostingCount(t, r) > 0;
        }, r -> s.defrostingText(t, r) + "; " + s.sections().stream().filter(sec -> DefrostSignals.defrosting(t, sec, r))
                .map(sec -> DefrostSignals.sectionText(t, sec, r)).collect(java.util.stream.Collectors.joining("; ")));
        return TraceAssertions.never(t, defrost, fromMs, untilMs);
    }

    // ------------------------------------------------------------------ DF-03

    /** The defrost of {@code section} going on at {@code faultMs} or, failing that, the first one that begins after it. */
    public static Episode defrostAtOrAfter(TraceView t, DefrostSignals s, DefrostSignals.Section section, long faultMs) {
        return episodes(t, s, faultMs, END).stream().filter(e -> e.section().equals(section)).findFirst().orElse(null);
    }

    private static Judgement noDefrost(TraceView t, DefrostSignals.Section section, long faultMs) {
        return Judgement.fail("expected a defrost of " + section.name() + " during the coil-sensor fault from plant time " + plantTime(faultMs)
                + "; actual: " + section.name() + " did not defrost from then to the end of the run at " + plantTime(t.endMs()));
    }

    /** DF-03.ends: that defrost ends within {@code maxMin + marginMin} of its start. */
    public static Judgement endsInTime(TraceView t, DefrostSignals s, DefrostSignals.Section section, long faultMs, double maxMin, double marginMin) {
        Episode e = defrostAtOrAfter(t, s, section, faultMs);
        if (e == null) return noDefrost(t, section, faultMs);
        long start = t.plantTimesMs()[e.startRow()];
        long limit = Math.round((maxMin + marginMin) * 60_000);
        Condition ended = new Condition(section.name() + " defrost ended", r -> !DefrostSignals.defrosting(t, section, r), r -> DefrostSignals.sectionText(t, section, r));
        Judgement j = TraceAssertions.within(t, ended, start, limit);
        // withMessage keeps the within check's fields (expected, actual, the instant it was met): re-parsing the prefixed
        // message took the defrost's start as the verdict's plant time
        return j.withMessage("defrost began at plant time " + plantTime(start) + ": " + j.message());
    }

    /**
     * DF-03.alarm: DEFROST_MAX_TIME raised between that defrost's start and {@code withinMin} after the defrost maximum
     * ({@code maxMin}) ran out: a controller with a shorter maximum of its own raises it earlier, which is fine.
     */
    public static Judgement maxTimeAlarm(TraceView t, DefrostSignals s, DefrostSignals.Section section, long faultMs, double maxMin, double withinMin) {
        Episode e = defrostAtOrAfter(t, s, section, faultMs);
        if (e == null) return noDefrost(t, section, faultMs);
        long start = t.plantTimesMs()[e.startRow()];
        Judgement j = TraceAssertions.within(t, s.heatPump().alarmRaised(t, AlarmMeaning.DEFROST_MAX_TIME), start, Math.round((maxMin + withinMin) * 60_000));
        // withMessage keeps the within check's fields (expected, actual, the instant it was met): re-parsing the prefixed
        // message took the defrost's start as the verdict's plant time
        return j.withMessage("defrost began at plant time " + plantTime(start) + ": " + j.message());
    }

    /** DF-03.returns: after that defrost ends, the section evaporates again (not defrosting, duty above 0) within {@code withinMin}. */
    public static Judgement returnsToService(TraceView t, DefrostSignals s, DefrostSignals.Section section, long faultMs, double withinMin) {
        Episode e = defrostAtOrAfter(t, s, section, faultMs);
        if (e == null) return noDefrost(t, section, faultMs);
        if (e.open()) {
            return Judgement.fail("expected " + section.name() + " back in service after its defrost; actual: the defrost that began "
                    + TraceAssertions.at(t, e.startRow()) + " was still going at the end of the run at " + plantTime(t.endMs()));
        }
        Condition back = new Condition(section.name() + " evaporating again", r -> !DefrostSignals.defrosting(t, section, r) && DefrostSignals.evaporating(t, section, r),
                r -> DefrostSignals.sectionText(t, section, r));
        return TraceAssertions.within(t, back, t.plantTimesMs()[e.endRow()], Math.round(withinMin * 60_000));
    }

    /** DF-03.no-stop: from the fault to {@code untilMs}, never every compressor commanded off. */
    public static Judgement noStop(TraceView t, HeatPumpSignals s, long faultMs, long untilMs) {
        Condition stopped = new Condition("every compressor commanded off (the heat pump stopped)", r -> !s.anyCommanded(t, r), r -> s.commandedText(t, r) + ", " + s.stateText(t, r));
        return TraceAssertions.never(t, stopped, faultMs, untilMs);
    }
}
