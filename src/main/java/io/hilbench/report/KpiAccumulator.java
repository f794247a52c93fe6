package io.hilbench.report;

import io.hilbench.runtime.SignalFrame;
import io.hilbench.runtime.TraceRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Key performance indicators of a run, accumulated one plant sample at a time (from {@code bench simulate}'s loop, a
 * {@link io.hilbench.runtime.Recorder}'s {@link TraceRow}s, published {@link SignalFrame}s, or the rows of a scenario's
 * trace CSV for the run report, {@link #of(TraceCsv)}): the one KPI definition of the bench, over the plant's output
 * names (SI units, CONVENTIONS). Signals a plant does not publish give NaN KPIs (printed "n/a"), never a made-up zero.
 *
 * <p><b>Integration.</b> A sample at plant time t<sub>k</sub> is the state after the step (t<sub>k−1</sub>, t<sub>k</sub>]
 * (the plant's snapshot after a step), so each flow counts over the interval that ends at its sample:
 * E = Σ<sub>k≥1</sub> P(t<sub>k</sub>)·(t<sub>k</sub> − t<sub>k−1</sub>) (right rectangle). The first sample only
 * anchors the time and the tank's starting energy. Sign convention: heat flows as the plant publishes them (heat to the
 * DH water positive); negative heat delivered (e.g. water cooled by a stopped gas cooler) counts as it is.
 *
 * <p><b>Definitions</b> (signal names of the Solrød plant catalogue):
 * <ul>
 *   <li>heat delivered = ∫ {@code hp.heatFlowW}; electricity = ∫ ({@code hp.compressorPowerW} + {@code hp.fanPowerW}), fans
 *       counting 0 on a plant that models none;</li>
 *   <li>seasonal COP = heat delivered / electricity over the whole run (EN 14825's SCOP idea: an energy ratio over the
 *       period); mean COP = time average of {@code hp.cop} while at least one compressor runs (what an operator sees);</li>
 *   <li>defrost energy share = ∫ {@code hp.defrostHeatFlowW} / heat delivered;</li>
 *   <li>solar yield = ∫ max(0, {@code solar.heatFlowW}); tank-source heat = ∫ {@code hp.waterEvaporator.heatFlowW} (what
 *       the heat pump drew from the tank); tank-source share = tank-source heat / (∫ {@code hp.evaporatorHeatFlowW}),
 *       the part of the heat pump's source heat that came from the tank; tank-source to solar = tank-source heat / solar
 *       yield;</li>
 *   <li>tank use: {@code tank.storedEnergyJ} at start, end, minimum and maximum; hours with {@code hp.tankSourcePump.running};</li>
 *   <li>compressor starts: rising edges of {@code hp.compressorN.running} (N = 1, 2, …; the first sample's state is not a
 *       start); heat-pump stops: samples where some compressor ran at the one before and none runs now; heat-pump
 *       run hours: time with any compressor running;</li>
 *   <li>supply deviation = ∫ |{@code hp.dhWater.outletTemperatureK} − {@code network.supplyTemperatureSetK}| dt while a
 *       compressor runs, in K·h.</li>
 * </ul>
 * Not thread-safe: one loop feeds it.
 */
public final class KpiAccumulator {
    private static final double J_PER_MWH = 3.6e9;
    private static final double S_PER_H = 3600.0;

    // the plant outputs the definitions above name
    private static final String HEAT = "hp.heatFlowW";
    private static final String COMPRESSOR_POWER = "hp.compressorPowerW";
    private static final String FAN_POWER = "hp.fanPowerW";
    private static final String COP = "hp.cop";
    private static final String DEFROST = "hp.defrostHeatFlowW";
    private static final String SOLAR = "solar.heatFlowW";
    private static final String TANK_SOURCE_HEAT = "hp.waterEvaporator.heatFlowW";
    private static final String EVAPORATOR_HEAT = "hp.evaporatorHeatFlowW";
    private static final String TANK_ENERGY = "tank.storedEnergyJ";
    private static final String TANK_PUMP = "hp.tankSourcePump.running";
    private static final String SUPPLY = "hp.dhWater.outletTemperatureK";
    private static final String SUPPLY_SET = "network.supplyTemperatureSetK";

    private static String runningSignal(int compressor) { return "hp.compressor" + compressor + ".running"; }

    private final int heat, compressorPower, fanPower, cop, defrost, solar, tankSourceHeat, evaporatorHeat, tankEnergy, tankPump,
            supply, supplySet;
    private final int[] running;

    private long firstMs = Long.MIN_VALUE;
    private long lastMs;
    private boolean[] wasRunning;
    private double heatJ, compressorJ, fanJ, defrostJ, solarJ, tankSourceJ, evaporatorJ, copSecondsSum, runS, tankPumpS, deviationKs;
    private double tankStartJ = Double.NaN, tankEndJ = Double.NaN, tankMinJ = Double.NaN, tankMaxJ = Double.NaN;
    private int starts;
    private int heatPumpStops;
    private long samples;

    /** The plant outputs the KPIs read, with {@code hp.compressorN.running} for N = 1..{@code compressors}. */
    public static List<String> signals(int compressors) {
        List<String> s = new ArrayList<>(List.of(HEAT, COMPRESSOR_POWER, FAN_POWER, COP, DEFROST, SOLAR, TANK_SOURCE_HEAT, EVAPORATOR_HEAT,
                TANK_ENERGY, TANK_PUMP, SUPPLY, SUPPLY_SET));
        for (int c = 1; c <= compressors; c++) s.add(runningSignal(c));
        return s;
    }

    /** Compressors a trace CSV could name: the accumulator follows {@code hp.compressor1.running} upwards while present. */
    private static final int TRACE_COMPRESSORS_MAX = 9;

    /** The columns to read from a trace CSV for {@link #of(TraceCsv)}. */
    public static List<String> traceColumns() { return signals(TRACE_COMPRESSORS_MAX); }

    /**
     * KPIs over a scenario's recorded trace (read with at least {@link #traceColumns()}): one sample per row, the
     * row's plant time and the plant's true values (as {@link #accept(TraceRow)}). A row that does not advance the
     * plant time (a restarted plant clock) is skipped rather than failing the report. No wall time: speed n/a.
     */
    public static Kpis of(TraceCsv trace) {
        List<String> names = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        for (String name : traceColumns()) {
            trace.column(name).ifPresent(v -> {
                names.add(name);
                cols.add(v);
            });
        }
        KpiAccumulator k = new KpiAccumulator(names);
        double[] t = trace.timeS();
        long lastMs = Long.MIN_VALUE;
        for (int row = 0; row < t.length; row++) {
            if (Double.isNaN(t[row])) continue;
            long ms = Math.round(t[row] * 1000.0);
            if (ms <= lastMs) continue;
            lastMs = ms;
            final int r = row;
            k.accept(ms, i -> cols.get(i)[r]);
        }
        return k.kpis(Double.NaN);
    }

    /** @param outputNames the plant's output names, by output index (a catalogue's {@code outputs()} or a recorder's {@code outputNames()}) */
    public KpiAccumulator(List<String> outputNames) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < outputNames.size(); i++) index.put(outputNames.get(i), i);
        heat = index.getOrDefault(HEAT, -1);
        compressorPower = index.getOrDefault(COMPRESSOR_POWER, -1);
        fanPower = index.getOrDefault(FAN_POWER, -1);
        cop = index.getOrDefault(COP, -1);
        defrost = index.getOrDefault(DEFROST, -1);
        solar = index.getOrDefault(SOLAR, -1);
        tankSourceHeat = index.getOrDefault(TANK_SOURCE_HEAT, -1);
        evaporatorHeat = index.getOrDefault(EVAPORATOR_HEAT, -1);
        tankEnergy = index.getOrDefault(TANK_ENERGY, -1);
        tankPump = index.getOrDefault(TANK_PUMP, -1);
        supply = index.getOrDefault(SUPPLY, -1);
        supplySet = index.getOrDefault(SUPPLY_SET, -1);
        int n = 0;
        while (index.containsKey(runningSignal(n + 1))) n++;
        running = new int[n];
        for (int c = 0; c < n; c++) running[c] = index.get(runningSignal(c + 1));
        wasRunning = new boolean[n];
    }

    /** One recorded step (true values: plant truth is what KPIs count, not what a faulted sensor showed). */
    public void accept(TraceRow row) { accept(row.plantTimeMs(), row::trueValue); }

    /** One published frame. */
    public void accept(SignalFrame frame) { accept(frame.plantTimeMs(), frame::value); }

    /**
     * One sample: the plant's outputs (SI, by output index) at {@code plantTimeMs}. Samples must come in increasing
     * plant time; a sample at or before the last one is refused (a new run needs a new accumulator).
     */
    public void accept(long plantTimeMs, IntToDoubleFunction value) {
        boolean[] on = new boolean[running.length];
        boolean anyOn = false;
        for (int c = 0; c < running.length; c++) {
            on[c] = value.applyAsDouble(running[c]) >= 0.5;
            anyOn |= on[c];
        }
        double tankJ = tankEnergy >= 0 ? value.applyAsDouble(tankEnergy) : Double.NaN;
        if (firstMs == Long.MIN_VALUE) {
            firstMs = plantTimeMs;
            lastMs = plantTimeMs;
            wasRunning = on;
            tankStartJ = tankEndJ = tankMinJ = tankMaxJ = tankJ;
            samples = 1;
            return;
        }
        if (plantTimeMs <= lastMs) {
            throw new IllegalArgumentException("KPI samples must advance in plant time: " + plantTimeMs + " ms after " + lastMs + " ms");
        }
        double dtS = (plantTimeMs - lastMs) / 1000.0;
        lastMs = plantTimeMs;
        samples++;
        heatJ += dtS * get(value, heat);
        compressorJ += dtS * get(value, compressorPower);
        if (fanPower >= 0) fanJ += dtS * value.applyAsDouble(fanPower); // a plant without fans has no fan power: 0, not n/a
        defrostJ += dtS * get(value, defrost);
        solarJ += dtS * Math.max(0.0, get(value, solar));
        tankSourceJ += dtS * get(value, tankSourceHeat);
        evaporatorJ += dtS * get(value, evaporatorHeat);
        if (tankPump >= 0 && value.applyAsDouble(tankPump) >= 0.5) tankPumpS += dtS;
        if (anyOn) {
            runS += dtS;
            copSecondsSum += dtS * get(value, cop);
            deviationKs += dtS * Math.abs(get(value, supply) - get(value, supplySet));
        }
        boolean anyWas = false;
        for (int c = 0; c < running.length; c++) {
            if (on[c] && !wasRunning[c]) starts++;
            anyWas |= wasRunning[c];
        }
        if (anyWas && !anyOn) heatPumpStops++;
        wasRunning = on;
        tankEndJ = tankJ;
        if (!Double.isNaN(tankJ)) {
            tankMinJ = Double.isNaN(tankMinJ) ? tankJ : Math.min(tankMinJ, tankJ);
            tankMaxJ = Double.isNaN(tankMaxJ) ? tankJ : Math.max(tankMaxJ, tankJ);
        }
    }

    /** NaN when the plant has no such output, so the integral of a missing signal is NaN (shown "n/a"). */
    private static double get(IntToDoubleFunction value, int index) {
        return index < 0 ? Double.NaN : value.applyAsDouble(index);
    }

    /** Samples taken so far. */
    public long samples() { return samples; }

    /**
     * The KPIs so far.
     *
     * @param wallS wall-clock seconds the run took (for its speed as a multiple of real time), or NaN
     */
    public Kpis kpis(double wallS) {
        double plantS = samples == 0 ? 0 : (lastMs - firstMs) / 1000.0;
        double electricityJ = compressorJ + fanJ;
        return new Kpis(
                plantS / S_PER_H,
                heatJ / J_PER_MWH,
                electricityJ / J_PER_MWH,
                runS > 0 ? copSecondsSum / runS : Double.NaN,
                electricityJ > 0 ? heatJ / electricityJ : Double.NaN,
                heatJ > 0 ? defrostJ / heatJ : Double.NaN,
                solarJ / J_PER_MWH,
                tankSourceJ / J_PER_MWH,
                evaporatorJ > 0 ? tankSourceJ / evaporatorJ : Double.NaN,
                solarJ > 0 ? tankSourceJ / solarJ : Double.NaN,
                tankStartJ / J_PER_MWH, tankEndJ / J_PER_MWH, tankMinJ / J_PER_MWH, tankMaxJ / J_PER_MWH,
                tankPumpS / S_PER_H,
                starts,
                heatPumpStops,
                runS / S_PER_H,
                deviationKs / S_PER_H,
                wallS,
                wallS > 0 ? plantS / wallS : Double.NaN);
    }
}
