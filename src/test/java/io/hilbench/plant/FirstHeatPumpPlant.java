package io.hilbench.plant;

import io.hilbench.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * The first, deliberately simple plant: a CO2 heat pump reduced to a Carnot-efficiency rating model with first-order
 * dynamics, its DH water side, and the two safety functions the first scenarios need. It offers every name the
 * Solrød rig binds (so the point map binds unchanged); what it does not model is held at documented parameter
 * values. The heat-pump issue replaces it behind {@link PlantModel}. Equations, assumptions, validity and the list of
 * what is held constant: {@code FirstHeatPumpPlant.md} beside this file.
 *
 * <p><b>A test fixture, no longer a plant model a rig can serve</b> (retired from {@code plant.model} in issue #15 item 8:
 * {@code co2-heat-pump} offers every one of its names). Kept in src/test as the fast plant of the controller's and the
 * runtime's loop tests and of the rest-of-plant tests ({@code SolrodPlant} around it): a step costs microseconds, no CO2
 * cycle, so those tests judge the controller, the loop and the site rather than the heat pump's physics.
 *
 * <p>Conventions: heat flow is positive into the water (heat output) and positive out of the air (evaporator heat);
 * compressor 1 is C-211; air section 1 is XV-231/F-251; tank sensor 1 is the top.
 *
 * <p>Equations (per step of length dt, explicit in the inputs, exact or implicit in the states, so any dt is stable):
 * <pre>
 *   T_evap  = T_air − ΔT_evap                                                   (1) evaporating temperature
 *   Q_h     = Q_nom · Σf_i / (N · f_max) · max(0, 1 + s·(T_air − T_rated))      (2) heat output, compressors' speed share
 *   T_H     = (T_out − T_in) / ln(T_out / T_in)                                 (3) entropic mean of the water side (Lorenz)
 *   COP     = clamp(η_C · T_H / (T_H − T_evap), 1, 8)                          (4) Carnot-efficiency COP
 *   P_el    = Q_h / COP,  Q_evap = Q_h − P_el                                   (5) energy balance of the cycle
 *   C·dT_out/dt = Q_h − ṁ·c_p·(T_out − T_in)                                   (6) gas-cooler water node, implicit Euler
 *   τ_pump·dṁ/dt = ṁ_set − ṁ,  ṁ_set = ṁ_nom · speed · available             (7) DH flow
 *   t_gc    = T_in + ΔT_gc + max(0, 1 − r/r_knee)·(T_out − T_in),  r = ṁ/ṁ_nom (8) CO2 outlet warms as water flow falls
 *   p_opt   = (2.778 − 0.0157·t_e)·t_gc + (0.381·t_e − 9.34)  [bar, °C]        (9) Liao, Zhao & Jakobsen 2000
 *   p_gc,set = p_suc + (p_opt − p_suc)·(u_nom / u)^γ                            (10) HP valve opening u moves the pressure
 *   τ_p·dp/dt = p_set − p                                                        (11) first order, exact step
 *   p_sat(T) = exp(A − B/T), through 26.49 bar at −10 °C and 34.85 bar at 0 °C   (12) Clausius–Clapeyron fit (domain notes §2.2)
 *   T_dis   = (T_evap + ΔT_sh) · (p_gc / p_suc)^n                               (13) fitted exponent
 * </pre>
 * Safety chain: HP switch at {@code hpSwitchTripPa}, latched, resettable only below {@code hpSwitchResetBelowPa};
 * flow switch FSL-271 below {@code flowSwitchThresholdRatio} of nominal flow for {@code flowSwitchDelayS} while a
 * compressor runs, latched; either stops every compressor from the next step on, until {@link #resetLatchedTrips()}.
 * Relief valve: the gas-cooler pressure cannot exceed {@code reliefSetPa} (PSV-202 shows open while it vents).
 */
public final class FirstHeatPumpPlant implements PlantModel {
    /** Air evaporator sections the rig binds (XV-23s, XV-24s, F-25s, TT-23s, PDT-23s). */
    public static final int SECTIONS = 4;
    /** Tank sensors the rig binds (TT-301 top .. TT-306). */
    public static final int TANK_SENSORS = 6;
    /** Bounds of the COP of equation (4): at least the electric input comes out as heat; no more than a plausible 8. */
    static final double COP_MIN = 1.0;
    static final double COP_MAX = 8.0;
    /** CHP heat output limit (3.7 MW [S DESIGN §5]) for the crude dispatcher. */
    static final double CHP_HEAT_MAX_W = 3.7e6;

    private final FirstHeatPumpParameters p;
    private final SignalCatalogue catalogue;
    private final int n;

    // inputs
    private final int[] inEnable;
    private final int[] inSpeedSet;
    private final int[] inVfdFault;
    private final int[] inSectionValve = new int[SECTIONS];
    private final int[] inFanSpeed = new int[SECTIONS];
    private final int inHpValveSet;
    private final int inBypassSet;
    private final int inTankPumpEnable;
    private final int inTankPumpSpeed;
    private final int inDhPumpEnable;
    private final int inDhPumpSpeed;
    private final int inAirT;
    private final int inRh;
    private final int inIrradiance;
    private final int inReturnT;
    private final int inSupplySetT;
    private final int inDhPumpFailed;
    private final int inFlowAvailable;
    private final int inHpValveStuck;
    private final int inHpValveStuckOpening;

    // outputs
    private final int outAirT, outRh, outIrradiance;
    private final int outSuctionP, outSuctionT, outGasCoolerP, outDischargeT, outGasCoolerOutT, outReceiverP, outPower, outHeat;
    private final int outHpTripped, outLpTripped, outDischargeTripped, outReliefOpen;
    private final int[] outSpeed, outRunning, outFault;
    private final int outHpValve, outBypass;
    private final int[] outCoilT = new int[SECTIONS];
    private final int[] outCoilDp = new int[SECTIONS];
    private final int outWeInT, outWeOutT, outWeFlow, outTankPumpRunning;
    private final int outDhInT, outDhOutT, outDhFlow, outDhFlowLow, outDhPumpRunning;
    private final int[] outTank = new int[TANK_SENSORS];
    private final int outSolarInT, outSolarOutT, outSolarFlow, outSolarHeat, outSolarPump;
    private final int outNetSupplyT, outNetReturnT, outNetFlow, outNetDemand, outNetSupplySet, outChpState, outChpHeat;
    private final int outCop, outEvapHeat, outEvapT, outDhMassFlow, outFlowTripped;

    private final double[] defaults;

    // state
    private long timeMs;
    private double[] speedHz;
    private double dhMassFlowKgPerS;
    private double supplyTemperatureK;
    private double gasCoolerPressurePa;
    private double suctionPressurePa;
    private double dischargeTemperatureK;
    private double hpValveOpeningRatio;
    private double bypassOpeningRatio;
    private boolean hpSwitchTripped;
    private boolean flowSwitchTripped;
    private boolean reliefOpen;
    private double lowFlowS;
    private double[] outputs;

    public FirstHeatPumpPlant() {
        this(FirstHeatPumpParameters.solrodDefaults());
    }

    public FirstHeatPumpPlant(FirstHeatPumpParameters parameters) {
        this.p = parameters;
        this.n = parameters.compressorCount();
        List<String> out = new ArrayList<>();
        List<String> in = new ArrayList<>();
        Names o = new Names(out);
        Names i = new Names(in);

        // outputs: first the Solrød rig's names, in the order the rig was first written against, then this model's extras
        outAirT = o.add("weather.airTemperatureK");
        outRh = o.add("weather.relativeHumidityRatio");
        outIrradiance = o.add("weather.irradianceWPerM2");
        outSuctionP = o.add("hp.suctionPressurePa");
        outSuctionT = o.add("hp.suctionTemperatureK");
        outGasCoolerP = o.add("hp.gasCoolerPressurePa");
        outDischargeT = o.add("hp.dischargeTemperatureK");
        outGasCoolerOutT = o.add("hp.gasCoolerOutletTemperatureK");
        outReceiverP = o.add("hp.receiverPressurePa");
        outPower = o.add("hp.compressorPowerW");
        outHeat = o.add("hp.heatFlowW");
        outHpTripped = o.add("hp.safety.hpSwitchTripped");
        outLpTripped = o.add("hp.safety.lpSwitchTripped");
        outDischargeTripped = o.add("hp.safety.dischargeTemperatureTripped");
        outReliefOpen = o.add("hp.safety.reliefValveOpen");
        outSpeed = new int[n];
        outRunning = new int[n];
        outFault = new int[n];
        for (int c = 0; c < n; c++) {
            outSpeed[c] = o.add("hp.compressor" + (c + 1) + ".speedHz");
            outRunning[c] = o.add("hp.compressor" + (c + 1) + ".running");
            outFault[c] = o.add("hp.compressor" + (c + 1) + ".fault");
        }
        outHpValve = o.add("hp.hpValve.openingRatio");
        outBypass = o.add("hp.bypassValve.openingRatio");
        for (int s = 0; s < SECTIONS; s++) {
            outCoilT[s] = o.add("hp.airSection" + (s + 1) + ".coilTemperatureK");
            outCoilDp[s] = o.add("hp.airSection" + (s + 1) + ".airPressureDropPa");
        }
        outWeInT = o.add("hp.waterEvaporator.waterInletTemperatureK");
        outWeOutT = o.add("hp.waterEvaporator.waterOutletTemperatureK");
        outWeFlow = o.add("hp.waterEvaporator.waterFlowM3PerS");
        outTankPumpRunning = o.add("hp.tankSourcePump.running");
        outDhInT = o.add("hp.dhWater.inletTemperatureK");
        outDhOutT = o.add("hp.dhWater.outletTemperatureK");
        outDhFlow = o.add("hp.dhWater.flowM3PerS");
        outDhFlowLow = o.add("hp.dhWater.flowLow");
        outDhPumpRunning = o.add("hp.dhPump.running");
        for (int k = 0; k < TANK_SENSORS; k++) outTank[k] = o.add("tank.sensor" + (k + 1) + "TemperatureK");
        outSolarInT = o.add("solar.collectorInletTemperatureK");
        outSolarOutT = o.add("solar.collectorOutletTemperatureK");
        outSolarFlow = o.add("solar.loopFlowM3PerS");
        outSolarHeat = o.add("solar.heatFlowW");
        outSolarPump = o.add("solar.pumpRunning");
        outNetSupplyT = o.add("network.supplyTemperatureK");
        outNetReturnT = o.add("network.returnTemperatureK");
        outNetFlow = o.add("network.flowM3PerS");
        outNetDemand = o.add("network.heatDemandW");
        outNetSupplySet = o.add("network.supplyTemperatureSetK");
        outChpState = o.add("chp.state");
        outChpHeat = o.add("chp.heatFlowW");
        outCop = o.add("hp.cop");
        outEvapHeat = o.add("hp.evaporatorHeatFlowW");
        outEvapT = o.add("hp.evaporatingTemperatureK");
        outDhMassFlow = o.add("hp.dhWater.massFlowKgPerS");
        outFlowTripped = o.add("hp.safety.flowSwitchTripped");

        // inputs: the actuators the rig binds, then the external inputs a scenario sets
        inEnable = new int[n];
        inSpeedSet = new int[n];
        inVfdFault = new int[n];
        for (int c = 0; c < n; c++) {
            inEnable[c] = i.add("hp.compressor" + (c + 1) + ".enable");
            inSpeedSet[c] = i.add("hp.compressor" + (c + 1) + ".speedSetHz");
        }
        inHpValveSet = i.add("hp.hpValve.openingSetRatio");
        inBypassSet = i.add("hp.bypassValve.openingSetRatio");
        for (int s = 0; s < SECTIONS; s++) {
            inSectionValve[s] = i.add("hp.airSection" + (s + 1) + ".valveOpen");
            i.add("hp.airSection" + (s + 1) + ".defrostValveOpen");
            inFanSpeed[s] = i.add("hp.airSection" + (s + 1) + ".fanSpeedSetRatio");
        }
        i.add("hp.waterEvaporator.valveOpen");
        inTankPumpEnable = i.add("hp.tankSourcePump.enable");
        inTankPumpSpeed = i.add("hp.tankSourcePump.speedSetRatio");
        inDhPumpEnable = i.add("hp.dhPump.enable");
        inDhPumpSpeed = i.add("hp.dhPump.speedSetRatio");
        inAirT = i.add("weather.airTemperatureK");
        inRh = i.add("weather.relativeHumidityRatio");
        inIrradiance = i.add("weather.irradianceWPerM2");
        inReturnT = i.add("network.returnTemperatureK");
        inSupplySetT = i.add("network.supplyTemperatureSetK");
        inDhPumpFailed = i.add("fault.dhPump.failed");
        inFlowAvailable = i.add("fault.dhWater.flowAvailableRatio");
        inHpValveStuck = i.add("fault.hpValve.stuck");
        inHpValveStuckOpening = i.add("fault.hpValve.stuckOpeningRatio");
        for (int c = 0; c < n; c++) inVfdFault[c] = i.add("fault.compressor" + (c + 1) + ".vfdFault");

        this.catalogue = new SignalCatalogue(out, in);
        this.defaults = new double[in.size()];
        defaults[inAirT] = p.airTemperatureRatedK();
        defaults[inRh] = 0.9;
        defaults[inIrradiance] = 0.0;
        defaults[inReturnT] = Units.degCToK(40);
        defaults[inSupplySetT] = Units.degCToK(75);
        defaults[inFlowAvailable] = 1.0;
        defaults[inHpValveSet] = 0.0;
        reset(0);
    }

    /** Index bookkeeping for the catalogue lists. */
    private record Names(List<String> list) {
        int add(String name) {
            list.add(name);
            return list.size() - 1;
        }
    }

    public FirstHeatPumpParameters parameters() { return p; }

    @Override
    public SignalCatalogue catalogue() { return catalogue; }

    /**
     * Actuators at rest (0); weather at the rating point (0 °C, 90 % RH, no sun); DH return 40 °C; network supply
     * set-point 75 °C; no physical fault, full DH flow available.
     */
    @Override
    public PlantInputs defaultInputs() { return new PlantInputs(defaults); }

    /** Back to standstill at plant time 0: pressures equalised at the machine-room temperature, water at DH return. The model has no random part; the seed is not used. */
    @Override
    public void reset(long seed) {
        timeMs = 0;
        speedHz = new double[n];
        dhMassFlowKgPerS = 0;
        supplyTemperatureK = defaults[inReturnT];
        double standstill = saturationPressurePa(p.standstillTemperatureK());
        gasCoolerPressurePa = standstill;
        suctionPressurePa = standstill;
        dischargeTemperatureK = p.standstillTemperatureK();
        hpValveOpeningRatio = 0;
        bypassOpeningRatio = 0;
        hpSwitchTripped = false;
        flowSwitchTripped = false;
        reliefOpen = false;
        lowFlowS = 0;
        outputs = computeOutputs(defaults, 0, 0, 0, 1, supplyTemperatureK);
    }

    @Override
    public PlantSnapshot snapshot() { return new PlantSnapshot(timeMs, outputs, List.of()); }

    @Override
    public List<String> resetLatchedTrips() {
        List<String> events = new ArrayList<>();
        if (flowSwitchTripped) {
            flowSwitchTripped = false;
            lowFlowS = 0;
            events.add("FSL-271 flow-switch trip reset");
        }
        if (hpSwitchTripped) {
            if (gasCoolerPressurePa < p.hpSwitchResetBelowPa()) {
                hpSwitchTripped = false;
                events.add("PSHH-202 HP switch reset");
            } else {
                events.add(String.format(java.util.Locale.ROOT, "PSHH-202 HP switch reset refused: %.1f bar is not below %.1f bar",
                        Units.paToBar(gasCoolerPressurePa), Units.paToBar(p.hpSwitchResetBelowPa())));
            }
        }
        outputs[outHpTripped] = hpSwitchTripped ? 1 : 0;
        outputs[outFlowTripped] = flowSwitchTripped ? 1 : 0;
        return events;
    }

    @Override
    public PlantSnapshot step(double dtS, PlantInputs inputs) {
        if (!(dtS > 0) || Double.isInfinite(dtS)) throw new IllegalArgumentException("dtS must be > 0, was " + dtS);
        if (inputs.size() != defaults.length) {
            throw new IllegalArgumentException("inputs have " + inputs.size() + " values for " + defaults.length + " plant inputs");
        }
        double[] u = inputs.values();
        List<String> events = new ArrayList<>(0);
        double airK = u[inAirT];
        double returnK = u[inReturnT];
        double cp = p.waterSpecificHeatJPerKgK();

        // compressors (a latched trip stops them all; a set-point below the VFD minimum stops one)
        boolean chainTripped = hpSwitchTripped || flowSwitchTripped;
        double speedSum = 0;
        for (int c = 0; c < n; c++) {
            double set = u[inSpeedSet[c]];
            boolean runAllowed = u[inEnable[c]] >= 0.5 && !chainTripped && u[inVfdFault[c]] < 0.5 && set >= p.compressorSpeedMinHz();
            double target = runAllowed ? Math.min(set, p.compressorSpeedMaxHz()) : 0.0;
            speedHz[c] = target == 0.0 ? 0.0 : moveToward(speedHz[c], target, p.compressorRampHzPerS() * dtS);
            speedSum += speedHz[c];
        }
        boolean running = speedSum > 0;

        // DH pump and flow (7)
        boolean pumpRunning = u[inDhPumpEnable] >= 0.5 && u[inDhPumpSpeed] > 0 && u[inDhPumpFailed] < 0.5;
        double flowSet = pumpRunning ? p.dhMassFlowNominalKgPerS() * clamp01(u[inDhPumpSpeed]) * clamp01(u[inFlowAvailable]) : 0.0;
        dhMassFlowKgPerS = relax(dhMassFlowKgPerS, flowSet, dtS, p.dhPumpTimeConstantS());
        double flowRatio = dhMassFlowKgPerS / p.dhMassFlowNominalKgPerS();

        // heat output, COP, energy balance (1)-(5)
        double evapK = airK - p.evaporatorApproachK();
        double heatW = p.heatFlowNominalW() * speedSum / (n * p.compressorSpeedMaxHz())
                * Math.max(0.0, 1.0 + p.capacitySlopePerK() * (airK - p.airTemperatureRatedK()));
        double cop = copHeating(p.carnotEfficiency(), returnK, Math.max(supplyTemperatureK, returnK), evapK);
        double powerW = heatW / cop;
        double evapHeatW = heatW - powerW;

        // gas-cooler water node, implicit Euler (6): stable at zero flow and any dt
        double capacity = p.gasCoolerHeatCapacityJPerK();
        double mcp = dhMassFlowKgPerS * cp;
        supplyTemperatureK = (capacity * supplyTemperatureK + dtS * (heatW + mcp * returnK)) / (capacity + dtS * mcp);

        // HP valve actuator (a stuck valve holds the stuck opening)
        double valveSet = u[inHpValveStuck] >= 0.5 ? u[inHpValveStuckOpening] : u[inHpValveSet];
        hpValveOpeningRatio = relax(hpValveOpeningRatio, clamp01(valveSet), dtS, p.hpValveTimeConstantS());
        bypassOpeningRatio = relax(bypassOpeningRatio, clamp01(u[inBypassSet]), dtS, p.hpValveTimeConstantS());

        // pressures (8)-(12)
        double gasCoolerOutK = gasCoolerOutletTemperatureK(returnK, supplyTemperatureK, flowRatio);
        if (running) {
            double suctionSet = saturationPressurePa(evapK);
            double opt = Math.max(liaoOptimumPressurePa(gasCoolerOutK, evapK), suctionSet + Units.PA_PER_BAR);
            double valveFactor = Math.pow(p.hpValveOpeningNominalRatio() / Math.max(hpValveOpeningRatio, 0.02), p.hpValveExponent());
            double gasCoolerSet = suctionSet + (opt - suctionSet) * valveFactor;
            suctionPressurePa = relax(suctionPressurePa, suctionSet, dtS, p.suctionPressureTimeConstantS());
            gasCoolerPressurePa = relax(gasCoolerPressurePa, gasCoolerSet, dtS, p.gasCoolerPressureTimeConstantS());
            double dischargeSet = (evapK + p.suctionSuperheatK()) * Math.pow(gasCoolerPressurePa / suctionPressurePa, p.dischargeExponent());
            dischargeTemperatureK = relax(dischargeTemperatureK, dischargeSet, dtS, p.dischargeTimeConstantS());
        } else {
            double standstill = saturationPressurePa(p.standstillTemperatureK());
            suctionPressurePa = relax(suctionPressurePa, standstill, dtS, p.standstillTimeConstantS());
            gasCoolerPressurePa = relax(gasCoolerPressurePa, standstill, dtS, p.standstillTimeConstantS());
            dischargeTemperatureK = relax(dischargeTemperatureK, p.standstillTemperatureK(), dtS, p.dischargeTimeConstantS());
        }
        boolean venting = gasCoolerPressurePa > p.reliefSetPa();
        if (venting) gasCoolerPressurePa = p.reliefSetPa();
        if (venting != reliefOpen) {
            events.add(venting ? "PSV-202 relief valve opened at " + bar(p.reliefSetPa()) : "PSV-202 relief valve closed");
            reliefOpen = venting;
        }

        // safety chain: HP switch (immediate, latched) and flow switch (delayed, latched)
        if (!hpSwitchTripped && gasCoolerPressurePa >= p.hpSwitchTripPa()) {
            hpSwitchTripped = true;
            events.add("PSHH-202 HP switch tripped at " + bar(gasCoolerPressurePa) + " (set " + bar(p.hpSwitchTripPa()) + "): compressors stopped, manual reset");
        }
        boolean flowLow = flowRatio < p.flowSwitchThresholdRatio();
        if (flowLow && running) {
            lowFlowS += dtS;
            if (!flowSwitchTripped && lowFlowS >= p.flowSwitchDelayS() - 1e-9) {
                flowSwitchTripped = true;
                events.add(String.format(java.util.Locale.ROOT, "FSL-271 flow switch tripped: DH flow %.0f %% of nominal for %.1f s with a compressor running; compressors stopped, manual reset",
                        100 * flowRatio, lowFlowS));
            }
        } else {
            lowFlowS = 0;
        }

        timeMs += Math.round(dtS * 1000.0);
        outputs = computeOutputs(u, heatW, powerW, evapHeatW, cop, gasCoolerOutK);
        return new PlantSnapshot(timeMs, outputs, events);
    }

    private double[] computeOutputs(double[] u, double heatW, double powerW, double evapHeatW, double cop, double gasCoolerOutK) {
        double[] y = new double[catalogue.outputs().size()];
        double airK = u[inAirT];
        double evapK = airK - p.evaporatorApproachK();
        boolean running = false;
        for (int c = 0; c < n; c++) {
            y[outSpeed[c]] = speedHz[c];
            y[outRunning[c]] = speedHz[c] > 0 ? 1 : 0;
            y[outFault[c]] = u[inVfdFault[c]] >= 0.5 ? 1 : 0;
            running |= speedHz[c] > 0;
        }
        y[outAirT] = airK;
        y[outRh] = u[inRh];
        y[outIrradiance] = u[inIrradiance];
        y[outSuctionP] = suctionPressurePa;
        y[outSuctionT] = running ? evapK + p.suctionSuperheatK() : airK;
        y[outGasCoolerP] = gasCoolerPressurePa;
        y[outDischargeT] = dischargeTemperatureK;
        y[outGasCoolerOutT] = running ? gasCoolerOutK : supplyTemperatureK;
        y[outReceiverP] = running
                ? Math.min(Math.max(p.receiverPressureMinPa(), suctionPressurePa + p.receiverAboveSuctionPa()), Math.min(p.receiverPressureMaxPa(), gasCoolerPressurePa))
                : suctionPressurePa;
        y[outPower] = powerW;
        y[outHeat] = heatW;
        y[outHpTripped] = hpSwitchTripped ? 1 : 0;
        y[outLpTripped] = 0;           // not modelled yet
        y[outDischargeTripped] = 0;    // not modelled yet
        y[outReliefOpen] = reliefOpen ? 1 : 0;
        y[outHpValve] = hpValveOpeningRatio;
        y[outBypass] = bypassOpeningRatio;
        for (int s = 0; s < SECTIONS; s++) {
            boolean evaporating = running && u[inSectionValve[s]] >= 0.5;
            y[outCoilT[s]] = evaporating ? evapK : airK;
            double fan = clamp01(u[inFanSpeed[s]]);
            y[outCoilDp[s]] = p.coilAirPressureDropNominalPa() * fan * fan;   // clean coil: no frost yet
        }
        boolean tankPump = u[inTankPumpEnable] >= 0.5 && u[inTankPumpSpeed] > 0;
        y[outWeInT] = p.tankBottomTemperatureK();
        y[outWeOutT] = p.tankBottomTemperatureK();   // no heat drawn: the water evaporator is not modelled yet
        y[outWeFlow] = tankPump ? p.tankSourceFlowNominalM3PerS() * clamp01(u[inTankPumpSpeed]) : 0;
        y[outTankPumpRunning] = tankPump ? 1 : 0;
        y[outDhInT] = u[inReturnT];
        y[outDhOutT] = supplyTemperatureK;
        y[outDhFlow] = dhMassFlowKgPerS / p.waterDensityKgPerM3();
        y[outDhFlowLow] = dhMassFlowKgPerS / p.dhMassFlowNominalKgPerS() < p.flowSwitchThresholdRatio() ? 1 : 0;
        y[outDhPumpRunning] = u[inDhPumpEnable] >= 0.5 && u[inDhPumpSpeed] > 0 && u[inDhPumpFailed] < 0.5 ? 1 : 0;
        for (int k = 0; k < TANK_SENSORS; k++) {
            y[outTank[k]] = p.tankTopTemperatureK() + (p.tankBottomTemperatureK() - p.tankTopTemperatureK()) * k / (TANK_SENSORS - 1);
        }
        y[outSolarInT] = p.tankBottomTemperatureK();
        y[outSolarOutT] = p.tankBottomTemperatureK();
        y[outSolarFlow] = 0;
        y[outSolarHeat] = 0;
        y[outSolarPump] = 0;
        double supplySetK = u[inSupplySetT];
        double demandW = p.networkHeatDemandW();
        y[outNetSupplyT] = supplySetK;
        y[outNetReturnT] = u[inReturnT];
        y[outNetFlow] = demandW / (p.waterDensityKgPerM3() * p.waterSpecificHeatJPerKgK() * Math.max(1.0, supplySetK - u[inReturnT]));
        y[outNetDemand] = demandW;
        y[outNetSupplySet] = supplySetK;
        double chpW = Math.min(CHP_HEAT_MAX_W, Math.max(0.0, demandW - heatW));
        y[outChpState] = chpW > 0 ? 2 : 0;   // 2 = Running, 0 = Off (G-511.State enum)
        y[outChpHeat] = chpW;
        y[outCop] = cop;
        y[outEvapHeat] = evapHeatW;
        y[outEvapT] = evapK;
        y[outDhMassFlow] = dhMassFlowKgPerS;
        y[outFlowTripped] = flowSwitchTripped ? 1 : 0;
        return y;
    }

    // ------------------------------------------------------------------ the correlations, pure

    /**
     * Heating COP from a Carnot efficiency on the Lorenz COP, equations (3)-(4): water heated from
     * {@code waterInK} to {@code waterOutK}, evaporating at {@code evaporatingK}; bounded to [1, 8].
     */
    public static double copHeating(double carnotEfficiency, double waterInK, double waterOutK, double evaporatingK) {
        double meanK = waterOutK - waterInK > 1e-6 ? (waterOutK - waterInK) / Math.log(waterOutK / waterInK) : waterInK;
        if (meanK <= evaporatingK) return COP_MAX;
        double cop = carnotEfficiency * meanK / (meanK - evaporatingK);
        return Math.max(COP_MIN, Math.min(COP_MAX, cop));
    }

    /** CO2 saturation pressure, equation (12): valid about −30…+20 °C (0.5 % at 20 °C against Span–Wagner's 57.29 bar). */
    public static double saturationPressurePa(double temperatureK) {
        return Math.exp(SAT_A - SAT_B / temperatureK);
    }

    // fit through p_sat(−10 °C) = 26.49 bar and p_sat(0 °C) = 34.85 bar (domain notes §2.2, Span–Wagner)
    private static final double SAT_T1_K = Units.degCToK(-10);
    private static final double SAT_T2_K = Units.degCToK(0);
    private static final double SAT_B = Math.log(34.85 / 26.49) / (1 / SAT_T1_K - 1 / SAT_T2_K);
    private static final double SAT_A = Math.log(Units.barToPa(34.85)) + SAT_B / SAT_T2_K;

    /** Optimal gas-cooler pressure of Liao, Zhao & Jakobsen (2000), equation (9), written in bar and °C. */
    public static double liaoOptimumPressurePa(double gasCoolerOutletK, double evaporatingK) {
        double tgc = Units.kToDegC(gasCoolerOutletK);
        double te = Units.kToDegC(evaporatingK);
        return Units.barToPa((2.778 - 0.0157 * te) * tgc + (0.381 * te - 9.34));
    }

    /** Equation (8): the CO2 leaves near the water inlet temperature while water flow is ample, warmer as it falls. */
    double gasCoolerOutletTemperatureK(double waterInK, double waterOutK, double flowRatio) {
        double warming = Math.max(0.0, 1.0 - flowRatio / p.gasCoolerFlowKneeRatio());
        return waterInK + p.gasCoolerApproachK() + warming * Math.max(0.0, waterOutK - waterInK);
    }

    private static double relax(double value, double target, double dtS, double timeConstantS) {
        return target + (value - target) * Math.exp(-dtS / timeConstantS);
    }

    private static double moveToward(double value, double target, double maxChange) {
        return value < target ? Math.min(target, value + maxChange) : Math.max(target, value - maxChange);
    }

    private static double clamp01(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    private static String bar(double pa) {
        return String.format(java.util.Locale.ROOT, "%.1f bar", Units.paToBar(pa));
    }
}
