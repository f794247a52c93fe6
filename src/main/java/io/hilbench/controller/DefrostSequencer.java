package io.hilbench.controller;

import io.hilbench.runtime.Quality;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Hot-gas defrost of the air-evaporator sections, one section at a time (DESIGN §5/§8 DF-01..03; domain notes §4.2–4.3).
 * Pure logic on the controller's inputs: no plant, no clock but the plant time the caller passes as {@code dtS}.
 *
 * <h2>Per section s (XV-23s section valve, XV-24s hot-gas valve, F-25s fan, TT-23s coil, PDT-23s air-side ΔP)</h2>
 * <pre>
 *  IN_SERVICE  evaporating: XV-23s open, fan at its speed.
 *     demand (frost sensing valid):  (PDT-23s − offset_s)/n² (filtered) ≥ pressureDropRatioStart · clean ΔP   (coil ΔP,
 *                                    frost blocks air; offset_s learned on the clean coil, below)
 *                               or  (TT-101 − TT-23s) ≥ baseline + coilDeltaRiseStartK            (air-to-coil ΔT, capacity)
 *     fallback (sensing invalid: PDT-23s BAD/unread or the fan stopped): evaporating time ≥ fallbackIntervalS, and only
 *        while TT-101 says the air can frost (&lt; frostAirMaxDegC) or TT-101 is unreadable.
 *     A demand starts a defrost only with hot gas available (a compressor running), no other section out of service,
 *     staggerS since the last defrost ended and minEvaporatingS since this section's own.
 *  PUMP_OUT    XV-23s closed, fan off, pumpOutS.
 *  HOT_GAS     XV-24s open, until TT-23s ≥ terminationDegC (after minHotGasS) or defrostMaxS of hot gas: then
 *              DEFROST_MAX_TIME ({@link #takeMaxTimeEvents}); a stuck coil sensor (DF-03) ends here. Hot gas lost (every
 *              compressor off): straight to DRIP.
 *  DRIP        everything closed, fan off, dripS.
 *  FAN_DELAY   XV-23s open (evaporating), fan off, fanDelayS; then IN_SERVICE.
 * </pre>
 * Sections of an evaporator the source selection has taken out of service ({@code airInService} false) neither
 * frost nor start a defrost; one already running finishes its sequence.
 *
 * <h2>The clean reading, learned per section</h2>
 * A differential-pressure transmitter's class is a percentage of its span (PDT-23x: 1 % of 0–500 Pa, ±5 Pa), and a
 * coil's clean drop uses a tenth of that span (51.2 Pa at 80 % fan), so a constant zero offset within the class is
 * ±10 % of the reading: against the fixed data-sheet clean drop alone, a +5 Pa transmitter starts defrosts on coils
 * 2 % over clean (rig corner {@code sensors-high}, SU-01) and a −5 Pa one lets the coil reach 1.22 × clean. So each
 * section learns its clean reading when its coil is known clean — at the controller's first start (after reset) and
 * after every defrost that ended on the coil temperature (not on the maximum time, not abandoned for lack of hot gas) —
 * {@code cleanLearnAfterS} of valid sensing after it returned to service, as
 * <pre>
 *   offset_s = filtered(PDT-23s − coilPressureDropCleanPa · n²)      (Pa; the reading less the data-sheet law, eq. F2)
 * </pre>
 * accepted only within ±{@code cleanReadingMaxDeviationPa} (else the previous one is kept). The start compares
 * (PDT-23s − offset_s)/n² with the data-sheet clean drop, so a constant offset cancels at every fan speed (a ratio or
 * difference against a learned reading scaled by n² would leave offset · (1/n² − 1/n_learned²) when the fan speed moves).
 * Zero-offset learning with the fan stopped (true ΔP 0) would need no clean coil, but a 0–500 Pa transmitter read
 * over a uint16 register cannot show its negative offsets at zero flow; the clean reading with the fan running can.
 *
 * <p>Variants: {@link Variant#NO_DEFROST_TERMINATION} removes the maximum-time termination (a defrost whose coil
 * sensor never reaches the termination temperature goes on); {@link Variant#DEFROSTS_WITHOUT_FROST} starts every
 * section's defrost on the fallback timer whatever the frost sensing says.
 */
public final class DefrostSequencer {
    /** Where one section is in its defrost cycle. */
    public enum Step { IN_SERVICE, PUMP_OUT, HOT_GAS, DRIP, FAN_DELAY }

    /** What one defrost did, for logs and tests. */
    public record Defrost(int section, String initiatedBy, double hotGasS, boolean endedOnMaxTime) {}

    private final DefrostConfig config;
    private final Optional<Variant> variant;
    private final int sections;
    private final Step[] step;
    private final double[] stepS;
    private final double[] evaporatingS;
    /** PDT-23s scaled to full fan speed (÷ n², clean-coil law) then filtered, Pa; NaN while sensing is invalid. */
    private final double[] filteredDpPa;
    private final double[] baselineDeltaK;
    /** PDT-23s less the data-sheet clean drop at the fan speed of each sample, filtered, Pa; NaN while sensing is invalid. */
    private final double[] filteredDeviationPa;
    /** Continuous valid sensing time of the section (its filters seeded that long ago), s. */
    private final double[] sensedS;
    /** The learned transmitter offset of PDT-23s (its clean reading less the data-sheet law), Pa; 0 until learned. */
    private final double[] offsetPa;
    /** The coil is known clean: learn its reading once sensedS reaches cleanLearnAfterS. */
    private final boolean[] learnPending;
    private final double[] inServiceS;
    private final String[] initiatedBy;
    /** The tags read every cycle (TT-23s, PDT-23s of section s at [s - 1], TT-101), resolved once per inputs layout. */
    private final InputSlot[] coilTemperature;
    private final InputSlot[] coilPressureDrop;
    private final InputSlot tt101 = new InputSlot(PlantTags.TT101);
    private double sinceLastEndS;
    private int maxTimeEvents;
    private Defrost lastDefrost;
    private String lastEvent = "";

    public DefrostSequencer(DefrostConfig config, Optional<Variant> variant, int sections) {
        this.config = Objects.requireNonNull(config, "config");
        this.variant = Objects.requireNonNull(variant, "variant");
        if (sections < 1 || sections > 9) throw new IllegalArgumentException("sections must be 1..9, was " + sections);
        this.sections = sections;
        step = new Step[sections];
        stepS = new double[sections];
        evaporatingS = new double[sections];
        filteredDpPa = new double[sections];
        baselineDeltaK = new double[sections];
        filteredDeviationPa = new double[sections];
        sensedS = new double[sections];
        offsetPa = new double[sections];
        learnPending = new boolean[sections];
        inServiceS = new double[sections];
        initiatedBy = new String[sections];
        coilTemperature = InputSlot.numbered(sections, PlantTags::coilTemperature);
        coilPressureDrop = InputSlot.numbered(sections, PlantTags::coilPressureDrop);
        reset();
    }

    /**
     * Every section in service, no timer, no history (controller reset-to-initial). The coil is taken as clean at the
     * first start after it: each section learns its clean reading then (bounded by cleanReadingMaxDeviationPa).
     */
    public void reset() {
        for (int i = 0; i < sections; i++) {
            step[i] = Step.IN_SERVICE;
            stepS[i] = 0;
            evaporatingS[i] = 0;
            filteredDpPa[i] = Double.NaN;
            baselineDeltaK[i] = Double.NaN;
            filteredDeviationPa[i] = Double.NaN;
            sensedS[i] = 0;
            // first start: the data-sheet clean drop until the coil's own clean reading is learned
            offsetPa[i] = 0;
            learnPending[i] = true;
            inServiceS[i] = 0;
            initiatedBy[i] = "";
        }
        sinceLastEndS = Double.POSITIVE_INFINITY;
        maxTimeEvents = 0;
        lastDefrost = null;
    }

    public DefrostConfig config() { return config; }

    /** The step of section s (1-based). */
    public Step step(int s) { return step[s - 1]; }

    /** The section out of service for defrost (1-based), or 0. */
    public int activeSection() {
        for (int i = 0; i < sections; i++) if (step[i] != Step.IN_SERVICE) return i + 1;
        return 0;
    }

    /** True while a section is in its defrost sequence (the controller then reports Defrosting). */
    public boolean active() { return activeSection() != 0; }

    /** Defrosts that ended on the maximum time since the last call (the controller raises DEFROST_MAX_TIME). */
    public int takeMaxTimeEvents() {
        int n = maxTimeEvents;
        maxTimeEvents = 0;
        return n;
    }

    /** The last completed hot-gas phase, or null. */
    public Defrost lastDefrost() { return lastDefrost; }

    public String lastEvent() { return lastEvent; }

    /**
     * One cycle.
     *
     * @param hotGasAvailable a compressor runs (the controller Running): hot gas for a defrost
     * @param airInService    the source selection uses the air evaporator (air or both)
     * @param fanRatio        the fans' speed the inputs were read at (the speed written last cycle), 0–1
     */
    public void update(Inputs in, double dtS, boolean hotGasAvailable, boolean airInService, double fanRatio) {
        sinceLastEndS += dtS;
        learned.setLength(0);
        int active = activeSection();
        for (int i = 0; i < sections; i++) {
            int s = i + 1;
            switch (step[i]) {
                case IN_SERVICE -> {
                    if (hotGasAvailable && airInService) {
                        evaporatingS[i] += dtS;
                        inServiceS[i] += dtS;
                        sense(in, i, dtS, fanRatio);
                    } else {
                        invalidate(i);
                    }
                }
                case PUMP_OUT -> {
                    stepS[i] += dtS;
                    if (!hotGasAvailable) to(i, Step.DRIP, "no hot gas (compressors off): defrost of section " + s + " abandoned");
                    else if (stepS[i] >= config.pumpOutS() - 1e-9) to(i, Step.HOT_GAS, "section " + s + ": hot gas on (XV-24" + s + ")");
                }
                case HOT_GAS -> {
                    stepS[i] += dtS;
                    String coil = PlantTags.coilTemperature(s);
                    // isGood: readable, not BAD, a number
                    boolean warm = coilTemperature[i].isGood(in) && coilTemperature[i].value(in) >= config.terminationDegC() - 1e-9;
                    boolean maxTime = stepS[i] >= config.defrostMaxS() - 1e-9;
                    if (!hotGasAvailable) {
                        finish(i, false, false, "no hot gas (compressors off)");
                    } else if (warm && stepS[i] >= config.minHotGasS() - 1e-9) {
                        finish(i, false, true, String.format(Locale.ROOT, "TT-23%d %.1f °C ≥ %.1f °C", s, in.value(coil), config.terminationDegC()));
                    } else if (maxTime && variant.orElse(null) != Variant.NO_DEFROST_TERMINATION) {
                        maxTimeEvents++;
                        finish(i, true, false, String.format(Locale.ROOT, "maximum defrost time %.0f s (TT-23%d %s)", config.defrostMaxS(), s,
                                in.isGood(coil) ? String.format(Locale.ROOT, "%.1f °C", in.value(coil)) : "unreadable"));
                    }
                }
                case DRIP -> {
                    stepS[i] += dtS;
                    if (stepS[i] >= config.dripS() - 1e-9) to(i, Step.FAN_DELAY, "section " + s + ": drip done, evaporating with the fan off");
                }
                case FAN_DELAY -> {
                    stepS[i] += dtS;
                    if (stepS[i] >= config.fanDelayS() - 1e-9) {
                        to(i, Step.IN_SERVICE, "section " + s + " back in service");
                        evaporatingS[i] = 0;
                        inServiceS[i] = 0;
                        invalidate(i);
                        baselineDeltaK[i] = Double.NaN;
                        sinceLastEndS = 0;
                    }
                }
            }
        }
        if (!learned.isEmpty()) lastEvent = learned.toString();
        if (active == 0 && hotGasAvailable && airInService && sinceLastEndS >= config.staggerS() - 1e-9
                && variant.orElse(null) != Variant.NEVER_DEFROSTS) initiate(in);
    }

    /** The clean readings learned in this cycle, for the event log. */
    private final StringBuilder learned = new StringBuilder();

    private void invalidate(int i) {
        filteredDpPa[i] = Double.NaN;
        filteredDeviationPa[i] = Double.NaN;
        sensedS[i] = 0;
    }

    private void sense(Inputs in, int i, double dtS, double fanRatio) {
        InputSlot dp = coilPressureDrop[i];
        if (fanRatio > 0.2 && dp.isGood(in)) {
            double n2 = fanRatio * fanRatio;
            double readPa = dp.value(in);
            // less the learned offset, then scaled to full speed per sample, so a fan speed that changes under the
            // filter does not read as frost (the clean-coil law ΔP = ΔP_clean · n², plant-models/co2-heat-pump F2)
            double v = (readPa - offsetPa[i]) / n2;
            double deviation = readPa - config.coilPressureDropCleanPa() * n2;
            if (Double.isNaN(filteredDpPa[i])) {
                filteredDpPa[i] = v;
                filteredDeviationPa[i] = deviation;
            } else {
                double a = 1.0 - Math.exp(-dtS / config.pressureDropFilterS());
                filteredDpPa[i] += (v - filteredDpPa[i]) * a;
                filteredDeviationPa[i] += (deviation - filteredDeviationPa[i]) * a;
            }
            sensedS[i] += dtS;
            if (learnPending[i] && sensedS[i] >= config.cleanLearnAfterS() - 1e-9) learnCleanReading(i);
        } else {
            invalidate(i);
        }
        if (Double.isNaN(baselineDeltaK[i]) && inServiceS[i] >= config.baselineAfterS() - 1e-9) {
            double d = coilDeltaK(in, i + 1);
            if (Double.isFinite(d)) baselineDeltaK[i] = d;
        }
    }

    /**
     * The coil is clean and the filter settled: its reading less the data-sheet law is the transmitter's offset, kept
     * if within cleanReadingMaxDeviationPa. The filtered ratio is re-based on it at once (the filter's past samples
     * carried the old offset).
     */
    private void learnCleanReading(int i) {
        learnPending[i] = false;
        double dev = filteredDeviationPa[i];
        String msg;
        if (Math.abs(dev) <= config.cleanReadingMaxDeviationPa() + 1e-9) {
            double old = offsetPa[i];
            offsetPa[i] = dev;
            // the filtered ratio's samples carried the old offset; (read − offset)/n² = clean + (deviation − offset)/n²,
            // and the filtered deviation is now the offset: the coil reads exactly clean, at whatever fan speed
            filteredDpPa[i] = config.coilPressureDropCleanPa();
            msg = String.format(Locale.ROOT, "PDT-23%d clean reading learned: %+.1f Pa from the data sheet's (was %+.1f)", i + 1, dev, old);
        } else {
            msg = String.format(Locale.ROOT, "PDT-23%d clean reading not learned: %+.1f Pa from the data sheet's (limit ±%.1f), kept %+.1f",
                    i + 1, dev, config.cleanReadingMaxDeviationPa(), offsetPa[i]);
        }
        if (!learned.isEmpty()) learned.append("; ");
        learned.append(msg);
    }

    /** The learned offset of PDT-23s (its clean reading less the data-sheet clean drop at the fan speed), Pa. */
    public double learnedOffsetPa(int s) {
        return offsetPa[s - 1];
    }

    private double coilDeltaK(Inputs in, int s) {
        InputSlot coil = coilTemperature[s - 1];
        if (!tt101.isGood(in) || !coil.isGood(in)) return Double.NaN;
        return tt101.value(in) - coil.value(in);
    }

    /** Frost sensing of section s is valid: its ΔP transmitter readable with the fan running. */
    public boolean sensingValid(int s) {
        return !Double.isNaN(filteredDpPa[s - 1]);
    }

    /** Filtered PDT-23s less its learned offset (scaled to full fan speed) over the clean reference, or NaN while sensing is invalid. */
    public double pressureDropRatio(int s) {
        return filteredDpPa[s - 1] / config.coilPressureDropCleanPa();
    }

    /** Why section s needs a defrost now, or null. */
    String demand(Inputs in, int s) {
        int i = s - 1;
        if (evaporatingS[i] < config.minEvaporatingS() - 1e-9) return null;
        boolean timeUp = evaporatingS[i] >= config.fallbackIntervalS() - 1e-9;
        if (variant.orElse(null) == Variant.DEFROSTS_WITHOUT_FROST) {
            return timeUp ? "timer (variant defrosts-without-frost)" : null;
        }
        if (sensingValid(s)) {
            double ratio = pressureDropRatio(s);
            if (ratio >= config.pressureDropRatioStart() - 1e-9) {
                return String.format(Locale.ROOT, "coil ΔP PDT-23%d %.1f Pa at full fan speed (less its offset %+.1f Pa) = %.2f × clean",
                        s, filteredDpPa[i], offsetPa[i], ratio);
            }
            double d = coilDeltaK(in, s);
            if (Double.isFinite(baselineDeltaK[i]) && Double.isFinite(d) && d - baselineDeltaK[i] >= config.coilDeltaRiseStartK() - 1e-9) {
                return String.format(Locale.ROOT, "air-to-coil ΔT %.1f K, %.1f K above its baseline", d, d - baselineDeltaK[i]);
            }
            return null;
        }
        boolean airMayFrost = !in.isGood(PlantTags.TT101) || in.value(PlantTags.TT101) < config.frostAirMaxDegC();
        return timeUp && airMayFrost ? String.format(Locale.ROOT, "time fallback: frost sensing PDT-23%d invalid, %.0f min evaporating", s, evaporatingS[i] / 60) : null;
    }

    /**
     * Of the sections that need a defrost, the most frosted first: the highest filtered PDT-23s ratio, then the longest
     * evaporating. Before, only the evaporating time counted, so sections frosted together (equal times) went in number
     * order and the worst of them could wait three defrosts (DF-01 with the heaviest frost on section 4: 71.7 % of its
     * clean coil before its defrost, limit 70 %). The defrosts-without-frost variant senses no frost: number order.
     */
    private void initiate(Inputs in) {
        int best = 0;
        double bestRatio = Double.NEGATIVE_INFINITY;
        double bestS = -1;
        boolean byFrost = variant.orElse(null) != Variant.DEFROSTS_WITHOUT_FROST;
        for (int s = 1; s <= sections; s++) {
            String why = demand(in, s);
            if (why == null) continue;
            double ratio = byFrost && sensingValid(s) ? pressureDropRatio(s) : Double.NEGATIVE_INFINITY;
            if (ratio > bestRatio || (ratio == bestRatio && evaporatingS[s - 1] > bestS)) {
                best = s;
                bestRatio = ratio;
                bestS = evaporatingS[s - 1];
                initiatedBy[s - 1] = why;
            }
        }
        if (best > 0) to(best - 1, Step.PUMP_OUT, "defrost of section " + best + " started: " + initiatedBy[best - 1]);
    }

    /**
     * @param cleared the hot gas stopped on the coil temperature: the coil is clean, learn its reading again (a
     *                maximum-time or abandoned end leaves ice: no learning, and none still pending from before)
     */
    private void finish(int i, boolean onMaxTime, boolean cleared, String why) {
        learnPending[i] = cleared;
        lastDefrost = new Defrost(i + 1, initiatedBy[i], stepS[i], onMaxTime);
        to(i, Step.DRIP, "section " + (i + 1) + ": hot gas off after " + Math.round(stepS[i]) + " s: " + why);
    }

    private void to(int i, Step next, String why) {
        step[i] = next;
        stepS[i] = 0;
        lastEvent = why;
    }

    // ---- outputs --------------------------------------------------------------------------------------------------

    /** XV-23s: open while evaporating (in service with the air source used, or in the fan delay). */
    public boolean sectionValveOpen(int s, boolean evaporating) {
        Step st = step[s - 1];
        return evaporating && (st == Step.IN_SERVICE || st == Step.FAN_DELAY);
    }

    /** XV-24s: open in the hot-gas step. */
    public boolean hotGasValveOpen(int s) { return step[s - 1] == Step.HOT_GAS; }

    /** F-25s: at its speed only in service. */
    public double fanSpeedPct(int s, boolean evaporating, double speedPct) {
        return evaporating && step[s - 1] == Step.IN_SERVICE ? speedPct : 0.0;
    }
}
