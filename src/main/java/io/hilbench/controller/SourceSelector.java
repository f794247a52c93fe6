package io.hilbench.controller;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Heat-source selection of the heat pump (DESIGN §8 SO-01/02; domain notes §6): the air evaporator, the tank-source
 * water evaporator (tank bottom → P-261 → water evaporator → tank bottom, cooled: a colder solar inlet, a warmer
 * evaporation), or both. Pure logic; plant time only.
 *
 * <h2>Choice (re-evaluated every cycle, hysteresis on every threshold)</h2>
 * <pre>
 *  tank usable   tank bottom readable and ≥ tankMinDegC while the tank is used, ≥ tankEnterDegC to take it again
 *  tank better   tank bottom − TT-101 ≥ tankAdvantageK (−1 K while used), or TT-101 unreadable
 *  solar need    RT-101 ≥ solarNeedWPerM2 (−100 W/m² while used): the collectors want a cold inlet
 *  target        not usable → AIR; better → TANK; solar need → BOTH (cool the tank, keep the air); else AIR
 *  warm start    tank bottom > tankStartMaxDegC and the compressors have not yet run minDwellS → AIR (at standstill
 *                at once: the start is made on the air, the tank comes in with the bumpless switch afterwards)
 * </pre>
 * A change waits minDwellS in the present source (leaving an unusable tank does not). It is bumpless: the new source
 * comes in first (P-261 proven running before XV-261 opens), both run overlapS, then the old one goes out (XV-261 closes
 * and P-261 overruns tankPumpOverrunS). The capacity loop is not touched. With no compressor running the source valves
 * and P-261 are off; the choice stands.
 *
 * <p>Variant {@link Variant#NO_SOURCE_SWITCH}: always air.
 */
public final class SourceSelector {
    /** The heat source in use. */
    public enum Source { AIR, TANK, BOTH }

    private static final double ADVANTAGE_HYSTERESIS_K = 1.0;
    private static final double SOLAR_HYSTERESIS_W_PER_M2 = 100.0;
    /** The compressors' speed ceiling moves at most this fast when the source changes, Hz/s (70 → 36 Hz in 340 s). */
    public static final double CEILING_RATE_HZ_PER_S = 0.1;

    private final SourceConfig config;
    private final Optional<Variant> variant;
    /** The tags read every cycle, resolved once per inputs layout. */
    private final InputSlot tankBottom, tt101 = new InputSlot(PlantTags.TT101), rt101 = new InputSlot(PlantTags.RT101),
            p261Running = new InputSlot(PlantTags.P261_RUNNING);
    private Source source;
    /** The source being switched to, or null when no switch runs. */
    private Source switchingTo;
    private double overlapS;
    private double dwellS;
    private double pumpProvenS;
    private double pumpOverrunLeftS;
    /** How long the compressors have run since the last standstill, s. */
    private double runningS;
    private String lastEvent = "";

    public SourceSelector(SourceConfig config, Optional<Variant> variant) {
        this.config = Objects.requireNonNull(config, "config");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.tankBottom = new InputSlot(config.tankBottomTag());
        reset();
    }

    public void reset() {
        source = Source.AIR;
        switchingTo = null;
        overlapS = 0;
        dwellS = Double.POSITIVE_INFINITY;
        pumpProvenS = 0;
        pumpOverrunLeftS = 0;
        runningS = 0;
        running = false;
        lastChoice = Source.AIR;
        lastBottomDegC = Double.NaN;
    }

    public SourceConfig config() { return config; }

    /** The source in use (during a switch: the one being left). */
    public Source source() { return source; }

    /** The source being switched to, or empty. */
    public Optional<Source> switchingTo() { return Optional.ofNullable(switchingTo); }

    public String lastEvent() { return lastEvent; }

    /** What the choice would be now, without dwell or overlap (unit tests, diagnostics). */
    public Source target(Inputs in) {
        Source choice = choice(in);
        if (choice != Source.AIR && warmStart(in)) return Source.AIR;
        return choice;
    }

    /**
     * A start from standstill on a tank bottom warmer than {@link SourceConfig#tankStartMaxDegC()}: the compressors off
     * at the last cycle or run for less than minDwellS since.
     */
    private boolean warmStart(Inputs in) {
        return (!running || runningS < config.minDwellS() - 1e-9) && tankBottom.isGood(in) && tankBottom.value(in) > config.tankStartMaxDegC();
    }

    /**
     * The choice on the temperatures and the sun alone, without the warm-start rule, dwell or overlap: TANK means the
     * water evaporator alone would be the better source now (the tank-charging strategy's solar lift asks this).
     */
    public Source choice(Inputs in) {
        if (variant.orElse(null) == Variant.NO_SOURCE_SWITCH) return Source.AIR;
        boolean tankNow = usesTank(source) || (switchingTo != null && usesTank(switchingTo));
        if (!tankBottom.isGood(in)) return Source.AIR;
        double bottom = tankBottom.value(in);
        boolean usable = (tankNow && variant.orElse(null) == Variant.IGNORES_TANK_MINIMUM)
                || bottom >= (tankNow ? config.tankMinDegC() : config.tankEnterDegC()) - 1e-9;
        if (!usable) return Source.AIR;
        boolean better = !tt101.isGood(in)
                || bottom - tt101.value(in) >= config.tankAdvantageK() - (tankNow ? ADVANTAGE_HYSTERESIS_K : 0) - 1e-9;
        if (better) return Source.TANK;
        boolean solarNeed = rt101.isGood(in)
                && rt101.value(in) >= config.solarNeedWPerM2() - (tankNow ? SOLAR_HYSTERESIS_W_PER_M2 : 0) - 1e-9;
        return solarNeed ? Source.BOTH : Source.AIR;
    }

    private static boolean usesTank(Source s) { return s == Source.TANK || s == Source.BOTH; }

    private static boolean usesAir(Source s) { return s == Source.AIR || s == Source.BOTH; }

    /**
     * One cycle.
     *
     * @param running a compressor runs (the sources are only driven then)
     */
    public void update(Inputs in, double dtS, boolean running) {
        dwellS += dtS;
        runningS = running && this.running ? runningS + dtS : 0;
        pumpOverrunLeftS = Math.max(0, pumpOverrunLeftS - dtS);
        boolean pumpRunning = !p261Running.has(in) || p261Running.isTrue(in);
        pumpProvenS = tankPumpOn() && pumpRunning ? pumpProvenS + dtS : 0;
        lastChoice = choice(in);
        lastBottomDegC = tankBottom.isGood(in) ? tankBottom.value(in) : Double.NaN;
        Source target = target(in);
        if (switchingTo == null) {
            if (target != source) {
                boolean forced = usesTank(source) && !usesTank(target) && !tankUsableNow(in);
                // a stop on a warm tank: the next start is on the air whatever the dwell (nothing to keep bumpless)
                boolean warmStop = !running && usesTank(source) && !usesTank(target) && warmStart(in);
                if (forced || warmStop || dwellS >= config.minDwellS() - 1e-9) {
                    switchingTo = target;
                    overlapS = 0;
                    lastEvent = String.format(Locale.ROOT, "source %s → %s (tank bottom %s, air %s, irradiance %s)%s", source, target,
                            fmt(in, config.tankBottomTag()), fmt(in, PlantTags.TT101), fmt(in, PlantTags.RT101), forced ? ": tank below its minimum" : "");
                }
            }
        } else if (target != switchingTo && !(usesTank(source) && !tankUsableNow(in))) {
            // the reason for the switch went away during the overlap: stay where we were
            lastEvent = "source switch to " + switchingTo + " abandoned, staying on " + source;
            switchingTo = null;
        }
        if (switchingTo != null && running) {
            // the new source must be delivering before the overlap counts: the tank side once XV-261 is open
            boolean newReady = !usesTank(switchingTo) || usesTank(source) || xv261Open();
            if (newReady) overlapS += dtS;
            if (overlapS >= config.overlapS() - 1e-9) {
                if (usesTank(source) && !usesTank(switchingTo)) pumpOverrunLeftS = config.tankPumpOverrunS();
                lastEvent = "source " + switchingTo + " in use (" + source + " out after " + Math.round(overlapS) + " s overlap)";
                source = switchingTo;
                switchingTo = null;
                dwellS = 0;
            }
        } else if (switchingTo != null && !running) {
            // nothing to keep bumpless with the compressors off: take the new source at once
            source = switchingTo;
            switchingTo = null;
            dwellS = 0;
        }
        this.running = running;
    }

    private boolean running;
    /** The choice and the tank bottom at the last update (the warm start's speed ceiling). */
    private Source lastChoice = Source.AIR;
    private double lastBottomDegC = Double.NaN;

    private boolean tankUsableNow(Inputs in) {
        if (variant.orElse(null) == Variant.IGNORES_TANK_MINIMUM) return true;
        return tankBottom.isGood(in) && tankBottom.value(in) >= config.tankMinDegC() - 1e-9;
    }

    private static String fmt(Inputs in, String tag) {
        return in.isGood(tag) ? String.format(Locale.ROOT, "%.1f", in.value(tag)) : "unreadable";
    }

    /** The air evaporator is (to be) used: its sections may evaporate and defrost. */
    public boolean airInUse() {
        return usesAir(source) || (switchingTo != null && usesAir(switchingTo));
    }

    /** The water evaporator is (to be) a source: in use, or being switched to. */
    public boolean tankInUse() {
        return tankWanted();
    }

    private boolean tankWanted() {
        return usesTank(source) || (switchingTo != null && usesTank(switchingTo));
    }

    /** The water evaporator is the only source in service (no switch under way): its speed ceiling applies. */
    public boolean waterEvaporatorOnly() {
        return source == Source.TANK && switchingTo == null;
    }

    /**
     * The compressors' speed ceiling the source allows now, Hz: {@link SourceConfig#tankSourceMaxHz()} while the water
     * evaporator is the only source, and through a warm start (the tank the choice, the air held for the start, then
     * the switch's overlap: the tank source's flow arrives at the speed it will run at), else {@code compressorMaxHz}
     * (see {@link SourceConfig#tankSourceMaxHz()}).
     */
    public double ceilingTargetHz(double compressorMaxHz) {
        return waterEvaporatorOnly() || warmStartPath() ? Math.min(compressorMaxHz, config.tankSourceMaxHz()) : compressorMaxHz;
    }

    /** On the air at the last update although the tank was the choice, its bottom above the warm-start limit. */
    private boolean warmStartPath() {
        return lastChoice == Source.TANK && !usesTank(source) && lastBottomDegC > config.tankStartMaxDegC();
    }

    /** P-261 run command. */
    public boolean tankPumpOn() {
        return running && tankWanted() || pumpOverrunLeftS > 0;
    }

    /** XV-261: open while the tank source is used and P-261 has been proven running. */
    public boolean xv261Open() {
        return running && tankWanted() && pumpProvenS >= config.tankPumpProofS() - 1e-9;
    }

    /**
     * P-261 speed set-point, %: ramped from tankPumpMinPct up over the overlap when the tank comes in, down to it when
     * the tank goes out (the water evaporator's duty changes gradually); tankPumpSpeedPct otherwise.
     */
    public double tankPumpSpeedPct() {
        if (!tankPumpOn()) return 0.0;
        double max = config.tankPumpSpeedPct();
        double min = config.tankPumpMinPct();
        if (!running || switchingTo == null) return pumpOverrunLeftS > 0 && !tankWanted() ? min : max;
        double frac = config.overlapS() <= 0 ? 1.0 : Math.min(1.0, overlapS / config.overlapS());
        boolean leaving = usesTank(source) && !usesTank(switchingTo);
        boolean entering = !usesTank(source) && usesTank(switchingTo);
        if (leaving) return max - (max - min) * frac;
        if (entering) return min + (max - min) * frac;
        return max;
    }
}
