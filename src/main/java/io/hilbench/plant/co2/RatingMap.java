package io.hilbench.plant.co2;

import io.hilbench.fluid.Co2Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The optimum-pressure map p_opt(t_air, t_return, t_supply) of the plant as it is (issue #15 item 1): the
 * {@link RatingOptimum} at every point of a grid of air, DH return and supply temperatures, the humidity, source,
 * tank and speed held. Points are independent; they are rated on the common pool, one {@link HeatPumpRating} per
 * thread ({@link Co2Tables} is thread-safe), and returned in grid order, so the map does not depend on the threads.
 */
public final class RatingMap {
    /** The grid, temperatures in K, each axis ascending. */
    public record Grid(double[] airK, double[] returnK, double[] supplyK) {
        public Grid {
            if (airK.length == 0 || returnK.length == 0 || supplyK.length == 0) throw new IllegalArgumentException("every grid axis needs a value");
            airK = airK.clone();
            returnK = returnK.clone();
            supplyK = supplyK.clone();
        }

        /** Air −15…+15 °C, return 35…55 °C, supply 65…85 °C, 5 K steps: 7 × 5 × 5 = 175 points. */
        public static Grid standard() {
            return new Grid(degC(-15, 15, 5), degC(35, 55, 5), degC(65, 85, 5));
        }

        public int size() { return airK.length * returnK.length * supplyK.length; }

        private static double[] degC(double from, double to, double step) {
            int n = (int) Math.round((to - from) / step) + 1;
            double[] k = new double[n];
            for (int i = 0; i < n; i++) k[i] = from + i * step + 273.15;
            return k;
        }
    }

    /** One grid point; {@code rated} null and {@code infeasibleReason} set when the supply cannot be reached there. */
    public record Point(double airK, double returnK, double supplyK, RatingOptimum.Rated rated, String infeasibleReason) {}

    /** The CSV header: units in the names (bar, K, degC, kW). */
    public static final String CSV_HEADER = "air_degc,rh_pct,return_degc,supply_degc,feasible,p_opt_bar,cop,heat_kw,power_kw,approach_k,"
            + "gas_cooler_outlet_degc,evaporating_degc,discharge_degc,water_flow_kg_s,above_pressure_aim,above_hp_switch,at_search_limit,"
            + "cop_at_or_below_hp_switch,heat_kw_at_or_below_hp_switch,cop_at_or_below_aim,heat_kw_at_or_below_aim";

    private RatingMap() {}

    /** Rates every grid point; {@code template} gives the humidity, source, tank bottom and speed. */
    public static List<Point> compute(Co2HeatPumpParameters parameters, Co2Tables tables, HeatPumpRating.Conditions template, Grid grid) {
        RatingOptimum.Limits limits = RatingOptimum.Limits.of(parameters);
        ThreadLocal<HeatPumpRating> rating = ThreadLocal.withInitial(() -> new HeatPumpRating(parameters, tables));
        int nr = grid.returnK().length;
        int ns = grid.supplyK().length;
        return IntStream.range(0, grid.size()).parallel().mapToObj(i -> {
            double air = grid.airK()[i / (nr * ns)];
            double ret = grid.returnK()[(i / ns) % nr];
            double sup = grid.supplyK()[i % ns];
            if (!(sup > ret + 1)) return new Point(air, ret, sup, null, "supply not above return + 1 K");
            try {
                return new Point(air, ret, sup, RatingOptimum.rate(rating.get(), limits, RatingOptimum.at(template, air, ret, sup)), null);
            } catch (IllegalArgumentException e) {
                return new Point(air, ret, sup, null, e.getMessage());
            }
        }).toList();
    }

    /** The map as CSV text (header, one row per point, '\n' line ends); an infeasible point has feasible 0 and empty values. */
    public static String csv(List<Point> points, double relativeHumidityRatio) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (Point pt : points) {
            List<String> row = new ArrayList<>();
            row.add(f1(pt.airK() - 273.15));
            row.add(f1(100 * relativeHumidityRatio));
            row.add(f1(pt.returnK() - 273.15));
            row.add(f1(pt.supplyK() - 273.15));
            RatingOptimum.Rated r = pt.rated();
            if (r == null) {
                row.add("0");
                for (int i = 5; i < CSV_HEADER.split(",").length; i++) row.add("");
            } else {
                HeatPumpRating.Result o = r.result();
                row.add("1");
                row.add(fmt("%.2f", o.gasCoolerPressurePa() / 1e5));
                row.add(fmt("%.4f", o.cop()));
                row.add(f1(o.heatW() / 1e3));
                row.add(f1(o.powerW() / 1e3));
                row.add(fmt("%.3f", r.approachK()));
                row.add(fmt("%.2f", o.gasCoolerOutletK() - 273.15));
                row.add(fmt("%.2f", o.evaporatingK() - 273.15));
                row.add(f1(o.dischargeK() - 273.15));
                row.add(fmt("%.3f", o.waterMassFlowKgPerS()));
                row.add(r.abovePressureAim() ? "1" : "0");
                row.add(r.aboveHpSwitch() ? "1" : "0");
                row.add(r.atSearchLimit() ? "1" : "0");
                row.add(r.atOrBelowHpSwitch() == null ? "" : fmt("%.4f", r.atOrBelowHpSwitch().cop()));
                row.add(r.atOrBelowHpSwitch() == null ? "" : f1(r.atOrBelowHpSwitch().heatW() / 1e3));
                row.add(r.atOrBelowAim() == null ? "" : fmt("%.4f", r.atOrBelowAim().cop()));
                row.add(r.atOrBelowAim() == null ? "" : f1(r.atOrBelowAim().heatW() / 1e3));
            }
            sb.append(String.join(",", row)).append('\n');
        }
        return sb.toString();
    }

    private static String f1(double v) { return fmt("%.1f", v); }

    private static String fmt(String f, double v) { return String.format(Locale.ROOT, f, v); }
}
