package io.hilbench.plant.co2;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The hardwired safety chain of DESIGN §5 (domain notes §5): it acts on the compressors whatever the controller does.
 *
 * <ul>
 *   <li>PSHH-202 HP switch: p_gc ≥ 130 bar trips at once, latched; the site reset clears it only below 120 bar.</li>
 *   <li>PSLL-201 LP switch: p_suc &lt; 14 bar with a compressor running trips; it resets itself once p_suc &gt; 17 bar, at
 *       most 5 times in 12 h; the 6th trip in the window latches until the site reset (Danfoss control-logic table).</li>
 *   <li>TSHH-202 discharge trip: T_dis ≥ 150 °C trips, latched; the site reset clears it only below 135 °C (Bitzer).
 *       The compressors' own discharge-gas thermostat trips the same way when the gas itself (not the lagged pipe
 *       sensor TT-202) reaches 160 °C: a rise faster than TT-202 can follow (lost DH flow) stops the compressors
 *       before the gas leaves the range the property tables cover (195 °C).</li>
 *   <li>PSV-202 relief valve: opens at 140 bar, lift = min(1, (p − p_set)/(0.1·p_set)), reseats below p_set·(1 − blowdown);
 *       it vents CO2 to atmosphere (the plant loses that charge).</li>
 *   <li>FSL-271 DH flow switch: flow below 25 % of nominal for 5 s while a compressor runs trips, latched; bypassed
 *       (a test setting) it still reports flow low but stops nothing.</li>
 * </ul>
 * The trip reason is first-out: the first trip since the chain was last clear, as a {@link Reason} code.
 */
public final class SafetyChain {
    /** First-out trip reason; the code is the output value. */
    public enum Reason {
        NONE(0), HP_SWITCH(1), LP_SWITCH(2), LP_LOCKOUT(3), DISCHARGE_TEMPERATURE(4), FLOW_SWITCH(5);

        public final int code;

        Reason(int code) { this.code = code; }
    }

    private final SafetyChainParameters p;
    private boolean hpTripped;
    private boolean lpTripped;
    private boolean lpLatched;
    private boolean dischargeTripped;
    private boolean flowTripped;
    private boolean reliefOpen;
    private double lowFlowS;
    private final Deque<Double> lpAutoResetTimesS = new ArrayDeque<>();
    private Reason reason = Reason.NONE;

    public SafetyChain(SafetyChainParameters parameters) {
        this.p = parameters;
    }

    public SafetyChainParameters parameters() { return p; }

    public void reset() {
        hpTripped = lpTripped = lpLatched = dischargeTripped = flowTripped = reliefOpen = false;
        lowFlowS = 0;
        lpAutoResetTimesS.clear();
        reason = Reason.NONE;
    }

    /** True while the chain holds the compressors off. */
    public boolean compressorsStopped() {
        return hpTripped || lpTripped || dischargeTripped || (flowTripped && !p.flowSwitchBypassed());
    }

    public boolean hpTripped() { return hpTripped; }

    public boolean lpTripped() { return lpTripped; }

    public boolean lpLatched() { return lpLatched; }

    public boolean dischargeTripped() { return dischargeTripped; }

    public boolean flowTripped() { return flowTripped; }

    public boolean reliefOpen() { return reliefOpen; }

    public Reason reason() { return reason; }

    /** LP auto resets counted in the present 12 h window. */
    public int lpAutoResets() { return lpAutoResetTimesS.size(); }

    /** Relief lift in [0, 1] for the gas-cooler pressure (hysteresis: call once per step via {@link #step}). */
    public double reliefLift(double gasCoolerPa) {
        if (!reliefOpen) return 0.0;
        return Math.max(0.0, Math.min(1.0, (gasCoolerPa - p.reliefSetPa() * (1 - p.reliefBlowdownRatio())) / (0.1 * p.reliefSetPa())));
    }

    /**
     * One step of the chain after the physics: evaluates every switch at the new state and adds what happened to
     * {@code events}.
     */
    public void step(double dtS, double timeS, double gasCoolerPa, double suctionPa, double dischargeK, double dischargeGasK,
                     double dhFlowRatio, boolean compressorRunning, List<String> events) {
        // relief valve (hysteresis)
        if (!reliefOpen && gasCoolerPa >= p.reliefSetPa()) {
            reliefOpen = true;
            events.add("PSV-202 relief valve opened at " + bar(gasCoolerPa) + ": CO2 vented to atmosphere");
        } else if (reliefOpen && gasCoolerPa < p.reliefSetPa() * (1 - p.reliefBlowdownRatio())) {
            reliefOpen = false;
            events.add("PSV-202 relief valve reseated at " + bar(gasCoolerPa));
        }
        if (!hpTripped && gasCoolerPa >= p.hpSwitchTripPa()) {
            hpTripped = true;
            first(Reason.HP_SWITCH);
            events.add("PSHH-202 HP switch tripped at " + bar(gasCoolerPa) + " (set " + bar(p.hpSwitchTripPa()) + "): compressors stopped, manual reset");
        }
        // LP switch with its auto-reset budget
        while (!lpAutoResetTimesS.isEmpty() && timeS - lpAutoResetTimesS.peekFirst() > p.lpWindowS()) lpAutoResetTimesS.pollFirst();
        if (!lpTripped && compressorRunning && suctionPa < p.lpSwitchTripPa()) {
            lpTripped = true;
            lpLatched = lpAutoResetTimesS.size() >= p.lpAutoResetsMax();
            first(lpLatched ? Reason.LP_LOCKOUT : Reason.LP_SWITCH);
            events.add("PSLL-201 LP switch tripped at " + bar(suctionPa) + (lpLatched
                    ? ": " + p.lpAutoResetsMax() + " auto resets in " + Math.round(p.lpWindowS() / 3600) + " h used, latched until the site reset"
                    : ": compressors stopped, auto reset above " + bar(p.lpSwitchResetAbovePa())));
        } else if (lpTripped && !lpLatched && suctionPa > p.lpSwitchResetAbovePa()) {
            lpTripped = false;
            lpAutoResetTimesS.addLast(timeS);
            events.add("PSLL-201 LP switch auto reset at " + bar(suctionPa) + " (" + lpAutoResetTimesS.size() + " of " + p.lpAutoResetsMax() + " in the window)");
        }
        if (!dischargeTripped && dischargeK >= p.dischargeTripK()) {
            dischargeTripped = true;
            first(Reason.DISCHARGE_TEMPERATURE);
            events.add(String.format(Locale.ROOT, "TSHH-202 discharge temperature trip at %.1f degC: compressors stopped, manual reset", dischargeK - 273.15));
        } else if (!dischargeTripped && compressorRunning && dischargeGasK >= p.dischargeGasTripK()) {
            dischargeTripped = true;
            first(Reason.DISCHARGE_TEMPERATURE);
            events.add(String.format(Locale.ROOT, "compressor discharge-gas thermostat tripped at %.1f degC gas (TT-202 reads %.1f degC): compressors stopped, manual reset",
                    dischargeGasK - 273.15, dischargeK - 273.15));
        }
        boolean flowLow = dhFlowRatio < p.flowSwitchThresholdRatio();
        if (flowLow && compressorRunning) {
            lowFlowS += dtS;
            if (!flowTripped && lowFlowS >= p.flowSwitchDelayS() - 1e-9) {
                flowTripped = true;
                if (!p.flowSwitchBypassed()) first(Reason.FLOW_SWITCH);
                events.add(String.format(Locale.ROOT, "FSL-271 flow switch tripped: DH flow %.0f %% of nominal for %.1f s with a compressor running; %s",
                        100 * dhFlowRatio, lowFlowS, p.flowSwitchBypassed() ? "BYPASSED (test setting): nothing stopped" : "compressors stopped, manual reset"));
            }
        } else {
            lowFlowS = 0;
        }
        if (!hpTripped && !lpTripped && !dischargeTripped && !flowTripped) reason = Reason.NONE;
    }

    /** The site reset of latched trips; a trip whose cause persists stays, with the reason in the returned text. */
    public List<String> resetLatched(double gasCoolerPa, double dischargeK) {
        List<String> out = new java.util.ArrayList<>();
        if (flowTripped) {
            flowTripped = false;
            lowFlowS = 0;
            out.add("FSL-271 flow-switch trip reset");
        }
        if (hpTripped) {
            if (gasCoolerPa < p.hpSwitchResetBelowPa()) {
                hpTripped = false;
                out.add("PSHH-202 HP switch reset");
            } else {
                out.add("PSHH-202 HP switch reset refused: " + bar(gasCoolerPa) + " is not below " + bar(p.hpSwitchResetBelowPa()));
            }
        }
        if (lpTripped && lpLatched) {
            lpTripped = false;
            lpLatched = false;
            lpAutoResetTimesS.clear();
            out.add("PSLL-201 LP switch lockout reset");
        }
        if (dischargeTripped) {
            if (dischargeK < p.dischargeResetK()) {
                dischargeTripped = false;
                out.add("TSHH-202 discharge temperature trip reset");
            } else {
                out.add(String.format(Locale.ROOT, "TSHH-202 reset refused: %.1f degC is not below %.1f degC", dischargeK - 273.15, p.dischargeResetK() - 273.15));
            }
        }
        if (!hpTripped && !lpTripped && !dischargeTripped && !flowTripped) reason = Reason.NONE;
        return out;
    }

    private void first(Reason r) {
        if (reason == Reason.NONE) reason = r;
    }

    private static String bar(double pa) {
        return String.format(Locale.ROOT, "%.1f bar", pa / 1e5);
    }
}
