package io.hilbench.benchmarks;

import io.hilbench.plant.FixtureHeatPump;
import io.hilbench.runtime.Emulator;
import io.hilbench.runtime.EmulatorConfig;
import io.hilbench.runtime.LinkFaultState;
import io.hilbench.runtime.Pacing;
import io.hilbench.runtime.PlantIo;
import io.hilbench.runtime.SignalFrame;

import java.time.Duration;

/**
 * Unpaced step-loop rate with the recorder on (every step kept) and a PlantIo that costs nothing, so the figure is
 * plant + faults + recorder + loop bookkeeping, not the point table. Prints steps/s and × real time at 100 ms.
 *
 * <p>Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.hilbench.benchmarks.LoopRate}
 */
public final class LoopRate {
    public static void main(String[] args) throws Exception {
        FixtureHeatPump plant = new FixtureHeatPump();
        PlantIo io = new PlantIo() {
            public void publish(SignalFrame frame, BenchStatus status) { }
            public Sample sample(double[] ext, boolean failsafe) { return new Sample(Double.NaN, Double.NaN, ext.clone()); }
            public double ack() { return Double.NaN; }
            public void resetAck() { }
            public boolean hasHeartbeat() { return false; }
            public boolean hasAck() { return false; }
            public void setListener(Listener l) { }
        };
        long plantMs = 3_600_000L; // one hour of plant time
        for (int round = 0; round < 3; round++) {
            Emulator e = new Emulator(plant, io, EmulatorConfig.defaults().withPacing(Pacing.unpaced()).withWatchdogTimeoutMs(0), new LinkFaultState());
            long t0 = System.nanoTime();
            e.start();
            e.awaitPlantTime(plantMs, Duration.ofMinutes(5));
            long wall = System.nanoTime() - t0;
            e.stop();
            double steps = plantMs / 100.0;
            System.out.printf("round %d: %.0f steps in %.3f s = %.0f steps/s = %.0fx real time (recorder rows %d)%n",
                    round, steps, wall / 1e9, steps / (wall / 1e9), plantMs / 1e3 / (wall / 1e9), e.recorder().size());
        }
    }
}
