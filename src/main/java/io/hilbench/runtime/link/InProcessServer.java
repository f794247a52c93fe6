package io.hilbench.runtime.link;

import java.io.IOException;

/**
 * A protocol server living in the bench's own JVM that a {@link FaultProxy} can serve its clients from directly,
 * without a second TCP connection to the server's own port (issue #18 item 5: the loopback hop cost the proxied
 * Modbus path two extra thread hand-offs and four extra system calls per request, and a third of its throughput).
 * The proxy still owns the client's socket and applies every fault to the bytes in both directions exactly as for
 * a server behind TCP: client bytes reach {@link Session#accept} only when the link would have delivered them to a
 * server, and answers handed to {@link Answers} reach the client only when the link would have carried them back.
 *
 * <p>A session is used by one thread at a time (the proxy serialises the calls of one connection), so it needs no
 * locking of its own.
 */
public interface InProcessServer {

    /**
     * Opens a session for one client connection, as the server's own accept would.
     *
     * @param peer the client's address, for logs
     * @return the session, or null when the server refuses the connection (e.g. its connection cap); the proxy then
     *         closes the client's connection, as the server would have closed it
     */
    Session open(String peer);

    /** Where the server's answers go, in order; the bytes are only valid during the call. */
    @FunctionalInterface
    interface Answers {
        void write(byte[] bytes, int offset, int length) throws IOException;
    }

    /** One client connection's state in the server (e.g. a partial frame). */
    interface Session {
        /**
         * Takes bytes the client sent (any split: part of a frame, several frames) and gives the answers to every
         * request they complete to {@code answers}, in order, before returning.
         *
         * @return true to go on; false when the server ends the connection (e.g. the stream lost its framing): the
         *         answers before that point have been given, nothing after it is read
         */
        boolean accept(byte[] bytes, int offset, int length, Answers answers) throws IOException;

        /** Ends the session and releases what it holds (e.g. its connection slot); idempotent. */
        void close();
    }
}
