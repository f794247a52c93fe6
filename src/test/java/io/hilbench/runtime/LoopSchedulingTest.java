package io.hilbench.runtime;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The step loop's scheduling request ({@link LoopScheduling}): the {@code struct sched_attr} layout the kernel reads, the
 * logic over a fake kernel (a 6.12+ one that keeps custom slices, an older one that ignores them, one that refuses
 * SCHED_FIFO), and on this machine's kernel the slice read back with {@code sched_getattr} and a console thread's nice
 * increment read back with {@code getpriority} (skipped, with the reason, where the calls or custom slices are not
 * available).
 */
class LoopSchedulingTest {
    @Test
    void schedAttrIsTheKernels56ByteLayout() {
        var a = new LoopScheduling.SchedAttr(56, 1, 0x10L, -3, 7, 100_000L, 2L, 3L, 4, 5);
        byte[] b = a.encode();
        assertThat(b).hasSize(56);
        ByteBuffer v = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        // linux/sched/types.h: u32 size, u32 sched_policy, u64 sched_flags, s32 sched_nice, u32 sched_priority,
        // u64 sched_runtime, u64 sched_deadline, u64 sched_period, u32 sched_util_min, u32 sched_util_max
        assertThat(v.getInt(0)).isEqualTo(56);
        assertThat(v.getInt(4)).isEqualTo(1);
        assertThat(v.getLong(8)).isEqualTo(0x10L);
        assertThat(v.getInt(16)).isEqualTo(-3);
        assertThat(v.getInt(20)).isEqualTo(7);
        assertThat(v.getLong(24)).isEqualTo(100_000L);
        assertThat(v.getLong(32)).isEqualTo(2L);
        assertThat(v.getLong(40)).isEqualTo(3L);
        assertThat(v.getInt(48)).isEqualTo(4);
        assertThat(v.getInt(52)).isEqualTo(5);
        assertThat(LoopScheduling.SchedAttr.decode(b)).isEqualTo(a);
    }

    /** A kernel in memory: SCHED_OTHER at nice 10 with a 1.4 ms slice (6.12+ reports the slice in sched_runtime). */
    private static final class FakeKernel implements LoopScheduling.Calls {
        boolean customSlices = true;   // false: a kernel before 6.12 (ignores sched_runtime, reads back 0)
        boolean fifoAllowed = false;
        LoopScheduling.SchedAttr state = new LoopScheduling.SchedAttr(56, 0, 0, 10, 0, 1_400_000, 0, 0, 0, 0);
        final List<LoopScheduling.SchedAttr> sets = new ArrayList<>();

        @Override
        public LoopScheduling.SchedAttr get() { return state; }

        @Override
        public int set(LoopScheduling.SchedAttr a) {
            sets.add(a);
            if (a.policy() == LoopScheduling.SCHED_FIFO) {
                if (!fifoAllowed) return LoopScheduling.Errno.EPERM;
                state = new LoopScheduling.SchedAttr(56, 1, 0, 0, a.priority(), 0, 0, 0, 0, 0);
                return 0;
            }
            long slice = !customSlices ? 0 : a.runtimeNs() == 0 ? 1_400_000 : Math.max(100_000, Math.min(100_000_000, a.runtimeNs()));
            state = new LoopScheduling.SchedAttr(56, 0, 0, a.nice(), 0, slice, 0, 0, 0, 0);
            return 0;
        }
    }

    @Test
    void aShortSliceIsSetReadBackAndTheNiceValueKept() {
        FakeKernel k = new FakeKernel();
        LoopScheduling.Outcome o = LoopScheduling.apply(new LoopScheduling.Request(100_000, 0), k);
        assertThat(o.applied()).isTrue();
        assertThat(o.sliceNs()).isEqualTo(100_000);
        assertThat(k.sets).hasSize(1);
        assertThat(k.sets.get(0).nice()).as("a set with nice 0 would renice a thread started under nice").isEqualTo(10);
        assertThat(k.sets.get(0).size()).isEqualTo(56);
        assertThat(o.description()).contains("EEVDF slice 100 us").contains("nice 10");
        // below the kernel's 0.1 ms floor: clamped, and that is what was asked for
        assertThat(LoopScheduling.apply(new LoopScheduling.Request(50_000, 0), new FakeKernel()).applied()).isTrue();
        // back to the default slice
        LoopScheduling.Outcome back = LoopScheduling.restore(k);
        assertThat(k.state.runtimeNs()).isEqualTo(1_400_000);
        assertThat(k.state.nice()).isEqualTo(10);
        assertThat(back.applied()).isFalse();
    }

    @Test
    void aKernelBefore612IgnoresTheSliceAndThatIsSaid() {
        FakeKernel k = new FakeKernel();
        k.customSlices = false;
        LoopScheduling.Outcome o = LoopScheduling.apply(new LoopScheduling.Request(100_000, 0), k);
        assertThat(o.applied()).isFalse();
        assertThat(o.description()).startsWith("default scheduling").contains("ignored").contains("6.12");
    }

    @Test
    void sched_fifoRefusedFallsBackToTheSliceAndSaysSo() {
        FakeKernel k = new FakeKernel();
        LoopScheduling.Outcome o = LoopScheduling.apply(new LoopScheduling.Request(100_000, 20), k);
        assertThat(o.applied()).isTrue();
        assertThat(o.rtPriority()).isZero();
        assertThat(o.description()).contains("SCHED_FIFO 20 refused (EPERM: no CAP_SYS_NICE)").contains("EEVDF slice 100 us");
        FakeKernel allowed = new FakeKernel();
        allowed.fifoAllowed = true;
        LoopScheduling.Outcome fifo = LoopScheduling.apply(new LoopScheduling.Request(100_000, 20), allowed);
        assertThat(fifo.applied()).isTrue();
        assertThat(fifo.rtPriority()).isEqualTo(20);
        assertThat(fifo.description()).startsWith("SCHED_FIFO priority 20");
    }

    @Test
    void aPolicySetFromOutsideIsKept() {
        FakeKernel k = new FakeKernel();
        k.state = new LoopScheduling.SchedAttr(56, 3 /* SCHED_BATCH */, 0, 0, 0, 1_400_000, 0, 0, 0, 0);
        LoopScheduling.Outcome o = LoopScheduling.apply(new LoopScheduling.Request(100_000, 0), k);
        assertThat(o.applied()).isFalse();
        assertThat(k.sets).isEmpty();
        assertThat(o.description()).contains("policy 3 set from outside is kept");
    }

    /** This machine's kernel, on a thread of its own (the test JVM's threads keep their scheduling). */
    @Test
    void onThisKernelTheSliceIsReadBackWithSchedGetattr() throws Exception {
        LoopScheduling.Calls calls;
        try {
            calls = LoopScheduling.Native.calls();
        } catch (Throwable unavailable) {
            Assumptions.abort("the native calls do not load here (" + unavailable + "): the loop runs with default scheduling");
            return;
        }
        int[] version = kernelVersion();
        Assumptions.assumeTrue(version[0] > 6 || (version[0] == 6 && version[1] >= 12),
                "custom EEVDF slices need Linux >= 6.12; this kernel is " + System.getProperty("os.version"));
        AtomicReference<Object[]> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            LoopScheduling.SchedAttr before = calls.get();
            LoopScheduling.Outcome o = LoopScheduling.applyToCurrentThread(new LoopScheduling.Request(300_000, 0));
            LoopScheduling.SchedAttr after = calls.get();
            LoopScheduling.Outcome clamped = LoopScheduling.applyToCurrentThread(new LoopScheduling.Request(20_000, 0));
            LoopScheduling.SchedAttr afterClamp = calls.get();
            LoopScheduling.restoreDefault();
            LoopScheduling.SchedAttr restored = calls.get();
            seen.set(new Object[] {before, o, after, clamped, afterClamp, restored});
        }, "loop-scheduling-test");
        t.start();
        t.join();
        Object[] s = seen.get();
        LoopScheduling.SchedAttr before = (LoopScheduling.SchedAttr) s[0], after = (LoopScheduling.SchedAttr) s[2];
        LoopScheduling.Outcome o = (LoopScheduling.Outcome) s[1];
        assertThat(o.applied()).as(o.description()).isTrue();
        assertThat(after.policy()).isEqualTo(LoopScheduling.SCHED_OTHER);
        assertThat(after.runtimeNs()).as("sched_getattr's sched_runtime: the thread's slice").isEqualTo(300_000);
        assertThat(after.nice()).as("nice kept").isEqualTo(before.nice());
        assertThat(((LoopScheduling.SchedAttr) s[4]).runtimeNs()).as("the kernel's 0.1 ms floor").isEqualTo(100_000);
        assertThat(((LoopScheduling.Outcome) s[3]).applied()).isTrue();
        LoopScheduling.SchedAttr restored = (LoopScheduling.SchedAttr) s[5];
        assertThat(restored.runtimeNs()).as("the default slice again").isEqualTo(before.runtimeNs());
        assertThat(restored.nice()).isEqualTo(before.nice());
    }

    /** The console threads' nice increment, on a thread of its own: raised by the increment, per thread. */
    @Test
    void aConsoleThreadTakesTheNiceIncrementAtItsNextTask() throws Exception {
        LoopScheduling.Native.LibC libc;
        try {
            libc = LoopScheduling.Native.libc();
        } catch (Throwable unavailable) {
            Assumptions.abort("libc does not load through JNA here (" + unavailable + "): console threads keep their nice value");
            return;
        }
        int[] seen = new int[4];
        int before = LoopScheduling.consoleNice();
        Thread t = new Thread(() -> {
            seen[0] = libc.getpriority(0, 0);
            LoopScheduling.followConsoleNice();   // increment 0: untouched
            seen[1] = libc.getpriority(0, 0);
            LoopScheduling.consoleNice(3);
            LoopScheduling.followConsoleNice();
            seen[2] = libc.getpriority(0, 0);
            LoopScheduling.followConsoleNice();   // unchanged increment: nothing more
            seen[3] = libc.getpriority(0, 0);
        }, "console-nice-test");
        try {
            t.start();
            t.join();
        } finally {
            LoopScheduling.consoleNice(before);
        }
        Assumptions.assumeTrue(seen[0] <= 16, "this thread already runs at nice " + seen[0]);
        assertThat(seen[1]).isEqualTo(seen[0]);
        assertThat(seen[2]).as("nice +3 on this thread").isEqualTo(seen[0] + 3);
        assertThat(seen[3]).isEqualTo(seen[0] + 3);
        assertThat(libc.getpriority(0, 0)).as("the test's own thread keeps its nice").isEqualTo(seen[0]);
    }

    /**
     * The paced loop applies its request on its own thread and says what it got; a changed request is taken at the
     * next step (the benchmarks rotate it); lockstep keeps the thread's scheduling.
     */
    @Test
    void thePacedLoopSaysWhatItGotAndLockstepKeepsItsScheduling() throws Exception {
        LoopRig rig = new LoopRig();
        Emulator paced = rig.emulator(EmulatorConfig.defaults().withPacing(Pacing.realtime()).withStepMs(10)
                .withWatchdogTimeoutMs(0).withLatenessP99LimitNs(Long.MAX_VALUE));
        paced.loopScheduling(LoopScheduling.Request.none());
        paced.start();
        try {
            assertThat(paced.loopSchedulingDescription(java.time.Duration.ofSeconds(20))).isEqualTo("default scheduling (asked for nothing: slice 0, no rt priority)");
            paced.loopScheduling(new LoopScheduling.Request(300_000, 0));
            long at = paced.plantTimeMs();
            assertThat(paced.awaitPlantTime(at + 50, java.time.Duration.ofSeconds(20))).isTrue();
            String got = paced.loopSchedulingDescription(java.time.Duration.ofSeconds(1));
            // on a 6.12+ Linux with JNA: the slice read back; elsewhere the reason it runs as before
            assertThat(got).matches("EEVDF slice 300 us \\(sched_setattr, read back\\), nice -?\\d+|default scheduling \\(.+\\)");
        } finally {
            paced.stop();
        }
        LoopRig lockRig = new LoopRig();
        Emulator lockstep = lockRig.emulator(EmulatorConfig.defaults().withWatchdogTimeoutMs(0));
        assertThat(lockstep.loopSchedulingDescription(java.time.Duration.ZERO)).isEqualTo("default scheduling (lockstep does not wait for deadlines)");
    }

    private static int[] kernelVersion() {
        String[] p = System.getProperty("os.version", "0.0").split("[.-]");
        try {
            return new int[] {Integer.parseInt(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 0};
        } catch (NumberFormatException e) {
            return new int[] {0, 0};
        }
    }
}
