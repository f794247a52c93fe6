package io.hilbench.plant.co2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hilbench.fluid.Co2Saturation;
import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A receiver run almost dry whose last pressure lies above its equilibrium (issue #15: the year study's trip at
 * 752.85 h). Above p*, where V·ρ''(p*) = M, the two-phase energy U(p, M) with the vapour clamped to M falls with p
 * (CO2's h'' falls toward the critical point), so the Newton step's fallback slope once sent the receiver up by its
 * 5 bar limit every sub-step to the 72 bar clamp, although nothing heated it. The solve must come down to the
 * two-phase equilibrium instead.
 */
class TwoPhaseVolumeDryEdgeTest {
    static Co2Tables co2;

    @BeforeAll
    static void tables() {
        co2 = Co2Tables.build(Co2TableParameters.plantDefault());
    }

    @Test
    void aNearlyDryReceiverAboveItsEquilibriumComesDownToItAndNeverClimbs() {
        double volumeM3 = 0.5;
        Co2Saturation eq = co2.saturationAtPressure(44e5);
        TwoPhaseVolume v = new TwoPhaseVolume(volumeM3, 0.0);
        // saturated vapour filling the volume at 44 bar plus 2 kg of liquid: two-phase, the equilibrium at 44 bar
        double liquidKg = 2.0;
        double vapourM3 = volumeM3 - liquidKg / eq.liquidDensityKgPerM3();
        double vapourKg = vapourM3 * eq.vaporDensityKgPerM3();
        double mass = liquidKg + vapourKg;
        double energy = liquidKg * eq.liquidEnthalpyJPerKg() + vapourKg * eq.vaporEnthalpyJPerKg() - eq.pressurePa() * volumeM3;
        v.setState(mass, energy);
        // the last pressure solved was 49 bar (a sub-step of HV-221's swings): at 49 bar saturated vapour is denser than
        // M/V, so the dry branch is tried, finds no superheat, and the two-phase solve takes over
        double p = 49e5;
        double highest = p;
        for (int i = 0; i < 30; i++) {
            p = v.solvePressure(co2, co2.saturationAtPressure(p), p, eq.vaporEnthalpyJPerKg(), 7e5, 72e5);
            highest = Math.max(highest, p);
        }
        assertThat(highest).as("never above the 49 bar it started from (was: +5 bar a sub-step to 72 bar)").isLessThanOrEqualTo(49e5);
        assertThat(p / 1e5).as("at the two-phase equilibrium, bar").isCloseTo(44.0, within(0.05));
    }

    /**
     * A receiver with a few hundred grams of liquid left, just below p*: (∂U/∂p)_M is near zero there (U(p, M) has its
     * maximum at p*), and with it the capacitance dM/dp the valves' equalising limit rests on. The year study's trip at
     * 861.23 h: HV-221 and HV-222 collapsed to a tenth of their flow in one sub-step at unchanged openings. The
     * capacitance may never fall below what the vapour alone takes, M_v/p (ideal gas at fixed temperature).
     */
    @Test
    void aNearlyDryReceiverKeepsAtLeastItsVapoursCapacitance() {
        double volumeM3 = 0.5;
        for (double liquidKg : new double[] {0.02, 0.1, 0.3}) {
            Co2Saturation eq = co2.saturationAtPressure(44e5);
            TwoPhaseVolume v = new TwoPhaseVolume(volumeM3, 0.0);
            double vapourKg = (volumeM3 - liquidKg / eq.liquidDensityKgPerM3()) * eq.vaporDensityKgPerM3();
            v.setState(liquidKg + vapourKg, liquidKg * eq.liquidEnthalpyJPerKg() + vapourKg * eq.vaporEnthalpyJPerKg() - eq.pressurePa() * volumeM3);
            double p = v.solvePressure(co2, eq, 44e5, eq.vaporEnthalpyJPerKg(), 7e5, 72e5);
            double floorKgPerPa = vapourKg / 44e5;
            assertThat(v.capacitanceKgPerPa()).as("capacitance with %.2f kg of liquid left, kg/bar (vapour alone: %.3f kg/bar)", liquidKg, floorKgPerPa * 1e5)
                    .isGreaterThanOrEqualTo(floorKgPerPa * (1 - 1e-9));
            assertThat(p / 1e5).as("still at its equilibrium, bar").isCloseTo(44.0, within(0.05));
        }
    }
}
