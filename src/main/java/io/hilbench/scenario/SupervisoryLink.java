package io.hilbench.scenario;

import java.io.IOException;
import java.util.List;

/**
 * The bench's connection to the controller's supervisory interface, in engineering values of the rig's controller
 * map (booleans as 0/1). Implementations: {@link OpcUaSupervisoryLink} (Milo client) and
 * {@link ModbusSupervisoryLink} (j2mod master and the map's codecs).
 */
public interface SupervisoryLink extends AutoCloseable {
    /**
     * How long one supervisory request may take. The bench reads the controller's state and alarms into the trace after
     * the Ack (DESIGN §4 item 6); a read that fails leaves NaN in the trace, so a short limit made the trace depend on
     * how busy the machine was (a controller paused for 2 s by a loaded scheduler or a GC is late, not gone). As long as
     * the default Ack timeout: a controller silent longer than that fails the run anyway.
     */
    java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(10);

    /** Reads points in one request where the protocol allows (NaN for a point that could not be read). */
    double[] read(List<String> tags) throws IOException;

    default double read(String tag) throws IOException {
        return read(List.of(tag))[0];
    }

    String readText(String tag) throws IOException;

    void write(String tag, double value) throws IOException;

    /**
     * What the preflight learns of one point: where it is (the protocol's address), why it did not answer, and whether
     * the device answered at all ({@code answered}: an exception response or a Bad status code, so the map does not
     * match the device; otherwise nothing answered: a transport failure or timeout).
     */
    record Probe(String address, String error, boolean answered) {}

    /** Reads one point as the preflight does; empty when it answers with a value. */
    java.util.Optional<Probe> probe(String tag);

    /** "modbus" or "opcua", for messages. */
    String protocol();

    /** Where it is connected, for messages. */
    String describe();

    @Override
    void close();
}
