package io.hilbench.scenario.judge;

import io.hilbench.Units;

import java.util.List;
import java.util.Locale;

import static io.hilbench.scenario.Quantities.plantTime;

/**
 * The trace checks of the start-up requirement SU-01 (DESIGN §8), pure functions of a {@link TraceView} and the
 * limits from requirements.yaml. Plant truth is judged, except where the plant's own safety chain would mask a
 * controller fault: whether a compressor was <em>commanded</em> is read from the committed inputs (enable and speed
 * set-point), since the plant's flow switch would stop a compressor started without flow.
 */
public final class StartupChecks {
    /** One compressor as the trace names it: tag for messages, the inputs the controller commands, the speed feedback. */
    public record Compressor(String tag, String enableInput, String speedSetInput, String speedOutput) {}

    /**
     * The signals SU-01 reads.
     *
     * @param compressors   every compressor, lead first when known
     * @param flowLowTag    the DH flow switch tag (FSL-271) and its output (1 = flow low)
     * @param supplyTag     the DH supply temperature tag (TT-272) and its output, K
     * @param pressureTag   the gas-cooler pressure tag (PT-202) and its output, Pa
     * @param tripOutputs   safety-chain outputs (1 = tripped or acting)
     */
    public record Signals(List<Compressor> compressors, String flowLowTag, String flowLowOutput, String supplyTag, String supplyOutput,
                          String pressureTag, String pressureOutput, List<String> tripOutputs) {
        public Signals {
            compressors = List.copyOf(compressors);
            tripOutputs = List.copyOf(tripOutputs);
        }
    }

    private StartupChecks() {}

    private static String at(TraceView t, int row) {
        return "at plant time " + plantTime(t.plantTimesMs()[row]) + " (step " + row + ")";
    }

    private static boolean commanded(TraceView t, Compressor c, int row) {
        double en = t.input(c.enableInput())[row];
        double sp = t.input(c.speedSetInput())[row];
        return en >= 0.5 || sp > 0;
    }

    /**
     * SU-01.flow-proof: at every step where a compressor is commanded to run (enable true or speed set-point above 0 in
     * the committed inputs) after none was, the flow switch read clear in the snapshot the controller answered.
     */
    public static Judgement flowProof(TraceView t, Signals s) {
        double[] flowLow = t.output(s.flowLowOutput());
        boolean before = false;
        int starts = 0;
        for (int r = 0; r < t.size(); r++) {
            Compressor first = null;
            for (Compressor c : s.compressors()) {
                if (commanded(t, c, r)) {
                    first = c;
                    break;
                }
            }
            boolean any = first != null;
            if (any && !before) {
                starts++;
                if (flowLow[r] >= 0.5) {
                    return Judgement.fail(String.format(Locale.ROOT,
                            "expected no compressor commanded before %s reads clear; actual: %s commanded (enable %s, speed set %.1f Hz) %s while %s read flow low",
                            s.flowLowTag(), first.tag(), t.input(first.enableInput())[r] >= 0.5, t.input(first.speedSetInput())[r], at(t, r), s.flowLowTag()));
                }
            }
            before = any;
        }
        // a start command with no compressor ever commanded proves nothing: the controller never started (never PASSED)
        return starts == 0
                ? Judgement.fail("expected a compressor commanded to run only once " + s.flowLowTag() + " reads clear; actual: no compressor was ever commanded to run"
                        + " to the end of the run at " + plantTime(t.endMs()) + " (nothing to prove)")
                : Judgement.pass(s.flowLowTag() + " read clear at each of " + starts + " compressor start command(s)");
    }

    /** SU-01.lead-min-speed: the first compressor to run reaches {@code minHz} and stays at or above it for {@code holdS}. */
    public static Judgement leadMinSpeed(TraceView t, Signals s, double minHz, double holdS) {
        int startRow = -1;
        Compressor lead = null;
        for (int r = 0; r < t.size() && lead == null; r++) {
            for (Compressor c : s.compressors()) {
                if (t.output(c.speedOutput())[r] > 0) {
                    lead = c;
                    startRow = r;
                    break;
                }
            }
        }
        if (lead == null) return Judgement.fail(String.format(Locale.ROOT, "expected a lead compressor at >= %.0f Hz for >= %.0f s; actual: no compressor ran", minHz, holdS));
        double[] speed = t.output(lead.speedOutput());
        long[] time = t.plantTimesMs();
        int reach = -1;
        for (int r = startRow; r < t.size(); r++) {
            if (speed[r] >= minHz) {
                reach = r;
                break;
            }
            if (speed[r] <= 0 && r > startRow) {
                return Judgement.fail(String.format(Locale.ROOT, "expected lead compressor %s at >= %.0f Hz for >= %.0f s after its start %s; actual: it stopped %s before reaching %.0f Hz (peak %.1f Hz)",
                        lead.tag(), minHz, holdS, at(t, startRow), at(t, r), minHz, max(speed, startRow, r)));
            }
        }
        if (reach < 0) {
            return Judgement.fail(String.format(Locale.ROOT, "expected lead compressor %s at >= %.0f Hz for >= %.0f s after its start %s; actual: never reached %.0f Hz (peak %.1f Hz)",
                    lead.tag(), minHz, holdS, at(t, startRow), minHz, max(speed, startRow, t.size())));
        }
        long holdMs = Math.round(holdS * 1000);
        for (int r = reach; r < t.size(); r++) {
            if (time[r] - time[reach] >= holdMs) {
                return Judgement.pass(String.format(Locale.ROOT, "lead compressor %s reached %.1f Hz %s and stayed >= %.0f Hz for %.1f s",
                        lead.tag(), speed[reach], at(t, reach), minHz, holdS));
            }
            if (speed[r] < minHz) {
                return Judgement.fail(String.format(Locale.ROOT, "expected lead compressor %s at >= %.0f Hz for >= %.0f s; actual: %.1f Hz %s, only %.1f s after it reached %.0f Hz %s",
                        lead.tag(), minHz, holdS, speed[r], at(t, r), (time[r] - time[reach]) / 1000.0, minHz, at(t, reach)));
            }
        }
        return Judgement.inconclusive(String.format(Locale.ROOT, "the trace ends at %s, %.1f s after %s reached %.0f Hz: too short to judge a %.0f s hold",
                plantTime(t.endMs()), (t.endMs() - time[reach]) / 1000.0, lead.tag(), minHz, holdS));
    }

    /**
     * SU-01.settle: the supply enters ±{@code bandK} of the set-point within {@code withinMin} of the start command and
     * stays inside for {@code dwellS} (DESIGN §8 "settle means enter and stay": a supply crossing the band on its way to
     * another temperature has not settled).
     */
    public static Judgement settle(TraceView t, Signals s, double setK, long stimulusMs, double withinMin, double bandK, double dwellS) {
        return ServiceChecks.settles(t, t.output(s.supplyOutput()), setK, bandK, stimulusMs, Math.round(withinMin * 60_000), Math.round(dwellS * 1000));
    }

    /**
     * SU-01.hold: supply within ±{@code holdBandK} for {@code holdMin} from the moment it settled (entered the settle band
     * to stay for {@code dwellS}) or, if it never settled, from the settle deadline: the hold is judged on its own window
     * either way.
     */
    public static Judgement hold(TraceView t, Signals s, double setK, long stimulusMs, double settleWithinMin, double settleBandK, double dwellS,
                                 double holdMin, double holdBandK) {
        long deadline = stimulusMs + Math.round(settleWithinMin * 60_000);
        int settled = ServiceChecks.settledRow(t, t.output(s.supplyOutput()), setK, settleBandK, stimulusMs, Math.round(settleWithinMin * 60_000), Math.round(dwellS * 1000));
        long from = settled >= 0 ? t.plantTimesMs()[settled] : deadline;
        long until = from + Math.round(holdMin * 60_000);
        String window = (settled >= 0 ? "from settling at " : "from the settle deadline (never settled) ") + plantTime(from) + " to " + plantTime(until);
        if (t.endMs() < until) return Judgement.inconclusive("the trace ends at " + plantTime(t.endMs()) + ", before the hold window ends (" + window + ")");
        double[] supply = t.output(s.supplyOutput());
        long[] time = t.plantTimesMs();
        for (int r = t.rowAtOrAfter(from); r < t.size() && time[r] <= until; r++) {
            if (Math.abs(supply[r] - setK) > holdBandK) {
                return Judgement.fail(String.format(Locale.ROOT, "expected %s within ±%.1f K of %.1f °C %s; actual: %.2f °C %s",
                        s.supplyTag(), holdBandK, Units.kToDegC(setK), window, Units.kToDegC(supply[r]), at(t, r)));
            }
        }
        return Judgement.pass(String.format(Locale.ROOT, "%s stayed within ±%.1f K of %.1f °C %s", s.supplyTag(), holdBandK, Units.kToDegC(setK), window));
    }

    /** SU-01.pressure: the gas-cooler pressure never at or above {@code maxBar}. */
    public static Judgement pressure(TraceView t, Signals s, double maxBar) {
        double[] p = t.output(s.pressureOutput());
        double limitPa = Units.barToPa(maxBar);
        int peak = 0;
        for (int r = 0; r < p.length; r++) {
            if (p[r] > p[peak]) peak = r;
            if (p[r] >= limitPa) {
                return Judgement.fail(String.format(Locale.ROOT, "expected %s never >= %.1f bar; actual: %.2f bar %s",
                        s.pressureTag(), maxBar, Units.paToBar(p[r]), at(t, r)));
            }
        }
        return p.length == 0 ? Judgement.inconclusive("empty trace")
                : Judgement.pass(String.format(Locale.ROOT, "%s peak %.2f bar %s, below %.1f bar", s.pressureTag(), Units.paToBar(p[peak]), at(t, peak), maxBar));
    }

    /** SU-01.no-trip: no safety-chain output set at any step. */
    public static Judgement noTrip(TraceView t, Signals s) {
        for (int r = 0; r < t.size(); r++) {
            for (String o : s.tripOutputs()) {
                if (t.output(o)[r] >= 0.5) {
                    return Judgement.fail("expected no safety-chain trip; actual: " + o + " set " + at(t, r));
                }
            }
        }
        return Judgement.pass("no safety-chain output (" + String.join(", ", s.tripOutputs()) + ") was set in " + t.size() + " steps");
    }

    private static double max(double[] v, int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < Math.min(to, v.length); i++) m = Math.max(m, v[i]);
        return m;
    }
}
