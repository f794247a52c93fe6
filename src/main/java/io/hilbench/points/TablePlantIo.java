package io.hilbench.points;

import io.hilbench.plant.SignalCatalogue;
import io.hilbench.runtime.PlantIo;
import io.hilbench.runtime.SignalFrame;

import java.util.List;

/**
 * The step loop's {@link PlantIo} over the one {@link PointTable}: publishes frames and the bench status
 * ({@code BENCH.Mode}, {@code BENCH.WatchdogTripped}), samples the live state (never the frozen one a {@code freeze}
 * link fault serves readers) for Ack, heartbeat and actuator values, and forwards the table's "request applied"
 * and event notifications.
 *
 * <p>Failsafe "hold" holds what the actuator commanded at the last sample taken without failsafe, which the loop
 * takes at every commit until the watchdog trips: the value at the moment of the trip.
 */
public final class TablePlantIo implements PlantIo {
    private final PointTable table;
    private final SignalCatalogue catalogue;
    private final int ackPoint;
    private final int heartbeatPoint;
    private volatile TableState held;
    private PointTableListener registered;

    public TablePlantIo(PointTable table, SignalCatalogue catalogue) {
        this.table = table;
        this.catalogue = catalogue;
        this.ackPoint = table.benchPoint(BenchVariable.ACK);
        this.heartbeatPoint = table.benchPoint(BenchVariable.HEARTBEAT);
        this.held = table.liveState();
    }

    @Override
    public void publish(SignalFrame frame, BenchStatus status) {
        table.publish(frame, status.mode().code(), status.watchdogTripped());
    }

    /** One table publish that also sets {@code BENCH.Ack} to {@link #NO_ACK}: no reader sees one without the other. */
    @Override
    public void publishFirst(SignalFrame frame, BenchStatus status) {
        java.util.Map<BenchVariable, Double> bench = new java.util.EnumMap<>(BenchVariable.class);
        bench.put(BenchVariable.MODE, (double) status.mode().code());
        bench.put(BenchVariable.WATCHDOG_TRIPPED, status.watchdogTripped() ? 1.0 : 0.0);
        if (ackPoint >= 0) bench.put(BenchVariable.ACK, (double) NO_ACK);
        table.publish(frame, bench);
    }

    @Override
    public Sample sample(double[] externalInputsSi, boolean failsafe) {
        TableState s = table.liveState();
        if (!failsafe) held = s;
        double[] inputs = table.plantInputsSi(s, catalogue, externalInputsSi, failsafe, held);
        return new Sample(value(s, ackPoint), value(s, heartbeatPoint), inputs);
    }

    @Override
    public double ack() {
        return value(table.liveState(), ackPoint);
    }

    @Override
    public void resetAck() {
        if (ackPoint < 0) return;
        try {
            table.write(List.of(PointWrite.of(ackPoint, (double) NO_ACK)), "bench (start of run)");
        } catch (PointAccessException e) {
            throw new IllegalStateException("BENCH.Ack cannot hold the no-Ack value " + NO_ACK + ": " + e.getMessage(), e);
        }
    }

    private static double value(TableState s, int point) {
        return point < 0 ? Double.NaN : s.value(point);
    }

    @Override
    public boolean hasHeartbeat() { return heartbeatPoint >= 0; }

    @Override
    public boolean hasAck() { return ackPoint >= 0; }

    @Override
    public synchronized void setListener(Listener listener) {
        if (registered != null) table.removeListener(registered);
        registered = new PointTableListener() {
            @Override
            public void written(TableState after, List<PointWrite> writes, String origin) {
                listener.requestApplied();
            }

            @Override
            public void event(String message) {
                listener.event(message);
            }
        };
        table.addListener(registered);
    }
}
