package io.hilbench.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * How the paced step loop's thread asks the Linux scheduler to put it on a core sooner when its deadline wait ends.
 *
 * <p>Why: the real-time loop's p99 lateness with browsers on the console is almost all its wake-up (the thread is not on
 * a core when the deadline passes while browsers, console threads or GC run; BENCHMARKS.md, "Real-time loop
 * scheduling"). Two requests, both made by the loop thread for itself:
 * <ul>
 *   <li><b>a short time slice</b> (default, unprivileged): Linux ≥ 6.12 (the EEVDF scheduler) reads
 *       {@code sched_attr.sched_runtime} of a {@code SCHED_OTHER} thread as its requested slice, clamped to
 *       0.1–100 ms (kernel commit 857b158dc5e8, "sched/eevdf: Use sched_attr::sched_runtime to set request/slice
 *       suggestion"). EEVDF picks the eligible task with the earliest virtual deadline, deadline = eligible time +
 *       slice / weight; a short slice gives the waking loop an early deadline, and with the {@code PREEMPT_SHORT}
 *       feature (commit 85e511df3cec, "sched/eevdf: Allow shorter slices to wakeup-preempt") a waking task with a
 *       shorter slice preempts the running one. It is a request for latency, not for more CPU: the share stays the
 *       nice weight's. Older kernels accept the call and ignore the field; that is seen by reading it back
 *       ({@code sched_getattr}) and said;</li>
 *   <li><b>{@code SCHED_FIFO}</b> at a given priority ({@code --rt-priority}, default off): needs
 *       {@code CAP_SYS_NICE} (or an {@code RLIMIT_RTPRIO}); the loop then runs before every normal thread of the
 *       machine. Its spin is bounded by the wake-up guard, and the kernel's RT throttling (95 % of each second by
 *       default) still leaves the rest a core. Refused: the short slice instead, and said.</li>
 * </ul>
 * The thread's nice value is kept as it was (the structure carries it: a set with {@code sched_nice = 0} would renice a
 * thread started under {@code nice}). Where the calls are unavailable (not Linux on x86-64 or AArch64, JNA not
 * loadable, a seccomp filter, a policy other than {@code SCHED_OTHER} already set from outside) the loop runs as before
 * and {@link Outcome#description()} says why.
 *
 * <p>The system calls go through JNA's {@code syscall(2)} binding (glibc has no wrapper for these two):
 * {@code syscall(SYS_sched_setattr, 0 /* this thread *&#47;, &attr, 0)} and
 * {@code syscall(SYS_sched_getattr, 0, &attr, sizeof attr, 0)}; the structure's layout is {@link SchedAttr}.
 */
public final class LoopScheduling {
    /**
     * {@code -Dhilbench.loopSliceUs=N}: the slice asked for, µs (0 = do not ask). Default 300 µs: the kernel's advice is
     * the task's run per period at a high quantile (commit 857b158dc5e8), and the loop's run per step is its wake-up
     * guard's spin (200 µs, {@link DeadlineWait}) plus commit, plant step and publication (p99 0.16–0.21 ms on the
     * lead's quiet machine): a slice shorter than that expires inside the spin, and the loop, its deadline renewed,
     * can be preempted just before its own deadline. Still far below the default slice (0.7 ms × (1 + log2 CPUs):
     * 1.4 ms on 2 cores), which is what gives it the earlier virtual deadline and the wake-up preemption.
     */
    public static final long DEFAULT_SLICE_NS = Math.max(0L, Long.getLong("hilbench.loopSliceUs", 300L)) * 1_000L;
    /** {@code -Dhilbench.rtPriority=N}: SCHED_FIFO priority 1–99 asked for (0 = do not ask; the default). */
    public static final int DEFAULT_RT_PRIORITY = Integer.getInteger("hilbench.rtPriority", 0);

    static final int SCHED_OTHER = 0, SCHED_FIFO = 1;

    // the calling thread's nice value before its first request (a SCHED_FIFO thread reads back nice 0): restore puts it back
    private static final ThreadLocal<Integer> NICE_BEFORE = new ThreadLocal<>();

    private LoopScheduling() {}

    /**
     * What the loop asks for.
     *
     * @param sliceNs    the EEVDF slice, ns (0 = the kernel's default slice)
     * @param rtPriority SCHED_FIFO priority 1–99 (0 = stay SCHED_OTHER)
     */
    public record Request(long sliceNs, int rtPriority) {
        public Request {
            if (sliceNs < 0) throw new IllegalArgumentException("slice must be >= 0 ns, was " + sliceNs);
            if (rtPriority < 0 || rtPriority > 99) throw new IllegalArgumentException("rt priority must be 0 (off) or 1-99, was " + rtPriority);
        }

        /** From {@code -Dhilbench.loopSliceUs} and {@code -Dhilbench.rtPriority}. */
        public static Request defaults() { return new Request(DEFAULT_SLICE_NS, DEFAULT_RT_PRIORITY); }

        /** Ask for nothing: the thread keeps the scheduling it was started with. */
        public static Request none() { return new Request(0, 0); }

        public boolean asksNothing() { return sliceNs == 0 && rtPriority == 0; }

        @Override
        public String toString() {
            if (rtPriority > 0) return "SCHED_FIFO " + rtPriority + (sliceNs > 0 ? " (else slice " + us(sliceNs) + ")" : "");
            return sliceNs > 0 ? "slice " + us(sliceNs) : "default scheduling";
        }
    }

    /**
     * What the thread got.
     *
     * @param applied     true when the kernel holds what was asked (read back)
     * @param sliceNs     the slice read back, ns (0 when unknown or not a fair-class thread)
     * @param rtPriority  the SCHED_FIFO priority read back (0 when the thread is not SCHED_FIFO)
     * @param description one line for the bench's start line and log
     */
    public record Outcome(boolean applied, long sliceNs, int rtPriority, String description) {}

    /** {@code struct sched_attr} (linux/sched/types.h, {@code SCHED_ATTR_SIZE_VER1} = 56 bytes), native byte order. */
    record SchedAttr(int size, int policy, long flags, int nice, int priority, long runtimeNs, long deadlineNs, long periodNs,
                     int utilMin, int utilMax) {
        static final int SIZE_VER0 = 48, SIZE_VER1 = 56;

        /** The 56 bytes the kernel reads, field offsets 0, 4, 8, 16, 20, 24, 32, 40, 48, 52. */
        byte[] encode() {
            ByteBuffer b = ByteBuffer.allocate(SIZE_VER1).order(ByteOrder.nativeOrder());
            b.putInt(0, size).putInt(4, policy).putLong(8, flags).putInt(16, nice).putInt(20, priority)
                    .putLong(24, runtimeNs).putLong(32, deadlineNs).putLong(40, periodNs).putInt(48, utilMin).putInt(52, utilMax);
            return b.array();
        }

        static SchedAttr decode(byte[] bytes) {
            if (bytes.length < SIZE_VER0) throw new IllegalArgumentException("sched_attr is at least " + SIZE_VER0 + " bytes, was " + bytes.length);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
            boolean v1 = bytes.length >= SIZE_VER1;
            return new SchedAttr(b.getInt(0), b.getInt(4), b.getLong(8), b.getInt(16), b.getInt(20), b.getLong(24), b.getLong(32),
                    b.getLong(40), v1 ? b.getInt(48) : 0, v1 ? b.getInt(52) : 0);
        }
    }

    /** The two system calls, or why there are none here. */
    interface Calls {
        /** {@code sched_getattr} of the calling thread; throws {@link IllegalStateException} with errno's name. */
        SchedAttr get();

        /** {@code sched_setattr} of the calling thread; returns 0 or errno. */
        int set(SchedAttr attr);
    }

    /**
     * Applies {@code request} to the calling thread through the native calls, when they load; otherwise says why not.
     * Never throws.
     */
    public static Outcome applyToCurrentThread(Request request) {
        if (request.asksNothing()) return new Outcome(false, 0, 0, "default scheduling (asked for nothing)");
        Calls calls;
        try {
            calls = Native.calls();
        } catch (Throwable unavailable) {
            return new Outcome(false, 0, 0, "default scheduling (" + request + " unavailable: " + reason(unavailable) + ")");
        }
        return apply(request, calls);
    }

    /**
     * Puts the calling thread back to the kernel's default: {@code SCHED_OTHER} with the default slice
     * ({@code sched_runtime = 0} clears a custom slice), its nice value kept. For the loop switching requests (the
     * benchmarks rotate them); does nothing when the native calls never loaded. Never throws.
     */
    public static Outcome restoreDefault() {
        Calls calls;
        try {
            calls = Native.calls();
        } catch (Throwable unavailable) {
            return new Outcome(false, 0, 0, "default scheduling (unavailable: " + reason(unavailable) + ")");
        }
        return restore(calls);
    }

    static Outcome restore(Calls calls) {
        try {
            SchedAttr now = calls.get();
            Integer before = NICE_BEFORE.get();
            int nice = before != null ? before : now.policy() == SCHED_OTHER ? now.nice() : 0;
            int err = calls.set(new SchedAttr(SchedAttr.SIZE_VER1, SCHED_OTHER, 0, nice, 0, 0, 0, 0, 0, 0));
            if (err != 0) return new Outcome(false, 0, 0, "restoring the default scheduling failed: " + Errno.name(err));
            SchedAttr got = calls.get();
            return new Outcome(false, got.runtimeNs(), 0, "default scheduling (restored), nice " + got.nice());
        } catch (RuntimeException e) {
            return new Outcome(false, 0, 0, "restoring the default scheduling failed: " + e.getMessage());
        }
    }

    /** The logic over any {@link Calls} (tests give a fake kernel). */
    static Outcome apply(Request request, Calls calls) {
        SchedAttr now;
        try {
            now = calls.get();
        } catch (RuntimeException e) {
            return new Outcome(false, 0, 0, "default scheduling (sched_getattr failed: " + e.getMessage() + ")");
        }
        if (now.policy() == SCHED_OTHER && NICE_BEFORE.get() == null) NICE_BEFORE.set(now.nice());
        String refused = "";
        if (request.rtPriority() > 0) {
            if (now.policy() == SCHED_FIFO && now.priority() == request.rtPriority()) {
                return new Outcome(true, 0, now.priority(), "SCHED_FIFO priority " + now.priority() + " (already)");
            }
            int err = calls.set(new SchedAttr(SchedAttr.SIZE_VER1, SCHED_FIFO, 0, now.nice(), request.rtPriority(), 0, 0, 0, 0, 0));
            if (err == 0) {
                SchedAttr got = calls.get();
                if (got.policy() == SCHED_FIFO) {
                    return new Outcome(true, 0, got.priority(), "SCHED_FIFO priority " + got.priority() + " (sched_setattr)");
                }
                refused = "SCHED_FIFO " + request.rtPriority() + " not held (policy read back " + got.policy() + "); ";
            } else {
                refused = "SCHED_FIFO " + request.rtPriority() + " refused (" + Errno.name(err) + (err == Errno.EPERM ? ": no CAP_SYS_NICE" : "") + "); ";
            }
        }
        if (request.sliceNs() == 0) return new Outcome(false, 0, 0, "default scheduling (" + refused + "no slice asked)");
        if (now.policy() != SCHED_OTHER) {
            return new Outcome(false, 0, 0, "default scheduling (" + refused + "policy " + now.policy() + " set from outside is kept; no slice set)");
        }
        // keep the nice value (and flags 0): only sched_runtime changes
        SchedAttr want = new SchedAttr(SchedAttr.SIZE_VER1, SCHED_OTHER, 0, now.nice(), 0, request.sliceNs(), 0, 0, 0, 0);
        int err = calls.set(want);
        if (err != 0) return new Outcome(false, 0, 0, "default scheduling (" + refused + "sched_setattr slice: " + Errno.name(err) + ")");
        SchedAttr got;
        try {
            got = calls.get();
        } catch (RuntimeException e) {
            return new Outcome(false, 0, 0, "default scheduling (" + refused + "slice set but not read back: " + e.getMessage() + ")");
        }
        // the kernel clamps to 0.1-100 ms; a kernel without custom slices reports its own (or 0): not what was asked
        long expected = Math.max(100_000L, Math.min(100_000_000L, request.sliceNs()));
        if (got.runtimeNs() != expected) {
            return new Outcome(false, got.runtimeNs(), 0, "default scheduling (" + refused + "the kernel ignored slice " + us(request.sliceNs())
                    + ": read back " + us(got.runtimeNs()) + "; custom slices need Linux >= 6.12)");
        }
        return new Outcome(true, got.runtimeNs(), 0, refused + "EEVDF slice " + us(got.runtimeNs()) + " (sched_setattr, read back), nice " + got.nice());
    }

    /**
     * {@code -Dhilbench.consoleNice=N}: the nice increment the live console's own threads (its HTTP handlers, event
     * streams and ticker) take over what they started with (default 0: leave them). A nice-10 thread weighs 110 against
     * a nice-0 thread's 1024 (kernel/sched/core.c, {@code sched_prio_to_weight}): competing with the step loop for a
     * core it gets about a tenth as much, so the console serves its browsers with what the loop leaves.
     */
    public static final int CONSOLE_NICE = Math.max(0, Math.min(19, Integer.getInteger("hilbench.consoleNice", 0)));

    private static volatile int consoleNice = CONSOLE_NICE;
    // per console thread: {nice it started with, increment applied}
    private static final ThreadLocal<int[]> CONSOLE_APPLIED = new ThreadLocal<>();
    private static final java.util.concurrent.atomic.AtomicBoolean CONSOLE_NICE_SAID = new java.util.concurrent.atomic.AtomicBoolean();

    /** Sets the console threads' nice increment; each takes it at its next task (benchmarks compare it in one run). */
    public static void consoleNice(int increment) {
        if (increment < 0 || increment > 19) throw new IllegalArgumentException("console nice increment 0-19, was " + increment);
        consoleNice = increment;
    }

    public static int consoleNice() { return consoleNice; }

    /**
     * Called by a console thread before each of its tasks: sets its nice value to the one it started with plus
     * {@link #consoleNice()} when that changed ({@code setpriority(PRIO_PROCESS, 0, nice)}: on Linux {@code who = 0}
     * is the calling thread, not the process). Raising needs no privilege; going back down needs
     * {@code CAP_SYS_NICE} (benchmarks). A volatile read when nothing changed; never throws; the first outcome is logged.
     */
    public static void followConsoleNice() {
        int want = consoleNice;
        int[] applied = CONSOLE_APPLIED.get();
        if (applied == null ? want == 0 : applied[1] == want) return;
        String what;
        try {
            Native.LibC c = Native.libc();
            if (applied == null) {
                com.sun.jna.Native.setLastError(0);
                int base = c.getpriority(0 /* PRIO_PROCESS */, 0);
                if (base == -1 && com.sun.jna.Native.getLastError() != 0) throw new IllegalStateException("getpriority: " + Errno.name(com.sun.jna.Native.getLastError()));
                applied = new int[] {base, 0};
                CONSOLE_APPLIED.set(applied);
            }
            int nice = Math.min(19, applied[0] + want);
            if (c.setpriority(0, 0, nice) != 0) {
                what = "nice unchanged (setpriority " + nice + ": " + Errno.name(com.sun.jna.Native.getLastError()) + ")";
            } else {
                what = "nice " + applied[0] + " + " + want + " = " + c.getpriority(0, 0);
            }
            applied[1] = want;   // tried: not again until the increment changes
        } catch (Throwable unavailable) {
            what = "nice unchanged (" + reason(unavailable) + ")";
            CONSOLE_APPLIED.set(new int[] {0, want});
        }
        if (CONSOLE_NICE_SAID.compareAndSet(false, true)) {
            org.slf4j.LoggerFactory.getLogger(LoopScheduling.class).info("console threads: {} (-Dhilbench.consoleNice)", what);
        }
    }

    static String us(long ns) {
        return ns % 1000 == 0 ? (ns / 1000) + " us" : String.format(Locale.ROOT, "%.3f us", ns / 1e3);
    }

    private static String reason(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 160 ? m.substring(0, 160) + "…" : m));
    }

    /** The few errno values the calls return, by name. */
    static final class Errno {
        static final int EPERM = 1, ESRCH = 3, E2BIG = 7, EFAULT = 14, EINVAL = 22, ENOSYS = 38;

        static String name(int errno) {
            return switch (errno) {
                case EPERM -> "EPERM";
                case ESRCH -> "ESRCH";
                case E2BIG -> "E2BIG";
                case EFAULT -> "EFAULT";
                case EINVAL -> "EINVAL";
                case ENOSYS -> "ENOSYS";
                default -> "errno " + errno;
            };
        }
    }

    /** The JNA binding, loaded on first use; its class fails to initialise where JNA or the syscall numbers are missing. */
    static final class Native {
        /** glibc's {@code long syscall(long number, ...)}, {@code getpriority(2)}, {@code setpriority(2)}. */
        public interface LibC extends com.sun.jna.Library {
            long syscall(long number, Object... args);

            int getpriority(int which, int who);

            int setpriority(int which, int who, int prio);
        }

        private static volatile Calls calls;
        private static volatile LibC libc;

        static LibC libc() {
            LibC l = libc;
            if (l == null) {
                synchronized (Native.class) {
                    if (libc == null) {
                        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
                            throw new UnsupportedOperationException("not Linux (" + System.getProperty("os.name") + ")");
                        }
                        libc = com.sun.jna.Native.load("c", LibC.class);
                    }
                    l = libc;
                }
            }
            return l;
        }

        static Calls calls() {
            Calls c = calls;
            if (c == null) {
                synchronized (Native.class) {
                    if (calls == null) calls = load();
                    c = calls;
                }
            }
            return c;
        }

        private static Calls load() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
                throw new UnsupportedOperationException("not Linux (" + System.getProperty("os.name") + ")");
            }
            String arch = System.getProperty("os.arch", "");
            long setNr, getNr;
            switch (arch) {
                case "amd64", "x86_64" -> { setNr = 314; getNr = 315; }   // arch/x86/entry/syscalls/syscall_64.tbl
                case "aarch64" -> { setNr = 274; getNr = 275; }           // include/uapi/asm-generic/unistd.h
                default -> throw new UnsupportedOperationException("no sched_setattr number known for " + arch);
            }
            LibC libc = libc();
            return new Calls() {
                @Override
                public SchedAttr get() {
                    com.sun.jna.Memory m = new com.sun.jna.Memory(SchedAttr.SIZE_VER1);
                    m.clear();
                    // every argument a long: syscall(2) reads each as a full register
                    long r = libc.syscall(getNr, 0L, m, (long) SchedAttr.SIZE_VER1, 0L);
                    if (r != 0) throw new IllegalStateException(Errno.name(com.sun.jna.Native.getLastError()));
                    return SchedAttr.decode(m.getByteArray(0, SchedAttr.SIZE_VER1));
                }

                @Override
                public int set(SchedAttr attr) {
                    byte[] b = attr.encode();
                    com.sun.jna.Memory m = new com.sun.jna.Memory(b.length);
                    m.write(0, b, 0, b.length);
                    long r = libc.syscall(setNr, 0L, m, 0L);
                    return r == 0 ? 0 : com.sun.jna.Native.getLastError();
                }
            };
        }
    }
}
