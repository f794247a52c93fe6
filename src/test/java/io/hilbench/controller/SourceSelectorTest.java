package io.hilbench.controller;

import io.hilbench.runtime.Quality;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.hilbench.controller.SourceSelector.Source.AIR;
import static io.hilbench.controller.SourceSelector.Source.BOTH;
import static io.hilbench.controller.SourceSelector.Source.TANK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heat-source selection without plant (DESIGN §8 SO-01/02; domain notes §6): the choice and its hysteresis, the
 * bumpless switch (new source in first, P-261 proven before XV-261 opens, overlap, then the old one out), the forced
 * return to air when the tank bottom falls below the minimum, and the no-source-switch variant.
 */
class SourceSelectorTest {
    private final SourceConfig cfg = SourceConfig.defaults();
    private double tankBottomDegC = 35;
    private double airDegC = 5;
    private double irradiance = 800;
    private boolean pumpFeedback;
    private Quality tankQuality = Quality.GOOD;
    private double timeS;

    private Inputs inputs() {
        return Inputs.builder(Math.round(timeS), Math.round(timeS * 1000)).set(cfg.tankBottomTag(), tankBottomDegC, tankQuality)
                .set(PlantTags.TT101, airDegC).set(PlantTags.RT101, irradiance).set(PlantTags.P261_RUNNING, pumpFeedback).build();
    }

    /** Runs 1 s cycles; P-261's running feedback follows its command one cycle later, as a contactor does. */
    private void run(SourceSelector sel, double seconds) {
        for (int i = 0; i < seconds; i++) {
            sel.update(inputs(), 1.0, true);
            pumpFeedback = sel.tankPumpOn();
            timeS += 1;
        }
    }

    @Test
    void aWarmTankOnASunnyDayIsSelectedBumplesslyWithThePumpProvenBeforeTheValveOpens() {
        // SO-01: air 5 °C, tank bottom 35 °C, 800 W/m²: the tank is the better source
        SourceSelector sel = new SourceSelector(cfg, Optional.empty());
        assertThat(sel.target(inputs())).isEqualTo(TANK);
        sel.update(inputs(), 1.0, true);
        assertThat(sel.switchingTo()).contains(TANK);
        assertThat(sel.tankPumpOn()).as("P-261 first").isTrue();
        assertThat(sel.xv261Open()).as("XV-261 waits for P-261 to be proven running").isFalse();
        assertThat(sel.airInUse()).as("the air evaporator stays in during the switch").isTrue();
        pumpFeedback = true;
        double opened = Double.NaN;
        for (int i = 0; i < cfg.overlapS() + 60 && sel.switchingTo().isPresent(); i++) {
            run(sel, 1);
            if (Double.isNaN(opened) && sel.xv261Open()) opened = timeS;
            if (sel.switchingTo().isPresent()) assertThat(sel.airInUse()).isTrue();
        }
        assertThat(opened).as("XV-261 opened after the pump proof").isGreaterThanOrEqualTo(cfg.tankPumpProofS());
        assertThat(sel.source()).isEqualTo(TANK);
        assertThat(timeS - opened).as("overlap with both sources after XV-261 opened").isGreaterThanOrEqualTo(cfg.overlapS() - 1);
        assertThat(sel.airInUse()).as("air out after the overlap").isFalse();
        assertThat(sel.xv261Open()).isTrue();
        assertThat(sel.tankPumpSpeedPct()).isEqualTo(cfg.tankPumpSpeedPct());
    }

    /**
     * SourceConfig#tankStartMaxDegC (off by default; 30 °C in year studies, SourceConfig#forYearStudies): a start from
     * standstill on a warmer bottom is made on the air under the tank source's ceiling (the year studies tripped on
     * tank-source starts that flooded the suction); the tank comes in with the bumpless switch once the compressors
     * have run minDwellS. The choice itself stays TANK (the tank-charging strategy asks it). With the defaults (the
     * scenarios') a 45 °C start is on the tank, as before.
     */
    @Test
    void aStartOnAWarmTankBottomIsMadeOnTheAirAndTheTankComesInAfterMinDwell() {
        SourceConfig study = cfg.forYearStudies();
        assertThat(cfg.tankStartMaxDegC()).as("off in the scenarios' controller").isInfinite();
        assertThat(cfg.tankStageUpMaxSuctionBar()).isInfinite();
        assertThat(study.tankStartMaxDegC()).isEqualTo(30.0);
        assertThat(study.tankStageUpMaxSuctionBar()).isEqualTo(45.5);
        tankBottomDegC = 45;
        SourceSelector sel = new SourceSelector(study, Optional.empty());
        for (int i = 0; i < 600; i++) {   // ten minutes at standstill, as after a tank-charging pause
            sel.update(inputs(), 1.0, false);
            timeS += 1;
        }
        assertThat(sel.choice(inputs())).as("the tank beats the air").isEqualTo(TANK);
        assertThat(sel.target(inputs())).as("but not for a start").isEqualTo(AIR);
        assertThat(sel.source()).isEqualTo(AIR);
        run(sel, study.minDwellS() - 2);
        assertThat(sel.source()).as("running %.0f s: still the air", study.minDwellS() - 2).isEqualTo(AIR);
        assertThat(sel.switchingTo()).isEmpty();
        assertThat(sel.tankPumpOn()).isFalse();
        assertThat(sel.tankInUse()).isFalse();
        assertThat(sel.ceilingTargetHz(70)).as("the air held for the start runs under the tank source's ceiling").isEqualTo(study.tankSourceMaxHz());
        run(sel, 3);
        assertThat(sel.switchingTo()).as("after minDwellS running: the bumpless switch").contains(TANK);
        assertThat(sel.tankInUse()).isTrue();
        assertThat(sel.tankPumpSpeedPct()).as("P-261 from its minimum").isLessThanOrEqualTo(study.tankPumpMinPct() + 1);
        assertThat(sel.ceilingTargetHz(70)).as("and through the overlap").isEqualTo(study.tankSourceMaxHz());
        run(sel, study.overlapS() + study.tankPumpProofS() + 10);
        assertThat(sel.source()).isEqualTo(TANK);
        assertThat(sel.waterEvaporatorOnly()).isTrue();

        sel.update(inputs(), 1.0, false);   // a stop: the next start is on the air again, whatever the dwell
        assertThat(sel.source()).isEqualTo(AIR);

        SourceSelector scenarios = new SourceSelector(cfg, Optional.empty());
        scenarios.update(inputs(), 1.0, false);
        assertThat(scenarios.source()).as("the defaults: a 45 °C start on the tank").isEqualTo(TANK);
        tankBottomDegC = 29.9;
        SourceSelector cool = new SourceSelector(study, Optional.empty());
        cool.update(inputs(), 1.0, false);
        assertThat(cool.source()).as("a 29.9 °C bottom: the start on the tank").isEqualTo(TANK);
    }

    @Test
    void theSpeedCeilingIsTheTankSourcesOnlyOnTheWaterEvaporatorAlone() {
        // the gas cooler's nominal CO2 flow on the tank source's denser suction (SourceConfig#tankSourceMaxHz)
        SourceSelector sel = new SourceSelector(cfg, Optional.empty());
        assertThat(sel.ceilingTargetHz(70)).as("air").isEqualTo(70.0);
        sel.update(inputs(), 1.0, true);
        assertThat(sel.switchingTo()).contains(TANK);
        assertThat(sel.ceilingTargetHz(70)).as("air still in during the switch").isEqualTo(70.0);
        run(sel, cfg.overlapS() + cfg.tankPumpProofS() + 10);
        assertThat(sel.source()).isEqualTo(TANK);
        assertThat(sel.waterEvaporatorOnly()).isTrue();
        assertThat(sel.ceilingTargetHz(70)).isEqualTo(cfg.tankSourceMaxHz()).isLessThan(70.0);
        tankBottomDegC = cfg.tankMinDegC() - 0.1;
        run(sel, 1);
        assertThat(sel.ceilingTargetHz(70)).as("the air coming back in lifts it").isEqualTo(70.0);
    }

    @Test
    void aTankBottomBelowTheMinimumForcesTheReturnToAirAtOnceAndItTakesTheEnterTemperatureToComeBack() {
        // SO-02: the tank bottom falls below the tank-source minimum → back to air (no dwell), bumpless; hysteresis
        SourceSelector sel = new SourceSelector(cfg, Optional.empty());
        run(sel, cfg.overlapS() + cfg.tankPumpProofS() + 10);
        assertThat(sel.source()).isEqualTo(TANK);
        tankBottomDegC = cfg.tankMinDegC() + 0.5;
        run(sel, 10);
        assertThat(sel.source()).as("still above the minimum").isEqualTo(TANK);
        tankBottomDegC = cfg.tankMinDegC() - 0.1;
        run(sel, 1);
        assertThat(sel.switchingTo()).as("leaving an unusable tank does not wait for the dwell").contains(AIR);
        assertThat(sel.airInUse()).isTrue();
        assertThat(sel.xv261Open()).as("the tank stays in through the overlap").isTrue();
        run(sel, cfg.overlapS() + 1);
        assertThat(sel.source()).isEqualTo(AIR);
        assertThat(sel.xv261Open()).isFalse();
        assertThat(sel.tankPumpOn()).as("P-261 overruns after XV-261 closed").isTrue();
        run(sel, cfg.tankPumpOverrunS() + 1);
        assertThat(sel.tankPumpOn()).isFalse();
        // hysteresis: above the minimum but below the enter temperature the tank is not taken again
        tankBottomDegC = cfg.tankEnterDegC() - 0.5;
        run(sel, cfg.minDwellS() + 10);
        assertThat(sel.source()).isEqualTo(AIR);
        assertThat(sel.switchingTo()).isEmpty();
        tankBottomDegC = cfg.tankEnterDegC() + 0.5;
        run(sel, cfg.overlapS() + cfg.tankPumpProofS() + 5);
        assertThat(sel.source()).isEqualTo(TANK);
    }

    @Test
    void aTankNoWarmerThanTheAirIsCooledAlongsideTheAirOnlyWhenTheSunWantsAColdInlet() {
        // domain notes §6: the solar field's need for a cold inlet; both sources, with hysteresis on the irradiance
        SourceSelector sel = new SourceSelector(cfg, Optional.empty());
        tankBottomDegC = 25;
        airDegC = 22;
        irradiance = 500;
        assertThat(sel.target(inputs())).isEqualTo(BOTH);
        run(sel, cfg.overlapS() + cfg.tankPumpProofS() + 10);
        assertThat(sel.source()).isEqualTo(BOTH);
        assertThat(sel.airInUse()).isTrue();
        assertThat(sel.xv261Open()).isTrue();
        irradiance = cfg.solarNeedWPerM2() - 50; // inside the hysteresis
        assertThat(sel.target(inputs())).isEqualTo(BOTH);
        irradiance = 100;
        assertThat(sel.target(inputs())).isEqualTo(AIR);
        run(sel, cfg.minDwellS() + cfg.overlapS() + 5);
        assertThat(sel.source()).isEqualTo(AIR);
    }

    @Test
    void aSwitchWaitsForTheMinimumDwellInThePresentSource() {
        SourceSelector sel = new SourceSelector(cfg, Optional.empty());
        run(sel, cfg.overlapS() + cfg.tankPumpProofS() + 10);
        assertThat(sel.source()).isEqualTo(TANK);
        airDegC = 33; // the air is now as good as the tank and there is no sun: air wanted
        irradiance = 0;
        run(sel, 10);
        assertThat(sel.switchingTo()).as("dwell not yet passed").isEmpty();
        run(sel, cfg.minDwellS());
        assertThat(sel.switchingTo().isPresent() || sel.source() == AIR).isTrue();
    }

    @Test
    void anUnreadableTankBottomMeansAir() {
        SourceSelector sel = new SourceSelector(cfg, Optional.empty());
        tankQuality = Quality.BAD;
        assertThat(sel.target(inputs())).isEqualTo(AIR);
    }

    @Test
    void withNoCompressorRunningNothingOfTheTankSourceIsDriven() {
        SourceSelector sel = new SourceSelector(cfg, Optional.empty());
        sel.update(inputs(), 1.0, false);
        assertThat(sel.tankPumpOn()).isFalse();
        assertThat(sel.xv261Open()).isFalse();
        assertThat(sel.source()).as("the choice stands for the next start").isEqualTo(TANK);
    }

    @Test
    void variantNoSourceSwitchStaysOnAir() {
        // no-source-switch removes the selection: SO-01's stimulus leaves it on air
        SourceSelector sel = new SourceSelector(cfg, Optional.of(Variant.NO_SOURCE_SWITCH));
        run(sel, 3600);
        assertThat(sel.source()).isEqualTo(AIR);
        assertThat(sel.tankPumpOn()).isFalse();
    }

    @Test
    void variantIgnoresTankMinimumStaysOnASpentTank() {
        // ignores-tank-minimum removes the return to air below the minimum (SO-02), and only that: it still enters on
        // the tank by the entry threshold, and the correct selector leaves the same spent tank
        SourceSelector bad = new SourceSelector(cfg, Optional.of(Variant.IGNORES_TANK_MINIMUM));
        SourceSelector good = new SourceSelector(cfg, Optional.empty());
        run(bad, cfg.overlapS() + cfg.tankPumpProofS() + 10);
        run(good, cfg.overlapS() + cfg.tankPumpProofS() + 10);
        assertThat(bad.source()).isEqualTo(TANK);
        assertThat(good.source()).isEqualTo(TANK);
        tankBottomDegC = cfg.tankMinDegC() - 3;
        run(bad, cfg.minDwellS() + cfg.overlapS() + 60);
        run(good, cfg.minDwellS() + cfg.overlapS() + 60);
        assertThat(good.source()).isEqualTo(AIR);
        assertThat(bad.source()).as("the variant stays on the spent tank").isEqualTo(TANK);
        assertThat(bad.tankPumpOn()).isTrue();
    }
}
