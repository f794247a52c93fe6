package io.hilbench.plant.co2;

import io.hilbench.Units;
import io.hilbench.fluid.Co2LookupResult;
import io.hilbench.fluid.Co2Saturation;
import io.hilbench.fluid.Co2Tables;
import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;
import java.util.ArrayList;
import java.util.List;

/**
 * The transcritical CO2 heat pump of Solrød (DESIGN §5) as a reduced-order dynamic model behind {@link PlantModel}:
 * N VFD compressors ({@link Compressor}), the segmented water-cooled {@link GasCooler}, the HP valve HV-221 and the
 * flash-gas bypass HV-222 ({@link HighPressureValve}), the {@link Receiver}, M {@link AirEvaporatorSection}s with
 * their {@link FrostLayer}s and hot-gas defrost, the tank-source {@link WaterEvaporator}, and the hardwired
 * {@link SafetyChain}. Its catalogue offers every name of the retired first heat pump's (same meanings, SI units), so a
 * point map written for the first plant binds unchanged; names it adds are listed in
 * plant-models/co2-heat-pump/README.md.
 *
 * <p>Pressures from mass balances of three volumes (domain notes §7, reduced order), in sub-steps of at most
 * {@value #MAX_SUBSTEP_S} s (a study may coarsen this up to {@value #STUDY_MAX_SUBSTEP_S} s, {@link #setMaxSubstepS}):
 * <pre>
 *   dM_hs/dt = ṁ_comp − ṁ_HV221 − ṁ_PSV − ṁ_defrost;  p_gc such that V_gc·ρ̄_cells(p_gc) + V_dis·ρ_dis(p_gc) = M_hs   (P1) high side
 *   receiver: dM/dt = ṁ_HV221 + ṁ_def − ṁ_EEV − ṁ_HV222, dU/dt the same flows' enthalpies; p, M_l from (M, U) in
 *   equilibrium ({@link Receiver}, {@link TwoPhaseVolume})                                                            (P2) receiver
 *   suction side: dM/dt = Σṁ_evap + ṁ_HV222 − ṁ_comp, dU/dt = ṁ_EEV·h'(p_rec) + Q_evap + ṁ_HV222·h_bp − ṁ_comp·h_suc
 *   + Q_amb; p from (M, U) with the liquid and the metal in equilibrium ({@link TwoPhaseVolume})                        (P3) suction side
 *   standstill (no compressor running): the suction side exchanges Q_amb = UA·(min(T_air, T_room) − T_sat) with the    (P4)
 *   coldest place; the receiver creeps to p_sat of the same through an open HV-222 (else p_sat(T_room)) by heat from
 *   its surroundings, with τ_creep: the charge condenses where it is coldest. The high side does not creep: at
 *   standstill its CO2 is trapped and exchanges heat with the gas-cooler water (GasCooler (5)-(7)), so its pressure is
 *   its mass at the temperature the water gives it, mass and energy conserved with every valve closed
 *   T_gas = T(p_gc, h_2), beyond the tables' 195 °C T_195 + (h_2 − h_195)/c_p,195;  TT-202: dT/dt = (T_gas − T)/τ_dis     (P5)
 *   while a compressor runs, (T_room − T)/τ_line once the gas stops (the pipe and head keep their heat)
 * </pre>
 * ρ̄_cells is the mean CO2 density of the gas-cooler cells marched at that pressure (Newton and secant steps on p_gc);
 * when the water stops, the cells warm, their density falls and the same mass needs a higher pressure. The EEVs are local and ideal (they
 * feed what evaporates at the set superheat). Every volume's mass and energy and every flow across the CO2's boundary
 * are in the ledger ({@link #ledger()}, {@link Co2Ledger}). The water side of the gas
 * cooler is integrated implicitly (thermal lag). Heat flow is positive into the DH water; evaporator heat positive
 * into the refrigerant. Compressor 1 is C-211; section 1 is XV-231/XV-241/F-251.
 */
public final class Co2HeatPumpPlant implements PlantModel {
    /** Largest internal step, s, by default: the served plant and every scenario integrate at this. */
    public static final double MAX_SUBSTEP_S = 0.1;
    /**
     * Largest internal step, s, a study may choose ({@code bench simulate} at steps of 1 s and more). The explicit
     * balances stay far inside their stability limits at 1 s: the suction volume's time constant is
     * (dM/dp)·p_suc/ṁ_comp ≈ 0.85e-4 kg/Pa · 29e5 Pa / 4 kg/s ≈ 60 s, the high side's through HV-221
     * C_hs/(dṁ/dp) = C_hs·2Δp/ṁ ≈ 10 s; pumps, valve actuators, lags and creep are integrated exactly (exponentials),
     * the water side implicitly, and the valve flows are limited to what equalises two volumes within the sub-step.
     * Validated against {@value #MAX_SUBSTEP_S} s over a start, steady running, a defrost, an HP-valve step and a stop
     * (Co2HeatPumpSubstepValidationTest; figures in plant-models/co2-heat-pump/README.md).
     */
    public static final double STUDY_MAX_SUBSTEP_S = 1.0;
    /** The water evaporator's evaporating-pressure regulator closes over this band below its cap, Pa. */
    private static final double REGULATOR_BAND_PA = 1e5;
    /** Tank sensors the rig binds (TT-301 top .. TT-306), held (the tank is not modelled here). */
    public static final int TANK_SENSORS = 6;
    static final double CHP_HEAT_MAX_W = 3.7e6;
    private static final double P_SUBCRITICAL_MAX_PA = 72e5;
    private static final double P_MIN_PA = 7e5;
    /** The property tables' upper temperature, 195 °C, where the discharge enthalpy is held for the gas cooler. */
    private static final double DISCHARGE_TABLE_EDGE_K = 468.15;

    private final Co2HeatPumpParameters p;
    private final Co2Tables co2;
    private final SignalCatalogue catalogue;
    private final int n;
    private final int m;
    private final Compressor[] compressors;
    private final GasCooler gasCooler;
    private final HighPressureValve hpValve;
    private final HighPressureValve bypassValve;
    private final Receiver receiver;
    /** The suction side (P3): a two-phase volume with its metal, mass and energy as states. */
    private final TwoPhaseVolume lowSide;
    private final Co2Ledger ledger = new Co2Ledger();
    private final AirEvaporatorSection[] sections;
    private final WaterEvaporator waterEvaporator;
    private final SafetyChain safety;
    private final Co2LookupResult look = new Co2LookupResult();

    // inputs
    private final int[] inEnable, inSpeedSet, inVfdFault, inFailsToStart;
    private final int[] inSectionValve, inDefrostValve, inFanSpeed, inFanFailed, inDefrostStuck, inInitialFrost;
    /** The initial-frost inputs last applied (NaN: none since the reset). */
    private final double[] appliedInitialFrost;
    private final int inHpValveSet, inBypassSet, inWeValve, inTankPumpEnable, inTankPumpSpeed, inDhPumpEnable, inDhPumpSpeed;
    private final int inAirT, inRh, inIrradiance, inReturnT, inSupplySetT, inDhPumpFailed, inFlowAvailable, inHpValveStuck,
            inHpValveStuckOpening, inTankBottomT;

    // outputs (first the names the Solrød map was first written against, in that order: the test fixture
    // FixtureHeatPump serves this leading part of the catalogue; then this model's)
    private final int outAirT, outRh, outIrradiance, outSuctionP, outSuctionT, outGasCoolerP, outDischargeT, outGasCoolerOutT,
            outReceiverP, outPower, outHeat, outHpTripped, outLpTripped, outDischargeTripped, outReliefOpen, outDischargeGasT,
            outReceiverLiquidKg, outReceiverLevel;
    private final int[] outSpeed, outRunning, outFault;
    private final int outHpValve, outBypass;
    private final int[] outCoilT, outCoilDp;
    private final int outWeInT, outWeOutT, outWeFlow, outTankPumpRunning, outDhInT, outDhOutT, outDhFlow, outDhFlowLow, outDhPumpRunning;
    private final int[] outTank = new int[TANK_SENSORS];
    private final int outSolarInT, outSolarOutT, outSolarFlow, outSolarHeat, outSolarPump, outNetSupplyT, outNetReturnT, outNetFlow,
            outNetDemand, outNetSupplySet, outChpState, outChpHeat, outCop, outEvapHeat, outEvapT, outDhMassFlow, outFlowTripped;
    private final int outTripReason, outLpLatched, outLpResets, outCo2Flow, outHpValveFlow, outBypassFlow, outReliefFlow, outVentedKg,
            outFanPower, outHousingLoss, outWeHeat, outAirEvapHeat, outGasCoolerHeat, outDefrostHeat, outFlashShare;
    private final int[] outFrostKg, outCapacity, outDrip, outSectionHeat, outDefrosting, outFrostZone;

    private final double[] defaults;
    private double maxSubstepS = MAX_SUBSTEP_S;

    // state
    private long timeMs;
    private double timeS;
    private double gasCoolerPa, receiverPa, suctionPa;
    private double dhMassFlowKgPerS;
    private double dischargeK, suctionK, gasCoolerOutK;
    /** The discharge gas leaving the compressors (no pipe or sensor lag), K; the pipe's temperature at standstill. */
    private double dischargeGasK;
    private boolean[] defrostValveState;
    private double highSideMassKg;
    private double highSideSlopeKgPerPa = 1e-5;
    private double lastDischargeEnthalpy;
    private double cachedEvapPa = Double.NaN, cachedEvapOutletH;
    private double hLimitPa = Double.NaN, hLimit, sLimit, cpLimit;
    private double ventedKg;
    private boolean co2Flowing;
    /** The EEVs' feed was limited by an empty receiver in the last sub-step. */
    private boolean receiverDry;
    /** 0 below liquid-full, 1 liquid-full and carrying liquid through HV-222, 2 also backing up into the gas cooler (P2a); events once per episode. */
    private int receiverFull;
    /**
     * Mass HV-221 held back in the high side because the receiver was liquid-full (P2a), kg, cumulative since the reset:
     * what the valve's orifice law would have delivered minus what it did. A counterfactual: beside a receiver already
     * over-full (its liquid expanding at standstill) it counts the whole orifice flow of every sub-step. Not a flow
     * across the CO2's boundary (the ledger sees less HV-221 flow); kept so a test can tell the branch acted, and how.
     */
    private double backedUpKg;
    /** High-side mass at the pressure of the last march (the pressure the last sub-step ended at), kg. */
    private double lastMarchMassKg;
    /** Scratch for the discharge line's state in the ledger's sums (never the step's {@link #look}). */
    private final Co2LookupResult lineLook = new Co2LookupResult();
    // last sub-step's flows, for outputs
    private double mComp, mHpv, mBp, mCarry, mRel, mDef, powerCompW, fanW, housingW, qAir, qWater, qDefrost, flash, evapK, weOutK;
    private final double[] sectionQ;
    private double[] outputs;

    public Co2HeatPumpPlant() {
        this(Co2HeatPumpParameters.solrodDefaults(), Co2Tables.plantDefault());
    }

    public Co2HeatPumpPlant(Co2HeatPumpParameters parameters, Co2Tables co2) {
        this.p = parameters;
        this.co2 = co2;
        this.n = parameters.compressorCount();
        this.m = parameters.sectionCount();
        compressors = new Compressor[n];
        for (int c = 0; c < n; c++) compressors[c] = new Compressor(parameters.compressor());
        gasCooler = new GasCooler(parameters.gasCooler());
        hpValve = new HighPressureValve(parameters.hpValve());
        bypassValve = new HighPressureValve(parameters.bypassValve());
        receiver = new Receiver(parameters.receiver());
        lowSide = new TwoPhaseVolume(parameters.lowSide().volumeM3(), parameters.lowSide().metalHeatCapacityJPerK());
        sections = new AirEvaporatorSection[m];
        for (int s = 0; s < m; s++) sections[s] = new AirEvaporatorSection(parameters.airSection());
        waterEvaporator = new WaterEvaporator(parameters.waterEvaporator());
        safety = new SafetyChain(parameters.safety());
        sectionQ = new double[m];

        List<String> out = new ArrayList<>();
        List<String> in = new ArrayList<>();
        Names o = new Names(out);
        Names i = new Names(in);
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
        outCoilT = new int[m];
        outCoilDp = new int[m];
        for (int s = 0; s < m; s++) {
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
        // this model's additions
        outTripReason = o.add("hp.safety.tripReason");
        outLpLatched = o.add("hp.safety.lpSwitchLatched");
        outLpResets = o.add("hp.safety.lpAutoResetCount");
        outReliefFlow = o.add("hp.safety.reliefMassFlowKgPerS");
        outVentedKg = o.add("hp.safety.ventedMassKg");
        outCo2Flow = o.add("hp.co2MassFlowKgPerS");
        outHpValveFlow = o.add("hp.hpValve.massFlowKgPerS");
        outBypassFlow = o.add("hp.bypassValve.massFlowKgPerS");
        outFlashShare = o.add("hp.receiver.flashGasRatio");
        outDischargeGasT = o.add("hp.dischargeGasTemperatureK");
        outReceiverLiquidKg = o.add("hp.receiver.liquidMassKg");
        outReceiverLevel = o.add("hp.receiver.liquidLevelRatio");
        outFanPower = o.add("hp.fanPowerW");
        outHousingLoss = o.add("hp.compressorHousingLossW");
        outGasCoolerHeat = o.add("hp.gasCooler.heatFlowW");
        outAirEvapHeat = o.add("hp.airEvaporatorHeatFlowW");
        outWeHeat = o.add("hp.waterEvaporator.heatFlowW");
        outDefrostHeat = o.add("hp.defrostHeatFlowW");
        outFrostKg = new int[m];
        outCapacity = new int[m];
        outDrip = new int[m];
        outSectionHeat = new int[m];
        outDefrosting = new int[m];
        outFrostZone = new int[m];
        for (int s = 0; s < m; s++) {
            String a = "hp.airSection" + (s + 1) + ".";
            outFrostKg[s] = o.add(a + "frostMassKg");
            outCapacity[s] = o.add(a + "capacityRatio");
            outDrip[s] = o.add(a + "dripKgPerS");
            outSectionHeat[s] = o.add(a + "heatFlowW");
            outDefrosting[s] = o.add(a + "defrosting");
            outFrostZone[s] = o.add(a + "frostZone");
        }

        inEnable = new int[n];
        inSpeedSet = new int[n];
        inVfdFault = new int[n];
        inFailsToStart = new int[n];
        for (int c = 0; c < n; c++) {
            inEnable[c] = i.add("hp.compressor" + (c + 1) + ".enable");
            inSpeedSet[c] = i.add("hp.compressor" + (c + 1) + ".speedSetHz");
        }
        inHpValveSet = i.add("hp.hpValve.openingSetRatio");
        inBypassSet = i.add("hp.bypassValve.openingSetRatio");
        inSectionValve = new int[m];
        inDefrostValve = new int[m];
        inFanSpeed = new int[m];
        for (int s = 0; s < m; s++) {
            inSectionValve[s] = i.add("hp.airSection" + (s + 1) + ".valveOpen");
            inDefrostValve[s] = i.add("hp.airSection" + (s + 1) + ".defrostValveOpen");
            inFanSpeed[s] = i.add("hp.airSection" + (s + 1) + ".fanSpeedSetRatio");
        }
        inWeValve = i.add("hp.waterEvaporator.valveOpen");
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
        // this model's additions
        inTankBottomT = i.add("tank.bottomTemperatureK");
        for (int c = 0; c < n; c++) inFailsToStart[c] = i.add("fault.compressor" + (c + 1) + ".failsToStart");
        inFanFailed = new int[m];
        inDefrostStuck = new int[m];
        for (int s = 0; s < m; s++) {
            inFanFailed[s] = i.add("fault.airSection" + (s + 1) + ".fanFailed");
            inDefrostStuck[s] = i.add("fault.airSection" + (s + 1) + ".defrostValveStuck");
        }
        // state initialiser: a change sets the section's frost to this share of its maximum (FrostLayer (4))
        inInitialFrost = new int[m];
        for (int s = 0; s < m; s++) inInitialFrost[s] = i.add("hp.airSection" + (s + 1) + ".initialFrostRatio");
        appliedInitialFrost = new double[m];

        catalogue = new SignalCatalogue(out, in);
        defaults = new double[in.size()];
        defaults[inAirT] = Units.degCToK(0);
        defaults[inRh] = 0.9;
        defaults[inReturnT] = Units.degCToK(40);
        defaults[inSupplySetT] = Units.degCToK(75);
        defaults[inFlowAvailable] = 1.0;
        defaults[inTankBottomT] = p.tankBottomTemperatureK();
        for (int s = 0; s < m; s++) defaults[inInitialFrost[s]] = Double.NaN;
        reset(0);
    }

    private record Names(List<String> list) {
        int add(String name) {
            list.add(name);
            return list.size() - 1;
        }
    }

    public Co2HeatPumpParameters parameters() { return p; }

    @Override
    public double maxSubstepS() { return maxSubstepS; }

    @Override
    public double largestValidatedSubstepS() { return STUDY_MAX_SUBSTEP_S; }

    /**
     * Sets the largest internal step (a numerical setting, not physics): {@value #MAX_SUBSTEP_S} s by default, up to
     * {@value #STUDY_MAX_SUBSTEP_S} s for year-round studies. Takes effect at the next step.
     *
     * @throws IllegalArgumentException outside (0, {@value #STUDY_MAX_SUBSTEP_S}] s
     */
    @Override
    public void setMaxSubstepS(double seconds) {
        if (!(seconds > 0 && seconds <= STUDY_MAX_SUBSTEP_S)) {
            throw new IllegalArgumentException("the CO2 heat pump's sub-step must be in (0, " + STUDY_MAX_SUBSTEP_S
                    + "] s (validated range), was " + seconds);
        }
        maxSubstepS = seconds;
    }

    @Override
    public SignalCatalogue catalogue() { return catalogue; }

    /**
     * Actuators at rest (0); 0 °C, 90 % RH, no sun; DH return 40 °C, supply set-point 75 °C; tank bottom at its
     * parameter (35 °C); no physical fault, full DH flow available.
     */
    @Override
    public PlantInputs defaultInputs() { return new PlantInputs(defaults); }

    /**
     * Plant time 0: every pressure at p_sat(machine room), water at the DH return, as the plant was first built; from
     * there a standstill creeps to the weather's pressures (P4) with τ_creep. Not yet the weather's standstill at time
     * 0: the self-test matrix's catch of a controller without high-pressure protection (no-hp-unload in HP-04) rests
     * on the start from 57 bar of suction; from p_sat(0 °C) it peaks at 119 bar, below HP-04's 125 bar (issue #15).
     * No random part.
     */
    @Override
    public void reset(long seed) {
        timeMs = 0;
        timeS = 0;
        double room = p.machineRoomTemperatureK();
        double pRoom = co2.saturationPressurePa(room);
        gasCoolerPa = receiverPa = suctionPa = pRoom;
        receiver.reset(co2.saturationAtPressure(pRoom));
        lowSide.reset(co2.saturationAtPressure(pRoom), p.lowSide().liquidShareAtRest());
        ledger.reset();
        receiverDry = false;
        receiverFull = 0;
        backedUpKg = 0;
        for (Compressor c : compressors) c.reset();
        hpValve.reset(0);
        bypassValve.reset(0);
        gasCooler.resetWater(defaults[inReturnT]);
        // the CO2 at the water's temperature (vapour at 40 °C and 57 bar): in balance, so the trapped high side stays
        gasCooler.resetCo2(co2, pRoom, co2.enthalpyFromPressureTemperature(pRoom, defaults[inReturnT]));
        for (AirEvaporatorSection s : sections) s.reset(defaults[inAirT]);
        java.util.Arrays.fill(appliedInitialFrost, Double.NaN);
        waterEvaporator.reset();
        safety.reset();
        defrostValveState = new boolean[m];
        dhMassFlowKgPerS = 0;
        dischargeK = dischargeGasK = suctionK = room;
        gasCoolerOutK = defaults[inReturnT];
        lastDischargeEnthalpy = co2.saturationAtPressure(pRoom).vaporEnthalpyJPerKg() + 20e3;
        highSideMassKg = highSideMassKg(pRoom, 0.0, lastDischargeEnthalpy);
        highSideSlopeKgPerPa = 1e-5;
        lastMarchMassKg = highSideMassKg;
        cachedEvapPa = Double.NaN;
        ventedKg = 0;
        co2Flowing = false;
        mComp = mHpv = mBp = mCarry = mRel = mDef = powerCompW = fanW = housingW = qAir = qWater = qDefrost = flash = 0;
        evapK = co2.saturationTemperatureK(pRoom);
        weOutK = defaults[inTankBottomT];
        java.util.Arrays.fill(sectionQ, 0);
        outputs = computeOutputs(defaults);
    }

    @Override
    public PlantSnapshot snapshot() { return new PlantSnapshot(timeMs, outputs, List.of()); }

    @Override
    public List<String> resetLatchedTrips() {
        List<String> events = safety.resetLatched(gasCoolerPa, dischargeK);
        outputs[outHpTripped] = safety.hpTripped() ? 1 : 0;
        outputs[outLpTripped] = safety.lpTripped() ? 1 : 0;
        outputs[outDischargeTripped] = safety.dischargeTripped() ? 1 : 0;
        outputs[outFlowTripped] = safety.flowTripped() ? 1 : 0;
        outputs[outLpLatched] = safety.lpLatched() ? 1 : 0;
        outputs[outTripReason] = safety.reason().code;
        return events;
    }

    /** The safety chain (read-only use: its state for tests and the README's validation). */
    public SafetyChain safetyChain() { return safety; }

    /** An air section (read-only use: frost and coil state). */
    public AirEvaporatorSection section(int index) { return sections[index]; }

    /** The high side's CO2 mass (P1 state), kg: for mass-balance checks. */
    public double highSideMassKg() { return highSideMassKg; }

    /** The gas cooler (read-only use: water nodes for energy balances). */
    public GasCooler gasCooler() { return gasCooler; }

    @Override
    public PlantSnapshot step(double dtS, PlantInputs inputs) {
        if (!(dtS > 0) || Double.isInfinite(dtS)) throw new IllegalArgumentException("dtS must be > 0, was " + dtS);
        if (inputs.size() != defaults.length) {
            throw new IllegalArgumentException("inputs have " + inputs.size() + " values for " + defaults.length + " plant inputs");
        }
        double[] u = inputs.values();
        List<String> events = new ArrayList<>(0);
        applyInitialFrost(u, events);
        int k = Math.max(1, (int) Math.ceil(dtS / maxSubstepS - 1e-9));
        double h = dtS / k;
        for (int j = 0; j < k; j++) subStep(h, u, events);
        timeMs += Math.round(dtS * 1000.0);
        outputs = computeOutputs(u);
        return new PlantSnapshot(timeMs, outputs, events);
    }

    /**
     * State initialiser ("Given section 2 is 60 % frosted"): a changed, finite {@code hp.airSectionN.initialFrostRatio}
     * sets that section's frost to the ratio × its maximum mass at this step, instead of hours of frost growth.
     */
    private void applyInitialFrost(double[] u, List<String> events) {
        for (int s = 0; s < m; s++) {
            double r = u[inInitialFrost[s]];
            if (Double.isNaN(r) || Double.compare(r, appliedInitialFrost[s]) == 0) continue;
            appliedInitialFrost[s] = r;
            FrostLayer f = sections[s].frost();
            f.reset(Math.max(0, Math.min(1, r)) * f.parameters().maxMassKg());
            events.add(String.format(java.util.Locale.ROOT, "air section %d frost set to %.1f kg (%.0f %% of its maximum)", s + 1, f.massKg(), 100 * Math.max(0, Math.min(1, r))));
        }
    }

    private void subStep(double h, double[] u, List<String> events) {
        timeS += h;
        double airK = u[inAirT];
        double rh = clamp01(u[inRh]);
        double returnK = u[inReturnT];
        double tankK = u[inTankBottomT];

        // compressors (the chain stops them all; a VFD fault or a failed start stops one)
        boolean chainStop = safety.compressorsStopped();
        boolean running = false;
        for (int c = 0; c < n; c++) {
            boolean allowed = u[inEnable[c]] >= 0.5 && !chainStop && u[inVfdFault[c]] < 0.5 && u[inFailsToStart[c]] < 0.5;
            compressors[c].stepSpeed(h, allowed, u[inSpeedSet[c]]);
            running |= compressors[c].running();
        }

        // pumps and valve actuators
        boolean dhPump = u[inDhPumpEnable] >= 0.5 && u[inDhPumpSpeed] > 0 && u[inDhPumpFailed] < 0.5;
        double dhSet = dhPump ? p.dhMassFlowMaxKgPerS() * clamp01(u[inDhPumpSpeed]) * clamp01(u[inFlowAvailable]) : 0.0;
        dhMassFlowKgPerS = dhSet + (dhMassFlowKgPerS - dhSet) * Math.exp(-h / (dhPump ? p.dhPumpTimeConstantS() : p.dhPumpRunDownTimeConstantS()));
        boolean tankPump = u[inTankPumpEnable] >= 0.5 && u[inTankPumpSpeed] > 0;
        waterEvaporator.stepPump(h, tankPump, u[inTankPumpSpeed]);
        boolean hpStuck = u[inHpValveStuck] >= 0.5;
        hpValve.stepActuator(h, hpStuck ? u[inHpValveStuckOpening] : u[inHpValveSet], false);
        bypassValve.stepActuator(h, u[inBypassSet], false);

        // suction and receiver saturation
        double pSucSat = Math.min(Math.max(suctionPa, P_MIN_PA), P_SUBCRITICAL_MAX_PA);
        Co2Saturation sucSat = co2.saturationAtPressure(pSucSat);
        evapK = sucSat.temperatureK();
        Co2Saturation rec = co2.saturationAtPressure(Math.min(Math.max(receiverPa, P_MIN_PA), P_SUBCRITICAL_MAX_PA));
        double hEo = evaporatorOutletEnthalpy(pSucSat, evapK);
        double latentFeed = Math.max(1e4, hEo - rec.liquidEnthalpyJPerKg());

        // air sections: evaporation, frost, defrost (hot gas only while a compressor runs)
        qAir = 0;
        fanW = 0;
        for (int s = 0; s < m; s++) {
            if (u[inDefrostStuck[s]] < 0.5) defrostValveState[s] = u[inDefrostValve[s]] >= 0.5;
            boolean defrosting = defrostValveState[s] && running;
            double fan = u[inFanFailed[s]] >= 0.5 ? 0.0 : clamp01(u[inFanSpeed[s]]);
            boolean evaporating = running && u[inSectionValve[s]] >= 0.5 && !defrosting;
            double q = evaporating ? Math.max(0.0, sections[s].heatFlowW(airK, rh, evapK, fan)) : 0.0;
            sections[s].step(h, airK, rh, evaporating && q > 0, evapK, defrosting, fan);
            sectionQ[s] = q;
            qAir += q;
            fanW += sections[s].fanPowerW(fan);
        }
        // water evaporator, its flow cut by the evaporating-pressure regulator near 45 bar (WaterEvaporator (4)): the
        // regulator closes over a 1 bar band below the cap, r = (p_cap − p_suc,end)/Δp_band, on the pressure the sub-step
        // ends at (backward Euler). With the suction pressure of the sub-step's start (forward Euler) the loop's gain
        // per sub-step is (Q_free/Δp_band)·h/(Δh_feed·C_ls) ≈ (3 MW/bar)·1 s/(200 kJ/kg · 6 kg/bar) ≈ 2.5 at 45 bar,
        // beyond explicit Euler's limit of 2: the duty then chattered 0 ↔ 3 MW and the suction 31–72 bar at 1 s
        // sub-steps. p_suc,end = p_suc + h·(N + Q_w/Δh_feed)/C_ls, with N the low side's other net inflow (the air
        // evaporators' feed and the last sub-step's bypass and compressor flows), solved for Q_w in closed form:
        //   Q_w = Q_free·(p_cap − p_suc − h·N/C_ls)/(Δp_band + Q_free·h/(Δh_feed·C_ls)),  0 ≤ Q_w ≤ Q_free
        qWater = 0;
        double mw = waterEvaporator.waterMassFlowKgPerS();
        if (running && u[inWeValve] >= 0.5 && mw > 0) {
            double cap = p.waterEvaporator().evaporatingPressureMaxPa();
            double qFree = Math.max(0.0, waterEvaporator.heatFlowW(mw, tankK, evapK));
            double cLsNow = lowSide.capacitanceKgPerPa();
            double other = qAir / latentFeed + mBp - mComp;
            double room = cap - suctionPa - h * other / cLsNow;
            qWater = Math.min(qFree, Math.max(0.0, qFree * room / (REGULATOR_BAND_PA + qFree * h / (latentFeed * cLsNow))));
        }
        double mEvap = (qAir + qWater) / latentFeed;
        // the EEVs feed liquid from the receiver's inventory: an empty receiver feeds only the liquid arriving (the last
        // sub-step's HV-221 liquid and defrost condensate), and the evaporators, starved, take less heat (R5)
        double feedMax = receiver.feedLimitKgPerS(h, (1 - flash) * mHpv + mDef);
        boolean starved = mEvap > feedMax;
        if (starved) {
            double f = feedMax / mEvap;
            qAir *= f;
            qWater *= f;
            for (int s = 0; s < m; s++) sectionQ[s] *= f;
            mEvap = feedMax;
        }
        if (starved != receiverDry) {
            receiverDry = starved;
            events.add(starved ? String.format(java.util.Locale.ROOT, "receiver empty: the EEVs feed only the %.2f kg/s of liquid arriving, the evaporators starve", feedMax)
                    : "receiver holds liquid again: the EEVs feed what evaporates");
        }
        weOutK = waterEvaporator.waterOutletK(mw, tankK, qWater);

        // flash-gas bypass and the suction mix
        double rhoV = rec.vaporDensityKgPerM3();
        // the receiver's dM/dp for vapour drawn, from its last pressure solve (Receiver (5))
        double cRec = receiver.capacitanceKgPerPa();
        // the low side's dM/dp along a pull-down at the last pressure solved (LowSide (5)), for the valves' limit
        double cLs = lowSide.capacitanceKgPerPa();
        // forward only (a check valve's worth: the bypass never lets suction gas into the receiver), and never more
        // than equalises the two volumes within the sub-step (the orifice law is stiff as Δp → 0)
        mBp = equalisingLimit(bypassValve.massFlowKgPerS(rhoV, receiverPa, suctionPa), receiverPa - suctionPa, cRec, cLs, h);
        // and never more than the receiver holds beside what the EEVs take: an orifice cannot draw CO2 that is not there
        // (a receiver emptied through a wide-open HV-222 into cold coils at standstill would otherwise go below zero)
        mBp = Math.min(mBp, Math.max(0.0, 0.5 * receiver.massKg() / h - mEvap));
        // the receiver's gas is saturated vapour while HV-221 delivers two-phase; superheated (the gas-cooler outlet
        // enthalpy) when it delivers gas only (x ≥ 1, e.g. no heat rejected in the gas cooler)
        double hBypass = Math.max(rec.vaporEnthalpyJPerKg(), gasCooler.outletEnthalpyJPerKg());
        double hSuc = mEvap + mBp > 1e-9 ? (mEvap * hEo + mBp * hBypass) / (mEvap + mBp) : hEo;
        co2.lookupPressureEnthalpy(suctionPa, hSuc, look);
        double rhoSuc = look.densityKgPerM3();
        double sSuc = look.entropyJPerKgK();
        double tSuc = look.temperatureK();

        // compressors' flow, power, discharge
        double ratio = Math.max(1.0, gasCoolerPa / suctionPa);
        mComp = 0;
        for (Compressor c : compressors) {
            if (c.running()) mComp += c.massFlowKgPerS(c.speedHz(), rhoSuc, ratio);
        }
        double pDis = Math.max(gasCoolerPa, suctionPa);
        dischargeEnthalpyLimit(pDis);
        // a suction so hot that the isentropic discharge would leave the tables (above 195 °C) is compressed along the
        // table's edge: the discharge trip (150 °C) acts long before this matters
        double work = mComp > 0 ? compressors[0].electricWorkJPerKg(co2, suctionPa, hSuc, Math.min(sSuc, sLimit), pDis) : 0.0;
        double h2Free = compressors[0].dischargeEnthalpyJPerKg(hSuc, work);
        // the gas cooler's march and the mass balance take the discharge inside the tables (195 °C); the compressors'
        // discharge-gas thermostat (160 °C, SafetyChain) stops them before the gas gets there, so the clip binds only
        // if the gas rises more than 35 K within one sub-step. The gas temperature itself is not clipped (P5).
        double h2 = Math.min(h2Free, dischargeEnthalpyLimit(gasCoolerPa));
        powerCompW = mComp * work;
        housingW = powerCompW * p.compressor().housingHeatLossRatio();

        // hot gas for defrost, condensed to the receiver as liquid
        qDefrost = 0;
        for (AirEvaporatorSection s : sections) qDefrost += s.defrostHeatW();
        mDef = running ? Math.min(0.5 * mComp, qDefrost / Math.max(1e4, h2 - rec.liquidEnthalpyJPerKg())) : 0.0;

        // gas cooler: CO2 march, water nodes
        double mGc = Math.max(0.0, mComp - mDef);
        // with CO2 flowing, march the cells at the present pressure; at standstill the mass state is current already
        // the mass the high side holds at the present pressure: the last sub-step's march ended at this pressure, so
        // its mass is the estimate (the inlet conditions have moved by one sub-step since; the solver's check march
        // below is at the new conditions); at standstill the mass state is current already
        double massNow = mGc > 0 ? lastMarchMassKg : highSideMassKg;
        double hsMassBefore = 0, hsEnergyBefore = 0;
        boolean hsSet = !running || (mGc > 0 && !co2Flowing);
        if (hsSet) {
            // the ledger: the high side's mass is set by its pressure at standstill (creep) and re-based at a start;
            // what these add is booked apart from the physical flows (Co2Ledger)
            hsMassBefore = highSideStoredKg();
            hsEnergyBefore = highSideStoredJ();
        }
        if (mGc > 0 && !co2Flowing) {
            // a start: at standstill the pressure is the state and the mass follows it (cells frozen, creep); the
            // quasi-static march of the first running sub-step holds a different mass at the same pressure (hot gas
            // in cells that were cold). Re-base the mass on the march, so the pressure is continuous across the
            // start and rises as the compressors pump, instead of jumping 20–30 bar in one sub-step (which no real
            // gas cooler does, and which a controller's rate-of-change check rightly calls an implausible sensor).
            massNow = highSideMassKg(gasCoolerPa, mGc, h2);
            highSideMassKg = massNow;
            double dm = highSideStoredKg() - hsMassBefore;
            double de = highSideStoredJ() - hsEnergyBefore;
            ledger.add(Co2Ledger.Term.HIGH_SIDE_START_MASS, dm);
            ledger.add(Co2Ledger.Term.HIGH_SIDE_START_J, de);
            ledger.add(Co2Ledger.Term.HS_NET_KG, dm);
            ledger.add(Co2Ledger.Term.HS_NET_J, de);
            hsMassBefore += dm;
            hsEnergyBefore += de;
        }
        co2Flowing = mGc > 0;
        // (P1b) running: the cells' and the discharge line's CO2 at the sub-step's start, for their energy balance below
        double lineRho0 = 0, lineH0 = 0;
        if (mGc > 0) {
            gasCooler.holdRunningStart(gasCoolerPa);
            lineH0 = gasCooler.lineEnthalpyJPerKg();
            lineRho0 = lineDensityKgPerM3();
        }
        double dMdp = Math.max(1e-7, highSideSlopeKgPerPa);

        // HP valve, relief
        double cHs = dMdp;
        mHpv = equalisingLimit(hpValve.massFlowKgPerS(gasCooler.outletDensityKgPerM3(), gasCoolerPa, receiverPa), gasCoolerPa - receiverPa, cHs, cRec, h);
        double lift = safety.reliefLift(gasCoolerPa);
        mRel = lift > 0 ? p.safety().reliefFlowCoefficientM2() * lift * Math.sqrt(massNow / highSideVolumeM3() * Math.max(0, gasCoolerPa - 1e5)) : 0.0;
        ventedKg += mRel * h;

        // (P2a) a liquid-full receiver (Receiver (6)): it holds at most V·ρ'(p_rec). What would fill it beyond that leaves
        // as liquid through the flash-gas line, whose take-off at the top of the vessel is now under the liquid: HV-222
        // passes liquid (its orifice law at ρ') to the suction accumulator. What HV-222 cannot pass (closed, or too
        // small) HV-221 cannot deliver: the liquid backs up into the gas cooler, whose mass and pressure rise.
        double fullKg = p.receiver().volumeM3() * rec.liquidDensityKgPerM3();
        double overKg = receiver.massKg() + h * (mHpv + mDef - mEvap - mBp) - fullKg;
        mCarry = 0;
        boolean backedUp = false;
        if (overKg > 0) {
            double liquidThroughBypass = Math.max(0.0, bypassValve.massFlowKgPerS(rec.liquidDensityKgPerM3(), receiverPa, suctionPa) - mBp);
            mCarry = Math.min(overKg / h, liquidThroughBypass);
            double rest = overKg - h * mCarry;
            if (rest > 1e-9) {
                double hpvBefore = mHpv;
                mHpv = Math.max(0.0, mHpv - rest / h);
                backedUpKg += h * (hpvBefore - mHpv);
                backedUp = true;
            }
        }
        // events once per episode: full (carrying over, or backing up) until the receiver is below 98 % of liquid-full
        if (overKg > 0 && receiverFull == 0) {
            receiverFull = backedUp ? 2 : 1;
            events.add(backedUp ? "receiver liquid-full with HV-222 unable to pass the liquid: HV-221 backs it up into the gas cooler"
                    : String.format(java.util.Locale.ROOT, "receiver liquid-full: HV-222 carries %.2f kg/s of liquid to the suction side", mCarry));
        } else if (backedUp && receiverFull == 1) {
            receiverFull = 2;
            events.add("receiver liquid-full with HV-222 unable to pass the liquid: HV-221 backs it up into the gas cooler");
        } else if (receiverFull != 0 && receiver.massKg() < 0.98 * fullKg) {
            receiverFull = 0;
            events.add("receiver below liquid-full again");
        }

        // (P1) high side: its mass is the state; the pressure is the one at which the cells (marched at that pressure)
        // and the discharge line hold that mass, found by two secant steps from the present pressure
        highSideMassKg += h * (mComp - mHpv - mRel - mDef);
        // standstill: the trapped CO2 exchanges heat with the water nodes and the cells hold the mass at one pressure
        // (GasCooler (5)-(7)): mass and energy conserved with every valve closed; the valve flows leave from their ends
        double hOutBefore = gasCooler.outletEnthalpyJPerKg(), hLineBefore = gasCooler.lineEnthalpyJPerKg();
        double newGc = mGc > 0 ? solveHighSidePressure(gasCoolerPa, massNow, dMdp, mGc, h2)
                : gasCooler.standstillStep(co2, gasCoolerPa, highSideMassKg, h * mHpv, h * (mRel + mDef), h,
                        p.highSideVolumeM3(), P_MIN_PA, 190e5);
        if (mGc > 0) {
            // (P1b, GasCooler (8)) the march is quasi-steady: its heat assumes one flow through the cells and nothing
            // stored. The heat each cell gives its water node comes instead from the cell's own mass and energy balance
            // between the held start and the march's end, so the high side conserves energy while its pressure moves.
            // The discharge line (adiabatic) passes on what it does not store: in h·(ṁ_comp − ṁ_def − ṁ_PSV) at h_2
            co2.lookupPressureEnthalpy(newGc, gasCooler.lineEnthalpyJPerKg(), lineLook);
            double lineRho1 = lineLook.densityKgPerM3(), lineH1 = gasCooler.lineEnthalpyJPerKg();
            double vLine = p.highSideVolumeM3();
            double lineInKg = h * (mGc - mRel);
            double cellsInKg = lineInKg - vLine * (lineRho1 - lineRho0);
            double cellsInJ = lineInKg * h2 - (vLine * (lineRho1 * lineH1 - newGc) - vLine * (lineRho0 * lineH0 - gasCoolerPa));
            gasCooler.conserveMarchEnergy(newGc, h, cellsInKg, cellsInJ, h * mHpv);
        }
        gasCooler.stepWater(h, dhMassFlowKgPerS, returnK);
        // (P2) receiver: mass and energy (Receiver (3), (4)); HV-221 delivers at the gas-cooler outlet enthalpy (the
        // march just made; at standstill the last cell's before the step, as the trapped high side let it go), the
        // defrost condensate and the EEVs' feed are saturated liquid, HV-222 takes the bypass gas
        double hGcOut = mGc > 0 ? gasCooler.outletEnthalpyJPerKg() : hOutBefore;
        flash = Receiver.flashShare(rec, hGcOut);
        receiver.step(h, mHpv + mDef - mEvap - mBp - mCarry, mHpv * hGcOut + (mDef - mEvap - mCarry) * rec.liquidEnthalpyJPerKg() - mBp * hBypass);
        double newRec = receiver.solvePressure(co2, rec, hBypass, P_MIN_PA, P_SUBCRITICAL_MAX_PA);
        // (P3) suction side: mass and energy (LowSide (1), (2)); the compressors take their gas at h_suc, the mix of the
        // evaporators' and the bypass gas: what they draw beyond those flows leaves the low side's store, whose liquid
        // and metal cool to the lower saturation temperature and pay for it
        double lsInJ = (mEvap + mCarry) * rec.liquidEnthalpyJPerKg() + qAir + qWater + mBp * hBypass - mComp * hSuc;
        double qAmb = 0;
        if (!running) {
            // (P4, LowSide (6)) standstill: heat with the coldest place the suction side reaches (the outdoor coils, or
            // the machine room in air warmer than it), so its pressure moves toward p_sat there
            double coldK = Math.min(airK, p.machineRoomTemperatureK());
            qAmb = p.lowSide().standstillConductanceWPerK() * (coldK - evapK);
        }
        lowSide.step(h, mEvap + mBp + mCarry - mComp, lsInJ + qAmb);
        double newSuc = lowSide.solvePressure(co2, sucSat, pSucSat, hSuc, P_MIN_PA, P_SUBCRITICAL_MAX_PA);
        // (P4) standstill creep of the receiver toward p_sat of the coldest place it is open to: the outdoor coils'
        // through an open HV-222 (else its liquid sits at the room's temperature). The high side creeps no more: its
        // pressure is its trapped mass at the temperature the gas-cooler water gives it (P1 at standstill)
        double qRec = 0;
        if (!running) {
            double pRoom = co2.saturationPressurePa(p.machineRoomTemperatureK());
            double pCold = airK < p.machineRoomTemperatureK() ? co2.saturationPressurePa(Math.max(airK, co2.parameters().lowestSaturationTemperatureK())) : pRoom;
            double a = 1 - Math.exp(-h / p.standstillTimeConstantS());
            double dRec = ((bypassValve.openingRatio() > 0.01 ? pCold : pRoom) - newRec) * a;
            // the receiver's creep is heat from (or to) its surroundings evaporating (condensing) its own liquid, no
            // mass: Q = (∂U/∂p)_M·Δp_creep/h, booked in the ledger; the pressure follows at the next solve
            if (dRec < 0 || receiver.liquidKg() > 0) {
                qRec = receiver.heatPerPressureJPerPa(co2, co2.saturationAtPressure(clampReceiver(newRec))) * dRec / h;
                receiver.step(h, 0.0, qRec);
            }
        }
        gasCoolerPa = Math.min(Math.max(newGc, P_MIN_PA), 190e5);
        receiverPa = Math.min(Math.max(newRec, P_MIN_PA), P_SUBCRITICAL_MAX_PA);
        suctionPa = Math.min(Math.max(newSuc, P_MIN_PA), P_SUBCRITICAL_MAX_PA);

        // the CO2 ledger (Co2Ledger): boundary flows and each volume's net flows over this sub-step
        double hRecLiquid = rec.liquidEnthalpyJPerKg();
        double hVent = mGc > 0 ? h2 : hLineBefore;   // PSV-202 vents from the discharge line
        ledger.add(Co2Ledger.Term.ELECTRIC_J, h * powerCompW);
        ledger.add(Co2Ledger.Term.HOUSING_LOSS_J, h * housingW);
        ledger.add(Co2Ledger.Term.DISCHARGE_CLIP_J, h * mComp * (h2Free - h2));
        ledger.add(Co2Ledger.Term.COMPRESSOR_TO_GAS_J, h * mComp * (h2 - hSuc));
        ledger.add(Co2Ledger.Term.AIR_EVAPORATOR_J, h * qAir);
        ledger.add(Co2Ledger.Term.WATER_EVAPORATOR_J, h * qWater);
        ledger.add(Co2Ledger.Term.GAS_COOLER_J, h * gasCooler.heatW());
        ledger.add(Co2Ledger.Term.DEFROST_J, h * mDef * (h2 - hRecLiquid));
        ledger.add(Co2Ledger.Term.VENTED_KG, h * mRel);
        ledger.add(Co2Ledger.Term.VENTED_J, h * mRel * hVent);
        ledger.add(Co2Ledger.Term.LOW_SIDE_AMBIENT_J, h * qAmb);
        ledger.add(Co2Ledger.Term.RECEIVER_STANDSTILL_J, h * qRec);
        ledger.add(Co2Ledger.Term.COMPRESSOR_MASS_KG, h * mComp);
        double hsNetKg = h * (mComp - mHpv - mDef - mRel);
        double hsNetJ = h * (mComp * h2 - gasCooler.heatW() - mHpv * hGcOut - mDef * h2 - mRel * hVent);
        if (!running) {
            // standstill: what the trapped high side's solve (GasCooler (7)) leaves beyond the flows, booked apart: its
            // Newton residual (mass to the microgram, energy to its tolerance)
            double dm = highSideStoredKg() - hsMassBefore - hsNetKg;
            double de = highSideStoredJ() - hsEnergyBefore - hsNetJ;
            ledger.add(Co2Ledger.Term.HIGH_SIDE_CREEP_MASS, dm);
            ledger.add(Co2Ledger.Term.HIGH_SIDE_CREEP_J, de);
            hsNetKg += dm;
            hsNetJ += de;
        }
        ledger.add(Co2Ledger.Term.HS_NET_KG, hsNetKg);
        ledger.add(Co2Ledger.Term.HS_NET_J, hsNetJ);
        ledger.add(Co2Ledger.Term.REC_NET_KG, h * (mHpv + mDef - mEvap - mBp - mCarry));
        ledger.add(Co2Ledger.Term.REC_NET_J, h * (mHpv * hGcOut + mDef * hRecLiquid - (mEvap + mCarry) * hRecLiquid - mBp * hBypass + qRec));
        ledger.add(Co2Ledger.Term.LS_NET_KG, h * (mEvap + mBp + mCarry - mComp));
        ledger.add(Co2Ledger.Term.LS_NET_J, h * (lsInJ + qAmb));

        // (P5) the discharge gas, and TT-202 on its pipe: heated by the gas while it flows, cooling to the room after
        double aDis = 1 - Math.exp(-h / p.dischargeTimeConstantS());
        if (running) {
            co2.lookupPressureEnthalpy(gasCoolerPa, h2, look);
            dischargeGasK = look.temperatureK() + Math.max(0.0, h2Free - h2) / cpLimit;
            dischargeK += (dischargeGasK - dischargeK) * aDis;
        } else {
            dischargeK += (p.machineRoomTemperatureK() - dischargeK) * (1 - Math.exp(-h / p.dischargeLineCoolingTimeConstantS()));
            dischargeGasK = dischargeK;
        }
        suctionK += ((running ? tSuc : p.machineRoomTemperatureK()) - suctionK) * aDis;
        gasCoolerOutK = mGc > 0 ? gasCooler.outletTemperatureK() : gasCoolerOutK + (gasCooler.waterTemperatureK(gasCooler.parameters().cellCount() - 1) - gasCoolerOutK) * aDis;

        safety.step(h, timeS, gasCoolerPa, suctionPa, dischargeK, dischargeGasK, dhMassFlowKgPerS / p.dhMassFlowNominalKgPerS(), running, events);
    }

    private static double clampReceiver(double pa) {
        return Math.min(Math.max(pa, P_MIN_PA), P_SUBCRITICAL_MAX_PA);
    }

    /** High-side CO2 mass held now: the cells' last states plus the discharge line, kg (the ledger's). */
    private double highSideStoredKg() {
        return p.gasCooler().co2VolumeM3() * gasCooler.meanDensityKgPerM3() + p.highSideVolumeM3() * lineDensityKgPerM3();
    }

    /** The discharge line's CO2 density at the present pressure and the line's enthalpy ({@link GasCooler#lineEnthalpyJPerKg}), kg/m³. */
    private double lineDensityKgPerM3() {
        co2.lookupPressureEnthalpy(gasCoolerPa, gasCooler.lineEnthalpyJPerKg(), lineLook);
        return lineLook.densityKgPerM3();
    }

    /** High-side CO2 energy held now, Σ V·(ρ·h − p), J. */
    private double highSideStoredJ() {
        return gasCooler.co2EnergyJ(gasCoolerPa) + p.highSideVolumeM3() * (lineDensityKgPerM3() * gasCooler.lineEnthalpyJPerKg() - gasCoolerPa);
    }

    /** Mass HV-221 held back in the high side by a liquid-full receiver since the reset, kg (P2a; tests). */
    double backedUpKg() { return backedUpKg; }

    /**
     * The CO2 ledger now (issue #15 item 2): what each volume holds, from the plant state, and the integrated flows
     * since the reset. Costs two saturation look-ups and a pass over the cells; the step itself only adds up flows.
     */
    public Co2Ledger.Balance ledger() {
        Co2Saturation rs = co2.saturationAtPressure(clampReceiver(receiverPa));
        Co2Saturation ls = co2.saturationAtPressure(clampReceiver(suctionPa));
        return new Co2Ledger.Balance(timeS, highSideStoredKg(), highSideStoredJ(), receiver.massKg(), receiver.energyAt(rs),
                lowSide.massKg(), lowSide.energyAt(ls), ledger.sum.clone());
    }

    /** The low side (read-only use: its mass, energy and liquid for tests). */
    public TwoPhaseVolume lowSide() { return lowSide; }

    private double highSideVolumeM3() {
        return p.gasCooler().co2VolumeM3() + p.highSideVolumeM3();
    }

    /** CO2 mass of the high side at a pressure: gas-cooler cells (marched at that pressure) plus the discharge line. */
    private double highSideMassKg(double pressurePa, double co2MassFlowKgPerS, double dischargeEnthalpyJPerKg) {
        // standstill: the cells and the discharge line at their own enthalpies, as the standstill step holds them
        if (co2MassFlowKgPerS <= 1e-9) return gasCooler.standstillMassKg(co2, pressurePa, p.highSideVolumeM3());
        double cells = gasCooler.meanDensityAt(co2, pressurePa, co2MassFlowKgPerS, dischargeEnthalpyJPerKg, dhMassFlowKgPerS);
        co2.lookupPressureEnthalpy(pressurePa, dischargeEnthalpyJPerKg, look);
        return p.gasCooler().co2VolumeM3() * cells + p.highSideVolumeM3() * look.densityKgPerM3();
    }

    /**
     * The pressure at which the high side holds {@link #highSideMassKg}: a Newton step with the last slope dM/dp from
     * the estimate {@code m0} of the mass at {@code p0}, checked by a march at the new pressure; unless that left less
     * than 1 g unaccounted (≈ 0.003 bar; 95 % of running sub-steps at 1 s, nearly all at 0.1 s), a second Newton step
     * from there, marched, and the slope updated from the two marches. Steps limited to 10 bar; the cells end marched
     * at the returned pressure, whose mass is kept for the next sub-step's estimate. One march per sub-step in steady
     * operation (two before: one at the present pressure, one at the new).
     */
    private double solveHighSidePressure(double p0, double m0, double slope, double mGc, double h2) {
        double f0 = m0 - highSideMassKg;
        double p1 = clampPressure(p0 - limit(f0 / slope, 10e5));
        double m1 = highSideMassKg(p1, mGc, h2);
        double f1 = m1 - highSideMassKg;
        lastMarchMassKg = m1;
        if (Math.abs(f1) < 1e-3) return p1;
        double p2 = clampPressure(p1 - limit(f1 / highSideSlopeKgPerPa, 10e5));
        if (Math.abs(p2 - p1) < 1.0) return p1;
        double m2 = highSideMassKg(p2, mGc, h2);
        double s = (m2 - m1) / (p2 - p1);
        if (s > 1e-8) highSideSlopeKgPerPa = s;
        lastMarchMassKg = m2;
        return p2;
    }

    private static double limit(double v, double max) {
        return Math.max(-max, Math.min(max, v));
    }

    private static double clampPressure(double pa) {
        return Math.min(Math.max(pa, P_MIN_PA), 190e5);
    }

    /**
     * A valve's flow limited to what equalises the upstream (capacitance {@code cUp}) and downstream ({@code cDown})
     * volumes over the sub-step {@code h}: Δp / (h·(1/C_up + 1/C_down)). Keeps the explicit balance from overshooting
     * through equal pressures where the orifice law ṁ ∝ √Δp is stiff.
     */
    private static double equalisingLimit(double massFlowKgPerS, double dpPa, double cUp, double cDown, double h) {
        if (dpPa <= 0) return 0.0;
        return Math.min(massFlowKgPerS, dpPa / (h * (1 / cUp + 1 / cDown)));
    }

    /** h(p_suc, T_e + superheat), cached while the suction pressure moves less than 2 kPa. */
    private double evaporatorOutletEnthalpy(double pSucPa, double teK) {
        if (Double.isNaN(cachedEvapPa) || Math.abs(pSucPa - cachedEvapPa) > 2e3) {
            cachedEvapPa = pSucPa;
            cachedEvapOutletH = co2.enthalpyFromPressureTemperature(pSucPa, teK + p.evaporatorSuperheatK());
        }
        return cachedEvapOutletH;
    }

    /**
     * The discharge enthalpy stays inside the property tables (195 °C); cached per 0.1 bar with the entropy there and
     * c_p over the tables' last 10 K, which carries the gas temperature beyond the edge (P5).
     */
    private double dischargeEnthalpyLimit(double pGcPa) {
        if (Double.isNaN(hLimitPa) || Math.abs(pGcPa - hLimitPa) > 1e4) {
            hLimitPa = pGcPa;
            double pa = Math.max(pGcPa, co2.minPressurePa());
            hLimit = co2.enthalpyFromPressureTemperature(pa, DISCHARGE_TABLE_EDGE_K);
            sLimit = co2.entropyFromPressureEnthalpy(pa, hLimit);
            cpLimit = (hLimit - co2.enthalpyFromPressureTemperature(pa, DISCHARGE_TABLE_EDGE_K - 10)) / 10;
        }
        return hLimit;
    }

    private double[] computeOutputs(double[] u) {
        double[] y = new double[catalogue.outputs().size()];
        double airK = u[inAirT];
        double rh = u[inRh];
        boolean running = false;
        for (int c = 0; c < n; c++) {
            y[outSpeed[c]] = compressors[c].speedHz();
            y[outRunning[c]] = compressors[c].running() ? 1 : 0;
            y[outFault[c]] = u[inVfdFault[c]] >= 0.5 || (u[inFailsToStart[c]] >= 0.5 && u[inEnable[c]] >= 0.5 && u[inSpeedSet[c]] >= p.compressor().speedMinHz()) ? 1 : 0;
            running |= compressors[c].running();
        }
        double cpw = p.gasCooler().waterSpecificHeatJPerKgK();
        double heatW = dhMassFlowKgPerS * cpw * (gasCooler.waterOutletTemperatureK() - u[inReturnT]);
        double powerW = powerCompW + fanW;
        y[outAirT] = airK;
        y[outRh] = rh;
        y[outIrradiance] = u[inIrradiance];
        y[outSuctionP] = suctionPa;
        y[outSuctionT] = suctionK;
        y[outGasCoolerP] = gasCoolerPa;
        y[outDischargeT] = dischargeK;
        y[outDischargeGasT] = dischargeGasK;
        y[outReceiverLiquidKg] = receiver.liquidKg();
        y[outReceiverLevel] = receiver.liquidLevelRatio(co2.saturationAtPressure(Math.min(Math.max(receiverPa, P_MIN_PA), P_SUBCRITICAL_MAX_PA)).liquidDensityKgPerM3());
        y[outGasCoolerOutT] = gasCoolerOutK;
        y[outReceiverP] = receiverPa;
        y[outPower] = powerCompW;
        y[outHeat] = heatW;
        y[outHpTripped] = safety.hpTripped() ? 1 : 0;
        y[outLpTripped] = safety.lpTripped() ? 1 : 0;
        y[outDischargeTripped] = safety.dischargeTripped() ? 1 : 0;
        y[outReliefOpen] = safety.reliefOpen() ? 1 : 0;
        y[outHpValve] = hpValve.openingRatio();
        y[outBypass] = bypassValve.openingRatio();
        for (int s = 0; s < m; s++) {
            double fan = u[inFanFailed[s]] >= 0.5 ? 0.0 : clamp01(u[inFanSpeed[s]]);
            y[outCoilT[s]] = sections[s].coilTemperatureK();
            y[outCoilDp[s]] = sections[s].airPressureDropPa(fan);
            y[outFrostKg[s]] = sections[s].frost().massKg();
            y[outCapacity[s]] = sections[s].capacityRatio(airK, clamp01(rh), Math.min(evapK, airK - 1), 1.0);
            y[outDrip[s]] = sections[s].dripKgPerS();
            y[outSectionHeat[s]] = sectionQ[s];
            y[outDefrosting[s]] = defrostValveState[s] && running ? 1 : 0;
            y[outFrostZone[s]] = sections[s].frost().zone(airK, clamp01(rh)).ordinal();
        }
        double tankK = u[inTankBottomT];
        y[outWeInT] = tankK;
        y[outWeOutT] = weOutK;
        y[outWeFlow] = waterEvaporator.waterMassFlowKgPerS() / p.waterEvaporator().waterDensityKgPerM3();
        y[outTankPumpRunning] = u[inTankPumpEnable] >= 0.5 && u[inTankPumpSpeed] > 0 ? 1 : 0;
        y[outDhInT] = u[inReturnT];
        y[outDhOutT] = gasCooler.waterOutletTemperatureK();
        y[outDhFlow] = dhMassFlowKgPerS / p.waterDensityKgPerM3();
        y[outDhFlowLow] = dhMassFlowKgPerS / p.dhMassFlowNominalKgPerS() < p.safety().flowSwitchThresholdRatio() ? 1 : 0;
        y[outDhPumpRunning] = u[inDhPumpEnable] >= 0.5 && u[inDhPumpSpeed] > 0 && u[inDhPumpFailed] < 0.5 ? 1 : 0;
        for (int k = 0; k < TANK_SENSORS; k++) {
            y[outTank[k]] = p.tankTopTemperatureK() + (tankK - p.tankTopTemperatureK()) * k / (TANK_SENSORS - 1);
        }
        y[outSolarInT] = tankK;
        y[outSolarOutT] = tankK;
        double supplySetK = u[inSupplySetT];
        double demandW = p.networkHeatDemandW();
        y[outNetSupplyT] = supplySetK;
        y[outNetReturnT] = u[inReturnT];
        y[outNetFlow] = demandW / (p.waterDensityKgPerM3() * cpw * Math.max(1.0, supplySetK - u[inReturnT]));
        y[outNetDemand] = demandW;
        y[outNetSupplySet] = supplySetK;
        double chpW = Math.min(CHP_HEAT_MAX_W, Math.max(0.0, demandW - Math.max(0, heatW)));
        y[outChpState] = chpW > 0 ? 2 : 0;
        y[outChpHeat] = chpW;
        y[outCop] = powerW > 1 ? Math.max(0, heatW) / powerW : 0;
        y[outEvapHeat] = qAir + qWater;
        y[outEvapT] = evapK;
        y[outDhMassFlow] = dhMassFlowKgPerS;
        y[outFlowTripped] = safety.flowTripped() ? 1 : 0;
        y[outTripReason] = safety.reason().code;
        y[outLpLatched] = safety.lpLatched() ? 1 : 0;
        y[outLpResets] = safety.lpAutoResets();
        y[outReliefFlow] = mRel;
        y[outVentedKg] = ventedKg;
        y[outCo2Flow] = mComp;
        y[outHpValveFlow] = mHpv;
        y[outBypassFlow] = mBp;
        y[outFlashShare] = flash;
        y[outFanPower] = fanW;
        y[outHousingLoss] = housingW;
        y[outGasCoolerHeat] = gasCooler.heatW();
        y[outAirEvapHeat] = qAir;
        y[outWeHeat] = qWater;
        y[outDefrostHeat] = qDefrost;
        return y;
    }

    private static double clamp01(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
