package io.hilbench.scenario;

import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.co2.Co2HeatPumpParameters;
import io.hilbench.plant.co2.Co2HeatPumpPlant;
import io.hilbench.plant.co2.HeatPumpRating;
import io.hilbench.plant.co2.HeatSource;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.site.SolrodPlant;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.Recorder;
import io.hilbench.runtime.TraceRow;

import java.util.function.DoubleSupplier;

/**
 * SO-01's reference: the rating model's COP of the same heat pump on the <em>air</em> source at the conditions the
 * trace shows (air, humidity, DH water in and out, compressor speed), recorded in the trace as the extension column
 * {@value PlantSignals#AIR_SOURCE_COP_COLUMN} every 5 minutes of plant time so the verdict can be re-judged from the
 * trace alone. A rating (an optimum search over the whole cycle) costs 0.5–0.9 s of wall time on a loaded 2-core
 * machine and runs on the loop thread, so it is sampled sparsely and cached on conditions rounded to 0.5 K, 5 % RH and
 * 5 % speed (well inside the rating's own sensitivity at a steady operating point). The optimum gas-cooler pressure is searched up to the controllers' aim (a fair, not a weak, reference). NaN
 * while no compressor runs or the conditions are outside the rating's range.
 */
final class AirSourceRating implements DoubleSupplier {
    /** One rating per 5 minutes of plant time at a 100 ms step. */
    static final int EVERY_STEPS = 3000;

    private final java.util.Map<String, Double> cache = new java.util.HashMap<>();

    private final HeatPumpRating rating;
    private final Co2HeatPumpParameters p;
    private final Recorder recorder;
    private final int air, rh, in, out, tank;
    private final int[] speeds;

    private AirSourceRating(Co2HeatPumpParameters p, Recorder recorder) {
        this.p = p;
        this.rating = new HeatPumpRating(p, Co2Tables.plantDefault());
        this.recorder = recorder;
        var names = recorder.outputNames();
        air = names.indexOf("weather.airTemperatureK");
        rh = names.indexOf("weather.relativeHumidityRatio");
        in = names.indexOf("hp.dhWater.inletTemperatureK");
        out = names.indexOf("hp.dhWater.outletTemperatureK");
        tank = names.indexOf("hp.waterEvaporator.waterInletTemperatureK");
        speeds = new int[p.compressorCount()];
        for (int c = 0; c < speeds.length; c++) speeds[c] = names.indexOf("hp.compressor" + (c + 1) + ".speedHz");
    }

    /** Adds the column to a run whose plant is the CO2 heat pump (alone or inside the Solrød plant); other plants have no rating model. */
    static void addTo(Emulator em, PlantModel plant) {
        PlantModel hp = plant instanceof SolrodPlant s ? s.heatPump() : plant;
        if (!(hp instanceof Co2HeatPumpPlant co2)) return;
        em.addExtensionColumn(PlantSignals.AIR_SOURCE_COP_COLUMN, new AirSourceRating(co2.parameters(), em.recorder()), EVERY_STEPS);
    }

    private static double round(double v, double step) { return Math.round(v / step) * step; }

    @Override
    public double getAsDouble() {
        TraceRow r = recorder.lastRow();
        if (r == null || air < 0 || rh < 0 || in < 0 || out < 0) return Double.NaN;
        double sum = 0;
        int running = 0;
        for (int k : speeds) {
            double hz = k < 0 ? 0 : r.trueValue(k);
            if (hz > 0) {
                sum += hz;
                running++;
            }
        }
        if (running == 0) return Double.NaN;
        // the same heat from all compressors at the mean speed of the running ones, as a share of the VFD maximum
        double speedRatio = Math.min(1.0, sum / speeds.length / p.compressor().speedMaxHz());
        double tankK = tank < 0 ? 308.15 : Math.max(275.15, Math.min(363.15, r.trueValue(tank)));
        double airK = round(r.trueValue(air), 0.5), rhR = round(r.trueValue(rh), 0.05), inK = round(r.trueValue(in), 0.5), outK = round(r.trueValue(out), 0.5);
        double sp = Math.max(0.05, round(speedRatio, 0.05));
        String key = airK + "/" + rhR + "/" + inK + "/" + outK + "/" + sp;
        return cache.computeIfAbsent(key, k -> {
            try {
                HeatPumpRating.Conditions c = new HeatPumpRating.Conditions(airK, Math.min(1, rhR), inK, outK, HeatSource.AIR, tankK, Double.NaN,
                        p.gasCoolerPressureAimPa(), Math.min(1, sp));
                return rating.rate(c).cop();
            } catch (IllegalArgumentException | ArithmeticException e) {
                return Double.NaN;
            }
        });
    }
}
