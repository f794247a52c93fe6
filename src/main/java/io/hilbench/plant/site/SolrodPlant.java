package io.hilbench.plant.site;

import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;
import io.hilbench.plant.chp.BiogasChp;
import io.hilbench.plant.network.DistrictHeatingNetwork;
import io.hilbench.plant.solar.SolarLoop;
import io.hilbench.plant.tank.StratifiedTank;
import io.hilbench.plant.tank.StratifiedTankParameters;
import io.hilbench.plant.weather.BuiltInWeather;
import io.hilbench.plant.weather.SunPosition;
import io.hilbench.plant.weather.WeatherSeries;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole Solrød plant of DESIGN §5: any heat-pump {@link PlantModel} (the first plant today, the CO2 heat pump
 * later) inside the rest of the plant: the stratified tank, the solar field with its loop, the DH network, the biogas
 * CHP, the weather and the rest-of-plant dispatcher, joined by the assumed hydraulics of
 * {@code plant-models/README.md}.
 *
 * <p><b>Catalogue.</b> Outputs: the heat pump's outputs in its order, with every {@code tank.*}, {@code solar.*},
 * {@code network.*}, {@code chp.*} and {@code weather.*} output now computed here (same names, same SI units), then this
 * model's additions (see {@code plant-models/solrod/README.md}). Inputs: the heat pump's inputs except those this
 * model drives ({@code network.returnTemperatureK}, {@code network.supplyTemperatureSetK} and, when the heat pump has
 * it, {@code tank.bottomTemperatureK} or {@code hp.waterEvaporator.waterInletTemperatureK}), then the scenario's external inputs:
 * <ul>
 *   <li>{@code weather.airTemperatureK}, {@code weather.relativeHumidityRatio}, {@code weather.irradianceWPerM2}: overrides,
 *       NaN by default (= follow the series); a number replaces the series' value until {@code weather.overridesReleased}
 *       is set to 1. The irradiance override is the global irradiance on the collector plane (RT-101); its
 *       beam/diffuse split follows the series' at that time (all diffuse when the series has no sun).</li>
 *   <li>{@code weather.seriesIndex} (0 winter design day, 1 cold, 2 sunny spring, 3 summer, 4 synthetic year;
 *       {@link BuiltInWeather}) and {@code weather.seriesStartS} (time of day, or of year for the year, at plant time 0).</li>
 *   <li>{@code tank.initialTopTemperatureK}, {@code tank.initialBottomTemperatureK}: a change re-initialises the tank to
 *       a linear profile between them at the next step ("Given the tank is charged to 70 °C at the top and 30 °C at the bottom").</li>
 *   <li>{@code network.consumerCount} (350; 700 when the network doubles).</li>
 *   <li>{@code network.returnTemperatureImposed} (0/1) and {@code network.returnTemperatureK}: while imposed is 1, the
 *       return header is held at that temperature (a scenario's "the district-heating return is 55 °C"), whatever the
 *       network and the tank return; the heat pump, the CHP and the tank bottom inflow see it. 0 (the default) hands
 *       the header back to the network model from the imposed value. Imposing breaks the plant's energy balance by
 *       design (the header is a boundary condition then).</li>
 * </ul>
 *
 * <p><b>Step</b> (dt): weather and sun → network demand and weather curve → the heat pump's external inputs from the
 * plant (its DH inlet is the return header, its supply set-point the weather curve, its tank-source water inlet the
 * tank bottom) → heat-pump step → CHP (dispatcher) → solar loop → network draw through its mixing shunt → header
 * mixing and tank step. The headers are two mixing volumes integrated explicitly with the outflows at the temperature
 * the consumers of the step were given, so the plant's energy balance closes to rounding (up to the tank's sub-steps);
 * the heat pump sees its inlet from the start of the step (a one-step lag, 100 ms).
 */
public final class SolrodPlant implements PlantModel {
    /** Tank sensors the rig binds (TT-301 top … TT-306 bottom), evenly spaced from node 0 to node N−1. */
    public static final int TANK_SENSORS = 6;
    /** The CHP heats its water by at least this much (its flow is capped by it), K. */
    static final double CHP_MIN_RISE_K = 15.0;
    /** Names this model computes instead of the heat pump (by prefix). */
    private static final List<String> COMPUTED_PREFIXES = List.of("tank.", "solar.", "network.", "chp.", "weather.");

    private final PlantModel hp;
    private final SolrodPlantParameters p;
    private final SignalCatalogue hc;
    private final SignalCatalogue catalogue;

    private final StratifiedTank tank;
    private final SolarLoop solar;
    private final DistrictHeatingNetwork network;
    private final BiogasChp chp;
    private final RestOfPlantDispatcher dispatcher;

    // heat-pump indices
    private final int hpInAir, hpInRh, hpInIrr, hpInReturn, hpInSupplySet, hpInWaterEvapInlet;
    private final int hpOutDhMass, hpOutDhFlow, hpOutDhOut, hpOutWeFlow, hpOutWeOut;
    private final int[] passMine, passHp;
    private final boolean[] computedByUs;

    // my inputs
    private final int inAir, inRh, inIrr, inRelease, inSeries, inSeriesStart, inTankTop, inTankBottom, inConsumers;
    private final int inReturnImposed, inReturnImposedK;
    private final double[] defaults;

    // my outputs
    private final int outAirT, outRh, outIrr;
    private final int[] outSensor = new int[TANK_SENSORS];
    private final int[] outNode;
    private final int outSolarIn, outSolarOut, outSolarFlow, outSolarHeat, outSolarPump;
    private final int outNetSupply, outNetReturn, outNetFlow, outNetDemand, outNetSupplySet;
    private final int outChpState, outChpHeat;
    private final int outWeIn, outWeOut;
    private final int outTankEnergy, outTankAmbient, outTankTopPort, outTankSourceHeat;
    private final int outSolarMean, outSolarGlycol, outSolarWater, outSolarStagnation, outSolarEff, outSolarBeam, outSolarDiffuse, outSolarYieldJ;
    private final int outNetServed, outNetUnserved, outNetDeficit, outNetLoss, outNetConsumers, outNetMass, outNetConsumerDemand;
    private final int outChpMass, outChpStarts;
    private final int outSupplyHeader, outReturnHeader, outHeaderEnergy;
    private final int outGhi, outDhi, outElevation, outCosIncidence, outTimeOfYear, outSeries, outAirOffset;

    private final double headerCapacityJPerK;
    private final double cp;
    private final double[] tankIn, tankInT, tankOut;
    private final double[] sunScratch = new double[2];

    // state
    private long timeMs;
    private double supplyHeaderK, returnHeaderK;
    private double appliedTankTopK, appliedTankBottomK;
    private int seriesIndex = -1;
    private WeatherSeries.Cursor cursor;
    private double solarYieldJ;
    private double lastRefusedSeries = Double.NaN;
    private double[] outputs;
    private PlantSnapshot last;

    public SolrodPlant(PlantModel heatPump) {
        this(heatPump, SolrodPlantParameters.solrodDefaults());
    }

    public SolrodPlant(PlantModel heatPump, SolrodPlantParameters parameters) {
        if (heatPump == null) throw new IllegalArgumentException("heatPump must not be null");
        this.hp = heatPump;
        this.p = parameters;
        this.hc = heatPump.catalogue();
        this.cp = parameters.waterSpecificHeatJPerKgK();
        this.headerCapacityJPerK = parameters.headerVolumeM3() * parameters.waterDensityKgPerM3() * cp;
        this.tank = new StratifiedTank(parameters.tank());
        this.solar = new SolarLoop(parameters.solarLoop(), parameters.tankInitialBottomK());
        this.network = new DistrictHeatingNetwork(parameters.network());
        this.chp = new BiogasChp(parameters.chp());
        this.dispatcher = new RestOfPlantDispatcher(parameters.dispatcher());
        int nodes = parameters.tank().nodeCount();
        tankIn = new double[nodes];
        tankInT = new double[nodes];
        tankOut = new double[nodes];

        // heat-pump inputs this model drives, and the ones it passes through
        hpInAir = hc.inputIndex("weather.airTemperatureK");
        hpInRh = hc.inputIndex("weather.relativeHumidityRatio");
        hpInIrr = hc.inputIndex("weather.irradianceWPerM2");
        hpInReturn = hc.inputIndex("network.returnTemperatureK");
        hpInSupplySet = hc.inputIndex("network.supplyTemperatureSetK");
        // the tank-source water evaporator's inlet is the tank bottom: the CO2 plant names that input
        // tank.bottomTemperatureK; a heat pump may also name it for the evaporator itself
        int tankBottomInput = hc.inputIndex("tank.bottomTemperatureK");
        hpInWaterEvapInlet = tankBottomInput >= 0 ? tankBottomInput : hc.inputIndex("hp.waterEvaporator.waterInletTemperatureK");
        Set<Integer> driven = new HashSet<>(List.of(hpInAir, hpInRh, hpInIrr, hpInReturn, hpInSupplySet, hpInWaterEvapInlet));
        List<String> in = new ArrayList<>();
        List<Integer> pm = new ArrayList<>(), ph = new ArrayList<>();
        for (int i = 0; i < hc.inputs().size(); i++) {
            if (driven.contains(i)) continue;
            pm.add(in.size());
            ph.add(i);
            in.add(hc.inputs().get(i));
        }
        passMine = pm.stream().mapToInt(Integer::intValue).toArray();
        passHp = ph.stream().mapToInt(Integer::intValue).toArray();
        inAir = add(in, "weather.airTemperatureK");
        inRh = add(in, "weather.relativeHumidityRatio");
        inIrr = add(in, "weather.irradianceWPerM2");
        inRelease = add(in, "weather.overridesReleased");
        inSeries = add(in, "weather.seriesIndex");
        inSeriesStart = add(in, "weather.seriesStartS");
        inTankTop = add(in, "tank.initialTopTemperatureK");
        inTankBottom = add(in, "tank.initialBottomTemperatureK");
        inConsumers = add(in, "network.consumerCount");
        inReturnImposed = add(in, "network.returnTemperatureImposed");
        inReturnImposedK = add(in, "network.returnTemperatureK");

        // heat-pump outputs this model reads
        hpOutDhMass = hc.outputIndex("hp.dhWater.massFlowKgPerS");
        hpOutDhFlow = hc.outputIndex("hp.dhWater.flowM3PerS");
        hpOutDhOut = hc.outputIndex("hp.dhWater.outletTemperatureK");
        hpOutWeFlow = hc.outputIndex("hp.waterEvaporator.waterFlowM3PerS");
        hpOutWeOut = hc.outputIndex("hp.waterEvaporator.waterOutletTemperatureK");
        if (hpOutDhOut < 0 || (hpOutDhMass < 0 && hpOutDhFlow < 0)) {
            throw new IllegalArgumentException("the heat pump must publish hp.dhWater.outletTemperatureK and hp.dhWater.massFlowKgPerS or hp.dhWater.flowM3PerS");
        }

        // outputs: the heat pump's, then additions
        List<String> out = new ArrayList<>(hc.outputs());
        outAirT = find(out, "weather.airTemperatureK");
        outRh = find(out, "weather.relativeHumidityRatio");
        outIrr = find(out, "weather.irradianceWPerM2");
        for (int k = 0; k < TANK_SENSORS; k++) outSensor[k] = find(out, "tank.sensor" + (k + 1) + "TemperatureK");
        outSolarIn = find(out, "solar.collectorInletTemperatureK");
        outSolarOut = find(out, "solar.collectorOutletTemperatureK");
        outSolarFlow = find(out, "solar.loopFlowM3PerS");
        outSolarHeat = find(out, "solar.heatFlowW");
        outSolarPump = find(out, "solar.pumpRunning");
        outNetSupply = find(out, "network.supplyTemperatureK");
        outNetReturn = find(out, "network.returnTemperatureK");
        outNetFlow = find(out, "network.flowM3PerS");
        outNetDemand = find(out, "network.heatDemandW");
        outNetSupplySet = find(out, "network.supplyTemperatureSetK");
        outChpState = find(out, "chp.state");
        outChpHeat = find(out, "chp.heatFlowW");
        outWeIn = find(out, "hp.waterEvaporator.waterInletTemperatureK");
        outWeOut = find(out, "hp.waterEvaporator.waterOutletTemperatureK");
        outNode = new int[nodes];
        for (int i = 0; i < nodes; i++) outNode[i] = find(out, "tank.node" + i + "TemperatureK");
        outTankEnergy = find(out, "tank.storedEnergyJ");
        outTankAmbient = find(out, "tank.ambientHeatFlowW");
        outTankTopPort = find(out, "tank.topPortFlowKgPerS");
        outTankSourceHeat = find(out, "tank.sourceLoopHeatFlowW");
        outSolarMean = find(out, "solar.collectorMeanTemperatureK");
        outSolarGlycol = find(out, "solar.glycolFlowKgPerS");
        outSolarWater = find(out, "solar.tankSideFlowKgPerS");
        outSolarStagnation = find(out, "solar.stagnation");
        outSolarEff = find(out, "solar.efficiencyRatio");
        outSolarBeam = find(out, "solar.planeBeamIrradianceWPerM2");
        outSolarDiffuse = find(out, "solar.planeDiffuseIrradianceWPerM2");
        outSolarYieldJ = find(out, "solar.yieldJ");
        outNetServed = find(out, "network.servedHeatW");
        outNetUnserved = find(out, "network.unservedHeatW");
        outNetDeficit = find(out, "network.supplyTemperatureDeficitK");
        outNetLoss = find(out, "network.heatLossW");
        outNetConsumers = find(out, "network.consumerCount");
        outNetMass = find(out, "network.massFlowKgPerS");
        outNetConsumerDemand = find(out, "network.consumerDemandW");
        outChpMass = find(out, "chp.massFlowKgPerS");
        outChpStarts = find(out, "chp.starts");
        outSupplyHeader = find(out, "headers.supplyTemperatureK");
        outReturnHeader = find(out, "headers.returnTemperatureK");
        outHeaderEnergy = find(out, "headers.storedEnergyJ");
        outGhi = find(out, "weather.globalHorizontalWPerM2");
        outDhi = find(out, "weather.diffuseHorizontalWPerM2");
        outElevation = find(out, "weather.sunElevationRad");
        outCosIncidence = find(out, "weather.collectorCosIncidence");
        outTimeOfYear = find(out, "weather.timeOfYearS");
        outSeries = find(out, "weather.seriesIndex");
        outAirOffset = find(out, "weather.airTemperatureOffsetK");
        computedByUs = new boolean[out.size()];
        for (int i = 0; i < out.size(); i++) {
            boolean hpName = i < hc.outputs().size();
            computedByUs[i] = !hpName || COMPUTED_PREFIXES.stream().anyMatch(out.get(i)::startsWith);
        }
        this.catalogue = new SignalCatalogue(out, in);

        double[] hpDefaults = hp.defaultInputs().values();
        defaults = new double[in.size()];
        for (int k = 0; k < passMine.length; k++) defaults[passMine[k]] = hpDefaults[passHp[k]];
        defaults[inAir] = Double.NaN;
        defaults[inRh] = Double.NaN;
        defaults[inIrr] = Double.NaN;
        defaults[inRelease] = 0;
        defaults[inSeries] = p.weatherSeriesIndex();
        defaults[inSeriesStart] = 0;
        defaults[inTankTop] = p.tankInitialTopK();
        defaults[inTankBottom] = p.tankInitialBottomK();
        defaults[inConsumers] = p.network().consumerCount();
        defaults[inReturnImposed] = 0;
        defaults[inReturnImposedK] = p.network().returnTemperatureAtDesignK();
        reset(0);
    }

    private static int add(List<String> names, String name) {
        if (names.contains(name)) throw new IllegalArgumentException("input '" + name + "' declared twice");
        names.add(name);
        return names.size() - 1;
    }

    private static int find(List<String> names, String name) {
        int i = names.indexOf(name);
        if (i >= 0) return i;
        names.add(name);
        return names.size() - 1;
    }

    public PlantModel heatPump() { return hp; }

    public SolrodPlantParameters parameters() { return p; }

    public StratifiedTank tank() { return tank; }

    public SolarLoop solarLoop() { return solar; }

    public DistrictHeatingNetwork network() { return network; }

    public BiogasChp chp() { return chp; }

    @Override
    public SignalCatalogue catalogue() { return catalogue; }

    /** The heat pump's defaults, weather overrides unset (NaN: follow the series), winter design day, tank 70/40 °C, 350 consumers. */
    @Override
    public PlantInputs defaultInputs() { return new PlantInputs(defaults); }

    @Override
    public void reset(long seed) {
        hp.reset(seed);
        timeMs = 0;
        tank.setLinearProfile(p.tankInitialTopK(), p.tankInitialBottomK());
        appliedTankTopK = p.tankInitialTopK();
        appliedTankBottomK = p.tankInitialBottomK();
        solar.reset(p.tankInitialBottomK());
        chp.reset();
        dispatcher.reset();
        network.setConsumerCount(p.network().consumerCount());
        network.resetPipes();
        supplyHeaderK = p.tankInitialTopK();
        returnHeaderK = p.network().returnTemperatureAtDesignK();
        seriesIndex = -1;
        solarYieldJ = 0;
        lastRefusedSeries = Double.NaN;
        double[] hpOut = hp.snapshot().outputs();
        outputs = new double[catalogue.outputs().size()];
        System.arraycopy(hpOut, 0, outputs, 0, hpOut.length);
        Weather w = weather(defaults, 0.0);
        network.demand(w.airK);
        network.serve(Math.min(supplyHeaderK, network.supplyTemperatureSetK()));
        publish(w, 0, 0, 0, network.servedHeatW());
        last = new PlantSnapshot(0, outputs, List.of());
    }

    @Override
    public PlantSnapshot snapshot() { return last; }

    @Override
    public List<String> resetLatchedTrips() { return hp.resetLatchedTrips(); }

    /** The heat pump's sub-step (the rest of the plant integrates each step whole; the tank sub-steps on its own). */
    @Override
    public double maxSubstepS() { return hp.maxSubstepS(); }

    @Override
    public double largestValidatedSubstepS() { return hp.largestValidatedSubstepS(); }

    @Override
    public void setMaxSubstepS(double seconds) { hp.setMaxSubstepS(seconds); }

    /** Weather at a step: effective air, humidity, plane irradiance with its beam/diffuse split, sun. */
    private static final class Weather {
        double airK, rh, planeW, beamW, diffuseW, cosIncidence, cosZenith, ghi, dhi, timeOfYearS;
    }

    private final Weather weather = new Weather();

    private Weather weather(double[] u, double plantTimeS) {
        int index = (int) Math.round(u[inSeries]);
        if (index < 0 || index >= BuiltInWeather.count()) index = p.weatherSeriesIndex();
        if (index != seriesIndex) {
            seriesIndex = index;
            cursor = BuiltInWeather.byIndex(index).cursor();
        }
        WeatherSeries series = BuiltInWeather.byIndex(index);
        double startS = Double.isFinite(u[inSeriesStart]) ? u[inSeriesStart] : 0;
        cursor.at(series.dayStartS() + startS + plantTimeS);
        Weather w = weather;
        w.timeOfYearS = cursor.timeOfYearS();
        w.ghi = cursor.globalHorizontalWPerM2();
        w.dhi = cursor.diffuseHorizontalWPerM2();
        SunPosition sun = p.sun();
        w.cosZenith = sun.cosZenith(w.timeOfYearS);
        w.cosIncidence = sun.cosIncidence(w.timeOfYearS, p.plane().slopeRad(), p.plane().azimuthRad());
        double beam = p.plane().beamWPerM2(w.ghi, w.dhi, w.cosZenith, w.cosIncidence);
        double diffuse = p.plane().diffuseWPerM2(w.ghi, w.dhi, w.cosZenith);
        boolean overrides = !(u[inRelease] >= 0.5);
        // the site's air offset (a parameter corner, issue #17) on the series and on an imposed air alike:
        // T_air = T_series|imposed + ΔT_offset; the relative humidity is kept, so the moisture follows the air
        w.airK = (overrides && Double.isFinite(u[inAir]) ? u[inAir] : cursor.airTemperatureK()) + p.airTemperatureOffsetK();
        w.rh = overrides && Double.isFinite(u[inRh]) ? u[inRh] : cursor.relativeHumidityRatio();
        if (overrides && Double.isFinite(u[inIrr])) {
            double g = Math.max(0.0, u[inIrr]);
            double total = beam + diffuse;
            double beamShare = total > 0 ? beam / total : 0.0;
            beam = g * beamShare;
            diffuse = g - beam;
        }
        w.beamW = beam;
        w.diffuseW = diffuse;
        w.planeW = beam + diffuse;
        return w;
    }

    @Override
    public PlantSnapshot step(double dtS, PlantInputs inputs) {
        if (!(dtS > 0) || Double.isInfinite(dtS)) throw new IllegalArgumentException("dtS must be > 0, was " + dtS);
        if (inputs.size() != defaults.length) {
            throw new IllegalArgumentException("inputs have " + inputs.size() + " values for " + defaults.length + " plant inputs");
        }
        double[] u = inputs.values();
        List<String> events = new ArrayList<>(0);

        // scenario settings: consumers, tank re-initialisation
        int consumers = (int) Math.max(0, Math.round(Double.isFinite(u[inConsumers]) ? u[inConsumers] : p.network().consumerCount()));
        if (consumers != network.consumerCount()) {
            network.setConsumerCount(consumers);
            events.add("network consumers set to " + consumers);
        }
        double top = u[inTankTop], bottom = u[inTankBottom];
        if ((top != appliedTankTopK || bottom != appliedTankBottomK) && Double.isFinite(top) && Double.isFinite(bottom) && top > 273.15 && bottom > 273.15) {
            tank.setLinearProfile(top, bottom);
            appliedTankTopK = top;
            appliedTankBottomK = bottom;
            events.add(String.format(java.util.Locale.ROOT, "tank set to %.1f degC at the top, %.1f degC at the bottom", top - 273.15, bottom - 273.15));
        }

        int requestedSeries = (int) Math.round(u[inSeries]);
        if ((requestedSeries < 0 || requestedSeries >= BuiltInWeather.count()) && u[inSeries] != lastRefusedSeries) {
            events.add("weather.seriesIndex " + u[inSeries] + " is not 0.." + (BuiltInWeather.count() - 1) + ": series " + p.weatherSeriesIndex() + " applies");
        }
        lastRefusedSeries = u[inSeries];

        // weather, network demand and weather curve (the dispatcher publishes the set-point)
        Weather w = weather(u, timeMs / 1000.0);
        network.demand(w.airK);
        double supplySetK = network.supplyTemperatureSetK();
        double tankBottomK = tank.bottomTemperatureK();
        double tankTopK = tank.topTemperatureK();
        // an imposed DH return (a scenario's "the district-heating return is 55 °C") wins over the network model: the
        // return header is held at it, so the heat pump, the CHP and the tank bottom all see it; releasing hands back
        boolean returnImposed = u[inReturnImposed] >= 0.5 && Double.isFinite(u[inReturnImposedK]) && u[inReturnImposedK] > 273.15;
        if (returnImposed) returnHeaderK = u[inReturnImposedK];
        double supplyHeaderOldK = supplyHeaderK, returnHeaderOldK = returnHeaderK;

        // the heat pump, with its external inputs from the plant
        double[] hu = hp.defaultInputs().values();
        for (int k = 0; k < passMine.length; k++) hu[passHp[k]] = u[passMine[k]];
        if (hpInAir >= 0) hu[hpInAir] = w.airK;
        if (hpInRh >= 0) hu[hpInRh] = w.rh;
        if (hpInIrr >= 0) hu[hpInIrr] = w.planeW;
        if (hpInReturn >= 0) hu[hpInReturn] = returnHeaderOldK;
        if (hpInSupplySet >= 0) hu[hpInSupplySet] = supplySetK;
        if (hpInWaterEvapInlet >= 0) hu[hpInWaterEvapInlet] = tankBottomK;
        PlantSnapshot hs = hp.step(dtS, new PlantInputs(hu));
        events.addAll(hs.events());
        double hpMass = hpOutDhMass >= 0 ? hs.output(hpOutDhMass) : hs.output(hpOutDhFlow) * p.waterDensityKgPerM3();
        hpMass = Math.max(0.0, hpMass);
        double hpOutK = hs.output(hpOutDhOut);
        double weMass = 0, weOutK = tankBottomK;
        if (hpInWaterEvapInlet >= 0 && hpOutWeFlow >= 0 && hpOutWeOut >= 0) {
            weMass = Math.max(0.0, hs.output(hpOutWeFlow) * p.waterDensityKgPerM3());
            weOutK = hs.output(hpOutWeOut);
        }

        // CHP top-up (dispatcher); the engine is cooled with return-header water
        boolean run = dispatcher.chpRunRequest(tank, supplySetK, supplyHeaderOldK, returnHeaderOldK, dtS);
        String chpEvent = chp.step(dtS, run, dispatcher.chpForcedStop(returnHeaderOldK));
        if (chpEvent != null) events.add(chpEvent);
        double chpOutK = Math.max(supplySetK + p.chp().outletAboveSupplySetK(), returnHeaderOldK + CHP_MIN_RISE_K);
        double chpMass = chp.heatFlowW() / (cp * (chpOutK - returnHeaderOldK));

        // heat pump's diverting valve: supply header, or into the tank at the level of its own temperature
        boolean hpToHeader = dispatcher.heatPumpToSupplyHeader(hpOutK, supplySetK);
        double hpToHeaderMass = hpToHeader ? hpMass : 0.0;
        double hpToTankMass = hpToHeader ? 0.0 : hpMass;
        int hpNode = tank.nodeCount() - 1;
        if (hpToTankMass > 0) {
            for (int i = 0; i < tank.nodeCount(); i++) {
                if (tank.temperatureK(i) <= hpOutK) {
                    hpNode = i;
                    break;
                }
            }
        }

        // solar loop (tank bottom → exchanger → tank top)
        double absorbed = solar.field().absorbedIrradianceWPerM2(w.beamW, w.diffuseW, w.cosIncidence);
        boolean wasRunning = solar.pumpRunning();
        solar.step(dtS, w.planeW, absorbed, w.airK, tankBottomK, tankTopK, dispatcher.solarTargetOutletK(supplySetK));
        if (solar.pumpRunning() != wasRunning) events.add(solar.pumpRunning() ? "P-401 solar loop started" : "P-401 solar loop stopped");
        solarYieldJ += solar.heatToTankW() * dtS;

        // network draw through its mixing shunt: supply at min(header, set-point)
        double networkSupplyK;
        double headerDraw;
        double demandW = network.heatDemandW();
        if (supplyHeaderOldK > supplySetK && network.massFlowKgPerS() > 0) {
            networkSupplyK = supplySetK;
            headerDraw = Math.min(network.massFlowKgPerS(), demandW / (cp * (supplyHeaderOldK - network.returnTemperatureNominalK())));
        } else {
            networkSupplyK = supplyHeaderOldK;
            headerDraw = network.massFlowKgPerS();
        }
        network.serve(networkSupplyK, dtS);
        double networkReturnK = network.returnTemperatureK();
        // the shunt recirculates (ṁ − draw) of the return into the supply; the draw goes back to the return header at the
        // return temperature, so the heat taken from the header is ṁ_draw·c_p·(T_header − T_return)
        double servedW = headerDraw * cp * (supplyHeaderOldK - networkReturnK);

        // headers and tank (the tank is the hydraulic separator between them)
        double topPort = hpToHeaderMass + chpMass - headerDraw;   // > 0: header → tank top (charging); < 0: tank top → header
        double bottomOut = topPort + hpToTankMass;                // > 0: tank bottom → return header; < 0: return header → tank bottom
        // supply header: in HP (routed), CHP, tank discharge; out network draw and tank charge, at the old header temperature
        double shMass = hpToHeaderMass + chpMass + (topPort < 0 ? -topPort : 0.0);
        double shEnthalpy = hpToHeaderMass * hpOutK + chpMass * chpOutK + (topPort < 0 ? -topPort * tankTopK : 0.0);
        supplyHeaderK = mixHeader(supplyHeaderOldK, shMass, shEnthalpy, dtS);
        // return header: in network return and tank-bottom outflow; out HP, CHP and tank-bottom inflow
        double rhMass = headerDraw + (bottomOut > 0 ? bottomOut : 0.0);
        double rhEnthalpy = headerDraw * networkReturnK + (bottomOut > 0 ? bottomOut * tankBottomK : 0.0);
        returnHeaderK = returnImposed ? returnHeaderOldK : mixHeader(returnHeaderOldK, rhMass, rhEnthalpy, dtS);

        int last = tank.nodeCount() - 1;
        java.util.Arrays.fill(tankIn, 0);
        java.util.Arrays.fill(tankOut, 0);
        if (topPort > 0) inflow(0, topPort, supplyHeaderOldK);
        else tankOut[0] += -topPort;
        if (hpToTankMass > 0) inflow(hpNode, hpToTankMass, hpOutK);
        if (bottomOut > 0) tankOut[last] += bottomOut;
        else if (bottomOut < 0) inflow(last, -bottomOut, returnHeaderOldK);
        double solarWater = solar.waterFlowKgPerS();
        if (solarWater > 0) {
            inflow(0, solarWater, solar.waterOutletTemperatureK());
            tankOut[last] += solarWater;
        }
        double tankSourceW = 0;
        if (weMass > 0) {
            inflow(last, weMass, weOutK);
            tankOut[last] += weMass;
            tankSourceW = weMass * cp * (weOutK - tankBottomK);
        }
        tank.step(dtS, tankIn, tankInT, tankOut, w.airK, p.network().groundTemperatureK());

        timeMs += Math.round(dtS * 1000.0);
        double[] hpOut = hs.outputs();
        System.arraycopy(hpOut, 0, outputs, 0, hpOut.length);
        publish(w, topPort, tankSourceW, chpMass, servedW);
        if (hpInWaterEvapInlet < 0) {
            // the heat pump has no tank-source input: its water-evaporator temperatures are placeholders; show the tank bottom
            if (outWeIn < hpOut.length) outputs[outWeIn] = tank.bottomTemperatureK();
            if (outWeOut < hpOut.length) outputs[outWeOut] = tank.bottomTemperatureK();
        }
        this.last = new PlantSnapshot(timeMs, outputs, events);
        return this.last;
    }

    /**
     * A header's mixing volume, explicit: T' = T + dt·Σṁ_in·(T_in − T)/M, which conserves energy exactly with the outflows
     * at T. A step that would replace more than the whole volume (dt·Σṁ_in &gt; M, only at steps of minutes) takes the
     * inflow's mixed temperature instead, bounded but no longer exact.
     */
    private double mixHeader(double oldK, double inflowKgPerS, double inflowMassTimesTemperature, double dtS) {
        if (inflowKgPerS <= 0) return oldK;
        double mass = headerCapacityJPerK / cp;
        double exchanged = dtS * inflowKgPerS / mass;
        double inflowK = inflowMassTimesTemperature / inflowKgPerS;
        return exchanged >= 1 ? inflowK : oldK + exchanged * (inflowK - oldK);
    }

    /** Adds an inflow at a tank node, mixing its temperature with what already enters there. */
    private void inflow(int node, double massKgPerS, double temperatureK) {
        double before = tankIn[node];
        tankInT[node] = before > 0 ? (before * tankInT[node] + massKgPerS * temperatureK) / (before + massKgPerS) : temperatureK;
        tankIn[node] = before + massKgPerS;
    }

    private void publish(Weather w, double topPortKgPerS, double tankSourceW, double chpMass, double servedW) {
        double[] y = outputs;
        y[outAirT] = w.airK;
        y[outRh] = w.rh;
        y[outIrr] = w.planeW;
        int nodes = tank.nodeCount();
        for (int k = 0; k < TANK_SENSORS; k++) {
            int node = (int) Math.round((double) k * (nodes - 1) / (TANK_SENSORS - 1));
            y[outSensor[k]] = tank.temperatureK(node);
        }
        for (int i = 0; i < nodes; i++) y[outNode[i]] = tank.temperatureK(i);
        y[outSolarIn] = solar.collectorInletTemperatureK();
        y[outSolarOut] = solar.collectorOutletTemperatureK();
        y[outSolarFlow] = solar.glycolFlowM3PerS();
        y[outSolarHeat] = solar.heatToTankW();
        y[outSolarPump] = solar.pumpRunning() ? 1 : 0;
        y[outNetSupply] = network.supplyTemperatureK();
        y[outNetReturn] = network.returnTemperatureK();
        y[outNetFlow] = network.flowM3PerS();
        y[outNetDemand] = network.heatDemandW();
        y[outNetSupplySet] = network.supplyTemperatureSetK();
        y[outChpState] = chp.state();
        y[outChpHeat] = chp.heatFlowW();
        y[outTankEnergy] = tank.storedEnergyJ();
        y[outTankAmbient] = tank.ambientHeatFlowW();
        y[outTankTopPort] = topPortKgPerS;
        y[outTankSourceHeat] = tankSourceW;
        y[outSolarMean] = solar.field().meanTemperatureK();
        y[outSolarGlycol] = solar.glycolFlowKgPerS();
        y[outSolarWater] = solar.waterFlowKgPerS();
        y[outSolarStagnation] = solar.stagnation() ? 1 : 0;
        y[outSolarEff] = w.planeW > 1.0 ? solar.heatToTankW() / (p.solarLoop().collector().areaM2() * w.planeW) : 0.0;
        y[outSolarBeam] = w.beamW;
        y[outSolarDiffuse] = w.diffuseW;
        y[outSolarYieldJ] = solarYieldJ;
        y[outNetServed] = servedW;
        y[outNetUnserved] = network.unservedHeatW();
        y[outNetDeficit] = Math.max(0.0, network.supplyTemperatureSetK() - network.supplyTemperatureK());
        y[outNetLoss] = network.heatLossW();
        y[outNetConsumers] = network.consumerCount();
        y[outNetMass] = network.massFlowKgPerS();
        y[outNetConsumerDemand] = network.consumerDemandW();
        y[outChpMass] = chpMass;
        y[outChpStarts] = chp.starts();
        y[outSupplyHeader] = supplyHeaderK;
        y[outReturnHeader] = returnHeaderK;
        y[outHeaderEnergy] = headerCapacityJPerK * (supplyHeaderK + returnHeaderK - 2 * StratifiedTankParameters.energyReferenceK());
        y[outGhi] = w.ghi;
        y[outDhi] = w.dhi;
        y[outElevation] = Math.asin(Math.max(-1, Math.min(1, w.cosZenith)));
        y[outCosIncidence] = w.cosIncidence;
        y[outTimeOfYear] = w.timeOfYearS;
        y[outSeries] = seriesIndex;
        y[outAirOffset] = p.airTemperatureOffsetK();
    }

    /** True for outputs this model computes (the rest of the plant and the additions), false for the heat pump's own. */
    public boolean computedHere(int outputIndex) { return computedByUs[outputIndex]; }
}
