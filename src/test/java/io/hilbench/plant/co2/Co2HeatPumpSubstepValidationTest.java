package io.hilbench.plant.co2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.FixtureHeatPump;
import io.hilbench.plant.site.SolrodPlant;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validation of {@link Co2HeatPumpPlant#STUDY_MAX_SUBSTEP_S} (issue 7 item 8: "a year at a coarser step" needs the
 * CO2 cycle integrated at 1 s instead of ten 0.1 s sub-steps): the same scripted 95-minute run — a staged start at 0 °C
 * and 90 % RH with frost growing, steady full load, a gas-cooler pressure set-point step, a hot-gas defrost of section 1,
 * DH flow cut to 60 %, part load, an ordered stop and standstill creep — stepped at 1 s with the local test loops of
 * {@link Co2PlantHarness}, once with the plant sub-stepping at 0.1 s (the served plant's physics) and once at 1 s.
 * Only the sub-step differs, so every difference is the integration error of the coarser sub-step. Tolerances (stated
 * in plant-models/co2-heat-pump/README.md with the measured figures): integrated heat, electricity and evaporator
 * heat within 0.5 %; PT-202 within 1 bar RMS, 3 bar at any second after the first start and 6 bar during its ~5 s
 * pressure build-up (whose overshoot the coarser step smooths); suction, receiver and supply temperature within
 * 0.3 bar / 0.3 bar / 0.3 K RMS; frost per section within 1 %; the energy balance as closed as at 0.1 s (within 0.1
 * percentage point); the safety chain does the same (no trip in either).
 */
class Co2HeatPumpSubstepValidationTest {
    static Co2Tables co2;

    @BeforeAll
    static void tables() {
        co2 = Co2Tables.build(Co2TableParameters.plantDefault());
    }

    /** One scripted run at 1 s outer steps; every series sampled each second. */
    record Run(double[] gasCoolerBar, double[] suctionBar, double[] receiverBar, double[] supplyK, double heatJ,
               double electricJ, double evaporatorJ, double balanceError, double[] frostKg, int trips, double seconds) {}

    static Run script(double substepS) {
        Co2PlantHarness h = new Co2PlantHarness(Co2HeatPumpParameters.solrodDefaults(), co2);
        h.plant.setMaxSubstepS(substepS);
        int n = 95 * 60;
        double[] gc = new double[n], suc = new double[n], rec = new double[n], sup = new double[n];
        double heat = 0, electric = 0, evap = 0, source = 0;
        int trips = 0;
        h.startFullLoad(70);
        double storedBefore = h.plant.gasCooler().waterEnergyJ(273.15);
        long t0 = System.nanoTime();
        for (int s = 0; s < n; s++) {
            if (s == 20 * 60) h.gasCoolerSetPa = 100e5;                       // set-point step (HV-221 loop)
            if (s == 35 * 60) {                                                 // hot-gas defrost of section 1
                h.set("hp.airSection1.valveOpen", 0);
                h.set("hp.airSection1.fanSpeedSetRatio", 0);
                h.set("hp.airSection1.defrostValveOpen", 1);
            }
            if (s == 47 * 60) {                                                 // section 1 back (drip done)
                h.set("hp.airSection1.defrostValveOpen", 0);
                h.set("hp.airSection1.valveOpen", 1);
                h.set("hp.airSection1.fanSpeedSetRatio", 1);
            }
            if (s == 55 * 60) h.set("fault.dhWater.flowAvailableRatio", 0.6); // DH flow restricted
            if (s == 65 * 60) {                                                 // part load: two compressors, 50 Hz
                h.set("fault.dhWater.flowAvailableRatio", 1.0);
                h.targetSpeedHz = 50;
                h.stagingStartS = Double.NaN;
                for (int k = 1; k <= 4; k++) {
                    h.set("hp.compressor" + k + ".enable", k <= 2 ? 1 : 0);
                    h.set("hp.compressor" + k + ".speedSetHz", k <= 2 ? 50 : 0);
                }
            }
            if (s == 80 * 60) {                                                 // ordered stop, pump overrun 2 min
                for (int k = 1; k <= 4; k++) h.set("hp.compressor" + k + ".enable", 0);
            }
            if (s == 82 * 60) {
                h.controlPump = false;
                h.set("hp.dhPump.enable", 0);
            }
            h.step(1.0);
            gc[s] = h.out("hp.gasCoolerPressurePa") / 1e5;
            suc[s] = h.out("hp.suctionPressurePa") / 1e5;
            rec[s] = h.out("hp.receiverPressurePa") / 1e5;
            sup[s] = h.out("hp.dhWater.outletTemperatureK");
            heat += h.out("hp.heatFlowW");
            electric += h.out("hp.compressorPowerW") + h.out("hp.fanPowerW");
            evap += h.out("hp.evaporatorHeatFlowW");
            source += h.out("hp.evaporatorHeatFlowW") + h.out("hp.compressorPowerW") - h.out("hp.compressorHousingLossW")
                    - h.out("hp.defrostHeatFlowW");
            if (h.out("hp.safety.hpSwitchTripped") + h.out("hp.safety.lpSwitchTripped") + h.out("hp.safety.dischargeTemperatureTripped")
                    + h.out("hp.safety.flowSwitchTripped") > 0) trips++;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double stored = h.plant.gasCooler().waterEnergyJ(273.15) - storedBefore;
        double[] frost = new double[4];
        for (int k = 0; k < 4; k++) frost[k] = h.out("hp.airSection" + (k + 1) + ".frostMassKg");
        return new Run(gc, suc, rec, sup, heat, electric, evap, (heat + stored - source) / heat, frost, trips, seconds);
    }

    static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }

    static double maxAbs(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    /** The second of the largest difference. */
    static int argMaxAbs(double[] a, double[] b) {
        int k = 0;
        for (int i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > Math.abs(a[k] - b[k])) k = i;
        return k;
    }

    static double rel(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }

    @Test
    void oneSecondSubStepMatchesTheTenthOfASecondOverStartDefrostFlowLossAndStop() {
        Run fine = script(0.1);
        Run coarse = script(1.0);
        System.out.printf(Locale.ROOT, "sub-step 1 s vs 0.1 s: heat %.3f / %.3f MWh (%.3f %%), electricity %.3f / %.3f MWh (%.3f %%), "
                        + "evaporator %.3f / %.3f MWh (%.3f %%); PT-202 RMS %.3f bar, max %.3f bar; suction RMS %.3f bar, max %.3f; "
                        + "receiver RMS %.3f bar, max %.3f; supply RMS %.3f K, max %.3f K; frost s1..4 %.2f/%.2f %.2f/%.2f %.2f/%.2f %.2f/%.2f kg; "
                        + "balance error fine %.4f %%, coarse %.4f %%; trips %d / %d; wall %.2f s / %.2f s%n",
                coarse.heatJ() / 3.6e9, fine.heatJ() / 3.6e9, 100 * rel(coarse.heatJ(), fine.heatJ()),
                coarse.electricJ() / 3.6e9, fine.electricJ() / 3.6e9, 100 * rel(coarse.electricJ(), fine.electricJ()),
                coarse.evaporatorJ() / 3.6e9, fine.evaporatorJ() / 3.6e9, 100 * rel(coarse.evaporatorJ(), fine.evaporatorJ()),
                rms(coarse.gasCoolerBar(), fine.gasCoolerBar()), maxAbs(coarse.gasCoolerBar(), fine.gasCoolerBar()),
                rms(coarse.suctionBar(), fine.suctionBar()), maxAbs(coarse.suctionBar(), fine.suctionBar()),
                rms(coarse.receiverBar(), fine.receiverBar()), maxAbs(coarse.receiverBar(), fine.receiverBar()),
                rms(coarse.supplyK(), fine.supplyK()), maxAbs(coarse.supplyK(), fine.supplyK()),
                coarse.frostKg()[0], fine.frostKg()[0], coarse.frostKg()[1], fine.frostKg()[1], coarse.frostKg()[2], fine.frostKg()[2],
                coarse.frostKg()[3], fine.frostKg()[3], 100 * fine.balanceError(), 100 * coarse.balanceError(), coarse.trips(), fine.trips(),
                coarse.seconds(), fine.seconds());

        // outside the first start's pressure build-up (the first 3 min): the set-point step is the largest transient left
        double[] cTail = java.util.Arrays.copyOfRange(coarse.gasCoolerBar(), 180, coarse.gasCoolerBar().length);
        double[] fTail = java.util.Arrays.copyOfRange(fine.gasCoolerBar(), 180, fine.gasCoolerBar().length);
        double peakFine = java.util.Arrays.stream(fine.gasCoolerBar()).max().orElseThrow();
        double peakCoarse = java.util.Arrays.stream(coarse.gasCoolerBar()).max().orElseThrow();
        System.out.printf(Locale.ROOT, "PT-202 largest difference at %d s; after the first 3 min max %.3f bar at %d s; peak %.2f bar (1 s) vs %.2f bar (0.1 s)%n",
                argMaxAbs(coarse.gasCoolerBar(), fine.gasCoolerBar()), maxAbs(cTail, fTail), argMaxAbs(cTail, fTail) + 180, peakCoarse, peakFine);

        // the script did what it says: full load reached, the defrost melted frost, the stop stopped
        assertThat(fine.heatJ() / 3.6e9).as("heat of the fine run, MWh").isGreaterThan(1.0);
        assertThat(fine.gasCoolerBar()[19 * 60]).as("PT-202 before the set-point step").isBetween(105.0, 118.0);
        assertThat(fine.gasCoolerBar()[34 * 60]).as("PT-202 after the set-point step").isBetween(95.0, 105.0);
        assertThat(fine.trips()).isZero();
        assertThat(coarse.trips()).isZero();

        assertThat(rel(coarse.heatJ(), fine.heatJ())).as("heat").isLessThan(0.005);
        assertThat(rel(coarse.electricJ(), fine.electricJ())).as("electricity").isLessThan(0.005);
        assertThat(rel(coarse.evaporatorJ(), fine.evaporatorJ())).as("evaporator heat").isLessThan(0.005);
        assertThat(rms(coarse.gasCoolerBar(), fine.gasCoolerBar())).as("PT-202 RMS, bar").isLessThan(1.0);
        // a start's pressure build-up takes ~5 s: the 1 s sub-step smooths its overshoot (the study setting is for energy,
        // not for judging trips; scenarios run at 0.1 s), so the largest difference is there and the peak is lower
        assertThat(maxAbs(coarse.gasCoolerBar(), fine.gasCoolerBar())).as("PT-202 max, bar").isLessThan(6.0);
        assertThat(maxAbs(cTail, fTail)).as("PT-202 max after the first start, bar").isLessThan(3.0);
        assertThat(peakFine - peakCoarse).as("PT-202 peak underestimated by, bar").isBetween(-1.0, 4.0);
        assertThat(rms(coarse.suctionBar(), fine.suctionBar())).as("suction RMS, bar").isLessThan(0.3);
        assertThat(rms(coarse.receiverBar(), fine.receiverBar())).as("receiver RMS, bar").isLessThan(0.3);
        assertThat(rms(coarse.supplyK(), fine.supplyK())).as("supply RMS, K").isLessThan(0.3);
        for (int sec = 0; sec < 4; sec++) {
            assertThat(rel(coarse.frostKg()[sec], fine.frostKg()[sec])).as("frost of section %d", sec + 1).isLessThan(0.01);
        }
        // the balance error over a start and a defrost is the model's own (the 0.1 s run has it too: water-side and
        // coil storage not in the sum); the coarser sub-step must not add to it
        assertThat(Math.abs(coarse.balanceError() - fine.balanceError())).as("energy balance, 1 s vs 0.1 s").isLessThan(0.001);
        // (1.52 % measured on the 2.3 K gas cooler, 250 + 250 kW/K, where the 600 + 600 kW/K one gave under 1.5 %: the
        // smaller gas cooler's water side and steel store more of a start's heat outside the sum; the bound above, 1 s
        // against 0.1 s, is what guards the sub-step)
        assertThat(Math.abs(coarse.balanceError())).as("energy balance of the 1 s sub-step run").isLessThan(0.02);
    }

    @Test
    void subStepOutsideTheValidatedRangeIsRefused() {
        Co2HeatPumpPlant plant = new Co2HeatPumpPlant(Co2HeatPumpParameters.solrodDefaults(), co2);
        assertThat(plant.maxSubstepS()).isEqualTo(Co2HeatPumpPlant.MAX_SUBSTEP_S);
        assertThatThrownBy(() -> plant.setMaxSubstepS(2.0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1.0]");
        assertThatThrownBy(() -> plant.setMaxSubstepS(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FixtureHeatPump().setMaxSubstepS(1.0)).isInstanceOf(UnsupportedOperationException.class);
        SolrodPlant solrod = new SolrodPlant(plant);
        solrod.setMaxSubstepS(0.5);
        assertThat(plant.maxSubstepS()).isEqualTo(0.5);
    }
}
