package io.hilbench.adapters.modbus.fuzz;

import io.hilbench.points.Area;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, structure-aware generator of Modbus TCP request streams (no coverage-guided JVM fuzzer resolves here):
 * it builds frames the way a client would and then breaks them where servers break, in the proportions below, so
 * every function code, the quantity and byte-count limits, the PDU length, unit ids, unmapped, read-only and
 * half-covered addresses and the MBAP header fields are all exercised. Same seed, same stream.
 *
 * <ul>
 *   <li>valid reads of mapped ranges (FC1–4), 20 %</li>
 *   <li>reads at boundary starts and quantities (0, 1, the limit, limit + 1, 65535, …), 15 %</li>
 *   <li>refused writes (FC5/6/15/16) at read-only, unmapped and half-covered addresses, bad values, 20 %</li>
 *   <li>length, quantity and byte-count mismatches on every supported function, 15 %</li>
 *   <li>unsupported function codes 0..255 with random PDUs, 10 %</li>
 *   <li>random unit ids, 5 %</li>
 *   <li>random PDU bytes of random length, 5 %</li>
 *   <li>bit flips anywhere in a valid frame, header included (the framing oracle follows shifted lengths), 5 %</li>
 *   <li>a broken MBAP header (protocol id, length 0, 1, 255, 65535), ending the batch, 5 %</li>
 * </ul>
 */
public final class FrameGenerator {
    private static final int[] SUPPORTED = {1, 2, 3, 4, 5, 6, 15, 16};
    private final FrameOracle oracle;
    private final SplittableRandom rnd;
    private final int[] units;
    private int tid;

    public FrameGenerator(FrameOracle oracle, long seed) {
        this.oracle = oracle;
        this.rnd = new SplittableRandom(seed);
        this.units = oracle.units().stream().mapToInt(Integer::intValue).toArray();
        this.tid = rnd.nextInt(65536);
    }

    public SplittableRandom random() { return rnd; }

    /** One request frame (MBAP + PDU); may carry a header the server must close on. */
    public byte[] next() {
        int r = rnd.nextInt(100);
        if (r < 20) return validRead();
        if (r < 35) return boundaryRead();
        if (r < 55) return refusedWrite();
        if (r < 70) return lengthMismatch();
        if (r < 80) return unsupportedFunction();
        if (r < 85) { byte[] f = validRead(); f[6] = (byte) rnd.nextInt(256); return f; }
        if (r < 90) return randomPdu();
        if (r < 95) return bitFlip(validRead());
        return badHeader();
    }

    private int unit() { return units[rnd.nextInt(units.length)]; }

    private Area area(int fc) {
        return switch (fc) {
            case 1, 5, 15 -> Area.COIL;
            case 2 -> Area.DISCRETE_INPUT;
            case 3, 6, 16 -> Area.HOLDING_REGISTER;
            default -> Area.INPUT_REGISTER;
        };
    }

    private int mappedAddress(int unit, Area area) {
        List<Integer> m = oracle.mapped(unit, area);
        return m.isEmpty() ? rnd.nextInt(65536) : m.get(rnd.nextInt(m.size()));
    }

    private byte[] validRead() {
        int fc = 1 + rnd.nextInt(4);
        int unit = unit();
        Area area = area(fc);
        int start = mappedAddress(unit, area);
        int qty = 1;
        int limit = fc <= 2 ? FrameOracle.MAX_READ_BITS : FrameOracle.MAX_READ_REGISTERS;
        // grow the range while it stays mapped (up to a random length)
        int want = 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : limit);
        while (qty < want && oracle.cell(unit, area, start + qty) != null) qty++;
        return frame(unit, pdu(fc, start, qty));
    }

    private int boundary(int limit) {
        int[] b = {0, 1, 2, limit - 1, limit, limit + 1, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF};
        return rnd.nextInt(3) == 0 ? rnd.nextInt(65536) : b[rnd.nextInt(b.length)];
    }

    private byte[] boundaryRead() {
        int fc = 1 + rnd.nextInt(4);
        int limit = fc <= 2 ? FrameOracle.MAX_READ_BITS : FrameOracle.MAX_READ_REGISTERS;
        int unit = unit();
        int start = rnd.nextBoolean() ? mappedAddress(unit, area(fc)) + rnd.nextInt(3) - 1 : boundary(65536);
        return frame(unit, pdu(fc, start & 0xFFFF, boundary(limit) & 0xFFFF));
    }

    private byte[] refusedWrite() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int fc = new int[] {5, 6, 15, 16}[rnd.nextInt(4)];
            int unit = unit();
            Area area = area(fc);
            int start = rnd.nextInt(4) == 0 ? rnd.nextInt(65536) : (mappedAddress(unit, area) + rnd.nextInt(3) - 1) & 0xFFFF;
            byte[] pdu;
            switch (fc) {
                case 5 -> pdu = pdu(5, start, rnd.nextInt(4) == 0 ? rnd.nextInt(65536) : (rnd.nextBoolean() ? 0xFF00 : 0));
                case 6 -> pdu = pdu(6, start, rnd.nextInt(65536));
                case 15 -> {
                    int qty = 1 + rnd.nextInt(rnd.nextBoolean() ? 16 : FrameOracle.MAX_WRITE_COILS);
                    pdu = multi(15, start, qty, (qty + 7) / 8);
                }
                default -> {
                    int qty = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : FrameOracle.MAX_WRITE_REGISTERS);
                    pdu = multi(16, start, qty, 2 * qty);
                }
            }
            byte[] f = frame(unit, pdu);
            if (oracle.answer(unit, f, 7, f.length - 7).kind() != ExpectedAnswer.Kind.WOULD_WRITE) return f;
        }
        return unsupportedFunction();
    }

    private byte[] lengthMismatch() {
        int fc = SUPPORTED[rnd.nextInt(SUPPORTED.length)];
        int unit = unit();
        int start = mappedAddress(unit, area(fc));
        byte[] pdu;
        switch (rnd.nextInt(3)) {
            case 0 -> { // truncated or padded PDU
                byte[] base = fc == 15 || fc == 16 ? multi(fc, start, 2, fc == 15 ? 1 : 4) : pdu(fc, start, 1);
                int len = rnd.nextBoolean() ? rnd.nextInt(base.length) + 1 : base.length + 1 + rnd.nextInt(8);
                pdu = new byte[Math.min(len, 253)];
                System.arraycopy(base, 0, pdu, 0, Math.min(base.length, pdu.length));
                if (len == base.length) pdu = base;
            }
            case 1 -> { // quantity 0 or over the limit
                int limit = switch (fc) {
                    case 1, 2 -> FrameOracle.MAX_READ_BITS;
                    case 3, 4 -> FrameOracle.MAX_READ_REGISTERS;
                    case 15 -> FrameOracle.MAX_WRITE_COILS;
                    case 16 -> FrameOracle.MAX_WRITE_REGISTERS;
                    default -> 1;
                };
                int qty = rnd.nextBoolean() ? 0 : limit + 1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 65535 - limit);
                pdu = fc == 15 || fc == 16 ? multi(fc, start, qty & 0xFFFF, rnd.nextInt(246) + 1) : pdu(fc, start, qty & 0xFFFF);
            }
            default -> { // byte count off by some, or a frame that does not carry it
                int f = rnd.nextBoolean() ? 15 : 16;
                int qty = 1 + rnd.nextInt(f == 15 ? 64 : 32);
                int bc = f == 15 ? (qty + 7) / 8 : 2 * qty;
                int claimed = Math.max(0, Math.min(255, bc + (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(3))));
                pdu = rnd.nextBoolean() ? multi(f, mappedAddress(unit, area(f)), qty, claimed) : withCount(multi(f, start, qty, bc), claimed);
            }
        }
        return frame(unit, pdu);
    }

    private byte[] unsupportedFunction() {
        int fc;
        do { fc = rnd.nextInt(256); } while (isSupported(fc));
        byte[] pdu = new byte[1 + rnd.nextInt(rnd.nextBoolean() ? 6 : 252)];
        for (int i = 1; i < pdu.length; i++) pdu[i] = (byte) rnd.nextInt(256);
        pdu[0] = (byte) fc;
        return frame(unit(), pdu);
    }

    private byte[] randomPdu() {
        byte[] pdu = new byte[1 + rnd.nextInt(253)];
        for (int i = 0; i < pdu.length; i++) pdu[i] = (byte) rnd.nextInt(256);
        if (rnd.nextBoolean()) pdu[0] = (byte) SUPPORTED[rnd.nextInt(SUPPORTED.length)];
        return frame(unit(), pdu);
    }

    private byte[] bitFlip(byte[] f) {
        int flips = 1 + rnd.nextInt(3);
        for (int i = 0; i < flips; i++) f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));
        return f;
    }

    private byte[] badHeader() {
        byte[] f = validRead();
        switch (rnd.nextInt(3)) {
            case 0 -> { int p = 1 + rnd.nextInt(65535); f[2] = (byte) (p >> 8); f[3] = (byte) p; }
            case 1 -> { int l = new int[] {0, 1, 255, 256, 65535}[rnd.nextInt(5)]; f[4] = (byte) (l >> 8); f[5] = (byte) l; }
            default -> { int l = 255 + rnd.nextInt(65536 - 255); f[4] = (byte) (l >> 8); f[5] = (byte) l; }
        }
        return f;
    }

    private static boolean isSupported(int fc) {
        for (int s : SUPPORTED) if (s == fc) return true;
        return false;
    }

    static byte[] pdu(int fc, int a, int b) {
        return new byte[] {(byte) fc, (byte) (a >> 8), (byte) a, (byte) (b >> 8), (byte) b};
    }

    private byte[] multi(int fc, int start, int qty, int byteCount) {
        byte[] p = new byte[6 + byteCount];
        p[0] = (byte) fc;
        p[1] = (byte) (start >> 8);
        p[2] = (byte) start;
        p[3] = (byte) (qty >> 8);
        p[4] = (byte) qty;
        p[5] = (byte) byteCount;
        for (int i = 6; i < p.length; i++) p[i] = (byte) rnd.nextInt(256);
        if (p.length > 253) return java.util.Arrays.copyOf(p, 253);
        return p;
    }

    private static byte[] withCount(byte[] pdu, int count) {
        pdu[5] = (byte) count;
        return pdu;
    }

    /** An MBAP frame around the PDU with the next transaction id. */
    public byte[] frame(int unit, byte[] pdu) {
        tid = (tid + 1) & 0xFFFF;
        byte[] f = new byte[7 + pdu.length];
        f[0] = (byte) (tid >> 8);
        f[1] = (byte) tid;
        int len = pdu.length + 1;
        f[4] = (byte) (len >> 8);
        f[5] = (byte) len;
        f[6] = (byte) unit;
        System.arraycopy(pdu, 0, f, 7, pdu.length);
        return f;
    }

    /** A batch of frames to pipeline in one go; a frame with a broken header, if any, is the last. */
    public List<byte[]> batch(int maxFrames) {
        int n = 1 + rnd.nextInt(maxFrames);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] f = next();
            out.add(f);
        }
        return out;
    }
}
