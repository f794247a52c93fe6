package io.hilbench.adapters.modbus;

import io.hilbench.points.PointTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start, stop and configuration errors: each a clear message (DESIGN §9 "bad input gets a clear error"). */
class ModbusServerLifecycleTest {
    private final PointTable table = TestRig.table();

    @Test
    void aPortAlreadyInUseFailsStartWithTheAddressInTheMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            ModbusTcpServer server = new ModbusTcpServer(table, ModbusServerConfig.of("127.0.0.1", taken.getLocalPort()));
            assertThatThrownBy(server::start).isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            server.stop(); // harmless after a failed start
        }
    }

    @Test
    void portAndEndpointNeedAStartedServerAndAServerStartsOnce() throws Exception {
        ModbusTcpServer server = new ModbusTcpServer(table, ModbusServerConfig.of("127.0.0.1", 0));
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        server.start();
        try {
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
        } finally {
            server.close(); // Lifecycle.close() = stop()
        }
        server.stop(); // idempotent
    }

    @Test
    void invalidConfigValuesAreRefusedWithTheFieldAndTheValue() {
        assertThatThrownBy(() -> new ModbusServerConfig("127.0.0.1", 70000, 8, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be 0..65535, was 70000");
        assertThatThrownBy(() -> new ModbusServerConfig("127.0.0.1", 0, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnections must be >= 1, was 0");
        assertThatThrownBy(() -> new ModbusServerConfig("127.0.0.1", 0, 8, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout must be >= 0");
        assertThatThrownBy(() -> new ModbusServerConfig(" ", 0, 8, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bindAddress must not be empty");
        assertThat(ModbusServerConfig.of("127.0.0.1", 0).maxConnections()).isEqualTo(ModbusServerConfig.DEFAULT_MAX_CONNECTIONS);
    }
}
