package io.hilbench.controller;

import java.util.Objects;

/**
 * Receiver pressure through the flash-gas bypass HV-222 (domain notes §2.3; DESIGN §5): set-point
 * max(receiverMinBar, PT-201 + receiverAboveSuctionBar) ≤ receiverMaxBar, i.e. max(35 bar, suction + 5 bar) ≤ 65 bar;
 * a PI opens HV-222 when PT-204 is above it. PT-204 or PT-201 unreadable: the opening is held.
 */
public final class ReceiverPressureLoop {
    private final PressureConfig config;
    private double integralPct;
    private double openingPct;

    public ReceiverPressureLoop(PressureConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The receiver set-point for a suction pressure, bar. */
    public double setPointBar(double suctionBar) {
        return Math.min(config.receiverMaxBar(), Math.max(config.receiverMinBar(), suctionBar + config.receiverAboveSuctionBar()));
    }

    public double openingPct() { return openingPct; }

    /** Restart from an opening (bumpless). */
    public void reset(double openingPct) {
        this.openingPct = openingPct;
        this.integralPct = openingPct;
    }

    /** One cycle with a compressor running; returns the HV-222 opening, %. */
    public double update(Inputs in, double dtS) {
        if (!in.isGood(PlantTags.PT204) || !in.isGood(PlantTags.PT201)) return openingPct;
        double errorBar = in.value(PlantTags.PT204) - setPointBar(in.value(PlantTags.PT201));
        double kp = config.receiverKpPctPerBar();
        integralPct = Math.max(config.bypassMinPct(), Math.min(100.0, integralPct + kp * errorBar * dtS / config.receiverTiS()));
        openingPct = Math.max(config.bypassMinPct(), Math.min(100.0, kp * errorBar + integralPct));
        return openingPct;
    }
}
