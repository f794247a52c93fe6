package io.hilbench.adapters.modbus.fuzz;

import io.hilbench.points.Area;
import io.hilbench.points.ModbusAddress;
import io.hilbench.points.PointDefinition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Fuzzes a running Modbus TCP server from outside, over real sockets: {@code clients} connections at once send
 * pipelined batches from {@link FrameGenerator}, split at random byte boundaries over several writes, and check
 * every answer against {@link FrameOracle} (transaction id and unit echoed, normal response of the right size or
 * the expected exception code, or the connection closed on a framing error). Meanwhile one well-formed client reads
 * holding registers in a closed loop and its latency is recorded. Before and after, every writable point is read
 * back: the fuzzer sends only writes the map refuses, so none may have changed. With a process id, the server's
 * threads ({@code /proc/PID/task}) and descriptors ({@code /proc/PID/fd}) are sampled before and after.
 *
 * <p>A hang is an answer not arriving within {@code hangGuardMs} (a guard, not a performance bound).
 */
public final class ModbusFuzzer {

    public record Options(String host, int port, long frames, int clients, long seed, int maxBatch, long pid, int hangGuardMs) {
        public Options {
            if (clients < 1) throw new IllegalArgumentException("clients must be >= 1");
            if (frames < 1) throw new IllegalArgumentException("frames must be >= 1");
            if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be >= 1");
        }
    }

    /** Counts per function code (the first PDU byte of each complete frame), and the failures found. */
    public static final class Result {
        public final long[] tried = new long[256];
        public final long[] normal = new long[256];
        public final long[][] exceptions = new long[256][256];
        public long closes, midFrameDrops, connections, hangs, mismatches, batches;
        public final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        public long[] latencyNs = new long[0];
        public long wellFormedErrors;
        public List<String> changedPoints = List.of();
        public long threadsBefore = -1, threadsAfter = -1, fdsBefore = -1, fdsAfter = -1;
        public long wallMs;

        public long frames() { return Arrays.stream(tried).sum() + closes; }

        public long exceptionsAnswered() {
            long n = 0;
            for (long[] e : exceptions) for (long v : e) n += v;
            return n;
        }

        public boolean leaked() {
            return (threadsBefore >= 0 && threadsAfter > threadsBefore) || (fdsBefore >= 0 && fdsAfter > fdsBefore);
        }

        public boolean passed() {
            return hangs == 0 && mismatches == 0 && wellFormedErrors == 0 && changedPoints.isEmpty() && !leaked();
        }

        public long latencyPercentileNs(double p) {
            if (latencyNs.length == 0) return -1;
            int i = (int) Math.min(latencyNs.length - 1, Math.ceil(p / 100.0 * latencyNs.length) - 1);
            return latencyNs[Math.max(0, i)];
        }

        synchronized void merge(Result r) {
            for (int i = 0; i < 256; i++) {
                tried[i] += r.tried[i];
                normal[i] += r.normal[i];
                for (int c = 0; c < 256; c++) exceptions[i][c] += r.exceptions[i][c];
            }
            closes += r.closes;
            midFrameDrops += r.midFrameDrops;
            connections += r.connections;
            hangs += r.hangs;
            mismatches += r.mismatches;
            batches += r.batches;
        }

        /** The report: per function code, frames tried, normal answers, each exception code; then the verdict lines. */
        public String report() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("%-10s %10s %10s %s%n", "function", "tried", "normal", "exceptions answered"));
            long other = 0, otherNormal = 0;
            Map<Integer, Long> otherEx = new java.util.TreeMap<>();
            for (int fc = 0; fc < 256; fc++) {
                if (tried[fc] == 0) continue;
                boolean supported = fc <= 6 && fc >= 1 || fc == 15 || fc == 16;
                if (!supported) {
                    other += tried[fc];
                    otherNormal += normal[fc];
                    for (int c = 0; c < 256; c++) if (exceptions[fc][c] > 0) otherEx.merge(c, exceptions[fc][c], Long::sum);
                    continue;
                }
                sb.append(String.format("%-10s %10d %10d %s%n", "FC" + fc, tried[fc], normal[fc], codes(exceptions[fc])));
            }
            long[] o = new long[256];
            otherEx.forEach((c, n) -> o[c] = n);
            sb.append(String.format("%-10s %10d %10d %s%n", "others*", other, otherNormal, codes(o)));
            sb.append(String.format("* %d other function codes (of 0, 7-14, 17-255); malformed MBAP headers: %d, each answered by a close%n",
                    Arrays.stream(tried).filter(t -> t > 0).count() - countSupported(), closes));
            sb.append(String.format("frames %d in %d batches over %d connections; closed on framing errors %d; dropped mid-frame %d; %.1f s%n",
                    frames(), batches, connections, closes, midFrameDrops, wallMs / 1e3));
            sb.append(String.format("exceptions answered %d; mismatches %d; hangs %d%n", exceptionsAnswered(), mismatches, hangs));
            sb.append(String.format("well-formed FC3 client: %d requests, %d errors, latency p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    latencyNs.length, wellFormedErrors, latencyPercentileNs(50) / 1e6, latencyPercentileNs(99) / 1e6,
                    latencyNs.length == 0 ? -1 : latencyNs[latencyNs.length - 1] / 1e6));
            sb.append("writable points read back: " + (changedPoints.isEmpty() ? "unchanged" : "CHANGED " + changedPoints) + "\n");
            if (threadsBefore >= 0) {
                sb.append(String.format("server threads %d -> %d, file descriptors %d -> %d: %s%n", threadsBefore, threadsAfter,
                        fdsBefore, fdsAfter, leaked() ? "LEAK" : "no leak"));
            }
            synchronized (failures) {
                for (String f : failures.subList(0, Math.min(20, failures.size()))) sb.append("FAIL ").append(f).append('\n');
            }
            sb.append(passed() ? "fuzz: passed\n" : "fuzz: FAILED\n");
            return sb.toString();
        }

        private long countSupported() {
            long n = 0;
            for (int fc : new int[] {1, 2, 3, 4, 5, 6, 15, 16}) if (tried[fc] > 0) n++;
            return n;
        }

        private static String codes(long[] ex) {
            StringBuilder s = new StringBuilder();
            for (int c = 0; c < 256; c++) {
                if (ex[c] == 0) continue;
                if (s.length() > 0) s.append(", ");
                s.append(String.format("%02X×%d", c, ex[c]));
            }
            return s.length() == 0 ? "-" : s.toString();
        }
    }

    private final FrameOracle oracle;
    private final Options options;

    public ModbusFuzzer(List<PointDefinition> points, Options options) {
        this.oracle = new FrameOracle(points);
        this.options = options;
    }

    public FrameOracle oracle() { return oracle; }

    public Result run() throws InterruptedException, IOException {
        Result total = new Result();
        Map<String, int[]> before = readBackWritable();
        if (options.pid() > 0) {
            total.threadsBefore = count(Path.of("/proc", Long.toString(options.pid()), "task"));
            total.fdsBefore = count(Path.of("/proc", Long.toString(options.pid()), "fd"));
        }
        long t0 = System.nanoTime();
        AtomicBoolean done = new AtomicBoolean();
        LatencyClient wellFormed = new LatencyClient(done);
        Thread lt = new Thread(wellFormed, "fuzz-well-formed");
        lt.start();
        List<Thread> threads = new ArrayList<>();
        List<Result> parts = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            long quota = options.frames() / options.clients() + (i < options.frames() % options.clients() ? 1 : 0);
            Result part = new Result();
            parts.add(part);
            long seed = options.seed() + 0x9E3779B97F4A7C15L * (i + 1);
            Thread t = new Thread(() -> fuzzClient(seed, quota, part, total.failures), "fuzz-client-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        done.set(true);
        lt.join();
        total.wallMs = (System.nanoTime() - t0) / 1_000_000;
        for (Result p : parts) total.merge(p);
        total.latencyNs = wellFormed.sorted();
        total.wellFormedErrors = wellFormed.errors.get();
        if (wellFormed.errors.get() > 0) total.failures.add("well-formed client: " + wellFormed.firstError);
        Map<String, int[]> after = readBackWritable();
        List<String> changed = new ArrayList<>();
        before.forEach((tag, words) -> {
            if (!Arrays.equals(words, after.get(tag))) changed.add(tag + " " + Arrays.toString(words) + " -> " + Arrays.toString(after.get(tag)));
        });
        total.changedPoints = changed;
        if (options.pid() > 0) {
            // the server cleans up closed connections on its own threads: give it time, then judge
            Path proc = Path.of("/proc", Long.toString(options.pid()));
            long deadline = System.nanoTime() + 30_000_000_000L;
            do {
                total.threadsAfter = count(proc.resolve("task"));
                total.fdsAfter = count(proc.resolve("fd"));
                if (!total.leaked()) break;
                Thread.sleep(200);
            } while (System.nanoTime() < deadline);
        }
        return total;
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(options.hangGuardMs());
        s.connect(new InetSocketAddress(options.host(), options.port()), options.hangGuardMs());
        return s;
    }

    private void fuzzClient(long seed, long quota, Result r, List<String> failures) {
        FrameGenerator gen = new FrameGenerator(oracle, seed);
        SplittableRandom rnd = gen.random();
        Socket s = null;
        long sent = 0;
        byte[] head = new byte[7];
        byte[] body = new byte[260];
        try {
            while (sent < quota) {
                if (s == null) {
                    s = connect();
                    r.connections++;
                }
                ByteArrayOutputStream bos = new ByteArrayOutputStream();
                for (byte[] f : gen.batch(options.maxBatch())) bos.writeBytes(f);
                boolean dropMidFrame = rnd.nextInt(50) == 0;
                if (dropMidFrame) { // half a valid frame, then the connection is closed by the client
                    byte[] f = gen.frame(oracle.units().first(), FrameGenerator.pdu(3, 0, 1));
                    bos.write(f, 0, 1 + rnd.nextInt(f.length - 1));
                }
                byte[] stream = bos.toByteArray();
                FrameOracle.Framing framing = oracle.frame(stream, stream.length);
                if (framing.frames().stream().anyMatch(f -> f.expected().kind() == ExpectedAnswer.Kind.WOULD_WRITE)) continue;
                r.batches++;
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                try {
                    // split the stream at random points over several writes (partial frames across segments)
                    int pieces = 1 + rnd.nextInt(4), pos = 0;
                    for (int p = 0; p < pieces && pos < stream.length; p++) {
                        int n = p == pieces - 1 ? stream.length - pos : 1 + rnd.nextInt(stream.length - pos);
                        out.write(stream, pos, n);
                        out.flush();
                        pos += n;
                    }
                    if (pos < stream.length) out.write(stream, pos, stream.length - pos);
                    for (FrameOracle.Frame f : framing.frames()) {
                        int fc = f.functionCode(stream);
                        r.tried[fc]++;
                        sent++;
                        readFully(in, head, 7);
                        int tid = FrameOracle.u16(head, 0), proto = FrameOracle.u16(head, 2), len = FrameOracle.u16(head, 4), unit = head[6] & 0xFF;
                        if (len < 2 || len > 254) throw new IOException("answer with MBAP length " + len);
                        readFully(in, body, len - 1);
                        String fail = check(f, fc, tid, proto, unit, body, len - 1, r);
                        if (fail != null) {
                            r.mismatches++;
                            failures.add(fail + " request " + hex(stream, f.offset(), f.length()));
                        }
                    }
                    if (framing.closes()) {
                        sent++; // the malformed header counts as a frame tried; its answer is the close
                        int b = in.read();
                        if (b >= 0) {
                            r.mismatches++;
                            failures.add("expected the connection closed after a malformed MBAP header, got byte " + b);
                        } else {
                            r.closes++;
                        }
                        s.close();
                        s = null;
                    } else if (framing.pendingBytes() > 0) {
                        r.midFrameDrops++;
                        s.close();
                        s = null;
                    } else if (rnd.nextInt(100) == 0) { // churn: an orderly close now and then
                        s.close();
                        s = null;
                    }
                } catch (SocketTimeoutException e) {
                    sent++;
                    r.hangs++;
                    failures.add("no answer within " + options.hangGuardMs() + " ms to " + hex(stream, 0, stream.length));
                    s.close();
                    s = null;
                } catch (SocketException e) {
                    sent++;
                    if (framing.closes()) { // a reset instead of a FIN is a close too
                        r.closes++;
                    } else {
                        r.mismatches++;
                        failures.add("connection lost unexpectedly (" + e.getMessage() + ") on " + hex(stream, 0, Math.min(stream.length, 64)));
                    }
                    s.close();
                    s = null;
                } catch (EofException e) {
                    sent++;
                    if (framing.closes()) {
                        r.closes++;
                    } else {
                        r.mismatches++;
                        failures.add("connection closed unexpectedly on " + hex(stream, 0, Math.min(stream.length, 64)));
                    }
                    s.close();
                    s = null;
                }
            }
        } catch (IOException e) {
            r.mismatches++;
            failures.add("fuzz client failed: " + e);
        } finally {
            if (s != null) try { s.close(); } catch (IOException ignored) { /* closing */ }
        }
    }

    private static String check(FrameOracle.Frame f, int fc, int tid, int proto, int unit, byte[] pdu, int len, Result r) {
        ExpectedAnswer e = f.expected();
        String what = "FC" + fc + " unit " + f.unit() + ": expected " + e;
        if (tid != f.transactionId() || proto != 0 || unit != f.unit()) {
            return what + ", got transaction " + tid + " protocol " + proto + " unit " + unit;
        }
        int got = pdu[0] & 0xFF;
        switch (e.kind()) {
            case NORMAL -> {
                if (got != fc || len != e.normalLength() || (pdu[1] & 0xFF) != len - 2) return what + ", got " + hex(pdu, 0, len);
                r.normal[fc]++;
            }
            case EXCEPTION -> {
                if (len != 2 || got != (fc | 0x80) || !e.exceptionCodes().contains(pdu[1] & 0xFF)) return what + ", got " + hex(pdu, 0, len);
                r.exceptions[fc][pdu[1] & 0xFF]++;
            }
            default -> { return what + ", got " + hex(pdu, 0, len); }
        }
        return null;
    }

    private static final class EofException extends IOException {
        EofException() { super("end of stream"); }
    }

    private static void readFully(InputStream in, byte[] b, int n) throws IOException {
        int off = 0;
        while (off < n) {
            int k = in.read(b, off, n - off);
            if (k < 0) throw new EofException();
            off += k;
        }
    }

    static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = off; i < off + len; i++) sb.append(String.format("%02x", b[i]));
        return sb.toString();
    }

    /** A well-behaved client (FC3 of a mapped holding-register range) reading in a closed loop while the fuzz runs. */
    private final class LatencyClient implements Runnable {
        final AtomicBoolean done;
        final AtomicLong errors = new AtomicLong();
        volatile String firstError;
        long[] samples = new long[1 << 16];
        int n;

        LatencyClient(AtomicBoolean done) { this.done = done; }

        @Override
        public void run() {
            int unit = oracle.units().first();
            int start = -1, qty = 0;
            for (int u : oracle.units()) {
                List<Integer> hr = oracle.mapped(u, Area.HOLDING_REGISTER);
                if (!hr.isEmpty()) { unit = u; start = hr.get(0); break; }
            }
            if (start < 0) return;
            while (qty < 10 && oracle.cell(unit, Area.HOLDING_REGISTER, start + qty) != null) qty++;
            byte[] req = {0, 0, 0, 0, 0, 6, (byte) unit, 3, (byte) (start >> 8), (byte) start, 0, (byte) qty};
            byte[] resp = new byte[9 + 2 * qty];
            int tid = 0;
            while (!done.get()) {
                try (Socket s = connect()) {
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    while (!done.get()) {
                        tid = (tid + 1) & 0xFFFF;
                        req[0] = (byte) (tid >> 8);
                        req[1] = (byte) tid;
                        long t = System.nanoTime();
                        out.write(req);
                        readFully(in, resp, resp.length);
                        long dt = System.nanoTime() - t;
                        if (FrameOracle.u16(resp, 0) != tid || resp[7] != 3 || (resp[8] & 0xFF) != 2 * qty) {
                            fail("wrong answer " + hex(resp, 0, resp.length));
                            break;
                        }
                        if (n == samples.length) samples = Arrays.copyOf(samples, n * 2);
                        samples[n++] = dt;
                    }
                } catch (IOException e) {
                    fail(e.toString());
                }
            }
        }

        private void fail(String why) {
            if (errors.getAndIncrement() == 0) firstError = why;
        }

        long[] sorted() {
            long[] s = Arrays.copyOf(samples, n);
            Arrays.sort(s);
            return s;
        }
    }

    /** Every writable point's registers or coil, read with a fresh connection. */
    private Map<String, int[]> readBackWritable() throws IOException {
        Map<String, int[]> out = new LinkedHashMap<>();
        try (Socket s = connect()) {
            OutputStream os = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] head = new byte[7];
            byte[] body = new byte[260];
            for (PointDefinition p : oracle.points()) {
                ModbusAddress a = p.modbus();
                if (a == null || !p.clientWritable() || !(a.area() == Area.COIL || a.area() == Area.HOLDING_REGISTER)) continue;
                int fc = a.area() == Area.COIL ? 1 : 3;
                int qty = a.area() == Area.COIL ? 1 : Math.max(1, a.isBitInRegister() ? 1 : a.registerCount());
                byte[] req = {0, 1, 0, 0, 0, 6, (byte) a.unitId(), (byte) fc, (byte) (a.address() >> 8), (byte) a.address(), 0, (byte) qty};
                os.write(req);
                readFully(in, head, 7);
                int len = FrameOracle.u16(head, 4);
                readFully(in, body, len - 1);
                int[] v = new int[len - 1];
                for (int i = 0; i < v.length; i++) v[i] = body[i] & 0xFF;
                if (a.isBitInRegister() && v.length >= 4) v = new int[] {v[0], ((v[2] << 8 | v[3]) >> a.bit()) & 1};
                out.put(p.tag(), v);
            }
        }
        return out;
    }
}
