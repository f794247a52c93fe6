package io.hilbench.scenario.judge;

import io.hilbench.Units;
import io.hilbench.rig.AlarmMeaning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.hilbench.scenario.Quantities.plantTime;
import static io.hilbench.scenario.judge.TraceAssertions.Condition;
import static io.hilbench.scenario.judge.TraceAssertions.END;

/**
 * The trace checks of the sequencing requirements (DESIGN §8): SU-02 start refused, SU-03 anti-short-cycle, SU-04
 * ordered stop, LD-01 set-point and load steps. Pure functions of a {@link TraceView}, the limits (from
 * requirements.yaml) and the plant times of the scenario's actions.
 */
public final class SequenceChecks {
    private SequenceChecks() {}

    // ------------------------------------------------------------------ SU-02

    /** SU-02.no-compressor: no compressor commanded for {@code minutes} from the refused start command. */
    public static Judgement noCompressor(TraceView t, HeatPumpSignals s, long startMs, double minutes) {
        return TraceAssertions.never(t, s.anyCompressorCommanded(t), startMs, startMs + Math.round(minutes * 60_000));
    }

    /** SU-02.start-refused: START_REFUSED within {@code withinS} of the start command. */
    public static Judgement startRefused(TraceView t, HeatPumpSignals s, long startMs, double withinS) {
        return TraceAssertions.within(t, s.alarmRaised(t, AlarmMeaning.START_REFUSED), startMs, Math.round(withinS * 1000));
    }

    /** SU-02.restart / HP-02.restart: Running with a compressor turning within {@code withinMin} of the start command. */
    public static Judgement restart(TraceView t, HeatPumpSignals s, long startMs, double withinMin) {
        return TraceAssertions.within(t, s.runningAgain(t), startMs, Math.round(withinMin * 60_000));
    }

    // ------------------------------------------------------------------ SU-03

    /** SU-03.min-off and CL-01.min-off: per compressor, every start at least {@code minOffS} after its previous stop. */
    public static Judgement minOff(TraceView t, HeatPumpSignals s, long fromMs, double minOffS) {
        long minMs = Math.round(minOffS * 1000);
        int judged = 0;
        for (StartupChecks.Compressor c : s.compressors()) {
            for (CompressorCycles.Start st : CompressorCycles.of(t, c, fromMs)) {
                if (st.offBeforeMs() < 0) continue;
                judged++;
                if (st.offBeforeMs() < minMs) {
                    return Judgement.fail(String.format(Locale.ROOT, "expected %s off for >= %.0f s between stop and start; actual: stopped at plant time %s, "
                                    + "commanded to start again %s, after %.1f s off",
                            c.tag(), minOffS, plantTime(st.previousStopMs()), TraceAssertions.at(t, st.startRow()), st.offBeforeMs() / 1000.0));
                }
            }
        }
        return Judgement.pass(judged == 0 ? "no compressor restarted after a stop (nothing to judge against " + String.format(Locale.ROOT, "%.0f s", minOffS) + ")"
                : String.format(Locale.ROOT, "each of %d restart(s) came >= %.0f s after that compressor's stop", judged, minOffS));
    }

    /** SU-03.min-run: per compressor, every completed run commanded for at least {@code minRunS}. */
    public static Judgement minRun(TraceView t, HeatPumpSignals s, long fromMs, double minRunS) {
        long minMs = Math.round(minRunS * 1000);
        int judged = 0;
        for (StartupChecks.Compressor c : s.compressors()) {
            for (CompressorCycles.Start st : CompressorCycles.of(t, c, fromMs)) {
                if (st.commandedRunMs() < 0) continue;
                judged++;
                if (st.commandedRunMs() < minMs) {
                    return Judgement.fail(String.format(Locale.ROOT, "expected %s to run >= %.0f s once started; actual: started %s, commanded off after %.1f s (plant time %s)",
                            c.tag(), minRunS, TraceAssertions.at(t, st.startRow()), st.commandedRunMs() / 1000.0, plantTime(st.startMs() + st.commandedRunMs())));
                }
            }
        }
        return Judgement.pass(judged == 0 ? "no compressor run ended (nothing to judge)"
                : String.format(Locale.ROOT, "each of %d completed run(s) lasted >= %.0f s", judged, minRunS));
    }

    /** SU-03.starts-per-hour: per compressor, at most {@code max} start commands in any hour. */
    public static Judgement startsPerHour(TraceView t, HeatPumpSignals s, long fromMs, int max) {
        Judgement worst = null;
        List<String> counts = new ArrayList<>();
        for (StartupChecks.Compressor c : s.compressors()) {
            long[] starts = CompressorCycles.of(t, c, fromMs).stream().mapToLong(CompressorCycles.Start::startMs).toArray();
            Judgement j = TraceAssertions.atMostPerHour(t, c.tag() + " starts", starts, max);
            if (j.outcome() == Verdict.Outcome.FAILED) return j;
            counts.add(c.tag() + " " + starts.length);
            worst = j;
        }
        return worst == null ? Judgement.inconclusive("no compressor in the trace")
                : Judgement.pass(String.format(Locale.ROOT, "every compressor at most %d starts in any hour (starts: %s)", max, String.join(", ", counts)));
    }

    // ------------------------------------------------------------------ SU-04

    /** SU-04.unload: every compressor at or below {@code minSpeedHz} (or stopped) within {@code withinS} of the stop command. */
    public static Judgement unload(TraceView t, HeatPumpSignals s, long stopMs, double minSpeedHz, double withinS) {
        Condition c = new Condition(String.format(Locale.ROOT, "every compressor at <= %.1f Hz", minSpeedHz), r -> {
            for (StartupChecks.Compressor k : s.compressors()) if (t.output(k.speedOutput())[r] > minSpeedHz + 1e-9) return false;
            return true;
        }, r -> s.speedsText(t, r));
        return TraceAssertions.within(t, c, stopMs, Math.round(withinS * 1000));
    }

    /** SU-04.off: every compressor stopped within {@code withinS} of the stop command. */
    public static Judgement off(TraceView t, HeatPumpSignals s, long stopMs, double withinS) {
        return TraceAssertions.within(t, s.allCompressorsStopped(t), stopMs, Math.round(withinS * 1000));
    }

    /** SU-04.pump-overrun: P-271 runs for at least {@code overrunS} after the last compressor stopped. */
    public static Judgement pumpOverrun(TraceView t, HeatPumpSignals s, long stopMs, double overrunS) {
        int off = TraceAssertions.firstRow(t, s.allCompressorsStopped(t).holds(), stopMs, END);
        if (off < 0) return Judgement.fail("expected " + HeatPumpSignals.P_271 + " to run after the last compressor stops; actual: the compressors never stopped after the stop command at plant time " + plantTime(stopMs));
        double[] pump = t.output(s.pumpRunningOutput());
        Condition running = new Condition(HeatPumpSignals.P_271 + " running after the last compressor stopped " + TraceAssertions.at(t, off),
                r -> pump[r] >= 0.5, r -> HeatPumpSignals.P_271 + (pump[r] >= 0.5 ? " running" : " stopped"));
        return TraceAssertions.forAtLeast(t, running, t.plantTimesMs()[off], Math.round(overrunS * 1000));
    }

    /** No safety-chain output set from {@code fromMs} to the end (SU-04, HP-01, HP-04 no-trip). */
    public static Judgement noTrip(TraceView t, HeatPumpSignals s, long fromMs) {
        return TraceAssertions.never(t, s.safetyChainTripped(t), fromMs, END);
    }

    // ------------------------------------------------------------------ LD-01

    /**
     * LD-01.settle: supply enters ±{@code bandK} of the new set-point within {@code withinMin} of the set-point step and
     * stays inside for {@code dwellS} (settle means enter and stay).
     */
    public static Judgement settle(TraceView t, HeatPumpSignals s, long stepMs, double setK, double withinMin, double bandK, double dwellS) {
        return ServiceChecks.settles(t, t.output(s.supplyOutput()), setK, bandK, stepMs, Math.round(withinMin * 60_000), Math.round(dwellS * 1000));
    }

    /** LD-01.load-step: supply within ±{@code bandK} of the set-point from the load step for {@code windowMin}. */
    public static Judgement loadStep(TraceView t, HeatPumpSignals s, long stepMs, double setK, double windowMin, double bandK) {
        double[] supply = t.output(s.supplyOutput());
        long until = stepMs + Math.round(windowMin * 60_000);
        if (t.endMs() < until) return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the load-step window ends at " + plantTime(until));
        return TraceAssertions.staysBetween(t, HeatPumpSignals.TT_272, supply, setK - bandK, setK + bandK, TraceAssertions.DEG_C, stepMs, until);
    }
}
