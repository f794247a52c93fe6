package io.hilbench.points;

/**
 * Order of 16-bit words and bytes for values wider than one register, named by where the bytes of the
 * big-endian value A B C D land on the wire (PLC4X and most vendor manuals use the same names).
 * <ul>
 *   <li>{@code ABCD}: high word first, big-endian bytes (Modbus default).</li>
 *   <li>{@code CDAB}: low word first ("word swap"), big-endian bytes inside each word.</li>
 *   <li>{@code BADC}: high word first, bytes swapped inside each word.</li>
 *   <li>{@code DCBA}: fully little-endian.</li>
 * </ul>
 * 64-bit values take the same names for their four words W0..W3 (W0 the most significant): {@code ABCD} and
 * {@code BADC} send W0 W1 W2 W3, {@code CDAB} and {@code DCBA} send W3 W2 W1 W0; {@code BADC} and {@code DCBA}
 * also swap the bytes inside each word. One rule for every width: see {@link #logicalWordAt(int, int)}.
 */
public enum WordOrder {
    ABCD(false, false),
    CDAB(true, false),
    BADC(false, true),
    DCBA(true, true);

    private final boolean wordsReversed;
    private final boolean bytesSwapped;

    WordOrder(boolean wordsReversed, boolean bytesSwapped) {
        this.wordsReversed = wordsReversed;
        this.bytesSwapped = bytesSwapped;
    }

    /** True when the least significant word goes first on the wire. */
    public boolean wordsReversed() { return wordsReversed; }

    /** True when the two bytes inside each word are swapped. */
    public boolean bytesSwapped() { return bytesSwapped; }

    /**
     * Which logical word (0 = most significant) travels in wire register {@code wireIndex} of an
     * {@code nWords}-register value.
     */
    public int logicalWordAt(int wireIndex, int nWords) {
        return wordsReversed ? nWords - 1 - wireIndex : wireIndex;
    }

    public static WordOrder parse(String s) {
        for (WordOrder o : values()) {
            if (o.name().equalsIgnoreCase(s)) return o;
        }
        throw new IllegalArgumentException("unknown word order '" + s + "' (expected ABCD, CDAB, BADC or DCBA)");
    }
}
