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
}
