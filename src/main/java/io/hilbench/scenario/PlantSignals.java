package io.hilbench.scenario;

import io.hilbench.plant.SignalCatalogue;
import io.hilbench.points.Binding;
import io.hilbench.points.PointDefinition;
import io.hilbench.rig.Rig;
import io.hilbench.scenario.judge.DefrostSignals;
import io.hilbench.scenario.judge.HeatPumpSignals;
import io.hilbench.scenario.judge.SourceSignals;
import io.hilbench.scenario.judge.StartupChecks;
import io.hilbench.scenario.judge.TraceView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags to plant signals through the rig's point map: a scenario names an instrument by its tag (TT-272, PT-202),
 * the trace holds the plant output or input the tag is bound to. No tag or register ever appears in Gherkin; the
 * requirement's checks name the tags they use, and the rig says what they are wired to.
 */
public final class PlantSignals {
    private static final Pattern COMPRESSOR_ENABLE = Pattern.compile("(C-\\d+)\\.Enable");

    private final Rig rig;
    private final SignalCatalogue catalogue;

    public PlantSignals(Rig rig, SignalCatalogue catalogue) {
        this.rig = rig;
        this.catalogue = catalogue;
    }

    public PointDefinition point(String tag) {
        return rig.point(tag).orElseThrow(() -> new IllegalArgumentException("rig " + rig.name() + " has no point " + tag));
    }

    /** The plant output a sensor or status tag is bound to ({@code plant.*}). */
    public String output(String tag) {
        Binding b = point(tag).binding();
        if (b.source() != Binding.Source.PLANT) throw new IllegalArgumentException(tag + " is bound to " + b + ", not to a plant output");
        return b.name();
    }

    /** The plant input an actuator tag is bound to ({@code input.*}). */
    public String input(String tag) {
        Binding b = point(tag).binding();
        if (b.source() != Binding.Source.INPUT) throw new IllegalArgumentException(tag + " is bound to " + b + ", not to a plant input");
        return b.name();
    }

    /** The compressors of the rig (every {@code C-nnn.Enable} with its {@code SpeedSet} and {@code Speed}), in map order. */
    public List<StartupChecks.Compressor> compressors() {
        List<StartupChecks.Compressor> out = new ArrayList<>();
        for (PointDefinition p : rig.points()) {
            Matcher m = COMPRESSOR_ENABLE.matcher(p.tag());
            if (!m.matches()) continue;
            String c = m.group(1);
            out.add(new StartupChecks.Compressor(c, input(c + ".Enable"), input(c + ".SpeedSet"), output(c + ".Speed")));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("rig " + rig.name() + " maps no compressor (C-nnn.Enable)");
        return out;
    }

    /** Every safety-chain output of the plant ({@code hp.safety.*}: switches tripped, relief valve open). */
    public List<String> safetyChainOutputs() {
        return catalogue.outputs().stream().filter(o -> o.startsWith("hp.safety.")).toList();
    }

    /** The signals SU-01 judges: FSL-271, TT-272, PT-202, the compressors and the safety chain. */
    public StartupChecks.Signals startup() {
        return new StartupChecks.Signals(compressors(), "FSL-271", output("FSL-271"), "TT-272", output("TT-272"), "PT-202", output("PT-202"),
                safetyChainOutputs());
    }

    /** The signals of the protection, sequence and load requirements (SU-02..SU-04, HP-01..HP-04, SF-01, CL-01, LD-01). */
    public HeatPumpSignals heatPump() {
        return new HeatPumpSignals(compressors(), output("FSL-271"), output("TT-272"), output("PT-202"), output("PSV-202"), output("PSHH-202"),
                output("P-271.Running"), safetyChainOutputs(), ControllerDriver.STATE_COLUMN, ControllerDriver.ALARMS_COLUMN, TraceView.WATCHDOG_COLUMN,
                output("JT-271"));
    }

    public Optional<PointDefinition> find(String tag) { return rig.point(tag); }

    private static final Pattern DEFROST_VALVE = Pattern.compile("XV-24(\\d)\\.Open");

    /** A plant output the judge needs that no tag is bound to (plant truth such as frost mass); an error names the model's lack. */
    public String truth(String output, String what) {
        if (catalogue.outputIndex(output) < 0) {
            throw new IllegalArgumentException("the plant of rig " + rig.name() + " has no output '" + output + "' (" + what + "); its model cannot judge this requirement");
        }
        return output;
    }

    /** The tag of an air section's coil temperature sensor: section s is TT-23s (DESIGN §5). */
    public static String coilSensorTag(int section) { return "TT-23" + section; }

    /**
     * The signals DF-01..DF-03 judge: per air section (every {@code XV-24s.Open} defrost valve of the rig, bound to
     * {@code input.<prefix>defrostValveOpen}) the plant's frost, capacity, hot-gas and duty outputs under the same prefix.
     */
    public DefrostSignals defrost() {
        List<DefrostSignals.Section> out = new ArrayList<>();
        for (PointDefinition p : rig.points()) {
            Matcher m = DEFROST_VALVE.matcher(p.tag());
            if (!m.matches()) continue;
            String valve = input(p.tag());
            if (!valve.endsWith("defrostValveOpen")) throw new IllegalArgumentException(p.tag() + " is bound to " + valve + ", not to a section's defrostValveOpen");
            String prefix = valve.substring(0, valve.length() - "defrostValveOpen".length());
            out.add(new DefrostSignals.Section("section " + m.group(1), truth(prefix + "frostMassKg", "frost on the coil"), truth(prefix + "capacityRatio", "capacity against a clean coil"),
                    truth(prefix + "defrosting", "hot gas in the coil"), truth(prefix + "heatFlowW", "section duty"), valve));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("rig " + rig.name() + " maps no defrost valve (XV-24s.Open)");
        return new DefrostSignals(out, heatPump());
    }

    /** The extension column of the rating model's air-source COP at the trace's conditions (SO-01.cop). */
    public static final String AIR_SOURCE_COP_COLUMN = "rating.airSourceCop";

    /** The signals SO-01 and SO-02 judge: FT-261, TT-401, TT-261 and the heat pump's air duty and COP (plant truth). */
    public SourceSignals source() {
        return new SourceSignals(output("FT-261"), truth("hp.airEvaporatorHeatFlowW", "heat from the air"), output("TT-401"), truth("hp.cop", "COP"),
                AIR_SOURCE_COP_COLUMN, output("TT-261"), heatPump());
    }
}
