package io.hilbench.scenario.judge;

import java.util.Locale;

import static io.hilbench.scenario.Quantities.plantTime;
import static io.hilbench.scenario.judge.TraceAssertions.Condition;

/**
 * The trace checks of the source requirements (DESIGN §8): SO-01 tank source on a sunny spring day, SO-02 back to air
 * when the tank is spent. Pure functions of a {@link TraceView}, the limits (requirements.yaml) and the plant times of
 * the scenario's stimuli. Which source is in use is plant truth: water through the water evaporator, heat from the air.
 */
public final class SourceChecks {
    private SourceChecks() {}

    /** SO-01.select: the tank source in use within {@code withinMin} of {@code fromMs}. */
    public static Judgement tankSelected(TraceView t, SourceSignals s, long fromMs, double withinMin) {
        Condition c = new Condition("tank source in use (water through the water evaporator)", r -> s.tankSource(t, r), r -> s.sourceText(t, r));
        return TraceAssertions.within(t, c, fromMs, Math.round(withinMin * 60_000));
    }

    /**
     * SO-01.colder-inlet: TT-401 at least {@code colderByK} below its reference — its value at the first row at or after
     * {@code referenceMs} (once the initial conditions took effect) — within {@code withinMin} of {@code fromMs}.
     */
    public static Judgement inletColder(TraceView t, SourceSignals s, long referenceMs, long fromMs, double colderByK, double withinMin) {
        double[] v = t.output(s.collectorInletOutput());
        int r0 = t.rowAtOrAfter(referenceMs);
        if (r0 >= t.size()) return Judgement.inconclusive("the trace has no row at plant time " + plantTime(referenceMs));
        double ref = v[r0];
        double target = ref - colderByK;
        Condition c = new Condition(String.format(Locale.ROOT, "TT-401 at or below %s (%.1f K colder than %s %s)", TraceAssertions.DEG_C.apply(target),
                colderByK, TraceAssertions.DEG_C.apply(ref), TraceAssertions.at(t, r0)), r -> v[r] <= target, r -> "TT-401 " + TraceAssertions.DEG_C.apply(v[r]));
        return TraceAssertions.within(t, c, fromMs, Math.round(withinMin * 60_000));
    }

    /**
     * SO-01.cop: over {@code [fromMs, untilMs]}, the mean COP at the rows with the tank source in use and a compressor
     * running is at least {@code ratio} × the mean of the air-source COPs the rating model recorded in that window
     * (sampled sparsely: a rating is expensive).
     */
    public static Judgement copGain(TraceView t, SourceSignals s, long fromMs, long untilMs, double ratio) {
        if (t.endMs() < untilMs) return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the COP window ends at " + plantTime(untilMs));
        double[] cop = t.output(s.copOutput());
        double[] ref = s.airCop(t);
        long[] time = t.plantTimesMs();
        double sumCop = 0, sumRef = 0;
        int n = 0, m = 0;
        for (int r = t.rowAtOrAfter(fromMs); r < t.size() && time[r] <= untilMs; r++) {
            if (!Double.isNaN(ref[r])) {
                sumRef += ref[r];
                m++;
            }
            if (!s.tankSource(t, r) || !s.heatPump().anyRunning(t, r) || Double.isNaN(cop[r])) continue;
            sumCop += cop[r];
            n++;
        }
        String window = TraceAssertions.window(fromMs, untilMs);
        // no row on the tank with a compressor running is the controller's doing (nothing to judge is never passed), even
        // where the rating model, which rates only a running heat pump, recorded nothing either
        if (n == 0) {
            return Judgement.fail("expected COP >= " + ratio + " x the air-source COP on the tank source " + window
                    + "; actual: no row with the tank source in use and a compressor running");
        }
        if (m == 0) return Judgement.inconclusive("no air-source COP of the rating model recorded " + window + " (column " + s.airCopColumn() + ")");
        double meanCop = sumCop / n, meanRef = sumRef / m;
        String text = String.format(Locale.ROOT, "mean COP %.2f on the tank source (%d rows) vs %.2f x the air-source COP %.2f (mean of %d ratings) = %.2f (ratio %.3f), %s",
                meanCop, n, ratio, meanRef, m, ratio * meanRef, meanCop / meanRef, window);
        return meanCop >= ratio * meanRef ? Judgement.pass(text) : Judgement.fail("expected COP >= " + ratio + " x the air-source COP; actual: " + text);
    }

    /**
     * SO-02.on-tank: the tank source was in use at the stimulus ({@code stimulusMs}, the last row before the tank bottom
     * fell): without it "back to air" would judge a switch that never had to happen.
     */
    public static Judgement onTankAt(TraceView t, SourceSignals s, long stimulusMs) {
        int r = t.rowAtOrAfter(stimulusMs);
        if (r >= t.size()) return Judgement.inconclusive("the trace has no row at the stimulus at plant time " + plantTime(stimulusMs));
        if (s.tankSource(t, r)) return Judgement.pass("the tank source in use when the tank bottom fell " + TraceAssertions.at(t, r) + " (" + s.sourceText(t, r) + ")");
        int first = TraceAssertions.firstRow(t, x -> s.tankSource(t, x), 0, stimulusMs);
        return Judgement.fail("expected the tank source in use when the tank bottom fell at plant time " + plantTime(stimulusMs) + "; actual: "
                + s.sourceText(t, r) + " " + TraceAssertions.at(t, r) + (first < 0 ? ", the tank was never the source before it" : ", the tank was last the source from " + TraceAssertions.at(t, first)));
    }

    /** SO-02.switch: back on the air source (no water through the water evaporator, air sections evaporating) within {@code withinMin}. */
    public static Judgement backToAir(TraceView t, SourceSignals s, long fromMs, double withinMin) {
        Condition c = new Condition("air source in use (no water through the water evaporator, the air sections evaporating)", r -> s.airSource(t, r), r -> s.sourceText(t, r));
        return TraceAssertions.within(t, c, fromMs, Math.round(withinMin * 60_000));
    }

    /** SO-02.supply: TT-272 within ±{@code bandK} of the set-point in {@code [fromMs, untilMs]}. */
    public static Judgement supplyBand(TraceView t, HeatPumpSignals s, long fromMs, long untilMs, double setK, double bandK) {
        if (t.endMs() < untilMs) return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the switch window ends at " + plantTime(untilMs));
        return TraceAssertions.staysBetween(t, HeatPumpSignals.TT_272, t.output(s.supplyOutput()), setK - bandK, setK + bandK, TraceAssertions.DEG_C, fromMs, untilMs);
    }
}
