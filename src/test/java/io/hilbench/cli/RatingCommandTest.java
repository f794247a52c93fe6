package io.hilbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench rating}: one JSON object with the fields; bad input is one line and exit 2 (issue 5 item 6). */
class RatingCommandTest {
    private static Co2Tables tables;

    @BeforeAll
    static void buildTables() {
        tables = Co2Tables.build(Co2TableParameters.plantDefault());
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RatingCommand(() -> tables));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("bench: " + ex.getMessage());
            return 2;
        });
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    /** A field's raw JSON value (numbers, true/false). */
    private static String raw(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([^,}]+)").matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return m.group(1);
    }

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(-?[0-9.Ee+-]+)").matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void designPointPrintsEveryFieldInOneObject() {
        Result r = run("--rig", "rigs/solrod", "--air-degc", "0", "--rh", "90", "--return-degc", "40", "--supply-degc", "75");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String json = r.out().strip();
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        for (String f : new String[] {"heat_kw", "power_kw", "cop", "evaporator_kw", "suction_bar", "evaporating_degc", "gas_cooler_bar",
                "gas_cooler_outlet_degc", "discharge_degc", "co2_mass_flow_kg_s", "water_flow_kg_s"}) {
            field(json, f);
        }
        assertThat(field(json, "heat_kw")).isBetween(1140.0, 1260.0);
        assertThat(field(json, "cop")).isCloseTo(field(json, "heat_kw") / field(json, "power_kw"), org.assertj.core.api.Assertions.within(1e-6));
        // issue #15 item 1 (done when): the gas cooler calibrated to a 2.3 K cold-end approach at the design point
        // (parameters.yaml; within the stated 2–5 K), its COP optimum (128.4 bar) above the 120 bar aim, below the HP switch
        assertThat(field(json, "approach_k")).isBetween(2.0, 2.6);
        assertThat(field(json, "gas_cooler_bar")).isBetween(120.0, 130.0);
        assertThat(raw(json, "above_hp_switch")).isEqualTo("false");
        assertThat(field(json, "heat_kw_at_or_below_aim")).isBetween(1140.0, 1260.0);
    }

    @Test
    void givenPressureAndTankSourceAreHonoured() {
        Result r = run("--air-degc", "0", "--rh", "90", "--return-degc", "40", "--supply-degc", "75", "--source", "tank",
                "--tank-bottom-degc", "30", "--gas-cooler-bar", "105", "--speed-pct", "60");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(field(r.out(), "gas_cooler_bar")).isEqualTo(105.0);
        assertThat(field(r.out(), "suction_bar")).isLessThanOrEqualTo(45.0);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        String[][] bad = {
                {"--air-degc", "zero", "--rh", "90", "--return-degc", "40", "--supply-degc", "75"},
                {"--air-degc", "0", "--rh", "190", "--return-degc", "40", "--supply-degc", "75"},
                {"--air-degc", "0", "--rh", "90", "--return-degc", "40", "--supply-degc", "75", "--source", "sea"},
                {"--air-degc", "0", "--rh", "90", "--return-degc", "70", "--supply-degc", "60"},
                {"--air-degc", "0", "--rh", "90", "--return-degc", "40", "--supply-degc", "75", "--speed-pct", "20"},
                {"--air-degc", "0", "--rh", "90", "--return-degc", "40", "--supply-degc", "75", "--rig", "no/such/rig"},
                {"--air-degc", "0", "--rh", "90", "--return-degc", "40"},
        };
        for (String[] args : bad) {
            Result r = run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).as(String.join(" ", args)).isNotEmpty().doesNotContain("\n").doesNotContain("Exception");
        }
    }

    /**
     * {@code --plant-param} reaches the rating (issue #15 item 7): a quarter of the nominal CO2-side gas-cooler UA at a
     * fixed 100 bar leaves the CO2 warmer at the gas-cooler outlet and gives less heat and a lower COP. Measured:
     * 823 kW, COP 1.69, outlet 48.8 °C with the file's 250 kW/K; 611 kW, COP 1.24, outlet 54.9 °C with 62.5 kW/K
     * (before issue #15 item 1's calibration: 958 / 845 kW with 600 / 150 kW/K).
     */
    @Test
    void aSmallerGasCoolerUaGivesAHigherApproachAndLessHeat() {
        String[] base = {"--rig", "rigs/solrod", "--air-degc", "0", "--rh", "90", "--return-degc", "40", "--supply-degc", "75", "--gas-cooler-bar", "100"};
        Result file = run(base);
        String[] fouled = java.util.Arrays.copyOf(base, base.length + 2);
        fouled[base.length] = "--plant-param";
        fouled[base.length + 1] = "gasCooler.co2SideUaNominalWPerK=62500";
        Result small = run(fouled);
        assertThat(file.exitCode()).as(file.err()).isZero();
        assertThat(small.exitCode()).as(small.err()).isZero();
        double outletFile = field(file.out(), "gas_cooler_outlet_degc");
        double outletSmall = field(small.out(), "gas_cooler_outlet_degc");
        assertThat(outletSmall - outletFile).as("outlet warmer by").isBetween(4.0, 8.0);
        assertThat(field(small.out(), "heat_kw") / field(file.out(), "heat_kw")).as("heat ratio").isBetween(0.68, 0.80);
        assertThat(field(small.out(), "cop")).isLessThan(field(file.out(), "cop") - 0.3);
    }

    /** A bad override is a usage error naming the option and the field; nothing is rated. */
    @Test
    void aBadPlantParamIsExit2NamingOptionAndField() {
        Result r = run("--rig", "rigs/solrod", "--air-degc", "0", "--rh", "90", "--return-degc", "40", "--supply-degc", "75",
                "--plant-param", "gasCooler.co2SideUaNominalWPerK=-3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--plant-param gasCooler.co2SideUaNominalWPerK: field gasCooler.co2SideUaNominalWPerK: GasCoolerParameters refuses it");
        Result ambiguous = run("--rig", "rigs/solrod", "--air-degc", "0", "--rh", "90", "--return-degc", "40", "--supply-degc", "75",
                "--plant-param", "waterDensityKgPerM3=990");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("ambiguous").contains("heatPump.waterDensityKgPerM3 or site.waterDensityKgPerM3");
    }

    // issue #15 item 1: the approach, the HP-switch flags, the capped optima and --map's option checks

    @Test
    void aboveTheHpSwitchTheOptimumIsFlaggedAndTheBestAtTheSwitchGiven() {
        Result r = run("--air-degc", "-15", "--rh", "90", "--return-degc", "55", "--supply-degc", "85");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String json = r.out().strip();
        assertThat(field(json, "gas_cooler_bar")).isGreaterThan(130.0).isLessThanOrEqualTo(140.0);
        assertThat(raw(json, "above_hp_switch")).isEqualTo("true");
        assertThat(raw(json, "above_pressure_aim")).isEqualTo("true");
        assertThat(field(json, "search_limit_bar")).isEqualTo(140.0);
        assertThat(field(json, "hp_switch_bar")).isEqualTo(130.0);
        assertThat(field(json, "gas_cooler_bar_at_or_below_hp_switch")).isEqualTo(130.0);
        assertThat(field(json, "cop_at_or_below_hp_switch")).isLessThanOrEqualTo(field(json, "cop"));
        assertThat(field(json, "gas_cooler_bar_at_or_below_aim")).isEqualTo(120.0);
        assertThat(field(json, "approach_k")).isCloseTo(field(json, "gas_cooler_outlet_degc") - 55, within(1e-5));
    }

    @Test
    void aGivenPressureIsJudgedOnly() {
        Result r = run("--air-degc", "0", "--rh", "90", "--return-degc", "40", "--supply-degc", "75", "--gas-cooler-bar", "105");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(raw(r.out(), "above_hp_switch")).isEqualTo("false");
        assertThat(r.out()).contains("\"approach_k\":").doesNotContain("search_limit_bar");
    }

    @Test
    void mapRefusesSinglePointTemperatures() {
        Result r = run("--map", "target/never.csv", "--air-degc", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).contains("--map").doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }
}
