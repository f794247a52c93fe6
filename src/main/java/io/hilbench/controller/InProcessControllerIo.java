package io.hilbench.controller;

import io.hilbench.points.BenchVariable;
import io.hilbench.points.PointAccessException;
import io.hilbench.points.PointDefinition;
import io.hilbench.points.PointTable;
import io.hilbench.points.PointWrite;
import io.hilbench.points.TableState;
import io.hilbench.runtime.Quality;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ControllerIo} straight on the plant's {@link PointTable}, in the same process (tests, {@code bench simulate}).
 * Reads pin one table state (so one cycle never sees two steps); a commit is one {@link PointTable#write} holding
 * every actuator, the heartbeat and the Ack, so the plant sees them together. Engineering values and qualities come
 * from the table as they are; there is no wire in between.
 */
public final class InProcessControllerIo implements ControllerIo {
    private static final String ORIGIN = "controller (in-process)";

    private final PointTable table;
    private final Map<String, Integer> inputIndex;
    private final int[] outputPoints;
    private final String[] outputTags;   // tag of each output point, in outputPoints' order
    private final double[] outputMin, outputMax;  // each output point's limits (NaN: none), in outputPoints' order
    private final boolean[] outputBoolean;
    /** The outputs layout {@link #outputSlot} was resolved for (a controller names the same tags every cycle). */
    private Outputs.Layout resolvedLayout;
    /** Slot in {@link #resolvedLayout} of each output point, or -1 (not named: written as 0). */
    private int[] outputSlot;
    /** The last {@code BENCH.Mode} value read and whether it meant lockstep (the label look-up once per change). */
    private double lastModeValue = Double.NaN;
    private boolean lastModeLockstep = true;
    private final int step, time, mode, ack, heartbeat;
    private volatile boolean open;

    public InProcessControllerIo(PointTable table) {
        this.table = Objects.requireNonNull(table, "table");
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < table.points().size(); i++) {
            PointDefinition p = table.point(i);
            if (PlantPointMap.isInput(p)) {
                // interned: the controller's tag constants are then the very keys, and each look-up ends at ==
                index.put(p.tag().intern(), i);
            } else if (PlantPointMap.isOutput(p)) {
                out.add(i);
            }
        }
        this.inputIndex = index;   // tag -> point index; never modified; Inputs exposes it read-only (no wrapper on every look-up)
        this.outputPoints = out.stream().mapToInt(Integer::intValue).toArray();
        this.outputTags = new String[outputPoints.length];
        this.outputMin = new double[outputPoints.length];
        this.outputMax = new double[outputPoints.length];
        this.outputBoolean = new boolean[outputPoints.length];
        for (int k = 0; k < outputPoints.length; k++) {
            PointDefinition p = table.point(outputPoints[k]);
            outputTags[k] = p.tag();
            outputMin[k] = p.min();
            outputMax[k] = p.max();
            outputBoolean[k] = p.isBoolean();
        }
        this.step = table.benchPoint(BenchVariable.STEP);
        this.time = table.benchPoint(BenchVariable.PLANT_TIME_MS);
        this.mode = table.benchPoint(BenchVariable.MODE);
        this.ack = table.benchPoint(BenchVariable.ACK);
        this.heartbeat = table.benchPoint(BenchVariable.HEARTBEAT);
        if (step < 0 || time < 0) throw new IllegalArgumentException("the plant map has no bench.step / bench.plantTimeMs point: the controller has no clock");
    }

    @Override
    public void open() { open = true; }

    @Override
    public boolean isOpen() { return open; }

    @Override
    public BenchClock poll() {
        TableState s = table.state();
        return new BenchClock((long) s.value(step), (long) s.value(time), lockstep(s));
    }

    private boolean lockstep(TableState s) {
        if (mode < 0) return true;
        double code = s.quality(mode) == Quality.BAD ? Double.NaN : s.value(mode);
        if (Double.compare(code, lastModeValue) != 0) {
            lastModeLockstep = PlantPointMap.isLockstep(table.point(mode), code);
            lastModeValue = code;
        }
        return lastModeLockstep;
    }

    @Override
    public Inputs read() {
        TableState s = table.state();
        // the state is immutable: the inputs read it in place (tag -> point index), one pinned step, no copy
        return new Inputs((long) s.value(step), (long) s.value(time), lockstep(s), inputIndex, s);
    }

    @Override
    public void commit(Outputs outputs, int heartbeatValue, long ackValue) throws ControllerIoException {
        int[] slots = slotsFor(outputs.layout());
        // only the actuators whose output image changes: writing a point its own value again changes nothing in the
        // table (the controller clamps into the limits, so no write is refused or clamped there); heartbeat and Ack
        // always go, the Ack last, so the request still commits the step
        TableState image = table.liveState();
        List<PointWrite> writes = new ArrayList<>(outputPoints.length + 2);
        for (int k = 0; k < outputPoints.length; k++) {
            double v = PlantPointMap.clampToLimits(outputMin[k], outputMax[k], outputBoolean[k], slots[k] < 0 ? 0.0 : outputs.value(slots[k]));
            if (Double.compare(v, image.value(outputPoints[k])) != 0) writes.add(PointWrite.of(outputPoints[k], v));
        }
        if (heartbeat >= 0) writes.add(PointWrite.of(heartbeat, heartbeatValue & 0xFFFF));
        if (ack >= 0) writes.add(PointWrite.of(ack, ackValue));
        try {
            table.write(writes, ORIGIN);
        } catch (PointAccessException e) {
            throw new ControllerIoException("plant table refused the controller's outputs: " + e.getMessage(), false, e);
        }
    }

    /** Each output point's slot in the layout, resolved when the layout is not the one of the last commit. */
    private int[] slotsFor(Outputs.Layout layout) {
        if (layout != resolvedLayout) {
            int[] slots = new int[outputPoints.length];
            for (int k = 0; k < outputPoints.length; k++) slots[k] = layout.slot(outputTags[k]);
            outputSlot = slots;
            resolvedLayout = layout;
        }
        return outputSlot;
    }

    @Override
    public long readAck() {
        return ack < 0 ? -1 : (long) table.state().value(ack);
    }

    @Override
    public String describe() { return "in-process point table"; }

    @Override
    public void close() { open = false; }
}
