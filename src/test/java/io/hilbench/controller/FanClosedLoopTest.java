package io.hilbench.controller;

import io.hilbench.rig.ControllerState;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Fan-speed control closed around the whole Solrød plant with the CO2 heat pump ({@link Co2Loop}, air source: tank
 * bottom 12 °C; +8 °C, 50 % RH so no defrost interferes): the fans F-251..254 follow the compressors' commanded speed
 * during the start-up staging and after a supply set-point step down, slew limited, and the supply loop still settles
 * (issue #7 item 2 "fan speeds"; {@link FanSpeedControl}).
 */
class FanClosedLoopTest {
    private static final Logger log = LoggerFactory.getLogger(FanClosedLoopTest.class);
    private static final FanConfig FANS = FanConfig.defaults();
    private static final double MAX_HZ = ControllerConfig.defaults().compressorMaxHz();

    @Test
    void theFansRampWithTheStagingAndFollowTheCapacityDownWithoutUpsettingTheSupplyLoop() {
        ClosedLoop loop = Co2Loop.create(Optional.empty(), PlantLoopsConfig.defaults(), 8, 0.5, 0, 70, 12);
        FanSpeedControl expected = new FanSpeedControl(FANS); // the same ramp fed with what the controller commanded
        loop.cycle(Commands.none(Co2Loop.SETPOINT_DEGC).withStart());
        double stepAtS = 600;
        double lowestAfterStep = Double.POSITIVE_INFINITY;
        double highestBeforeStep = 0;
        double lowestWhileRunning = Double.POSITIVE_INFINITY;
        double largestChangePct = 0;
        double last = Double.NaN;
        int distinct = 0;
        ClosedLoop.Row r = null;
        for (long i = 0; i < Math.round(1500 / ClosedLoop.STEP_S); i++) {
            double set = loop.timeS() < stepAtS ? Co2Loop.SETPOINT_DEGC : 50;
            r = loop.cycle(Commands.none(set));
            Outputs o = loop.lastOutputs();
            double fan = o.value(PlantTags.fanSpeedSet(1));
            for (int s = 2; s <= 4; s++) assertThat(o.value(PlantTags.fanSpeedSet(s))).as("F-25%d with F-251", s).isEqualTo(fan);
            if (loop.controller.compressorsOn() == 0) continue;
            if (!Double.isNaN(last)) {
                largestChangePct = Math.max(largestChangePct, Math.abs(fan - last));
                if (Math.abs(fan - last) > 1e-9) distinct++;
            }
            last = fan;
            lowestWhileRunning = Math.min(lowestWhileRunning, fan);
            if (r.timeS() < stepAtS) highestBeforeStep = Math.max(highestBeforeStep, fan);
            else lowestAfterStep = Math.min(lowestAfterStep, fan);
        }
        // at the end the fans sit at the speed the ramp gives for the commanded compressor speed
        double hz = 0;
        for (int c = 0; c < r.speedSetHz().length; c++) if (r.enabled()[c]) hz += r.speedSetHz()[c];
        double ratio = hz / (r.speedSetHz().length * MAX_HZ);
        double endFan = loop.lastOutputs().value(PlantTags.fanSpeedSet(1));
        log.info(String.format(Locale.ROOT, "fans closed loop: lowest %.1f %%, highest before the step %.1f %%, lowest after the 75 → 50 °C step %.1f %%, "
                        + "largest change per cycle %.3f %%, %d changes; end: capacity %.2f → fan %.1f %% (ramp %.1f %%), supply %.2f °C",
                lowestWhileRunning, highestBeforeStep, lowestAfterStep, largestChangePct, distinct, ratio, endFan, expected.targetPct(ratio), r.supplyDegC()));

        assertThat(lowestWhileRunning).as("fans start at the minimum with one compressor").isCloseTo(FANS.minSpeedPct(), within(0.1));
        assertThat(highestBeforeStep).as("all compressors at full speed: fans at the maximum").isCloseTo(FANS.maxSpeedPct(), within(0.1));
        assertThat(lowestAfterStep).as("the set-point step down lowers the capacity and the fans with it").isLessThan(FANS.maxSpeedPct() - 3);
        // slew limit per 100 ms cycle plus the 0.1 % rounding of the output
        assertThat(largestChangePct).as("largest fan change in one cycle, %").isLessThanOrEqualTo(FANS.slewPctPerS() * ClosedLoop.STEP_S + 0.1 + 1e-9);
        assertThat(distinct).as("the fans modulated (many small steps, not one jump)").isGreaterThan(100);
        assertThat(endFan).isCloseTo(expected.targetPct(ratio), within(1.0));
        // nothing regresses: the supply settles on the new set-point, no trip, no stop
        assertThat(r.supplyDegC()).as("supply at the end, °C").isCloseTo(50.0, within(1.0));
        assertThat(loop.trace).noneMatch(ClosedLoop.Row::anyTrip)
                .noneMatch(x -> x.state() == ControllerState.TRIPPED || x.state() == ControllerState.FAULT || x.state() == ControllerState.STOPPING);
    }
}
