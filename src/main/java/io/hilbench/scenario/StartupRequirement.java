package io.hilbench.scenario;

import io.hilbench.scenario.judge.Assertion;
import io.hilbench.scenario.judge.AssertionBook;
import io.hilbench.scenario.judge.StartupChecks;

import java.util.Map;

/**
 * SU-01's assertions as the {@code Then} steps register them (DESIGN §8): limits from requirements.yaml, windows in
 * plant time from the start command, judged on the trace at the end of the scenario.
 */
public final class StartupRequirement {
    public static final String ID = "SU-01";

    private final Requirements.Requirement req;
    private final AssertionBook book;
    private final StartupChecks.Signals signals;
    private final long stimulusMs;
    private final double setpointK;

    StartupRequirement(Requirements requirements, AssertionBook book, PlantSignals signals, long stimulusMs, double setpointK) {
        this.req = requirements.get(ID);
        this.book = book;
        this.signals = signals.startup();
        this.stimulusMs = stimulusMs;
        this.setpointK = setpointK;
    }

    private long minutesAfterStart(double min) {
        return stimulusMs + Math.round(min * 60_000);
    }

    /** SU-01.flow-proof, judged over the settle window (the lead compressor must have been commanded by then). */
    public void flowProof() {
        double settle = req.limit("settle_within_min");
        book.register(new Assertion(req.assertion(ID + ".flow-proof"), Map.of("settle_within_min", settle), minutesAfterStart(settle),
                t -> StartupChecks.flowProof(t, signals)));
    }

    public void leadMinSpeed() {
        double hz = req.limit("lead_min_speed_hz");
        double s = req.limit("lead_min_speed_hold_s");
        double settle = req.limit("settle_within_min");
        book.register(new Assertion(req.assertion(ID + ".lead-min-speed"), Map.of("lead_min_speed_hz", hz, "lead_min_speed_hold_s", s),
                minutesAfterStart(settle), t -> StartupChecks.leadMinSpeed(t, signals, hz, s)));
    }

    /** SU-01.settle and SU-01.hold: the run covers the settle window and a full hold window after it. */
    public void settleAndHold() {
        double within = req.limit("settle_within_min");
        double band = req.limit("settle_band_k");
        double holdMin = req.limit("hold_for_min");
        double holdBand = req.limit("hold_band_k");
        book.register(new Assertion(req.assertion(ID + ".settle"), Map.of("settle_within_min", within, "settle_band_k", band),
                minutesAfterStart(within), t -> StartupChecks.settle(t, signals, setpointK, stimulusMs, within, band)));
        book.register(new Assertion(req.assertion(ID + ".hold"),
                Map.of("settle_within_min", within, "settle_band_k", band, "hold_for_min", holdMin, "hold_band_k", holdBand),
                minutesAfterStart(within + holdMin), t -> StartupChecks.hold(t, signals, setpointK, stimulusMs, within, band, holdMin, holdBand)));
    }

    /** SU-01.pressure over whatever the scenario runs. */
    public void pressure() {
        double max = req.limit("gas_cooler_pressure_max_bar");
        book.register(new Assertion(req.assertion(ID + ".pressure"), Map.of("gas_cooler_pressure_max_bar", max), stimulusMs,
                t -> StartupChecks.pressure(t, signals, max)));
    }

    public void noTrip() {
        book.register(new Assertion(req.assertion(ID + ".no-trip"), Map.of(), stimulusMs, t -> StartupChecks.noTrip(t, signals)));
    }
}
