package io.hilbench.controller;

/**
 * One input tag as a cycle reads it again and again: resolved to its slot in the inputs' layout once, and again only
 * when an {@link Inputs} with another layout comes (a {@link ControllerIo} keeps one layout for all its cycles; inputs
 * built by {@link Inputs#builder} each have their own). Reads exactly what the tag-keyed {@link Inputs} methods of the
 * same name read. Mutable cache: one per controller (component), single-threaded like the controller.
 */
final class InputSlot {
    private final String tag;
    private Object layout;
    private int slot = -1;

    InputSlot(String tag) {
        this.tag = java.util.Objects.requireNonNull(tag, "tag");
    }

    String tag() { return tag; }

    private int slot(Inputs in) {
        Object l = in.layout();
        if (l != layout) {
            slot = in.slot(tag);
            layout = l;
        }
        return slot;
    }

    /** {@link Inputs#has}. */
    boolean has(Inputs in) { return slot(in) >= 0; }

    /** {@link Inputs#value(String)}: NaN when the tag was not read. */
    double value(Inputs in) {
        int s = slot(in);
        return s < 0 ? Double.NaN : in.value(s);
    }

    /** {@link Inputs#isGood(String)}. */
    boolean isGood(Inputs in) {
        int s = slot(in);
        return s >= 0 && in.isGood(s);
    }

    /** {@link Inputs#isTrue(String)}. */
    boolean isTrue(Inputs in) {
        int s = slot(in);
        return s >= 0 && in.isGood(s) && in.value(s) != 0.0;
    }

    /** One slot per tag, e.g. for compressors 1..n: {@code slots[i]} for {@code tag.apply(i + 1)}. */
    static InputSlot[] numbered(int n, java.util.function.IntFunction<String> tag) {
        InputSlot[] s = new InputSlot[n];
        for (int i = 0; i < n; i++) s[i] = new InputSlot(tag.apply(i + 1));
        return s;
    }
}
