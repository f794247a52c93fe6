package io.hilbench.plant.co2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hardwired safety chain against the settings of DESIGN §5 and the switch logic of domain notes §5 (Danfoss
 * compressor control-logic table: HP manual reset; LP auto reset at most 5 times in 12 h, then manual; Bitzer
 * discharge trip 150 °C, reset 135 °C; EN ISO 4126-style relief hysteresis).
 */
class SafetyChainTest {
    final SafetyChain chain = new SafetyChain(SafetyChainParameters.solrodDefaults());
    final List<String> events = new ArrayList<>();

    void step(double t, double pGc, double pSuc, double dischargeC, double flowRatio, boolean running) {
        step(t, pGc, pSuc, dischargeC, dischargeC, flowRatio, running);
    }

    void step(double t, double pGc, double pSuc, double dischargeC, double gasC, double flowRatio, boolean running) {
        chain.step(0.1, t, pGc, pSuc, dischargeC + 273.15, gasC + 273.15, flowRatio, running, events);
    }

    @Test
    void lpSwitchResetsItselfFiveTimesIn12HoursThenLatches() {
        double t = 0;
        for (int trip = 1; trip <= 5; trip++) {
            step(t += 60, 100e5, 13.9e5, 100, 1, true);
            assertThat(chain.lpTripped()).isTrue();
            assertThat(chain.compressorsStopped()).isTrue();
            step(t += 60, 100e5, 17.1e5, 100, 1, false);
            assertThat(chain.lpTripped()).as("auto reset %d", trip).isFalse();
        }
        step(t += 60, 100e5, 13.9e5, 100, 1, true);
        assertThat(chain.lpLatched()).isTrue();
        // each auto reset cleared the chain, so the first-out reason of this trip is the lockout
        assertThat(chain.reason()).isEqualTo(SafetyChain.Reason.LP_LOCKOUT);
        step(t += 60, 100e5, 30e5, 100, 1, false);
        assertThat(chain.lpTripped()).as("latched: no auto reset").isTrue();
        assertThat(chain.resetLatched(100e5, 373.15)).contains("PSLL-201 LP switch lockout reset");
        assertThat(chain.lpTripped()).isFalse();
    }

    @Test
    void lpAutoResetBudgetRenewsAfter12Hours() {
        double t = 0;
        for (int trip = 1; trip <= 5; trip++) {
            step(t += 60, 100e5, 13e5, 100, 1, true);
            step(t += 60, 100e5, 18e5, 100, 1, false);
        }
        t += 12 * 3600 + 1;
        step(t, 100e5, 13e5, 100, 1, true);
        assertThat(chain.lpLatched()).isFalse();
    }

    @Test
    void lpSwitchIgnoresLowSuctionWithNoCompressorRunning() {
        step(1, 60e5, 10e5, 20, 0, false);
        assertThat(chain.lpTripped()).isFalse();
    }

    @Test
    void dischargeTripAt150DegCResetsOnlyBelow135DegC() {
        step(1, 100e5, 30e5, 149.9, 1, true);
        assertThat(chain.dischargeTripped()).isFalse();
        step(2, 100e5, 30e5, 150.0, 1, true);
        assertThat(chain.dischargeTripped()).isTrue();
        assertThat(chain.reason()).isEqualTo(SafetyChain.Reason.DISCHARGE_TEMPERATURE);
        assertThat(chain.resetLatched(100e5, 140 + 273.15)).anyMatch(e -> e.contains("refused"));
        assertThat(chain.resetLatched(100e5, 130 + 273.15)).contains("TSHH-202 discharge temperature trip reset");
        assertThat(chain.reason()).isEqualTo(SafetyChain.Reason.NONE);
    }

    @Test
    void theCompressorsDischargeGasThermostatTripsOnTheGasBeforeTheLaggedSensorReads150DegC() {
        step(1, 100e5, 30e5, 120, 159.9, 1, true);
        assertThat(chain.dischargeTripped()).isFalse();
        step(2, 100e5, 30e5, 121, 160.0, 1, true);
        assertThat(chain.dischargeTripped()).as("gas at 160 °C, TT-202 at 121 °C").isTrue();
        assertThat(chain.reason()).isEqualTo(SafetyChain.Reason.DISCHARGE_TEMPERATURE);
        assertThat(events).anyMatch(e -> e.startsWith("compressor discharge-gas thermostat tripped at 160.0 degC gas"));
        // the site reset judges the pipe sensor, as for TSHH-202
        assertThat(chain.resetLatched(100e5, 130 + 273.15)).contains("TSHH-202 discharge temperature trip reset");
        SafetyChain stopped = new SafetyChain(SafetyChainParameters.solrodDefaults());
        stopped.step(0.1, 3, 100e5, 30e5, 300, 170 + 273.15, 1, false, events);
        assertThat(stopped.dischargeTripped()).as("no compressor running: no gas through the head").isFalse();
    }

    @Test
    void reliefOpensAt140BarAndReseatsAfterItsBlowdown() {
        step(1, 139.9e5, 30e5, 100, 1, false);
        assertThat(chain.reliefOpen()).isFalse();
        step(2, 140e5, 30e5, 100, 1, false);
        assertThat(chain.reliefOpen()).isTrue();
        assertThat(chain.reliefLift(140e5)).isGreaterThan(0);
        step(3, 135e5, 30e5, 100, 1, false);
        assertThat(chain.reliefOpen()).as("above 140 × 0.93 = 130.2 bar: still open").isTrue();
        step(4, 130e5, 30e5, 100, 1, false);
        assertThat(chain.reliefOpen()).isFalse();
        assertThat(events).anyMatch(e -> e.startsWith("PSV-202 relief valve opened")).anyMatch(e -> e.startsWith("PSV-202 relief valve reseated"));
    }

    @Test
    void firstOutReasonIsTheFirstTrip() {
        step(1, 131e5, 30e5, 100, 1, true);
        step(2, 131e5, 30e5, 151, 1, true);
        assertThat(chain.reason()).isEqualTo(SafetyChain.Reason.HP_SWITCH);
    }

    @Test
    void bypassedFlowSwitchReportsButStopsNothing() {
        SafetyChain bypassed = new SafetyChain(SafetyChainParameters.solrodDefaults().withFlowSwitchBypassed(true));
        for (int i = 1; i <= 60; i++) bypassed.step(0.1, i * 0.1, 100e5, 30e5, 373.15, 373.15, 0.0, true, events);
        assertThat(bypassed.flowTripped()).isTrue();
        assertThat(bypassed.compressorsStopped()).isFalse();
        assertThat(events).anyMatch(e -> e.contains("BYPASSED"));
    }
}
