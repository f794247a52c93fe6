package io.hilbench.plant.tank;

import io.hilbench.Units;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Validation of the stratified tank (plant-models/tank/README.md; CONVENTIONS: analytical, property, robustness).
 * Node 0 is the top; heat flow is positive into the tank.
 */
class StratifiedTankTest {
    final StratifiedTankParameters p = StratifiedTankParameters.solrodDefaults();
    final StratifiedTank tank = new StratifiedTank(p);
    final int n = p.nodeCount();
    final double[] in = new double[n], inT = new double[n], out = new double[n];
    static final double AIR_K = Units.degCToK(5), GROUND_K = Units.degCToK(8);

    @Test
    void meetsTheDesignSize() {
        // DESIGN §5 / issue 6: 1,250 m³, at least 20 nodes
        assertThat(p.volumeM3()).isEqualTo(1250.0);
        assertThat(p.nodeCount()).isGreaterThanOrEqualTo(20);
    }

    /**
     * Issue 6 item 7: the tank's energy balance over 24 h closes within 0.5 %. Stored energy change = ∫(port enthalpy in
     * − out) + ∫(heat from ambient). Flows change every hour (charge at the top, discharge, a solar-like inflow at the
     * top drawn from the bottom, a tank-source loop cooling the bottom), so advection, mixing and losses all act.
     */
    @Test
    void energyBalanceOver24HoursClosesWithinHalfAPercent() {
        tank.setLinearProfile(Units.degCToK(75), Units.degCToK(35));
        double e0 = tank.storedEnergyJ();
        double portJ = 0, ambientJ = 0, throughputJ = 0;
        double dt = 0.1;
        for (int step = 0; step < 864_000; step++) {
            int hour = step / 36_000;
            java.util.Arrays.fill(in, 0);
            java.util.Arrays.fill(out, 0);
            double m = 10 + 5 * Math.sin(hour);
            if (hour % 3 == 0) {            // charging: hot in at the top, cold out at the bottom
                in[0] = m; inT[0] = Units.degCToK(78); out[n - 1] = m;
            } else if (hour % 3 == 1) {     // discharging: cold in at the bottom, hot out at the top
                in[n - 1] = m; inT[n - 1] = Units.degCToK(38); out[0] = m;
            } else {                        // solar: bottom → exchanger → top at 55 °C (below the top: the mixing acts), tank source cools the bottom
                in[0] = 12; inT[0] = Units.degCToK(55); out[n - 1] = 12 + 8;
                in[n - 1] = 8; inT[n - 1] = tank.bottomTemperatureK() - 5;
            }
            tank.step(dt, in, inT, out, AIR_K, GROUND_K);
            portJ += tank.portHeatFlowW() * dt;
            ambientJ += tank.ambientHeatFlowW() * dt;
            throughputJ += Math.abs(tank.portHeatFlowW()) * dt;
        }
        double change = tank.storedEnergyJ() - e0;
        double residual = change - (portJ + ambientJ);
        assertThat(ambientJ).as("the tank loses heat to ambient").isNegative();
        assertThat(Math.abs(residual)).as("residual %.3e J of %.3e J net port heat, %.3e J throughput", residual, portJ, throughputJ)
                .isLessThan(0.005 * Math.abs(change));
        assertThat(Math.abs(residual)).isLessThan(1e-6 * throughputJ);
    }

    /**
     * Issue 6 item 7: with no flow a charged tank keeps its stratification. Over 24 h only conduction (k = 1 W/m·K)
     * and losses act: the diffusion length √(α·t) = √(k/(ρc)·86,400 s) ≈ 0.14 m is less than one node (0.64 m), so the
     * thermocline stays within a node or two and the top and bottom hold to about a kelvin (losses ≈ 0.1 K/day).
     */
    @Test
    void stratificationIsKeptWithNoFlow() {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = i < n / 2 ? Units.degCToK(70) : Units.degCToK(30);
        tank.setTemperatures(t);
        for (int step = 0; step < 86_400; step++) tank.step(1.0, in, inT, out, AIR_K, GROUND_K);
        assertThat(Units.kToDegC(tank.topTemperatureK())).isCloseTo(70, within(1.0));
        assertThat(Units.kToDegC(tank.bottomTemperatureK())).isCloseTo(30, within(1.0));
        assertThat(Units.kToDegC(tank.temperatureK(n / 2 - 3))).as("3 nodes above the thermocline").isGreaterThan(69);
        assertThat(Units.kToDegC(tank.temperatureK(n / 2 + 2))).as("3 nodes below the thermocline").isLessThan(31);
        for (int i = 1; i < n; i++) assertThat(tank.temperatureK(i)).as("monotonic at node %d", i).isLessThanOrEqualTo(tank.temperatureK(i - 1));
    }

    /** Issue 6 item 7: buoyancy mixing removes an inversion in one step and conserves the energy (equation 7). */
    @Test
    void mixingRemovesAnInversion() {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = Units.degCToK(60 - i);     // stable
        t[3] = Units.degCToK(40);   // a cold layer near the top: inversion with node 4 (56 °C)
        t[n - 1] = Units.degCToK(80);   // hot water at the bottom: rises
        tank.setTemperatures(t);
        double e0 = tank.storedEnergyJ();
        // no conduction, no loss: the mixing alone
        StratifiedTank ideal = new StratifiedTank(new StratifiedTankParameters(1250, 16, n, 985, 4180, 0, 0, 0));
        ideal.setTemperatures(t);
        ideal.step(0.1, in, inT, out, AIR_K, GROUND_K);
        for (int i = 1; i < n; i++) assertThat(ideal.temperatureK(i)).as("no inversion at node %d", i).isLessThanOrEqualTo(ideal.temperatureK(i - 1) + 1e-12);
        assertThat(ideal.storedEnergyJ()).isCloseTo(e0, within(1e-9 * e0));
        // the bottom 80 °C node is mixed up to the top: the whole tank becomes one mixed column from where its mean exceeds the layers
        assertThat(ideal.topTemperatureK()).isGreaterThan(Units.degCToK(55));
        tank.step(0.1, in, inT, out, AIR_K, GROUND_K);
        for (int i = 1; i < n; i++) assertThat(tank.temperatureK(i)).isLessThanOrEqualTo(tank.temperatureK(i - 1) + 1e-12);
    }

    /**
     * Analytical: a fully mixed tank with losses only cools as T(t) = T_a + (T0 − T_a)·exp(−UA·t/C), with UA the sum of
     * wall, roof and floor (the floor to the ground: ground = air here). The node model is not perfectly uniform (the
     * roof and floor nodes lose more; a colder floor node does not mix up), so the drop agrees within 1 % (0.5 % measured), not exactly.
     */
    @Test
    void uniformTankCoolsExponentially() {
        tank.setLinearProfile(Units.degCToK(80), Units.degCToK(80));
        double area = p.crossSectionM2();
        double diameter = Math.sqrt(4 * area / Math.PI);
        double ua = p.wallHeatLossCoefficientWPerM2K() * (Math.PI * diameter * p.heightM() + area) + p.floorHeatLossCoefficientWPerM2K() * area;
        double days = 10;
        for (int step = 0; step < days * 24 * 60; step++) tank.step(60, in, inT, out, AIR_K, AIR_K);
        double mean = tank.storedEnergyJ() / p.heatCapacityJPerK() + Units.CELSIUS_OFFSET_K;
        double expected = AIR_K + (Units.degCToK(80) - AIR_K) * Math.exp(-ua * days * 86400 / p.heatCapacityJPerK());
        double drop = Units.degCToK(80) - expected;
        assertThat(Units.degCToK(80) - mean).isCloseTo(drop, within(0.01 * drop));
    }

    /** A plug flow moves the thermocline down by the volume pushed in: 100 kg/s for 1 h = 360 t ≈ 7.3 nodes of 49 t. */
    @Test
    void chargingMovesTheThermoclineByTheVolumePushedIn() {
        tank.setLinearProfile(Units.degCToK(30), Units.degCToK(30));
        in[0] = 100; inT[0] = Units.degCToK(70); out[n - 1] = 100;
        for (int step = 0; step < 3600; step++) tank.step(1.0, in, inT, out, AIR_K, GROUND_K);
        double nodesFilled = 100 * 3600 / (p.volumeM3() / n * p.densityKgPerM3());
        int front = 0;
        while (front < n && tank.temperatureK(front) > Units.degCToK(50)) front++;
        assertThat((double) front).isCloseTo(nodesFilled, within(1.5));
    }

    @Test
    void robustAtZeroFlowHugeStepsAndBigFlows() {
        tank.setLinearProfile(Units.degCToK(70), Units.degCToK(30));
        tank.step(3600, in, inT, out, Units.degCToK(-30), GROUND_K);   // an hour in one step, no flow
        in[0] = 500; inT[0] = Units.degCToK(90); out[n - 1] = 500;
        tank.step(600, in, inT, out, Units.degCToK(-30), GROUND_K);    // 300 t in one step: sub-steps keep it bounded
        for (int i = 0; i < n; i++) assertThat(Units.kToDegC(tank.temperatureK(i))).isBetween(-30.0, 90.0 + 1e-9);
        assertThat(Units.kToDegC(tank.topTemperatureK())).isCloseTo(90, within(0.5));
    }

    @Test
    void refusesUnbalancedFlowsAndBadParameters() {
        in[0] = 10; inT[0] = 340;
        assertThatThrownBy(() -> tank.step(1, in, inT, out, AIR_K, GROUND_K)).hasMessageContaining("do not balance");
        assertThatThrownBy(() -> new StratifiedTankParameters(-3, 16, 25, 985, 4180, 1, 0.25, 0.3)).hasMessage("volumeM3 must be > 0, was -3.0");
        assertThatThrownBy(() -> new StratifiedTankParameters(1250, 16, 1, 985, 4180, 1, 0.25, 0.3)).hasMessageContaining("nodeCount must be >= 2");
    }
}
