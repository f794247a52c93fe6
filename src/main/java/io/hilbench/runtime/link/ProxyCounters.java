package io.hilbench.runtime.link;

/**
 * A proxy's counters since it started, one snapshot (each figure read atomically, not all at one instant).
 *
 * @param connectionsAccepted  client connections accepted and forwarded
 * @param connectionsOpen      client connections open now
 * @param connectionsDropped   connections closed by a DROP fault
 * @param upstreamFailures     accepted connections closed because the protocol server behind could not be reached
 * @param bytesToServer        bytes delivered from clients to the server behind
 * @param bytesToClient        bytes delivered from the server behind to clients
 */
public record ProxyCounters(long connectionsAccepted, long connectionsOpen, long connectionsDropped, long upstreamFailures,
                            long bytesToServer, long bytesToClient) {
}
