package io.hilbench.runtime;

/**
 * Something that starts and stops: the emulator loop, the protocol servers, the recorder. Composed in start
 * order and stopped in reverse order (as Milo's two-method Lifecycle); the CLI only wires them.
 */
public interface Lifecycle extends AutoCloseable {
    void start() throws Exception;

    void stop() throws Exception;

    @Override
    default void close() throws Exception {
        stop();
    }

    /**
     * Stops what was started, last first, every one even when one fails, then clears the list; rethrows the first
     * failure (the others are passed to {@code onFailure}, e.g. a logger).
     */
    static void stopInReverse(java.util.List<? extends Lifecycle> started,
                              java.util.function.BiConsumer<Lifecycle, Exception> onFailure) throws Exception {
        Exception first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            Lifecycle l = started.get(i);
            try {
                l.stop();
            } catch (Exception e) {
                if (first == null) first = e;
                onFailure.accept(l, e);
            }
        }
        started.clear();
        if (first != null) throw first;
    }
}
