package io.hilbench.plant.co2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hilbench.Units;
import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The gas cooler's water-side heat capacity, water and wall metal (GasCoolerParameters.waterHeatCapacityJPerK, a site
 * parameter; 1.9 MJ/K derived in plant-models/co2-heat-pump/README.md 'Gas-cooler wall mass'), issue #15 item 5.
 * First the water side alone: its outlet answers a step of the inlet with a mean delay of C/(ṁ_w·c_w), the residence
 * time of the capacity (55 s at the nominal 8.2 kg/s), whatever the capacity; then the plant after a stop at full load:
 * the heat the DH water carries off is the wall's stored heat plus what the trapped CO2 gives, and the supply falls to
 * the return on the scale of that residence time.
 */
class GasCoolerWallTest {
    private static final Co2Tables CO2 = Co2Tables.build(Co2TableParameters.plantDefault());

    static GasCoolerParameters withCapacity(double capacityJPerK) {
        GasCoolerParameters g = GasCoolerParameters.solrodDefaults();
        return new GasCoolerParameters(g.cellCount(), g.co2SideUaNominalWPerK(), g.waterSideUaNominalWPerK(), g.co2MassFlowNominalKgPerS(),
                g.waterMassFlowNominalKgPerS(), g.flowExponent(), capacityJPerK, g.co2VolumeM3(), g.waterSpecificHeatJPerKgK(),
                g.standstillConductanceWPerK());
    }

    @Test
    void theWaterOutletsMeanDelayAfterAnInletStepIsTheCapacitysResidenceTime() {
        double mw = 8.2, dt = 0.1;
        for (double capacity : new double[] {GasCoolerParameters.solrodDefaults().waterHeatCapacityJPerK(), 0.95e6}) {
            GasCooler gc = new GasCooler(withCapacity(capacity));
            gc.resetWater(Units.degCToK(40));
            double step = 5.0, area = 0;
            // implicit Euler per cell: the discrete outlet's mean delay is n·C_i/(ṁ·c) exactly (README); ∫(1 − y) dt
            for (int i = 0; i < 40000; i++) {
                gc.stepWater(dt, mw, Units.degCToK(40) + step);
                area += (1 - (gc.waterOutletTemperatureK() - Units.degCToK(40)) / step) * dt;
            }
            double tau = capacity / (mw * 4186.0);
            System.out.printf(Locale.ROOT, "water side %.2f MJ/K at %.1f kg/s: outlet mean delay %.2f s, C/(m·c) %.2f s%n", capacity / 1e6, mw, area, tau);
            assertThat(area).as("mean delay of the outlet, s, capacity %.2f MJ/K", capacity / 1e6).isCloseTo(tau, within(0.005 * tau));
        }
    }

    @Test
    void afterAStopTheWallsHeatLeavesWithTheWaterOnItsResidenceTime() {
        Co2PlantHarness h = new Co2PlantHarness(Co2HeatPumpParameters.solrodDefaults(), CO2);
        h.startFullLoad(70);
        h.run(600);
        GasCooler gc = h.plant.gasCooler();
        double returnK = h.out("hp.dhWater.inletTemperatureK");
        double cW = h.plant.parameters().gasCooler().waterSpecificHeatJPerKgK();
        double capacity = h.plant.parameters().gasCooler().waterHeatCapacityJPerK();
        // stop: P-271 held at 80 % (8 kg/s), the compressors off; the water carries off the wall's heat
        h.stopCompressors();
        h.controlPump = false;
        h.set("hp.dhPump.speedSetRatio", 0.8);
        double wall0 = gc.waterEnergyJ(returnK);
        double supply0 = h.out("hp.dhWater.outletTemperatureK") - returnK;
        Co2Ledger.Balance b0 = h.plant.ledger();
        double outJ = 0, tOneOverE = Double.NaN, flowSum = 0;
        int steps = 9000;
        for (int i = 0; i < steps; i++) {
            h.step();
            double mw = h.out("hp.dhWater.massFlowKgPerS");
            double excess = h.out("hp.dhWater.outletTemperatureK") - returnK;
            outJ += mw * cW * excess * 0.1;
            flowSum += mw;
            if (Double.isNaN(tOneOverE) && excess < supply0 / Math.E) tOneOverE = (i + 1) * 0.1;
        }
        double wall1 = gc.waterEnergyJ(returnK);
        double co2J = h.plant.ledger().d(b0, Co2Ledger.Term.GAS_COOLER_J);
        double wallJ = wall0 - wall1;
        double mwMean = flowSum / steps;
        double tau = capacity / (mwMean * cW);
        System.out.printf(Locale.ROOT, "stop at full load: supply %.2f K over the return; in 15 min the water carried %.2f MJ = wall %.2f MJ (mean excess %.2f K x %.2f MJ/K) + CO2 %.2f MJ;"
                        + " supply to 1/e in %.1f s, C/(m·c) %.1f s at %.2f kg/s%n",
                supply0, outJ / 1e6, wallJ / 1e6, wall0 / capacity, capacity / 1e6, co2J / 1e6, tOneOverE, tau, mwMean);
        assertThat(outJ).as("water carried off = the wall's heat + the CO2's, J").isCloseTo(wallJ + co2J, within(1e-3 * outJ));
        assertThat(wallJ).as("the wall's stored heat is most of it").isGreaterThan(0.8 * outJ);
        assertThat(wall1).as("the wall is at the return after 15 min").isLessThan(0.02 * wall0);
        // the hot end (35 K over the return) holds 2.5x the wall's mean excess (13.9 K) and leaves first, as water from
        // colder cells pushes it out: the supply's excess falls to 1/e before one residence time (measured 27.2 s of 56.8 s)
        assertThat(tOneOverE).as("the supply's excess to 1/e, s").isBetween(0.3 * tau, tau);
    }
}
