package io.hilbench.plant.co2;

import io.hilbench.Units;
import io.hilbench.fluid.Co2Tables;

/** Prints the frost figures quoted in plant-models/co2-heat-pump/README.md, Validation (run by hand, not a test). */
final class FrostFigures {
    public static void main(String[] args) {
        Co2Tables co2 = Co2Tables.plantDefault();
        Co2HeatPumpParameters p = Co2HeatPumpParameters.solrodDefaults();
        AirEvaporatorSection a = new AirEvaporatorSection(p.airSection());
        a.reset(273.15);
        double k0 = Units.degCToK(0);
        System.out.printf("coil −10 °C at 0 °C: 90 %% %.1f kg/h, 50 %% %.1f kg/h (ratio %.1f); coil −7 °C: 90 %% %.1f, 50 %% %.2f kg/h; "
                        + "6 °C/90 %% on a −1.4 °C coil %.1f kg/h; ε(full fan) %.3f, deposit per m² per g/kg %.2f mg/(m²·s)%n",
                3600 * a.frostDepositionRateKgPerS(k0, 0.9, k0 - 10, 1), 3600 * a.frostDepositionRateKgPerS(k0, 0.5, k0 - 10, 1),
                a.frostDepositionRateKgPerS(k0, 0.9, k0 - 10, 1) / a.frostDepositionRateKgPerS(k0, 0.5, k0 - 10, 1),
                3600 * a.frostDepositionRateKgPerS(k0, 0.9, k0 - 7, 1), 3600 * a.frostDepositionRateKgPerS(k0, 0.5, k0 - 7, 1),
                3600 * a.frostDepositionRateKgPerS(k0 + 6, 0.9, k0 - 1.4, 1), a.effectiveness(k0, 0.9, 1),
                1e6 * a.effectiveness(k0, 0.9, 1) * a.airMassFlowKgPerS(k0, 0.9, 1) / (1 + MoistAir.humidityRatio(k0, 0.9)) / p.airSection().frost().coilAreaM2() / 1000);
        for (double[] c : new double[][] {{0, 0.9, 70, 1}, {0, 0.9, 30, 1}, {0, 0.9, 70, 0.6}, {0, 0.7, 70, 1}, {3, 0.9, 70, 1},
                {-7, 0.9, 70, 1}, {-12, 0.9, 70, 1}, {8, 0.5, 70, 1}, {8, 0.5, 30, 1}, {6, 0.9, 70, 1}}) {
            Co2PlantHarness f = new Co2PlantHarness(p, co2);
            f.set("weather.airTemperatureK", Units.degCToK(c[0]));
            f.set("weather.relativeHumidityRatio", c[1]);
            f.startFullLoad(c[2]);
            for (int s = 1; s <= 4; s++) f.set("hp.airSection" + s + ".fanSpeedSetRatio", c[3]);
            double t = 0;
            double at20 = Double.NaN;
            StringBuilder hourly = new StringBuilder();
            while (t < 3 * 3600) {
                f.step();
                t += 0.1;
                if (Double.isNaN(at20) && f.out("hp.airSection1.capacityRatio") <= 0.8) at20 = t / 60;
                if (Math.round(t * 10) % 18000 == 0) {
                    FrostLayer fl = f.plant.section(0).frost();
                    hourly.append(String.format(" | %.1f h: %.1f kg %.2f mm %.0f kg/m³ cap %.3f dP %.0f Pa", t / 3600, fl.massKg(), fl.thicknessM() * 1e3,
                            fl.densityKgPerM3(), f.out("hp.airSection1.capacityRatio"), f.out("hp.airSection1.airPressureDropPa")));
                }
            }
            System.out.printf("%.0f °C / %.0f %%, %.0f Hz, fan %.1f: coil %.2f °C, frost point %.2f °C, 20 %% capacity loss at %.1f min%s%n",
                    c[0], 100 * c[1], c[2], c[3], f.out("hp.airSection1.coilTemperatureK") - 273.15,
                    MoistAir.frostPointK(Units.degCToK(c[0]), c[1]) - 273.15, at20, hourly);
        }
    }
}
