package io.hilbench.plant.co2;

import io.hilbench.fluid.Co2TableParameters;
import io.hilbench.fluid.Co2Tables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A liquid-full receiver (Co2HeatPumpPlant (P2a), plant-models/co2-heat-pump/README.md R6): the level never exceeds 1.
 * An overcharged plant (the receiver 95 % liquid at standstill, 367 kg instead of 193 kg) started at full load fills its
 * receiver within a minute as the high side settles; what would overfill it leaves as liquid through HV-222 to the
 * suction side, or, with HV-222 shut, stays in the gas cooler (HV-221 cannot deliver it): the high side's mass and
 * pressure rise (the receiver's own pressure rises too, with the flash gas trapped: see the second half). Mass and
 * energy of every volume still close (the carry-over is booked from the receiver to the low side).
 */
class ReceiverOverfillTest {
    private static final Co2Tables CO2 = Co2Tables.build(Co2TableParameters.plantDefault());
    /** The level is computed at the pressure solved after the step; one sub-step's pressure change moves ρ' by ~1e-4. */
    private static final double LEVEL_TOLERANCE = 1e-3;

    static Co2HeatPumpParameters overcharged() {
        Co2HeatPumpParameters d = Co2HeatPumpParameters.solrodDefaults();
        ReceiverParameters r = d.receiver();
        return new Co2HeatPumpParameters(d.compressorCount(), d.sectionCount(), d.compressor(), d.gasCooler(), d.hpValve(), d.bypassValve(),
                new ReceiverParameters(r.volumeM3(), r.pressureMinPa(), r.aboveSuctionPa(), r.pressureMaxPa(), 0.05),
                d.airSection(), d.waterEvaporator(), d.safety(), d.evaporatorSuperheatK(), d.highSideVolumeM3(), d.lowSide(),
                d.dhMassFlowNominalKgPerS(), d.dhMassFlowMaxKgPerS(), d.dhPumpTimeConstantS(), d.dhPumpRunDownTimeConstantS(),
                d.waterDensityKgPerM3(), d.machineRoomTemperatureK(), d.standstillTimeConstantS(), d.dischargeTimeConstantS(),
                d.dischargeLineCoolingTimeConstantS(), d.gasCoolerPressureAimPa(), d.tankTopTemperatureK(), d.tankBottomTemperatureK(),
                d.networkHeatDemandW());
    }

    @Test
    void anOverchargedReceiverCarriesLiquidOverAndNeverExceedsFull() {
        Co2PlantHarness h = new Co2PlantHarness(overcharged(), CO2);
        Co2Ledger.Balance b0 = h.plant.ledger();
        h.startFullLoad(70);
        double maxLevel = 0;
        boolean full = false;
        for (int i = 0; i < 3000; i++) {
            h.step();
            maxLevel = Math.max(maxLevel, h.out("hp.receiver.liquidLevelRatio"));
            full |= h.last.events().stream().anyMatch(e -> e.startsWith("receiver liquid-full: HV-222 carries"));
        }
        assertThat(full).as("the overcharged receiver reaches liquid-full (the case under test)").isTrue();
        assertThat(maxLevel).as("receiver level over 5 min at full load").isLessThanOrEqualTo(1 + LEVEL_TOLERANCE);
        double carryLevel = maxLevel;
        Co2Ledger.Balance b1 = h.plant.ledger();
        for (int v = 1; v <= 2; v++) {
            assertThat(b1.volumeResidualKgSince(b0, v)).as("volume %d, kg", v).isCloseTo(0.0, within(0.01));
            assertThat(b1.volumeResidualJSince(b0, v)).as("volume %d, J", v).isCloseTo(0.0, within(0.05e6));
        }

        // HV-222 shut: the liquid can no longer leave through it; HV-221 cannot deliver into a full vessel, the liquid
        // backs up into the gas cooler
        h.controlBypassValve = false;
        h.set("hp.bypassValve.openingSetRatio", 0);
        for (int i = 0; i < 600; i++) {
            h.step();
            maxLevel = Math.max(maxLevel, h.out("hp.receiver.liquidLevelRatio"));
        }
        // the high side gains what the shut line no longer passes (58.4 -> 72.6 kg measured). No new "HV-221 backs it up"
        // event here: the episode's event fired at 36.4 s of the start and the receiver never fell below 98 % of full
        // since (events once per episode); the branch itself: aFullReceiverThatHv222CannotDrainBacksTheLiquidUp...
        Co2Ledger.Balance b2 = h.plant.ledger();
        assertThat(b2.highSideKg()).as("HV-222 shut: the high side holds more").isGreaterThan(b1.highSideKg() + 5.0);
        // the flash gas HV-221 still delivers has nowhere to go: the receiver's pressure rises and its saturated liquid
        // expands (ρ' falls) at a fixed mass; the equilibrium model has no compressed liquid, so the level shows the
        // expansion (measured 1.0084) instead of the hydraulic pressure a real full vessel would build. Guarded, named.
        assertThat(maxLevel).as("receiver level with HV-222 shut (thermal expansion, no compressed liquid)").isLessThan(1.01);
        for (int v = 1; v <= 2; v++) {
            assertThat(b2.volumeResidualKgSince(b1, v)).as("volume %d, kg", v).isCloseTo(0.0, within(0.01));
        }
        System.out.printf("receiver overfill: max level %.5f carrying over, %.5f with HV-222 shut; high side %.1f -> %.1f kg, PT-202 %.1f bar%n", carryLevel, maxLevel, b1.highSideKg(), b2.highSideKg(),
                h.out("hp.gasCoolerPressurePa") / 1e5);
    }

    /**
     * The back-up branch of (P2a) itself: HV-221's orifice would deliver more into a liquid-full receiver than HV-222
     * passes as liquid, so the rest stays in the gas cooler. It is reached on the overcharged plant's start, when the
     * compressors pump the suction side's charge over faster than HV-222 (under the harness's receiver-pressure loop)
     * carries liquid back (first at 36.4 s, the second compressor's stage-in), and again when HV-222 shuts at full load
     * and the EEVs take less than HV-221 would bring (until the HP switch stops the compressors). Checked: the branch
     * acts (the mass it held back), the receiver stays at liquid-full while it does, mass closes in every volume, and
     * energy closes in the receiver and the suction side to rounding; the whole charge's energy within the issue's
     * 0.5 % of the throughput over the start window (issue #15 items 2 and 5). The windows start after the lead
     * compressor's start, whose re-base of the high side is booked apart (Co2LedgerTest).
     */
    @Test
    void aFullReceiverThatHv222CannotDrainBacksTheLiquidUpAndTheLedgerCloses() {
        Co2PlantHarness h = new Co2PlantHarness(overcharged(), CO2);
        h.startFullLoad(70);
        h.run(20);
        Co2Ledger.Balance b0 = h.plant.ledger();
        double held0 = h.plant.backedUpKg();
        double maxLevel = 0, maxOverKg = -1e9;
        double firstBackUpS = Double.NaN;
        for (int i = 0; i < 2800; i++) {
            h.step();
            maxLevel = Math.max(maxLevel, h.out("hp.receiver.liquidLevelRatio"));
            maxOverKg = Math.max(maxOverKg, h.plant.ledger().receiverKg() - fullKg(h));
            if (Double.isNaN(firstBackUpS) && h.last.events().stream().anyMatch(e -> e.contains("HV-221 backs it up"))) {
                firstBackUpS = h.last.plantTimeMs() / 1000.0;
            }
        }
        Co2Ledger.Balance b1 = h.plant.ledger();
        double held1 = h.plant.backedUpKg();
        Co2LedgerTest.report("start 20-300 s", b0, b1);
        assertThat(firstBackUpS).as("the back-up branch's event, s").isBetween(20.0, 300.0);
        // measured 1.54 kg before the high side's energy balance (GasCooler (8)) moved the water side's heat; 0.56 kg since
        assertThat(held1 - held0).as("mass HV-221 held back in the gas cooler, 20-300 s, kg").isGreaterThan(0.2);
        assertThat(maxLevel).as("level while carrying over and backing up").isLessThanOrEqualTo(1 + LEVEL_TOLERANCE);
        // V·rho' moves one sub-step behind the pressure (LEVEL_TOLERANCE of liquid-full is ~0.46 kg): measured 0.020 kg
        assertThat(maxOverKg).as("receiver mass above V·rho'(p_rec), kg").isLessThan(LEVEL_TOLERANCE * fullKg(h));
        closes(b0, b1);
        assertThat(Math.abs(b1.massResidualKgSince(b0))).as("whole charge, kg").isLessThan(0.005 * b1.d(b0, Co2Ledger.Term.COMPRESSOR_MASS_KG));
        // measured 1.72 MJ of 467.7 MJ (0.37 %) while the high side's heat was its quasi-steady march's; with the cells'
        // own energy balance (GasCooler (8)) 0.000 MJ of 462.6 MJ
        assertThat(Math.abs(b1.energyResidualJSince(b0))).as("whole charge, J").isLessThan(0.005 * Co2LedgerTest.energyThroughputJ(b0, b1));

        // HV-222 shut at full load: nothing leaves the receiver but the EEVs' feed; the high side takes what HV-221 may
        // no longer deliver, its pressure climbs until the HP switch stops the compressors
        h.controlBypassValve = false;
        h.set("hp.bypassValve.openingSetRatio", 0);
        double maxLevelShut = 0, maxOverShutKg = -1e9;
        for (int i = 0; i < 600 && h.out("hp.safety.tripReason") == 0; i++) {
            h.step();
            maxLevelShut = Math.max(maxLevelShut, h.out("hp.receiver.liquidLevelRatio"));
            maxOverShutKg = Math.max(maxOverShutKg, h.plant.ledger().receiverKg() - fullKg(h));
        }
        assertThat(h.out("hp.safety.tripReason")).as("the high side climbs to the HP switch").isEqualTo(SafetyChain.Reason.HP_SWITCH.code);
        Co2Ledger.Balance b2 = h.plant.ledger();
        double held2 = h.plant.backedUpKg();
        Co2LedgerTest.report("HV-222 shut", b1, b2);
        System.out.printf("back-up: first at %.1f s; held back %.2f kg (20-300 s), %.2f kg (HV-222 shut, %.1f s to the HP trip); level max %.5f / %.5f; "
                + "receiver above V·rho' by at most %.3f / %.3f kg; high side %.2f -> %.2f kg%n",
                firstBackUpS, held1 - held0, held2 - held1, (b2.timeS() - b1.timeS()), maxLevel, maxLevelShut, maxOverKg, maxOverShutKg,
                b1.highSideKg(), b2.highSideKg());
        // held back: what HV-221's orifice would have passed minus what it did, 43.9 kg in the 7.8 s to the trip (47.1 kg
        // in 8.1 s before GasCooler (8)); the high side gained 13.5 kg (the rest the EEVs did not draw from the receiver)
        assertThat(held2 - held1).as("HV-222 shut: mass held back, kg").isGreaterThan(10.0);
        assertThat(maxLevelShut).as("level while backing up with HV-222 shut").isLessThanOrEqualTo(1 + LEVEL_TOLERANCE);
        assertThat(maxOverShutKg).as("receiver mass above V·rho'(p_rec) with HV-222 shut, kg (measured 0.121)").isLessThan(LEVEL_TOLERANCE * fullKg(h));
        closes(b1, b2);
        assertThat(Math.abs(b2.massResidualKgSince(b1))).as("whole charge, kg").isLessThan(0.005 * b2.d(b1, Co2Ledger.Term.COMPRESSOR_MASS_KG));
        // the energy the branch moves is booked on both sides of HV-221 (the receiver closes), and the high side's own
        // closes too as its pressure climbs ~18 bar in ~8 s: its cells' heat comes from their mass and energy balances
        // (GasCooler (8)). Before, its quasi-steady march lost -0.80 MJ of 18.5 MJ (4.3 %) in this window (issue #15
        // audit); measured now 0.000 MJ of 18.4 MJ
        assertThat(Math.abs(b2.energyResidualJSince(b1))).as("whole charge, J").isLessThan(0.005 * Co2LedgerTest.energyThroughputJ(b1, b2));
    }

    private static void closes(Co2Ledger.Balance a, Co2Ledger.Balance b) {
        for (int v = 0; v <= 2; v++) {
            assertThat(b.volumeResidualKgSince(a, v)).as("volume %d, kg", v).isCloseTo(0.0, within(0.01));
        }
        for (int v = 0; v <= 2; v++) {
            assertThat(b.volumeResidualJSince(a, v)).as("volume %d, J", v).isCloseTo(0.0, within(0.05e6));
        }
    }

    private static double fullKg(Co2PlantHarness h) {
        return h.plant.parameters().receiver().volumeM3() * CO2.saturationAtPressure(h.out("hp.receiverPressurePa")).liquidDensityKgPerM3();
    }
}
