package io.hilbench.cli;

import io.hilbench.Units;
import io.hilbench.fluid.Co2Properties;
import io.hilbench.fluid.Co2State;
import io.hilbench.fluid.Co2Tables;
import io.hilbench.fluid.SpanWagnerCo2;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench fluid}: fluid properties at the command line. Subcommand {@code co2} prints one JSON object:
 * <pre>
 *   bench fluid co2 --p-bar 100 --t-degc 35            state at (p, T)
 *   bench fluid co2 --p-bar 30 --h-kj-kg 300           state at (p, h), two-phase states included
 *   bench fluid co2 --t-degc -10 --saturation          {"t_degc", "p_bar", "liquid": {...}, "vapor": {...}}
 *   add --exact to use the Span-Wagner equation of state instead of the plant's tables
 * </pre>
 * Fields: p_bar, t_degc, rho_kg_m3, h_kj_kg, s_kj_kgk, cp_kj_kgk, w_m_s, phase ("liquid", "vapor",
 * "supercritical", "two-phase"; see {@link io.hilbench.fluid.Co2Phase}), quality (vapour mass fraction in the
 * two-phase region, null otherwise; 0 and 1 for the saturated liquid and vapour objects). cp_kj_kgk and w_m_s are
 * null in the two-phase region, where they are not defined. Values carry 9 significant digits; IIR reference
 * state. Bad input: one line on stderr and exit code 2 (returned from call(), no System.exit).
 */
@Command(name = "fluid", description = "Fluid properties (CO2 from Span-Wagner 1996).",
        mixinStandardHelpOptions = true, subcommands = {FluidCommand.Co2Command.class})
public final class FluidCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Supplier<? extends Co2Properties> tables;

    /** Uses the plant's default tables (loaded from or written to the cache under ~/.cache/hil-bench). */
    public FluidCommand() {
        this(Co2Tables::plantDefault);
    }

    /** For tests: the tabulated path to use instead of the default tables. */
    FluidCommand(Supplier<? extends Co2Properties> tables) {
        this.tables = tables;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code bench fluid co2}. */
    @Command(name = "co2", description = "CO2 (R744) state or saturation as one JSON object.", mixinStandardHelpOptions = true)
    static final class Co2Command implements Callable<Integer> {

        static final int EXIT_BAD_INPUT = 2;

        @Spec
        CommandSpec spec;

        @CommandLine.ParentCommand
        FluidCommand parent;

        // Options are read as text so that a malformed number gives the same one-line error as a bad range.
        @Option(names = "--p-bar", paramLabel = "P", description = "Pressure, bar (absolute).")
        String pressureBar;

        @Option(names = "--t-degc", paramLabel = "T", description = "Temperature, degC.")
        String temperatureDegC;

        @Option(names = "--h-kj-kg", paramLabel = "H", description = "Specific enthalpy, kJ/kg (IIR reference).")
        String enthalpyKJPerKg;

        @Option(names = "--saturation", description = "Saturated liquid and vapour at --t-degc.")
        boolean saturation;

        @Option(names = "--exact", description = "Use the Span-Wagner equation of state instead of the tables.")
        boolean exact;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                String json = run();
                out.println(json);
                out.flush();
                return 0;
            } catch (IllegalArgumentException e) {
                String hint = exact || !e.getMessage().contains("(table") ? ""
                        : " (the tables cover the plant's range; --exact covers the whole equation-of-state range)";
                err.println("bench fluid co2: " + e.getMessage().replace('\n', ' ') + hint);
                err.flush();
                return EXIT_BAD_INPUT;
            }
        }

        private String run() {
            Co2Properties properties = exact ? new SpanWagnerCo2() : parent.tables.get();
            if (saturation) {
                if (pressureBar != null || enthalpyKJPerKg != null || temperatureDegC == null) {
                    throw new IllegalArgumentException("--saturation takes --t-degc only");
                }
                double t = Units.degCToK(OptionValues.finite("--t-degc", temperatureDegC));
                Co2State liquid;
                Co2State vapor;
                if (exact) {
                    SpanWagnerCo2 eos = (SpanWagnerCo2) properties;
                    var sat = eos.saturationAtTemperature(t);
                    liquid = eos.stateFromTemperatureDensity(t, sat.liquidDensityKgPerM3());
                    vapor = eos.stateFromTemperatureDensity(t, sat.vaporDensityKgPerM3());
                } else {
                    Co2Tables co2Tables = (Co2Tables) properties;
                    liquid = co2Tables.saturatedStateAtTemperature(t, true);
                    vapor = co2Tables.saturatedStateAtTemperature(t, false);
                }
                return "{\"t_degc\":" + num(Units.kToDegC(t)) + ",\"p_bar\":" + num(Units.paToBar(liquid.pressurePa()))
                        + ",\"liquid\":" + stateJson(liquid, 0.0) + ",\"vapor\":" + stateJson(vapor, 1.0) + "}";
            }
            if (pressureBar == null || (temperatureDegC == null) == (enthalpyKJPerKg == null)) {
                throw new IllegalArgumentException(
                        "give --p-bar with exactly one of --t-degc or --h-kj-kg, or --t-degc with --saturation");
            }
            double p = Units.barToPa(OptionValues.finite("--p-bar", pressureBar));
            Co2State state = temperatureDegC != null
                    ? properties.stateFromPressureTemperature(p, Units.degCToK(OptionValues.finite("--t-degc", temperatureDegC)))
                    : properties.stateFromPressureEnthalpy(p, Units.kJToJ(OptionValues.finite("--h-kj-kg", enthalpyKJPerKg)));
            return stateJson(state, state.quality());
        }

    }

    static String stateJson(Co2State s, double quality) {
        return "{\"p_bar\":" + num(Units.paToBar(s.pressurePa())) + ",\"t_degc\":" + num(Units.kToDegC(s.temperatureK()))
                + ",\"rho_kg_m3\":" + num(s.densityKgPerM3()) + ",\"h_kj_kg\":" + num(Units.jToKJ(s.enthalpyJPerKg()))
                + ",\"s_kj_kgk\":" + num(Units.jToKJ(s.entropyJPerKgK())) + ",\"cp_kj_kgk\":" + num(Units.jToKJ(s.cpJPerKgK()))
                + ",\"w_m_s\":" + num(s.speedOfSoundMPerS()) + ",\"phase\":\"" + s.phase().jsonName() + "\""
                + ",\"quality\":" + num(quality) + "}";
    }

    /** A JSON number with 9 significant digits, or null for NaN (a quantity not defined in this state). */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == 0.0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(9)).stripTrailingZeros().toPlainString();
    }
}
