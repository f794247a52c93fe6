package io.hilbench.plant.co2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.hilbench.Units;
import io.hilbench.fluid.Co2Tables;
import org.junit.jupiter.api.Test;

/**
 * GasCooler's standstill step, equations (5)–(7), on its own: dense CO2 sealed in the cells 
 * beside stagnant 70 °C water. Mass and energy of CO2 + water must be conserved, the CO2 must end at the water's
 * temperature, and the pressure must be the Span–Wagner isochore's at the end temperature.
 */
class GasCoolerStandstillTest {
    private static final Co2Tables CO2 = Co2Tables.plantDefault();
    /** No discharge line: the sealed CO2 is the cells' alone, so it all ends at one temperature on one isochore. */
    private static final double LINE_M3 = 0.0;

    @Test
    void sealedCo2BesideStagnantWaterConservesMassAndEnergyAndEndsOnTheIsochore() {
        GasCooler gc = new GasCooler(GasCoolerParameters.solrodDefaults());
        double p = 90e5;
        gc.resetWater(Units.degCToK(70));
        gc.resetCo2(CO2, p, CO2.enthalpyFromPressureTemperature(p, Units.degCToK(40)));
        double m0 = gc.standstillMassKg(CO2, p, LINE_M3);
        double e0 = gc.standstillCo2EnergyJ(CO2, p, LINE_M3) + gc.waterEnergyJ(273.15);
        double heatJ = 0, worst = 0;
        double dt = 0.1;
        for (int i = 0; i < 36000; i++) {
            p = gc.standstillStep(CO2, p, m0, 0, 0, dt, LINE_M3, 7e5, 190e5);
            heatJ -= gc.heatW() * dt;           // into the CO2
            gc.stepWater(dt, 0, Units.degCToK(70));
            worst = Math.max(worst, Math.abs(gc.lastStandstillEnergyResidualJ()));
        }
        double m1 = gc.standstillMassKg(CO2, p, LINE_M3);
        double e1 = gc.standstillCo2EnergyJ(CO2, p, LINE_M3) + gc.waterEnergyJ(273.15);
        double tEnd = gc.cellTemperatureK(10);
        double rho = m0 / (GasCoolerParameters.solrodDefaults().co2VolumeM3() + LINE_M3);
        double lo = 50e5, hi = 250e5;
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (CO2.densityFromPressureEnthalpy(mid, CO2.enthalpyFromPressureTemperature(mid, tEnd)) < rho) lo = mid; else hi = mid;
        }
        System.out.printf("sealed %.3f kg (%.1f kg/m³) at 40 °C / 90 bar beside 70 °C water: heat in %.3f MJ, end %.2f °C, "
                        + "%.2f bar (isochore %.2f bar), mass %.6f kg, CO2+water energy residual %.2f J (%.2g %% of the heat), "
                        + "worst step residual %.3g J, solves %d%n",
                m0, rho, heatJ / 1e6, Units.kToDegC(tEnd), p / 1e5, 0.5 * (lo + hi) / 1e5, m1, e1 - e0,
                100 * (e1 - e0) / heatJ, worst, gc.standstillSolves());
        assertThat(heatJ).isGreaterThan(1e6);
        assertThat(m1).isCloseTo(m0, offset(1e-3));
        assertThat(Math.abs(e1 - e0)).isLessThan(1e-5 * heatJ);
        for (int i = 0; i < 20; i++) assertThat(gc.cellTemperatureK(i)).isCloseTo(gc.waterTemperatureK(i), offset(0.05));
        assertThat(p).isCloseTo(0.5 * (lo + hi), offset(0.3e5));
        // and once in balance the step is skipped: no solve for a still high side
        long solves = gc.standstillSolves();
        for (int i = 0; i < 100; i++) p = gc.standstillStep(CO2, p, m0, 0, 0, dt, LINE_M3, 7e5, 190e5);
        assertThat(gc.standstillSolves()).isEqualTo(solves);
    }
}
