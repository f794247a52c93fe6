package io.hilbench.runtime;

import io.hilbench.points.PointWrite;
import io.hilbench.points.TableState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * An in-test controller acting through the point table as a protocol server would: it polls for a new BENCH.Step,
 * reads its inputs from that one pinned state, computes, and writes its outputs with BENCH.Ack = N last in the
 * same request (DESIGN §4 items 2 and 8). The polling is the controller's own scan cycle, not a test wait.
 */
final class TestController implements AutoCloseable {
    interface Logic {
        /** The outputs for step N, read from {@code s}; the Ack is added after them. */
        List<PointWrite> cycle(long step, TableState s, LoopRig rig);

        /** False to leave step N unanswered (a controller that stops responding). */
        default boolean acks(long step) { return true; }
    }

    private final LoopRig rig;
    private final Logic logic;
    private final Thread thread;
    private volatile boolean running = true;
    volatile long cycles;

    TestController(LoopRig rig, Logic logic) {
        this.rig = rig;
        this.logic = logic;
        this.thread = new Thread(this::run, "test-controller");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        int stepPoint = rig.index("BENCH.Step");
        long last = -1;
        while (running) {
            TableState s = rig.table.state();
            long step = (long) s.value(stepPoint);
            if (step != last && logic.acks(step)) {
                List<PointWrite> writes = new ArrayList<>(logic.cycle(step, s, rig));
                writes.add(rig.write("BENCH.Ack", step));
                rig.writeAll(writes);
                last = step;
                cycles++;
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
