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

/** {@code bench rating}'s fields added by issue #15 item 1 (approach, HP switch flags, capped optima) and --map's option checks. */
class RatingOptimumFieldsTest {
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
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    private static String raw(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([^,}]+)").matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return m.group(1);
    }

    private static double field(String json, String name) { return Double.parseDouble(raw(json, name)); }

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
