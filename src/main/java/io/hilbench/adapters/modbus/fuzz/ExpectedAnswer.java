package io.hilbench.adapters.modbus.fuzz;

import java.util.Set;

/**
 * What a correct server answers to one request frame, as {@link FrameOracle} derives it from the Modbus
 * specification and the rig's point map, independently of the server's code.
 *
 * @param kind           a normal response, an exception response, or (framing error) the connection closed
 * @param exceptionCodes the acceptable exception codes (one, except where the specification leaves the order of two
 *                       checks open: see {@link FrameOracle})
 * @param normalLength   a normal response's PDU length
 */
public record ExpectedAnswer(Kind kind, Set<Integer> exceptionCodes, int normalLength) {
    public enum Kind { NORMAL, EXCEPTION, CLOSE, WOULD_WRITE }

    static ExpectedAnswer normal(int pduLength) { return new ExpectedAnswer(Kind.NORMAL, Set.of(), pduLength); }

    static ExpectedAnswer exception(int code) { return new ExpectedAnswer(Kind.EXCEPTION, Set.of(code), 0); }

    static ExpectedAnswer exception(int code, int alsoAcceptable) {
        return new ExpectedAnswer(Kind.EXCEPTION, Set.of(code, alsoAcceptable), 0);
    }

    static final ExpectedAnswer CLOSE = new ExpectedAnswer(Kind.CLOSE, Set.of(), 0);
    /** A write the point map allows: the fuzzer never sends one (it would change the point table). */
    static final ExpectedAnswer WOULD_WRITE = new ExpectedAnswer(Kind.WOULD_WRITE, Set.of(), 0);

    /** The lowest acceptable code, for tallies. */
    public int code() {
        return exceptionCodes.stream().min(Integer::compare).orElse(-1);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NORMAL -> "normal response (" + normalLength + " byte PDU)";
            case EXCEPTION -> "exception " + exceptionCodes.stream().sorted().map(c -> String.format("%02X", c)).toList();
            case CLOSE -> "connection closed";
            case WOULD_WRITE -> "write accepted";
        };
    }
}
