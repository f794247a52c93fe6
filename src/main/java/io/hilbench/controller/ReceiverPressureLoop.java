package io.hilbench.controller;

import java.util.Objects;

/**
 * Receiver pressure through the flash-gas bypass HV-222 (domain notes §2.3; DESIGN §5): set-point
 * max(receiverMinBar, PT-201 + receiverAboveSuctionBar) ≤ receiverMaxBar, i.e. max(35 bar, suction + 5 bar) ≤ 65 bar;
 * a PI opens HV-222 when PT-204 is above it. PT-204 or PT-201 unreadable: the opening is held.
 */
public final class ReceiverPressureLoop {
    private final PressureConfig config;
    /** The tags update reads every cycle, resolved once per inputs layout. */
    private final InputSlot pt204 = new InputSlot(PlantTags.PT204), pt201 = new InputSlot(PlantTags.PT201);
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
        if (!pt204.isGood(in) || !pt201.isGood(in)) return openingPct;
        double errorBar = pt204.value(in) - setPointBar(pt201.value(in));
        double kp = config.receiverKpPctPerBar();
        integralPct = Math.max(config.bypassMinPct(), Math.min(100.0, integralPct + kp * errorBar * dtS / config.receiverTiS()));
        openingPct = Math.max(config.bypassMinPct(), Math.min(100.0, kp * errorBar + integralPct));
        return openingPct;
    }
}
