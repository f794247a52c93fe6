package io.hilbench.plant.chp;

/**
 * The biogas engine CHP as a dispatchable heat source with start and stop ramps, minimum run and off times.
 * Heat flow is positive into the DH water ({@link #heatFlowW()}). States (the rig's {@code G-511.State} enum):
 * 0 Off, 1 Starting (ramping up), 2 Running (full heat), 3 Stopping (ramping down), 4 Fault (not used yet).
 * <pre>
 *   Starting:  dQ/dt = +Q_max / t_start  until Q = Q_max → Running
 *   Stopping:  dQ/dt = −Q_max / t_stop   until Q = 0     → Off
 *   a run request is honoured from Off after the minimum off time; a stop request from Running/Starting after the minimum run time
 * </pre>
 * The heat goes into DH water drawn from the return header and delivered {@code outletAboveSupplySetK} above the
 * network's supply set-point: ṁ = Q / (c_p·(T_out − T_in)).
 */
public final class BiogasChp {
    public static final int OFF = 0, STARTING = 1, RUNNING = 2, STOPPING = 3, FAULT = 4;

    private final BiogasChpParameters p;
    private int state;
    private double heatFlowW;
    private double timeInStateS;
    private int starts;

    public BiogasChp(BiogasChpParameters parameters) {
        this.p = parameters;
        reset();
    }

    public void reset() {
        state = OFF;
        heatFlowW = 0;
        timeInStateS = Double.POSITIVE_INFINITY;   // a fresh plant may start at once
        starts = 0;
    }

    public BiogasChpParameters parameters() { return p; }

    /** Advances by dtS with the dispatcher's run request; returns the events of the step (a start or a stop), or null. */
    public String step(double dtS, boolean runRequest) {
        return step(dtS, runRequest, false);
    }

    /** As {@link #step(double, boolean)}; {@code forcedStop} stops a running engine even within its minimum run time. */
    public String step(double dtS, boolean runRequest, boolean forcedStop) {
        String event = null;
        timeInStateS += dtS;
        switch (state) {
            case OFF -> {
                if (runRequest && !forcedStop && timeInStateS >= p.minimumOffS()) {
                    state = STARTING;
                    timeInStateS = 0;
                    starts++;
                    event = "G-511 biogas CHP starting";
                }
            }
            case STARTING, RUNNING -> {
                if (forcedStop || (!runRequest && runTimeS() >= p.minimumRunS())) {
                    state = STOPPING;
                    timeInStateS = 0;
                    event = forcedStop ? "G-511 biogas CHP stopping: cooling water too hot" : "G-511 biogas CHP stopping";
                }
            }
            case STOPPING -> {
                if (runRequest && !forcedStop) {
                    state = STARTING;
                    timeInStateS = 0;
                    starts++;
                    event = "G-511 biogas CHP restarting";
                }
            }
            default -> { }
        }
        if (state == STARTING) {
            heatFlowW = Math.min(p.heatFlowMaxW(), heatFlowW + p.heatFlowMaxW() * dtS / p.startRampS());
            if (heatFlowW >= p.heatFlowMaxW()) state = RUNNING;   // time in state keeps counting from the start
        } else if (state == STOPPING) {
            heatFlowW = Math.max(0.0, heatFlowW - p.heatFlowMaxW() * dtS / p.stopRampS());
            if (heatFlowW <= 0) {
                state = OFF;
                timeInStateS = 0;
            }
        }
        return event;
    }

    /** Time since the last start (Starting and Running count as running). */
    private double runTimeS() {
        return timeInStateS;
    }

    public int state() { return state; }

    public double heatFlowW() { return heatFlowW; }

    /** Starts since the reset. */
    public int starts() { return starts; }
}
