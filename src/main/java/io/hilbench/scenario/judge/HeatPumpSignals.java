package io.hilbench.scenario.judge;

import io.hilbench.rig.AlarmMeaning;
import io.hilbench.rig.ControllerState;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static io.hilbench.scenario.judge.TraceAssertions.Condition;

/**
 * The signals the protection, sequence and load requirements judge, as trace column names (the rig's point map
 * binds the tags; {@code PlantSignals#heatPump()} builds this), with the row conditions they share. Plant truth comes
 * from outputs; what the controller <em>commanded</em> from the committed inputs (DESIGN §8: judged where the safety
 * chain would mask a controller fault); the controller's state and alarms from the bench's extension columns.
 *
 * @param compressors       every compressor (tag, enable and speed set-point inputs, speed feedback output)
 * @param flowLowOutput     FSL-271 (1 = DH flow low)
 * @param supplyOutput      TT-272, K
 * @param pressureOutput    PT-202, Pa
 * @param reliefOutput      PSV-202 (1 = relief valve venting)
 * @param hpSwitchOutput    PSHH-202 (1 = HP switch tripped, latched)
 * @param pumpRunningOutput P-271.Running (1 = DH pump running)
 * @param tripOutputs       every safety-chain output ({@code hp.safety.*})
 * @param stateColumn       the controller state column ({@link ControllerState} ordinal, NaN where not read)
 * @param alarmsColumn      the controller alarm column (bit k = {@code AlarmMeaning.values()[k]}, NaN where not read)
 * @param watchdogColumn    the I/O watchdog column (1 = actuators at their failsafe values)
 * @param heatOutput        JT-271, the heat to the DH water, W (plant truth; "full load" is judged on it)
 */
public record HeatPumpSignals(List<StartupChecks.Compressor> compressors, String flowLowOutput, String supplyOutput, String pressureOutput,
                              String reliefOutput, String hpSwitchOutput, String pumpRunningOutput, List<String> tripOutputs,
                              String stateColumn, String alarmsColumn, String watchdogColumn, String heatOutput) {
    public static final String PT_202 = "PT-202";
    public static final String TT_272 = "TT-272";
    public static final String PSV_202 = "PSV-202";
    public static final String PSHH_202 = "PSHH-202";
    public static final String P_271 = "P-271";

    public HeatPumpSignals {
        compressors = List.copyOf(compressors);
        tripOutputs = List.copyOf(tripOutputs);
    }

    /** Compressor commanded to run at the row: enable true or a speed set-point above 0 in the committed inputs. */
    public static boolean commanded(TraceView t, StartupChecks.Compressor c, int row) {
        return t.input(c.enableInput())[row] >= 0.5 || t.input(c.speedSetInput())[row] > 0;
    }

    public boolean anyCommanded(TraceView t, int row) {
        for (StartupChecks.Compressor c : compressors) if (commanded(t, c, row)) return true;
        return false;
    }

    public boolean anyRunning(TraceView t, int row) {
        for (StartupChecks.Compressor c : compressors) if (t.output(c.speedOutput())[row] > 0) return true;
        return false;
    }

    /** Which compressors are commanded, with enable and speed set-point ("C-211 (enable, 45.0 Hz)"), or "none". */
    public String commandedText(TraceView t, int row) {
        String s = compressors.stream().filter(c -> commanded(t, c, row))
                .map(c -> String.format(Locale.ROOT, "%s (enable %s, set %.1f Hz)", c.tag(), t.input(c.enableInput())[row] >= 0.5 ? "on" : "off",
                        t.input(c.speedSetInput())[row]))
                .collect(Collectors.joining(", "));
        return s.isEmpty() ? "no compressor commanded" : s + " commanded";
    }

    public String speedsText(TraceView t, int row) {
        return compressors.stream().map(c -> String.format(Locale.ROOT, "%s %.1f Hz", c.tag(), t.output(c.speedOutput())[row]))
                .collect(Collectors.joining(", "));
    }

    public boolean alarm(TraceView t, AlarmMeaning a, int row) {
        double m = t.extension(alarmsColumn)[row];
        return !Double.isNaN(m) && (((long) m) >> a.ordinal() & 1) == 1;
    }

    public String alarmsText(TraceView t, int row) {
        double m = t.extension(alarmsColumn)[row];
        if (Double.isNaN(m)) return "alarms not read at this step";
        Set<String> on = new java.util.TreeSet<>();
        for (AlarmMeaning a : AlarmMeaning.values()) if ((((long) m) >> a.ordinal() & 1) == 1) on.add(a.name());
        return on.isEmpty() ? "no alarm" : "alarms " + on;
    }

    public boolean state(TraceView t, ControllerState s, int row) {
        double v = t.extension(stateColumn)[row];
        return !Double.isNaN(v) && (int) v == s.ordinal();
    }

    /** True when the state was read at the row and is one of {@code states}. */
    public boolean stateIn(TraceView t, int row, ControllerState... states) {
        double v = t.extension(stateColumn)[row];
        if (Double.isNaN(v)) return false;
        for (ControllerState s : states) if ((int) v == s.ordinal()) return true;
        return false;
    }

    /** True when the state was read at the row (a rig may read it every n steps only). */
    public boolean stateRead(TraceView t, int row) {
        return !Double.isNaN(t.extension(stateColumn)[row]);
    }

    public String stateText(TraceView t, int row) {
        double v = t.extension(stateColumn)[row];
        if (Double.isNaN(v)) return "state not read at this step";
        int k = (int) v;
        return "state " + (k >= 0 && k < ControllerState.values().length ? ControllerState.values()[k].label() : "#" + k);
    }

    public boolean chainTripped(TraceView t, int row) {
        for (String o : tripOutputs) if (t.output(o)[row] >= 0.5) return true;
        return false;
    }

    public String chainText(TraceView t, int row) {
        String s = tripOutputs.stream().filter(o -> t.output(o)[row] >= 0.5).collect(Collectors.joining(", "));
        return s.isEmpty() ? "no safety-chain output set" : s + " set";
    }

    // ------------------------------------------------------------------ shared conditions

    public Condition anyCompressorCommanded(TraceView t) {
        return new Condition("a compressor commanded to run", r -> anyCommanded(t, r), r -> commandedText(t, r));
    }

    public Condition allCompressorsStopped(TraceView t) {
        return new Condition("every compressor stopped (speed feedback 0)", r -> !anyRunning(t, r), r -> speedsText(t, r));
    }

    public Condition allCompressorsCommandedOff(TraceView t) {
        return new Condition("every compressor commanded off", r -> !anyCommanded(t, r), r -> commandedText(t, r));
    }

    public Condition alarmRaised(TraceView t, AlarmMeaning... any) {
        String names = java.util.Arrays.stream(any).map(Enum::name).collect(Collectors.joining(" or "));
        return new Condition(names + " raised", r -> {
            for (AlarmMeaning a : any) if (alarm(t, a, r)) return true;
            return false;
        }, r -> alarmsText(t, r));
    }

    /** The heat pump runs again: the controller reads Running and a compressor turns (speed feedback above 0). */
    public Condition runningAgain(TraceView t) {
        return new Condition("controller Running with a compressor turning", r -> state(t, ControllerState.RUNNING, r) && anyRunning(t, r),
                r -> stateText(t, r) + ", " + speedsText(t, r));
    }

    /**
     * In service at the row: a compressor turning (speed feedback above 0) and the controller reporting Running or
     * Defrosting (a row where the state was not read counts by its compressors alone).
     */
    public boolean inService(TraceView t, int row) {
        return anyRunning(t, row) && (!stateRead(t, row) || stateIn(t, row, ControllerState.RUNNING, ControllerState.DEFROSTING));
    }

    /** The condition of {@link #inService}: "in service (a compressor turning, state Running or Defrosting)". */
    public Condition inService(TraceView t) {
        return new Condition("in service (a compressor turning, the controller Running or Defrosting)", r -> inService(t, r),
                r -> stateText(t, r) + ", " + speedsText(t, r));
    }

    public Condition safetyChainTripped(TraceView t) {
        return new Condition("a safety-chain trip", r -> chainTripped(t, r), r -> chainText(t, r));
    }
}
