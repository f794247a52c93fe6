package io.hilbench.cli;

import io.hilbench.Units;
import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.co2.Co2HeatPumpParameters;
import io.hilbench.plant.co2.HeatPumpRating;
import io.hilbench.plant.co2.RatingMap;
import io.hilbench.plant.co2.RatingOptimum;
import io.hilbench.report.plot.RatingMapPlot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code bench rating} adds to its original JSON fields (issue #15 item 1), and its {@code --map}: kept out of
 * {@link RatingCommand} so the command only parses options.
 */
final class RatingOutput {
    private RatingOutput() {}

    /**
     * The fields after the original ones, each with a leading comma: the cold-end approach, whether the pressure
     * reaches the HP switch or exceeds the aim, the search limit, and (searched only) the best at or below the HP
     * switch and at or below the aim (null where the supply cannot be reached there).
     */
    static String extraFields(RatingOptimum.Rated r) {
        RatingOptimum.Limits l = r.limits();
        StringBuilder sb = new StringBuilder();
        sb.append(",\"approach_k\":").append(FluidCommand.num(r.approachK()));
        sb.append(",\"above_pressure_aim\":").append(r.abovePressureAim());
        sb.append(",\"above_hp_switch\":").append(r.aboveHpSwitch());
        sb.append(",\"pressure_aim_bar\":").append(FluidCommand.num(Units.paToBar(l.pressureAimPa())));
        sb.append(",\"hp_switch_bar\":").append(FluidCommand.num(Units.paToBar(l.hpSwitchPa())));
        if (r.searched()) {
            sb.append(",\"search_limit_bar\":").append(FluidCommand.num(Units.paToBar(l.searchLimitPa())));
            sb.append(",\"at_search_limit\":").append(r.atSearchLimit());
            capped(sb, "hp_switch", r.atOrBelowHpSwitch());
            capped(sb, "aim", r.atOrBelowAim());
        }
        return sb.toString();
    }

    private static void capped(StringBuilder sb, String name, HeatPumpRating.Result c) {
        String suffix = "_at_or_below_" + name;
        sb.append(",\"gas_cooler_bar").append(suffix).append("\":").append(c == null ? "null" : FluidCommand.num(Units.paToBar(c.gasCoolerPressurePa())));
        sb.append(",\"cop").append(suffix).append("\":").append(c == null ? "null" : FluidCommand.num(c.cop()));
        sb.append(",\"heat_kw").append(suffix).append("\":").append(c == null ? "null" : FluidCommand.num(c.heatW() / 1e3));
    }

    /**
     * Writes the optimum-pressure map over {@link RatingMap.Grid#standard()} to {@code csv} and its plot next to it
     * (same name, .svg), and returns a one-line JSON summary. {@code template} gives humidity, source, tank and speed.
     */
    static String writeMap(Path csv, Co2HeatPumpParameters parameters, Co2Tables tables, HeatPumpRating.Conditions template) {
        RatingMap.Grid grid = RatingMap.Grid.standard();
        List<RatingMap.Point> points = RatingMap.compute(parameters, tables, template, grid);
        String name = csv.getFileName().toString();
        Path svg = csv.resolveSibling((name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name) + ".svg");
        RatingOptimum.Limits limits = RatingOptimum.Limits.of(parameters);
        try {
            Path parent = csv.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(csv, RatingMap.csv(points, template.relativeHumidityRatio()), StandardCharsets.UTF_8);
            RatingMapPlot.draw(String.format(java.util.Locale.ROOT, "COP-optimal gas-cooler pressure, %s, RH %.0f %%, speed %.0f %%",
                    template.source().name().toLowerCase(java.util.Locale.ROOT), 100 * template.relativeHumidityRatio(), 100 * template.speedRatio()),
                    points, limits).writeSvg(svg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long feasible = points.stream().filter(p -> p.rated() != null).count();
        long aboveSwitch = points.stream().filter(p -> p.rated() != null && p.rated().aboveHpSwitch()).count();
        long aboveAim = points.stream().filter(p -> p.rated() != null && p.rated().abovePressureAim()).count();
        long atLimit = points.stream().filter(p -> p.rated() != null && p.rated().atSearchLimit()).count();
        double maxBar = points.stream().filter(p -> p.rated() != null).mapToDouble(p -> p.rated().result().gasCoolerPressurePa() / 1e5).max().orElse(Double.NaN);
        return "{\"map_csv\":\"" + jsonString(csv.toString()) + "\",\"plot_svg\":\"" + jsonString(svg.toString())
                + "\",\"points\":" + points.size() + ",\"feasible_points\":" + feasible + ",\"above_pressure_aim_points\":" + aboveAim
                + ",\"above_hp_switch_points\":" + aboveSwitch + ",\"at_search_limit_points\":" + atLimit
                + ",\"p_opt_max_bar\":" + FluidCommand.num(maxBar) + "}";
    }

    /** A path as the inside of a JSON string: backslash and quote escaped (Windows paths), control characters as \\uXXXX. */
    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') sb.append('\\').append(ch);
            else if (ch < 0x20) sb.append(String.format("\\u%04x", (int) ch));
            else sb.append(ch);
        }
        return sb.toString();
    }
}
