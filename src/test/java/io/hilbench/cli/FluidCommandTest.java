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

/** {@code bench fluid co2}: JSON fields, exit codes and one-line errors (issue item 6). */
class FluidCommandTest {

    private static Co2Tables tables;

    @BeforeAll
    static void buildTables() {
        // built in memory so the test neither reads nor writes the user's cache
        tables = Co2Tables.build(Co2TableParameters.plantDefault());
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new FluidCommand(() -> tables));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(-?[0-9.Ee+-]+)").matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void pressureTemperaturePrintsOneJsonObjectWithEveryField() {
        Result r = run("co2", "--p-bar", "100", "--t-degc", "35");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        String json = r.out().strip();
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        // domain-notes §8: 100 bar, 35 degC -> 712.810 kg/m3, 289.518 kJ/kg, 1.2806 kJ/(kg K)
        assertThat(field(json, "rho_kg_m3")).isCloseTo(712.810, within(0.1));
        assertThat(field(json, "h_kj_kg")).isCloseTo(289.518, within(0.05));
        assertThat(field(json, "s_kj_kgk")).isCloseTo(1.2806, within(2e-4));
        assertThat(field(json, "cp_kj_kgk")).isCloseTo(3.9886, within(0.01));
        assertThat(field(json, "w_m_s")).isCloseTo(328.38, within(0.5));
        assertThat(field(json, "p_bar")).isEqualTo(100.0);
        assertThat(field(json, "t_degc")).isCloseTo(35.0, within(1e-6));
        assertThat(json).contains("\"phase\":\"supercritical\"", "\"quality\":null");
    }

    @Test
    void exactAndTabulatedPathsAgree() {
        Result tab = run("co2", "--p-bar", "120", "--t-degc", "100");
        Result exact = run("co2", "--p-bar", "120", "--t-degc", "100", "--exact");
        assertThat(exact.exitCode()).isZero();
        assertThat(field(exact.out(), "rho_kg_m3")).isCloseTo(242.073, within(0.01));
        assertThat(field(tab.out(), "rho_kg_m3")).isCloseTo(field(exact.out(), "rho_kg_m3"), within(0.25));
    }

    @Test
    void twoPhaseStateHasQualityAndNullCpAndSpeedOfSound() {
        Result r = run("co2", "--p-bar", "30", "--h-kj-kg", "300", "--exact");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("\"phase\":\"two-phase\"", "\"cp_kj_kgk\":null", "\"w_m_s\":null");
        assertThat(field(r.out(), "quality")).isBetween(0.0, 1.0);
    }

    @Test
    void saturationPrintsLiquidAndVaporObjects() {
        Result r = run("co2", "--t-degc", "0", "--saturation");
        assertThat(r.exitCode()).isZero();
        String json = r.out().strip();
        // domain-notes §8: 0 degC -> 34.8514 bar, h' = 200.000, h'' = 430.893 kJ/kg
        assertThat(field(json, "p_bar")).isCloseTo(34.8514, within(0.002));
        String liquid = json.substring(json.indexOf("\"liquid\":"), json.indexOf("\"vapor\":"));
        String vapor = json.substring(json.indexOf("\"vapor\":"));
        assertThat(field(liquid, "h_kj_kg")).isCloseTo(200.000, within(0.05));
        assertThat(field(vapor, "h_kj_kg")).isCloseTo(430.893, within(0.05));
        assertThat(liquid).contains("\"phase\":\"liquid\"");
        assertThat(vapor).contains("\"phase\":\"vapor\"");
        assertThat(field(liquid, "cp_kj_kgk")).isPositive();
        Result exact = run("co2", "--t-degc", "0", "--saturation", "--exact");
        assertThat(field(exact.out(), "p_bar")).isCloseTo(34.8514, within(0.0005));
    }

    @Test
    void badInputGivesOneLineOnStderrAndExitCodeTwo() {
        for (String[] args : new String[][] {
            {"co2", "--p-bar", "500", "--t-degc", "35"},
            {"co2", "--p-bar", "abc", "--t-degc", "35"},
            {"co2", "--p-bar", "100"},
            {"co2", "--p-bar", "100", "--t-degc", "35", "--h-kj-kg", "300"},
            {"co2", "--t-degc", "40", "--saturation"},
            {"co2", "--p-bar", "100", "--h-kj-kg", "5000", "--exact"}}) {
            Result r = run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err().strip()).as(String.join(" ", args)).isNotEmpty().doesNotContain("\n");
        }
    }
}
