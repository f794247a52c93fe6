package io.hilbench.cli;

import io.hilbench.Units;
import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.co2.Co2HeatPumpParameters;
import io.hilbench.plant.co2.HeatPumpRating;
import io.hilbench.plant.co2.HeatSource;
import io.hilbench.plant.co2.RatingOptimum;
import io.hilbench.rig.PlantModels;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigError;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench rating}: the steady-state rating of the CO2 heat pump ({@link HeatPumpRating}, the same components the
 * emulator runs), as one JSON object on stdout:
 * <pre>
 *   bench rating --rig rigs/solrod --air-degc 0 --rh 90 --return-degc 40 --supply-degc 75
 *   {"heat_kw":…,"power_kw":…,"cop":…,"evaporator_kw":…,"suction_bar":…,"evaporating_degc":…,"gas_cooler_bar":…,
 *    "gas_cooler_outlet_degc":…,"discharge_degc":…,"co2_mass_flow_kg_s":…,"water_flow_kg_s":…}
 * </pre>
 * {@code --rh} is in percent (0–100). Without {@code --gas-cooler-bar} the COP-optimal gas-cooler pressure is searched
 * up to PSV-202's set pressure (140 bar, {@link RatingOptimum}), no longer only up to the controllers' aim (120 bar);
 * fields after water_flow_kg_s say whether it lies above the aim or at the PSHH-202 HP switch (130 bar) and what the
 * best at or below each is, and give the gas cooler's cold-end approach ({@link RatingOutput#extraFields}).
 * {@code --map FILE.csv} writes the optimum-pressure map over a grid instead ({@link RatingOutput#writeMap}). {@code --speed-pct} is the compressors' share of
 * their maximum speed (70 Hz), all N alike. power_kw is the compressors' and the evaporator fans' electric power;
 * water_flow_kg_s is the DH water through the gas cooler. The heat pump's parameters are the rig's: its parameter
 * files (for {@code plant.model: solrod}, plant-models/co2-heat-pump/parameters.yaml next to the rig's
 * {@code plant.parameters}; the model's code defaults when the rig names no file) with the rig's
 * {@code plant.overrides} and then the {@code --plant-param KEY=VALUE} overrides applied (rigs/README.md), e.g.
 * {@code --plant-param gasCooler.co2SideUaNominalWPerK=300000}. Bad input (an override included): one line per
 * error on stderr, exit 2.
 */
@Command(name = "rating", mixinStandardHelpOptions = true,
        description = "Steady-state rating of the CO2 heat pump at given air and DH temperatures, as one JSON object.")
public final class RatingCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--rig", paramLabel = "DIR", description = "Rig folder (default: ${DEFAULT-VALUE}).", defaultValue = "rigs/solrod")
    Path rigDir;

    // Numbers are read as text so that a malformed number gives the same one-line error as a bad range.
    @Option(names = "--air-degc", paramLabel = "T", required = false, description = "Outdoor air temperature, degC (required unless --map).")
    String airDegC;

    @Option(names = "--rh", paramLabel = "RH", required = false, description = "Outdoor relative humidity, percent (0-100; required unless --map, where it defaults to 90).")
    String rhPct;

    @Option(names = "--return-degc", paramLabel = "TR", required = false, description = "DH water into the gas cooler, degC (required unless --map).")
    String returnDegC;

    @Option(names = "--supply-degc", paramLabel = "TS", required = false, description = "DH water out of the gas cooler, degC (required unless --map).")
    String supplyDegC;

    @Option(names = "--source", paramLabel = "air|tank|both", defaultValue = "air", description = "Heat source (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--tank-bottom-degc", paramLabel = "T", description = "Tank-bottom water into the water evaporator, degC (default 35).")
    String tankBottomDegC;

    @Option(names = "--gas-cooler-bar", paramLabel = "P", description = "Gas-cooler pressure, bar; omitted: the COP-optimal one up to PSV-202's set pressure (140 bar).")
    String gasCoolerBar;

    @Option(names = "--map", paramLabel = "FILE.csv", description = "Write the optimum-pressure map (air -15..15, return 35..55, supply 65..85 degC) to FILE.csv and its plot to FILE.svg.")
    Path mapCsv;

    @Option(names = "--speed-pct", paramLabel = "N", defaultValue = "100", description = "Compressor speed, percent of 70 Hz (default: ${DEFAULT-VALUE}).")
    String speedPct;

    @picocli.CommandLine.Mixin
    PlantParamOptions plantParams = new PlantParamOptions();

    private final Supplier<Co2Tables> tables;

    public RatingCommand() {
        this(Co2Tables::plantDefault);
    }

    RatingCommand(Supplier<Co2Tables> tables) {
        this.tables = tables;
    }

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
            // one line per error (an override's error names its source and field)
            for (String line : String.valueOf(e.getMessage()).split("\\R")) err.println("bench rating: " + line);
            err.flush();
            return EXIT_BAD_INPUT;
        }
    }

    private String run() {
        if (mapCsv != null) {
            if (airDegC != null || returnDegC != null || supplyDegC != null || gasCoolerBar != null) {
                throw new IllegalArgumentException("--map spans its own air, return and supply grid at the optimum pressure: leave out --air-degc, --return-degc, --supply-degc and --gas-cooler-bar");
            }
            // placeholders that pass the single-point checks below; the map replaces them point by point
            airDegC = "0";
            returnDegC = "40";
            supplyDegC = "75";
            if (rhPct == null) rhPct = "90";
        } else if (airDegC == null || rhPct == null || returnDegC == null || supplyDegC == null) {
            throw new IllegalArgumentException("--air-degc, --rh, --return-degc and --supply-degc are required (or --map FILE.csv)");
        }
        Rig rig;
        Co2HeatPumpParameters parameters;
        try {
            rig = RigLoader.loadDefault(rigDir);
            if (!"solrod".equals(rig.plant().model())) {
                throw new IllegalArgumentException("rig " + rigDir + ": plant model '" + rig.plant().model() + "' has no rating (known: solrod)");
            }
            // the rig's parameter files, its plant.overrides and this run's --plant-param (issue #15 item 7)
            parameters = PlantModels.parameters(plantParams.apply(rig)).heatPump();
        } catch (RigException e) {
            List<String> lines = new ArrayList<>();
            for (RigError error : e.errors()) lines.add(error.toString());
            throw new IllegalArgumentException("rig " + rigDir + ": " + String.join(System.lineSeparator(), lines));
        }
        HeatSource heatSource = switch (source.trim().toLowerCase(Locale.ROOT)) {
            case "air" -> HeatSource.AIR;
            case "tank" -> HeatSource.TANK;
            case "both" -> HeatSource.BOTH;
            default -> throw new IllegalArgumentException("--source must be air, tank or both, was '" + source + "'");
        };
        double rh = OptionValues.finite("--rh", rhPct);
        if (rh < 0 || rh > 100) throw new IllegalArgumentException("--rh must be a percentage in [0, 100], was " + rhPct);
        double speed = OptionValues.finite("--speed-pct", speedPct);
        if (speed <= 0 || speed > 100) throw new IllegalArgumentException("--speed-pct must be in (0, 100], was " + speedPct);
        double air = OptionValues.finite("--air-degc", airDegC);
        if (air < -40 || air > 45) throw new IllegalArgumentException("--air-degc must be in [-40, 45], was " + airDegC);
        double ret = OptionValues.finite("--return-degc", returnDegC);
        double sup = OptionValues.finite("--supply-degc", supplyDegC);
        if (ret < 10 || ret > 80) throw new IllegalArgumentException("--return-degc must be in [10, 80], was " + returnDegC);
        if (sup < 15 || sup > 100) throw new IllegalArgumentException("--supply-degc must be in [15, 100], was " + supplyDegC);
        if (sup <= ret + 1) throw new IllegalArgumentException("--supply-degc must be more than 1 K above --return-degc");
        double tank = tankBottomDegC == null ? Units.kToDegC(parameters.tankBottomTemperatureK()) : OptionValues.finite("--tank-bottom-degc", tankBottomDegC);
        if (tank < 2 || tank > 90) throw new IllegalArgumentException("--tank-bottom-degc must be in [2, 90], was " + tankBottomDegC);
        double gc = Double.NaN;
        if (gasCoolerBar != null) {
            gc = OptionValues.finite("--gas-cooler-bar", gasCoolerBar);
            if (gc < 75 || gc > 140) throw new IllegalArgumentException("--gas-cooler-bar must be in [75, 140], was " + gasCoolerBar);
            gc = Units.barToPa(gc);
        }
        HeatPumpRating.Conditions c = new HeatPumpRating.Conditions(Units.degCToK(air), rh / 100.0, Units.degCToK(ret), Units.degCToK(sup),
                heatSource, Units.degCToK(tank), gc, parameters.gasCoolerPressureAimPa(), speed / 100.0);
        if (mapCsv != null) return RatingOutput.writeMap(mapCsv, parameters, tables.get(), c);
        RatingOptimum.Rated rated = RatingOptimum.rate(new HeatPumpRating(parameters, tables.get()), RatingOptimum.Limits.of(parameters), c);
        HeatPumpRating.Result r = rated.result();
        return "{\"heat_kw\":" + FluidCommand.num(r.heatW() / 1e3)
                + ",\"power_kw\":" + FluidCommand.num(r.powerW() / 1e3)
                + ",\"cop\":" + FluidCommand.num(r.cop())
                + ",\"evaporator_kw\":" + FluidCommand.num(r.evaporatorW() / 1e3)
                + ",\"suction_bar\":" + FluidCommand.num(Units.paToBar(r.suctionPressurePa()))
                + ",\"evaporating_degc\":" + FluidCommand.num(Units.kToDegC(r.evaporatingK()))
                + ",\"gas_cooler_bar\":" + FluidCommand.num(Units.paToBar(r.gasCoolerPressurePa()))
                + ",\"gas_cooler_outlet_degc\":" + FluidCommand.num(Units.kToDegC(r.gasCoolerOutletK()))
                + ",\"discharge_degc\":" + FluidCommand.num(Units.kToDegC(r.dischargeK()))
                + ",\"co2_mass_flow_kg_s\":" + FluidCommand.num(r.co2MassFlowKgPerS())
                + ",\"water_flow_kg_s\":" + FluidCommand.num(r.waterMassFlowKgPerS())
                + RatingOutput.extraFields(rated) + "}";
    }

}
