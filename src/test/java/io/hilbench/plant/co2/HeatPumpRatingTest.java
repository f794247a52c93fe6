package io.hilbench.plant.co2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hilbench.Units;
import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validation of the CO2 heat pump's steady state (issue 5 item 7; plant-models/co2-heat-pump/README.md): the Solrød
 * design point, Liao's optimum, energy balance, tank source against air, receiver above suction at the DESIGN §8
 * conditions.
 */
class HeatPumpRatingTest {
    static Co2Tables co2;
    static HeatPumpRating rating;

    @BeforeAll
    static void tables() {
        // built in memory: the test neither reads nor writes the user's cache
        co2 = Co2Tables.build(Co2TableParameters.plantDefault());
        rating = new HeatPumpRating(Co2HeatPumpParameters.solrodDefaults(), co2);
    }

    static HeatPumpRating.Conditions air(double airC, double rh, double returnC, double supplyC, double speedRatio) {
        return new HeatPumpRating.Conditions(Units.degCToK(airC), rh, Units.degCToK(returnC), Units.degCToK(supplyC), HeatSource.AIR,
                Units.degCToK(35), Double.NaN, 120e5, speedRatio);
    }

    static HeatPumpRating.Conditions tank(double airC, double tankC, double returnC, double supplyC) {
        return new HeatPumpRating.Conditions(Units.degCToK(airC), 0.9, Units.degCToK(returnC), Units.degCToK(supplyC), HeatSource.TANK,
                Units.degCToK(tankC), Double.NaN, 120e5, 1.0);
    }

    @Test
    void designPointMatchesTheSolrodRating() {
        // issue 5 item 7: 0 °C / 90 % RH, DH 40 → 75 °C, full speed: 1.2 MW ± 5 %, suction 26–31 bar,
        // gas cooler 95–120 bar, COP 2.2–3.3 (domain notes §2.2 operating point: COP_h 2.43 on shaft power at 110 bar and a
        // 3 K approach, 2.2 with this plant's 0.95 motor and ~30 kW of fans; the lower bound was 2.3 while the gas cooler
        // had a 0.56 K approach, issue #15 item 1). This search is capped at the 120 bar aim: 120 bar, COP 2.25, 1177 kW
        HeatPumpRating.Result r = rating.rate(air(0, 0.9, 40, 75, 1.0));
        assertThat(r.heatW()).isBetween(1.14e6, 1.26e6);
        assertThat(Units.paToBar(r.suctionPressurePa())).isBetween(26.0, 31.0);
        assertThat(Units.paToBar(r.gasCoolerPressurePa())).isBetween(95.0, 120.0);
        assertThat(r.cop()).isBetween(2.2, 3.3);
        // the water flow delivers exactly the heat at the imposed temperatures
        assertThat(r.waterMassFlowKgPerS() * 4186 * 35).isCloseTo(r.heatW(), within(1.0));
    }

    @Test
    void steadyStateEnergyBalanceClosesWithinOnePercent() {
        // property: heat into the water (water side) = heat from the sources (air side) + compressor power − housing loss
        for (HeatPumpRating.Conditions c : new HeatPumpRating.Conditions[] {
                air(0, 0.9, 40, 75, 1.0), air(-10, 0.8, 40, 80, 1.0), air(12, 0.6, 35, 65, 0.4), tank(5, 30, 40, 75)}) {
            HeatPumpRating.Result r = rating.rate(c);
            double in = r.evaporatorW() + r.compressorPowerW() - r.housingLossW();
            assertThat(Math.abs(r.heatW() - in) / r.heatW()).as("balance at %s: %s", c, r).isLessThan(0.01);
        }
    }

    @Test
    void optimumPressureAgreesWithLiaoForGasCoolerOutletUpTo45DegC() {
        // Liao, Zhao & Jakobsen 2000 (domain notes §2.1): p_opt = (2.778 − 0.0157·t_e)·t_gc + (0.381·t_e − 9.34), posed at a
        // fixed gas-cooler outlet and evaporating temperature; the cycle's own optimum must lie within ±3 bar of it
        for (double te : new double[] {-10, -5, 0, 5}) {
            for (double tgc : new double[] {35, 40, 45}) {
                double opt = Units.paToBar(rating.optimumPressureAtFixedOutletPa(Units.degCToK(te), Units.degCToK(tgc)));
                double liao = (2.778 - 0.0157 * te) * tgc + (0.381 * te - 9.34);
                assertThat(opt).as("t_e %.0f °C, t_gc %.0f °C", te, tgc).isCloseTo(liao, within(3.0));
            }
        }
    }

    @Test
    void optimumSearchFindsTheBestCopBelowTheAim() {
        // the search returns a pressure whose COP no scanned pressure beats, and never above the controllers' aim
        HeatPumpRating.Conditions c = air(0, 0.9, 40, 75, 1.0);
        HeatPumpRating.Result best = rating.rate(c);
        assertThat(best.gasCoolerPressurePa()).isLessThanOrEqualTo(120e5);
        for (double bar = 95; bar <= 120; bar += 1) {
            HeatPumpRating.Result r = rating.rateAt(c, bar * 1e5);
            if (r != null) assertThat(r.cop()).as("%.0f bar", bar).isLessThanOrEqualTo(best.cop() + 1e-3);
        }
    }

    @Test
    void tankSourceAt30DegCBeatsAirAt0DegC() {
        // DESIGN §6 / SO-01: heat drawn from a 30 °C tank bottom evaporates warmer than 0 °C air
        HeatPumpRating.Result airR = rating.rate(air(0, 0.9, 40, 75, 1.0));
        HeatPumpRating.Result tankR = rating.rate(tank(0, 30, 40, 75));
        assertThat(tankR.cop()).isGreaterThan(airR.cop());
        assertThat(tankR.evaporatingK()).isGreaterThan(airR.evaporatingK());
        // the regulator caps the water evaporator's pressure at 45 bar
        assertThat(tankR.suctionPressurePa()).isLessThanOrEqualTo(45e5 + 1);
    }

    @Test
    void receiverStaysAboveSuctionAtEveryDesignCondition() {
        // DESIGN §5: receiver set-point max(35 bar, suction + 5 bar) ≤ 65 bar; §8 conditions SU-01/DF-01, SU-03 (+12 °C, low
        // load), DF-02 (+8 °C / 50 %), HP-04 (return 55 °C), SO-01 (5 °C air, tank 35 °C), SO-02 (tank 15 °C), LD-01 (−5 °C, 70 °C)
        HeatPumpRating.Conditions[] conditions = {
                air(0, 0.9, 40, 75, 1.0), air(12, 0.7, 40, 75, 0.36), air(8, 0.5, 40, 75, 1.0), air(0, 0.9, 55, 75, 1.0),
                tank(5, 35, 40, 75), tank(5, 15, 40, 75), air(-5, 0.9, 40, 70, 1.0), air(-5, 0.9, 40, 75, 1.0)};
        for (HeatPumpRating.Conditions c : conditions) {
            HeatPumpRating.Result r = rating.rate(c);
            assertThat(r.receiverPressurePa()).as("%s", c).isGreaterThan(r.suctionPressurePa());
            assertThat(r.receiverPressurePa()).isBetween(35e5, 65e5);
        }
    }

    @Test
    void copFallsAsTheReturnWarms() {
        // property (CONVENTIONS): a warmer gas-cooler water inlet warms the CO2 outlet and lowers the COP
        double previous = Double.POSITIVE_INFINITY;
        for (double ret : new double[] {30, 35, 40, 45, 50}) {
            double cop = rating.rate(air(0, 0.9, ret, 75, 1.0)).cop();
            assertThat(cop).as("return %.0f °C", ret).isLessThan(previous);
            previous = cop;
        }
    }

    @Test
    void unreachableSupplyIsAnErrorNotAResult() {
        // robustness: at 76 bar the discharge cannot reach a 95 °C supply; the rating says so instead of inventing a point
        HeatPumpRating.Conditions c = new HeatPumpRating.Conditions(Units.degCToK(0), 0.9, Units.degCToK(40), Units.degCToK(95),
                HeatSource.AIR, Units.degCToK(35), 76e5, 120e5, 1.0);
        assertThatThrownBy(() -> rating.rate(c)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no steady operating point");
    }
}
