package io.hilbench.plant.site;

import io.hilbench.plant.PlantInputs;
import io.hilbench.plant.PlantModel;
import io.hilbench.plant.PlantSnapshot;
import io.hilbench.plant.SignalCatalogue;

import java.util.List;

/**
 * A heat pump reduced to its water sides, for the site tests around it ({@link SolrodPlant}): the DH side heats
 * {@code dhMassFlowKgPerS} of return to {@code dhSupplyK} (Q = ṁ·c_p·(T_supply − T_return); with no DH flow the outlet
 * shows the return), the water evaporator draws {@code evaporatorFlowKgPerS} from its inlet (the tank bottom) and returns
 * it colder by Q_evap / (ṁ·c_p). No refrigerant, no dynamics: what the site does with these flows is what is judged.
 */
final class WaterFakeHeatPump implements PlantModel {
    static final double CP_J_PER_KG_K = 4180, DENSITY_KG_PER_M3 = 985;
    private final SignalCatalogue catalogue = new SignalCatalogue(
            List.of("hp.dhWater.outletTemperatureK", "hp.dhWater.massFlowKgPerS", "hp.heatFlowW",
                    "hp.waterEvaporator.waterFlowM3PerS", "hp.waterEvaporator.waterOutletTemperatureK", "hp.waterEvaporator.waterInletTemperatureK"),
            List.of("weather.airTemperatureK", "network.returnTemperatureK", "hp.waterEvaporator.waterInletTemperatureK", "hp.enable"));
    private final double dhMassFlowKgPerS, dhSupplyK, evaporatorFlowKgPerS, evaporatorHeatW, enableDefault;
    /** The evaporator's inlet temperature of the last step, K (what the site fed it). */
    double lastInletK;
    private long timeMs;

    /** @param enableDefault the default of the {@code hp.enable} input (1 enabled, 0 not) */
    WaterFakeHeatPump(double dhMassFlowKgPerS, double dhSupplyK, double evaporatorFlowKgPerS, double evaporatorHeatW, double enableDefault) {
        this.dhMassFlowKgPerS = dhMassFlowKgPerS;
        this.dhSupplyK = dhSupplyK;
        this.evaporatorFlowKgPerS = evaporatorFlowKgPerS;
        this.evaporatorHeatW = evaporatorHeatW;
        this.enableDefault = enableDefault;
    }

    @Override public SignalCatalogue catalogue() { return catalogue; }
    @Override public PlantInputs defaultInputs() { return PlantInputs.of(273.15, 313.15, 313.15, enableDefault); }
    @Override public void reset(long seed) { timeMs = 0; }
    @Override public PlantSnapshot snapshot() { return new PlantSnapshot(timeMs, new double[]{313.15, 0, 0, 0, 313.15, 313.15}, List.of()); }
    @Override public List<String> resetLatchedTrips() { return List.of(); }

    @Override public PlantSnapshot step(double dtS, PlantInputs inputs) {
        double returnK = inputs.value(1);
        lastInletK = inputs.value(2);
        timeMs += Math.round(dtS * 1000);
        boolean dh = dhMassFlowKgPerS > 0;
        double dhHeatW = dh ? dhMassFlowKgPerS * CP_J_PER_KG_K * (dhSupplyK - returnK) : 0;
        double outletK = lastInletK - evaporatorHeatW / (evaporatorFlowKgPerS * CP_J_PER_KG_K);
        return new PlantSnapshot(timeMs, new double[]{dh ? dhSupplyK : returnK, dhMassFlowKgPerS, dhHeatW,
                evaporatorFlowKgPerS / DENSITY_KG_PER_M3, outletK, lastInletK}, List.of());
    }
}
