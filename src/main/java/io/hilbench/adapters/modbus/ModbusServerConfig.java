package io.hilbench.adapters.modbus;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link ModbusTcpServer}.
 *
 * @param bindAddress    address to listen on, e.g. {@code 127.0.0.1} (the default rig) or {@code 0.0.0.0}
 * @param port           TCP port; 0 = any free port (tests), read the bound one from {@link ModbusTcpServer#port()}
 * @param maxConnections most client connections served at once; each holds one thread. A connection beyond the cap
 *                       is accepted and closed at once (the client sees the close instead of a silent queue)
 * @param idleTimeout    a connection that sends nothing for this long is closed (reaps peers that vanished without
 *                       FIN, e.g. a power-cycled PLC, before they use up the cap); {@link Duration#ZERO} = never
 */
public record ModbusServerConfig(String bindAddress, int port, int maxConnections, Duration idleTimeout) {

    /** Connections a bench usually needs: the controller, a SCADA or engineer's laptop, test masters, and spare. */
    public static final int DEFAULT_MAX_CONNECTIONS = 32;

    public ModbusServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (bindAddress.isBlank()) throw new IllegalArgumentException("bindAddress must not be empty");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
        if (idleTimeout.isNegative()) throw new IllegalArgumentException("idleTimeout must be >= 0, was " + idleTimeout);
        if (idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("idleTimeout must be at most " + Integer.MAX_VALUE + " ms, was " + idleTimeout);
        }
    }

    /** {@link #DEFAULT_MAX_CONNECTIONS} connections, no idle timeout. */
    public static ModbusServerConfig of(String bindAddress, int port) {
        return new ModbusServerConfig(bindAddress, port, DEFAULT_MAX_CONNECTIONS, Duration.ZERO);
    }
}
