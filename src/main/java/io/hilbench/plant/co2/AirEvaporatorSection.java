package io.hilbench.plant.co2;

/**
 * One air-evaporator section: a finned coil with its EC fan, section valve and hot-gas defrost valve, the frost on
 * it ({@link FrostLayer}) and its coil temperature sensor TT-23s. Heat flow is positive from the air into the
 * refrigerant (evaporator duty); during defrost, {@link #defrostHeatW()} is positive from the hot gas into the coil.
 *
 * <pre>
 *   φ      = iceFac  (free-flow share of the fin gaps)                                            (1)
 *   Δp_coil = Δp_nom·x²/φ²,  Δp_fan = Δp_nom·(k·n² − (k − 1)·x²)  ⇒  x = n·√(k/(1/φ² + k − 1))  (2) operating point on the
 *                                                                       fan curve; x = V̇/V̇_nom, n fan speed ratio, k = Δp_0/Δp_nom
 *   UA     = UA_nom · x^a · iceFac                                                                 (3) AixLib iceFac on UA
 *   ε      = 1 − exp(−UA/(ṁ_a·c_p,a))                                                             (4) coil at the evaporating
 *   Q      = ε·ṁ_a·max(c_p,a·(T_a − T_s), h_a − h_sat(T_s))                                      (5) temperature T_s; the enthalpy
 *                                                                       potential (Lewis number 1) when the coil dehumidifies
 *   C·dT_coil/dt = Q_hg + UA_nat·(T_a − T_coil) − Q_melt,  Q_hg = UA_hg·(T_cond − T_coil)          (6) defrost; at 0 °C with frost
 *                                                                       the surplus melts it (FrostLayer (3))
 *   P_fan  = P_nom·n³                                                                              (7) affinity law
 * </pre>
 * While evaporating the coil temperature follows the evaporating temperature with a first-order lag; otherwise it
 * moves by (6). While evaporating, frost deposits by mass transfer at the coil temperature with ε_m = ε of (4) (Lewis
 * analogy, {@link FrostLayer} (F2)), on the dry-air flow ṁ_da = ṁ_a/(1 + w). Melt water drains with a first-order
 * drip time constant.
 */
public final class AirEvaporatorSection {
    private final AirEvaporatorSectionParameters p;
    private final FrostLayer frost;
    private double coilTemperatureK;
    private double meltWaterKg;
    private double dripKgPerS;
    private double defrostHeatW;

    public AirEvaporatorSection(AirEvaporatorSectionParameters parameters) {
        this.p = parameters;
        this.frost = new FrostLayer(parameters.frost());
    }

    public AirEvaporatorSectionParameters parameters() { return p; }

    public FrostLayer frost() { return frost; }

    public double coilTemperatureK() { return coilTemperatureK; }

    public double dripKgPerS() { return dripKgPerS; }

    /** Heat from the hot gas into the coil in the last step, W (0 unless defrosting). */
    public double defrostHeatW() { return defrostHeatW; }

    public void reset(double coilTemperatureK) {
        this.coilTemperatureK = coilTemperatureK;
        frost.reset(0);
        meltWaterKg = 0;
        dripKgPerS = 0;
        defrostHeatW = 0;
    }

    /** Air flow ratio x on the fan curve, equation (2). */
    public double airFlowRatio(double fanSpeedRatio) {
        double n = Math.max(0.0, Math.min(1.0, fanSpeedRatio));
        double phi = Math.max(0.02, frost.iceFactor());
        double k = p.fanShutoffPressureRatio();
        return n * Math.sqrt(k / (1.0 / (phi * phi) + k - 1.0));
    }

    /** Air-side pressure drop across the coil, Pa (PDT-23s), equation (2). */
    public double airPressureDropPa(double fanSpeedRatio) {
        double x = airFlowRatio(fanSpeedRatio);
        double phi = Math.max(0.02, frost.iceFactor());
        return p.coilPressureDropNominalPa() * x * x / (phi * phi);
    }

    /** Fan electric power, W, equation (7). */
    public double fanPowerW(double fanSpeedRatio) {
        double n = Math.max(0.0, Math.min(1.0, fanSpeedRatio));
        return p.fanPowerNominalW() * n * n * n;
    }

    /** Air mass flow, kg/s. */
    public double airMassFlowKgPerS(double airTemperatureK, double relativeHumidityRatio, double fanSpeedRatio) {
        double rho = MoistAir.densityKgPerM3(airTemperatureK, MoistAir.humidityRatio(airTemperatureK, relativeHumidityRatio));
        return rho * p.airFlowNominalM3PerS() * airFlowRatio(fanSpeedRatio);
    }

    /** Evaporator duty at a coil (evaporating) temperature, equations (3)-(5), W; 0 with the fan stopped. */
    public double heatFlowW(double airTemperatureK, double relativeHumidityRatio, double surfaceTemperatureK, double fanSpeedRatio) {
        return heatFlowW(airTemperatureK, relativeHumidityRatio, surfaceTemperatureK, fanSpeedRatio, frost.iceFactor(), airFlowRatio(fanSpeedRatio));
    }

    /** The same duty with a clean coil (for the capacity ratio). */
    public double cleanHeatFlowW(double airTemperatureK, double relativeHumidityRatio, double surfaceTemperatureK, double fanSpeedRatio) {
        return heatFlowW(airTemperatureK, relativeHumidityRatio, surfaceTemperatureK, fanSpeedRatio, 1.0,
                Math.max(0.0, Math.min(1.0, fanSpeedRatio)));
    }

    /** Duty with frost over duty with a clean coil at the same air and evaporating temperature and fan speed. */
    public double capacityRatio(double airTemperatureK, double relativeHumidityRatio, double surfaceTemperatureK, double fanSpeedRatio) {
        double clean = cleanHeatFlowW(airTemperatureK, relativeHumidityRatio, surfaceTemperatureK, fanSpeedRatio);
        return clean > 0 ? heatFlowW(airTemperatureK, relativeHumidityRatio, surfaceTemperatureK, fanSpeedRatio) / clean : 1.0;
    }

    /** Heat-transfer effectiveness ε of equation (4) at the present frost, in [0, 1); 0 with no air flow. */
    public double effectiveness(double airTemperatureK, double relativeHumidityRatio, double fanSpeedRatio) {
        return effectiveness(airTemperatureK, relativeHumidityRatio, frost.iceFactor(), airFlowRatio(fanSpeedRatio));
    }

    private double effectiveness(double airK, double rh, double iceFac, double x) {
        if (x <= 1e-6 || iceFac <= 0) return 0.0;
        double w = MoistAir.humidityRatio(airK, rh);
        double mAir = MoistAir.densityKgPerM3(airK, w) * p.airFlowNominalM3PerS() * x;
        double ua = p.conductanceNominalWPerK() * Math.pow(x, p.airFlowExponent()) * iceFac;
        return 1.0 - Math.exp(-ua / (mAir * MoistAir.DRY_AIR_CP_J_PER_KG_K));
    }

    /** Frost deposition rate on the coil at a surface temperature, {@link FrostLayer} (F2), kg/s. */
    public double frostDepositionRateKgPerS(double airTemperatureK, double relativeHumidityRatio, double surfaceTemperatureK,
                                            double fanSpeedRatio) {
        double w = MoistAir.humidityRatio(airTemperatureK, relativeHumidityRatio);
        double dryAir = airMassFlowKgPerS(airTemperatureK, relativeHumidityRatio, fanSpeedRatio) / (1.0 + w);
        return FrostLayer.depositionRateKgPerS(airTemperatureK, relativeHumidityRatio, surfaceTemperatureK, dryAir,
                effectiveness(airTemperatureK, relativeHumidityRatio, fanSpeedRatio));
    }

    private double heatFlowW(double airK, double rh, double surfaceK, double fan, double iceFac, double x) {
        if (x <= 1e-6 || iceFac <= 0) return 0.0;
        double w = MoistAir.humidityRatio(airK, rh);
        double mAir = MoistAir.densityKgPerM3(airK, w) * p.airFlowNominalM3PerS() * x;
        double eps = effectiveness(airK, rh, iceFac, x);
        double sensible = MoistAir.DRY_AIR_CP_J_PER_KG_K * (airK - surfaceK);
        double total = MoistAir.enthalpyJPerKg(airK, w) - MoistAir.saturatedEnthalpyJPerKg(surfaceK);
        return eps * mAir * Math.max(sensible, total);
    }

    /**
     * One step of the coil: frost growth while evaporating, coil temperature, defrost melting and drip.
     *
     * @param evaporating     section valve open with refrigerant flowing at {@code evaporatingK}
     * @param defrosting      hot gas admitted (defrost valve open and hot gas available)
     * @param fanSpeedRatio   effective fan speed (0 for a failed fan)
     */
    public void step(double dtS, double airK, double rh, boolean evaporating, double evaporatingK, boolean defrosting, double fanSpeedRatio) {
        defrostHeatW = 0;
        if (evaporating && !defrosting) {
            coilTemperatureK = evaporatingK + (coilTemperatureK - evaporatingK) * Math.exp(-dtS / p.coilTimeConstantS());
            frost.grow(dtS, frostDepositionRateKgPerS(airK, rh, coilTemperatureK, fanSpeedRatio) * dtS, coilTemperatureK);
        } else {
            double fan = Math.max(0.0, Math.min(1.0, fanSpeedRatio));
            double uaAir = p.naturalConductanceWPerK() + p.conductanceNominalWPerK() * Math.pow(airFlowRatio(fan), p.airFlowExponent());
            double qHot = defrosting ? p.hotGasConductanceWPerK() * Math.max(0, p.hotGasCondensingTemperatureK() - coilTemperatureK) : 0.0;
            double c = p.coilHeatCapacityJPerK() + 2100.0 * frost.massKg();
            double qAir = uaAir * (airK - coilTemperatureK);
            double next = coilTemperatureK + dtS * (qHot + qAir) / c;
            if (frost.massKg() > 0 && next > 273.15) {
                // the frost holds the coil at 0 °C: the energy above it melts frost (FrostLayer eq. 3), the rest warms the coil
                double from = Math.max(coilTemperatureK, 273.15);
                double energyJ = (next - from) * c;
                double meltedKg = -frost.add(-energyJ / MoistAir.FUSION_HEAT_J_PER_KG);
                meltWaterKg += meltedKg;
                next = from + (energyJ - meltedKg * MoistAir.FUSION_HEAT_J_PER_KG) / c;
            }
            coilTemperatureK = next;
            defrostHeatW = qHot;
        }
        dripKgPerS = meltWaterKg / p.dripTimeConstantS();
        meltWaterKg -= dripKgPerS * dtS;
        if (meltWaterKg < 0) meltWaterKg = 0;
    }
}
