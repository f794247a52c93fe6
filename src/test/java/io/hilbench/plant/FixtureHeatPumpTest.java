package io.hilbench.plant;

import io.hilbench.Units;
import io.hilbench.plant.co2.Co2HeatPumpPlant;
import io.hilbench.plant.site.SolrodPlant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The first plant's property, analytical and robustness tests (CONVENTIONS: every model has a validation):
 * energy balance, COP falling with the supply temperature, the HP switch and the flow switch of DESIGN §5.
 */
class FixtureHeatPumpTest {
    static final double DT_S = 0.1;

    final FixtureHeatPump plant = new FixtureHeatPump();
    final SignalCatalogue cat = plant.catalogue();
    double[] u = plant.defaultInputs().values();

    void set(String input, double value) {
        int i = cat.inputIndex(input);
        assertThat(i).as("input %s", input).isNotNegative();
        u[i] = value;
    }

    double out(PlantSnapshot s, String output) {
        int i = cat.outputIndex(output);
        assertThat(i).as("output %s", output).isNotNegative();
        return s.output(i);
    }

    PlantSnapshot run(double seconds, List<String> events) {
        PlantSnapshot s = plant.snapshot();
        for (int k = 0; k < Math.round(seconds / DT_S); k++) {
            s = plant.step(DT_S, new PlantInputs(u));
            events.addAll(s.events());
        }
        return s;
    }

    PlantSnapshot run(double seconds) {
        return run(seconds, new ArrayList<>());
    }

    void fullLoad(double pumpSpeedRatio) {
        set("hp.dhPump.enable", 1);
        set("hp.dhPump.speedSetRatio", pumpSpeedRatio);
        set("hp.hpValve.openingSetRatio", 0.5);
        for (int c = 1; c <= 4; c++) {
            set("hp.compressor" + c + ".enable", 1);
            set("hp.compressor" + c + ".speedSetHz", 70);
        }
    }

    @Test
    void atTheRatingPointItDeliversTheNominalHeatAt75DegCWithBalancedEnergy() {
        fullLoad(1.0);
        PlantSnapshot s = run(900);
        double heat = out(s, "hp.heatFlowW");
        double power = out(s, "hp.compressorPowerW");
        double evap = out(s, "hp.evaporatorHeatFlowW");
        // rating: 1.2 MW at 0 °C air, DH 40 → 75 °C with Q = ṁ·cp·ΔT at 8.2 kg/s (DESIGN §5)
        assertThat(heat).isCloseTo(1.2e6, within(1.0));
        assertThat(Units.kToDegC(out(s, "hp.dhWater.outletTemperatureK"))).isCloseTo(75.0, within(0.1));
        // cycle energy balance: heat out = electric in + heat from the air
        assertThat(heat).isCloseTo(power + evap, within(1e-6));
        // water-side balance at steady state: ṁ·cp·(T_out − T_in) carries the heat away (within 0.1 %)
        double waterSide = out(s, "hp.dhWater.massFlowKgPerS") * FixtureHeatPump.CP
                * (out(s, "hp.dhWater.outletTemperatureK") - out(s, "hp.dhWater.inletTemperatureK"));
        assertThat(waterSide).isCloseTo(heat, within(heat * 1e-3));
        // plausible operating point (domain notes §2.2: COP ≈ 2.4–2.5, p_gc ≈ 105–118 bar)
        assertThat(out(s, "hp.cop")).isBetween(2.3, 2.7);
        assertThat(Units.paToBar(out(s, "hp.gasCoolerPressurePa"))).isBetween(105.0, 120.0);
        assertThat(out(s, "hp.safety.hpSwitchTripped")).isZero();
        assertThat(out(s, "hp.dhWater.flowLow")).isZero();
    }

    @Test
    void copFallsAsTheSupplyTemperatureRises() {
        double tIn = Units.degCToK(40);
        double tEvap = Units.degCToK(-8);
        double previous = Double.MAX_VALUE;
        for (double supplyDegC = 50; supplyDegC <= 95; supplyDegC += 5) {
            double cop = FixtureHeatPump.copHeating(0.5, tIn, Units.degCToK(supplyDegC), tEvap);
            assertThat(cop).as("COP at %s °C supply", supplyDegC).isLessThan(previous);
            previous = cop;
        }
        // through the plant: less DH flow at the same heat gives a warmer supply and a lower COP
        fullLoad(1.0);
        PlantSnapshot nominal = run(900);
        fullLoad(0.8);
        PlantSnapshot warmer = run(900);
        assertThat(out(warmer, "hp.dhWater.outletTemperatureK")).isGreaterThan(out(nominal, "hp.dhWater.outletTemperatureK") + 5);
        assertThat(out(warmer, "hp.cop")).isLessThan(out(nominal, "hp.cop"));
    }

    @Test
    void theLorenzCopHasItsClosedForm() {
        // 40 → 75 °C water, −8 °C evaporation: T_H = 35 K / ln(348.15/313.15) = 330.31 K, COP = 0.5 · 330.31 / 65.16
        double tH = 35.0 / Math.log(348.15 / 313.15);
        double expected = 0.5 * tH / (tH - 265.15);
        assertThat(FixtureHeatPump.copHeating(0.5, 313.15, 348.15, 265.15)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(2.534, within(0.001));
        // CO2 saturation fit and Liao correlation at points of the domain notes (§2.1, §2.2)
        assertThat(Units.paToBar(FixtureHeatPump.saturationPressurePa(Units.degCToK(-5)))).isCloseTo(30.46, within(0.1));
        assertThat(Units.paToBar(FixtureHeatPump.liaoOptimumPressurePa(Units.degCToK(40), Units.degCToK(0)))).isCloseTo(101.8, within(0.05));
    }

    @Test
    void losingDhFlowDrivesThePressureToTheHpSwitchWhichLatchesUntilTheSiteReset() {
        fullLoad(1.0);
        run(900);
        set("fault.dhWater.flowAvailableRatio", 0.0);
        List<String> events = new ArrayList<>();
        PlantSnapshot s = plant.snapshot();
        double maxBar = 0;
        for (int k = 0; k < 300 && out(s, "hp.safety.hpSwitchTripped") == 0; k++) {
            s = plant.step(DT_S, new PlantInputs(u));
            events.addAll(s.events());
            maxBar = Math.max(maxBar, Units.paToBar(out(s, "hp.gasCoolerPressurePa")));
        }
        // PSHH-202 at 130 bar (DESIGN §5), within seconds of the flow loss (domain notes §5)
        assertThat(out(s, "hp.safety.hpSwitchTripped")).isEqualTo(1.0);
        assertThat(maxBar).isGreaterThanOrEqualTo(130.0);
        assertThat(events).anyMatch(e -> e.startsWith("PSHH-202 HP switch tripped"));
        // compressors stop, and stay stopped though they are still enabled and the flow comes back
        set("fault.dhWater.flowAvailableRatio", 1.0);
        s = run(600);
        for (int c = 1; c <= 4; c++) assertThat(out(s, "hp.compressor" + c + ".running")).isZero();
        assertThat(out(s, "hp.safety.hpSwitchTripped")).as("latched: manual reset").isEqualTo(1.0);
        // the site reset clears it once the pressure is below the reset point; then the compressors run again
        assertThat(plant.resetLatchedTrips()).contains("PSHH-202 HP switch reset");
        s = run(30);
        assertThat(out(s, "hp.safety.hpSwitchTripped")).isZero();
        assertThat(out(s, "hp.compressor1.running")).isEqualTo(1.0);
    }

    @Test
    void theHpSwitchRefusesAResetWhileThePressureIsStillHigh() {
        fullLoad(1.0);
        run(900);
        set("hp.hpValve.openingSetRatio", 0.05); // HV-221 nearly closed: pressure well above the switch
        List<String> events = new ArrayList<>();
        run(20, events);
        assertThat(events).anyMatch(e -> e.startsWith("PSHH-202 HP switch tripped"));
        // stopped compressors leave the pressure high for a while (equalisation takes minutes)
        assertThat(plant.resetLatchedTrips()).singleElement().asString().startsWith("PSHH-202 HP switch reset refused");
    }

    @Test
    void theFlowSwitchLatchesAfterFiveSecondsBelow25PercentWhileACompressorRuns() {
        // one compressor at low speed and the HP valve wide open: the pressure stays clear of the HP switch
        set("hp.dhPump.enable", 1);
        set("hp.dhPump.speedSetRatio", 1.0);
        set("hp.hpValve.openingSetRatio", 1.0);
        set("hp.compressor1.enable", 1);
        set("hp.compressor1.speedSetHz", 30);
        run(300);
        set("hp.dhPump.speedSetRatio", 0.2); // 20 % of nominal flow: below the 25 % switch point
        double lowSinceS = Double.NaN;
        double tripAtS = Double.NaN;
        PlantSnapshot s = plant.snapshot();
        for (int k = 1; k <= 300; k++) {
            s = plant.step(DT_S, new PlantInputs(u));
            double t = k * DT_S;
            if (Double.isNaN(lowSinceS) && out(s, "hp.dhWater.flowLow") == 1.0) lowSinceS = t;
            if (Double.isNaN(tripAtS) && out(s, "hp.safety.flowSwitchTripped") == 1.0) tripAtS = t;
        }
        assertThat(out(s, "hp.safety.hpSwitchTripped")).isZero();
        assertThat(lowSinceS).isNotNaN();
        // DESIGN §5: below 25 % of nominal for 5 s while a compressor runs → latched stop
        assertThat(tripAtS - lowSinceS).isCloseTo(5.0 - DT_S, within(DT_S + 1e-9));
        assertThat(out(s, "hp.compressor1.running")).isZero();
        set("hp.dhPump.speedSetRatio", 1.0);
        s = run(60);
        assertThat(out(s, "hp.safety.flowSwitchTripped")).as("latched after the flow returned").isEqualTo(1.0);
        assertThat(out(s, "hp.compressor1.running")).isZero();
        assertThat(plant.resetLatchedTrips()).contains("FSL-271 flow-switch trip reset");
        s = run(10);
        assertThat(out(s, "hp.compressor1.running")).isEqualTo(1.0);
    }

    @Test
    void lowFlowWithoutARunningCompressorDoesNotTrip() {
        set("hp.dhPump.enable", 1);
        set("hp.dhPump.speedSetRatio", 0.1);
        PlantSnapshot s = run(60);
        assertThat(out(s, "hp.dhWater.flowLow")).isEqualTo(1.0);
        assertThat(out(s, "hp.safety.flowSwitchTripped")).isZero();
    }

    @Test
    void extremeWeatherZeroFlowAndLongStepsStayFinite() {
        for (double airDegC : new double[] {-25, 35}) {
            plant.reset(0);
            u = plant.defaultInputs().values();
            fullLoad(0.0);
            set("weather.airTemperatureK", Units.degCToK(airDegC));
            PlantSnapshot s = plant.snapshot();
            for (int k = 0; k < 100; k++) s = plant.step(10.0, new PlantInputs(u)); // 10 s steps: implicit/exact updates stay stable
            for (double v : s.outputs()) assertThat(v).isFinite();
            assertThat(out(s, "hp.cop")).isBetween(1.0, 8.0);
        }
    }

    @Test
    void resetReturnsToStandstillAtPlantTimeZeroAndNothingIsRandom() {
        fullLoad(1.0);
        PlantSnapshot a = run(100);
        plant.reset(1);
        assertThat(plant.snapshot().plantTimeMs()).isZero();
        assertThat(out(plant.snapshot(), "hp.compressor1.running")).isZero();
        PlantSnapshot b = run(100);
        assertThat(b).isEqualTo(a);
        assertThat(b.plantTimeMs()).isEqualTo(100_000);
    }

    @Test
    void stepArgumentsAreChecked() {
        assertThatThrownBy(() -> plant.step(0, plant.defaultInputs())).hasMessageContaining("dtS must be > 0");
        assertThatThrownBy(() -> plant.step(0.1, PlantInputs.of(1, 2))).hasMessageContaining("inputs have 2 values");
    }

    @Test
    void theCatalogueBindsEveryNameOfTheSolrodPointMapButTheServedPlantsAdditions() throws Exception {
        // the Solrød map was written against this plant; since session 2 it also binds what only the served plant
        // (SolrodPlant around the CO2 heat pump) computes: trip reason, frost per section, tank nodes, network served
        // heat... Every other binding must still resolve here, so the first plant keeps serving controller loop tests.
        Path map = Path.of("rigs/solrod/points.csv");
        Assumptions.assumeTrue(Files.exists(map), "rigs/solrod/points.csv not on this branch yet");
        SignalCatalogue served = new SolrodPlant(new Co2HeatPumpPlant()).catalogue();
        List<String> missing = new ArrayList<>();
        int boundHere = 0;
        int bindingFromEnd = -1; // counted from the end: descriptions may hold quoted commas, the last columns never do
        for (String line : Files.readAllLines(map)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cells = line.split(",", -1);
            if (bindingFromEnd < 0) { // the header: the binding column by name (an optional accuracy column follows it)
                int at = List.of(cells).indexOf("binding");
                assertThat(at).as("the map's header names a binding column").isGreaterThanOrEqualTo(0);
                bindingFromEnd = cells.length - 1 - at;
                continue;
            }
            if (cells.length <= bindingFromEnd) continue;
            String binding = cells[cells.length - 1 - bindingFromEnd].trim();
            boolean plant = binding.startsWith("plant."), input = binding.startsWith("input.");
            if (!plant && !input) continue;
            String name = binding.substring(6);
            boolean here = plant ? cat.outputIndex(name) >= 0 : cat.inputIndex(name) >= 0;
            boolean there = plant ? served.outputIndex(name) >= 0 : served.inputIndex(name) >= 0;
            if (here) boundHere++;
            else if (!there) missing.add(binding);
        }
        assertThat(missing).as("bindings neither this plant nor the served one offers").isEmpty();
        assertThat(boundHere).as("the session-1 map's plant and input bindings all still resolve here").isGreaterThanOrEqualTo(91); // the session-1 map had 91
    }
}
