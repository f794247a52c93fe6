package io.hilbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's key performance indicators (definitions in {@link KpiAccumulator}). Energies in MWh, durations in hours,
 * shares as ratios (0–1). NaN where the plant lacks the signal or the ratio has no denominator (shown "n/a", JSON null).
 *
 * @param plantHours             plant time covered
 * @param heatDeliveredMWh       heat the heat pump delivered to the DH water
 * @param electricityMWh         compressors and fans
 * @param meanCopWhileRunning    time average of the instantaneous COP while a compressor runs
 * @param seasonalCop            heat delivered / electricity over the run
 * @param defrostEnergyShare     defrost heat / heat delivered
 * @param solarYieldMWh          heat the solar loop put into the tank
 * @param tankSourceHeatMWh      heat the heat pump drew from the tank (water evaporator)
 * @param tankSourceShare        tank-source heat / all evaporator heat
 * @param tankSourceToSolarRatio tank-source heat / solar yield
 * @param tankStartMWh           tank stored energy at the start
 * @param tankEndMWh             … at the end
 * @param tankMinMWh             … lowest
 * @param tankMaxMWh             … highest
 * @param tankSourceHours        hours with the tank-source pump running
 * @param compressorStarts       compressor starts, all compressors
 * @param heatPumpStops          heat-pump stops: the last running compressor went off (a low-load pause, a tank charged,
 *                               an ordered stop or a trip alike)
 * @param heatPumpRunHours       hours with at least one compressor running
 * @param supplyDeviationKh      ∫ |supply − set-point| while running, K·h
 * @param wallSeconds            wall time of the run (NaN when not measured)
 * @param realTimeFactor         plant time / wall time
 */
public record Kpis(double plantHours, double heatDeliveredMWh, double electricityMWh, double meanCopWhileRunning, double seasonalCop,
                   double defrostEnergyShare, double solarYieldMWh, double tankSourceHeatMWh, double tankSourceShare,
                   double tankSourceToSolarRatio, double tankStartMWh, double tankEndMWh, double tankMinMWh, double tankMaxMWh,
                   double tankSourceHours, int compressorStarts, int heatPumpStops, double heatPumpRunHours, double supplyDeviationKh,
                   double wallSeconds, double realTimeFactor) {

    /** One line of the table: label, value, unit; also the JSON key. */
    public record Line(String key, String label, double value, String unit, String format) {
        public String formatted() {
            return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
        }
    }

    public List<Line> lines() {
        List<Line> l = new ArrayList<>();
        l.add(new Line("plantHours", "plant time", plantHours, "h", "%.2f"));
        l.add(new Line("heatDeliveredMWh", "heat delivered", heatDeliveredMWh, "MWh", "%.3f"));
        l.add(new Line("electricityMWh", "electricity (compressors + fans)", electricityMWh, "MWh", "%.3f"));
        l.add(new Line("meanCopWhileRunning", "COP (mean while running)", meanCopWhileRunning, "", "%.2f"));
        l.add(new Line("seasonalCop", "seasonal COP (heat / electricity)", seasonalCop, "", "%.2f"));
        l.add(new Line("defrostEnergyShare", "defrost energy share", pct(defrostEnergyShare), "%", "%.2f"));
        l.add(new Line("solarYieldMWh", "solar yield", solarYieldMWh, "MWh", "%.3f"));
        l.add(new Line("tankSourceHeatMWh", "tank-source heat (heat pump from tank)", tankSourceHeatMWh, "MWh", "%.3f"));
        l.add(new Line("tankSourceShare", "tank-source share of source heat", pct(tankSourceShare), "%", "%.1f"));
        l.add(new Line("tankSourceToSolarRatio", "tank-source heat / solar yield", pct(tankSourceToSolarRatio), "%", "%.1f"));
        l.add(new Line("tankStartMWh", "tank stored energy, start", tankStartMWh, "MWh", "%.2f"));
        l.add(new Line("tankEndMWh", "tank stored energy, end", tankEndMWh, "MWh", "%.2f"));
        l.add(new Line("tankMinMWh", "tank stored energy, min", tankMinMWh, "MWh", "%.2f"));
        l.add(new Line("tankMaxMWh", "tank stored energy, max", tankMaxMWh, "MWh", "%.2f"));
        l.add(new Line("tankSourceHours", "tank-source pump running", tankSourceHours, "h", "%.2f"));
        l.add(new Line("compressorStarts", "compressor starts", compressorStarts, "", "%.0f"));
        l.add(new Line("heatPumpStops", "heat-pump stops (last compressor off)", heatPumpStops, "", "%.0f"));
        l.add(new Line("heatPumpRunHours", "heat pump running", heatPumpRunHours, "h", "%.2f"));
        l.add(new Line("supplyDeviationKh", "supply-temperature deviation", supplyDeviationKh, "K·h", "%.2f"));
        l.add(new Line("wallSeconds", "wall time", wallSeconds, "s", "%.1f"));
        l.add(new Line("realTimeFactor", "speed", realTimeFactor, "× real time", "%.0f"));
        return l;
    }

    private static double pct(double ratio) { return ratio * 100.0; }

    /** The KPIs as an aligned two-column table, one line each. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        int width = 0;
        for (Line l : lines()) width = Math.max(width, l.label().length());
        for (Line l : lines()) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %12s %s", l.label(), l.formatted(), l.unit()).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** The KPIs as one JSON object: the record's field names, ratios as ratios (not %), NaN as null. */
    public String json() {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = m.createObjectNode();
        put(o, "plantHours", plantHours);
        put(o, "heatDeliveredMWh", heatDeliveredMWh);
        put(o, "electricityMWh", electricityMWh);
        put(o, "meanCopWhileRunning", meanCopWhileRunning);
        put(o, "seasonalCop", seasonalCop);
        put(o, "defrostEnergyShare", defrostEnergyShare);
        put(o, "solarYieldMWh", solarYieldMWh);
        put(o, "tankSourceHeatMWh", tankSourceHeatMWh);
        put(o, "tankSourceShare", tankSourceShare);
        put(o, "tankSourceToSolarRatio", tankSourceToSolarRatio);
        put(o, "tankStartMWh", tankStartMWh);
        put(o, "tankEndMWh", tankEndMWh);
        put(o, "tankMinMWh", tankMinMWh);
        put(o, "tankMaxMWh", tankMaxMWh);
        put(o, "tankSourceHours", tankSourceHours);
        o.put("compressorStarts", compressorStarts);
        o.put("heatPumpStops", heatPumpStops);
        put(o, "heatPumpRunHours", heatPumpRunHours);
        put(o, "supplyDeviationKh", supplyDeviationKh);
        put(o, "wallSeconds", wallSeconds);
        put(o, "realTimeFactor", realTimeFactor);
        try {
            return m.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("KPI JSON", e);
        }
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else o.putNull(key);
    }
}
