package io.hilbench.scenario;

import io.hilbench.scenario.judge.Assertion;
import io.hilbench.scenario.judge.AssertionBook;
import io.hilbench.scenario.judge.HeatPumpSignals;
import io.hilbench.scenario.judge.ServiceChecks;
import io.hilbench.scenario.judge.StartupChecks;
import io.hilbench.scenario.judge.TraceAssertions;

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
    private final HeatPumpSignals heatPump;
    private final long stimulusMs;
    private final double setpointK;

    StartupRequirement(Requirements requirements, AssertionBook book, PlantSignals signals, long stimulusMs, double setpointK) {
        this.req = requirements.get(ID);
        this.book = book;
        this.signals = signals.startup();
        this.heatPump = signals.heatPump();
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

    /** SU-01.settle and SU-01.hold: the run covers the settle window with its dwell and a full hold window after it. */
    public void settleAndHold() {
        double within = req.limit("settle_within_min");
        double band = req.limit("settle_band_k");
        double dwell = req.limit("settle_dwell_s");
        double holdMin = req.limit("hold_for_min");
        double holdBand = req.limit("hold_band_k");
        book.register(new Assertion(req.assertion(ID + ".settle"), Map.of("settle_within_min", within, "settle_band_k", band, "settle_dwell_s", dwell),
                minutesAfterStart(within) + Math.round(dwell * 1000), t -> StartupChecks.settle(t, signals, setpointK, stimulusMs, within, band, dwell)));
        book.register(new Assertion(req.assertion(ID + ".hold"),
                Map.of("settle_within_min", within, "settle_band_k", band, "settle_dwell_s", dwell, "hold_for_min", holdMin, "hold_band_k", holdBand),
                minutesAfterStart(within + holdMin), t -> StartupChecks.hold(t, signals, setpointK, stimulusMs, within, band, dwell, holdMin, holdBand)));
    }

    /** SU-01.staging: the compressors staged in one at a time, at least stage_interval_min_s apart, over the settle window. */
    public void staging() {
        double interval = req.limit("stage_interval_min_s");
        double within = req.limit("settle_within_min");
        long until = minutesAfterStart(within);
        book.register(new Assertion(req.assertion(ID + ".staging"), Map.of("stage_interval_min_s", interval, "settle_within_min", within), until,
                t -> ServiceChecks.staging(t, heatPump, stimulusMs, until, interval)));
    }

    /** SU-01.in-service: Running within running_within_min of the start and in service to the end of the run (the hold window's end at least). */
    public void inService() {
        double running = req.limit("running_within_min");
        long end = minutesAfterStart(req.limit("settle_within_min") + req.limit("hold_for_min"));
        double pause = req.limit("pause_max_s");
        book.register(new Assertion(req.assertion(ID + ".in-service"), Map.of("running_within_min", running, "pause_max_s", pause), end,
                t -> ServiceChecks.inService(t, heatPump, stimulusMs, Math.round(running * 60_000), TraceAssertions.END, Math.round(pause * 1000))));
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
