package io.hilbench.plant;

import io.hilbench.Units;
import io.hilbench.plant.co2.Co2HeatPumpPlant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fast stand-in heat pump for tests that judge the controller, the loop or the rest of the site, never the heat
 * pump's physics (those are judged on the served {@link Co2HeatPumpPlant}): a Carnot-efficiency rating with
 * first-order pressures, the DH side, the HP and flow switches and the relief valve; a step costs microseconds. Its
 * names are the leading part of the served plant's catalogue (the names the Solrød map was first written against), so
 * no name list is kept twice. Equations, sources, held outputs and validity: {@code FixtureHeatPump.md} beside this file.
 */
public final class FixtureHeatPump implements PlantModel {
    public static final double DH_NOMINAL_KG_PER_S = 8.2;
    static final double CP = 4180.0, HEAT_NOMINAL_W = 1.2e6, RATED_AIR_K = Units.degCToK(0), MAX_HZ = 70.0, MIN_HZ = 25.0;
    static final double GC_CAPACITY_J_PER_K = 60.0 * DH_NOMINAL_KG_PER_S * CP, STANDSTILL_K = Units.degCToK(20), DEMAND_W = 1.5e6;
    static final double HP_TRIP_PA = Units.barToPa(130), HP_RESET_PA = Units.barToPa(120), RELIEF_PA = Units.barToPa(140);
    static final double TANK_TOP_K = Units.degCToK(70), TANK_BOTTOM_K = Units.degCToK(40), EVAP_APPROACH_K = 8.0, SUPERHEAT_K = 5.0;
    private static final SignalCatalogue CATALOGUE = leadingNames(new Co2HeatPumpPlant().catalogue());
    private static final int N = 4, SECTIONS = 4, TANK_SENSORS = 6;

    private final SignalCatalogue cat = CATALOGUE;
    private final double[] defaults = new double[cat.inputs().size()];
    private long timeMs;
    private final double[] speedHz = new double[N];
    private double flowKgPerS, supplyK, gcPa, sucPa, disK, hpvRatio, bypassRatio, lowFlowS;
    private boolean hpTripped, flowTripped, reliefOpen;
    private double[] outputs;
    // output indices in groups, filled together (names: the served plant's)
    private final int[] oHp = outs("hp.suctionPressurePa hp.gasCoolerPressurePa hp.dischargeTemperatureK hp.compressorPowerW hp.heatFlowW "
            + "hp.safety.hpSwitchTripped hp.safety.reliefValveOpen hp.hpValve.openingRatio hp.bypassValve.openingRatio hp.cop "
            + "hp.evaporatorHeatFlowW hp.evaporatingTemperatureK hp.safety.flowSwitchTripped hp.suctionTemperatureK hp.gasCoolerOutletTemperatureK hp.receiverPressurePa");
    private final int[] oDh = outs("hp.dhWater.inletTemperatureK hp.dhWater.outletTemperatureK hp.dhWater.flowM3PerS hp.dhWater.flowLow hp.dhPump.running hp.dhWater.massFlowKgPerS");
    private final int[] oTankSide = outs("hp.waterEvaporator.waterInletTemperatureK hp.waterEvaporator.waterOutletTemperatureK solar.collectorInletTemperatureK "
            + "solar.collectorOutletTemperatureK hp.waterEvaporator.waterFlowM3PerS hp.tankSourcePump.running");
    private final int[] oSite = outs("network.supplyTemperatureK network.returnTemperatureK network.flowM3PerS network.heatDemandW network.supplyTemperatureSetK chp.state chp.heatFlowW");
    private final int iAir = in("weather.airTemperatureK"), iReturn = in("network.returnTemperatureK"), iSupplySet = in("network.supplyTemperatureSetK");
    private final int iPump = in("hp.dhPump.enable"), iPumpSpeed = in("hp.dhPump.speedSetRatio"), iPumpFailed = in("fault.dhPump.failed"),
            iAvailable = in("fault.dhWater.flowAvailableRatio"), iTankPump = in("hp.tankSourcePump.enable"), iTankPumpSpeed = in("hp.tankSourcePump.speedSetRatio");
    private final int iHpv = in("hp.hpValve.openingSetRatio"), iStuck = in("fault.hpValve.stuck"), iStuckAt = in("fault.hpValve.stuckOpeningRatio"), iBypass = in("hp.bypassValve.openingSetRatio");
    private final int[] iEnable = each("hp.compressor%d.enable", N, true), iSpeedSet = each("hp.compressor%d.speedSetHz", N, true), iVfd = each("fault.compressor%d.vfdFault", N, true);
    private final int[] oSpeed = each("hp.compressor%d.speedHz", N, false), oRunning = each("hp.compressor%d.running", N, false), oFault = each("hp.compressor%d.fault", N, false);
    private final int[] iValve = each("hp.airSection%d.valveOpen", SECTIONS, true), iFan = each("hp.airSection%d.fanSpeedSetRatio", SECTIONS, true),
            oCoilT = each("hp.airSection%d.coilTemperatureK", SECTIONS, false), oCoilDp = each("hp.airSection%d.airPressureDropPa", SECTIONS, false),
            oTank = each("tank.sensor%dTemperatureK", TANK_SENSORS, false);
    private final int[] oWeather = outs("weather.airTemperatureK weather.relativeHumidityRatio weather.irradianceWPerM2"), iWeather = ins("weather.airTemperatureK weather.relativeHumidityRatio weather.irradianceWPerM2");

    /** The served plant's catalogue up to its own additions (the trip reason, the tank-bottom input): one list of names. */
    private static SignalCatalogue leadingNames(SignalCatalogue served) {
        return new SignalCatalogue(served.outputs().subList(0, served.outputIndex("hp.safety.tripReason")),
                served.inputs().subList(0, served.inputIndex("tank.bottomTemperatureK")));
    }

    public FixtureHeatPump() {
        put(defaults, ins("weather.airTemperatureK weather.relativeHumidityRatio network.returnTemperatureK network.supplyTemperatureSetK fault.dhWater.flowAvailableRatio"),
                RATED_AIR_K, 0.9, Units.degCToK(40), Units.degCToK(75), 1.0);
        reset(0);
    }

    private int in(String name) { return cat.inputIndex(name); }
    private int out(String name) { return cat.outputIndex(name); }
    @Override public SignalCatalogue catalogue() { return cat; }
    @Override public PlantSnapshot snapshot() { return new PlantSnapshot(timeMs, outputs, List.of()); }
    /** Actuators at rest, 0 °C and 90 % RH, no sun, DH return 40 °C, supply set-point 75 °C, full DH flow available. */
    @Override public PlantInputs defaultInputs() { return new PlantInputs(defaults); }

    /** Standstill at plant time 0, pressures at p_sat(20 °C), water at the return; nothing is random (the seed is unused). */
    @Override public void reset(long seed) {
        java.util.Arrays.fill(speedHz, 0);
        timeMs = 0;
        flowKgPerS = hpvRatio = bypassRatio = lowFlowS = 0;
        supplyK = defaults[iReturn];
        gcPa = sucPa = saturationPressurePa(STANDSTILL_K);   // and the discharge pipe at the room's temperature
        disK = STANDSTILL_K;
        hpTripped = flowTripped = reliefOpen = false;
        outputs = outputs(defaults, 0, 0, 1, supplyK);
    }

    @Override public List<String> resetLatchedTrips() {
        List<String> events = new ArrayList<>();
        if (flowTripped) {
            flowTripped = false;
            lowFlowS = 0;
            events.add("FSL-271 flow-switch trip reset");
        }
        if (hpTripped && gcPa < HP_RESET_PA) {
            hpTripped = false;
            events.add("PSHH-202 HP switch reset");
        } else if (hpTripped) {
            events.add(String.format(Locale.ROOT, "PSHH-202 HP switch reset refused: %.1f bar is not below %.1f bar", Units.paToBar(gcPa), Units.paToBar(HP_RESET_PA)));
        }
        outputs[out("hp.safety.hpSwitchTripped")] = hpTripped ? 1 : 0;
        outputs[out("hp.safety.flowSwitchTripped")] = flowTripped ? 1 : 0;
        return events;
    }

    @Override public PlantSnapshot step(double dtS, PlantInputs inputs) {
        if (!(dtS > 0) || Double.isInfinite(dtS)) throw new IllegalArgumentException("dtS must be > 0, was " + dtS);
        if (inputs.size() != defaults.length) throw new IllegalArgumentException("inputs have " + inputs.size() + " values for " + defaults.length + " plant inputs");
        double[] u = inputs.values();
        List<String> events = new ArrayList<>(0);
        double airK = u[iAir], returnK = u[iReturn], speedSum = 0;
        for (int c = 0; c < N; c++) {
            double set = u[iSpeedSet[c]];
            boolean allowed = u[iEnable[c]] >= 0.5 && !hpTripped && !flowTripped && u[iVfd[c]] < 0.5 && set >= MIN_HZ;
            double target = allowed ? Math.min(set, MAX_HZ) : 0.0;
            speedHz[c] = target == 0.0 ? 0.0 : speedHz[c] < target ? Math.min(target, speedHz[c] + 10.0 * dtS) : Math.max(target, speedHz[c] - 10.0 * dtS);
            speedSum += speedHz[c];
        }
        boolean running = speedSum > 0;
        double flowSet = pumpRunning(u) ? DH_NOMINAL_KG_PER_S * clamp01(u[iPumpSpeed]) * clamp01(u[iAvailable]) : 0.0;
        flowKgPerS = relax(flowKgPerS, flowSet, dtS, 3.0);
        double flowRatio = flowKgPerS / DH_NOMINAL_KG_PER_S, evapK = airK - EVAP_APPROACH_K;
        double heatW = HEAT_NOMINAL_W * speedSum / (N * MAX_HZ) * Math.max(0.0, 1.0 + 0.025 * (airK - RATED_AIR_K));
        double cop = copHeating(0.5, returnK, Math.max(supplyK, returnK), evapK), mcp = flowKgPerS * CP;
        supplyK = (GC_CAPACITY_J_PER_K * supplyK + dtS * (heatW + mcp * returnK)) / (GC_CAPACITY_J_PER_K + dtS * mcp);
        double valveSet = u[iStuck] >= 0.5 ? u[iStuckAt] : u[iHpv];
        hpvRatio = relax(hpvRatio, clamp01(valveSet), dtS, 2.0);
        bypassRatio = relax(bypassRatio, clamp01(u[iBypass]), dtS, 2.0);
        double gcOutK = returnK + 3.0 + Math.max(0.0, 1.0 - flowRatio / 0.5) * Math.max(0.0, supplyK - returnK);
        if (running) {
            double sucSet = saturationPressurePa(evapK);
            double opt = Math.max(liaoOptimumPressurePa(gcOutK, evapK), sucSet + Units.PA_PER_BAR);
            gcPa = relax(gcPa, sucSet + (opt - sucSet) * Math.pow(0.5 / Math.max(hpvRatio, 0.02), 0.5), dtS, 10.0);
            sucPa = relax(sucPa, sucSet, dtS, 10.0);
            disK = relax(disK, (evapK + SUPERHEAT_K) * Math.pow(gcPa / sucPa, 0.28), dtS, 20.0);
        } else {   // standstill creep toward p_sat(20 °C), the pipe toward the room
            sucPa = relax(sucPa, saturationPressurePa(STANDSTILL_K), dtS, 300.0);
            gcPa = relax(gcPa, saturationPressurePa(STANDSTILL_K), dtS, 300.0);
            disK = relax(disK, STANDSTILL_K, dtS, 20.0);
        }
        boolean venting = gcPa > RELIEF_PA;
        if (venting) gcPa = RELIEF_PA;
        if (venting != reliefOpen) events.add(venting ? "PSV-202 relief valve opened at " + bar(RELIEF_PA) : "PSV-202 relief valve closed");
        reliefOpen = venting;
        if (!hpTripped && gcPa >= HP_TRIP_PA) {
            hpTripped = true;
            events.add("PSHH-202 HP switch tripped at " + bar(gcPa) + " (set " + bar(HP_TRIP_PA) + "): compressors stopped, manual reset");
        }
        lowFlowS = flowRatio < 0.25 && running ? lowFlowS + dtS : 0;
        if (lowFlowS > 0 && !flowTripped && lowFlowS >= 5.0 - 1e-9) {
            flowTripped = true;
            events.add(String.format(Locale.ROOT, "FSL-271 flow switch tripped: DH flow %.0f %% of nominal for %.1f s with a compressor running; compressors stopped, manual reset", 100 * flowRatio, lowFlowS));
        }
        timeMs += Math.round(dtS * 1000.0);
        outputs = outputs(u, heatW, heatW / cop, cop, gcOutK);
        return new PlantSnapshot(timeMs, outputs, events);
    }

    private boolean pumpRunning(double[] u) {
        return u[iPump] >= 0.5 && u[iPumpSpeed] > 0 && u[iPumpFailed] < 0.5;
    }

    private int[] outs(String names) { return java.util.Arrays.stream(names.split(" ")).mapToInt(this::out).toArray(); }
    private int[] each(String pattern, int count, boolean input) {
        return java.util.stream.IntStream.rangeClosed(1, count).map(k -> input ? in(pattern.formatted(k)) : out(pattern.formatted(k))).toArray();
    }
    private int[] ins(String names) { return java.util.Arrays.stream(names.split(" ")).mapToInt(this::in).toArray(); }
    private static void put(double[] y, int[] at, double... v) { for (int k = 0; k < at.length; k++) y[at[k]] = v[k]; }

    private double[] outputs(double[] u, double heatW, double powerW, double cop, double gcOutK) {
        double[] y = new double[cat.outputs().size()];
        double airK = u[iAir], evapK = airK - EVAP_APPROACH_K, returnK = u[iReturn];
        boolean running = false;
        for (int c = 0; c < N; c++) {
            y[oSpeed[c]] = speedHz[c];
            y[oRunning[c]] = speedHz[c] > 0 ? 1 : 0;
            y[oFault[c]] = u[iVfd[c]] >= 0.5 ? 1 : 0;
            running |= speedHz[c] > 0;
        }
        for (int k = 0; k < oWeather.length; k++) y[oWeather[k]] = u[iWeather[k]];
        double receiverPa = running ? Math.min(Math.max(Units.barToPa(35), sucPa + Units.barToPa(5)), Math.min(Units.barToPa(65), gcPa)) : sucPa;
        put(y, oHp, sucPa, gcPa, disK, powerW, heatW, hpTripped ? 1 : 0, reliefOpen ? 1 : 0, hpvRatio, bypassRatio, cop, heatW - powerW, evapK,
                flowTripped ? 1 : 0, running ? evapK + SUPERHEAT_K : airK, running ? gcOutK : supplyK, receiverPa);
        put(y, oDh, returnK, supplyK, flowKgPerS / 985.0, flowKgPerS / DH_NOMINAL_KG_PER_S < 0.25 ? 1 : 0, pumpRunning(u) ? 1 : 0, flowKgPerS);
        for (int s = 0; s < SECTIONS; s++) {   // coil at the evaporating temperature while its valve is open; clean: 80 Pa × fan²
            y[oCoilT[s]] = running && u[iValve[s]] >= 0.5 ? evapK : airK;
            y[oCoilDp[s]] = 80.0 * clamp01(u[iFan[s]]) * clamp01(u[iFan[s]]);
        }
        boolean tankPump = u[iTankPump] >= 0.5 && u[iTankPumpSpeed] > 0;
        put(y, oTankSide, TANK_BOTTOM_K, TANK_BOTTOM_K, TANK_BOTTOM_K, TANK_BOTTOM_K,
                tankPump ? 30.0 / 3600.0 * clamp01(u[iTankPumpSpeed]) : 0, tankPump ? 1 : 0);
        for (int k = 0; k < TANK_SENSORS; k++) y[oTank[k]] = TANK_TOP_K + (TANK_BOTTOM_K - TANK_TOP_K) * k / (TANK_SENSORS - 1);
        double setK = u[iSupplySet], chpW = Math.min(3.7e6, Math.max(0.0, DEMAND_W - heatW));
        put(y, oSite, setK, returnK, DEMAND_W / (985.0 * CP * Math.max(1.0, setK - returnK)), DEMAND_W, setK, chpW > 0 ? 2 : 0, chpW);   // chp.state 2 Running, 0 Off
        return y;
    }

    /** Heating COP, a Carnot efficiency on the Lorenz COP of water heated from {@code waterInK} to {@code waterOutK}; bounded to [1, 8]. */
    public static double copHeating(double carnotEfficiency, double waterInK, double waterOutK, double evaporatingK) {
        double meanK = waterOutK - waterInK > 1e-6 ? (waterOutK - waterInK) / Math.log(waterOutK / waterInK) : waterInK;
        return meanK <= evaporatingK ? 8.0 : Math.max(1.0, Math.min(8.0, carnotEfficiency * meanK / (meanK - evaporatingK)));
    }

    /** CO2 saturation pressure, Clausius–Clapeyron through 26.49 bar at −10 °C and 34.85 bar at 0 °C (Span–Wagner): about −30…+20 °C. */
    public static double saturationPressurePa(double temperatureK) {
        return Math.exp(SAT_A - SAT_B / temperatureK);
    }

    private static final double SAT_B = Math.log(34.85 / 26.49) / (1 / Units.degCToK(-10) - 1 / Units.degCToK(0));
    private static final double SAT_A = Math.log(Units.barToPa(34.85)) + SAT_B / Units.degCToK(0);

    /** Optimal gas-cooler pressure of Liao, Zhao & Jakobsen (2000), in bar and °C. */
    public static double liaoOptimumPressurePa(double gasCoolerOutletK, double evaporatingK) {
        double tgc = Units.kToDegC(gasCoolerOutletK), te = Units.kToDegC(evaporatingK);
        return Units.barToPa((2.778 - 0.0157 * te) * tgc + (0.381 * te - 9.34));
    }

    private static double relax(double value, double target, double dtS, double tauS) { return target + (value - target) * Math.exp(-dtS / tauS); }
    private static double clamp01(double v) { return Math.max(0.0, Math.min(1.0, v)); }
    private static String bar(double pa) { return String.format(Locale.ROOT, "%.1f bar", Units.paToBar(pa)); }
}
